"""A client generated from the OpenAPI document reads the whole demo catalog without an error.

openapi-python-client (offline: it only reads the document) writes a typed client into tmp_path;
every GET operation of the document is then called through it, as an administrator, against the
app served on 127.0.0.1, with real path parameters (dataset slugs, agency codes, field names,
revision and request numbers…). Each answer must be a 200 parsed into the generated models: a
value the document forgot to declare nullable, a date that is not a date, a list that is null,
all raise in the generated ``from_dict``.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.demo_world import DemoWorld, build_demo_world, fill, iter_gets, served, values_for

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "catalog_client"
CONFIG = {
    # The generator parses neither the workbook's vendor media type nor PDF; to a client, both are bytes.
    "content_type_overrides": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/octet-stream",
        "application/pdf": "application/octet-stream",
    },
    "post_hooks": [],
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DemoWorld:
    return build_demo_world(Path(tmp_path_factory.mktemp("client")))


@pytest.fixture(scope="module")
def base_url(world: DemoWorld) -> Iterator[str]:
    with served(world.app) as url:
        yield url


def generate(spec: dict[str, Any], folder: Path) -> Any:
    (folder / "openapi.json").write_text(json.dumps(spec), encoding="utf-8")
    (folder / "config.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - our own virtualenv's generator, on our own document
        [str(GENERATOR), "generate", "--path", "openapi.json", "--output-path", PACKAGE,
         "--meta", "none", "--config", "config.json"],
        cwd=folder, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))


def module_of(package: Any, tag: str, template: str) -> Any:
    """The generated module of ``GET template``: ``api/<tag>/get_<path in snake case>.py``."""
    name = "get_" + re.sub(r"[^a-z0-9]+", "_", template.lower()).strip("_")
    return importlib.import_module(f"{package.__name__}.api.{tag.lower()}.{name}")


def call_arguments(function: Any, path_values: dict[str, str], query: dict[str, str]) -> dict[str, Any]:
    """Keyword arguments of a generated function: path and required query values, typed."""
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        given = path_values.get(name, query.get(name.removesuffix("_")))
        if given is None:
            continue
        arguments[name] = int(given) if parameter.annotation in (int, "int") else given
    return arguments


def test_a_generated_client_reads_every_get_of_the_demo(world: DemoWorld, base_url: str, tmp_path) -> None:
    admin = world.admin()
    spec = admin.get("/api/openapi.json").json
    package = generate(spec, tmp_path)
    client = package.AuthenticatedClient(base_url=base_url, token=world.admin_token,
                                         raise_on_unexpected_status=True, timeout=60)  # fmt: skip
    models = importlib.import_module(f"{PACKAGE}.models")
    calls, templates = 0, set()
    with client as session:
        for template, values in iter_gets(spec, world.paths):
            url = fill(template, values)
            module = module_of(package, spec["paths"][template]["get"]["tags"][0], template)
            arguments = call_arguments(module.sync_detailed, values, world.queries.get(template, {}))
            response = module.sync_detailed(client=session, **arguments)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            parsed = response.parsed
            assert parsed is not None, url
            assert not isinstance(parsed, models.Error), (url, parsed)
            calls += 1
            templates.add(template)
    documented = {t for t, item in spec["paths"].items() if "get" in item}
    unreached = {t for t in documented - templates if "{" in t and not values_for(world.paths, t)}
    # Only routes whose resources the demo has none of (API tokens have no GET of their own).
    assert unreached == set(), unreached
    assert templates == documented
    assert calls >= 100

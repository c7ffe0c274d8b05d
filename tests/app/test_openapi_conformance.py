"""Schemathesis over the whole API: every response matches what the OpenAPI document says.

Each operation gets generated requests (seeded, so a run is repeatable) against the demo catalog,
half of them with real path parameters (a dataset's slug, one of its fields, a revision number…)
so that real records with their nulls are answered, not only 404s. The checks: no 5xx, a
documented status, the documented content type and headers, and a body that validates against the
documented schema. Once anonymous, once as an administrator.

Writes run too. A write needs the resource's current strong ETag as If-Match, which a generator
cannot guess, so before each write the test GETs the resource the path names and sends its ETag
(unknown resources keep the generated value and get their 404). The administrator's writes
change the demo as they go (the same way on every run: the examples are derandomized), after the
anonymous run has read it untouched. Left out: ``POST /harvest``, which would fetch the generated
URL from the network.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.app.demo_world import API, DemoWorld, build_demo_world, values_for

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 8
ANONYMOUS_WRITES = 2
"""Examples of a write without credentials: each one is the same 401."""
SKIPPED = {("POST", f"{API}/harvest")}
"""Reaches out to the generated URL; tests/vocab covers the harvester against local servers."""
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# The resource whose ETag guards a write under this path (fields, mappings… use the dataset's).
GUARDED_BY = re.compile(rf"^{API}/(?:datasets|agencies|standards)/[^/]+")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DemoWorld:
    return build_demo_world(Path(tmp_path_factory.mktemp("conformance")))


def current_etag(world: DemoWorld, path: str) -> str | None:
    guarded = GUARDED_BY.match(path)
    if guarded is None:
        return None
    response = world.admin().get(guarded.group(0))
    return response.headers.get("ETag") if response.status_code == 200 else None


def with_real_path(operation: Any, world: DemoWorld) -> st.SearchStrategy[Any]:
    """The generated cases, and as many again with real path parameters (and query arguments that
    name real things) from the demo."""
    generated = operation.as_strategy()
    real = values_for(world.paths, operation.path) or [{}]
    query = world.queries.get(operation.path)
    if real == [{}] and query is None:
        return generated

    def place(case: Any, values: dict[str, str]) -> Any:
        case.path_parameters = {**(case.path_parameters or {}), **values}
        if query is not None:
            case.query = {**(case.query or {}), **query}
        return case

    return st.one_of(generated, st.tuples(generated, st.sampled_from(real)).map(lambda pair: place(*pair)))


def run_operation(
    world: DemoWorld, operation: Any, headers: dict[str, str], answered: Counter[str], examples: int
) -> list[str]:
    """The failures of one operation's generated requests; counts its 2xx answers in ``answered``
    (and every request under the key ``"sent"``)."""
    problems: list[str] = []
    label = f"{operation.method.upper()} {operation.path}"

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=with_real_path(operation, world))
    def check(case: Any) -> None:
        # The document describes bodies; schemathesis's WSGI transport does not undo a
        # Content-Encoding as an HTTP client would, so bodies are asked for uncompressed
        # (compression has its own tests: tests/app/test_compression.py).
        sent = {**headers, "Accept-Encoding": "identity"}
        if case.method.upper() in WRITES and headers:
            etag = current_etag(world, case.formatted_path)
            if etag is not None:
                sent["If-Match"] = etag
        try:
            response = case.call(headers=sent)
            answered["sent"] += 1
            if response.status_code < 300:
                answered[label] += 1
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:  # every failure is collected, then reported together
            problems.append(f"{label} {case.formatted_path}: {type(failure).__name__}: {str(failure)[:1500]}")

    check()
    return problems


def operations(world: DemoWorld) -> list[Any]:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", world.app)
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if (op.method.upper(), op.path) not in SKIPPED]


ROLES: dict[str, Callable[[DemoWorld], dict[str, str]]] = {
    "anonymous": lambda world: {},
    "administrator": lambda world: {"Authorization": f"Bearer {world.admin_token}"},
}


@pytest.mark.parametrize("role", ROLES)
def test_every_response_matches_the_document(world: DemoWorld, role: str) -> None:
    found = operations(world)
    assert len(found) >= 70, "the document lost operations"
    answered: Counter[str] = Counter()
    headers = ROLES[role](world)
    problems = [
        problem
        for op in found
        for problem in run_operation(
            world, op, headers, answered,
            MAX_EXAMPLES if headers or op.method.upper() not in WRITES else ANONYMOUS_WRITES,
        )
    ]  # fmt: skip
    assert not problems, f"{len(problems)} responses break the document:\n\n" + "\n\n".join(problems[:15])
    if role == "administrator":
        # Real data was read, not only 404s: every GET answered with a success at least once.
        gets = {f"GET {op.path}" for op in found if op.method.upper() == "GET"}
        assert sorted(gets - set(answered)) == []
    # Hypothesis ran the examples asked for (a few operations have fewer distinct inputs).
    assert answered["sent"] >= 4 * len(found), answered["sent"]

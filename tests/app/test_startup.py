"""What starting a process costs: no heavy module or computation before it is needed.

The figures are in benchmarks/startup.py; these tests keep the rules that make them, by looking
at what a fresh interpreter has imported (not at the clock, which a busy machine would fool).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import LAZY_COMMANDS, main

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says

HEAVY_FOR_SERVING = ("pyshacl", "openpyxl", "rdflib.plugins.sparql", "alembic")
"""Loaded on first use (validation, spreadsheets, migrations), never by create_app."""


def imported_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_catalog_help_imports_neither_flask_nor_the_application() -> None:
    modules = imported_after("from app.cli import main")
    assert "app.cli" in modules
    loaded = {m for m in modules if m.split(".")[0] in {"flask", "sqlalchemy", "rdflib", "marshmallow"}}
    assert not loaded, f"importing app.cli loads {sorted(loaded)[:5]}"
    assert "app.factory" not in modules


def test_create_app_leaves_heavy_modules_to_their_first_use(tmp_path: Path) -> None:
    env = {
        "CATALOG_INSTANCE_PATH": str(tmp_path),
        "CATALOG_DATABASE_URL": f"sqlite:///{tmp_path / 'startup.db'}",
        "CATALOG_SEARCH_ENGINE": "database",
    }
    modules = imported_after("from app import create_app\ncreate_app()", env)
    assert "app.factory" in modules
    for heavy in HEAVY_FOR_SERVING:
        assert heavy not in modules, f"create_app imports {heavy}"
    # The parsed vocabularies were stored for the next process.
    assert list((tmp_path / "cache").glob("vocabularies-*.json"))


def test_signing_in_module_computes_no_hash_at_import() -> None:
    code = (
        "import argon2\n"
        "calls = []\n"
        "original = argon2.PasswordHasher.hash\n"
        "argon2.PasswordHasher.hash = lambda self, *a, **k: calls.append(1) or original(self, *a, **k)\n"
        "import dictionary.services.signin\n"
        "assert not calls, 'a hash was computed at import'\n"
    )
    assert "dictionary.services.signin" in imported_after(code)


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_the_listed_help_of_a_lazy_command_is_its_own(name: str) -> None:
    context = click.Context(main)
    command = main.get_command(context, name)
    assert command is not None
    assert command.help is not None
    assert command.help.split("\n\n")[0].strip() == LAZY_COMMANDS[name][1]


def test_every_command_is_listed_and_runs_its_own_help() -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["--help"])
    assert listed.exit_code == 0, listed.output
    for name in (*LAZY_COMMANDS, "db", "demo", "openapi", "serve"):
        assert f"\n  {name} " in listed.output
        own = runner.invoke(main, [name, "--help"])
        assert own.exit_code == 0, own.output
        assert f"catalog {name}" in own.output or f"main {name}" in own.output
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2

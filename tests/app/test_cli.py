"""The ``catalog`` command as a user runs it: migrate, write the OpenAPI document, serve."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "CATALOG_INSTANCE_PATH": str(tmp_path),
        "CATALOG_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def test_db_upgrade_and_openapi(env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    upgraded = runner.invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert (tmp_path / "cli.db").exists()
    written = runner.invoke(main, ["openapi", str(tmp_path / "openapi.json")])
    assert written.exit_code == 0, written.output
    spec = json.loads((tmp_path / "openapi.json").read_text())
    assert "/api/v1/datasets" in spec["paths"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_gunicorn_with_several_workers(env: dict[str, str]) -> None:
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own console script
        [
            sys.executable,
            "-c",
            "from app.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/datasets", timeout=2
                ) as response:
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert body == []
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "gunicorn" in output.lower()
    assert output.lower().count("booting worker") == 2

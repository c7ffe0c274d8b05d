"""The ``catalog`` command as a user runs it: migrate, write the OpenAPI document, serve."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from app import cli
from app.cli import main
from app.config import DEFAULT_SECRET, Settings, serve_refusal
from app.extension import catalog_of

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says


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


def _status(url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_serve_runs_gunicorn_with_several_workers(env: dict[str, str]) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    created = runner.invoke(
        main,
        [
            "users",
            "create",
            "--email",
            "qt@lamdong.gov.vn",
            "--name",
            "QT",
            "--role",
            "admin",
            "--no-password",
        ],
    )
    assert created.exit_code == 0, created.output
    issued = runner.invoke(main, ["tokens", "create", "--email", "qt@lamdong.gov.vn", "--name", "serve"])
    assert issued.exit_code == 0, issued.output
    token = issued.stdout.strip()
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
        env={**os.environ, **env, "CATALOG_SECRET_KEY": "a-random-secret-for-this-test-" + "7" * 20},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60  # a loaded machine may take more than 10 s to boot it
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/datasets", timeout=2
                ) as response:
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert body == []
        # Each worker answers each caller as itself: nothing of one request (the caller, the
        # database session) may survive into the next one the same worker serves.
        me = f"http://127.0.0.1:{port}/api/v1/me"
        statuses = [(_status(me, token), _status(me)) for _ in range(20)]
        assert statuses == [(200, 401)] * 20
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "gunicorn" in output.lower()
    assert output.lower().count("booting worker") == 2


def test_demo_accounts_print_one_password_once_and_sign_in(env: dict[str, str]) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    loaded = runner.invoke(main, ["demo", "load"])
    assert loaded.exit_code == 0, loaded.output
    made = runner.invoke(main, ["demo", "accounts"])
    assert made.exit_code == 0, made.output
    lines = made.stdout.splitlines()
    password = lines[-2].rsplit(": ", 1)[1]
    assert lines[-2].startswith("Password") and lines[-1].startswith("==="), "the sign-in details come last"
    assert len(password) >= 12 and made.stdout.count("@demo.lamdong.gov.vn") == 5
    again = runner.invoke(main, ["demo", "accounts"])
    assert again.exit_code == 0 and password not in again.stdout, "shown once, never again"
    assert "users set-password" in again.stdout, "says how to set a new one"

    from app import create_app

    app = create_app()
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        csrf = session["csrf"]
    signed_in = client.post(
        "/login", data={"email": "daumoi.yte@demo.lamdong.gov.vn", "password": password, "csrf_token": csrf}
    )
    assert signed_in.status_code == 303
    me = client.get("/api/v1/me").json
    assert me["auth"] == "session" and me["user"]["email"] == "daumoi.yte@demo.lamdong.gov.vn"
    assert [(m["agency"], m["role"]) for m in me["user"]["memberships"]] == [("H68.11", "steward")]
    catalog_of(app).engine.dispose()


def test_no_demo_accounts_in_production(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOG_ENV", "production")
    monkeypatch.setenv("CATALOG_SECRET_KEY", "x" * 40)
    refused = CliRunner().invoke(main, ["demo", "accounts"])
    assert refused.exit_code != 0 and "not for production" in refused.output


# The development secret ------------------------------------------------------------------


def test_the_development_secret_needs_development_mode_asked_for() -> None:
    default = Settings()
    assert default.secret_key == DEFAULT_SECRET and default.env == "development"
    assert "CATALOG_SECRET_KEY" in serve_refusal(default, {})  # CATALOG_ENV unset is not enough
    assert serve_refusal(default, {"CATALOG_ENV": "testing"}) is not None
    assert serve_refusal(default, {"CATALOG_ENV": "development"}) is None
    assert serve_refusal(default, {}, dev=True) is None
    assert serve_refusal(Settings(secret_key="kort"), {}) is not None  # short: no better
    assert serve_refusal(Settings(secret_key="r" * 32), {}) is None


@pytest.fixture
def served(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """No development environment asked for, and a gunicorn that only notes that it was started."""
    monkeypatch.delenv("CATALOG_ENV", raising=False)
    monkeypatch.delenv("CATALOG_SECRET_KEY", raising=False)
    started: list[dict[str, object]] = []
    monkeypatch.setattr(cli._Gunicorn, "run", staticmethod(lambda _app, options: started.append(options)))
    return started


def test_serve_refuses_the_development_secret(served: list[dict[str, object]]) -> None:
    refused = CliRunner().invoke(main, ["serve", "--port", "5999"])
    assert refused.exit_code == 1 and "CATALOG_SECRET_KEY" in refused.output
    assert served == []


@pytest.mark.parametrize(
    ("args", "environ"),
    [
        (["--dev"], {}),
        ([], {"CATALOG_ENV": "development"}),
        ([], {"CATALOG_SECRET_KEY": "s" * 40}),
    ],
)
def test_serve_starts_in_explicit_development_mode_or_with_a_secret(
    served: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch, args: list[str], environ: dict[str, str]
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    started = CliRunner().invoke(main, ["serve", "--port", "5999", *args])
    assert started.exit_code == 0, started.output
    assert [options["bind"] for options in served] == ["127.0.0.1:5999"]


def test_the_wsgi_entry_point_refuses_the_development_secret(env: dict[str, str]) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("CATALOG_ENV", "CATALOG_SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", "import app.wsgi"],
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "CATALOG_SECRET_KEY" in result.stderr


def test_make_run_serves_in_explicit_development_mode() -> None:
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert "catalog serve --dev " in makefile


def _sign_in(client: FlaskClient, email: str, password: str) -> int:
    client.get("/login")
    with client.session_transaction() as session:
        csrf = session["csrf"]
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": csrf})
    return response.status_code


def test_set_password_reads_a_prompt_or_stdin_and_ends_the_sessions(env: dict[str, str]) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    email = "canbo@lamdong.gov.vn"
    created = runner.invoke(
        main,
        ["users", "create", "--email", email, "--name", "Cán bộ", "--role", "approver", "--password-stdin"],
        input="mat-khau-cu-123\n",
    )
    assert created.exit_code == 0, created.output
    from app import create_app

    app = create_app()
    old_session = app.test_client()
    assert _sign_in(old_session, email, "mat-khau-cu-123") == 303
    assert old_session.get("/api/v1/me").json["auth"] == "session"

    prompted = runner.invoke(
        main, ["users", "set-password", "--email", email], input="mat-khau-moi-456\nmat-khau-moi-456\n"
    )
    assert prompted.exit_code == 0, prompted.output
    assert "mat-khau-moi-456" not in prompted.stdout, "a prompt hides what is typed"
    assert old_session.get("/api/v1/me").json.get("auth") != "session", "the old session ended"
    assert _sign_in(app.test_client(), email, "mat-khau-cu-123") != 303
    assert _sign_in(app.test_client(), email, "mat-khau-moi-456") == 303

    piped = runner.invoke(
        main, ["users", "set-password", "--email", email, "--password-stdin"], input="ngan\n"
    )
    assert piped.exit_code != 0 and "password" in piped.output, "a short password is refused, naming it"
    unknown = runner.invoke(main, ["users", "set-password", "--email", "khong@co.vn", "--password-stdin"],
                            input="mat-khau-moi-789\n")  # fmt: skip
    assert unknown.exit_code != 0
    users = main.commands["users"]
    assert isinstance(users, click.Group)
    options = {param.name for param in users.commands["set-password"].params}
    assert options == {"email", "password_stdin"}, "no option takes the password itself (argv is public)"

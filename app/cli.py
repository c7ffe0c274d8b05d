"""The ``catalog`` command: database, demo catalog, production server."""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click
from flask import Flask
from flask.cli import ScriptInfo, with_appcontext
from sqlalchemy import select

from app import create_app
from app.cli_accounts import COMMANDS as accounts_commands
from app.cli_dcat import export_group, harvest, validate_group
from app.cli_governance import governance_group
from app.cli_import import import_group
from app.cli_search import search_group
from app.config import serve_refusal
from app.extension import catalog_of
from app.wiring import Services
from dictionary import migrations
from dictionary.services.audit import AuditContext, set_context


@contextmanager
def cli_services(actor: str = "cli") -> Iterator[Services]:
    """Services for a command, with a session of their own."""
    session = catalog_of().sessionmaker()
    set_context(session, AuditContext(f"cli:{actor}"))  # who to name in the audit log
    try:
        yield Services(catalog_of().context(session, actor=actor))
    finally:
        session.close()


@click.group()
@click.pass_context
def main(context: click.Context) -> None:
    """Shared Data Catalog: the catalog and data dictionary of the province's shared databases.

    Settings come from CATALOG_* environment variables (see the README).
    """
    apps: list[Flask] = []

    def load_app() -> Flask:
        app = create_app()
        apps.append(app)
        return app

    def dispose_engines() -> None:
        # Close pooled connections when the command ends, not when the garbage collector
        # gets to them (which matters when commands run inside another process: the tests).
        for app in apps:
            catalog_of(app).engine.dispose()

    context.obj = ScriptInfo(create_app=load_app, set_debug_flag=False)
    context.call_on_close(dispose_engines)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Create or migrate the schema to REVISION (default: the newest)."""
    migrations.upgrade(catalog_of().engine, revision)
    click.echo(f"Database at {revision}: {catalog_of().settings.resolved_database_url}")


@db.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the schema back to REVISION."""
    migrations.downgrade(catalog_of().engine, revision)


@main.group()
def demo() -> None:
    """The demo catalog (Lâm Đồng after the 2025 mergers)."""


@demo.command("load")
@with_appcontext
def demo_load() -> None:
    """Load the demo agencies, standards, datasets, fields and mappings (into an empty catalog)."""
    from dictionary.demo import load_demo

    with cli_services("demo") as svc:
        summary = load_demo(svc.ctx, skip_if_present=True)
    click.echo(summary)


DEMO_ACCOUNTS = (
    ("quantri@demo.lamdong.gov.vn", "Quản trị hệ thống (demo)", None, "admin"),
    ("pheduyet@demo.lamdong.gov.vn", "Chuyên viên Văn phòng UBND tỉnh (demo)", None, "approver"),
    ("daumoi.yte@demo.lamdong.gov.vn", "Đầu mối dữ liệu Sở Y tế (demo)", "H68.11", "steward"),
    ("bientap.yte@demo.lamdong.gov.vn", "Biên tập viên Sở Y tế (demo)", "H68.11", "editor"),
    ("canbo.nongnghiep@demo.lamdong.gov.vn", "Cán bộ Sở Nông nghiệp và MT (demo)", "H68.06", "editor"),
)
"""Who to sign in as to try the staff pages: one of each kind of user, in two departments."""


@demo.command("accounts")
@with_appcontext
def demo_accounts() -> None:
    """Create demo users sharing one random password, printed once (never in production)."""
    from dictionary.models import Principal
    from dictionary.models.accounts import AGENCY_ROLES
    from dictionary.services.accounts import AccountService

    if catalog_of().settings.env == "production":
        raise click.ClickException("Demo accounts are for trying the catalog, not for production")
    password = secrets.token_urlsafe(12)
    created = []
    with cli_services("demo") as svc:
        accounts = AccountService(svc.ctx)
        for email, name, agency, role in DEMO_ACCOUNTS:
            if svc.ctx.session.scalar(select(Principal.id).where(Principal.email == email)):
                continue
            agency_role = role in AGENCY_ROLES
            accounts.create(
                email=email,
                name=name,
                agency=agency,
                role=role if agency_role else None,
                global_role=None if agency_role else role,
                password=password,
            )
            created.append(f"  {email:<40} {role}{' of ' + agency if agency else ''}")
    rule = "=" * 72
    if not created:
        click.echo(
            f"{rule}\nDemo accounts exist already; their password was printed when they were made.\n"
            "Set a new one with: .venv/bin/catalog users set-password --email quantri@demo.lamdong.gov.vn\n"
            + "\n".join(f"  {email:<40} {role}{' of ' + agency if agency else ''}"
                        for email, _name, agency, role in DEMO_ACCOUNTS)
            + f"\n{rule}"
        )  # fmt: skip
        return
    click.echo(f"{rule}\nSign in at http://127.0.0.1:5000/login with any of these demo accounts")
    click.echo("\n".join(created))
    click.echo(f"Password (the same for all, shown only now): {password}\n{rule}")


@main.command("openapi")
@click.argument("output", type=click.File("w"), default="-")
@with_appcontext
def openapi(output: TextIO) -> None:
    """Write the OpenAPI document of the REST API (to OUTPUT, default standard output)."""
    api = catalog_of().api
    assert api is not None, "create_app registers the API"
    spec = api.spec.to_dict()
    json.dump(spec, output, ensure_ascii=False, indent=2, sort_keys=True)  # stable, to diff the snapshot
    output.write("\n")


class _Gunicorn:
    """gunicorn's embedding API, so ``catalog serve`` runs a real multi-worker server."""

    @staticmethod
    def run(app: Flask, options: dict[str, Any]) -> None:
        from gunicorn.app.base import BaseApplication

        class Application(BaseApplication):
            def load_config(self) -> None:
                for key, value in options.items():
                    self.cfg.set(key, value)

            def load(self) -> Flask:  # type: ignore[override]  # types-gunicorn: start_response lacks exc_info
                # Each worker opens its own connections; none may be shared across the fork.
                catalog_of(app).engine.dispose(close=False)
                return app

        Application().run()


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=min(4, multiprocessing.cpu_count() * 2), show_default=True, type=int)
@click.option("--timeout", default=60, show_default=True, type=int)
@click.option("--dev", is_flag=True, help="Development mode: allow the public development secret key.")
@click.pass_obj
def serve(info: ScriptInfo, host: str, port: int, workers: int, timeout: int, dev: bool) -> None:  # noqa: PLR0917
    """Serve the catalog with gunicorn (several worker processes), not Flask's development server.

    Refuses the public development secret key unless --dev or CATALOG_ENV=development says so.
    """
    # No app context may be pushed here: the workers would inherit it, and Flask reuses a pushed
    # context for every request instead of a fresh one, sharing ``g`` (the caller, the database
    # session) from one request to the next.
    app = info.load_app()
    refusal = serve_refusal(catalog_of(app).settings, os.environ, dev=dev)
    if refusal is not None:
        raise click.ClickException(refusal)
    click.echo(f"Serving the catalog on http://{host}:{port} with {workers} workers")
    _Gunicorn.run(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "timeout": timeout,
            "accesslog": "-",
            "preload_app": False,
        },
    )


main.add_command(export_group)
main.add_command(validate_group)
main.add_command(harvest)
main.add_command(import_group)
main.add_command(search_group)
main.add_command(governance_group)
for _command in accounts_commands:
    main.add_command(_command)

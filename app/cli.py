"""The ``catalog`` command: database, demo catalog, production server.

Starting a command must stay cheap (``catalog --help`` in a fraction of a second): this module
imports only click and Flask's CLI helpers at the top, the other command groups are imported when
they are run (:class:`LazyGroup`), and the application itself is created by the command that needs it.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

import click

if TYPE_CHECKING:
    from flask import Flask
    from flask.cli import ScriptInfo

    from app.wiring import Services


@contextmanager
def cli_services(actor: str = "cli") -> Iterator[Services]:
    """Services for a command, with a session of their own."""
    from app.extension import catalog_of
    from app.wiring import Services
    from dictionary.services.audit import AuditContext, set_context

    session = catalog_of().sessionmaker()
    set_context(session, AuditContext(f"cli:{actor}"))  # who to name in the audit log
    try:
        yield Services(catalog_of().context(session, actor=actor))
    finally:
        session.close()


def with_appcontext(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``command`` inside the application context, like Flask's decorator of that name.

    Ours imports Flask when the command runs, not when this module is imported.
    """

    @functools.wraps(command)
    def in_app_context(*args: Any, **kwargs: Any) -> Any:
        from flask.cli import ScriptInfo

        info = click.get_current_context().ensure_object(ScriptInfo)
        with info.load_app().app_context():
            return command(*args, **kwargs)

    return in_app_context


class LazyGroup(click.Group):
    """A group whose subcommands from other modules are imported only when one of them runs.

    ``lazy`` maps a command name to ``("module:attribute", short help)``; the help is what
    ``catalog --help`` lists, so listing the commands imports none of them
    (tests/app/test_cli.py checks that it says what the command's own docstring says).
    """

    def __init__(self, *args: Any, lazy: Mapping[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name][0].partition(":")
            command = getattr(import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{module}:{attribute} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                listed = click.Command(name, help=self.lazy[name][1])  # shortened as click shortens
                rows.append((name, listed.get_short_help_str(limit)))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


LAZY_COMMANDS = {
    "audit": ("app.cli_accounts:audit", "The hash-chained audit log."),
    "export": ("app.cli_dcat:export_group", "Export the catalog."),
    "harvest": (
        "app.cli_harvest:harvest",
        "Harvest other catalogs: catalog harvest URL, or the stored sources (catalog harvest sources …).",
    ),
    "governance": (
        "app.cli_governance:governance_group",
        "Deadlines of access requests, escalations and e-mail.",
    ),
    "import": ("app.cli_import:import_group", "Import into the catalog from files."),
    "search": ("app.cli_search:search_group", "Search index: rebuild, status, sync."),
    "terms": ("app.cli_terms:terms_group", "The shared data dictionary: terms from and to spreadsheets."),
    "tokens": ("app.cli_accounts:tokens", "API tokens (shown once, stored hashed)."),
    "users": ("app.cli_accounts:users", "Accounts of staff, approvers, administrators and systems."),
    "validate": ("app.cli_dcat:validate_group", "Validate the catalog."),
}
"""The commands of the other ``app.cli_*`` modules: where each lives and its first docstring line."""


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS)
@click.pass_context
def main(context: click.Context) -> None:
    """Shared Data Catalog: the catalog and data dictionary of the province's shared databases.

    Settings come from CATALOG_* environment variables (see the README).
    """
    apps: list[Flask] = []

    def load_app() -> Flask:
        from app import create_app

        app = create_app()
        apps.append(app)
        return app

    def dispose_engines() -> None:
        # Close pooled connections when the command ends, not when the garbage collector
        # gets to them (which matters when commands run inside another process: the tests).
        from app.extension import catalog_of

        for app in apps:
            catalog_of(app).engine.dispose()

    from flask.cli import ScriptInfo

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
    from app.extension import catalog_of
    from dictionary import migrations

    migrations.upgrade(catalog_of().engine, revision)
    click.echo(f"Database at {revision}: {catalog_of().settings.resolved_database_url}")


@db.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the schema back to REVISION."""
    from app.extension import catalog_of
    from dictionary import migrations

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
    from sqlalchemy import select

    from app.extension import catalog_of
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
    from app.extension import catalog_of

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
                from app.extension import catalog_of

                # Each worker opens its own connections; none may be shared across the fork.
                catalog_of(app).engine.dispose(close=False)
                return app

        Application().run()


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=min(4, (os.cpu_count() or 1) * 2), show_default=True, type=int)
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
    from app.config import serve_refusal
    from app.extension import catalog_of

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

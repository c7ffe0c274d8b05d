"""``catalog users``, ``catalog tokens`` and ``catalog audit``: accounts and the audit log from a shell.

The commands act as the system (every right) and are logged as ``cli:<operating-system user>``.
"""

from __future__ import annotations

import getpass
import json
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import with_appcontext

from app.extension import catalog_of
from dictionary.errors import DictionaryError
from dictionary.models.accounts import AGENCY_ROLES, GLOBAL_ROLES
from dictionary.policies import SYSTEM
from dictionary.services.accounts import AccountService
from dictionary.services.audit import (
    Anchor,
    AuditContext,
    AuditFilters,
    AuditLog,
    VerifyReport,
    as_record,
    set_context,
)
from dictionary.services.base import Context
from dictionary.services.tokens import TokenService


@contextmanager
def _context() -> Iterator[Context]:
    session = catalog_of().sessionmaker()
    set_context(session, AuditContext(f"cli:{getpass.getuser()}"))
    try:
        yield catalog_of().context(session, actor="cli")
    finally:
        session.close()
        # One command, one app: give its connections back now rather than at garbage collection.
        catalog_of().engine.dispose()


def _fail(error: DictionaryError) -> None:
    details = getattr(error, "errors", None)
    raise click.ClickException(
        f"{error.message}{': ' + json.dumps(details, ensure_ascii=False) if details else ''}"
    )


@click.group("users")
def users() -> None:
    """Accounts of staff, approvers, administrators and systems."""


@users.command("create")
@click.option("--email", required=True, help="Login name (e-mail address).")
@click.option("--name", required=True, help="Full name, shown in revisions and the audit log.")
@click.option("--agency", help="Agency code, for the agency roles.")
@click.option("--role", required=True, type=click.Choice(AGENCY_ROLES + GLOBAL_ROLES), help="The role.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--no-password", is_flag=True, help="No password: the account uses API tokens only.")
@with_appcontext
def users_create(  # noqa: PLR0917 - click passes every option positionally
    email: str, name: str, agency: str | None, role: str, password_stdin: bool, no_password: bool
) -> None:
    """Create a user (prompts for the password unless told otherwise)."""
    if password_stdin:
        password: str | None = sys.stdin.readline().rstrip("\r\n")
    elif no_password:
        password = None
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    agency_role = role if role in AGENCY_ROLES else None
    with _context() as ctx:
        try:
            principal = AccountService(ctx).create(
                email=email,
                name=name,
                agency=agency if agency_role else None,
                role=agency_role,
                global_role=None if agency_role else role,
                password=password,
            )
        except DictionaryError as error:
            _fail(error)
        click.echo(f"Created {principal.email} ({role}{' of ' + agency if agency_role and agency else ''})")


def _read_password(from_stdin: bool) -> str:
    """From the first line of stdin, or a hidden prompt asked twice: never from argv, which
    other users of the machine see in the process list and the shell keeps in its history."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("New password", hide_input=True, confirmation_prompt=True))


@users.command("set-password")
@click.option("--email", required=True, help="Whose password.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@with_appcontext
def users_set_password(email: str, password_stdin: bool) -> None:
    """Set a user's password (prompted, or read from stdin); their sessions end."""
    password = _read_password(password_stdin)
    with _context() as ctx:
        try:
            principal = AccountService(ctx).update(email, {"password": password}, by=SYSTEM)
        except DictionaryError as error:
            _fail(error)
        click.echo(f"Password set for {principal.email}; their sessions have ended")


@users.command("reset-link")
@click.option("--email", required=True, help="Whose password.")
@with_appcontext
def users_reset_link(email: str) -> None:
    """Print a one-time link (24 hours) with which the user sets a new password."""
    from app.web.password_reset import reset_url
    from dictionary.services.password_reset import PasswordResetService

    with _context() as ctx:
        try:
            issued = PasswordResetService(ctx).issue(email, by=SYSTEM)
        except DictionaryError as error:
            _fail(error)
        click.echo(reset_url(issued.token))


@click.group("tokens")
def tokens() -> None:
    """API tokens (shown once, stored hashed)."""


@tokens.command("create")
@click.option("--email", required=True, help="Whose token.")
@click.option("--name", required=True, help="What it is for, e.g. 'LGSP connector'.")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(["read", "write"]), default=("read",))
@click.option("--days", default=90, show_default=True, type=int, help="Days until it expires (max 365).")
@with_appcontext
def tokens_create(email: str, name: str, scopes: tuple[str, ...], days: int) -> None:
    """Issue a token and print it: it is shown this once."""
    with _context() as ctx:
        try:
            principal = AccountService(ctx).by_email(email)
            issued = TokenService(ctx).issue(principal, name=name, scopes=list(scopes), days=days)
        except DictionaryError as error:
            _fail(error)
        click.echo(issued.secret)
        click.echo(
            f"id {issued.token.id}, scopes {','.join(issued.token.scopes)}, "
            f"expires {issued.token.expires_at:%Y-%m-%d}",
            err=True,
        )


@tokens.command("revoke")
@click.argument("token_id", type=click.UUID)
@with_appcontext
def tokens_revoke(token_id: uuid.UUID) -> None:
    """Revoke a token at once, and every token issued with it."""
    with _context() as ctx:
        try:
            _token, descendants = TokenService(ctx).revoke(token_id, by=SYSTEM)
        except DictionaryError as error:
            _fail(error)
        click.echo(
            f"Revoked {token_id}" + (f" and {descendants} token(s) issued with it" if descendants else "")
        )


@click.group("audit")
def audit() -> None:
    """The hash-chained audit log."""


class AnchorParam(click.ParamType):
    """``SEQ:HASH``; anything else is a usage error (exit 2) that says what an anchor looks like."""

    name = "SEQ:HASH"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Anchor:
        if isinstance(value, Anchor):
            return value
        try:
            return Anchor.parse(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _report_broken(report: VerifyReport) -> None:
    where = f" at event {report.broken_seq}" if report.broken_seq is not None else ""
    click.echo(f"BROKEN{where}: {report.problem}", err=True)
    sys.exit(1)


@audit.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    type=AnchorParam(),
    help="SEQ:HASH printed earlier by 'catalog audit anchor' and kept outside the database (repeatable).",
)
@click.option("--expect-head", help="Older form of --anchor: a head hash printed by an earlier verify.")
@with_appcontext
def audit_verify(anchors: tuple[Anchor, ...], expect_head: str | None) -> None:
    """Recompute the chain; exit 1 and name the first broken link.

    Finds altered and deleted events and a head row that disagrees with the events. Only an anchor
    kept outside the database finds a deleted tail with a rewound head, or a rebuilt chain.
    """
    with _context() as ctx:
        report = AuditLog(ctx.session).verify(anchors, expect_head)
    if not report.ok:
        _report_broken(report)
    held = f", {report.anchors} anchor{'s' if report.anchors != 1 else ''} hold" if report.anchors else ""
    click.echo(f"OK: {report.checked} events{held}; head {report.anchor or 'none (empty chain)'}")


@audit.command("anchor")
@with_appcontext
def audit_anchor() -> None:
    """Verify the chain and print an anchor for its head, SEQ:HASH, to keep outside the database.

    Print it, mail it or write it to write-once storage; pass it later to 'verify --anchor'.
    """
    with _context() as ctx:
        report = AuditLog(ctx.session).verify()
    # An anchor vouches for the chain up to it: never hand one out for a broken chain.
    if not report.ok:
        _report_broken(report)
    if report.anchor is None:
        raise click.ClickException("the chain is empty: there is nothing to anchor yet")
    click.echo(str(report.anchor))


@audit.command("export")
@click.option("--since", type=click.DateTime(), help="From this UTC time on.")
@with_appcontext
def audit_export(since: object) -> None:
    """Print the events as JSON lines, oldest first."""
    from datetime import UTC, datetime

    start = since.replace(tzinfo=UTC) if isinstance(since, datetime) else None
    with _context() as ctx:
        for event in AuditLog(ctx.session).export(AuditFilters(since=start), "jsonl"):
            click.echo(json.dumps(as_record(event), ensure_ascii=False, sort_keys=True))


COMMANDS = (users, tokens, audit)

"""``catalog governance run-due``: escalate overdue access steps, remind and close documentation
campaigns, remind stewards of overdue data, and deliver the mail outbox.

Meant for cron (every few minutes): every part is idempotent. A step escalates once however
often the command runs (or however many run at once); a campaign's reminder goes out once and a
campaign past its deadline closes once; an overdue dataset is reminded once per overdue period; a
mail is sent once and retried with backoff while the SMTP server refuses.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from app.extension import catalog_of
from dictionary.services.audit import AuditContext, set_context
from dictionary.services.campaigns import CampaignService
from dictionary.services.deadlines import DeadlineService
from dictionary.services.freshness import FreshnessReminders


@click.group("governance")
def governance_group() -> None:
    """Deadlines of access requests, escalations and e-mail."""


@governance_group.command("run-due")
@click.option(
    "--now",
    "at",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    help="Act as if it were this time (UTC unless an offset is given), to check a schedule.",
)
@with_appcontext
def run_due(at: datetime | None) -> None:
    """Escalate the access steps past their due time (once each), send the campaign reminders and
    close the campaigns past their deadline, remind stewards of overdue data (once per period), then
    send the pending mails."""
    now = (at if at.tzinfo else at.replace(tzinfo=UTC)) if at is not None else datetime.now(UTC)
    wired = catalog_of()
    session = wired.sessionmaker()
    set_context(session, AuditContext("cli:governance"))
    try:
        ctx = wired.context(session, actor="governance")
        report = DeadlineService(ctx, now=lambda: now).escalate_due()
        calendar = wired.deadline_rules.calendar
        campaigns = CampaignService(ctx, calendar=calendar, now=lambda: now).run_due()
        stale = FreshnessReminders(ctx, now=lambda: now).remind_due()
    finally:
        session.close()
    for number, kind in report.escalated:
        click.echo(f"escalated: request {number}, {kind} step")
    click.echo(f"{len(report.escalated)} steps escalated")
    for number in campaigns.reminded:
        click.echo(f"reminded: campaign {number}")
    for number in campaigns.closed:
        click.echo(f"closed: campaign {number} (deadline passed)")
    for slug in stale:
        click.echo(f"overdue data: {slug} (stewards reminded)")
    click.echo(
        f"{len(campaigns.reminded)} campaign reminders, {len(campaigns.closed)} campaigns closed, "
        f"{len(stale)} freshness reminders"
    )
    if wired.mail is None:
        click.echo("mail: no SMTP server configured (CATALOG_SMTP_HOST); notifications are in-app only")
        return
    delivery = wired.mail.deliver_pending()
    backlog = wired.mail.backlog()
    click.echo(
        f"mail: {delivery.sent} sent, {delivery.failed} failed, {backlog['pending']} pending"
        + (f" (last error: {delivery.error})" if delivery.error else "")
    )

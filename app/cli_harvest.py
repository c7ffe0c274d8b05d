"""``catalog harvest``: one URL now (``catalog harvest URL``), or the stored sources
(``catalog harvest sources add|list|show|run|run-due``; ``run-due`` is for cron or a systemd timer)."""

from __future__ import annotations

import uuid
from typing import Any

import click

from app.cli import cli_services, with_appcontext
from dictionary.models import HarvestJob, HarvestSource
from dictionary.services.harvest_sources import KINDS, PAGE_LIMIT, SCHEDULES, TIME_LIMIT


class HarvestGroup(click.Group):
    """A group whose first argument, when it names no subcommand, is the URL of a one-off harvest;
    a refusal of the domain (unknown source, a run in progress, a bad value) is a plain error."""

    def invoke(self, ctx: click.Context) -> Any:
        from dictionary.errors import DictionaryError, InvalidInput

        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            details = "; ".join(f"{key}: {', '.join(map(str, value))}" for key, value in error.errors.items())
            raise click.ClickException(details or error.message) from None
        except DictionaryError as error:
            raise click.ClickException(error.message) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["url", *args]
        return super().parse_args(ctx, args)


@click.group("harvest", cls=HarvestGroup)
def harvest() -> None:
    """Harvest other catalogs: catalog harvest URL, or the stored sources (catalog harvest sources …)."""


def _add_url_command() -> None:
    from app.cli_dcat import harvest as harvest_url

    harvest.add_command(harvest_url, "url")


_add_url_command()


@harvest.group("sources")
def sources() -> None:
    """Stored harvest sources and their jobs."""


@sources.command("add")
@click.option("--name", required=True)
@click.option("--url", required=True, help="First DCAT-AP page, or the CKAN site.")
@click.option("--kind", type=click.Choice(KINDS), default="dcat", show_default=True)
@click.option("--owner", required=True, help="Agency code for records that name no publisher.")
@click.option("--schedule", type=click.Choice(SCHEDULES), default="manual", show_default=True)
@click.option(
    "--time-limit", type=click.IntRange(*TIME_LIMIT), default=600, show_default=True, help="Seconds."
)
@click.option("--page-limit", type=click.IntRange(*PAGE_LIMIT), default=100, show_default=True)
@with_appcontext
def add(**values: Any) -> None:
    """Register a source."""
    from app.harvesting import refuse_own_address
    from dictionary.services.harvest_sources import HarvestSourceService

    with cli_services("harvest") as svc:
        source = HarvestSourceService(svc.ctx).create(refuse_own_address(values))
        click.echo(f"{source.id}  {source.name}")


@sources.command("list")
@with_appcontext
def list_sources() -> None:
    """Every source, with its last run."""
    from dictionary.services.harvest_sources import HarvestSourceService

    with cli_services("harvest") as svc:
        service = HarvestSourceService(svc.ctx)
        for source in service.list()[0]:
            last = service.last_job(source)
            click.echo(
                f"{source.id}  {source.kind:<4}  {source.schedule:<7}  {source.name}  {source.url}  "
                f"last: {_job_line(last) if last else 'never run'}"
            )


@sources.command("show")
@click.argument("source_id", type=click.UUID)
@click.option("--jobs", type=click.IntRange(1, 1000), default=5, show_default=True)
@with_appcontext
def show(source_id: uuid.UUID, jobs: int) -> None:
    """One source, its last jobs, and the report of the last one."""
    from dictionary.services.harvest_sources import HarvestSourceService

    with cli_services("harvest") as svc:
        service = HarvestSourceService(svc.ctx)
        source = service.get(source_id)
        _describe(source)
        found = service.jobs(source_id, 1, jobs)[0]
        for job in found:
            click.echo(f"  {_job_line(job)}")
        if found:
            _report(found[0])


@sources.command("run")
@click.argument("source_id", type=click.UUID)
@with_appcontext
def run(source_id: uuid.UUID) -> None:
    """Run one source now; exit 1 if the run failed."""
    from app.harvesting import source_runner

    with cli_services("harvest") as svc:
        job = source_runner(svc.ctx).run(source_id, "cli")
        _report(job)
        failed = job.status == "failed"
    if failed:
        raise SystemExit(1)


@sources.command("run-due")
@with_appcontext
def run_due() -> None:
    """Mark dead runs failed, then run every source whose schedule says it is due (for cron / a
    systemd timer); exit 1 if a run failed."""
    from app.harvesting import source_runner

    with cli_services("harvest") as svc:
        stale, ran = source_runner(svc.ctx).run_due()
        for job in stale:
            click.echo(f"stale: {_job_line(job)}")
        for job in ran:
            click.echo(f"{job.source.name}: {_job_line(job)}")
        failed = any(job.status == "failed" for job in ran)
        if not ran:
            click.echo("No source is due.")
    if failed:
        raise SystemExit(1)


def _describe(source: HarvestSource) -> None:
    click.echo(f"{source.name} ({source.kind}) {source.url}")
    click.echo(
        f"  owner {source.owner.code}, schedule {source.schedule}, "
        f"time limit {source.time_limit} s, page limit {source.page_limit}"
    )


def _job_line(job: HarvestJob) -> str:
    counts = ", ".join(f"{n} {action}" for action, n in sorted(job.counts.items())) or "no items"
    reason = f" — {job.reason}" if job.reason else ""
    return f"{job.started_at:%Y-%m-%d %H:%M} UTC {job.status} ({job.trigger}): {counts}{reason}"


def _report(job: HarvestJob) -> None:
    click.echo(_job_line(job))
    for item in job.items:
        message = f" — {item['message']}" if item.get("message") else ""
        click.echo(f"  {item['action']:<22} {item.get('slug') or item.get('uri')}{message}")
    if job.stopped:
        click.echo(f"Paging stopped: {job.stopped}")

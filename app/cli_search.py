"""``catalog search …``: rebuild the index with zero downtime, show its state, catch up the outbox."""

from __future__ import annotations

import json
import time

import click
from flask.cli import with_appcontext

from app.extension import catalog_of
from search.service import Search


def _search() -> Search:
    search: Search = catalog_of().search
    return search


@click.group("search")
def search_group() -> None:
    """Search index: rebuild, status, sync."""


@search_group.command("rebuild")
@with_appcontext
def rebuild() -> None:
    """Build a new index from the database and switch to it at once (searches go on meanwhile)."""
    search = _search()
    click.echo(f"Rebuilding the {search.backend.name} index…", err=True)
    started = time.perf_counter()
    count = search.rebuild()
    click.echo(f"Indexed {count} datasets ({search.backend.name}) in {time.perf_counter() - started:.1f} s")


@search_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
def status(as_json: bool) -> None:
    """Engine health, documents indexed, outbox backlog; exits 1 when the engine is unhealthy."""
    report = _search().status()
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        backend, outbox = report["backend"], report["outbox"]
        click.echo(
            f"engine:   {report['engine']} "
            + ("(ok)" if backend.get("ok") else f"(DOWN: {backend.get('error')})")
        )
        click.echo(f"indexed:  {backend.get('datasets')} datasets, {backend.get('fields')} fields")
        if "indices" in backend:
            click.echo(f"indices:  {', '.join(backend['indices'])}")
        if "fallback" in report:
            fallback = report["fallback"]
            click.echo(
                f"fallback: database, {fallback.get('datasets')} datasets "
                + ("(ok)" if fallback.get("ok") else "(DOWN)")
            )
        click.echo(
            f"outbox:   {outbox['pending']} pending, {outbox['failing']} failing"
            + (f", oldest {outbox['oldest']}" if outbox["oldest"] else "")
            + (", rebuild running" if outbox["rebuilding"] else "")
        )
        if outbox["last_error"]:
            click.echo(f"last error: {outbox['last_error']}")
    if not report["backend"].get("ok"):
        raise SystemExit(1)


@search_group.command("sync")
@click.option(
    "--now", is_flag=True, help="Retry failed changes at once instead of waiting for their backoff."
)
@click.option("--watch", type=float, default=None, metavar="SECONDS", help="Keep catching up every SECONDS.")
@with_appcontext
def sync(now: bool, watch: float | None) -> None:
    """Send pending changes to the engine (the outbox); with --watch, as a long-running job."""
    search = _search()
    if search.applier is None:
        click.echo("The database backend is updated with the data itself: nothing to sync.")
        return
    while True:
        report = search.applier.apply_pending(force=now)
        click.echo(
            f"applied {report.applied}, failed {report.failed}"
            + (f" ({report.skipped})" if report.skipped else "")
            + (f": {report.error}" if report.error else "")
        )
        if watch is None:
            if report.failed:
                raise SystemExit(1)
            return
        time.sleep(watch)

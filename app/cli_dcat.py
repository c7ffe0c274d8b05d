"""``catalog export dcat``, ``catalog validate dcat`` and ``catalog harvest URL``.

Exports stream to stdout (or a file) batch by batch with a progress bar on stderr, so a
10,000-dataset catalog never sits in memory whole: ``catalog export dcat --format ttl > catalog.ttl``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TextIO

import click
from flask.cli import with_appcontext
from tqdm import tqdm

from app.extension import catalog_of
from dictionary.visibility import Visibility
from vocab.dcat_service import DcatPublisher
from vocab.rdf_writers import FORMATS, SUFFIX_ALIASES, format_for
from vocab.shacl import PROFILES, Report

FORMAT_CHOICES = sorted(set(FORMATS) | set(SUFFIX_ALIASES))


@contextmanager
def dcat_publisher(actor: str, visibility: Visibility | None = None) -> Iterator[DcatPublisher]:
    """A publisher for a command with its own session; by default it sees what a harvester sees."""
    from app.rdf import dcat_context

    session = catalog_of().sessionmaker()
    try:
        ctx = catalog_of().context(session, actor=actor)
        yield DcatPublisher(ctx, dcat_context(visibility or Visibility.anonymous()))
    finally:
        session.close()


@click.group("export")
def export_group() -> None:
    """Export the catalog."""


@export_group.command("dcat")
@click.option("--format", "format_", type=click.Choice(FORMAT_CHOICES), default="ttl", show_default=True)
@click.option(
    "--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File (default stdout)."
)
@click.option("--modified-since", type=click.DateTime(), help="Only datasets changed since (UTC).")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@with_appcontext
def export_dcat(
    format_: str, output: TextIO, modified_since: datetime | None, batch_size: int, progress: bool
) -> None:
    """Write the published catalog as DCAT-AP (what an anonymous harvester may see)."""
    fmt = format_for(format_)
    assert fmt is not None  # click.Choice only lets known names through
    since = modified_since.replace(tzinfo=UTC) if modified_since else None
    with dcat_publisher("export") as publisher:
        bar = tqdm(unit="dataset", file=sys.stderr, disable=not progress, desc=f"DCAT ({fmt.key})")
        bar.total, chunks = publisher.full_catalog(fmt, since, batch_size, on_batch=bar.update)
        for chunk in chunks:
            output.write(chunk)
        bar.close()
    output.flush()


@click.group("validate")
def validate_group() -> None:
    """Validate the catalog."""


@validate_group.command("dcat")
@click.option("--dataset", "slug", help="Validate one dataset instead of the whole catalog.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=200, show_default=True)
@click.option("--warnings/--no-warnings", "show_warnings", default=False, help="List every warning too.")
@click.option("--all", "everything", is_flag=True, help="Every dataset, drafts and all fields too.")
@with_appcontext
def validate_dcat(slug: str | None, batch_size: int, show_warnings: bool, everything: bool) -> None:
    """Run the DCAT-AP 3.0 SHACL gate (and 2.1.1 date checks) on what the catalog publishes.

    Exits with status 1 when a shape is violated; warnings are counted and never fail.
    """
    from app.rdf import validator

    checker = validator()
    report = Report()
    with dcat_publisher("validate", Visibility.all() if everything else None) as publisher:
        if slug:
            report.extend(publisher.validate_dataset(slug, checker))
            checked = 1
        else:
            checked = 0
            bar = tqdm(unit="dataset", file=sys.stderr, desc="SHACL")
            for count, page in publisher.validate_catalog(checker, PROFILES, batch_size):
                report.extend(page)
                checked += count
                bar.update(count)
            bar.close()
    click.echo(f"Checked {checked} dataset(s) against {len(report.profiles)} shape files.")
    for key, counts in report.counts().items():
        click.echo(f"  {key:<22} {counts['violations']:>5} violation(s) {counts['warnings']:>5} warning(s)")
    for finding in report.violations:
        click.echo(f"VIOLATION [{finding.profile}] {finding.message}")
    if show_warnings:
        for finding in report.warnings:
            click.echo(f"warning [{finding.profile}] {finding.message}")
    if not report.conforms:
        raise SystemExit(1)


@click.command("harvest")
@click.argument("url")
@click.option("--dry-run", is_flag=True, help="Check and show what would change; write nothing.")
@click.option("--owner", help="Agency code for datasets whose publisher names no agency.")
@click.option(
    "--withdraw-missing",
    is_flag=True,
    help="Retire (never delete) datasets harvested from URL before that it no longer lists.",
)
@click.option("--max-pages", type=click.IntRange(1, 10_000), default=500, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 86_400),
    default=600.0,
    show_default=True,
    help="Seconds for the whole run (each request gets at most 120).",
)
@with_appcontext
def harvest(  # noqa: PLR0917 - one parameter per command-line option
    url: str, dry_run: bool, owner: str | None, withdraw_missing: bool, max_pages: int, timeout: float
) -> None:
    """Import a DCAT-AP catalog (Turtle, RDF/XML, JSON-LD or N-Triples) from URL, following its pages.

    Datasets are matched by dct:identifier: new ones are created, known ones updated, unchanged
    ones left alone. One broken record is reported and skipped; the run goes on.
    """
    from app.cli import cli_services
    from app.rdf import dcat_context, is_own_address
    from vocab.dcat_import import Defaults
    from vocab.harvest import Harvester

    if is_own_address(url):
        raise click.UsageError(
            f"{url} is this catalog's own address; harvesting it would overwrite its datasets "
            "with their public, redacted description"
        )

    with cli_services("harvest") as svc:
        harvester = Harvester(
            svc.ctx,
            dcat_context(Visibility.all()).terms,
            defaults=Defaults(owner=owner),
            max_pages=max_pages,
            timeout=timeout,
            withdraw_missing=withdraw_missing,
        )
        report = harvester.run(url, dry_run=dry_run)
    click.echo(f"{'Dry run: ' if dry_run else ''}{len(report.pages)} page(s) read from {url}")
    for item in report.items:
        line = f"  {item.action:<22} {item.slug or item.uri}"
        click.echo(line + (f" — {item.message}" if item.message else ""))
    if report.stopped:
        click.echo(f"Paging stopped: {report.stopped}")
    for error in report.errors:
        click.echo(f"ERROR {error}", err=True)
    summary = ", ".join(f"{count} {action}" for action, count in sorted(report.counts().items()))
    click.echo(f"Summary: {summary or 'no datasets'}")
    if report.errors and not report.items:
        raise SystemExit(1)

"""What every spreadsheet import does from a shell: read the file, run the import, print the
report (or its JSON), exit with 1 when the file has errors (so scripts stop), 0 otherwise."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dictionary.errors import DictionaryError
from dictionary.services.file_report import FileReport
from dictionary.spreadsheets import Limits

Report = TypeVar("Report", bound=FileReport)
FILE_ARGUMENT = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
"""The file an import command reads (.xlsx or CSV)."""
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")


def run_import(
    file: Path, as_json: bool, run: Callable[[Any, bytes], Report], render: Callable[[Report], str]
) -> None:
    """``run(services, content)`` gives the report; a domain refusal (no such dataset…) is a
    click error, a file over the size limit too, before it is read."""
    from app.cli import cli_services  # app.cli imports the commands that call this

    limit = Limits().max_bytes
    if file.stat().st_size > limit:
        raise click.ClickException(f"{file} is larger than {limit:,} bytes")
    content = file.read_bytes()
    try:
        with cli_services("cli") as svc:
            report = run(svc, content)
    except DictionaryError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else render(report))
    if report.errors:
        raise SystemExit(1)


def report_head(report: FileReport, subject: str, noun: str) -> list[str]:
    """The lines every report starts with: what was read, then the errors, then the warnings."""
    lines = [f"{subject}: {report.rows} {noun} rows read ({report.format or 'unreadable file'})"]
    if report.errors:
        lines.append(f"Errors ({len(report.errors)}):")
        lines += [f"  {error}" for error in report.errors]
    if report.warnings:
        lines.append("Warnings:")
        lines += [f"  {warning}" for warning in report.warnings]
    return lines


def shown(value: Any, items: Callable[[list[Any]], str] | None = None) -> str:
    """A value of a diff for a terminal: blank as (trống), a list by ``items`` or joined."""
    if value is None or value == []:
        return "(trống)"
    if isinstance(value, list):
        return items(value) if items else "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return f"{value.get('dataset')}/{value.get('field')}"
    return str(value)

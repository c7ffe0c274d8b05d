"""``catalog import dictionary FILE --dataset SLUG [--apply]``: the spreadsheet import from a shell.

A dry run by default, as over HTTP: it prints the located errors and the diff, and exits with 1
when the file has any error (so scripts stop), 0 otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from app.cli_files import FILE_ARGUMENT, JSON_OPTION, report_head, run_import, shown
from dictionary.services import ImportReport
from dictionary.spreadsheets.columns import COLUMN_OF_ATTR, format_mappings


@click.group("import")
def import_group() -> None:
    """Import into the catalog from files."""


@import_group.command("dictionary")
@FILE_ARGUMENT
@click.option(
    "--dataset", "slug", required=True, help="Slug of the dataset whose dictionary the file replaces."
)
@click.option("--apply", "apply_", is_flag=True, help="Write the dictionary when the file has no error.")
@JSON_OPTION
@with_appcontext
def import_dictionary(file: Path, slug: str, apply_: bool, as_json: bool) -> None:
    """Check FILE (.xlsx or CSV, per the template) against a dataset's dictionary; --apply writes it."""
    run_import(
        file,
        as_json,
        lambda svc, content: svc.dictionary_files.import_file(
            slug, content, filename=file.name, dry_run=not apply_
        ),
        render,
    )


def render(report: ImportReport) -> str:
    """The report for people: errors first, then warnings, then the changes."""
    lines = report_head(report, report.dataset, "field")
    diff = report.diff
    if diff is not None:
        lines.append("Changes:" if diff["has_changes"] else "No changes.")
        lines += [f"  + {field['name']}" for field in diff["added"]]
        lines += [f"  - {field['name']}" for field in diff["removed"]]
        for changed in diff["changed"]:
            parts = [
                f"{_column(attr)}: {_show(change['from'])} → {_show(change['to'])}"
                for attr, change in changed["changes"].items()
            ]
            lines.append(f"  ~ {changed['name']}: " + "; ".join(parts))
        if diff["reordered"]:
            lines.append("  ↕ the order of the fields changes")
        lines.append(f"  = {diff['unchanged']} field(s) unchanged")
    hint = " (add --apply to write it)" if report.dry_run and not report.errors and report.diff else ""
    lines.append(report.message + (hint if report.diff and report.diff["has_changes"] else ""))
    return "\n".join(lines)


def _column(attr: str) -> str:
    column = COLUMN_OF_ATTR.get(attr)
    return f"{column.key}/{attr}" if column else attr


def _show(value: Any) -> str:
    return shown(value, lambda items: format_mappings(items).replace("\n", "; "))

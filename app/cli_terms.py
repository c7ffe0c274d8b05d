"""``catalog terms import FILE --dictionary CODE [--dry-run]``: the terms spreadsheet from a shell.

Without --dry-run the file is checked and, when no row has an error, applied at once (the check
and the write in the same process: no one else's change can fall in between unseen, since the
apply checks the dry run's confirmation like the API does). Exits with 1 when the file has errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from app.cli import with_appcontext
from app.cli_files import FILE_ARGUMENT, JSON_OPTION, report_head, run_import, shown
from dictionary.services.term_import_report import TermImportReport


@click.group("terms")
def terms_group() -> None:
    """The shared data dictionary: terms from and to spreadsheets."""


@terms_group.command("import")
@FILE_ARGUMENT
@click.option(
    "--dictionary", "code", required=True, help="Code of the dictionary (standard) the terms belong to."
)
@click.option("--dry-run", "dry_run", is_flag=True, help="Only check the file and show the changes.")
@JSON_OPTION
@with_appcontext
def import_terms(file: Path, code: str, dry_run: bool, as_json: bool) -> None:
    """Import the terms of FILE (.xlsx or CSV, per the terms template) into a dictionary."""

    def run(svc: Any, content: bytes) -> TermImportReport:
        report = svc.term_files.import_file(code, content)
        if not dry_run and report.confirmation and report.has_changes:
            report = svc.term_files.import_file(
                code, content, dry_run=False, confirmation=report.confirmation
            )
        return report

    run_import(file, as_json, run, render)


def render(report: TermImportReport) -> str:
    lines = report_head(report, report.dictionary, "term")
    lines += [f"  + {item['code']} ({item['name_vi']})" for item in report.added]
    for item in report.changed:
        parts = [
            f"{c['column'] or c['property']}: {shown(c['before'])} → {shown(c['after'])}"
            for c in item["changes"]
        ]
        lines.append(f"  ~ {item['code']}: " + "; ".join(parts))
    if report.unchanged:
        lines.append(f"  = {len(report.unchanged)} term(s) unchanged")
    if report.kept:
        lines.append(f"  (kept, not in the file: {', '.join(report.kept)})")
    lines.append(str(report.message))
    return "\n".join(lines)

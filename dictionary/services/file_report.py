"""What a spreadsheet import found and did, for every import (a dataset's fields, a dictionary's terms).

One shape for both: the counts (rows read, the file's format), the located items (each
:class:`CellError` with its row, column, cell and message code), the warnings, whether it was a
dry run and whether it was applied, and the one-line message. Each import adds its own diff.
:func:`read_file` is the one way an import reads its upload: under the budget, a file over a
limit raised as :class:`TooLarge` (413), a file that cannot be read at all as one error of the
report, and a file without data rows refused (most likely the blank template sent by mistake).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dictionary.errors import Message, TooLarge
from dictionary.spreadsheets import CellError, Limits, OverBudget, SpreadsheetError, Table, read_table
from dictionary.spreadsheets.reading import FIELD_SHEET, SheetLayout


@dataclass(kw_only=True)
class FileReport:
    """The part every import report shares; ``errors`` empty means the file is good."""

    dry_run: bool
    format: str | None = None
    rows: int = 0
    """Data rows read (below the header rows)."""
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def has_changes(self) -> bool:
        raise NotImplementedError

    def applied_message(self) -> Message:
        raise NotImplementedError

    def unchanged_message(self) -> Message:
        raise NotImplementedError

    def dry_run_message(self) -> Message:
        raise NotImplementedError

    @property
    def message(self) -> str:
        if len(self.errors) == 1 and self.errors[0].row is None:
            return self.errors[0].message  # the file as a whole: say why at once
        if self.errors:
            return Message(
                "import_errors", "The file has {count} error(s); nothing was written", count=len(self.errors)
            )
        if self.applied:
            return self.applied_message()
        if not self.has_changes:
            return self.unchanged_message()
        return self.dry_run_message()

    def as_dict(self) -> dict[str, Any]:
        """The shared keys; each report adds its subject and its diff."""
        return {
            "dry_run": self.dry_run,
            "applied": self.applied,
            "message": self.message,
            "format": self.format,
            "rows": self.rows,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
        }


def read_file(
    content: bytes, limits: Limits, report: FileReport, empty: Message, layout: SheetLayout = FIELD_SHEET
) -> Table | None:
    """The file's table, read under ``limits``; None when the report says why it cannot be used.

    Over a limit raises :class:`TooLarge` (nothing of the file is kept, so there is no report);
    a file that cannot be read, or that has no data rows (``empty`` says so), is one error.
    """
    try:
        table = read_table(content, limits, layout)
    except OverBudget as exc:
        raise TooLarge(exc.message, exc.limit, exc.params) from exc
    except SpreadsheetError as exc:
        report.errors.append(CellError(None, None, exc.message))
        return None
    report.format, report.rows = table.format, len(table.rows)
    if not table.rows:
        report.errors.append(CellError(None, None, empty))
        return None
    return table

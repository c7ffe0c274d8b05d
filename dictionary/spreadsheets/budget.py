"""The budget of one import: how much a file may make the reader inflate, parse, keep and spend.

An upload is small (a few MB) but may describe far more work: a row of a million cells, a table
of 47 MB of shared strings, a part that inflates a thousand times. Every count is checked *while*
streaming, so the reader stops at the first unit over the limit; memory stays bounded by the
limits and time by the counts plus a wall-clock deadline. Going over a limit raises
:class:`OverBudget`, which names the limit and carries it as a code and parameters.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from dictionary.errors import Message

HEADER_SEARCH_ROWS = 10
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * MB
    """Largest file; HTTP uploads are already capped lower by CATALOG_MAX_CONTENT_LENGTH."""
    max_rows: int = 2000
    """Most field rows (the API's PUT /fields takes at most 2,000 fields too)."""
    max_blank_rows: int = 50_000
    """Blank rows tolerated among and after the field rows (Excel keeps formatted empty rows)."""
    max_row_cells: int = 16_384
    """Most cells in one row: Excel's own number of columns (A to XFD)."""
    max_cells: int = 300_000
    """Most cells in the sheet, blank ones included."""
    max_cell_chars: int = 32_767
    """Longest value of one cell: Excel's own limit."""
    max_strings: int = 200_000
    """Most entries in the workbook's shared-strings table."""
    max_string_chars: int = 10_000_000
    """Most characters in the shared-strings table, all entries together."""
    max_elements: int = 2_000_000
    """Most XML elements parsed, all parts together (a forged part can be all elements)."""
    max_text_chars: int = 20_000_000
    """Most characters of text parsed, all parts together, whether kept or not."""
    max_token_bytes: int = 1 * MB
    """Longest run of a parsed part without ``<`` or ``>``: expat re-reads an unfinished token at
    every chunk, so one huge attribute would cost time quadratic in its length."""
    max_part_bytes: int = 50 * MB
    """Most bytes one part of an .xlsx may expand to."""
    max_unzipped: int = 50 * MB
    """Most bytes all the parts of an .xlsx may expand to."""
    max_parts: int = 1000
    max_ratio: int = 100
    """Most a part that is not counted cell by cell may expand, per compressed byte."""
    ratio_floor: int = 1 * MB
    """Parts smaller than this expanded are not held to ``max_ratio`` (tiny parts compress well)."""
    max_line_chars: int = 1_000_000
    """Longest physical line of a CSV file."""
    max_seconds: float = 10.0
    """Wall-clock ceiling of reading one file; the counts above normally stop a hostile file first."""

    @property
    def scan_rows(self) -> int:
        """Physical rows read before giving up: room for blank rows between the field rows."""
        return HEADER_SEARCH_ROWS + 2 * self.max_rows

    @property
    def last_row(self) -> int:
        """No row, blank or not, may have a higher number."""
        return self.scan_rows + self.max_blank_rows


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; nothing in it is used."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OverBudget(SpreadsheetError):
    """The file asks for more work than an import may do (HTTP 413): ``limit`` names which."""

    def __init__(self, message: str, limit: str, **params: Any) -> None:
        super().__init__(message)
        self.limit = limit
        self.params = params


def over(limit: str, template: str, **params: Any) -> OverBudget:
    """The refusal of going over ``limit``, its message coded ``over_<limit>`` with the same
    parameters as the limit's data (``max``, and where: ``row``, ``cell``, ``part``, ``line``)."""
    return OverBudget(Message(f"over_{limit}", template, **params), limit, **params)


@dataclass
class Budget:
    """What one read has spent so far; each ``spend_*`` raises :class:`OverBudget` past a limit."""

    limits: Limits
    started: float = field(default_factory=time.monotonic)
    elements: int = 0
    text: int = 0
    unzipped: int = 0

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise over(
                "seconds", "Reading the file took more than {max:g} s; refused", max=self.limits.max_seconds
            )

    def spend_element(self) -> None:
        self.elements += 1
        if self.elements > self.limits.max_elements:
            raise over(
                "elements", "The workbook has more than {max:,} XML elements", max=self.limits.max_elements
            )
        if self.elements % 4096 == 0:
            self.check_time()

    def spend_text(self, count: int) -> None:
        self.text += count
        if self.text > self.limits.max_text_chars:
            raise over(
                "text_chars",
                "The workbook has more than {max:,} characters of text",
                max=self.limits.max_text_chars,
            )

    def spend_bytes(self, part: str, part_total: int, count: int) -> None:
        """``count`` more bytes inflated from ``part``, which has now given ``part_total``."""
        self.unzipped += count
        if part_total > self.limits.max_part_bytes:
            raise over(
                "part_bytes",
                "The part {part} expands to more than {max:,} bytes",
                max=self.limits.max_part_bytes,
                part=part,
            )
        if self.unzipped > self.limits.max_unzipped:
            raise too_unzipped(self.limits)
        self.check_time()


def too_unzipped(limits: Limits) -> OverBudget:
    return over("unzipped_bytes", "The workbook expands to more than {max:,} bytes", max=limits.max_unzipped)


def too_many_cells_in_row(limits: Limits, row: int) -> OverBudget:
    return over(
        "row_cells", "The sheet has more than {max:,} cells in row {row}", max=limits.max_row_cells, row=row
    )


def too_many_cells(limits: Limits) -> OverBudget:
    return over("cells", "The sheet has more than {max:,} cells", max=limits.max_cells)


def too_long_cell(limits: Limits, cell: str) -> OverBudget:
    return over(
        "cell_chars",
        "The cell {cell} holds more than {max:,} characters",
        max=limits.max_cell_chars,
        cell=cell,
    )


def too_many_rows(limits: Limits) -> OverBudget:
    return over("rows", "The sheet has more than {max:,} rows; delete the empty ones", max=limits.last_row)


def too_many_field_rows(limits: Limits) -> OverBudget:
    return over("field_rows", "The sheet has more than {max:,} field rows", max=limits.max_rows)

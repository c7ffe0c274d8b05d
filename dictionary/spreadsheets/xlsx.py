"""Our own streaming reader of the dictionary sheet of an .xlsx, over defusedxml's SAX parser.

openpyxl builds every cell of a row, and the whole shared-strings table, before anyone can count
them (a 150 KB file took a worker to 1 GB). Here the parts are fed to expat in chunks and each
cell, string and character is counted as it arrives, so a hostile file stops at the first unit
over the :class:`~dictionary.spreadsheets.budget.Limits` and memory holds only what is kept: the
first columns of the non-blank rows and the shared strings. Values come out as openpyxl's
``data_only`` read gives them (cached formula results, numbers, dates by cell style, booleans),
and a formula saved without a value as :class:`FormulaWithoutValue`.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from dictionary.errors import Message
from dictionary.spreadsheets.archive import Archive
from dictionary.spreadsheets.budget import (
    Budget,
    SpreadsheetError,
    over,
    too_long_cell,
    too_many_cells,
    too_many_cells_in_row,
    too_many_field_rows,
    too_many_rows,
)
from dictionary.spreadsheets.columns import blank_row
from dictionary.spreadsheets.parts import (
    Core,
    Handler,
    Relationships,
    Styles,
    Workbook,
    parse,
    whole_number,
)
from dictionary.spreadsheets.reading import SHEET_NAME, FormulaWithoutValue

__all__ = ["SHEET_NAME", "FormulaWithoutValue", "read_xlsx"]

WORKBOOK = "xl/workbook.xml"
_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
Row = tuple[int, list[object]]
_KINDS = {"n": "number", "s": "shared-string index", "b": "boolean", "d": "date"}


def read_xlsx(
    data: bytes, budget: Budget, columns: int, sheet_name: str = SHEET_NAME
) -> tuple[list[Row], dict[str, str]]:
    """The numbered non-blank rows (``columns`` cells each) of the dictionary sheet, and the
    document properties ``identifier`` and ``version``."""
    archive = Archive(data, budget)
    package_rels = "_rels/.rels"
    workbook_rels = "xl/_rels/workbook.xml.rels"
    first = [name for name in (package_rels, WORKBOOK, workbook_rels) if name in archive.names]
    archive.check_declarations(first)
    workbook = parse(archive, WORKBOOK, Workbook(budget, sheet_name))
    sheet_id = workbook.chosen()
    parts = parse(archive, workbook_rels, Relationships(budget, "xl/")).targets
    core = parse(archive, package_rels, Relationships(budget, "")).targets.get("core-properties")
    sheet = parts.get(sheet_id) if sheet_id else None
    if sheet is None or sheet not in archive.names:
        raise SpreadsheetError(Message("no_sheet", "The workbook has no readable sheet"))
    strings = parts.get("sharedStrings")
    archive.check_ratio({sheet, strings} - {None})
    archive.check_declarations(
        [member.filename for member in archive.members if member.filename not in first]
    )

    table = parse(archive, strings, _SharedStrings(budget)).strings
    dates = parse(archive, parts.get("styles"), Styles(budget))
    epoch = CALENDAR_MAC_1904 if workbook.date1904 else CALENDAR_WINDOWS_1900
    rows = parse(archive, sheet, _Sheet(budget, columns, table, dates, epoch)).rows
    properties = parse(archive, core, Core(budget)).values
    return rows, properties


class _SharedStrings(Handler):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.characters_total = 0

    def start(self, name: str, attrs: Any) -> None:
        limits = self.budget.limits
        if name == "si":
            if len(self.strings) >= limits.max_strings:
                raise over(
                    "strings", "The workbook has more than {max:,} shared strings", max=limits.max_strings
                )
            self.parts = []
        elif name == "t" and "rPh" not in self.path:  # phonetic guides are not the value
            self.collect()

    def counted(self, length: int) -> None:
        self.characters_total += length
        limit = self.budget.limits.max_string_chars
        if self.characters_total > limit:
            raise over("string_chars", "The shared strings exceed {max:,} characters", max=limit)

    def end(self, name: str) -> None:
        if name == "t" and self.text is not None:
            self.parts.append(self.collected() or "")
        elif name == "si":
            self.strings.append("".join(self.parts))


class _Sheet(Handler):
    def __init__(
        self, budget: Budget, columns: int, strings: list[str], styles: Styles, epoch: datetime
    ) -> None:
        super().__init__(budget)
        self.columns, self.strings, self.styles, self.epoch = columns, strings, styles, epoch
        self.rows: list[Row] = []
        self.row_elements = 0
        self.number = 0
        self.cells: list[object] | None = None
        self.skipped = False
        self.in_row = 0
        self.cells_total = 0
        self.column = 0
        self.cell: dict[str, str | None] = {}
        self.ref = ""

    def start(self, name: str, attrs: Any) -> None:
        limits = self.budget.limits
        if name == "row":
            self.row_elements += 1
            if self.row_elements > limits.last_row:
                raise too_many_rows(limits)
            number = attrs.get((None, "r"))
            number = self.number + 1 if number is None else whole_number(number, "row number")
            # Rows out of order are skipped, as openpyxl does: a row number is never read twice.
            self.skipped = number <= self.number
            self.cells = None  # made by the first cell with a value: most blank rows have none
            self.number = max(self.number, number)
            self.in_row, self.column = 0, 0
        elif name == "c":
            self.in_row += 1
            if self.in_row > limits.max_row_cells:
                raise too_many_cells_in_row(limits, self.number)
            self.cells_total += 1
            if self.cells_total > limits.max_cells:
                raise too_many_cells(limits)
            ref = attrs.get((None, "r"))
            self.column = self.column + 1 if ref is None else _column(ref)
            self.ref = ref or f"{get_column_letter(self.column)}{self.number}"
            self.cell = {"t": attrs.get((None, "t"), "n"), "s": attrs.get((None, "s"))}
        elif name in ("v", "f") or (name == "t" and "is" in self.path and "rPh" not in self.path):
            self.collect()

    def counted(self, length: int) -> None:
        if self.text_length > self.budget.limits.max_cell_chars:
            raise too_long_cell(self.budget.limits, self.ref)

    def end(self, name: str) -> None:
        if name in ("v", "f"):
            self.cell[name] = self.collected() or ""
        elif name == "t" and self.text is not None:
            self.cell["is"] = (self.cell.get("is") or "") + (self.collected() or "")
        elif name == "c" and not self.skipped and 0 < self.column <= self.columns:
            value = self._value()
            if value is not None:
                if self.cells is None:
                    self.cells = [None] * self.columns
                self.cells[self.column - 1] = value
        elif name == "row" and not self.skipped:
            self._row_done(self.cells)

    def _row_done(self, cells: list[object] | None) -> None:
        limits = self.budget.limits
        if cells is None or blank_row(cells):
            if self.number > limits.last_row:
                raise too_many_rows(limits)
        elif self.number > limits.scan_rows:
            raise too_many_field_rows(limits)
        else:
            self.rows.append((self.number, cells))
        self.cells = None

    def _value(self) -> object:  # noqa: PLR0911 - one return per cell type, as the format lists them
        cell = self.cell
        kind = cell["t"]
        raw = cell.get("is") if kind == "inlineStr" else (cell.get("v") or None)
        if raw is None:
            return None if cell.get("f") is None else FormulaWithoutValue("=" + (cell["f"] or ""))
        try:
            if kind == "n":
                number = float(raw) if any(c in raw for c in ".eE") else int(raw)
                style = whole_number(cell.get("s"))
                if style in self.styles.dates:
                    try:
                        return from_excel(number, self.epoch, timedelta=style in self.styles.durations)
                    except (OverflowError, ValueError):
                        return "#VALUE!"
                return number
            if kind == "s":
                index = int(raw)
                if index < 0:
                    raise IndexError(index)
                return self.strings[index]
            if kind == "b":
                return bool(int(raw))
            if kind == "d":
                return from_ISO8601(raw)
        except (ValueError, IndexError, TypeError):
            noun = _KINDS.get(kind or "", kind or "value")
            raise SpreadsheetError(
                Message(
                    "bad_cell_value",
                    "The cell {cell} holds '{value}', which is not a valid {noun}",
                    cell=self.ref,
                    value=raw[:40],
                    noun=noun,
                )
            ) from None
        return raw  # str (a formula's text result), inlineStr, e (an error such as #N/A)


def _column(ref: str) -> int:
    match = _CELL.fullmatch(ref)
    if match is None:
        raise SpreadsheetError(
            Message("bad_cell_ref", "The sheet has an invalid cell reference: '{value}'", value=ref[:20])
        )
    return column_index_from_string(match.group(1))

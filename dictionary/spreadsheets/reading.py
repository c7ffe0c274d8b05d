"""Reading an uploaded dictionary file: Excel (.xlsx) or CSV, told apart by content, never by name.

Uploads come from anyone with an account, so the readers assume hostile input and work under a
budget (:mod:`~dictionary.spreadsheets.budget`): rows, cells, characters and bytes are counted
while the file streams, formulas are read as their cached values (never evaluated), and no XML
part reaches a parser before it has been checked for DTDs (:mod:`~dictionary.spreadsheets.archive`,
:mod:`~dictionary.spreadsheets.xlsx`). Whatever goes wrong becomes a :class:`SpreadsheetError`
with a message for people; :class:`OverBudget` when a limit was hit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from dictionary.errors import Message
from dictionary.spreadsheets.budget import (
    HEADER_SEARCH_ROWS,
    Budget,
    Limits,
    OverBudget,
    SpreadsheetError,
    over,
    too_long_cell,
    too_many_cells,
    too_many_cells_in_row,
    too_many_field_rows,
    too_many_rows,
)
from dictionary.spreadsheets.columns import BY_KEY, REQUIRED_KEYS, blank_row, clean_text, header_key

__all__ = [
    "FIELD_SHEET",
    "SHEET_NAME",
    "FormulaWithoutValue",
    "Limits",
    "OverBudget",
    "SheetLayout",
    "SpreadsheetError",
    "Table",
    "read_table",
]

SHEET_NAME = "Từ điển dữ liệu"
"""The dictionary sheet of the template (a workbook's other sheets are the guide and the codes)."""


@dataclass(frozen=True)
class SheetLayout:
    """Which sheet of a workbook to read and how its header row is recognised.

    One reader serves every template (a dataset's fields, the terms of a dictionary): only the
    sheet's name and columns differ, never the limits or the hostile-file checks.
    """

    sheet_name: str
    key_column: str
    """The column whose header marks the header row (``ten_truong``)."""
    header_key: Callable[[object], str | None]
    """The column key a header cell names, or None."""
    required: tuple[str, ...]
    english: Mapping[str, str]
    """Column key → its English header (the template's second header row)."""


FIELD_SHEET = SheetLayout(
    SHEET_NAME, "ten_truong", header_key, REQUIRED_KEYS, {key: column.en for key, column in BY_KEY.items()}
)


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed value (e.g. written by a script, not by Excel)."""

    formula: str


ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
MAX_COLUMNS = 60


@dataclass
class Table:
    """The dictionary sheet of a file: which column is which, and the non-blank rows after the header."""

    format: str
    columns: list[str | None]
    """The column key of each cell position; None for a column the template does not know."""
    rows: list[tuple[int, list[object]]]
    """(row number as Excel shows it, cells), blank rows left out."""
    unknown_headers: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    """Document properties of a workbook we exported: ``identifier`` (slug) and ``version``."""


def read_table(data: bytes, limits: Limits | None = None, layout: SheetLayout = FIELD_SHEET) -> Table:
    limits = limits or Limits()
    budget = Budget(limits)
    if not data:
        raise SpreadsheetError(Message("file_empty", "The file is empty"))
    if len(data) > limits.max_bytes:
        raise over("bytes", "The file is larger than {max:,} bytes", max=limits.max_bytes)
    if data.startswith(ZIP_SIGNATURE):
        # Imported here: the workbook reader brings openpyxl (its dates and number formats), a
        # fifth of a second that only an upload of a workbook should cost.
        from dictionary.spreadsheets.xlsx import read_xlsx

        fmt, rows, properties = "xlsx", *read_xlsx(data, budget, MAX_COLUMNS, layout.sheet_name)
    elif data.startswith(OLE_SIGNATURE):
        raise SpreadsheetError(
            Message(
                "old_workbook",
                "This is an Excel 97-2003 (.xls) or password-protected workbook; save it as an "
                "unprotected Excel Workbook (.xlsx) and upload that",
            )
        )
    else:
        fmt, rows, properties = "csv", _csv_rows(data, budget, layout), {}
    return _table(fmt, rows, properties, limits, layout)


def cell_name(column_position: int, row: int) -> str:
    return f"{column_letter(column_position + 1)}{row}"


def column_letter(number: int) -> str:
    """Excel's name of the column ``number`` (1 → A, 27 → AA), as openpyxl's get_column_letter."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# CSV --------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode Text"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise SpreadsheetError(
            Message(
                "not_utf8",
                "The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8; in Excel use "
                "Save As → 'CSV UTF-8 (Comma delimited)' or 'Excel Workbook'",
            )
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(
            Message("binary_file", "The file is binary, not an Excel workbook (.xlsx) or CSV text")
        )
    return text


def _delimiter(text: str, layout: SheetLayout) -> str:
    """Comma, semicolon or tab: whichever splits the header into the most known columns.

    Excel writes semicolons wherever the decimal separator is a comma, Vietnamese Windows
    included, so semicolon files are read, not refused.
    """
    sample = text[:65536].splitlines()[:HEADER_SEARCH_ROWS]
    best, best_score = ",", 0
    for delimiter in (",", ";", "\t"):
        rows = csv.reader(sample, delimiter=delimiter)
        score = max((sum(layout.header_key(cell) is not None for cell in row) for row in rows), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(data: bytes, budget: Budget, layout: SheetLayout) -> list[tuple[int, list[object]]]:
    limits = budget.limits
    text = _decode(data)
    reader = csv.reader(_lines(text, limits), delimiter=_delimiter(text, layout))
    rows: list[tuple[int, list[object]]] = []
    cells = 0
    number = 0
    try:
        # Rows are records, not lines: a cell with line breaks is still one row, as in Excel.
        for number, record in enumerate(reader, start=1):
            if len(record) > limits.max_row_cells:
                raise too_many_cells_in_row(limits, number)
            cells += len(record)
            if cells > limits.max_cells:
                raise too_many_cells(limits)
            for position, value in enumerate(record):
                if len(value) > limits.max_cell_chars:
                    raise too_long_cell(limits, cell_name(position, number))
            kept: list[object] = list(record[:MAX_COLUMNS])
            if blank_row(kept):
                if number > limits.last_row:
                    raise too_many_rows(limits)
            elif number > limits.scan_rows:
                raise too_many_field_rows(limits)
            else:
                rows.append((number, kept))
            if number % 1024 == 0:
                budget.check_time()
    except csv.Error as exc:
        if "field limit" in str(exc):  # the csv module's own cap, above ours: the same refusal
            message = Message(
                "over_row_cell_chars",
                "Row {row} has a cell of more than {max:,} characters",
                max=limits.max_cell_chars,
                row=number + 1,
            )
            raise OverBudget(message, "cell_chars", max=limits.max_cell_chars, row=number + 1) from exc
        raise SpreadsheetError(
            Message("not_csv", "Row {row} is not valid CSV: {reason}", row=reader.line_num, reason=str(exc))
        ) from exc
    return rows


def _lines(text: str, limits: Limits) -> Iterator[str]:
    """The physical lines of the text, one at a time, refusing an overlong one."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.max_line_chars:
            raise over(
                "line_chars",
                "Line {line:,} of the file is longer than {max:,} characters",
                max=limits.max_line_chars,
                line=number,
            )
        yield line


# Both -------------------------------------------------------------------------------------------


def _table(
    fmt: str,
    rows: list[tuple[int, list[object]]],
    properties: dict[str, str],
    limits: Limits,
    layout: SheetLayout,
) -> Table:
    key_column = layout.key_column
    header_index = next(
        (
            index
            for index, (number, cells) in enumerate(rows)
            if number <= HEADER_SEARCH_ROWS and key_column in [layout.header_key(cell) for cell in cells]
        ),
        None,
    )
    if header_index is None:
        raise SpreadsheetError(
            Message(
                "no_header",
                "No header row with the column '{column}' (or '{english}') in the first {rows} rows; "
                "start from the template",
                column=key_column,
                english=layout.english[key_column],
                rows=HEADER_SEARCH_ROWS,
            )
        )
    header_number, header = rows[header_index]
    columns: list[str | None] = [layout.header_key(cell) for cell in header]
    unknown = [str(cell).strip() for cell, key in zip(header, columns, strict=True) if key is None and cell]
    for key in set(filter(None, columns)):
        positions = [cell_name(i, header_number) for i, other in enumerate(columns) if other == key]
        if len(positions) > 1:
            raise SpreadsheetError(
                Message(
                    "column_twice",
                    "The column '{column}' appears more than once ({cells})",
                    column=key,
                    cells=", ".join(positions),
                )
            )
    missing = [key for key in layout.required if key not in columns]
    if missing:
        raise SpreadsheetError(
            Message("columns_missing", "Required columns are missing: {names}", names=", ".join(missing))
        )
    data = rows[header_index + 1 :]
    if data and data[0][0] == header_number + 1 and _english_header(data[0][1], columns, layout):
        data = data[1:]
    if len(data) > limits.max_rows:
        message = Message(
            "over_field_rows_count",
            "The sheet has {count:,} field rows; at most {max:,} are allowed",
            count=len(data),
            max=limits.max_rows,
        )
        raise OverBudget(message, "field_rows", max=limits.max_rows)
    return Table(fmt, columns, data, unknown, properties)


def _english_header(cells: list[object], columns: list[str | None], layout: SheetLayout) -> bool:
    """The template's second header row: each cell names its own column (``data_type`` under ``kieu``)."""
    named = [(cell, key) for cell, key in zip(cells, columns, strict=False) if key and clean_text(cell)]
    return bool(named) and all(
        str(cell).strip().casefold() in (layout.english[key].casefold(), key) for cell, key in named if key
    )

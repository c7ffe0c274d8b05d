"""Reading an uploaded dictionary file: Excel (.xlsx) or CSV, told apart by content, never by name.

Uploads come from anyone with an account, so the readers assume hostile input: a size limit, a
row limit, formulas read as their cached values (never evaluated), a check of the uncompressed
size of the workbook's parts before openpyxl inflates them (zip bombs), and no DTDs (entity
expansion). Whatever goes wrong becomes a :class:`SpreadsheetError` with a message for people.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dictionary.spreadsheets.columns import BY_KEY, REQUIRED_KEYS, clean_text, header_key

SHEET_NAME = "Từ điển dữ liệu"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 10
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024
    """Largest file; HTTP uploads are already capped lower by CATALOG_MAX_CONTENT_LENGTH."""
    max_rows: int = 2000
    """Most field rows (the API's PUT /fields takes at most 2,000 fields too)."""
    max_unzipped: int = 50 * 1024 * 1024
    """Most bytes the parts of an .xlsx may expand to."""
    max_parts: int = 1000

    @property
    def scan_rows(self) -> int:
        """Physical rows read before giving up: room for blank rows between the field rows."""
        return HEADER_SEARCH_ROWS + 2 * self.max_rows


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; nothing in it is used."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed value (e.g. written by a script, not by Excel)."""

    formula: str


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


def read_table(data: bytes, limits: Limits | None = None) -> Table:
    limits = limits or Limits()
    if not data:
        raise SpreadsheetError("The file is empty")
    if len(data) > limits.max_bytes:
        raise SpreadsheetError(f"The file is larger than {limits.max_bytes:,} bytes")
    if data.startswith(ZIP_SIGNATURE):
        fmt, rows, properties = "xlsx", *_xlsx_rows(data, limits)
    elif data.startswith(OLE_SIGNATURE):
        raise SpreadsheetError(
            "This is an Excel 97-2003 (.xls) or password-protected workbook; save it as an "
            "unprotected Excel Workbook (.xlsx) and upload that"
        )
    else:
        fmt, rows, properties = "csv", _csv_rows(data, limits), {}
    return _table(fmt, rows, properties, limits)


def cell_name(column_position: int, row: int) -> str:
    return f"{get_column_letter(column_position + 1)}{row}"


# Excel ------------------------------------------------------------------------------------------


def _check_archive(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetError("The file looks like an .xlsx workbook but is damaged") from exc
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetError(
            "This ZIP file is not an Excel workbook (.xlsx); save the sheet as .xlsx or CSV"
        )
    if len(parts) > limits.max_parts:
        raise SpreadsheetError(f"The workbook has more than {limits.max_parts} parts")
    # The sizes in the ZIP directory bind zipfile too: it stops inflating a part at its declared
    # size, so checking the declared total is enough to refuse a zip bomb before parsing.
    if sum(part.file_size for part in parts) > limits.max_unzipped:
        raise SpreadsheetError(f"The workbook expands to more than {limits.max_unzipped:,} bytes")
    if any(part.flag_bits & 0x1 for part in parts):
        raise SpreadsheetError("The workbook is encrypted")
    try:
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _DTD.search(archive.read(part)):
                # Office never writes DTDs; one in an upload can only be an entity-expansion attack.
                raise SpreadsheetError("The workbook holds an XML document type declaration; refused")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SpreadsheetError("The workbook is damaged") from exc


def _xlsx_rows(data: bytes, limits: Limits) -> tuple[list[tuple[int, list[object]]], dict[str, str]]:
    _check_archive(data, limits)
    try:
        # openpyxl warns about parts it drops (extensions, unknown styles); irrelevant to values.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
            try:
                name = SHEET_NAME if SHEET_NAME in values.sheetnames else values.sheetnames[0]
                value_sheet, formula_sheet = values[name], formulas[name]
                properties = {
                    key: str(getattr(values.properties, key))
                    for key in ("identifier", "version")
                    if getattr(values.properties, key, None)
                }
                # Declared dimensions may lie: trusting them could pad a million empty rows or
                # silently stop before the last field, so read the rows actually present.
                value_sheet.reset_dimensions()
                formula_sheet.reset_dimensions()
                rows = _limited(
                    (
                        [_cell(value, cell) for value, cell in zip(value_row, formula_row, strict=False)]
                        for value_row, formula_row in zip(
                            value_sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True),
                            formula_sheet.iter_rows(max_col=MAX_COLUMNS),
                            strict=False,
                        )
                    ),
                    limits,
                )
            finally:
                values.close()
                formulas.close()
    except SpreadsheetError:
        raise
    except Exception as exc:
        # A damaged or hostile workbook can make openpyxl fail in many ways (KeyError, TypeError,
        # XML syntax errors…); each is a bad upload, answered 4xx, never a server error.
        raise SpreadsheetError(f"The workbook cannot be read ({type(exc).__name__})") from exc
    return rows, properties


def _cell(value: object, cell: object) -> object:
    if getattr(cell, "data_type", None) == "f" and value is None:
        return FormulaWithoutValue(str(getattr(cell, "value", "")))
    return value


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
            "The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8; in Excel use "
            "Save As → 'CSV UTF-8 (Comma delimited)' or 'Excel Workbook'"
        ) from None
    if "\x00" in text:
        raise SpreadsheetError("The file is binary, not an Excel workbook (.xlsx) or CSV text")
    return text


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the header into the most known columns.

    Excel writes semicolons wherever the decimal separator is a comma, Vietnamese Windows
    included, so semicolon files are read, not refused.
    """
    sample = text[:65536].splitlines()[:HEADER_SEARCH_ROWS]
    best, best_score = ",", 0
    for delimiter in (",", ";", "\t"):
        rows = csv.reader(sample, delimiter=delimiter)
        score = max((sum(header_key(cell) is not None for cell in row) for row in rows), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(data: bytes, limits: Limits) -> list[tuple[int, list[object]]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        # Rows are records, not lines: a cell with line breaks is still one row, as in Excel.
        return _limited((list(row[:MAX_COLUMNS]) for row in reader), limits)
    except csv.Error as exc:
        raise SpreadsheetError(f"Row {reader.line_num} is not valid CSV: {exc}") from exc


# Both -------------------------------------------------------------------------------------------


def _blank(cells: list[object]) -> bool:
    return all(isinstance(cell, str | type(None)) and clean_text(cell) is None for cell in cells)


def _limited(rows: Iterable[list[object]], limits: Limits) -> list[tuple[int, list[object]]]:
    """The numbered non-blank rows, refusing a sheet with content beyond the scan limit."""
    result = []
    hard_stop = limits.scan_rows + 50_000
    for number, cells in enumerate(rows, start=1):
        if _blank(cells):
            if number > hard_stop:
                raise SpreadsheetError(f"The sheet has more than {hard_stop:,} rows; delete the empty ones")
            continue
        if number > limits.scan_rows:
            raise SpreadsheetError(f"The sheet has more than {limits.max_rows:,} field rows")
        result.append((number, cells))
    return result


def _table(
    fmt: str, rows: list[tuple[int, list[object]]], properties: dict[str, str], limits: Limits
) -> Table:
    header_index = next(
        (
            index
            for index, (number, cells) in enumerate(rows)
            if number <= HEADER_SEARCH_ROWS and "ten_truong" in [header_key(cell) for cell in cells]
        ),
        None,
    )
    if header_index is None:
        raise SpreadsheetError(
            f"No header row with the column 'ten_truong' (or 'name') in the first {HEADER_SEARCH_ROWS} rows; "
            "start from the template"
        )
    header_number, header = rows[header_index]
    columns: list[str | None] = [header_key(cell) for cell in header]
    unknown = [str(cell).strip() for cell, key in zip(header, columns, strict=True) if key is None and cell]
    for key in set(filter(None, columns)):
        positions = [cell_name(i, header_number) for i, other in enumerate(columns) if other == key]
        if len(positions) > 1:
            raise SpreadsheetError(f"The column '{key}' appears more than once ({', '.join(positions)})")
    missing = [key for key in REQUIRED_KEYS if key not in columns]
    if missing:
        raise SpreadsheetError("Required columns are missing: " + ", ".join(missing))
    data = rows[header_index + 1 :]
    if data and data[0][0] == header_number + 1 and _english_header(data[0][1], columns):
        data = data[1:]
    if len(data) > limits.max_rows:
        raise SpreadsheetError(
            f"The sheet has {len(data):,} field rows; at most {limits.max_rows:,} are allowed"
        )
    return Table(fmt, columns, data, unknown, properties)


def _english_header(cells: list[object], columns: list[str | None]) -> bool:
    """The template's second header row: each cell names its own column (``data_type`` under ``kieu``)."""
    named = [(cell, key) for cell, key in zip(cells, columns, strict=False) if key and clean_text(cell)]
    return bool(named) and all(
        str(cell).strip().casefold() in (BY_KEY[key].en, key) for cell, key in named if key
    )

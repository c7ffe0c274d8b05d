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

import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax import SAXException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from dictionary.spreadsheets.archive import CHUNK, Archive
from dictionary.spreadsheets.budget import (
    Budget,
    OverBudget,
    SpreadsheetError,
    too_long_cell,
    too_many_cells,
    too_many_cells_in_row,
    too_many_field_rows,
    too_many_rows,
)
from dictionary.spreadsheets.columns import blank_row

SHEET_NAME = "Từ điển dữ liệu"
WORKBOOK = "xl/workbook.xml"
MAX_DEPTH = 64
"""Office nests elements a dozen deep; a deeper part only makes the parser keep a long stack."""
MAX_STYLES = 65_536
_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
Row = tuple[int, list[object]]
_KINDS = {"n": "number", "s": "shared-string index", "b": "boolean", "d": "date"}


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed value (e.g. written by a script, not by Excel)."""

    formula: str


def read_xlsx(data: bytes, budget: Budget, columns: int) -> tuple[list[Row], dict[str, str]]:
    """The numbered non-blank rows (``columns`` cells each) of the dictionary sheet, and the
    document properties ``identifier`` and ``version``."""
    archive = Archive(data, budget)
    package_rels = "_rels/.rels"
    workbook_rels = "xl/_rels/workbook.xml.rels"
    first = [name for name in (package_rels, WORKBOOK, workbook_rels) if name in archive.names]
    archive.check_declarations(first)
    workbook = _parse(archive, WORKBOOK, _Workbook(budget))
    sheet_id = workbook.chosen()
    parts = _parse(archive, workbook_rels, _Relationships(budget, "xl/")).targets
    core = _parse(archive, package_rels, _Relationships(budget, "")).targets.get("core-properties")
    sheet = parts.get(sheet_id) if sheet_id else None
    if sheet is None or sheet not in archive.names:
        raise SpreadsheetError("The workbook has no readable sheet")
    strings = parts.get("sharedStrings")
    archive.check_ratio({sheet, strings} - {None})
    archive.check_declarations(
        [member.filename for member in archive.members if member.filename not in first]
    )

    table = _parse(archive, strings, _SharedStrings(budget)).strings if strings in archive.names else []
    styles = parts.get("styles")
    dates = _parse(archive, styles, _Styles(budget)) if styles in archive.names else _Styles(budget)
    epoch = CALENDAR_MAC_1904 if workbook.date1904 else CALENDAR_WINDOWS_1900
    rows = _parse(archive, sheet, _Sheet(budget, columns, table, dates, epoch)).rows
    properties = _parse(archive, core, _Core(budget)).values if core in archive.names else {}
    return rows, properties


def _parse(archive: Archive, name: str, handler: _Handler) -> Any:
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        with archive.zip.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
                handler.budget.check_time()
        parser.close()
    except DefusedXmlException as exc:
        raise SpreadsheetError(
            f"The part {name} holds an XML document type declaration (<!DOCTYPE> or <!ENTITY>); refused"
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SpreadsheetError(f"The workbook is damaged (part {name})") from exc
    except SAXException as exc:
        raise SpreadsheetError(f"The workbook cannot be read: the part {name} is not valid XML") from exc
    return handler


class _Handler(ContentHandler):
    """Counts elements and depth; collects the text of the elements ``start`` asks for."""

    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self.budget = budget
        self.path: list[str] = []
        self.text: list[str] | None = None
        self.text_length = 0

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: Any) -> None:
        self.budget.spend_element()
        if len(self.path) >= MAX_DEPTH:
            raise SpreadsheetError(f"The workbook nests XML elements more than {MAX_DEPTH} deep")
        self.path.append(name[1])
        self.start(name[1], attrs)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.path.pop()
        self.end(name[1])

    def characters(self, content: str) -> None:
        if self.text is not None:
            self.text.append(content)
            self.text_length += len(content)
            self.counted(len(content))

    def collect(self) -> None:
        self.text, self.text_length = [], 0

    def collected(self) -> str | None:
        text = None if self.text is None else "".join(self.text)
        self.text = None
        return text

    def start(self, name: str, attrs: Any) -> None: ...

    def end(self, name: str) -> None: ...

    def counted(self, length: int) -> None:
        """``length`` more characters collected."""


class _Workbook(_Handler):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.first: str | None = None
        self.named: str | None = None
        self.date1904 = False

    def start(self, name: str, attrs: Any) -> None:
        if name == "sheet":
            rel = attrs.get((_REL[1:-1], "id"))
            self.first = self.first or rel
            if attrs.get((None, "name")) == SHEET_NAME:
                self.named = self.named or rel
        elif name == "workbookPr":
            self.date1904 = attrs.get((None, "date1904"), "").lower() in ("1", "true")

    def chosen(self) -> str | None:
        """The sheet named *Từ điển dữ liệu*, else the first."""
        return self.named or self.first


class _Relationships(_Handler):
    """The targets of a part's relationships: by id (sheets) and by type (shared strings…)."""

    KINDS = ("sharedStrings", "styles", "core-properties")

    def __init__(self, budget: Budget, folder: str) -> None:
        super().__init__(budget)
        self.folder = folder
        self.targets: dict[str, str] = {}

    def start(self, name: str, attrs: Any) -> None:
        if name != "Relationship" or attrs.get((None, "TargetMode")) == "External":
            return
        target = attrs.get((None, "Target"), "")
        path = target[1:] if target.startswith("/") else posixpath.join(self.folder, target)
        path = posixpath.normpath(path)
        kind = attrs.get((None, "Type"), "").rsplit("/", 1)[-1]
        if kind in self.KINDS:
            self.targets.setdefault(kind, path)
        elif kind == "worksheet" and len(self.targets) < 1000:
            self.targets[attrs.get((None, "Id"), "")] = path


class _SharedStrings(_Handler):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.characters_total = 0

    def start(self, name: str, attrs: Any) -> None:
        limits = self.budget.limits
        if name == "si":
            if len(self.strings) >= limits.max_strings:
                raise OverBudget(
                    f"The workbook has more than {limits.max_strings:,} shared strings",
                    "strings",
                    max=limits.max_strings,
                )
            self.parts = []
        elif name == "t" and "rPh" not in self.path:  # phonetic guides are not the value
            self.collect()

    def counted(self, length: int) -> None:
        self.characters_total += length
        limit = self.budget.limits.max_string_chars
        if self.characters_total > limit:
            raise OverBudget(f"The shared strings exceed {limit:,} characters", "string_chars", max=limit)

    def end(self, name: str) -> None:
        if name == "t" and self.text is not None:
            self.parts.append(self.collected() or "")
        elif name == "si":
            self.strings.append("".join(self.parts))


class _Styles(_Handler):
    """Which cell styles show numbers as dates or durations (openpyxl turns those into dates)."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.formats: dict[int, str] = {}
        self.xfs = 0
        self.dates: set[int] = set()
        self.durations: set[int] = set()

    def start(self, name: str, attrs: Any) -> None:
        if name == "numFmt" and len(self.formats) < MAX_STYLES:
            self.formats[_int(attrs.get((None, "numFmtId")))] = attrs.get((None, "formatCode"), "")[:255]
        elif name == "xf" and self.path[-2:-1] == ["cellXfs"]:
            if self.xfs >= MAX_STYLES:
                raise OverBudget(
                    f"The workbook has more than {MAX_STYLES:,} cell styles", "styles", max=MAX_STYLES
                )
            number_format = _int(attrs.get((None, "numFmtId")))
            code = self.formats.get(number_format) or BUILTIN_FORMATS.get(number_format, "General")
            if is_date_format(code):
                self.dates.add(self.xfs)
            if is_timedelta_format(code):
                self.durations.add(self.xfs)
            self.xfs += 1


class _Sheet(_Handler):
    def __init__(
        self, budget: Budget, columns: int, strings: list[str], styles: _Styles, epoch: datetime
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
            number = self.number + 1 if number is None else _int(number, "row number")
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
                style = _int(cell.get("s"))
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
            noun = _KINDS.get(kind, kind)
            raise SpreadsheetError(
                f"The cell {self.ref} holds '{raw[:40]}', which is not a valid {noun}"
            ) from None
        return raw  # str (a formula's text result), inlineStr, e (an error such as #N/A)


def _int(value: str | None, what: str = "number") -> int:
    if value is None:
        return 0
    if not value.isdigit() or len(value) > 9:
        raise SpreadsheetError(f"The workbook has an invalid {what}: '{value[:20]}'")
    return int(value)


def _column(ref: str) -> int:
    match = _CELL.fullmatch(ref)
    if match is None:
        raise SpreadsheetError(f"The sheet has an invalid cell reference: '{ref[:20]}'")
    return column_index_from_string(match.group(1))


class _Core(_Handler):
    """The document properties a workbook we exported carries: the dataset slug and version."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.values: dict[str, str] = {}

    def start(self, name: str, attrs: Any) -> None:
        if name in ("identifier", "version") and len(self.path) == 2:
            self.collect()

    def counted(self, length: int) -> None:
        if self.text_length > 1000:
            raise SpreadsheetError("The workbook's document properties are too long")

    def end(self, name: str) -> None:
        if name in ("identifier", "version") and self.text is not None:
            value = (self.collected() or "").strip()
            if value:
                self.values[name] = value

"""The small parts of an .xlsx that the reader needs besides the sheet, and the parsing of any part.

Each part goes to defusedxml's expat parser in chunks, under the import's budget: elements,
nesting depth, characters of text and runs without markup are counted as they come. A handler
collects only the text it asks for.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Any
from xml.sax import SAXException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

from dictionary.errors import Message
from dictionary.spreadsheets.archive import CHUNK, Archive, dtd_refused, part_damaged
from dictionary.spreadsheets.budget import Budget, OverBudget, SpreadsheetError, over
from dictionary.spreadsheets.reading import SHEET_NAME

MAX_DEPTH = 64
"""Office nests elements a dozen deep; a deeper part only makes the parser keep a long stack."""
MAX_STYLES = 65_536
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def parse(archive: Archive, name: str | None, handler: Handler) -> Any:
    """The handler after it has seen the part ``name``; untouched if the workbook has no such part."""
    if name not in archive.names:
        return handler
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        with archive.zip.open(name) as stream:
            run = 0
            while chunk := stream.read(CHUNK):
                run = _unmarked_run(name, chunk, run, handler.budget.limits.max_token_bytes)
                parser.feed(chunk)
                handler.budget.check_time()
        parser.close()
    except DefusedXmlException as exc:
        raise SpreadsheetError(dtd_refused(name)) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SpreadsheetError(part_damaged(name)) from exc
    except SAXException as exc:
        raise SpreadsheetError(
            Message(
                "part_not_xml", "The workbook cannot be read: the part {part} is not valid XML", part=name
            )
        ) from exc
    return handler


def _unmarked_run(name: str, chunk: bytes, run: int, limit: int) -> int:
    """The bytes since the last ``<`` or ``>`` after this chunk, refusing a run over ``limit``.

    A run inside one chunk is shorter than the limit (CHUNK is smaller), so only the run that
    crosses chunks needs counting. The bytes are those of any encoding: in UTF-16 and UTF-32
    ``<`` and ``>`` are still these bytes, next to zeros."""
    marks = [position for position in (chunk.find(b"<"), chunk.find(b">")) if position >= 0]
    if marks:
        if run + min(marks) > limit:
            raise _too_long_token(name, limit)
        return len(chunk) - 1 - max(chunk.rfind(b"<"), chunk.rfind(b">"))
    if run + len(chunk) > limit:
        raise _too_long_token(name, limit)
    return run + len(chunk)


def _too_long_token(name: str, limit: int) -> OverBudget:
    return over(
        "token_bytes", "The part {part} has more than {max:,} bytes without markup", max=limit, part=name
    )


class Handler(ContentHandler):
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
            raise SpreadsheetError(
                Message("too_deep", "The workbook nests XML elements more than {max} deep", max=MAX_DEPTH)
            )
        self.path.append(name[1])
        self.start(name[1], attrs)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.path.pop()
        self.end(name[1])

    def characters(self, content: str) -> None:
        self.budget.spend_text(len(content))
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


class Workbook(Handler):
    def __init__(self, budget: Budget, sheet_name: str = SHEET_NAME) -> None:
        super().__init__(budget)
        self.sheet_name = sheet_name
        self.first: str | None = None
        self.named: str | None = None
        self.date1904 = False

    def start(self, name: str, attrs: Any) -> None:
        if name == "sheet":
            rel = attrs.get((_REL[1:-1], "id"))
            self.first = self.first or rel
            if attrs.get((None, "name")) == self.sheet_name:
                self.named = self.named or rel
        elif name == "workbookPr":
            self.date1904 = attrs.get((None, "date1904"), "").lower() in ("1", "true")

    def chosen(self) -> str | None:
        """The sheet of the template's name (*Từ điển dữ liệu*), else the first."""
        return self.named or self.first


class Relationships(Handler):
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


class Styles(Handler):
    """Which cell styles show numbers as dates or durations (openpyxl turns those into dates)."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.formats: dict[int, str] = {}
        self.xfs = 0
        self.dates: set[int] = set()
        self.durations: set[int] = set()

    def start(self, name: str, attrs: Any) -> None:
        if name == "numFmt" and len(self.formats) < MAX_STYLES:
            self.formats[whole_number(attrs.get((None, "numFmtId")))] = attrs.get((None, "formatCode"), "")[
                :255
            ]
        elif name == "xf" and self.path[-2:-1] == ["cellXfs"]:
            if self.xfs >= MAX_STYLES:
                raise over("styles", "The workbook has more than {max:,} cell styles", max=MAX_STYLES)
            number_format = whole_number(attrs.get((None, "numFmtId")))
            code = self.formats.get(number_format) or BUILTIN_FORMATS.get(number_format, "General")
            if is_date_format(code):
                self.dates.add(self.xfs)
            if is_timedelta_format(code):
                self.durations.add(self.xfs)
            self.xfs += 1


class Core(Handler):
    """The document properties a workbook we exported carries: the dataset slug and version."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.values: dict[str, str] = {}

    def start(self, name: str, attrs: Any) -> None:
        if name in ("identifier", "version") and len(self.path) == 2:
            self.collect()

    def counted(self, length: int) -> None:
        if self.text_length > 1000:
            raise SpreadsheetError(
                Message("properties_long", "The workbook's document properties are too long")
            )

    def end(self, name: str) -> None:
        if name in ("identifier", "version") and self.text is not None:
            value = (self.collected() or "").strip()
            if value:
                self.values[name] = value


def whole_number(value: str | None, what: str = "number") -> int:
    """An attribute that must be a whole number (row number, style index); absent means 0."""
    if value is None:
        return 0
    if not value.isdigit() or len(value) > 9:
        raise SpreadsheetError(
            Message(
                "invalid_number", "The workbook has an invalid {noun}: '{value}'", noun=what, value=value[:20]
            )
        )
    return int(value)

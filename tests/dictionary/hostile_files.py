"""Hostile .xlsx files built in code (no binary fixtures), for the tests and benchmarks/uploads.py.

Each is a small upload that describes a lot of work or an XML attack. ``CASES`` names them with
what the import must answer: the HTTP status, and a piece of the message that names the limit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from tests.dictionary.spreadsheet_helpers import KEYS, row, xlsx_bytes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
STRINGS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
HEADER = "".join(f'<c t="inlineStr"><is><t>{key}</t></is></c>' for key in KEYS)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)


def base() -> bytes:
    return xlsx_bytes([row(ten_truong="ma", nhan="Mã")])


def rebuild(
    content: bytes,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    rename: dict[str, str] | None = None,
) -> bytes:
    """The same .xlsx with parts replaced, added or renamed (deflated, as Excel saves them)."""
    replace, add, rename = replace or {}, add or {}, rename or {}
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replace.get(info.filename, source.read(info))
            target.writestr(rename.get(info.filename, info.filename), data)
        for name, data in add.items():
            target.writestr(name, data)
    return buffer.getvalue()


def sheet_xml(rows: str) -> bytes:
    """A worksheet with the template's header row and then ``rows`` (XML of <row> elements)."""
    body = f'<sheetData><row r="1">{HEADER}</row>{rows}</sheetData>'
    return f'<worksheet xmlns="{MAIN}">{body}</worksheet>'.encode()


def with_shared_strings(strings: bytes, sheet_rows: str) -> bytes:
    """A workbook whose sheet refers to a shared-strings part (as Excel writes them)."""
    content = base()
    archive = zipfile.ZipFile(io.BytesIO(content))
    rels = archive.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        f'<Relationship Id="rId9" Type="{STRINGS_TYPE}" Target="sharedStrings.xml"/>'.encode()
        + b"</Relationships>",
    )
    return rebuild(
        content,
        replace={SHEET: sheet_xml(sheet_rows), "xl/_rels/workbook.xml.rels": rels},
        add={STRINGS: strings},
    )


def cell_bomb_row() -> bytes:
    """Row 3 holds 1.2 million cells: 19 MB of XML in a few dozen KB."""
    cells = "<c><v>1</v></c>" * 1_200_000
    return rebuild(base(), replace={SHEET: sheet_xml(f'<row r="3">{cells}</row>')})


def shared_strings_bomb() -> bytes:
    """47 MB of shared strings, of which the sheet uses one."""
    item = "<si><t>" + "x" * 1000 + "</t></si>"
    strings = f'<sst xmlns="{MAIN}">{item * 47_000}</sst>'.encode()
    return with_shared_strings(strings, '<row r="3"><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>')


def many_rows() -> bytes:
    """A million (blank) rows, which openpyxl would have walked one by one."""
    return rebuild(base(), replace={SHEET: sheet_xml("<row/>" * 1_000_000)})


def zip_bomb_member() -> bytes:
    """A 40 MB member of zeros, compressed a thousand times, under an innocent name."""
    return rebuild(base(), add={"xl/media/image1.png": bytes(40 * 1024 * 1024)})


def huge_attribute() -> bytes:
    """One 45 MB attribute in the shared strings: expat would re-read it at every chunk."""
    strings = f'<sst xmlns="{MAIN}"><si a="'.encode() + b"x" * 45_000_000 + b'"><t>x</t></si></sst>'
    return with_shared_strings(strings, '<row r="3"><c t="s"><v>0</v></c></row>')


def utf16_doctype() -> bytes:
    """The styles part re-encoded as UTF-16 with a DTD: invisible to a scan of the raw bytes."""
    content = base()
    styles = zipfile.ZipFile(io.BytesIO(content)).read("xl/styles.xml").decode()
    evil = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>') + styles
    return rebuild(content, replace={"xl/styles.xml": evil.encode("utf-16")})


def renamed_sheet_part() -> bytes:
    """The sheet stored as xl/worksheets/sheet1.bin, with an entity declaration."""
    content = base()
    archive = zipfile.ZipFile(io.BytesIO(content))
    rels = archive.read("xl/_rels/workbook.xml.rels").replace(b"sheet1.xml", b"sheet1.bin")
    sheet = LAUGHS.encode() + archive.read(SHEET)
    return rebuild(
        content,
        replace={SHEET: sheet, "xl/_rels/workbook.xml.rels": rels},
        rename={SHEET: "xl/worksheets/sheet1.bin"},
    )


def custom_xml_doctype() -> bytes:
    """An extra part nobody reads, customXml/item1.dat, holding a DTD."""
    return rebuild(base(), add={"customXml/item1.dat": (LAUGHS + "<root>&lol9;</root>").encode()})


def billion_laughs_strings() -> bytes:
    strings = f'{LAUGHS}<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'.encode()
    return with_shared_strings(strings, '<row r="3"><c t="s"><v>0</v></c></row>')


def external_entity() -> bytes:
    """A sheet whose cell would show /etc/passwd if entities were resolved."""
    sheet = sheet_xml('<row r="3"><c t="inlineStr"><is><t>&xxe;</t></is></c></row>')
    doctype = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return rebuild(base(), replace={SHEET: doctype + sheet})


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    status: int
    message: str
    """A piece of the message that names the limit or the refusal."""


CASES = [
    Case("cell-bomb-row", cell_bomb_row, 413, "more than 16,384 cells in row 3"),
    Case("shared-strings-bomb", shared_strings_bomb, 413, "shared strings exceed 10,000,000 characters"),
    Case("many-rows", many_rows, 413, "more than 54,010 rows"),
    Case("zip-bomb-member", zip_bomb_member, 413, "xl/media/image1.png expands more than 100 times"),
    Case(
        "huge-attribute",
        huge_attribute,
        413,
        "sharedStrings.xml has more than 1,048,576 bytes without markup",
    ),
    Case("utf16-doctype", utf16_doctype, 422, "xl/styles.xml holds an XML document type declaration"),
    Case("renamed-part", renamed_sheet_part, 422, "sheet1.bin holds an XML document type declaration"),
    Case("custom-xml-dat", custom_xml_doctype, 422, "item1.dat holds an XML document type declaration"),
    Case("billion-laughs", billion_laughs_strings, 422, "sharedStrings.xml holds an XML document type"),
    Case("external-entity", external_entity, 422, "sheet1.xml holds an XML document type declaration"),
]

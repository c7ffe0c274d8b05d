"""Hostile uploads under the reading budget: bombs refused by the limit they hit, DTDs in any part.

Files are generated here (tests/dictionary/hostile_files.py); how fast each is refused is measured
by benchmarks/uploads.py, not by a timed test.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from dictionary.errors import TooLarge
from dictionary.services import DictionaryFileService
from dictionary.spreadsheets import Limits, OverBudget, SpreadsheetError, read_table
from dictionary.spreadsheets.archive import CHUNK
from tests.dictionary import hostile_files as H
from tests.dictionary.spreadsheet_helpers import KEYS, csv_bytes, make_dictionary, row, xlsx_bytes

LIMIT_OF = {
    "cell-bomb-row": ("row_cells", {"max": 16_384, "row": 3}),
    "shared-strings-bomb": ("string_chars", {"max": 10_000_000}),
    "many-rows": ("rows", {"max": 54_010}),
    "zip-bomb-member": ("ratio", {"max": 100, "part": "xl/media/image1.png"}),
    "huge-attribute": ("token_bytes", {"max": 1_048_576, "part": "xl/sharedStrings.xml"}),
}


@pytest.fixture(scope="module", params=H.CASES, ids=[case.name for case in H.CASES])
def hostile(request: pytest.FixtureRequest) -> tuple[H.Case, bytes]:
    return request.param, request.param.build()


def test_each_hostile_workbook_is_refused_by_the_reader_naming_why(hostile) -> None:  # type: ignore[no-untyped-def]
    case, content = hostile
    assert len(content) < 200_000  # small uploads, all of them: the work is what they describe
    with pytest.raises(SpreadsheetError) as raised:
        read_table(content)
    assert case.message in raised.value.message
    assert isinstance(raised.value, OverBudget) == (case.status == 413)
    if isinstance(raised.value, OverBudget):
        assert (raised.value.limit, raised.value.params) == LIMIT_OF[case.name]


def test_each_hostile_workbook_is_refused_by_the_service_and_nothing_is_written(ctx, hostile) -> None:  # type: ignore[no-untyped-def]
    case, content = hostile
    make_dictionary(ctx)
    files = DictionaryFileService(ctx)
    if case.status == 413:
        with pytest.raises(TooLarge) as raised:
            files.import_file("ho-so", content, dry_run=False)
        assert case.message in raised.value.message and raised.value.limit == LIMIT_OF[case.name][0]
    else:
        report = files.import_file("ho-so", content, dry_run=False)
        assert [error.row for error in report.errors] == [None]
        assert case.message in report.errors[0].message and not report.applied
    assert len(files.datasets.get("ho-so").fields) == 4


# Every part, whatever its name or encoding --------------------------------------------------------


def doctype_in(encoding: str, *, bom: bool = True, declared: bool = False) -> bytes:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if declared else ""
    text = declaration + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 if encoding == "utf-8" else b"") + data if bom else data


@pytest.mark.parametrize(
    "part",
    [
        doctype_in("utf-8"),
        doctype_in("utf-16"),  # Python writes the byte-order mark
        doctype_in("utf-16-le", bom=False),
        doctype_in("utf-16-be", bom=False),
        doctype_in("utf-32"),
        doctype_in("utf-32-le", bom=False),
        b'<?xml version="1.0" encoding="cp037"?>' + '<!DOCTYPE x [<!ENTITY e "e">]><x/>'.encode("cp037"),
        b"<x/>" + b" " * (CHUNK - 6) + b"<!DOCTYPE x []>",  # the marker straddles two chunks
    ],
    ids=["utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32-bom", "utf32le", "ebcdic", "chunk-edge"],
)
def test_a_declaration_in_any_encoding_of_any_part_is_refused(part: bytes) -> None:
    content = H.rebuild(H.base(), add={"xl/printerSettings/printerSettings1.bin": part})
    with pytest.raises(
        SpreadsheetError, match=r"printerSettings1\.bin holds an XML document type declaration"
    ):
        read_table(content)


def test_an_unknown_declared_encoding_is_refused() -> None:
    content = H.rebuild(H.base(), add={"docProps/custom.xml": b'<?xml version="1.0" encoding="x-nope"?><a/>'})
    with pytest.raises(SpreadsheetError, match="unknown encoding"):
        read_table(content)


def test_binary_parts_without_markers_are_accepted() -> None:
    content = H.rebuild(H.base(), add={"xl/media/image1.png": bytes(range(256)) * 100})
    assert read_table(content).rows[0][1][:2] == ["ma", "Mã"]


# Each limit, counted while streaming ---------------------------------------------------------------


def refused(content: bytes, limit: str, **limits: int | float) -> OverBudget:
    with pytest.raises(OverBudget) as raised:
        read_table(content, Limits(**limits))  # type: ignore[arg-type]
    assert raised.value.limit == limit, raised.value.message
    return raised.value


def test_archive_limits() -> None:
    many = H.rebuild(H.base(), add={f"xl/extra{n}.xml": b"<a/>" for n in range(20)})
    assert "more than 10 parts" in refused(many, "parts", max_parts=10).message
    big = H.rebuild(H.base(), add={"xl/big.xml": b"<a>" + b"x" * 300_000 + b"</a>"})
    error = refused(big, "part_bytes", max_part_bytes=200_000)
    assert error.message == "The part xl/big.xml expands to more than 200,000 bytes"
    assert (
        "expands to more than 250,000 bytes" in refused(big, "unzipped_bytes", max_unzipped=250_000).message
    )
    # Under the floor a member may compress as well as it likes; the counted sheet has no ratio.
    assert read_table(big, Limits(ratio_floor=400_000)).rows
    assert "big.xml expands more than 100 times" in refused(big, "ratio", ratio_floor=100_000).message


def test_shared_string_limits() -> None:
    items = "".join(f"<si><r><t>s{n}</t></r><rPh><t>phonetic</t></rPh></si>" for n in range(30))
    content = H.with_shared_strings(f'<sst xmlns="{H.MAIN}">{items}</sst>'.encode(), "")
    assert (
        refused(content, "strings", max_strings=20).message == "The workbook has more than 20 shared strings"
    )
    error = refused(content, "string_chars", max_string_chars=50)
    assert error.message == "The shared strings exceed 50 characters"  # phonetic guides are not counted
    assert read_table(content, Limits(max_string_chars=90))


def test_cell_limits() -> None:
    rows = "".join(
        f'<row r="{n}"><c t="inlineStr"><is><t>f{n}</t></is></c><c><v>1</v></c></row>' for n in range(3, 30)
    )
    content = H.rebuild(H.base(), replace={H.SHEET: H.sheet_xml(rows)})
    assert refused(content, "cells", max_cells=40).message == "The sheet has more than 40 cells"
    assert refused(content, "row_cells", max_row_cells=10).params == {"max": 10, "row": 1}
    long = H.rebuild(
        H.base(), replace={H.SHEET: H.sheet_xml('<row r="3"><c r="B3"><v>' + "9" * 200 + "</v></c></row>")}
    )
    assert (
        refused(long, "cell_chars", max_cell_chars=100).message
        == "The cell B3 holds more than 100 characters"
    )
    assert refused(content, "elements", max_elements=300).message.startswith(
        "The workbook has more than 300 XML"
    )


def test_rows_beyond_the_field_rows_are_refused_as_they_come() -> None:
    rows = '<row r="5000"><c t="inlineStr"><is><t>late</t></is></c></row>'
    content = H.rebuild(H.base(), replace={H.SHEET: H.sheet_xml(rows)})
    assert refused(content, "field_rows").message == "The sheet has more than 2,000 field rows"
    blank = H.rebuild(H.base(), replace={H.SHEET: H.sheet_xml('<row r="60000"><c r="A60000" s="0"/></row>')})
    assert "more than 54,010 rows" in refused(blank, "rows").message


def test_the_deadline_stops_a_slow_read() -> None:
    error = refused(H.many_rows(), "seconds", max_seconds=0)
    assert error.message == "Reading the file took more than 0 s; refused"


def test_deep_nesting_is_refused() -> None:
    content = H.rebuild(H.base(), add={"xl/deep.xml": b"<a>" * 100 + b"</a>" * 100})
    assert read_table(content).rows  # parts nobody reads are only checked for declarations
    sheet = H.sheet_xml('<row r="3"><c><extLst>' + "<x>" * 100 + "</x>" * 100 + "</extLst></c></row>")
    with pytest.raises(SpreadsheetError, match="more than 64 deep"):
        read_table(H.rebuild(H.base(), replace={H.SHEET: sheet}))


# What the reader gives, as openpyxl's data_only read gave it ---------------------------------------


STYLES = (
    f'<styleSheet xmlns="{H.MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
    "</styleSheet>"
)


def test_values_of_every_cell_type() -> None:
    strings = (
        f'<sst xmlns="{H.MAIN}"><si><r><t>ho_</t></r><r><rPr><b/></rPr><t>ten</t></r></si>'
        '<si><t xml:space="preserve">Họ tên </t><rPh><t>ホ</t></rPh></si></sst>'
    )
    cells = (
        '<c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c>'
        '<c r="C3" t="str"><f>A3&amp;"x"</f><v>ho_tenx</v></c>'
        '<c r="G3"><v>12</v></c><c r="I3"><v>2.5</v></c><c r="J3" t="b"><v>1</v></c>'
        '<c r="N3" t="e"><v>#N/A</v></c><c r="P3" s="1"><v>45658</v></c><c r="Q3" s="2"><v>45658.5</v></c>'
        '<c r="R3"><f>1+1</f><v/></c>'
    )
    content = H.with_shared_strings(strings.encode(), f'<row r="3">{cells}</row>')
    content = H.rebuild(content, replace={"xl/styles.xml": STYLES.encode()})
    table = read_table(content)
    assert table.columns[: len(KEYS)] == KEYS
    number, values = table.rows[-1]
    named = dict(zip(KEYS, values, strict=False))
    assert number == 3
    assert (named["ten_truong"], named["nhan"], named["nhan_en"]) == ("ho_ten", "Họ tên ", "ho_tenx")
    assert (named["do_dai"], named["so_le"], named["bat_buoc"], named["danh_muc"]) == (12, 2.5, True, "#N/A")
    assert (
        str(named["vi_du"]) == "2025-01-01 00:00:00"
        and str(named["du_lieu_ca_nhan"]) == "2025-01-01 12:00:00"
    )
    assert named["han_che"].formula == "=1+1"  # type: ignore[union-attr]


def test_a_cell_that_refers_to_a_missing_shared_string_is_refused() -> None:
    content = H.with_shared_strings(
        f'<sst xmlns="{H.MAIN}"/>'.encode(), '<row r="3"><c t="s"><v>7</v></c></row>'
    )
    with pytest.raises(
        SpreadsheetError, match="The cell A3 holds '7', which is not a valid shared-string index"
    ):
        read_table(content)


def test_a_legitimate_workbook_reads_as_openpyxl_reads_it() -> None:
    rows = [
        row(ten_truong=f"f{n}", nhan="Trường " * 20, dinh_nghia="Định nghĩa " * 50, do_dai=n,
            bat_buoc=n % 2 == 0, so_le=1.5, vi_du=datetime(2025, 1, n % 28 + 1),
            khoa_ngoai=None if n % 3 else "cong-dan/x")
        for n in range(300)
    ]  # fmt: skip
    content = xlsx_bytes(rows)
    table = read_table(content)
    expected = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    width = len(KEYS)
    assert [cells[:width] for _, cells in table.rows] == [
        list(values) for values in expected.iter_rows(min_row=3, values_only=True)
    ]
    assert len(table.rows) == 300 and table.rows[-1][0] == 302


# CSV -------------------------------------------------------------------------------------------------


def test_csv_limits() -> None:
    header = "ten_truong,nhan\r\n"
    assert refused((header + "a," * 600_000 + "\r\n").encode(), "line_chars").message == (
        "Line 2 of the file is longer than 1,000,000 characters"
    )
    assert refused((header + "," * 20_000 + "\r\n").encode(), "row_cells").params == {"max": 16_384, "row": 2}
    assert (
        "more than 100 cells" in refused((header + "a,b\r\n" * 60).encode(), "cells", max_cells=100).message
    )
    error = refused((header + "a," + "x" * 40_000 + "\r\n").encode(), "cell_chars")
    assert error.message == "The cell B2 holds more than 32,767 characters"
    quoted = header + 'a,"' + ("x" * 900 + "\n") * 200 + '"\r\n'  # one field over many lines
    assert refused(quoted.encode(), "cell_chars").message == "Row 2 has a cell of more than 32,767 characters"
    assert "more than 54,010 rows" in refused((header + "\r\n" * 60_000).encode(), "rows").message
    assert refused(csv_bytes([row(ten_truong="a", nhan="A")] * 30), "field_rows", max_rows=10).params == {
        "max": 10
    }


def test_compression_methods_excel_does_not_write_are_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(H.base()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    with pytest.raises(SpreadsheetError, match="compression method that Excel does not write"):
        read_table(buffer.getvalue())


def test_an_old_style_zip_member_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Stored (not deflated) members, as some tools write them, pass the ratio check trivially.
    stored = tmp_path / "stored.xlsx"
    source = zipfile.ZipFile(io.BytesIO(H.base()))
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    assert read_table(stored.read_bytes()).rows[0][1][0] == "ma"


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    error = refused(b"ten_truong,nhan\r\n" + b"a,b\r\n" * 300, "bytes", max_bytes=1000)
    assert error.message == "The file is larger than 1,000 bytes" and error.params == {"max": 1000}


def test_a_huge_token_or_text_nobody_reads_is_refused_early() -> None:
    attribute = f'<sst xmlns="{H.MAIN}"><si a="'.encode() + b"x" * 3_000_000 + b'"/></sst>'
    content = H.with_shared_strings(attribute, '<row r="3"><c t="s"><v>0</v></c></row>')
    error = refused(content, "token_bytes")
    assert error.message == "The part xl/sharedStrings.xml has more than 1,048,576 bytes without markup"
    text = f'<sst xmlns="{H.MAIN}"><si><x>'.encode() + b"<y/>".join([b"x" * 1000] * 3000) + b"</x></si></sst>"
    content = H.with_shared_strings(text, '<row r="3"><c t="s"><v>0</v></c></row>')
    assert (
        "more than 1,000,000 characters of text"
        in refused(content, "text_chars", max_text_chars=1_000_000).message
    )


def test_a_workbook_without_relationships_has_no_sheet() -> None:
    source = zipfile.ZipFile(io.BytesIO(H.base()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if "_rels" not in info.filename:
                target.writestr(info.filename, source.read(info))
    with pytest.raises(SpreadsheetError, match="no readable sheet"):
        read_table(buffer.getvalue())

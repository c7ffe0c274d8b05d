"""Reading and writing dictionary spreadsheets without a database: formats, limits, hostile files."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from dictionary import concepts as C
from dictionary.spreadsheets import (
    CODES_SHEET,
    GUIDE_SHEET,
    CodeLists,
    Limits,
    SpreadsheetError,
    Vocabulary,
    parse_rows,
    read_table,
    write_csv,
    write_xlsx,
)
from dictionary.spreadsheets.columns import parse_mappings
from dictionary.spreadsheets.reading import SHEET_NAME, FormulaWithoutValue
from tests.dictionary.spreadsheet_helpers import KEYS, csv_bytes, rewrite_part, row, xlsx_bytes
from vocab.skos import load_vocabularies

VOCABULARY = Vocabulary(load_vocabularies())
DATA_TYPES = [choice.code for choice in VOCABULARY.choices("data-types")]


class FakeReferences:
    """References with two standards and one foreign field, answered from memory."""

    def concept(self, scheme: str, value: str) -> str | None:
        return VOCABULARY.resolve(scheme, value)

    def choices(self, scheme: str) -> list[str]:
        return [choice.code for choice in VOCABULARY.choices(scheme)]

    def scheme(self, value: str) -> str | None:
        return VOCABULARY.scheme_uri(value)

    def standard(self, code: str) -> str | None:
        return {"std-pid": "STD-PID", "std-citizen": "STD-CITIZEN"}.get(code.casefold())

    def field_exists(self, dataset: str, name: str) -> bool:
        return (dataset, name) == ("cong-dan", "so_dinh_danh")


def codes() -> CodeLists:
    return CodeLists(
        data_types=VOCABULARY.choices("data-types"),
        personal_data=VOCABULARY.choices("personal-data"),
        schemes=VOCABULARY.scheme_choices(),
    )


def parse(content: bytes, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    return parse_rows(read_table(content, limits), FakeReferences())


# The workbook we write --------------------------------------------------------------------------


def test_template_has_three_sheets_styled_header_and_guide() -> None:
    workbook = load_workbook(io.BytesIO(write_xlsx([], codes())))
    assert workbook.sheetnames == [SHEET_NAME, GUIDE_SHEET, CODES_SHEET]
    sheet = workbook[SHEET_NAME]
    assert [cell.value for cell in sheet[1]] == KEYS
    assert [cell.value for cell in sheet[2]][:3] == ["name", "label_vi", "label_en"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "B3"
    assert sheet["F1"].comment is not None and "Data type" in sheet["F1"].comment.text
    assert sheet.column_dimensions["A"].width == 24
    guide = [cell for line in workbook[GUIDE_SHEET].iter_rows(values_only=True) for cell in line if cell]
    assert "anh_xa" in guide and any("exactMatch" in str(text) for text in guide)


def test_drop_downs_come_from_the_vocabularies() -> None:
    workbook = load_workbook(io.BytesIO(write_xlsx([], codes())))
    sheet, code_sheet = workbook[SHEET_NAME], workbook[CODES_SHEET]
    listed = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list" and validation.showDropDown is not True  # True hides it
        letter = str(validation.sqref)[0]
        assert str(validation.sqref) == f"{letter}3:{letter}2002"
        sheet_name, cells = validation.formula1.rsplit("!", 1)  # no "=": Excel would repair the file
        assert sheet_name.strip("'") == CODES_SHEET
        first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
        listed[letter] = [code_sheet.cell(row=n, column=2).value for n in range(first, last + 1)]
    assert listed["F"] == DATA_TYPES  # kieu
    assert listed["Q"] == ["KHONG", "CO_BAN", "NHAY_CAM"]  # du_lieu_ca_nhan
    assert listed["J"] == listed["K"] == listed["L"] == listed["R"] == ["x", "có", "không"]  # booleans
    assert "admin-units-2025" in listed["N"]  # danh_muc
    assert "STRING" in DATA_TYPES and "VARCHAR" not in DATA_TYPES


def test_csv_has_a_bom_and_both_header_rows() -> None:
    content = write_csv([row(ten_truong="ho_ten", nhan="Họ và tên")])
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ten_truong,nhan,") and lines[1].startswith("name,label_vi,")
    assert lines[2].startswith("ho_ten,Họ và tên,")


def test_csv_injection_is_escaped_and_reads_back_unchanged() -> None:
    values = row(ten_truong="a", nhan="=1+2", vi_du="-5", dinh_nghia="@SUM(A1)", don_vi="+84")
    content = write_csv([values])
    line = content.decode("utf-8-sig").splitlines()[2]
    assert "'=1+2" in line and "'-5" in line and "'@SUM(A1)" in line and "'+84" in line
    parsed = parse(content)
    assert not parsed.errors
    item = parsed.inputs[0]
    assert (item["label_vi"], item["example"], item["definition"], item["unit"]) == (
        "=1+2",
        "-5",
        "@SUM(A1)",
        "+84",
    )


def test_xlsx_stores_formula_like_text_as_text() -> None:
    content = write_xlsx([row(ten_truong="a", nhan='=HYPERLINK("http://evil")')], codes())
    cell = load_workbook(io.BytesIO(content))[SHEET_NAME]["B3"]
    assert cell.data_type == "s" and cell.quotePrefix
    assert parse(content).inputs[0]["label_vi"] == '=HYPERLINK("http://evil")'


# Formats ----------------------------------------------------------------------------------------


def test_csv_with_or_without_bom_and_with_semicolons_reads_the_same() -> None:
    rows = [row(ten_truong="ho_ten", nhan="Họ và tên", kieu="string", bat_buoc="Có", do_dai="100")]
    variants = [
        csv_bytes(rows),
        csv_bytes(rows, bom=False),
        csv_bytes(rows, delimiter=";"),
        csv_bytes(rows, delimiter="\t", english=False),
        xlsx_bytes(rows),
    ]
    results = [parse(content) for content in variants]
    assert all(not result.errors for result in results)
    assert all(result.inputs == results[0].inputs for result in results)
    assert results[0].inputs[0]["data_type"] == C.concept("data-types", "STRING")
    assert results[0].inputs[0]["required"] is True and results[0].inputs[0]["length"] == 100


def test_vietnamese_in_decomposed_unicode_is_normalised() -> None:
    decomposed = "Ho\u0323 va\u0300 te\u0302n"  # "Họ và tên" typed on macOS
    parsed = parse(csv_bytes([row(ten_truong="ho_ten", nhan=decomposed)]))
    assert parsed.inputs[0]["label_vi"] == "Họ và tên"


def test_rows_are_records_not_lines() -> None:
    content = csv_bytes(
        [row(ten_truong="a", nhan="A", dinh_nghia="line 1\nline 2"), row(ten_truong="b", nhan="")]
    )
    parsed = parse(content)
    assert [str(error) for error in parsed.errors] == ["row 4, column nhan: a value is required"]


def test_header_in_english_only_after_title_rows_with_unknown_columns() -> None:
    content = csv_bytes(
        [["", "", ""], ["ho_ten", "Họ tên", "ignored"]],
        header=["name", "label_vi", "ghi_chu_rieng"],
        english=False,
    )
    content = "Danh sách trường\r\n".encode() + content.removeprefix(b"\xef\xbb\xbf")
    parsed = parse(content)
    assert not parsed.errors and parsed.inputs == [{"name": "ho_ten", "label_vi": "Họ tên"}]
    assert any("ghi_chu_rieng" in warning for warning in parsed.warnings)
    assert any("keep their current values" in warning and "kieu" in warning for warning in parsed.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04 this is not really a zip", "damaged"),
        (b"%PDF-1.7\n\xe2\xe3\xcf\xd3 binary", "neither an Excel workbook"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100, ".xls"),
        (b"\x00\x01\x02binary", "binary"),
        ("tên,nhãn\r\na,b\r\n".encode(), "No header row"),
        (csv_bytes([], header=["ten_truong", "kieu"]), "Required columns are missing: nhan"),
        (csv_bytes([], header=["ten_truong", "nhan", "name"]), "appears more than once"),
    ],
    ids=["empty", "fake-xlsx", "pdf", "xls", "binary", "no-header", "missing-column", "duplicate-column"],
)
def test_unreadable_files_are_refused_with_a_reason(content: bytes, message: str) -> None:
    with pytest.raises(SpreadsheetError, match=message):
        read_table(content)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SpreadsheetError, match="not an Excel workbook"):
        read_table(buffer.getvalue())


# Hostile workbooks ------------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_parsing() -> None:
    bomb = rewrite_part(xlsx_bytes([]), "xl/styles.xml", lambda data: data + b" " * 2_000_000)
    assert len(bomb) < 50_000
    with pytest.raises(SpreadsheetError, match="expands to more than"):
        read_table(bomb, Limits(max_unzipped=1_000_000))


def test_entity_declarations_are_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
    content = rewrite_part(xlsx_bytes([]), "xl/workbook.xml", lambda data: evil + data)
    with pytest.raises(SpreadsheetError, match="document type declaration"):
        read_table(content)


def test_oversized_row_count_is_refused() -> None:
    rows = [row(ten_truong=f"f{n}", nhan="x") for n in range(2001)]
    with pytest.raises(SpreadsheetError, match="2,000"):
        read_table(xlsx_bytes(rows))
    assert len(read_table(xlsx_bytes(rows[:2000])).rows) == 2000


def test_rows_beyond_a_false_dimension_are_still_read() -> None:
    content = xlsx_bytes([row(ten_truong=f"f{n}", nhan="x") for n in range(5)])
    sheet = "xl/worksheets/sheet1.xml"
    forged = rewrite_part(
        content, sheet, lambda data: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2"', data)
    )
    assert b'<dimension ref="A1:B2"' in zipfile.ZipFile(io.BytesIO(forged)).read(sheet)
    assert len(read_table(forged).rows) == 5


def test_formulas_are_read_as_saved_values_never_computed() -> None:
    rows = [row(ten_truong="a", nhan="A", do_dai="=2*50"), row(ten_truong="b", nhan="B", do_dai="=3*50")]
    content = xlsx_bytes(rows, formulas=True)
    table = read_table(content)
    assert isinstance(table.rows[0][1][6], FormulaWithoutValue)
    parsed = parse(content)
    assert [(e.row, e.column, e.cell) for e in parsed.errors] == [(3, "do_dai", "G3"), (4, "do_dai", "G4")]
    assert "has no saved value" in parsed.errors[0].message
    # As Excel saves it: the formula with its cached value, which is what gets imported.
    cached = rewrite_part(
        content,
        "xl/worksheets/sheet1.xml",
        lambda data: data.replace(b"<f>2*50</f><v /></c>", b"<f>2*50</f><v>100</v></c>"),
    )
    parsed = parse(cached)
    assert [str(e) for e in parsed.errors] == ["row 4, column do_dai: " + parsed.errors[0].message]
    assert parsed.inputs[0]["length"] == 100


# Cells ------------------------------------------------------------------------------------------


def test_every_bad_cell_is_named_with_row_and_column() -> None:
    rows = [
        row(ten_truong="ok", nhan="Đúng", kieu="STRING"),
        row(ten_truong="1bad", nhan="Tên sai", kieu="VARCHAR", bat_buoc="maybe"),
        row(ten_truong="ok", nhan=None, do_dai="ten", du_lieu_ca_nhan="SECRET", so_le=3, do_chinh_xac=2),
        row(
            ten_truong="c",
            nhan="C",
            khoa_ngoai="cong-dan/khong_co",
            danh_muc="NOPE",
            anh_xa="STD-X:exactMatch",
        ),
        row(ten_truong="d", nhan="D", khoa_ngoai="not a reference", anh_xa="STD-PID:sameAs"),
    ]
    parsed = parse(xlsx_bytes(rows))
    found = {(error.row, error.column) for error in parsed.errors}
    assert found == {
        (4, "ten_truong"), (4, "kieu"), (4, "bat_buoc"),
        (5, "nhan"), (5, "do_dai"), (5, "du_lieu_ca_nhan"), (5, "so_le"), (5, "ten_truong"),
        (6, "khoa_ngoai"), (6, "danh_muc"), (6, "anh_xa"),
        (7, "khoa_ngoai"), (7, "anh_xa"),
    }  # fmt: skip
    messages = {f"{error.row}{error.column}": str(error) for error in parsed.errors}
    assert messages["4kieu"].startswith("row 4, column kieu: 'VARCHAR' is not a data type (STRING, TEXT, ")
    assert "'ok' is already the name on row 3" in messages["5ten_truong"]
    assert "no field 'khong_co' in dataset 'cong-dan'" in messages["6khoa_ngoai"]
    assert "no standard has the code 'STD-X'" in messages["6anh_xa"]
    assert "'sameAs' is not a mapping relation" in messages["7anh_xa"]
    assert [item["name"] for item in parsed.inputs] == ["ok"]


def test_mapping_cells() -> None:
    column = None  # parse_mappings does not look at its column
    text = "STD-PID; STD-CITIZEN:closeMatch:QCVN 109:2017 Ho_ten # gần đúng; xem phụ lục\nstd-x:BROADMATCH"
    assert parse_mappings(column, text) == [  # type: ignore[arg-type]
        {"standard": "STD-PID", "relation": "exactMatch", "term": None, "note": None},
        {"standard": "STD-CITIZEN", "relation": "closeMatch", "term": "QCVN 109:2017 Ho_ten",
         "note": "gần đúng; xem phụ lục"},
        {"standard": "std-x", "relation": "broadMatch", "term": None, "note": None},
    ]  # fmt: skip
    assert parse_mappings(column, None) == []  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="names no standard"):
        parse_mappings(column, ":exactMatch")  # type: ignore[arg-type]


def test_booleans_numbers_and_codes_are_lenient() -> None:
    rows = [
        row(ten_truong="a", nhan="A", bat_buoc="x", duy_nhat="YES", khoa_chinh=1, han_che=True,
            do_dai=20.0, kieu="decimal", du_lieu_ca_nhan="co_ban", danh_muc="admin-units-2025; std-pid"),
        row(ten_truong="b", nhan="B", bat_buoc="không", duy_nhat="0", khoa_chinh=None, han_che="no",
            do_dai="20", kieu=C.concept("data-types", "TEXT")),
    ]  # fmt: skip
    parsed = parse(xlsx_bytes(rows))
    assert not parsed.errors
    first, second = parsed.inputs
    assert [first[k] for k in ("required", "unique", "primary_key", "restricted")] == [True] * 4
    assert [second[k] for k in ("required", "unique", "primary_key", "restricted")] == [False] * 4
    assert first["length"] == second["length"] == 20
    assert first["personal_data"] == C.PERSONAL_BASIC
    assert first["code_list_scheme"] == "https://data.lamdong.gov.vn/vocab/admin-units-2025"
    assert first["code_list_standard"] == "STD-PID"
    assert second["data_type"] == C.concept("data-types", "TEXT")

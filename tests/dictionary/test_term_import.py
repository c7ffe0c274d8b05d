"""Terms imported from a spreadsheet: the dry-run diff, applying, errors per cell, stale applies,
hostile files (dictionary.services.term_import, dictionary.spreadsheets.term_sheet)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from dictionary import concepts as C
from dictionary.errors import ConfirmationRequired, PermissionDenied, StaleConfirmation, TooLarge
from dictionary.policies import Actor
from dictionary.services.term_import import ANY_CONFIRMATION, TermFileService
from dictionary.services.terms import TermService
from dictionary.spreadsheets import Limits
from dictionary.spreadsheets.term_sheet import COLUMNS, HEADERS, SHEET_NAME
from tests.dictionary import hostile_files as H
from tests.factories import make_standard, make_term

KEYS, ENGLISH = HEADERS
DEFINITION = "Định nghĩa nghiệp vụ của phần tử dữ liệu thử nghiệm"  # tests.factories.TermData's


def term_row(**values: object) -> dict[str, object]:
    unknown = set(values) - set(KEYS)
    assert not unknown, unknown
    return values


def term_csv(rows: list[dict[str, object]], header: list[str] | None = None) -> bytes:
    """A term sheet as CSV: the columns the rows name (in template order), both header rows."""
    header = header or [key for key in KEYS if any(key in values for values in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow([ENGLISH[KEYS.index(key)] for key in header])
    writer.writerows([["" if values.get(key) is None else values[key] for key in header] for values in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@pytest.fixture
def dictionary(ctx):
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="MA_SO_THUE", name_vi="Mã số thuế", length=13, abbreviations=["MST"])
    make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", length=15)
    return "TDDL"


def files(ctx) -> TermFileService:
    return TermFileService(ctx)


def new_row(**more: object) -> dict[str, object]:
    values = {"ma": "EMAIL", "ten": "Thư điện tử", "dinh_nghia": "Địa chỉ thư điện tử liên hệ",
              "kieu": "STRING", "do_dai": 254, "trang_thai": "IN_FORCE",
              "viet_tat": "email; e-mail"}  # fmt: skip
    return term_row(**(values | more))


def test_the_export_imports_back_unchanged_and_lists_drafts_too(ctx, dictionary) -> None:
    make_term(ctx, "TDDL", code="THUA_DAT", name_vi="Thửa đất", status="DRAFT")
    exported = files(ctx).export(dictionary, "xlsx")
    sheet = load_workbook(io.BytesIO(exported.content))[SHEET_NAME]
    assert [cell.value for cell in sheet[1]] == KEYS and [cell.value for cell in sheet[2]] == ENGLISH
    assert [sheet.cell(row=n, column=1).value for n in (3, 4, 5)] == [
        "MA_SO_THUE",
        "SO_DIEN_THOAI",
        "THUA_DAT",
    ]
    assert sheet.cell(row=5, column=KEYS.index("trang_thai") + 1).value == "DRAFT"  # a code, not a URI
    for fmt in ("xlsx", "csv"):
        report = files(ctx).import_file(dictionary, files(ctx).export(dictionary, fmt).content)
        assert not report.errors, report.errors
        assert (report.added, report.changed) == ([], [])
        assert sorted(report.unchanged) == ["MA_SO_THUE", "SO_DIEN_THOAI", "THUA_DAT"]


def test_the_blank_template_has_both_header_rows_and_no_standard_column(ctx) -> None:
    content = files(ctx).template("csv").content.decode("utf-8-sig").splitlines()
    assert content[0].split(",")[:3] == ["ma", "ten", "ten_en"]
    assert content[1].split(",")[:3] == ["code", "name_vi", "name_en"]
    assert "tu_dien" not in content[0] and len(KEYS) == len(COLUMNS)


def test_a_dry_run_shows_added_changed_by_attribute_and_unchanged_and_writes_nothing(ctx, dictionary) -> None:
    rows = [
        new_row(),
        term_row(
            ma="MA_SO_THUE",
            ten="Mã số thuế",
            do_dai=14,
            viet_tat="MST; TIN",
            dinh_nghia=DEFINITION,
            kieu="STRING",
            trang_thai="IN_FORCE",
        ),
    ]
    report = files(ctx).import_file(dictionary, term_csv(rows))
    assert not report.errors, report.errors
    assert report.added == [{"row": 3, "code": "EMAIL", "name_vi": "Thư điện tử"}]
    (changed,) = report.changed
    assert changed["code"] == "MA_SO_THUE" and changed["row"] == 4
    by_property = {change["property"]: change for change in changed["changes"]}
    assert by_property["length"]["before"] == 13 and by_property["length"]["after"] == 14
    assert by_property["abbreviations"]["after"] == ["MST", "TIN"]
    assert by_property["length"]["column"] == "do_dai"
    assert report.kept == ["SO_DIEN_THOAI"] and report.confirmation
    # Nothing was written: no new term, no new version.
    assert TermService(ctx).get("MA_SO_THUE").length == 13
    assert [t.code for t in TermService(ctx).all()] == ["MA_SO_THUE", "SO_DIEN_THOAI"]


def test_columns_missing_from_the_file_keep_their_values(ctx, dictionary) -> None:
    content = term_csv([term_row(ma="MA_SO_THUE", do_dai=14)])
    report = files(ctx).import_file(dictionary, content)
    assert [c["property"] for c in report.changed[0]["changes"]] == ["length"]
    applied = files(ctx).import_file(dictionary, content, dry_run=False, confirmation=report.confirmation)
    term = TermService(ctx).get("MA_SO_THUE")
    assert applied.applied and term.length == 14 and term.abbreviations == ["MST"]


def test_apply_writes_in_one_go_with_a_version_per_term(ctx, dictionary) -> None:
    content = term_csv(
        [
            new_row(),
            new_row(ma="SO_DIEN_THOAI", ten="Số điện thoại", do_dai=20, viet_tat=None, dinh_nghia=DEFINITION),
        ]
    )
    token = files(ctx).import_file(dictionary, content).confirmation
    report = files(ctx).import_file(dictionary, content, dry_run=False, confirmation=token)
    assert report.applied and not report.errors
    email = TermService(ctx).get("EMAIL")
    assert email.abbreviations == ["email", "e-mail"] and email.standard.code == "TDDL"
    assert email.data_type == C.concept("data-types", "STRING")
    phone = TermService(ctx).history("SO_DIEN_THOAI")
    assert len(phone) == 2 and phone[-1].snapshot["length"] == 20
    assert "imported from a file" in (phone[-1].note or "")


def test_a_change_between_dry_run_and_apply_is_refused(ctx, dictionary) -> None:
    content = term_csv([term_row(ma="SO_DIEN_THOAI", ten="Số điện thoại", do_dai=20)])
    token = files(ctx).import_file(dictionary, content).confirmation
    TermService(ctx).update("SO_DIEN_THOAI", {"unit": "số"}, note="someone else")
    with pytest.raises(StaleConfirmation):
        files(ctx).import_file(dictionary, content, dry_run=False, confirmation=token)
    other_file = term_csv([term_row(ma="SO_DIEN_THOAI", ten="Số điện thoại", do_dai=30)])
    fresh = files(ctx).import_file(dictionary, content).confirmation
    with pytest.raises(StaleConfirmation):  # the token is of another file
        files(ctx).import_file(dictionary, other_file, dry_run=False, confirmation=fresh)
    with pytest.raises(ConfirmationRequired):
        files(ctx).import_file(dictionary, content, dry_run=False)
    assert TermService(ctx).get("SO_DIEN_THOAI").length == 15


def test_every_bad_cell_is_located_and_nothing_is_written(ctx, dictionary) -> None:
    make_standard(ctx, code="KHAC", kind="DICTIONARY_TERM")
    make_term(ctx, "KHAC", code="O_NOI_KHAC", name_vi="Ở từ điển khác")
    rows = [
        new_row(kieu="VARCHAR", do_dai="mười"),
        new_row(ma="EMAIL"),
        term_row(ma="MOI", ten="Thiếu định nghĩa", trang_thai="IN_FORCE"),
        term_row(ma="O_NOI_KHAC", ten="x"),
        new_row(ma="SAI_CO_QUAN", co_quan_quan_ly="KHONG_CO", ap_dung_tu="31/02/2025"),
    ]
    report = files(ctx).import_file(dictionary, term_csv(rows), dry_run=False, confirmation=ANY_CONFIRMATION)
    located = {(error.row, error.column) for error in report.errors}
    assert (3, "do_dai") in located  # a whole number
    assert (4, "ma") in located  # the code twice in the file
    assert (7, "ap_dung_tu") in located
    assert not report.applied and report.confirmation is None
    assert [t.code for t in TermService(ctx).all()] == ["MA_SO_THUE", "O_NOI_KHAC", "SO_DIEN_THOAI"]
    # Once the cells read, the references and the register's own rules are checked per row too.
    rows = [new_row(kieu="VARCHAR"), term_row(ma="MOI", ten="Thiếu định nghĩa", trang_thai="IN_FORCE"),
            term_row(ma="O_NOI_KHAC", ten="x"),
            new_row(ma="SAI_CO_QUAN", co_quan_quan_ly="KHONG_CO")]  # fmt: skip
    report = files(ctx).import_file(dictionary, term_csv(rows))
    located = {(error.row, error.column) for error in report.errors}
    assert {(4, "dinh_nghia"), (5, "ma")} <= located
    assert (3, "kieu") in located and (6, "co_quan_quan_ly") in located, report.errors
    assert "O_NOI_KHAC" in next(e for e in report.errors if e.row == 5).message
    assert report.confirmation is None


def test_a_term_the_file_adds_may_supersede_another_row(ctx, dictionary) -> None:
    rows = [
        term_row(
            ma="SO_DIEN_THOAI",
            trang_thai="SUPERSEDED",
            thay_the_boi="SO_DIEN_THOAI_2",
            ten="Số điện thoại",
            dinh_nghia=DEFINITION,
        ),
        new_row(ma="SO_DIEN_THOAI_2", ten="Số điện thoại (mới)"),
    ]
    content = term_csv(rows)
    report = files(ctx).import_file(dictionary, content)
    assert not report.errors, report.errors
    changes = {c["property"]: c["after"] for c in report.changed[0]["changes"]}
    assert changes["superseded_by"] == "SO_DIEN_THOAI_2" and changes["status"] == "SUPERSEDED"
    applied = files(ctx).import_file(dictionary, content, dry_run=False, confirmation=report.confirmation)
    assert applied.applied, applied
    assert TermService(ctx).get("SO_DIEN_THOAI").superseded_by.code == "SO_DIEN_THOAI_2"


def test_only_administrators_import(ctx, dictionary) -> None:
    editor = replace(ctx, principal=Actor())
    with pytest.raises(PermissionDenied):
        TermFileService(editor).import_file(dictionary, term_csv([new_row()]))


@pytest.mark.parametrize(
    ("content", "limits"),
    [(H.cell_bomb_row(), {}), (H.shared_strings_bomb(), {}), (b"ma\r\n" + b"x\r\n" * 50, {"max_rows": 10})],
)
def test_hostile_files_are_refused_by_the_readers_limits(ctx, dictionary, content, limits) -> None:
    with pytest.raises(TooLarge):
        TermFileService(ctx, Limits(**limits)).import_file(dictionary, content)


def test_a_file_that_is_not_a_term_sheet_says_so(ctx, dictionary) -> None:
    report = files(ctx).import_file(dictionary, b"ten_truong,nhan\r\nx,y\r\n")
    assert len(report.errors) == 1 and "'ma'" in report.errors[0].message

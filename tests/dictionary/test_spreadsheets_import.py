"""Export and import of a dataset's dictionary through DictionaryFileService, with the database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import InvalidInput, NotFound, StaleVersion
from dictionary.models import Field, Revision, StandardMapping
from dictionary.services import DictionaryFileService, FieldService
from dictionary.services.dictionary_import import IMPORT_MESSAGE, field_input
from dictionary.visibility import Visibility
from tests.dictionary.spreadsheet_helpers import csv_bytes, make_dictionary, row, sheet_rows, xlsx_bytes


def counts(ctx) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    session = ctx.session
    return (
        session.scalar(select(func.count()).select_from(Field)),
        session.scalar(select(func.count()).select_from(StandardMapping)),
        session.scalar(select(func.count()).select_from(Revision)),
    )


@pytest.fixture
def files(ctx) -> DictionaryFileService:  # type: ignore[no-untyped-def]
    make_dictionary(ctx)
    return DictionaryFileService(ctx)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_gives_an_empty_diff_and_writes_nothing(ctx, files, fmt) -> None:
    exported = files.export("ho-so", fmt)
    before = [field_input(f) for f in files.datasets.get("ho-so").fields]
    stored = counts(ctx)
    report = files.import_file("ho-so", exported.content, dry_run=False)
    assert report.errors == [] and report.warnings == []
    assert report.diff == {"added": [], "removed": [], "changed": [], "reordered": False, "unchanged": 4,
                           "has_changes": False}  # fmt: skip
    assert not report.applied and "nothing to change" in report.message
    assert counts(ctx) == stored
    assert [field_input(f) for f in files.datasets.get("ho-so").fields] == before


def test_export_shows_codes_not_uris(files) -> None:
    rows = {values[0]: values for values in sheet_rows(files.export("ho-so").content)[2:]}
    assert rows["so_dinh_danh"][5:6] + rows["so_dinh_danh"][12:13] == ["STRING", "cong-dan/so_dinh_danh"]
    assert rows["so_dinh_danh"][16] == "CO_BAN"
    assert rows["so_dinh_danh"][18] == "STD-CITIZEN:closeMatch:SoDinhDanh\nSTD-PID:exactMatch"
    assert rows["ma_ho_so"][18] == "STD-CITIZEN:closeMatch:QCVN 109:2017 MaHoSo # gần đúng; xem phụ lục"
    assert rows["dan_toc"][13] == "admin-units-2025; STD-ETHNIC"
    assert rows["ma_ho_so"][9:12] == ["x", "x", "x"] and rows["dan_toc"][17] == "x"
    assert rows["le_phi"][7:9] == [12, 2] and rows["le_phi"][16] is None


def outsider_files(ctx, files: DictionaryFileService, **grants: list[str]) -> DictionaryFileService:  # type: ignore[no-untyped-def]
    """The same service for staff outside the owner's scope (``ho-so`` published so they see it),
    holding a grant on ``ho-so`` narrowed to ``fields`` when given."""
    dataset = files.datasets.get("ho-so")
    dataset.status = C.PUBLISHED
    ctx.session.commit()
    granted = {dataset.id: grants["fields"]} if "fields" in grants else {}
    return DictionaryFileService(ctx, visibility=Visibility.staff(grants=granted))


def test_export_leaves_out_restricted_fields_for_those_who_may_not_see_them(ctx, files) -> None:
    names = [values[0] for values in sheet_rows(outsider_files(ctx, files).export("ho-so").content)]
    assert "dan_toc" not in names and "ma_ho_so" in names
    assert "dan_toc" in [values[0] for values in sheet_rows(files.export("ho-so").content)]
    granted = outsider_files(ctx, files, fields=["dan_toc"]).export("ho-so", "csv").content.decode()
    assert "dan_toc" in granted


def test_an_import_keeps_the_fields_its_author_may_not_see(ctx, files) -> None:
    outsider = outsider_files(ctx, files, fields=["so_dinh_danh"])
    rows = sheet_rows(outsider.export("ho-so").content)[2:]
    assert "dan_toc" not in [values[0] for values in rows]
    assert "cong-dan" not in repr(rows), "a reference into a dataset the author may not see is left out"
    rows = [values for values in rows if values[0] != "le_phi"]  # remove a visible field
    rows[0][1] = "Mã hồ sơ (mới)"
    report = outsider.import_file("ho-so", xlsx_bytes(rows), dry_run=True)
    assert report.errors == []
    assert [f["name"] for f in report.diff["removed"]] == ["le_phi"]
    assert "dan_toc" not in repr(report.as_dict()), "the dry run does not reveal the hidden field"
    assert "cong-dan" not in repr(report.as_dict()), "nor the hidden reference"
    report = outsider.import_file("ho-so", xlsx_bytes(rows), dry_run=False, if_match=str(report.version))
    assert report.applied, report.as_dict()
    stored = {f.name: f for f in files.datasets.get("ho-so").fields}
    assert "le_phi" not in stored and stored["ma_ho_so"].label_vi == "Mã hồ sơ (mới)"
    assert stored["dan_toc"].restricted and stored["dan_toc"].code_list_standard is not None, "kept whole"
    assert stored["so_dinh_danh"].foreign_key_field.dataset.slug == "cong-dan", "the hidden reference stays"


def test_an_import_may_not_overwrite_a_field_its_author_may_not_see(ctx, files) -> None:
    outsider = outsider_files(ctx, files)
    rows = sheet_rows(outsider.export("ho-so").content)[2:]
    rows.append(row(ten_truong="dan_toc", nhan="Đoán tên", kieu="STRING"))
    stored = counts(ctx)
    report = outsider.import_file("ho-so", xlsx_bytes(rows), dry_run=False)
    assert [e.message for e in report.errors] == ["The field name 'dan_toc' is already used in this dataset"]
    assert not report.applied and counts(ctx) == stored
    assert files.datasets.get("ho-so").fields[2].label_vi == "Dân tộc"


def test_one_bad_row_names_every_error_and_writes_nothing(ctx, files) -> None:
    rows = sheet_rows(files.export("ho-so").content)[2:]
    rows[1][5] = "VARCHAR"  # kieu of so_dinh_danh, row 4
    rows[1][9] = "có lẽ"  # bat_buoc
    rows[1][18] = "STD-NOPE:exactMatch"  # anh_xa
    rows.append(["moi", None] + [None] * 17)  # row 7: no label
    stored = counts(ctx)
    report = files.import_file("ho-so", xlsx_bytes(rows), dry_run=False)
    assert [str(error) for error in report.errors] == [
        "row 4, column kieu: 'VARCHAR' is not a data type (STRING, TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, "
        "DATETIME, TIME, CODE, GEOMETRY, POINT, BINARY, JSON)",
        "row 4, column bat_buoc: 'có lẽ' is not yes or no "
        "(write x or có for yes, leave blank or write không for no)",
        "row 4, column anh_xa: no standard has the code 'STD-NOPE' (see the Codes sheet)",
        "row 7, column nhan: a value is required",
    ]
    assert report.errors[0].cell == "F4" and report.errors[0].value == "VARCHAR"
    assert not report.applied and report.diff is None and "nothing was written" in report.message
    assert counts(ctx) == stored


def test_fixed_file_is_applied_in_one_revision(ctx, files) -> None:
    rows = sheet_rows(files.export("ho-so").content)[2:]
    version = files.datasets.get("ho-so").lock_version
    rows[1][5] = "TEXT"  # so_dinh_danh: kieu
    rows[1][18] = "STD-PID:narrowMatch"  # …and its mappings
    rows.insert(0, rows.pop(2))  # dan_toc first
    del rows[-1]  # le_phi removed
    rows.append(["ghi_chu", "Ghi chú", None, None, None, "TEXT"] + [None] * 13)
    _, _, revisions = counts(ctx)

    dry = files.import_file("ho-so", csv_bytes(rows), dry_run=True)
    assert not dry.errors and not dry.applied and dry.diff is not None
    assert [field["name"] for field in dry.diff["added"]] == ["ghi_chu"]
    assert [field["name"] for field in dry.diff["removed"]] == ["le_phi"]
    citizen = {"standard": "STD-CITIZEN", "relation": "closeMatch", "term": "SoDinhDanh", "note": None}
    pid = {"standard": "STD-PID", "relation": "exactMatch", "term": None, "note": None}
    assert dry.diff["changed"] == [{"name": "so_dinh_danh", "changes": {
        "data_type": {"from": "STRING", "to": "TEXT"},
        "mappings": {"from": [citizen, pid], "to": [pid | {"relation": "narrowMatch"}]},
    }}]  # fmt: skip
    assert dry.diff["reordered"] and dry.diff["unchanged"] == 2
    assert counts(ctx)[2] == revisions

    report = files.import_file(
        "ho-so", csv_bytes(rows), filename="sua.csv", dry_run=False, if_match=f'"{version}"'
    )
    assert report.applied and not report.errors and report.diff == dry.diff
    ctx.session.expire_all()
    dataset = files.datasets.get("ho-so")
    assert [f.name for f in dataset.fields] == ["dan_toc", "ma_ho_so", "so_dinh_danh", "ghi_chu"]
    assert dataset.fields[2].data_type == C.concept("data-types", "TEXT")
    assert [(m.standard.code, m.relation) for m in dataset.fields[2].mappings] == [
        ("STD-PID", C.SKOS + "narrowMatch")
    ]
    assert counts(ctx)[2] == revisions + 1
    revision = ctx.session.scalar(
        select(Revision).where(Revision.dataset_id == dataset.id).order_by(Revision.number.desc())
    )
    assert revision.message.startswith(IMPORT_MESSAGE) and "sua.csv" in revision.message
    assert report.revision == revision.number and report.version == dataset.lock_version == version + 1


def test_columns_missing_from_the_file_keep_their_values(ctx, files) -> None:
    mapping_ids = {m.id for m in files.datasets.get("ho-so").mappings}
    rows = [["ma_ho_so", "Mã hồ sơ (mới)"], ["so_dinh_danh", "Số định danh cá nhân"], ["dan_toc", "Dân tộc"],
            ["le_phi", "Lệ phí"]]  # fmt: skip
    report = files.import_file("ho-so", csv_bytes(rows, header=["ten_truong", "nhan"]), dry_run=False)
    assert report.applied and [c["name"] for c in report.diff["changed"]] == ["ma_ho_so"]
    assert any("keep their current values" in warning for warning in report.warnings)
    ctx.session.expire_all()
    field = files.datasets.get("ho-so").fields[1]
    assert field.foreign_key_field is not None and len(field.mappings) == 2 and field.length == 12
    assert {m.id for m in files.datasets.get("ho-so").mappings} == mapping_ids  # untouched, not re-created


def test_stale_if_match_is_refused_before_reading(ctx, files) -> None:
    stored = counts(ctx)
    with pytest.raises(StaleVersion):
        files.import_file("ho-so", b"anything", dry_run=False, if_match='"99"')
    with pytest.raises(NotFound):
        files.import_file("khong-co", b"anything")
    assert counts(ctx) == stored


def test_file_of_another_dataset_or_an_older_version_is_warned_about(files) -> None:
    exported = files.export("ho-so").content
    files.import_file("ho-so", csv_bytes([row(ten_truong="x", nhan="X")]), dry_run=False)
    report = files.import_file("cong-dan", exported)
    assert any("exported from the dataset 'ho-so'" in warning for warning in report.warnings)
    report = files.import_file("ho-so", exported)
    assert any("changes made since then will be overwritten" in warning for warning in report.warnings)


def test_unreadable_or_empty_files_are_errors_without_a_row(files) -> None:
    report = files.import_file("ho-so", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert [error.row for error in report.errors] == [None] and report.format is None
    report = files.import_file("ho-so", files.template().content, dry_run=False)
    assert [str(error) for error in report.errors] == ["The file has no field rows; nothing to import"]
    assert len(files.datasets.get("ho-so").fields) == 4


def test_errors_from_the_field_service_are_located_too(ctx, files, monkeypatch) -> None:
    def refuse(_self, _dataset, _inputs) -> None:  # type: ignore[no-untyped-def]
        raise InvalidInput({"fields.1.data_type": ["a rule the rows do not check"], "other": ["x"]})

    monkeypatch.setattr(FieldService, "apply_dictionary", refuse)
    rows = [row(ten_truong="a", nhan="A"), row(ten_truong="b", nhan="B")]
    report = files.import_file("ho-so", xlsx_bytes(rows), dry_run=False)
    assert [str(error) for error in report.errors] == [
        "row 4, column kieu: a rule the rows do not check",
        "other: x",
    ]
    assert not report.applied and len(files.datasets.get("ho-so").fields) == 4


def test_blank_template_in_both_formats(files) -> None:
    assert files.template("csv").content.decode("utf-8-sig").count("\r\n") == 2
    workbook = sheet_rows(files.template().content, "Danh mục - Codes")
    assert ["danh_muc", "STD-ETHNIC", "Danh mục dân tộc", "Ethnic groups"] in workbook
    with pytest.raises(InvalidInput):
        files.template("ods")

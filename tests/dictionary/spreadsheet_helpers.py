"""Spreadsheets built in code for the import tests (no binary fixtures), and a dictionary to export."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from dictionary.models import Dataset
from dictionary.services import Context
from dictionary.spreadsheets import COLUMNS
from tests.factories import FieldData, make_dataset, make_standard

KEYS = [column.key for column in COLUMNS]
ENGLISH = [column.en for column in COLUMNS]


def row(**values: Any) -> list[Any]:
    """A template row from column keys: row(ten_truong="ma", nhan="Mã", kieu="STRING")."""
    unknown = set(values) - set(KEYS)
    assert not unknown, unknown
    return [values.get(key) for key in KEYS]


def xlsx_bytes(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = KEYS,
    *,
    english: bool = True,
    formulas: bool = False,
) -> bytes:
    """A workbook as Excel would save it; "=…" is text unless ``formulas`` (then without cached values)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Từ điển dữ liệu"
    sheet.append(list(header))
    if english:
        sheet.append(ENGLISH[: len(header)])
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f" and not formulas:
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = KEYS,
    *,
    delimiter: str = ",",
    bom: bool = True,
    english: bool = True,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    if english:
        writer.writerow(ENGLISH[: len(header)])
    writer.writerows([["" if value is None else value for value in values] for values in rows])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def rewrite_part(content: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same .xlsx with one part changed (to forge what openpyxl will not write)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return buffer.getvalue()


def sheet_rows(content: bytes, sheet: str = "Từ điển dữ liệu") -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(values) for values in workbook[sheet].iter_rows(values_only=True)]


def make_dictionary(ctx: Context) -> Dataset:
    """Two datasets; ``ho-so`` has every kind of value: mappings, a foreign key, code lists…"""
    make_standard(ctx, code="STD-PID", title_vi="Chuẩn số định danh", title_en="Personal ID standard")
    make_standard(ctx, code="STD-CITIZEN", title_vi="Chuẩn công dân", title_en="Citizen standard")
    make_standard(ctx, code="STD-ETHNIC", title_vi="Danh mục dân tộc", title_en="Ethnic groups")
    make_dataset(ctx, slug="cong-dan", fields=[FieldData(name="so_dinh_danh", length=12)])
    return make_dataset(
        ctx,
        slug="ho-so",
        fields=[
            FieldData(
                name="ma_ho_so", label_vi="Mã hồ sơ", required=True, unique=True, primary_key=True,
                length=30, example="H68.06-250101-0001",
                mappings=[{"standard": "STD-CITIZEN", "relation": "closeMatch",
                           "term": "QCVN 109:2017 MaHoSo", "note": "gần đúng; xem phụ lục"}],
            ),
            FieldData(
                name="so_dinh_danh", label_vi="Số định danh cá nhân", personal_data="CO_BAN", length=12,
                foreign_key={"dataset": "cong-dan", "field": "so_dinh_danh"}, example="-001099012345",
                mappings=[{"standard": "STD-PID"}, {"standard": "STD-CITIZEN", "relation": "closeMatch",
                                                     "term": "SoDinhDanh"}],
            ),
            FieldData(
                name="dan_toc", label_vi="Dân tộc", data_type="CODE", length=2, personal_data="NHAY_CAM",
                restricted=True, code_list_standard="STD-ETHNIC", code_list_scheme="admin-units-2025",
                definition="=HYPERLINK(\"http://evil\")",
            ),
            FieldData(name="le_phi", label_vi="Lệ phí", data_type="DECIMAL", length=None, precision=12,
                      scale=2, unit="VND", personal_data=None, example="@SUM(A1)"),
        ],
    )  # fmt: skip

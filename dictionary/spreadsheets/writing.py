"""Writing the template: an Excel workbook (dictionary, guide, codes) or a CSV file.

Both carry the same columns and the same two header rows, so either imports back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dictionary.spreadsheets.columns import COLUMNS, guard_formula
from dictionary.spreadsheets.vocabulary import Choice

GUIDE_SHEET = "Hướng dẫn - Guide"
CODES_SHEET = "Danh mục - Codes"
"""Excel forbids / in sheet names, hence the dashes."""
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
FIRST_DATA_ROW = 3
VALIDATED_ROWS = 2000

TEXT_KINDS = ("name", "text", "concept", "foreign_key", "code_list", "mappings")

GUIDE_NOTES = (
    ("Mỗi dòng là một trường dữ liệu; thứ tự các dòng là thứ tự các trường.",
     "One row per field; the order of the rows is the order of the fields."),
    ("Dòng 1 là tên cột tiếng Việt, dòng 2 là tên cột tiếng Anh; giữ nguyên hai dòng này.",
     "Row 1 holds the Vietnamese column names, row 2 the English ones; keep both rows."),
    ("Nhập tệp sẽ thay toàn bộ từ điển: trường không có trong tệp bị xoá; cột không có trong tệp giữ "
     "nguyên giá trị hiện có.",
     "Importing replaces the whole dictionary: fields missing from the file are removed; columns "
     "missing from the file keep their current values."),
    ("Có/không: x, có, yes, 1 là có; để trống, không, no, 0 là không.",
     "Yes/no: x, có, yes, 1 mean yes; blank, không, no, 0 mean no."),
    ("Ghi mã (xem trang Danh mục), không ghi URI; chữ hoa hay thường đều được.",
     "Write codes (see the Codes sheet) rather than URIs; case does not matter."),
    ("Luôn nhập thử (dry run) trước để xem thay đổi; tệp có lỗi ở bất kỳ dòng nào thì không ghi gì.",
     "Always do a dry run first to see the changes; when any row has an error nothing is written."),
    ("Tệp CSV: mã UTF-8 (Excel: 'CSV UTF-8'), phân cách bằng dấu phẩy hoặc chấm phẩy; công thức không "
     "được tính.",
     "CSV files: UTF-8 (Excel: 'CSV UTF-8'), separated by commas or semicolons; formulas are not computed."),
)  # fmt: skip


@dataclass
class CodeLists:
    """The allowed codes shown in the Codes sheet and offered by the drop-downs."""

    data_types: list[Choice] = field(default_factory=list)
    personal_data: list[Choice] = field(default_factory=list)
    schemes: list[Choice] = field(default_factory=list)
    standards: list[Choice] = field(default_factory=list)


@dataclass
class WorkbookInfo:
    slug: str | None = None
    title: str | None = None
    version: int | None = None
    exported_at: str | None = None


def write_csv(
    rows: Sequence[Sequence[Any]], headers: tuple[Sequence[str], Sequence[str]] | None = None
) -> bytes:
    """UTF-8 with a BOM: without it Excel reads the file in the local code page and garbles Vietnamese.

    ``headers`` are the two header rows (Vietnamese keys, English); the field template's by default.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    top, sub = headers or ([column.key for column in COLUMNS], [column.en for column in COLUMNS])
    writer.writerow(top)
    writer.writerow(sub)
    for row in rows:
        writer.writerow(["" if value is None else guard_formula(str(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(rows: Sequence[Sequence[Any]], codes: CodeLists, info: WorkbookInfo | None = None) -> bytes:
    """The template as an Excel workbook: dictionary sheet with drop-downs, guide, codes."""
    # Imported here: openpyxl takes a fifth of a second to import, and only this export needs it.
    from dictionary.spreadsheets.workbook import write_workbook

    return write_workbook(rows, codes, info or WorkbookInfo())

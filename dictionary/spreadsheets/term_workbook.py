"""The Excel side of the term template: the terms sheet, its guide and its codes.

Written with the dictionary template's helpers (:mod:`dictionary.spreadsheets.workbook`): the same
header styles, and no user text ever becomes a formula. openpyxl is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dictionary.properties import Kind
from dictionary.spreadsheets.term_sheet import COLUMNS, SHEET_NAME, column_of
from dictionary.spreadsheets.vocabulary import Choice
from dictionary.spreadsheets.workbook import (
    HEADER_FILL,
    HEADER_FONT,
    SUBHEADER_FILL,
    SUBHEADER_FONT,
    TOP,
    WRAP,
    _append,
    _put,
    codes_sheet,
    drop_down,
    template_workbook,
)
from dictionary.spreadsheets.writing import FIRST_DATA_ROW

WIDE = (Kind.LONG_TEXT, Kind.WORDS)
TERM_GUIDE_NOTES = (
    ("Mỗi dòng là một thuật ngữ của từ điển được chọn khi nhập; cột mã (ma) là bắt buộc.",
     "One row per term of the dictionary chosen on import; the code column (ma) is required."),
    ("Dòng 1 là tên cột tiếng Việt, dòng 2 là tên cột tiếng Anh; giữ nguyên hai dòng này.",
     "Row 1 holds the Vietnamese column names, row 2 the English ones; keep both rows."),
    ("Thuật ngữ có mã chưa có thì được thêm; có rồi thì được cập nhật theo các cột của tệp; thuật ngữ "
     "không có trong tệp giữ nguyên (không xoá).",
     "A new code adds a term, an existing one is updated from the file's columns; terms missing from "
     "the file stay as they are (nothing is deleted)."),
    ("Nhiều giá trị (từ đồng nghĩa, viết tắt, ví dụ): cách nhau bằng dấu chấm phẩy hoặc xuống dòng.",
     "Several values (synonyms, abbreviations, examples): separated by semicolons or line breaks."),
    ("Luôn nhập thử (dry run) trước để xem thay đổi; tệp có lỗi ở bất kỳ dòng nào thì không ghi gì.",
     "Always do a dry run first to see the changes; when any row has an error nothing is written."),
)  # fmt: skip


def write_term_workbook(
    rows: Sequence[Sequence[Any]], codes: dict[str, list[Choice]], dictionary: str | None
) -> bytes:
    return template_workbook(
        SHEET_NAME,
        lambda sheet: _terms_sheet(sheet, rows),
        lambda sheet: _guide_sheet(sheet, dictionary),
        lambda sheet: codes_sheet(sheet, codes),
        _validations,
        title=f"Thuật ngữ / Terms: {dictionary or 'mẫu / template'}",
        identifier=dictionary,
    )


def _terms_sheet(sheet: Worksheet, rows: Sequence[Sequence[Any]]) -> None:
    for index, prop in enumerate(COLUMNS, start=1):
        top = sheet.cell(row=1, column=index, value=prop.column)
        top.font, top.fill = HEADER_FONT, HEADER_FILL
        top.comment = Comment(f"{prop.label_vi}\n\n{prop.label_en}", "Catalog", width=240, height=100)
        sub = sheet.cell(row=2, column=index, value=prop.name)
        sub.font, sub.fill = SUBHEADER_FONT, SUBHEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 36 if prop.kind in WIDE else 16
        if prop.kind not in (Kind.INTEGER, Kind.DATE, Kind.BOOLEAN):
            sheet.column_dimensions[letter].number_format = "@"  # a typed 001 stays 001
    for number, values in enumerate(rows, start=FIRST_DATA_ROW):
        for index, (prop, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
            _put(sheet, number, index, value)
            sheet.cell(row=number, column=index).alignment = WRAP if prop.kind in WIDE else TOP
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"


def _guide_sheet(sheet: Worksheet, dictionary: str | None) -> None:
    _append(sheet, ["Hướng dẫn điền mẫu thuật ngữ", "How to fill in the terms template"])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=13)
    if dictionary:
        _append(sheet, ["Từ điển / Dictionary", dictionary])
    sheet.append([])
    for note_vi, note_en in TERM_GUIDE_NOTES:
        _append(sheet, [note_vi, note_en])
    sheet.append([])
    sheet.append(["Cột", "Column", "Tên cột", "Title", "Bắt buộc khi thêm / Required to add"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for prop in COLUMNS:
        _append(sheet, [prop.column, prop.name, prop.label_vi, prop.label_en, "x" if prop.required else ""])
    for letter, width in zip("ABCDE", (22, 22, 40, 40, 14), strict=True):
        sheet.column_dimensions[letter].width = width


def _validations(sheet: Worksheet, ranges: dict[str, str]) -> None:
    for index, prop in enumerate(COLUMNS, start=1):
        source = ranges.get(column_of(prop))
        if source is not None:
            drop_down(sheet, index, source, column_of(prop))

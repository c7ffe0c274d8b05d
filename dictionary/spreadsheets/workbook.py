"""The Excel side of :mod:`dictionary.spreadsheets.writing`: the workbook and its three sheets.

A module of its own so that openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dictionary.spreadsheets.columns import BOOLEAN_CHOICES, COLUMNS, INJECTION_STARTS, RELATIONS
from dictionary.spreadsheets.reading import SHEET_NAME
from dictionary.spreadsheets.vocabulary import Choice
from dictionary.spreadsheets.writing import (
    CODES_SHEET,
    FIRST_DATA_ROW,
    GUIDE_NOTES,
    GUIDE_SHEET,
    TEXT_KINDS,
    VALIDATED_ROWS,
    CodeLists,
    WorkbookInfo,
)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
SUBHEADER_FONT = Font(italic=True, color="1F4E78")
SUBHEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def write_workbook(rows: Sequence[Sequence[Any]], codes: CodeLists, info: WorkbookInfo) -> bytes:
    # The slug and version travel with the file, so an import can warn about a file of another
    # dataset, or one exported before later edits (which the import would overwrite).
    return template_workbook(
        SHEET_NAME,
        lambda sheet: _dictionary_sheet(sheet, rows),
        lambda sheet: _guide_sheet(sheet, info),
        lambda sheet: _codes_sheet(sheet, codes),
        _validations,
        title=f"Từ điển dữ liệu / Data dictionary: {info.slug or 'mẫu / template'}",
        identifier=info.slug,
        version=None if info.version is None else str(info.version),
    )


def template_workbook(
    sheet_name: str,
    data: Callable[[Worksheet], None],
    guide: Callable[[Worksheet], None],
    codes: Callable[[Worksheet], dict[str, str]],
    validations: Callable[[Worksheet, dict[str, str]], None],
    *,
    title: str,
    identifier: str | None,
    version: str | None = None,
) -> bytes:
    """Every template's workbook: the data sheet, the guide, the codes and the drop-downs that
    read them, and the document properties that say where the file came from."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = sheet_name
    data(sheet)
    guide(workbook.create_sheet(GUIDE_SHEET))
    validations(sheet, codes(workbook.create_sheet(CODES_SHEET)))
    workbook.properties.title = title
    workbook.properties.identifier = identifier
    workbook.properties.version = version
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    _as_text(sheet.cell(row=row, column=column, value=value))


def _as_text(cell: Any) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(INJECTION_STARTS):
        # Stored as text (openpyxl would make "=…" a formula) and quote-prefixed, as Excel does
        # for a typed apostrophe, so editing the cell in Excel does not turn it into a formula.
        cell.data_type = "s"
        cell.quotePrefix = True


def _append(sheet: Worksheet, values: Sequence[Any]) -> None:
    """``sheet.append`` for text that may come from users (titles, labels): never a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row] if values else ():
        _as_text(cell)


def _dictionary_sheet(sheet: Worksheet, rows: Sequence[Sequence[Any]]) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        top = sheet.cell(row=1, column=index, value=column.key)
        top.font, top.fill = HEADER_FONT, HEADER_FILL
        top.comment = Comment(
            f"{column.title_vi}: {column.help_vi}\n\n{column.title_en}: {column.help_en}", "Catalog",
            width=320, height=160,
        )  # fmt: skip
        sub = sheet.cell(row=2, column=index, value=column.en)
        sub.font, sub.fill = SUBHEADER_FONT, SUBHEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind in TEXT_KINDS:
            # Text format: Excel would otherwise turn a typed 001 into 1 or a code into a date.
            sheet.column_dimensions[letter].number_format = "@"
    for number, values in enumerate(rows, start=FIRST_DATA_ROW):
        for index, (column, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
            _put(sheet, number, index, value)
            sheet.cell(row=number, column=index).alignment = WRAP if column.width >= 28 else TOP
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"


def _guide_sheet(sheet: Worksheet, info: WorkbookInfo) -> None:
    _append(sheet, ["Hướng dẫn điền mẫu từ điển dữ liệu", "How to fill in the data-dictionary template"])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=13)
    if info.slug:
        _append(sheet, ["Tập dữ liệu / Dataset", f"{info.title or ''} ({info.slug})"])
        _append(sheet, ["Phiên bản / Version", info.version])
    if info.exported_at:
        _append(sheet, ["Xuất lúc / Exported at", info.exported_at])
    sheet.append([])
    for note_vi, note_en in GUIDE_NOTES:
        _append(sheet, [note_vi, note_en])
    sheet.append([])
    headers = ["Cột", "Column", "Tên cột", "Title", "Cách ghi", "How to fill", "Bắt buộc / Required",
               "Ví dụ / Example"]  # fmt: skip
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column in COLUMNS:
        row = [column.key, column.en, column.title_vi, column.title_en, column.help_vi, column.help_en,
               "x" if column.required else "", column.example]  # fmt: skip
        _append(sheet, row)
    for letter, width in zip("ABCDEFGH", (22, 18, 22, 22, 60, 60, 12, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = WRAP


def _codes_sheet(sheet: Worksheet, codes: CodeLists) -> dict[str, str]:
    relations = [Choice(name, name, name) for name in RELATIONS.values()]
    booleans = [Choice(word, "không" if word == "không" else "có", "no" if word == "không" else "yes")
                for word in BOOLEAN_CHOICES]  # fmt: skip
    lists = {
        "kieu": codes.data_types,
        "du_lieu_ca_nhan": codes.personal_data,
        "danh_muc": codes.schemes + codes.standards,
        "anh_xa": relations,
        "bat_buoc": booleans,
    }
    return codes_sheet(sheet, lists)


def codes_sheet(sheet: Worksheet, lists: Mapping[str, Sequence[Choice]]) -> dict[str, str]:
    """One table of every allowed code, by column key; returns the cell range of each list, for
    the drop-downs (every template's codes sheet)."""
    sheet.append(["Cột / Column", "Mã / Code", "Nhãn / Label (vi)", "Label (en)"])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    ranges = {}
    for key, choices in lists.items():
        if not choices:
            continue
        first = sheet.max_row + 1
        for choice in choices:
            _append(sheet, [key, choice.code, choice.label_vi, choice.label_en])
        ranges[key] = f"{quote_sheetname(CODES_SHEET)}!$B${first}:$B${sheet.max_row}"
    for letter, width in zip("ABCD", (18, 24, 48, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return ranges


def _validations(sheet: Worksheet, ranges: dict[str, str]) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        source = ranges.get("bat_buoc" if column.kind == "bool" else column.key)
        if source is not None and column.kind != "mappings":
            drop_down(sheet, index, source, column.key, title=column.title_vi, prompt=column.help_vi)


def drop_down(
    sheet: Worksheet, index: int, source: str, key: str, *, title: str | None = None, prompt: str = ""
) -> None:
    """A drop-down from the Codes sheet on the data rows of column ``index``. A warning, not a
    stop: a URI or a label pasted in is still accepted by the import, where values are really checked."""
    validation = DataValidation(
        type="list", formula1=source, allow_blank=True, errorStyle="warning", showErrorMessage=True,
        errorTitle=key, error=f"Chọn trong danh sách / pick from the list ({CODES_SHEET})",
    )  # fmt: skip
    if title is not None:
        validation.showInputMessage = True
        validation.promptTitle, validation.prompt = title[:32], prompt[:255]
    letter = get_column_letter(index)
    validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + VALIDATED_ROWS - 1}")
    sheet.add_data_validation(validation)

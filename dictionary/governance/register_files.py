"""The access register as CSV (UTF-8 with BOM, for Excel) and as an .xlsx workbook.

Cells are written as text wherever a value could start a formula (a purpose, a reason), the same
guard as the dictionary spreadsheets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from dictionary.spreadsheets.columns import INJECTION_STARTS, guard_formula


def register_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else guard_formula(str(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> bytes:
    from openpyxl import Workbook  # on first use: start-up does not pay for it (issue 14)

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = "So dang ky"
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(INJECTION_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones: the column says UTC
    return value

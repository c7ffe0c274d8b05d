"""The terms of a dictionary as a spreadsheet: columns, cells → values and values → cells.

The columns are the term properties (:mod:`dictionary.properties.term`), in their order, less the
issuing dictionary (a file is imported into one dictionary, named on import): the first header
row holds the Vietnamese keys (``ma``, ``ten``…), the second the API's names (``code``,
``name_vi``…). The file is read by the dictionary reader (:func:`read_table` with
:data:`TERM_SHEET`), so the same limits and hostile-file checks apply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dictionary.errors import Message
from dictionary.properties import TERM, Kind, Property
from dictionary.spreadsheets.columns import (
    clean_text,
    formula_no_value,
    not_whole,
    out_of_range,
    parse_bool,
    split_values,
    too_long,
)
from dictionary.spreadsheets.parse import CellError, ParsedRows, ignored_columns
from dictionary.spreadsheets.reading import FormulaWithoutValue, SheetLayout, Table, cell_name

SHEET_NAME = "Thuật ngữ"
COLUMNS: tuple[Property, ...] = tuple(prop for prop in TERM if prop.name != "standard")


def column_of(prop: Property) -> str:
    """The header of a term property's column: every term property names one in the registry."""
    if prop.column is None:
        raise LookupError(f"the term property {prop.name} has no spreadsheet column")
    return prop.column


BY_COLUMN = {column_of(prop): prop for prop in COLUMNS}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$")
"""Same rule as the API's codes (app/api/schemas/common.py); dictionary may not import app."""
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def header_key(value: object) -> str | None:
    """The column a header cell names: ``ma``, ``code`` or ``ma / code``."""
    if not isinstance(value, str):
        return None
    text = value.strip().casefold().split("/")[0].split("\n")[0].strip().replace(" ", "_")
    for prop in COLUMNS:
        if text in (prop.column, prop.name):
            return prop.column
    return None


TERM_SHEET = SheetLayout(
    SHEET_NAME,
    "ma",
    header_key,
    ("ma",),
    {column_of(prop): prop.name for prop in COLUMNS},
)
HEADERS = ([column_of(prop) for prop in COLUMNS], [prop.name for prop in COLUMNS])


TermRows = ParsedRows
"""The rows of a term sheet as service inputs (codes, not URIs), with an error per bad cell."""


def parse_term_rows(table: Table) -> TermRows:
    keys = [key for key in table.columns if key]
    result = TermRows(present=frozenset(BY_COLUMN[key].name for key in keys))
    result.warnings += ignored_columns(table)
    first_row_of: dict[str, int] = {}
    for number, cells in table.rows:
        before = len(result.errors)
        item: dict[str, Any] = {}
        for position, key in enumerate(table.columns):
            if key is None:
                continue
            prop = BY_COLUMN[key]
            raw = cells[position] if position < len(cells) else None
            try:
                item[prop.name] = parse_cell(prop, raw)
            except ValueError as exc:
                reason = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
                result.errors.append(CellError(number, key, reason, cell_name(position, number), _shown(raw)))
        code = item.get("code")
        if code is None and not any(e.row == number and e.column == "ma" for e in result.errors):
            result.errors.append(
                locate(table, number, "ma", Message("value_required", "a value is required"))
            )
        elif code is not None and code in first_row_of:
            message = Message(
                "duplicate_term_code", "'{term}' is already the code on row {row}", term=code,
                row=first_row_of[code],
            )  # fmt: skip
            result.errors.append(locate(table, number, "ma", message, code))
        elif code is not None:
            first_row_of[code] = number
        if len(result.errors) == before:
            result.inputs.append(item)
            result.rows.append(number)
    return result


def locate(table: Table, row: int, key: str | None, message: str, value: object = None) -> CellError:
    """An error at a row and column as the user sees them (``ma``, cell A7)."""
    position = table.columns.index(key) if key in table.columns else None
    cell = cell_name(position, row) if position is not None else None
    return CellError(row, key, message, cell, None if value is None else str(value)[:100])


def parse_cell(prop: Property, raw: object) -> Any:
    if isinstance(raw, FormulaWithoutValue):
        raise ValueError(formula_no_value(raw.formula))
    if prop.kind is Kind.BOOLEAN:
        return parse_bool(None, raw)
    if prop.kind is Kind.INTEGER:
        return _integer(prop, raw)
    if prop.kind is Kind.DATE:
        return _date(raw)
    text = clean_text(raw)
    if prop.kind is Kind.WORDS:
        items = split_values(text or "")
        if prop.max_items is not None and len(items) > prop.max_items:
            raise ValueError(
                Message(
                    "too_many_values",
                    "{count} values; at most {max} are allowed",
                    count=len(items),
                    max=prop.max_items,
                )
            )
        for item in items:
            _check_length(prop, item)
        return items
    if text is None:
        return None
    _check_length(prop, text)
    if (prop.name == "code" or prop.kind is Kind.REFERENCE) and not CODE.match(text):
        raise ValueError(
            Message(
                "not_a_term_code",
                "'{value}' is not a code: 1-40 letters, digits, dots, dashes or underscores",
                value=text,
            )
        )
    return text


def _check_length(prop: Property, text: str) -> None:
    if prop.max_length is not None and len(text) > prop.max_length:
        raise ValueError(too_long(len(text), prop.max_length))


def _integer(prop: Property, raw: object) -> int | None:
    if isinstance(raw, bool):
        raise ValueError(not_whole(raw))
    if isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, int):
        number = raw
    else:
        text = clean_text(raw)
        if text is None:
            return None
        if not re.fullmatch(r"[+-]?\d{1,12}(?:[.,]0+)?", text):
            raise ValueError(not_whole(text))
        number = int(re.split(r"[.,]", text)[0])
    low, high = prop.minimum, prop.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(out_of_range(number, low, high))
    return number


def _date(raw: object) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = clean_text(raw)
    if text is None:
        return None
    try:
        if match := _DMY.match(text):  # 01/07/2025, as dates are written in Vietnam
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            Message("not_a_date", "'{value}' is not a date (2025-07-01 or 01/07/2025)", value=text)
        ) from None


def _shown(raw: object) -> str | None:
    if isinstance(raw, FormulaWithoutValue):
        return raw.formula[:100]
    text = clean_text(raw)
    return text[:100] if text else None


def term_cells(human: dict[str, Any]) -> list[Any]:
    """One term (its snapshot, codes instead of URIs) as the cells of a row, in column order."""
    cells: list[Any] = []
    for prop in COLUMNS:
        value = human.get(prop.name)
        if prop.kind is Kind.WORDS:
            cells.append("; ".join(value or ()) or None)
        elif prop.kind is Kind.BOOLEAN:
            cells.append("x" if value else None)
        else:
            cells.append(value)
    return cells


def column_titles() -> Sequence[tuple[str, str, str, str, bool]]:
    """Key, English name, Vietnamese and English titles, required: the guide sheet's table."""
    return [(column_of(p), p.name, p.label_vi, p.label_en, p.required) for p in COLUMNS]

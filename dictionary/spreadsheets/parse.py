"""The rows of a dictionary sheet → field inputs for FieldService, with an error per bad cell.

Every cell is checked, references included (data types, standards, foreign keys), so one upload
shows every mistake at once with the row number and the column header as the user sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from dictionary import concepts as C
from dictionary.errors import Message, message_code
from dictionary.spreadsheets.columns import (
    BY_KEY,
    COLUMNS,
    PARSERS,
    Column,
    clean_text,
    formula_no_value,
    split_values,
)
from dictionary.spreadsheets.reading import FormulaWithoutValue, Table, cell_name

CONCEPT_NOUNS = {"data-types": "data type", "personal-data": "personal-data category"}
MAX_HINTS = 13


class References(Protocol):
    """What rows refer to outside themselves; the import service answers from the database."""

    def concept(self, scheme: str, value: str) -> str | None:
        """The concept URI of a code (or URI) in a scheme, or None."""
        ...

    def choices(self, scheme: str) -> list[str]:
        """The codes of a scheme, for hints in error messages (may be empty)."""
        ...

    def scheme(self, value: str) -> str | None:
        """The URI of a concept scheme given by id or URI, or None."""
        ...

    def standard(self, code: str) -> str | None:
        """The registered code of a standard (matched ignoring case), or None."""
        ...

    def field_exists(self, dataset: str, name: str) -> bool: ...


@dataclass
class CellError:
    """One problem, located as the user sees it: row 7, column kieu (cell F7)."""

    row: int | None
    column: str | None
    message: str
    cell: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": self.value,
            "message": self.message,
            "code": message_code(self.message),
            "text": str(self),
        }


@dataclass
class ParsedRows:
    """The rows of a sheet as service inputs, with an error per bad cell (fields and terms alike)."""

    inputs: list[dict[str, Any]] = field(default_factory=list)
    """Inputs in row order (fields: concept URIs, standard codes, mappings with relation URIs;
    terms: codes)."""
    rows: list[int] = field(default_factory=list)
    """The row number of each input."""
    present: frozenset[str] = frozenset()
    """Attributes the file has a column for; the others keep their stored values."""
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ignored_columns(table: Table) -> list[str]:
    """The warning that the file's columns the template does not know were left out, if any."""
    if not table.unknown_headers:
        return []
    names = ", ".join(table.unknown_headers)
    return [Message("columns_ignored", "Columns not in the template were ignored: {names}", names=names)]


def parse_rows(table: Table, refs: References) -> ParsedRows:
    keys = [key for key in table.columns if key]
    result = ParsedRows(present=frozenset(attr for key in keys for attr in BY_KEY[key].attrs))
    result.warnings += ignored_columns(table)
    absent = [column.key for column in COLUMNS if column.key not in keys]
    if absent:
        result.warnings.append(
            Message(
                "columns_kept",
                "Columns not in the file keep their current values: {names}",
                names=", ".join(absent),
            )
        )
    first_row_of: dict[str, int] = {}
    for number, cells in table.rows:
        errors_before = len(result.errors)
        item = _parse_row(table, number, cells, refs, result.errors)
        name = item.get("name")
        if name is not None:
            if name in first_row_of:
                message = Message(
                    "duplicate_name",
                    "'{name}' is already the name on row {row}",
                    name=name,
                    row=first_row_of[name],
                )
                _fail(result.errors, table, number, "ten_truong", message, value=name)
            else:
                first_row_of[name] = number
        if len(result.errors) == errors_before:
            result.inputs.append(item)
            result.rows.append(number)
    return result


def _parse_row(
    table: Table, number: int, cells: list[object], refs: References, errors: list[CellError]
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for position, key in enumerate(table.columns):
        if key is None:
            continue
        column = BY_KEY[key]
        raw = cells[position] if position < len(cells) else None
        try:
            if isinstance(raw, FormulaWithoutValue):
                raise ValueError(formula_no_value(raw.formula))
            value = PARSERS[column.kind](column, raw)
            item.update(_resolve(column, value, refs))
        except ValueError as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
            errors.append(CellError(number, key, reason, cell_name(position, number), _shown(raw)))
    for key in ("ten_truong", "nhan"):
        if key in table.columns and item.get(BY_KEY[key].en) is None and not _has_error(errors, number, key):
            _fail(errors, table, number, key, Message("value_required", "a value is required"))
    scale, precision = item.get("scale"), item.get("precision")
    if scale is not None and precision is not None and scale > precision:
        _fail(
            errors,
            table,
            number,
            "so_le",
            Message(
                "not_above",
                "the scale {value} exceeds the precision {max}",
                other="precision",
                value=scale,
                max=precision,
            ),
            value=scale,
        )
    return item


def _resolve(column: Column, value: Any, refs: References) -> dict[str, Any]:
    """The input attributes of one parsed cell, with its references checked."""
    if column.kind == "concept" and value is not None:
        uri = refs.concept(column.scheme or "", value)
        if uri is None:
            noun = CONCEPT_NOUNS.get(column.scheme or "", f"code of {column.scheme}")
            hint = _hint(refs.choices(column.scheme or ""))
            raise ValueError(
                Message("not_a_code", "'{value}' is not a {noun}{hint}", value=value, noun=noun, hint=hint,
                        scheme=column.scheme or "")
            )  # fmt: skip
        return {column.en: uri}
    if column.kind == "code_list":
        return _code_list(value, refs)
    if (
        column.kind == "foreign_key"
        and value is not None
        and not refs.field_exists(value["dataset"], value["field"])
    ):
        raise ValueError(
            Message(
                "no_field_in",
                "no field '{field}' in dataset '{dataset}'",
                field=value["field"],
                dataset=value["dataset"],
            )
        )
    if column.kind == "mappings":
        resolved = []
        for mapping in value:
            code = refs.standard(mapping["standard"])
            if code is None:
                raise ValueError(
                    Message(
                        "no_standard",
                        "no standard has the code '{standard}' (see the Codes sheet)",
                        standard=mapping["standard"],
                    )
                )
            resolved.append(mapping | {"standard": code, "relation": C.SKOS + mapping["relation"]})
        value = resolved
    return {column.en: value}


def _code_list(value: str | None, refs: References) -> dict[str, Any]:
    scheme: str | None = None
    standard: str | None = None
    for part in split_values(value or ""):
        # A scheme id (lower-case, e.g. admin-units-2025) first, then a standard code (STD-EDU).
        uri = refs.scheme(part)
        code = None if uri else refs.standard(part)
        if uri is None and code is None:
            raise ValueError(
                Message(
                    "not_a_code_list",
                    "'{value}' is neither a concept scheme nor the code of a registered standard",
                    value=part,
                )
            )
        if (uri and scheme) or (code and standard):
            raise ValueError(Message("one_code_list", "give at most one concept scheme and one standard"))
        scheme, standard = scheme or uri, standard or code
    return {"code_list_scheme": scheme, "code_list_standard": standard}


def _hint(choices: list[str]) -> str:
    if not choices:
        return ""
    shown = ", ".join(choices[:MAX_HINTS]) + (", …" if len(choices) > MAX_HINTS else "")
    return f" ({shown})"


def _shown(raw: object) -> str | None:
    if isinstance(raw, FormulaWithoutValue):
        return raw.formula[:100]
    text = clean_text(raw)
    return text[:100] if text else None


def _has_error(errors: list[CellError], row: int, column: str) -> bool:
    return any(error.row == row and error.column == column for error in errors)


def _fail(
    errors: list[CellError], table: Table, row: int, key: str, message: str, *, value: object = None
) -> None:
    position = table.columns.index(key) if key in table.columns else None
    cell = cell_name(position, row) if position is not None else None
    errors.append(CellError(row, key, message, cell, None if value is None else str(value)))

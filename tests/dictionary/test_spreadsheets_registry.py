"""The dictionary spreadsheet's columns (hand-written: two header rows, widths, examples) cover
every property of a field in the registry, with the registry's limits and schemes."""

from __future__ import annotations

from dictionary.properties import FIELD, Kind
from dictionary.spreadsheets.columns import COLUMN_OF_ATTR


def test_every_field_property_has_its_column() -> None:
    missing = [prop.name for prop in FIELD.writable() if prop.name not in COLUMN_OF_ATTR]
    assert missing == []
    for prop in FIELD.writable():
        assert COLUMN_OF_ATTR[prop.name].key == prop.column, prop.name


def test_columns_hold_the_registry_limits_and_schemes() -> None:
    for prop in FIELD.writable():
        column = COLUMN_OF_ATTR[prop.name]
        if prop.kind in (Kind.TEXT, Kind.LONG_TEXT) and column.kind == "text":
            assert column.max_length == prop.max_length, prop.name
        if prop.kind is Kind.INTEGER:
            assert (column.minimum, column.maximum) == (prop.minimum, prop.maximum), prop.name
        if prop.kind is Kind.CONCEPT and column.kind == "concept":
            assert column.scheme == prop.scheme, prop.name
        assert column.required == prop.required, prop.name

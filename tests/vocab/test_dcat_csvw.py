"""The data dictionary as CSVW metadata and as a Frictionless Table Schema."""

from __future__ import annotations

from typing import Any

from dictionary.services import Context
from dictionary.visibility import Visibility
from tests.vocab.test_dcat_mapping import BASE, build, dcat
from vocab.csvw import csvw_metadata
from vocab.tableschema import table_schema

# Table Schema (specs.frictionlessdata.io/table-schema, v1): the parts of the spec checked below.
FIELD_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}
CONSTRAINTS = {
    "required": bool,
    "unique": bool,
    "minLength": int,
    "maxLength": int,
    "minimum": object,
    "maximum": object,
    "pattern": str,
    "enum": list,
}
CSVW_BUILT_IN = {
    "string",
    "integer",
    "decimal",
    "boolean",
    "date",
    "dateTime",
    "time",
    "base64Binary",
    "json",
    "anyURI",
    "double",
    "number",
}


def check_table_schema(schema: dict[str, Any]) -> None:
    """Structural validation against the Table Schema spec (the frictionless package is too heavy a
    test dependency for this: pydantic, petl, typer… for a JSON shape check)."""
    assert isinstance(schema["fields"], list) and schema["fields"]
    names = [field["name"] for field in schema["fields"]]
    assert len(names) == len(set(names)), "field names are unique"
    for field in schema["fields"]:
        assert isinstance(field["name"], str) and field["name"]
        assert field.get("type", "string") in FIELD_TYPES, field
        for key in ("title", "description", "format"):
            assert key not in field or isinstance(field[key], str), field
        for name, value in field.get("constraints", {}).items():
            assert name in CONSTRAINTS, name
            assert isinstance(value, CONSTRAINTS[name]), (name, value)
    keys = schema.get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else keys
    assert set(keys) <= set(names)
    for foreign in schema.get("foreignKeys", []):
        local = foreign["fields"] if isinstance(foreign["fields"], list) else [foreign["fields"]]
        assert set(local) <= set(names)
        assert "resource" in foreign["reference"] and foreign["reference"]["fields"]
    assert all(isinstance(value, str) for value in schema.get("missingValues", []))


def test_table_schema_follows_the_spec_and_hides_restricted_fields(ctx: Context) -> None:
    schema = table_schema(build(ctx), dcat(ctx))
    check_table_schema(schema)
    assert [f["name"] for f in schema["fields"]] == ["so_dinh_danh"]
    first = schema["fields"][0]
    assert first["type"] == "string"
    assert first["constraints"] == {"required": True, "maxLength": 100}
    assert first["x-title-en"]
    assert schema["primaryKey"] == ["so_dinh_danh"]


def test_table_schema_for_staff_has_every_field(ctx: Context) -> None:
    schema = table_schema(build(ctx), dcat(ctx, Visibility.all()))
    check_table_schema(schema)
    assert [f["name"] for f in schema["fields"]] == ["so_dinh_danh", "dan_toc"]


def test_csvw_metadata_describes_one_table(ctx: Context) -> None:
    document = csvw_metadata(build(ctx), dcat(ctx))
    assert document["@context"][0] == "http://www.w3.org/ns/csvw"
    assert document["@id"] == f"{BASE}/dataset/ho-tich/csvw.json"
    assert document["url"] == "https://data.lamdong.gov.vn/files/ho-tich.csv"
    assert document["dialect"] == {"encoding": "utf-8", "header": True}
    columns = document["tableSchema"]["columns"]
    assert [c["name"] for c in columns] == ["so_dinh_danh"]
    column = columns[0]
    assert column["titles"]["vi"] and column["titles"]["en"]
    assert column["datatype"] == {"base": "string", "maxLength": 100}
    assert column["required"] is True
    assert column["dc:description"][0]["@language"] == "vi"
    assert column["skos:exactMatch"][0]["@id"].startswith(f"{BASE}/standard/STD-PID/term/")
    assert column["@id"] == f"{BASE}/dataset/ho-tich/field/so_dinh_danh"
    assert document["tableSchema"]["primaryKey"] == "so_dinh_danh"
    for column in columns:
        base = column["datatype"]["base"] if isinstance(column["datatype"], dict) else column["datatype"]
        assert base in CSVW_BUILT_IN

"""A dataset's data dictionary as a Frictionless Table Schema (specs.frictionlessdata.io/table-schema).

Published at ``/dataset/<slug>/tableschema.json`` and named, like the CSVW document, in the
``dct:conformsTo`` of the dataset's distributions. Field types follow our data-types scheme;
sizes and keys become ``constraints``; Vietnamese labels and definitions are the ``title`` and
``description`` (the spec has no language maps), the English ones go in ``x-title-en`` /
``x-description-en`` — Table Schema allows extra properties, and the ``x-`` prefix marks them.
"""

from __future__ import annotations

from typing import Any

from dictionary.models import Dataset, Field
from vocab.csvw import table_url
from vocab.dcat import DcatContext
from vocab.dcat_dictionary import visible_fields, visible_reference

MEDIA_TYPE = "application/schema+json"

# Our data type codes (scheme data-types) → Table Schema type (and format where one applies).
TYPES: dict[str, tuple[str, str | None]] = {
    "STRING": ("string", None),
    "TEXT": ("string", None),
    "CODE": ("string", None),
    "INTEGER": ("integer", None),
    "DECIMAL": ("number", None),
    "BOOLEAN": ("boolean", None),
    "DATE": ("date", None),
    "DATETIME": ("datetime", None),
    "TIME": ("time", None),
    "GEOMETRY": ("string", None),  # WKT or GeoJSON text in VN-2000 / WGS 84
    "POINT": ("string", None),  # WKT "POINT(lon lat)", not Table Schema's "lon, lat" geopoint
    "BINARY": ("string", "binary"),
    "JSON": ("object", None),
}


def table_schema(dataset: Dataset, ctx: DcatContext) -> dict[str, Any]:
    fields = visible_fields(dataset, ctx)
    schema: dict[str, Any] = {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": dataset.title_vi,
        "fields": [_field(field, ctx) for field in fields],
        "missingValues": [""],
    }
    keys = [field.name for field in fields if field.primary_key]
    if keys:
        schema["primaryKey"] = keys
    foreign = [key for key in (_foreign_key(field, ctx) for field in fields) if key]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _field(field: Field, ctx: DcatContext) -> dict[str, Any]:
    code = ctx.terms.code(field.data_type) if field.data_type else None
    kind, fmt = TYPES.get(code or "", ("any", None))
    item: dict[str, Any] = {"name": field.name, "type": kind, "title": field.label_vi}
    if fmt:
        item["format"] = fmt
    if field.definition:
        item["description"] = field.definition
    if field.label_en:
        item["x-title-en"] = field.label_en
    if field.definition_en:
        item["x-description-en"] = field.definition_en
    if field.example:
        item["example"] = field.example
    constraints: dict[str, Any] = {}
    if field.required or field.primary_key:
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.length and kind == "string":
        constraints["maxLength"] = field.length
    if constraints:
        item["constraints"] = constraints
    if field.unit:
        item["x-unit"] = field.unit
    return item


def _foreign_key(field: Field, ctx: DcatContext) -> dict[str, Any] | None:
    target = visible_reference(field, ctx)
    if target is None:
        return None
    return {
        "fields": [field.name],
        "reference": {"resource": table_url(target.dataset, ctx), "fields": [target.name]},
    }

"""A dataset's data dictionary as CSVW metadata (W3C "Metadata Vocabulary for Tabular Data").

The document is JSON-LD (media type ``application/csvm+json``) and is published at
``/dataset/<slug>/csvw.json``, which the dataset's distributions name in ``dct:conformsTo``.
It describes one table whose columns are the fields the reader may see; column titles carry
language maps, descriptions are language-tagged, and mappings onto standards travel as the SKOS
common properties CSVW allows (``skos:exactMatch``…), so the document stays meaningful as RDF.
"""

from __future__ import annotations

from typing import Any

from dictionary import concepts as C
from dictionary.models import Dataset, Field
from vocab.dcat import DcatContext
from vocab.dcat_dictionary import visible_fields, visible_reference

MEDIA_TYPE = "application/csvm+json"
CONTEXT = ["http://www.w3.org/ns/csvw", {"@language": "vi"}]

# Our data types (scheme data-types) whose CSVW datatype is not the local name of their xsd type.
_SPECIAL = {"JSON": "json"}


def csvw_metadata(dataset: Dataset, ctx: DcatContext) -> dict[str, Any]:
    fields = visible_fields(dataset, ctx)
    columns = [_column(field, ctx, dataset) for field in fields]
    schema: dict[str, Any] = {"columns": columns}
    keys = [field.name for field in fields if field.primary_key]
    if keys:
        schema["primaryKey"] = keys if len(keys) > 1 else keys[0]
    foreign = [_foreign_key(field, ctx) for field in fields if field.foreign_key_field is not None]
    if any(foreign):
        schema["foreignKeys"] = [key for key in foreign if key]
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": str(ctx.uris.csvw(dataset.slug)),
        "url": table_url(dataset, ctx),
        "dc:title": _texts(dataset.title_vi, dataset.title_en),
        "dc:description": _texts(dataset.description_vi, dataset.description_en),
        "rdfs:seeAlso": {"@id": str(ctx.uris.dataset(dataset.slug))},
        "tableSchema": schema,
        "dialect": {"encoding": "utf-8", "header": True},
    }
    if dataset.updated_at is not None:
        doc["dc:modified"] = {"@value": dataset.updated_at.date().isoformat(), "@type": "xsd:date"}
    return doc


def table_url(dataset: Dataset, ctx: DcatContext) -> str:
    """The CSV the table describes: a public CSV download if there is one, else the dataset URI
    (CSVW needs a ``url``; most shared databases have no file download at all)."""
    for distribution in dataset.distributions:
        code = ctx.terms.code(distribution.format) if distribution.format else None
        if code == "CSV" and distribution.download_url and distribution.access_rights.endswith("/PUBLIC"):
            return distribution.download_url
    return str(ctx.uris.dataset(dataset.slug))


def _column(field: Field, ctx: DcatContext, dataset: Dataset) -> dict[str, Any]:
    column: dict[str, Any] = {
        "name": field.name,
        "titles": {lang: value for lang, value in (("vi", field.label_vi), ("en", field.label_en)) if value},
        "@id": str(ctx.uris.field(dataset.slug, field.name)),
    }
    description = _texts(field.definition, field.definition_en)
    if description:
        column["dc:description"] = description
    column["datatype"] = _datatype(field, ctx)
    if field.required:
        column["required"] = True
    if field.example:
        column["skos:example"] = field.example
    for mapping in (m for m in dataset.mappings if m.field_id == field.id):
        relation = "skos:" + mapping.relation.removeprefix(C.SKOS)
        if mapping.data_element is not None:  # a term of the shared data dictionary, at /term/<code>
            target = ctx.uris.data_element(mapping.data_element.code)
        elif mapping.term:
            target = ctx.uris.term(mapping.standard.code, mapping.term)
        else:
            target = ctx.uris.standard(mapping.standard.code)
        column.setdefault(relation, []).append({"@id": str(target)})
    return column


def _datatype(field: Field, ctx: DcatContext) -> str | dict[str, Any]:
    concept = ctx.terms.vocabularies.concept(field.data_type) if field.data_type else None
    if concept is None:
        return "string"
    base = _SPECIAL.get(concept.code) or (concept.xsd_type or "string").rsplit("#", 1)[-1]
    if field.length and base == "string":
        return {"base": base, "maxLength": field.length}
    return base


def _foreign_key(field: Field, ctx: DcatContext) -> dict[str, Any] | None:
    target = visible_reference(field, ctx)
    if target is None:
        return None
    return {
        "columnReference": field.name,
        "reference": {"resource": table_url(target.dataset, ctx), "columnReference": target.name},
    }


def _texts(vi: str | None, en: str | None) -> list[dict[str, str]]:
    return [{"@value": value, "@language": lang} for value, lang in ((vi, "vi"), (en, "en")) if value]

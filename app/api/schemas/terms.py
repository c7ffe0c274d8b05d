"""Schemas of the shared data dictionary: terms, their history, conformance and suggestions."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.schemas.common import ResponseSchema, code_field, computed, concept_field, integer, text
from app.deviations import describe
from dictionary.models import DataElement, DataElementVersion


def _code_of(record: object | None) -> str | None:
    return getattr(record, "code", None) if record is not None else None


class TermSchema(ResponseSchema):
    __model__ = DataElement

    id = fields.UUID()
    code = fields.String()
    name_vi = fields.String()
    name_en = fields.String()
    definition_vi = fields.String()
    definition_en = fields.String()
    data_type = fields.String(metadata={"description": "Data type concept URI (scheme data-types)"})
    length = fields.Integer()
    precision = fields.Integer()
    scale = fields.Integer()
    pattern = fields.String(metadata={"description": "Regular expression a whole value matches"})
    format_vi = fields.String()
    unit = fields.String()
    code_list_scheme = fields.String()
    code_list_standard = computed("string", lambda t: _code_of(t.code_list_standard), allow_none=True)
    personal_data = fields.String()
    rules_vi = fields.String()
    synonyms = fields.List(fields.String())
    abbreviations = fields.List(fields.String())
    examples = fields.List(fields.String())
    standard = computed("string", lambda t: t.standard.code, metadata={"description": "Issuing dictionary"})
    source_vi = fields.String()
    provincial = fields.Boolean()
    maintainer = computed("string", lambda t: _code_of(t.maintainer), allow_none=True)
    status = fields.String(metadata={"description": "Concept URI (scheme term-statuses)"})
    superseded_by = computed("string", lambda t: _code_of(t.superseded_by), allow_none=True)
    version = fields.String()
    valid_from = fields.Date()
    lock_version = fields.Integer()


def _texts(max_length: int) -> fields.List:
    return fields.List(text(max_length, required=True), validate=validate.Length(max=50))


class TermInputSchema(Schema):
    code = code_field(required=True)
    name_vi = text(500, required=True)
    name_en = text(500)
    definition_vi = text(5000, required=True)
    definition_en = text(5000)
    data_type = concept_field()
    length = integer(allow_none=True, maximum=1_000_000_000)
    precision = integer(allow_none=True, maximum=1000)
    scale = integer(allow_none=True, minimum=0, maximum=1000)
    pattern = text(500)
    format_vi = text(500)
    unit = text(200)
    code_list_scheme = concept_field()
    code_list_standard = code_field(allow_none=True)
    personal_data = concept_field()
    rules_vi = text(5000)
    synonyms = _texts(200)
    abbreviations = _texts(40)
    examples = _texts(200)
    standard = code_field(required=True, metadata={"description": "Code of the issuing dictionary"})
    source_vi = text(2000)
    provincial = fields.Boolean()
    maintainer = code_field(allow_none=True, metadata={"description": "Agency code"})
    status = concept_field(required=True)
    superseded_by = code_field(allow_none=True, metadata={"description": "Code of the replacing term"})
    version = text(40, allow_none=False)
    valid_from = fields.Date(allow_none=True)
    note = text(2000, metadata={"description": "What changed and why (kept in the term's history)"})


class TermQuerySchema(Schema):
    q = text(200, allow_none=False)
    status = concept_field()
    standard = code_field()
    provincial = fields.Boolean()


class TermVersionSchema(ResponseSchema):
    __model__ = DataElementVersion

    lock_version = fields.Integer()
    version = fields.String()
    changed_at = fields.DateTime()
    actor = fields.String()
    note = fields.String()
    snapshot = fields.Dict(metadata={"description": "Every property of the term after the change"})


class DeviationSchema(Schema):
    kind = fields.String(metadata={"description": "data_type, length, precision, scale, code_list, pattern, "
                                                  "unit or superseded"})  # fmt: skip
    expected = fields.String(allow_none=True, metadata={"description": "What the term says"})
    actual = fields.String(allow_none=True, metadata={"description": "What the field has"})
    message = fields.Function(
        describe, metadata={"type": "string", "description": "The deviation in the reader's language"}
    )


class FieldConformanceSchema(Schema):
    dataset = computed("string", lambda r: r.field.dataset.slug)
    field = computed("string", lambda r: r.field.name)
    label_vi = computed("string", lambda r: r.field.label_vi)
    term = computed("string", lambda r: r.term.code)
    relation = computed("string", lambda r: r.mapping.relation)
    verdict = fields.String(metadata={"description": "conforms, deviates or not_checked"})
    reason = fields.String(allow_none=True, metadata={"description": "draft or relation, when not checked"})
    deviations = fields.List(fields.Nested(DeviationSchema))


class SummarySchema(Schema):
    checked = fields.Integer()
    conforming = fields.Integer()
    deviating = fields.Integer()
    not_checked = fields.Integer()


class DatasetConformanceSchema(Schema):
    dataset = computed("string", lambda r: r.dataset.slug)
    title_vi = computed("string", lambda r: r.dataset.title_vi)
    summary = fields.Nested(SummarySchema)
    fields_ = fields.List(fields.Nested(FieldConformanceSchema), data_key="fields", attribute="fields")


class AgencyConformanceSchema(Schema):
    agency = fields.String()
    summary = fields.Nested(SummarySchema)
    datasets = fields.List(fields.Nested(DatasetConformanceSchema))


class TermSuggestionQuerySchema(Schema):
    name = text(200, allow_none=False, metadata={"description": "The field's technical name"})
    label = text(500, allow_none=False, metadata={"description": "The field's label"})
    limit = integer(maximum=20, load_default=5)


class TermSuggestionSchema(Schema):
    term = computed("string", lambda s: s.term.code)
    name_vi = computed("string", lambda s: s.term.name_vi)
    standard = computed("string", lambda s: s.term.standard.code)
    score = fields.Float()
    matched = fields.String(metadata={"description": "The name, synonym or abbreviation that matched"})
    mapping = computed(
        "object",
        lambda s: {"standard": s.term.standard.code, "term": s.term.code, "relation": "exactMatch"},
        metadata={"description": "The mapping to add to the field to accept the suggestion"},
    )

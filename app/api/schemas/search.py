"""Query arguments and results of /api/v1/search."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from app.api.schemas.common import CODE_PATTERN, MAX_PAGE, integer
from search.interface import DATASET_FACETS, FIELD_FACETS, MAX_WINDOW, SORTS

_VALUE = validate.Length(min=1, max=300)


def _facet_list(description: str) -> fields.List:
    return fields.List(
        fields.String(validate=_VALUE),
        validate=validate.Length(max=20),
        metadata={"description": description + " (repeat the parameter for several values: any of them)"},
    )


class _SearchArgs(Schema):
    class Meta:
        unknown = RAISE  # a mistyped filter (?themes=) must not silently return everything

    q = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={"description": "What to look for; diacritics, case and abbreviations optional"},
    )
    page = integer(load_default=1, maximum=MAX_PAGE)
    page_size = integer(load_default=20, maximum=100)
    sort = fields.String(
        load_default="relevance",
        validate=validate.OneOf(SORTS),
        metadata={"description": "relevance (newest first without q), title or updated"},
    )
    facets = fields.Boolean(load_default=True, metadata={"description": "Count the facet values"})

    @validates_schema
    def within_window(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("page", 1) * data.get("page_size", 20) > MAX_WINDOW:
            raise ValidationError(f"page × page_size may reach result {MAX_WINDOW} at most", "page")


class SearchArgs(_SearchArgs):
    facet_names = DATASET_FACETS

    agency = fields.List(
        fields.String(validate=validate.Regexp(CODE_PATTERN)),
        validate=validate.Length(max=20),
        metadata={"description": "Agency code of the owner or custodian (repeatable)"},
    )
    component = _facet_list("Architecture component, code or URI")
    category = _facet_list("Database category, code or URI")
    sharing_class = _facet_list("Sharing class, code or URI")
    importance = _facet_list("Importance, code or URI")
    theme = _facet_list("Theme, code or URI")
    format = _facet_list("Distribution format (EU file type), code or URI")
    personal_data = _facet_list("Personal-data category, code or URI")
    status = _facet_list("Status, code or URI")


class FieldSearchArgs(_SearchArgs):
    facet_names = FIELD_FACETS

    agency = SearchArgs._declared_fields["agency"]
    data_type = _facet_list("Data type, code or URI")
    personal_data = _facet_list("Personal-data category, code or URI")


class SuggestArgs(Schema):
    class Meta:
        unknown = RAISE

    q = fields.String(required=True, validate=validate.Length(min=1, max=100))
    limit = integer(load_default=8, maximum=20)


class FacetValueSchema(Schema):
    value = fields.String()
    count = fields.Integer()
    label = fields.String(allow_none=True)


class _ResultsSchema(Schema):
    engine = fields.String(
        metadata={"description": "Backend that answered: database, opensearch, elasticsearch"}
    )
    degraded = fields.Boolean(
        metadata={"description": "True when the engine was unreachable and the database answered"}
    )
    reason = fields.String(allow_none=True)
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueSchema)))


_HIGHLIGHTS = fields.Dict(
    keys=fields.String(),
    values=fields.List(fields.String()),
    metadata={"description": "Field → fragments; HTML-escaped, matches in <mark>"},
)


class DatasetHitSchema(Schema):
    id = fields.String()
    slug = fields.String()
    title = fields.String()
    title_en = fields.String(allow_none=True)
    description = fields.String()
    status = fields.String()
    sharing_class = fields.String()
    agencies = fields.List(fields.String())
    updated_at = fields.DateTime(allow_none=True)
    score = fields.Float(allow_none=True)
    highlights = _HIGHLIGHTS


class FieldHitSchema(Schema):
    id = fields.String()
    name = fields.String()
    label = fields.String()
    label_en = fields.String(allow_none=True)
    definition = fields.String(allow_none=True)
    data_type = fields.String(allow_none=True)
    personal_data = fields.String(allow_none=True)
    restricted = fields.Boolean()
    dataset_id = fields.String()
    dataset_slug = fields.String()
    dataset_title = fields.String()
    score = fields.Float(allow_none=True)
    highlights = _HIGHLIGHTS


class DatasetResultsSchema(_ResultsSchema):
    items = fields.List(fields.Nested(DatasetHitSchema), attribute="hits")


class FieldResultsSchema(_ResultsSchema):
    items = fields.List(fields.Nested(FieldHitSchema), attribute="hits")


class SuggestionSchema(Schema):
    text = fields.String()
    slug = fields.String()
    id = fields.String()


class SuggestionsSchema(Schema):
    suggestions = fields.List(fields.Nested(SuggestionSchema))
    degraded = fields.Boolean()
    reason = fields.String(allow_none=True)


class TermSearchArgs(Schema):
    class Meta:
        unknown = RAISE

    q = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Code, name, synonym or abbreviation; diacritics and case optional"},
    )
    page = integer(load_default=1, maximum=MAX_PAGE)
    page_size = integer(load_default=20, maximum=100)


class TermHitSchema(Schema):
    code = fields.String()
    name_vi = fields.String()
    name_en = fields.String(allow_none=True)
    definition_vi = fields.String()
    standard = fields.String(metadata={"description": "Code of the issuing dictionary"})
    status = fields.String(metadata={"description": "Concept URI (scheme term-statuses)"})
    matched = fields.String(metadata={"description": "The code, name, synonym or abbreviation that matched"})
    score = fields.Float()
    url = fields.String(metadata={"description": "The term's page and RDF: /term/<code>"})


class TermResultsSchema(Schema):
    engine = fields.String(
        metadata={"description": "Always database: the register is searched in the database"}
    )
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
    items = fields.List(fields.Nested(TermHitSchema))

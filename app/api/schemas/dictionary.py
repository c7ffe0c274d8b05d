"""Schemas of the data dictionary: fields, standard mappings, distributions, standards."""

from __future__ import annotations

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from app.api.schemas.common import (
    FIELD_NAME_PATTERN,
    SLUG_PATTERN,
    ResponseSchema,
    code_field,
    computed,
    concept_field,
    integer,
    text,
    url_field,
)
from dictionary.models import Distribution, Field, Standard, StandardMapping


class MappingSchema(ResponseSchema):
    __model__ = StandardMapping

    id = fields.UUID()
    field = computed("string", lambda m: m.field.name if m.field else None)
    standard = computed("string", lambda m: m.standard.code)
    standard_identifier = computed("string", lambda m: m.standard.identifier)
    term = fields.String()
    relation = fields.String(metadata={"description": "SKOS mapping property URI"})
    note = fields.String()


class InlineMappingSchema(Schema):
    standard = code_field(required=True)
    term = text(500)
    relation = fields.String(
        allow_none=True,
        metadata={"description": "exactMatch (default), closeMatch, broadMatch, narrowMatch…"},
    )
    note = text(2000)


class MappingUpdateSchema(Schema):
    """What a mapping may change in place; mapping another field or standard is another mapping."""

    term = text(500)
    relation = fields.String(metadata={"description": "exactMatch, closeMatch, broadMatch, narrowMatch…"})
    note = text(2000)


class MappingCreateSchema(InlineMappingSchema):
    field = fields.String(
        allow_none=True,
        validate=validate.Regexp(FIELD_NAME_PATTERN),
        metadata={"description": "Field name; absent for a dataset-level mapping"},
    )


class ForeignKeySchema(Schema):
    dataset = fields.String(required=True, validate=validate.Regexp(SLUG_PATTERN))
    field = fields.String(required=True, validate=validate.Regexp(FIELD_NAME_PATTERN))


class FieldSchema(ResponseSchema):
    __model__ = Field

    id = fields.UUID()
    position = fields.Integer()
    name = fields.String()
    label_vi = fields.String()
    label_en = fields.String()
    definition = fields.String()
    definition_en = fields.String()
    data_type = fields.String()
    length = fields.Integer()
    precision = fields.Integer()
    scale = fields.Integer()
    required = fields.Boolean()
    unique = fields.Boolean()
    primary_key = fields.Boolean()
    foreign_key = fields.Function(
        lambda f: (
            {"dataset": f.foreign_key_field.dataset.slug, "field": f.foreign_key_field.name}
            if f.foreign_key_field
            else None
        ),
        allow_none=True,
        metadata={"type": "object", "description": "The referenced dataset (slug) and field (name)"},
    )
    code_list_scheme = fields.String()
    code_list_standard = computed(
        "string", lambda f: f.code_list_standard.code if f.code_list_standard else None
    )
    unit = fields.String()
    example = fields.String()
    personal_data = fields.String()
    restricted = fields.Boolean()
    mappings = fields.List(fields.Nested(MappingSchema))


class FieldInputSchema(Schema):
    name = fields.String(
        required=True,
        validate=validate.Regexp(
            FIELD_NAME_PATTERN, error="must start with a letter or _ and hold only letters, digits and _"
        ),
    )
    label_vi = text(500, required=True)
    label_en = text(500)
    definition = text(5000)
    definition_en = text(5000)
    data_type = concept_field()
    length = integer(allow_none=True, maximum=1_000_000_000)
    precision = integer(allow_none=True, maximum=1000)
    scale = integer(allow_none=True, minimum=0, maximum=1000)
    required = fields.Boolean()
    unique = fields.Boolean()
    primary_key = fields.Boolean()
    foreign_key = fields.Nested(ForeignKeySchema, allow_none=True)
    code_list_scheme = concept_field()
    code_list_standard = code_field(allow_none=True)
    unit = text(200)
    example = text(500)
    personal_data = concept_field()
    restricted = fields.Boolean()
    position = integer(metadata={"description": "1-based place"})
    mappings = fields.List(fields.Nested(InlineMappingSchema), validate=validate.Length(max=50))


class FieldListSchema(Schema):
    fields_ = fields.List(
        fields.Nested(FieldInputSchema),
        data_key="fields",
        attribute="fields",
        required=True,
        validate=validate.Length(max=2000),
    )


class DistributionSchema(ResponseSchema):
    __model__ = Distribution

    id = fields.UUID()
    slug = fields.String()
    kind = fields.String()
    title_vi = fields.String()
    title_en = fields.String()
    description_vi = fields.String()
    access_url = fields.String()
    download_url = fields.String()
    endpoint_url = fields.String()
    endpoint_description = fields.String()
    format = fields.String()
    media_type = fields.String()
    licence = fields.String()
    access_rights = fields.String()
    byte_size = fields.Integer()


class DistributionInputSchema(Schema):
    slug = fields.String(validate=validate.Regexp(SLUG_PATTERN), allow_none=True)
    kind = concept_field(required=True)
    title_vi = text(500, required=True)
    title_en = text(500)
    description_vi = text(5000)
    access_url = url_field(required=True)
    download_url = url_field(allow_none=True)
    endpoint_url = url_field(allow_none=True)
    endpoint_description = url_field(allow_none=True)
    format = concept_field()
    media_type = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", error="must be a media type"),
    )
    licence = concept_field()
    access_rights = concept_field(required=True)
    byte_size = integer(
        allow_none=True, minimum=0, metadata={"description": "Bytes (an integer column: up to 2^31-1)"}
    )

    @validates_schema
    def download_is_a_file(self, data, partial=False, **_kwargs):
        if data.get("byte_size") is not None and not data.get("download_url") and not partial:
            raise ValidationError("a byte size only makes sense with a download_url", "byte_size")


class StandardSchema(ResponseSchema):
    __model__ = Standard

    id = fields.UUID()
    code = fields.String()
    identifier = fields.String()
    title_vi = fields.String()
    title_en = fields.String()
    issuer = fields.String()
    kind = fields.String()
    version = fields.String()
    status = fields.String()
    issued = fields.Date()
    url = fields.String()
    lock_version = fields.Integer()


class StandardInputSchema(Schema):
    code = code_field(required=True)
    identifier = text(200, required=True)
    title_vi = text(500, required=True)
    title_en = text(500)
    issuer = text(500, required=True)
    kind = concept_field(required=True)
    version = text(40)
    status = concept_field(required=True)
    issued = fields.Date(allow_none=True)
    url = url_field(allow_none=True)


class StandardQuerySchema(Schema):
    q = text(200, allow_none=False)
    kind = concept_field()
    status = concept_field()

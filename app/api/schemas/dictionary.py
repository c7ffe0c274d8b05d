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
)
from app.api.schemas.properties import from_registry
from dictionary.models import Distribution, Field, Standard, StandardMapping
from dictionary.properties import DISTRIBUTION, FIELD, STANDARD


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


@from_registry(FIELD, "output")
class FieldSchema(ResponseSchema):
    """A field with every property of the registry and its mappings."""

    __model__ = Field

    id = fields.UUID()
    position = fields.Integer()
    foreign_key = fields.Function(
        lambda f: (
            {"dataset": f.foreign_key_field.dataset.slug, "field": f.foreign_key_field.name}
            if f.foreign_key_field
            else None
        ),
        allow_none=True,
        metadata={"type": "object", "description": "The referenced dataset (slug) and field (name)"},
    )
    code_list_standard = computed(
        "string", lambda f: f.code_list_standard.code if f.code_list_standard else None
    )
    mappings = fields.List(fields.Nested(MappingSchema))


@from_registry(FIELD, "input")
class FieldInputSchema(Schema):
    """A field as a request gives it: every writable property of the registry."""

    name = fields.String(
        required=True,
        validate=validate.Regexp(
            FIELD_NAME_PATTERN, error="must start with a letter or _ and hold only letters, digits and _"
        ),
    )
    foreign_key = fields.Nested(ForeignKeySchema, allow_none=True)
    code_list_standard = code_field(allow_none=True)
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


@from_registry(DISTRIBUTION, "output")
class DistributionSchema(ResponseSchema):
    __model__ = Distribution

    id = fields.UUID()


@from_registry(DISTRIBUTION, "input")
class DistributionInputSchema(Schema):
    slug = fields.String(validate=validate.Regexp(SLUG_PATTERN), allow_none=True)
    media_type = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", error="must be a media type"),
    )
    byte_size = integer(
        allow_none=True, minimum=0, metadata={"description": "Bytes (an integer column: up to 2^31-1)"}
    )

    @validates_schema
    def download_is_a_file(self, data, partial=False, **_kwargs):
        if data.get("byte_size") is not None and not data.get("download_url") and not partial:
            raise ValidationError("a byte size only makes sense with a download_url", "byte_size")


@from_registry(STANDARD, "output")
class StandardSchema(ResponseSchema):
    __model__ = Standard

    id = fields.UUID()
    lock_version = fields.Integer()


@from_registry(STANDARD, "input")
class StandardInputSchema(Schema):
    code = code_field(required=True)


class StandardQuerySchema(Schema):
    q = text(200, allow_none=False)
    kind = concept_field()
    status = concept_field()

"""Request and response schemas of agencies."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.schemas.common import ResponseSchema, code_field, computed, concept_field, text
from app.api.schemas.properties import from_registry
from dictionary.models import Agency, AgencyEvent
from dictionary.properties import AGENCY


class AgencyEventSchema(ResponseSchema):
    __model__ = AgencyEvent

    kind = fields.String(metadata={"description": "Event concept (scheme agency-events)"})
    related_agency = computed("string", lambda e: e.related_agency.code if e.related_agency else None)
    effective_on = fields.Date()
    legal_basis = fields.String()
    note = fields.String()


@from_registry(AGENCY, "output")
class AgencySchema(ResponseSchema):
    __model__ = Agency

    id = fields.UUID()
    parent = computed("string", lambda a: a.parent.code if a.parent else None)
    events = fields.List(fields.Nested(AgencyEventSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


@from_registry(AGENCY, "input")
class AgencyInputSchema(Schema):
    code = code_field(required=True)
    parent = code_field(allow_none=True)
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))


class AgencyQuerySchema(Schema):
    q = text(200, allow_none=False)
    level = concept_field()
    parent = code_field()
    active_on = fields.Date()


class RenameSchema(Schema):
    name_vi = text(500, required=True)
    name_en = text(500)
    effective_on = fields.Date(required=True)
    legal_basis = text(500)


class MergeSchema(Schema):
    sources = fields.List(code_field(), required=True, validate=validate.Length(min=1, max=50))
    effective_on = fields.Date(required=True)
    legal_basis = text(500)


class SplitSchema(Schema):
    into = fields.List(code_field(), required=True, validate=validate.Length(min=1, max=50))
    effective_on = fields.Date(required=True)
    datasets = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=200)),
        values=code_field(),
        metadata={"description": "Dataset slug → code of the agency that takes it (default: the first)"},
    )
    legal_basis = text(500)

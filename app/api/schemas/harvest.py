"""Schemas of /api/v1/harvest/sources: sources, jobs and their reports."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.dcat import HarvestItemSchema
from app.api.schemas.common import ResponseSchema, code_field, integer, text, url_field
from dictionary.models import HarvestJob, HarvestSource
from dictionary.services.harvest_sources import KINDS, PAGE_LIMIT, SCHEDULES, TIME_LIMIT


class HarvestSourceInputSchema(Schema):
    name = text(200, required=True)
    url = url_field(required=True, metadata={"description": "First DCAT-AP page, or the CKAN site"})
    kind = fields.String(
        required=True,
        validate=validate.OneOf(KINDS),
        metadata={"description": "dcat (any RDF format) or ckan"},
    )
    owner = code_field(
        required=True, metadata={"description": "Agency code for records that name no publisher"}
    )
    schedule = fields.String(load_default="manual", validate=validate.OneOf(SCHEDULES))
    time_limit = integer(
        minimum=TIME_LIMIT[0],
        maximum=TIME_LIMIT[1],
        load_default=600,
        metadata={"description": "Seconds a run may take, fetching included"},
    )
    page_limit = integer(minimum=PAGE_LIMIT[0], maximum=PAGE_LIMIT[1], load_default=100)


class HarvestSourceSchema(ResponseSchema):
    __model__ = HarvestSource

    id = fields.UUID()
    name = fields.String()
    url = fields.String()
    kind = fields.String()
    owner = fields.Function(lambda source: source.owner.code, metadata={"description": "Agency code"})
    schedule = fields.String()
    time_limit = fields.Integer()
    page_limit = fields.Integer()
    created_by = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    lock_version = fields.Integer()


class HarvestJobSchema(ResponseSchema):
    __model__ = HarvestJob

    id = fields.UUID()
    source_id = fields.UUID()
    status = fields.String(metadata={"description": "running, succeeded or failed"})
    trigger = fields.String(metadata={"description": "manual, schedule or cli"})
    started_by = fields.String()
    started_at = fields.DateTime()
    deadline_at = fields.DateTime()
    finished_at = fields.DateTime()
    reason = fields.String()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    pages = fields.List(fields.String())
    stopped = fields.String()


class HarvestJobReportSchema(HarvestJobSchema):
    items = fields.List(fields.Nested(HarvestItemSchema))

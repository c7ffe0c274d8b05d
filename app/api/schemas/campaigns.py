"""Schemas of documentation campaigns: the coordinator's input, a campaign, its progress and tasks."""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, fields, validate

from app.api.schemas.common import ResponseSchema, code_field, computed, integer, text
from dictionary.models import Campaign
from dictionary.services.campaigns import DEFAULT_REMINDER_DAYS, MISSES

LATEST_DEADLINE = date(2099, 12, 31)
"""A campaign's deadline is years away at most; this bound keeps date arithmetic in range."""


class CampaignCreateSchema(Schema):
    title = text(500, required=True, metadata={"description": "Title, in Vietnamese"})
    description = text(5000, metadata={"description": "What is asked and why"})
    min_completeness = integer(
        minimum=0,
        maximum=100,
        allow_none=True,
        metadata={"description": "Target: completeness score at least this (0-100)"},
    )
    personal_data_assessed = fields.Boolean(
        load_default=False, metadata={"description": "Target: every field assessed for personal data"}
    )
    agencies = fields.List(
        code_field(),
        load_default=list,
        validate=validate.Length(max=500),
        metadata={"description": "Codes of the agencies covered, each with its scope; empty: every agency"},
    )
    deadline = fields.Date(
        required=True,
        validate=validate.Range(max=LATEST_DEADLINE),
        metadata={"description": "Last day (Vietnam time), not past, at the latest 31/12/2099"},
    )
    reminder_days = integer(
        minimum=0,
        maximum=60,
        load_default=DEFAULT_REMINDER_DAYS,
        metadata={"description": "The reminder goes out this many working days before the deadline day"},
    )


class CampaignSchema(ResponseSchema):
    __model__ = Campaign

    number = fields.Integer()
    title = fields.String()
    description = fields.String()
    min_completeness = fields.Integer()
    personal_data_assessed = fields.Boolean()
    agencies = computed(
        "array",
        lambda c: [agency.code for agency in c.agencies],
        metadata={"items": {"type": "string"}, "description": "Agencies covered; empty: every agency"},
    )
    deadline_on = fields.Date(metadata={"description": "Last day (Vietnam time)"})
    deadline_at = fields.DateTime(metadata={"description": "When it ends: midnight after the last day"})
    reminder_days = fields.Integer()
    remind_at = fields.DateTime(metadata={"description": "When the reminder is due"})
    reminded_at = fields.DateTime(metadata={"description": "When the reminder went out"})
    opened_by = fields.String()
    opened_at = fields.DateTime()
    closed_at = fields.DateTime()
    closed_by = fields.String(metadata={"description": "Who closed it; system after the deadline"})
    open = computed("boolean", lambda c: c.is_open)


class AgencyProgressSchema(Schema):
    code = fields.String()
    name = fields.String()
    datasets = fields.Integer(metadata={"description": "Datasets it owns that the campaign covers"})
    met = fields.Integer(metadata={"description": "Of them, meeting the target"})
    missed = fields.Integer(metadata={"description": "Of them, still missing it"})
    percent = fields.Integer(metadata={"description": "Share meeting the target, 0-100"})


class TaskSchema(Schema):
    campaign = computed("integer", lambda t: t.campaign.number, metadata={"description": "Campaign number"})
    dataset = computed("string", lambda t: t.dataset.slug)
    title = computed("string", lambda t: t.dataset.title_vi)
    agency = fields.String(attribute="agency_code", metadata={"description": "Owner agency"})
    completeness = computed("integer", lambda t: t.dataset.completeness)
    missing = fields.List(fields.String(), metadata={"description": ", ".join(MISSES)})


class ProgressSchema(Schema):
    campaign = fields.Nested(CampaignSchema)
    datasets = fields.Integer()
    met = fields.Integer()
    missed = fields.Integer()
    percent = fields.Integer(metadata={"description": "Share of the datasets meeting the target, 0-100"})
    agencies = fields.List(
        fields.Nested(AgencyProgressSchema),
        metadata={"description": "Per owner agency, most behind first; frozen at closing"},
    )
    tasks = fields.List(
        fields.Nested(TaskSchema),
        metadata={"description": "Datasets still missing the target that you may see (none once closed)"},
    )

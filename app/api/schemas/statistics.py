"""Schema of the public summary (GET /statistics): aggregates only, of what the public may see."""

from __future__ import annotations

from marshmallow import Schema, fields

from app.api.schemas.common import ComputedNested
from dictionary.models.access import REQUEST_STATES


class AgencyCountSchema(Schema):
    code = fields.String()
    name_vi = fields.String()
    name_en = fields.String(allow_none=True)
    datasets = fields.Integer()


class ConceptCountSchema(Schema):
    concept = fields.String(metadata={"description": "Concept URI"})
    count = fields.Integer()


class BandCountSchema(Schema):
    band = fields.String(metadata={"description": "Completeness band, inclusive, e.g. 90–100"})
    count = fields.Integer()


class StateCountSchema(Schema):
    state = fields.String(metadata={"description": ", ".join(REQUEST_STATES)})
    count = fields.Integer()


class StepTimesSchema(Schema):
    kind = fields.String(metadata={"description": "opinion or decision"})
    closed = fields.Integer(metadata={"description": "Steps closed by a decision or an opinion"})
    average_working_days = fields.Float(allow_none=True, metadata={"description": "Working days taken"})
    average_allowed = fields.Float(allow_none=True, metadata={"description": "Working days allowed"})
    on_time = fields.Integer()
    late = fields.Integer()


def _concepts(name: str) -> ComputedNested:
    return ComputedNested(
        ConceptCountSchema,
        lambda s: [{"concept": uri, "count": count} for uri, count in getattr(s, name)],
        many=True,
    )


class PublicSummarySchema(Schema):
    datasets = fields.Integer(metadata={"description": "Published open datasets"})
    by_agency = fields.List(fields.Nested(AgencyCountSchema), metadata={"description": "By owner agency"})
    by_sharing_class = _concepts("by_sharing_class")
    by_component = _concepts("by_component")
    by_theme = _concepts("by_theme")
    completeness = ComputedNested(
        BandCountSchema, lambda s: [{"band": b, "count": n} for b, n in s.completeness], many=True
    )
    fresh = fields.Integer(metadata={"description": "Data updated as often as declared"})
    stale = fields.Integer(metadata={"description": "Data overdue against its declared frequency"})
    freshness_unknown = fields.Integer(metadata={"description": "No update date or no declared frequency"})
    requests = ComputedNested(
        StateCountSchema, lambda s: [{"state": k, "count": n} for k, n in s.requests], many=True
    )
    steps = fields.List(
        fields.Nested(StepTimesSchema),
        metadata={"description": "Access steps closed, their time in working days against the deadline"},
    )

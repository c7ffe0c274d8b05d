"""Request and response schemas of datasets, their owners, contacts and quality."""

from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from app.api.schemas.common import (
    SLUG_PATTERN,
    ComputedNested,
    ResponseSchema,
    code_field,
    computed,
    concept_field,
    integer,
    text,
    url_field,
)
from app.api.schemas.dictionary import DistributionSchema, FieldInputSchema, FieldSchema, MappingSchema
from app.api.schemas.properties import from_registry
from dictionary import concepts as C
from dictionary.models import ContactPoint, Dataset, OwnershipAssignment, Revision
from dictionary.properties import DATASET
from dictionary.services.base import today_utc
from dictionary.services.quality import GAP_LABELS, stored_report

ROLE_BY_URI = {C.OWNER: "owner", C.CUSTODIAN: "custodian", C.STEWARD: "steward"}


class LegalBasisSchema(Schema):
    number = text(200, required=True, metadata={"description": "Document number, e.g. 43/2022/QĐ-UBND"})
    title = text(1000)
    issued = fields.Date(allow_none=True)
    status = concept_field(
        metadata={"description": "In force / superseded / unclear (scheme legal-statuses)"}
    )
    url = url_field(allow_none=True)


class ContactPointInputSchema(Schema):
    name = text(200, required=True)
    role = text(200)
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    phone = text(40)
    agency = code_field(allow_none=True, metadata={"description": "Code of the person's agency"})


class ContactPointSchema(ResponseSchema):
    __model__ = ContactPoint

    name = fields.String()
    role = fields.String()
    email = fields.String()
    phone = fields.String()
    agency = computed("string", lambda c: c.agency.code if c.agency else None)


class OwnershipSchema(ResponseSchema):
    __model__ = OwnershipAssignment

    agency = computed("string", lambda a: a.agency.code)
    agency_name = computed("string", lambda a: a.agency.name_vi)
    role = computed("string", lambda a: ROLE_BY_URI[a.role])
    valid_from = fields.Date()
    valid_to = fields.Date()
    note = fields.String()


class QualitySchema(Schema):
    score = fields.Integer(metadata={"description": "0-100: 80 % completeness, 20 % freshness"})
    completeness = fields.Integer()
    freshness = fields.String(metadata={"description": "fresh, stale or unknown"})
    update_due_on = fields.Date(allow_none=True)
    gaps = fields.List(fields.String(), metadata={"description": "What the description misses"})
    gap_labels = fields.List(fields.String())


def _report(dataset):
    report = stored_report(dataset, today_utc())
    return {**report.__dict__, "gap_labels": [GAP_LABELS[gap] for gap in report.gaps]}


@from_registry(DATASET, "output", only=lambda prop: prop.in_summary)
class DatasetSummarySchema(ResponseSchema):
    """A dataset in a list: its summary properties (the registry's ``in_summary``) and figures."""

    __model__ = Dataset

    id = fields.UUID()
    score = computed("integer", lambda d: stored_report(d, today_utc()).score)
    updated_at = fields.DateTime()
    lock_version = fields.Integer()
    owner = fields.Method("current_owner", allow_none=True, metadata={"type": "string"})
    field_count = computed("integer", lambda d: len(d.fields))

    def current_owner(self, dataset):
        assignment = dataset.current_assignment(C.OWNER)
        return assignment.agency.code if assignment else None


@from_registry(DATASET, "output")
class DatasetSchema(DatasetSummarySchema):
    """A dataset with every property of the registry, its parts and its quality."""

    legal_basis = fields.List(fields.Dict())
    translations = fields.Dict(metadata={"description": "Texts in further languages: property → tag → texts"})
    created_at = fields.DateTime()
    ownerships = fields.List(fields.Nested(OwnershipSchema))
    contact_points = fields.List(fields.Nested(ContactPointSchema))
    fields_ = fields.List(fields.Nested(FieldSchema), data_key="fields", attribute="fields")
    mappings = ComputedNested(
        MappingSchema, lambda d: [m for m in d.mappings if m.field_id is None], many=True
    )
    distributions = fields.List(fields.Nested(DistributionSchema))
    quality = ComputedNested(QualitySchema, _report)


@from_registry(DATASET, "input")
class DatasetInputSchema(Schema):
    """The writable description (every writable property of the registry); every coded value
    may be a concept URI or its code."""

    slug = fields.String(
        validate=validate.Regexp(SLUG_PATTERN, error="must be lower-case letters, digits and dashes"),
        allow_none=True,
    )
    legal_basis = fields.List(
        fields.Nested(LegalBasisSchema), validate=validate.Length(max=DATASET["legal_basis"].max_items)
    )
    contact_points = fields.List(
        fields.Nested(ContactPointInputSchema),
        validate=validate.Length(max=DATASET["contact_points"].max_items),
    )


class DatasetCreateSchema(DatasetInputSchema):
    owner = code_field(required=True, metadata={"description": "Code of the owner agency (chủ quản)"})
    custodian = code_field(
        allow_none=True, metadata={"description": "Code of the custodian (đơn vị vận hành)"}
    )
    steward = code_field(allow_none=True)
    owned_since = fields.Date(
        allow_none=True, metadata={"description": "Start of the assignments; today if absent"}
    )
    fields_ = fields.List(
        fields.Nested(FieldInputSchema),
        data_key="fields",
        attribute="fields",
        validate=validate.Length(max=2000),
    )


class DatasetQuerySchema(Schema):
    q = text(200, allow_none=False)
    agency = code_field(metadata={"description": "Agency code holding an open assignment"})
    role = fields.String(validate=validate.OneOf(["owner", "custodian", "steward"]))
    status = concept_field()
    category = concept_field()
    sharing_class = concept_field()
    component = concept_field()
    theme = concept_field()
    personal_data = concept_field()
    updated_since = fields.AwareDateTime(default_timezone=UTC)
    min_quality = integer(minimum=0, maximum=100)
    freshness = fields.String(validate=validate.OneOf(["fresh", "stale", "unknown"]))
    sort = fields.String(
        load_default="slug",
        validate=validate.OneOf(["slug", "title", "updated_at", "-updated_at", "-completeness"]),
    )

    @validates_schema
    def role_needs_agency(self, data, **_kwargs):
        if "role" in data and "agency" not in data:
            raise ValidationError("role filters need an agency", "role")


class AssignSchema(Schema):
    agency = code_field(required=True)
    role = fields.String(required=True, validate=validate.OneOf(["owner", "custodian", "steward"]))
    valid_from = fields.Date(required=True)
    note = text(2000)


class RevisionSummarySchema(ResponseSchema):
    __model__ = Revision

    number = fields.Integer()
    author = fields.String()
    message = fields.String()
    created_at = fields.DateTime()


class RevisionSchema(RevisionSummarySchema):
    snapshot = fields.Dict()


class DiffQuerySchema(Schema):
    from_ = integer(required=True, data_key="from")
    to = integer(required=True)


class DiffSchema(Schema):
    from_ = fields.Integer(data_key="from")
    to = fields.Integer()
    changes = fields.Dict()

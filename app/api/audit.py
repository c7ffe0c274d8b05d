"""/api/v1/audit: query, export and verify the hash-chained audit log (administrators)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC

from flask import Response, stream_with_context
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate

from app.api.common import Blueprint, errors
from app.api.schemas.common import ResponseSchema, code_field, text
from app.wiring import services
from dictionary.models import AuditEvent
from dictionary.services.audit import Anchor, AuditFilters, as_record

blp = Blueprint("audit", __name__, url_prefix="/audit", description="The audit log")

COLUMNS = (
    "seq", "occurred_at", "actor", "actor_id", "agency", "action", "object_type", "object_id", "before",
    "after", "request_id", "prev_hash", "hash",
)  # fmt: skip


class AuditQuerySchema(Schema):
    actor = text(200, allow_none=False, metadata={"description": "Part of the actor's name or e-mail"})
    actor_id = fields.UUID()
    agency = code_field()
    action = text(40, allow_none=False, metadata={"description": "create, update, delete, access.check…"})
    object_type = text(40, allow_none=False, metadata={"description": "e.g. dataset, access_grant"})
    object_id = text(200, allow_none=False)
    request_id = text(100, allow_none=False)
    since = fields.AwareDateTime(default_timezone=UTC)
    until = fields.AwareDateTime(default_timezone=UTC)


EXPORT_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv"}
EXPORT_RESPONSE = {
    "description": "JSON lines (or CSV), oldest first",
    "content": {media: {"schema": {"type": "string"}} for media in EXPORT_MEDIA.values()},
}


class ExportQuerySchema(AuditQuerySchema):
    format = fields.String(load_default="jsonl", validate=validate.OneOf(list(EXPORT_MEDIA)))


class AuditEventSchema(ResponseSchema):
    __model__ = AuditEvent

    seq = fields.Integer()
    occurred_at = fields.DateTime()
    actor = fields.String()
    actor_id = fields.UUID()
    agency = fields.String()
    action = fields.String()
    object_type = fields.String()
    object_id = fields.String()
    before = fields.Dict()
    after = fields.Dict()
    request_id = fields.String()
    prev_hash = fields.String()
    hash = fields.String()


class AnchorField(fields.Field[Anchor]):
    """``SEQ:HASH`` of an event, as printed by ``catalog audit anchor`` (a string in OpenAPI)."""

    def _deserialize(self, value, attr, data, **kwargs) -> Anchor:
        try:
            if not isinstance(value, str):
                raise ValidationError("Not a valid anchor: give SEQ:HASH")
            return Anchor.parse(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error


class VerifyQuerySchema(Schema):
    anchor = fields.List(
        AnchorField(),
        load_default=list,
        metadata={
            "description": "SEQ:HASH kept outside the database (repeatable): that event must still exist "
            "with that hash, and the chain be intact through it to the head"
        },
    )


class VerifySchema(Schema):
    ok = fields.Boolean()
    checked = fields.Integer()
    head_seq = fields.Integer()
    head_hash = fields.String(metadata={"description": "Hash of the last event"})
    anchor = fields.Function(
        lambda report: None if report.anchor is None else str(report.anchor),
        allow_none=True,
        metadata={
            "description": "SEQ:HASH of the head of an intact chain: keep it outside the database "
            "and pass it to a later verify"
        },
    )
    anchors = fields.Integer(metadata={"description": "How many anchors were checked"})
    problem = fields.String(allow_none=True)
    broken_seq = fields.Integer(allow_none=True)


@blp.route("")
class AuditEvents(MethodView):
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditEventSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=500)
    def get(self, query, pagination_parameters):
        """Audit events, newest first, filtered by actor, agency, action, object, request or time"""
        items, total = services().audit.list(
            AuditFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items


def _csv_cell(value: object) -> object:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _lines(events: Iterator[dict[str, object]], fmt: str) -> Iterator[str]:
    if fmt == "jsonl":
        for item in events:
            yield json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in events:
        writer.writerow([_csv_cell(item[column]) for column in COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@blp.route("/export")
class AuditExport(MethodView):
    @blp.arguments(ExportQuerySchema, location="query")
    @blp.response(200)
    @blp.doc(responses={"200": EXPORT_RESPONSE})
    def get(self, query):
        """Export matching events, streamed oldest first, as JSON lines or CSV (the export is logged too)"""
        fmt = query.pop("format")
        events = (as_record(event) for event in services().audit.export(AuditFilters(**query), fmt))
        response = Response(stream_with_context(_lines(events, fmt)), mimetype=EXPORT_MEDIA[fmt])
        response.headers["Content-Disposition"] = f"attachment; filename=audit.{fmt}"
        return response


@blp.route("/verify")
class AuditVerify(MethodView):
    @blp.arguments(VerifyQuerySchema, location="query")
    @blp.response(200, VerifySchema)
    @errors(blp, 403)
    def get(self, query):
        """Recompute the hash chain, check the anchors given, and report the first broken link"""
        return services().audit.verify(query["anchor"])

"""Schemas of accounts, tokens, access requests, grants, the decision API and notifications."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.api.schemas.common import FIELD_NAME_PATTERN, ResponseSchema, code_field, computed, integer, text
from dictionary.models import AccessGrant, AccessRequest, ApiToken, Membership, Notification, Principal
from dictionary.models.access import OPINIONS, REQUEST_STATES
from dictionary.models.accounts import AGENCY_ROLES, GLOBAL_ROLES, TOKEN_SCOPES
from dictionary.models.base import utcnow


def field_names(**kwargs: Any) -> fields.List:
    """A list of field names, read from and written to ``fields`` (``fields`` is marshmallow's)."""
    return fields.List(
        fields.String(validate=validate.Regexp(FIELD_NAME_PATTERN)),
        data_key="fields",
        attribute="fields",
        validate=validate.Length(max=2000),
        **kwargs,
    )


# Accounts -----------------------------------------------------------------------------------


class MembershipSchema(ResponseSchema):
    __model__ = Membership

    agency = computed("string", lambda m: m.agency.code)
    agency_name = computed("string", lambda m: m.agency.name_vi)
    role = fields.String()


class UserSchema(ResponseSchema):
    __model__ = Principal

    id = fields.UUID()
    email = fields.String()
    name = fields.String()
    global_role = fields.String(metadata={"description": "approver, admin or integration"})
    active = fields.Boolean()
    memberships = fields.List(fields.Nested(MembershipSchema))
    last_login_at = fields.DateTime()
    created_at = fields.DateTime()


class UserCreateSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=320))
    name = text(200, required=True)
    agency = code_field(allow_none=True, metadata={"description": "Agency code, with role"})
    role = fields.String(allow_none=True, validate=validate.OneOf(AGENCY_ROLES))
    global_role = fields.String(allow_none=True, validate=validate.OneOf(GLOBAL_ROLES))
    password = fields.String(
        load_only=True,
        allow_none=True,
        validate=validate.Length(max=200),
        metadata={"description": "12+ chars"},
    )


class UserUpdateSchema(Schema):
    name = text(200)
    active = fields.Boolean(allow_none=True)
    agency = code_field(allow_none=True, metadata={"description": "Whose role changes (if several)"})
    role = fields.String(allow_none=True, validate=validate.OneOf(AGENCY_ROLES))
    password = fields.String(load_only=True, allow_none=True, validate=validate.Length(max=200))


class UserQuerySchema(Schema):
    q = text(200, allow_none=False)


class MeSchema(Schema):
    user = fields.Nested(UserSchema)
    auth = fields.String(metadata={"description": "token or session"})
    token_scopes = fields.List(fields.String(), allow_none=True, metadata={"description": "Tokens only"})
    scope = fields.List(fields.String(), metadata={"description": "Codes of the agencies in your scope"})
    csrf_token = fields.String(
        allow_none=True, metadata={"description": "Send as X-CSRF-Token with cookie-authenticated writes"}
    )


class TokenSchema(ResponseSchema):
    __model__ = ApiToken

    id = fields.UUID()
    name = fields.String()
    prefix = fields.String(metadata={"description": "Public part, to recognise the token"})
    scopes = fields.List(fields.String())
    created_at = fields.DateTime()
    expires_at = fields.DateTime()
    revoked_at = fields.DateTime()
    last_used_at = fields.DateTime()
    parent_id = fields.UUID(
        allow_none=True, metadata={"description": "The token this one was issued with (revoked with it)"}
    )
    state = computed(
        "string",
        lambda t: "revoked" if t.revoked_at else "expired" if t.expires_at <= utcnow() else "active",
    )


class TokenIssuedSchema(Schema):
    """A new token: the secret (shown this once) and its details."""

    token = fields.String(attribute="secret", metadata={"description": "The token: store it safely now"})
    id = fields.UUID(attribute="token.id")
    name = fields.String(attribute="token.name")
    prefix = fields.String(attribute="token.prefix")
    scopes = fields.List(fields.String(), attribute="token.scopes")
    created_at = fields.DateTime(attribute="token.created_at")
    expires_at = fields.DateTime(attribute="token.expires_at")
    parent_id = fields.UUID(attribute="token.parent_id")


class TokenCreateSchema(Schema):
    name = text(200, required=True)
    scopes = fields.List(
        fields.String(validate=validate.OneOf(TOKEN_SCOPES)),
        load_default=lambda: ["read"],
        validate=validate.Length(min=1, max=2),
    )
    days = integer(load_default=90, maximum=365)


# Access requests and grants ----------------------------------------------------------------


class GrantSummarySchema(ResponseSchema):
    __model__ = AccessGrant

    number = fields.Integer()
    state = computed(
        "string", lambda g: g.state(utcnow()), metadata={"description": "live, pending, expired, revoked"}
    )
    expires_at = fields.DateTime()


class RequestSchema(ResponseSchema):
    __model__ = AccessRequest

    number = fields.Integer(metadata={"description": "Dossier number; also the number of its grant"})
    status = fields.String(metadata={"description": ", ".join(REQUEST_STATES)})
    dataset = computed("string", lambda r: r.dataset.slug)
    dataset_title = computed("string", lambda r: r.dataset.title_vi)
    agency = computed("string", lambda r: r.agency.code)
    agency_name = computed("string", lambda r: r.agency.name_vi)
    requester = computed("string", lambda r: r.requester.name)
    purpose = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    period_start = fields.Date()
    period_end = fields.Date()
    legal_basis = fields.String()
    owner_opinion = fields.String()
    opinion_comment = fields.String()
    opinion_at = fields.DateTime()
    decided_at = fields.DateTime()
    decision_reason = fields.String()
    created_at = fields.DateTime()
    grant = fields.Nested(GrantSummarySchema, allow_none=True)


class RequestCreateSchema(Schema):
    dataset = fields.String(
        required=True, validate=validate.Length(min=1, max=200), metadata={"description": "Slug"}
    )
    agency = code_field(
        allow_none=True, metadata={"description": "Requesting agency, if you belong to several"}
    )
    purpose = text(5000, required=True)
    fields_ = field_names(metadata={"description": "Field names asked for; none means all"})
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    legal_basis = text(2000, required=True)


class RequestQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(REQUEST_STATES))
    dataset = fields.String(validate=validate.Length(min=1, max=200))


class OpinionSchema(Schema):
    opinion = fields.String(required=True, validate=validate.OneOf(OPINIONS))
    comment = text(2000)


class ApproveSchema(Schema):
    expires_at = fields.AwareDateTime(
        default_timezone=UTC,
        allow_none=True,
        metadata={"description": "Default: end of the requested period"},
    )
    fields_ = field_names(allow_none=True, metadata={"description": "Narrow the requested fields"})
    reason = text(2000)


class ReasonSchema(Schema):
    reason = text(2000, required=True)


class GrantSchema(GrantSummarySchema):
    agency = computed("string", lambda g: g.agency.code)
    dataset = computed("string", lambda g: g.dataset.slug)
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    starts_at = fields.DateTime()
    revoked_at = fields.DateTime()
    revoke_reason = fields.String()
    request = computed("integer", lambda g: g.number)


class GrantQuerySchema(Schema):
    state = fields.String(validate=validate.OneOf(["live", "expired", "revoked"]))


class CheckQuerySchema(Schema):
    agency = code_field(required=True, metadata={"description": "Code of the agency that would use the data"})
    dataset = fields.String(
        required=True, validate=validate.Length(min=1, max=200), metadata={"description": "Slug or id"}
    )


class CheckGrantSchema(ResponseSchema):
    __model__ = AccessGrant  # the grant's own values, as the decision gives them

    number = fields.Integer()
    expires_at = fields.String(metadata={"format": "date-time"})
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")


class CheckSchema(Schema):
    allowed = fields.Boolean()
    rule = fields.String(
        metadata={
            "description": "owner_scope, open_data or grant when allowed; approval_required, grant_expired, "
            "grant_revoked or grant_pending when not"
        }
    )
    agency = fields.String()
    dataset = fields.String()
    grant = fields.Nested(CheckGrantSchema, allow_none=True)
    checked_at = fields.DateTime()


# Notifications ------------------------------------------------------------------------------


class NotificationSchema(ResponseSchema):
    __model__ = Notification

    id = fields.UUID()
    kind = fields.String()
    message = fields.String()
    link = fields.String()
    request_number = fields.Integer()
    created_at = fields.DateTime()
    read_at = fields.DateTime()


class NotificationQuerySchema(Schema):
    unread = fields.Boolean(load_default=False)


class MarkReadSchema(Schema):
    ids = fields.List(fields.UUID(), validate=validate.Length(min=1, max=500))
    all = fields.Boolean()

    @validates_schema
    def one_of(self, data, **_kwargs):
        if not data.get("ids") and not data.get("all"):
            raise ValidationError("give the ids to mark read, or all: true", "ids")


class CountSchema(Schema):
    marked = fields.Integer()

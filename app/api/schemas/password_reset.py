"""The answer to an administrator's password reset: the one-time link, shown once."""

from __future__ import annotations

from marshmallow import Schema, fields


class PasswordResetSchema(Schema):
    email = fields.Email(required=True, metadata={"description": "Whose password the link resets"})
    url = fields.Url(
        required=True, metadata={"description": "The one-time link; give it to the user privately"}
    )
    expires_at = fields.DateTime(required=True, metadata={"description": "It stops working then (24 hours)"})

"""Schema building blocks shared by every resource."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError, fields, validate

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,198}[a-z0-9])?$")
FIELD_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,199}$")


def text(max_length: int, *, required: bool = False, allow_none: bool = True, **kwargs: Any) -> fields.String:
    """A string that is trimmed of nothing but refused when too long or blank when required."""
    validators = [validate.Length(max=max_length)]
    if required:
        validators.append(validate.Length(min=1, error="must not be empty"))
    return fields.String(
        required=required, allow_none=allow_none and not required, validate=validators, **kwargs
    )


def code_field(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Regexp(
            CODE_PATTERN, error="must be 1-40 letters, digits, dots, dashes or underscores"
        ),
        **kwargs,
    )


def concept_field(*, required: bool = False, **kwargs: Any) -> fields.String:
    """A concept given as its URI or its code; the service checks it against its scheme."""
    kwargs.setdefault("metadata", {"description": "Concept URI, or its code in the scheme"})
    kwargs.setdefault("allow_none", not required)
    return fields.String(required=required, validate=validate.Length(min=1, max=300), **kwargs)


def _check_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "mailto", "ftp") or not (
        parts.netloc or parts.scheme == "mailto"
    ):
        raise ValidationError("must be an absolute http(s) URL")
    if any(ch.isspace() for ch in value):
        raise ValidationError("must not contain spaces (percent-encode them)")


def url_field(**kwargs: Any) -> fields.String:
    """A URL that can go into RDF as an IRI: absolute, no spaces (harvesters choke on them)."""
    return fields.String(validate=[validate.Length(max=500), _check_url], **kwargs)


class MessageSchema(Schema):
    message = fields.String()

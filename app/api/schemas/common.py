"""Schema building blocks shared by every resource."""

from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import inspect
from sqlalchemy.orm import MANYTOONE, Mapper

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,198}[a-z0-9])?$")
FIELD_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,199}$")

MAX_INT = 2**31 - 1
"""The largest value a PostgreSQL ``integer`` column holds; no number the API takes goes beyond it."""
MAX_PAGE = 10**6
"""The last page a list may be asked for (far past any list; beyond it the offset means nothing)."""


def integer(*, minimum: int = 1, maximum: int = MAX_INT, **kwargs: Any) -> fields.Integer:
    """Every integer a request carries (query or body): within [minimum, maximum], by default what an
    integer column holds, so that no value reaches the database to overflow it (a 422, not a 500)."""
    return fields.Integer(validate=validate.Range(min=minimum, max=maximum), **kwargs)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters no XML document (RDF/XML, the .xlsx export) may hold; tab and line breaks are fine."""


def _printable(value: str) -> None:
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError("must not contain control characters (other than tab and line breaks)")


def text(max_length: int, *, required: bool = False, allow_none: bool = True, **kwargs: Any) -> fields.String:
    """A string that is trimmed of nothing but refused when too long, when it holds control
    characters, or blank when required."""
    validators: list[Any] = [validate.Length(max=max_length), _printable]
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


def computed(kind: str, function: Any, **kwargs: Any) -> fields.Function:
    """A read-only value computed from the object (a related record's code, a count…), declared in
    the document with its JSON type (a bare Function field would be documented as "anything")."""
    metadata = {"type": kind, **kwargs.pop("metadata", {})}
    return fields.Function(function, metadata=metadata, **kwargs)


class ComputedNested(fields.Nested):
    """A nested schema dumped from a value computed from the object, documented as that schema."""

    def __init__(self, nested: Any, function: Any, **kwargs: Any) -> None:
        super().__init__(nested, dump_only=True, **kwargs)
        self.function = function

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return self.function(obj)


def column_is_nullable(model: type, name: str) -> bool:
    """Whether the model's attribute ``name`` may be None: a nullable column, or a many-to-one
    relationship through nullable columns (``parent`` of an agency). Other names: not known here."""
    mapper: Mapper[Any] = inspect(model)
    if name in mapper.columns:
        return bool(mapper.columns[name].nullable)
    relationship = mapper.relationships.get(name)
    if relationship is not None and relationship.direction is MANYTOONE:
        return any(column.nullable for column in relationship.local_columns)
    return False


class ResponseSchema(Schema):
    """A response body read from a model: a field is nullable (``allow_none``, which the OpenAPI
    document shows as ``nullable: true``) when the model's column is, so the document says which
    values come back null without anyone listing them. Computed fields declare ``allow_none``."""

    __model__: ClassVar[type | None] = None

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        super().on_bind_field(field_name, field_obj)
        model = self.__model__
        if model is not None and column_is_nullable(model, field_obj.attribute or field_name):
            field_obj.allow_none = True

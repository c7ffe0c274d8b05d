"""Schema fields made from the property registry (dictionary/properties): the API's input and
output schemas list no property by hand, so a property added to the registry is accepted,
validated, documented and returned without touching this package."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

from marshmallow import Schema, fields, validate

from app.api.schemas.common import concept_field, integer, text, url_field
from dictionary.properties import Kind, Properties, Property

S = TypeVar("S", bound=type[Schema])


def _about(prop: Property) -> dict[str, Any]:
    if prop.scheme is None:
        return {"description": prop.label_en}
    return {"description": f"{prop.label_en}: concept URI, or its code (scheme {prop.scheme})"}


def _optional(prop: Property) -> dict[str, Any]:
    return {"required": prop.required, "allow_none": not prop.required, "metadata": _about(prop)}


def _text(prop: Property) -> fields.Field:
    if prop.max_length is None:
        raise TypeError(f"{prop.name}: a text property needs its max_length")
    return text(prop.max_length, required=prop.required, metadata=_about(prop))


def _words(prop: Property) -> fields.Field:
    if prop.max_length is None:
        raise TypeError(f"{prop.name}: words need their max_length")
    item = text(prop.max_length, required=True)
    return fields.List(item, validate=validate.Length(max=prop.max_items), metadata=_about(prop))


def _integer(prop: Property) -> fields.Field:
    bounds = {"minimum": prop.minimum, "maximum": prop.maximum}
    return integer(**{key: value for key, value in bounds.items() if value is not None}, **_optional(prop))


INPUT: dict[Kind, Callable[[Property], fields.Field]] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.CONCEPT: lambda prop: concept_field(required=prop.required, metadata=_about(prop)),
    Kind.CONCEPTS: lambda prop: fields.List(
        concept_field(), validate=validate.Length(max=prop.max_items), metadata=_about(prop)
    ),
    Kind.WORDS: _words,
    Kind.DATE: lambda prop: fields.Date(**_optional(prop)),
    Kind.INTEGER: _integer,
    Kind.BOOLEAN: lambda prop: fields.Boolean(metadata=_about(prop)),
    Kind.URL: lambda prop: url_field(**_optional(prop)),
}
"""The request field of each kind; records and references are written by hand in their schema."""

OUTPUT: dict[Kind, Callable[[], fields.Field]] = {
    Kind.TEXT: fields.String,
    Kind.LONG_TEXT: fields.String,
    Kind.CONCEPT: fields.String,
    Kind.URL: fields.String,
    Kind.CONCEPTS: lambda: fields.List(fields.String()),
    Kind.WORDS: lambda: fields.List(fields.String()),
    Kind.DATE: fields.Date,
    Kind.INTEGER: fields.Integer,
    Kind.BOOLEAN: fields.Boolean,
}


def _request_field(prop: Property) -> fields.Field:
    if prop.kind not in INPUT:
        raise TypeError(f"{prop.name}: a {prop.kind} property needs a schema field written by hand")
    return INPUT[prop.kind](prop)


def _response_field(prop: Property) -> fields.Field:
    if prop.kind not in OUTPUT:
        raise TypeError(f"{prop.name}: a {prop.kind} property needs a schema field written by hand")
    made = OUTPUT[prop.kind]()
    made.metadata = {"description": prop.label_en, **made.metadata}
    return made


def from_registry(
    registry: Properties,
    direction: Literal["input", "output"],
    *,
    only: Callable[[Property], bool] | None = None,
) -> Callable[[S], S]:
    """Complete a schema class with the registry's properties: the writable ones for a request,
    all of them for a response (``only`` narrows the choice). Fields the class declares itself
    (a nested record, a pattern, a computed value) are kept as written; a property whose kind
    says nothing of its shape (records, references) must be among them, or the class fails to
    build."""

    def build(cls: S) -> S:
        declared = cls._declared_fields
        chosen = registry.writable() if direction == "input" else tuple(registry)
        make = _request_field if direction == "input" else _response_field
        made: dict[str, Any] = {
            prop.name: make(prop)
            for prop in chosen
            if prop.name not in declared and (only is None or only(prop))
        }
        made |= {"__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__}
        return cast(S, type(cls.__name__, (cls,), made))

    return build

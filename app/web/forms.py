"""What the editing pages share: reading a posted form, turning domain errors into messages beside
the controls, and the choices of the select boxes.

The domain's messages carry a code and parameters and are shown in the page's language
(``app.web.messages``); marshmallow's common messages too. One still without a code shows in
English, marked ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask import abort, request
from markupsafe import Markup
from marshmallow import Schema, ValidationError

from app.auth import current_actor
from app.web import bp
from app.web.messages import is_translated, translate
from app.wiring import concepts, services
from dictionary import concepts as C
from dictionary.errors import InvalidInput
from dictionary.models import Dataset
from dictionary.policies import can_edit, can_publish

Errors = dict[str, Markup | str]


def system_text(message: str) -> Markup | str:
    """A message of the domain in the page's language (``app.web.messages``); one that has no
    translation yet stays in English, marked ``lang="en"`` for screen readers and the tests."""
    if is_translated(message):
        return translate(message)
    return Markup('<span lang="en">{}</span>').format(message)


def _flatten(messages: Any) -> list[str]:
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, Mapping):
        return [text for value in messages.values() for text in _flatten(value)]
    if isinstance(messages, Iterable):
        return [text for value in messages for text in _flatten(value)]
    return [str(messages)]


def _message(texts: list[str]) -> Markup | str:
    shown = [system_text(text) for text in dict.fromkeys(texts)]
    return Markup("; ").join(shown) if shown else ""


def field_errors(messages: Mapping[str, Any], renames: Mapping[str, str] | None = None) -> Errors:
    """Errors keyed by form control: ``legal_basis.0.status`` belongs to ``legal_basis``.

    ``renames`` maps a domain name onto the control that holds it (``fields`` → ``field_names``);
    errors no control holds go under ``_form`` and show above the form.
    """
    found: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = str(key).split(".", 1)[0]
        name = (renames or {}).get(name, name)
        found.setdefault(name, []).extend(_flatten(value))
    return {name: _message(texts) for name, texts in found.items()}


def row_errors(messages: Mapping[str, Any], group: str, origins: list[int]) -> dict[int, Errors]:
    """Errors of a repeated group of controls (contact points), by row drawn and by column.

    The schema nests them (``{"contact_points": {1: {"email": [...]}}}``), the services dot them
    (``contact_points.1.agency``); ``origins[i]`` is the row of the form that became item ``i``.
    """
    found: dict[int, dict[str, list[str]]] = {}

    def add(index: object, column: object, value: Any) -> None:
        position = int(str(index)) if str(index).isdigit() else -1
        if 0 <= position < len(origins):
            found.setdefault(origins[position], {}).setdefault(str(column), []).extend(_flatten(value))

    for key, value in messages.items():
        head, _dot, rest = str(key).partition(".")
        if head != group:
            continue
        if rest:
            index, _dot, column = rest.partition(".")
            add(index, column or "_row", value)
        elif isinstance(value, Mapping):
            for index, columns in value.items():
                if isinstance(columns, Mapping):
                    for column, texts in columns.items():
                        add(index, column, texts)
    return {row: {name: _message(texts) for name, texts in columns.items()} for row, columns in found.items()}


def from_invalid(error: InvalidInput, renames: Mapping[str, str] | None = None) -> Errors:
    errors = field_errors(error.errors, renames)
    return errors or {"_form": system_text(error.message)}


def load(schema: Schema, data: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
    """Check a form's values with the API's schema: the same rules, whichever way a change comes."""
    try:
        return dict(schema.load(data)), {}
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_form": error.messages}
        return {}, field_errors(messages)


def posted(*names: str) -> dict[str, Any]:
    """The named values of the posted form, stripped; empty ones left out (the schema fills defaults)."""
    values: dict[str, Any] = {}
    for name in names:
        value = request.form.get(name, "").strip()
        if value:
            values[name] = value
    return values


def listed(name: str) -> list[str]:
    """A comma- or line-separated list typed in one box (keywords, field names)."""
    raw = request.form.get(name, "")
    return [item.strip() for item in raw.replace("\n", ",").split(",") if item.strip()]


def checkbox(name: str) -> bool:
    return request.form.get(name) in ("on", "true", "1", "yes")


def concept_choices(scheme: str, *, blank: bool = False) -> list[tuple[str, str]]:
    """(URI, label in the page's language) of a scheme's concepts, for a select box.

    An ``<option>`` holds text only: the label's markup (a ``<span lang>`` when only the other
    language has one) is dropped and its entities decoded, so the template escapes it once.
    """
    from app.web.templating import label  # templating imports this module's neighbours

    options = [(concept.uri, label(concept.uri).striptags()) for concept in concepts().concepts(scheme)]
    return ([("", "—")] if blank else []) + options


def owner_choices() -> list[tuple[str, str]]:
    """Agencies in which the actor may describe a new dataset (every agency for administrators)."""
    from app.web.templating import agency_name

    actor = current_actor()
    agencies = services().agencies.among(None if actor.is_admin else actor.scope("editor"))
    return [(agency.code, f"{agency.code} — {agency_name(agency).striptags()}") for agency in agencies]


def editable_dataset(slug: str) -> Dataset:
    """The dataset the guard let through (DATASET_EDIT), checked again: views must not trust routes."""
    dataset = services().datasets.get(slug)
    if not can_edit(current_actor(), dataset):
        abort(403)
    return dataset


def may_publish(dataset: Dataset | None, owner_id: Any = None) -> bool:
    return can_publish(current_actor(), dataset, owner_id)


def version_of(dataset: Dataset) -> str | None:
    """The If-Match value of a form: the version the user saw when the form was drawn.

    A form without one (hand-made, or from an old page) names no version and is refused as stale,
    never written over whatever is stored now.
    """
    return request.form.get("lock_version") or None


def show_value(value: Any) -> Markup | str:
    """A stored or typed value for the stale-form table: concepts by label, lists joined."""
    from app.web.templating import EMPTY, fmt_date, is_concept, label

    if value in (None, "", []):
        return EMPTY
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, list | tuple):
        return Markup(", ").join(show_value(item) for item in value)
    if isinstance(value, Mapping):  # a contact point, a legal document
        return Markup(" · ").join(show_value(item) for item in value.values() if item not in (None, ""))
    if is_concept(value):
        return label(value)
    return str(value)


@bp.context_processor
def _editing_helpers() -> dict[str, Any]:
    return {"show_value": show_value, "published_uri": C.PUBLISHED}

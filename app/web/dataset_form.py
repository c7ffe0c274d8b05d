"""The description form of a dataset: every property the REST API accepts, read from a posted form.

The form posts what a browser posts: one value per control, a checkbox group or a multiple select
as repeated names, and repeated groups of controls (contact points, legal documents) as numbered
rows ``contact_points-0-email``. :class:`DatasetForm` turns that into the API's payload, checked
by the API's schema, and keeps the posted values to draw the form again beside its errors.

Rows are added without JavaScript: the "add a row" button posts the form, which is drawn again
with one more blank row and nothing saved. A row is removed by ticking its box and saving; blank
rows are ignored. A control missing from the post leaves its attribute alone (an editor's form has
no status); a control present and empty clears it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import request
from marshmallow import Schema, ValidationError

from app.web import property_form
from app.web.forms import Errors, checkbox, concept_choices, field_errors, from_invalid, listed, row_errors
from app.wiring import concepts
from dictionary import concepts as C
from dictionary.errors import InvalidInput
from dictionary.models import Dataset
from dictionary.properties import DATASET, Kind, Property

FORM_PROPERTIES = tuple(prop for prop in DATASET.writable() if prop.name != "slug")
"""What the form edits: every writable property (the slug is fixed when the dataset is made)."""
_BY_KIND = {kind: tuple(p.name for p in FORM_PROPERTIES if p.kind is kind) for kind in Kind}
TEXTS = _BY_KIND[Kind.TEXT] + _BY_KIND[Kind.LONG_TEXT] + _BY_KIND[Kind.URL]
_CONCEPTS = [p for p in FORM_PROPERTIES if p.kind is Kind.CONCEPT and p.scheme]
CODED = {p.name: str(p.scheme) for p in _CONCEPTS if p.required}
"""Required single choices."""
OPTIONAL = {p.name: str(p.scheme) for p in _CONCEPTS if not p.required and not p.publication}
MULTIPLE = {p.name: str(p.scheme) for p in FORM_PROPERTIES if p.kind is Kind.CONCEPTS and p.scheme}
DATES = _BY_KIND[Kind.DATE]
KEYWORDS = _BY_KIND[Kind.WORDS]
ROWS = {
    "contact_points": ("name", "role", "email", "phone", "agency"),
    "legal_basis": ("number", "title", "issued", "status", "url"),
}
SCHEMES = DATASET.schemes()
MAX_ROWS = 100
"""Rows read from one post at most (the schema allows 20 contact points and 50 documents)."""
_ROW_KEY = re.compile(r"^(?P<group>[a-z_]+)-(?P<index>\d{1,4})-(?P<column>[a-z_]+)$")


@dataclass
class DatasetForm:
    """The values the form shows, and after a refused post, its errors (by control and by row)."""

    values: dict[str, Any]
    errors: Errors = field(default_factory=dict)
    row_errors: dict[str, dict[int, Errors]] = field(default_factory=dict)
    origins: dict[str, list[int]] = field(default_factory=dict)
    """For each group, the row drawn that became each item of the payload's list."""

    @classmethod
    def stored(cls, dataset: Dataset | None) -> DatasetForm:
        """The form of a stored dataset (or of a new one), with one blank row per group."""
        return cls(_with_blank_rows(stored_values(dataset) if dataset else _new_values()))

    @classmethod
    def posted(cls) -> tuple[DatasetForm, dict[str, Any]]:
        """The posted form, drawn again as posted, and the payload it makes (not yet checked)."""
        values: dict[str, Any] = {
            name: request.form.get(name, "")
            for name in (*TEXTS, *CODED, *OPTIONAL, *DATES, *KEYWORDS, "status", "owner")
        }
        values |= {name: request.form.getlist(name) for name in MULTIPLE}
        data: dict[str, Any] = {}
        for name in (*TEXTS, *CODED, *OPTIONAL, *DATES):
            if name in request.form:  # browsers send a text area's line ends as CRLF
                data[name] = request.form.get(name, "").replace("\r\n", "\n").strip() or None
        if request.form.get("status", "").strip():
            data["status"] = request.form["status"].strip()
        data |= {name: listed(name) for name in KEYWORDS if name in request.form}
        for name in MULTIPLE:
            if name in request.form:
                data[name] = list(dict.fromkeys(v.strip() for v in request.form.getlist(name) if v.strip()))
        form = cls(values)
        for group, columns in ROWS.items():
            rows = _posted_rows(group)
            values[group] = rows or []
            if rows is None:
                continue
            kept = [(index, row) for index, row in enumerate(rows) if row["filled"] and not row["remove"]]
            data[group] = [{column: row[column] for column in columns if row[column]} for _i, row in kept]
            form.origins[group] = [index for index, _row in kept]
        more = request.form.get("action", "")
        form.values = _with_blank_rows(
            values, more=more.removeprefix("add-") if more.startswith("add-") else None
        )
        return form, data

    def check(self, schema: Schema, data: dict[str, Any]) -> dict[str, Any] | None:
        """The payload loaded by the API's schema; None, with the errors kept, when it is refused."""
        try:
            return dict(schema.load(data))
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {"_form": error.messages}
            self.refused(messages, field_errors(messages))
            return None

    def refused_by(self, error: InvalidInput) -> None:
        self.refused(error.errors, from_invalid(error))

    def refused(self, messages: dict[str, Any], errors: Errors) -> None:
        self.errors = errors
        self.row_errors = {group: row_errors(messages, group, self.origins.get(group, [])) for group in ROWS}


def wants_more_rows() -> bool:
    """The post only asks for one more blank row (no saving)."""
    action = request.form.get("action", "")
    return action.startswith("add-") and action.removeprefix("add-") in ROWS


# Values shown ------------------------------------------------------------------------------------


def _new_values() -> dict[str, Any]:
    return {"status": C.DRAFT, **{name: [] for name in (*MULTIPLE, *ROWS)}}


def stored_values(dataset: Dataset) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(dataset, name) or "" for name in (*TEXTS, *CODED, *OPTIONAL)}
    values["status"] = dataset.status
    values |= {name: getattr(dataset, name).isoformat() if getattr(dataset, name) else "" for name in DATES}
    values |= {name: ", ".join(getattr(dataset, name) or []) for name in KEYWORDS}
    values |= {name: list(getattr(dataset, name) or []) for name in MULTIPLE}
    for group, columns in ROWS.items():
        values[group] = [
            _row({column: "" if item.get(column) is None else str(item[column]) for column in columns})
            for item in stored(dataset, group)
        ]
    return values


def _row(cells: dict[str, str], remove: bool = False) -> dict[str, Any]:
    return {**cells, "filled": any(cells.values()), "remove": remove}


def _posted_rows(group: str) -> list[dict[str, Any]] | None:
    """The rows of a group as posted, in order (blank ones too); None when the form has none."""
    indices: set[int] = set()
    for key in request.form:
        match = _ROW_KEY.match(key)
        if match and match["group"] == group:
            indices.add(int(match["index"]))
    if not indices and f"{group}-rows" not in request.form:
        return None
    rows = []
    for index in sorted(indices)[:MAX_ROWS]:
        cells = {column: request.form.get(f"{group}-{index}-{column}", "").strip() for column in ROWS[group]}
        rows.append(_row(cells, remove=checkbox(f"{group}-{index}-remove")))
    return rows


def _with_blank_rows(values: dict[str, Any], more: str | None = None) -> dict[str, Any]:
    """Blank rows to type into: the posted blank ones, at least one, and one more if asked."""
    for group, columns in ROWS.items():
        rows = list(values.get(group) or [])
        blank = _row(dict.fromkeys(columns, ""))
        if not rows or rows[-1]["filled"]:
            rows.append(blank)
        if more == group:
            rows.append(dict(blank))
        values[group] = rows
    return values


# Choices -----------------------------------------------------------------------------------------


def choices(steward: bool) -> dict[str, Any]:
    """The choices of the select boxes; administrative units grouped by version of the list."""
    found = property_form.choices(FORM_PROPERTIES)
    found["legal_status"] = concept_choices("legal-statuses", blank=True)
    found.pop("status", None)
    if steward:
        found["status"] = concept_choices("statuses")
    return found


def sections(steward: bool) -> list[tuple[str, list[Property]]]:
    """The form's sections: every property the user may write, where the registry puts it."""
    shown = [prop for prop in FORM_PROPERTIES if steward or prop.name != "status"]
    return property_form.sections(shown)


# Comparing with the stored dataset -----------------------------------------------------------------


def stored(dataset: Dataset, name: str) -> Any:
    """An attribute as the form's payload would give it (contact points as plain rows)."""
    value = getattr(dataset, name)
    if name == "contact_points":
        return [
            {
                "name": point.name,
                "role": point.role,
                "email": point.email,
                "phone": point.phone,
                "agency": point.agency.code if point.agency else None,
            }
            for point in value
        ]
    if isinstance(value, list):
        return [dict(item) if isinstance(item, dict) else item for item in value]
    return value


def comparable(name: str, value: Any, resolve: Callable[[str, str], str | None]) -> Any:
    """A value in one shape whichever way it came: codes as URIs, dates as text, blanks as None."""

    def concept(scheme: str, item: Any) -> Any:
        return (resolve(scheme, item) or item) if isinstance(item, str) and item else item or None

    if name in ROWS:
        rows = []
        for item in value or []:
            row = {column: item.get(column) or None for column in ROWS[name]}
            issued = row.get("issued")
            if isinstance(issued, date):
                row["issued"] = issued.isoformat()
            if name == "legal_basis":
                row["status"] = concept("legal-statuses", row["status"])
            rows.append(row)
        if name == "contact_points":  # stored in order of name: another order is no change
            rows.sort(key=lambda row: [str(cell or "") for cell in row.values()])
        return rows
    if name in MULTIPLE:  # a browser posts them in the order of the choices: a set
        return sorted(str(concept(MULTIPLE[name], item)) for item in value or [])
    if isinstance(value, list):
        return list(value)
    if name in SCHEMES:
        return concept(SCHEMES[name], value)
    return value if value not in ("", None) else None


def changes_of(dataset: Dataset, data: dict[str, Any]) -> dict[str, Any]:
    """The part of the payload that differs from what is stored."""
    resolve = concepts().resolve
    return {
        name: value
        for name, value in data.items()
        if comparable(name, stored(dataset, name), resolve) != comparable(name, value, resolve)
    }


def differences(dataset: Dataset, data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(attribute, the stored value, the user's value) wherever the two differ (a stale form)."""
    resolve = concepts().resolve
    return [
        (name, comparable(name, stored(dataset, name), resolve), comparable(name, value, resolve))
        for name, value in changes_of(dataset, data).items()
    ]

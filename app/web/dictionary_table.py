"""A dataset's whole dictionary in one table: a row per field, a column per attribute, one save.

The columns are the field properties of the registry (``dictionary/properties/field.py``), in its
order and grouped by its sections, plus the row's position and a delete box; a property added to
the registry becomes a column without a line here. The controls of row ``i`` are named
``r-<i>-<property>``, and ``r-<i>-original`` carries the stored name of the field it was drawn
from (empty for a new row), so a renamed field keeps its identity and mappings.

One save is one call of :meth:`FieldService.replace_all`, the set-based write of
``PUT /api/v1/datasets/<slug>/fields``: one revision, refused whole on any error, with the
dataset's ``lock_version`` as its If-Match. Refusals are shown beside the cell that caused them and
the table is drawn again with everything as typed. Without JavaScript, "add rows" posts the table
and it comes back with more blank rows, nothing saved; ``js/dictionary-table.js`` adds a row in
place instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.web import bp, property_form
from app.web.edit import changes_since
from app.web.edit_parts import field_choices, field_payload, field_values
from app.web.forms import Errors, editable_dataset, from_invalid, row_errors, version_of
from app.wiring import services
from dictionary.errors import InvalidInput, StaleVersion
from dictionary.models import Dataset
from dictionary.properties import FIELD, Kind, Property

COLUMNS = FIELD.writable()
"""Every attribute a person writes, one column each."""
BLANK_ROWS = 2
"""Blank rows drawn below the fields for new ones (and added by each "add rows" without JavaScript)."""
MAX_ROWS = 2000
"""The most rows one post may carry: what ``PUT …/fields`` accepts."""


@dataclass
class Row:
    """One row of the table as drawn: the values of its controls and the errors of its cells."""

    index: int
    original: str = ""
    """The stored name of the field the row was drawn from; empty for a new row."""
    position: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    delete: bool = False
    errors: Errors = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return f"r-{self.index}-"

    @property
    def blank(self) -> bool:
        """A new row left as it was drawn: no field to write."""
        return not self.original and not self.position and not any(self.values.values())


def _stored(dataset: Dataset) -> list[Row]:
    rows = [Row(index, f.name, str(index + 1), field_values(f)) for index, f in enumerate(dataset.fields)]
    return rows + _blanks(len(rows))


def _blanks(start: int) -> list[Row]:
    empty = {prop.name: property_form.shown(prop, None) for prop in COLUMNS}
    return [Row(start + n, values=dict(empty)) for n in range(BLANK_ROWS)]


def _posted() -> list[Row]:
    """The rows of the posted table, as typed."""
    count = request.form.get("rows", "")
    rows = []
    for index in range(min(int(count), MAX_ROWS) if count.isdigit() else 0):
        row = Row(index, request.form.get(f"r-{index}-original", "").strip())
        row.values = property_form.redrawn(COLUMNS, row.prefix)
        row.position = request.form.get(row.prefix + "position", "").strip()
        row.delete = request.form.get(row.prefix + "delete") == "on"
        rows.append(row)
    return rows


def _position(row: Row) -> int:
    """Where the row goes: its position, or after the numbered ones (in the table's order)."""
    if row.position.isdigit() and 1 <= int(row.position) <= MAX_ROWS:
        return int(row.position)
    if row.position:
        row.errors["position"] = _("Hãy nhập một số nguyên từ 1 đến %(max)s.", max=MAX_ROWS)
    return MAX_ROWS + 1


def _save(dataset: Dataset, rows: list[Row]) -> tuple[Errors, int]:
    """Check every row, then write the dictionary they make in one call: errors above the table
    (the rows hold their own), and how many fields were written."""
    # By position; a row moved to a taken position goes before the one drawn there.
    order = sorted(
        (row for row in rows if not row.delete and not row.blank),
        key=lambda row: (_position(row), row.position == str(row.index + 1), row.index),
    )
    inputs = []
    for row in order:
        data, errors = field_payload(creating=not row.original, prefix=row.prefix)
        row.errors.update(errors)
        inputs.append(data)
    if any(row.errors for row in rows):
        return {}, 0
    renames = {row.original: item["name"] for row, item in zip(order, inputs, strict=True) if row.original}
    try:
        services().fields.replace_all(dataset.slug, inputs, if_match=version_of(dataset), renames=renames)
    except InvalidInput as error:  # rolled back by the service: nothing was written
        by_row = row_errors(error.errors, "fields", [row.index for row in order])
        for row in rows:
            row.errors.update(by_row.get(row.index, {}))
        return ({} if by_row else from_invalid(error)), 0
    return {}, len(inputs)


@bp.route("/dataset/<slug>/dictionary", methods=["GET", "POST"])
def dictionary_table(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    errors: Errors = {}
    changes: list[Any] | None = None
    rows = _posted() if request.method == "POST" else _stored(dataset)
    if request.method == "POST" and request.form.get("action") == "add-rows":
        rows += _blanks(len(rows))
    elif request.method == "POST":
        try:
            errors, written = _save(dataset, rows)
        except StaleVersion:
            changes = changes_since(editable_dataset(slug), drawn_at())
        else:
            if not errors and not any(row.errors for row in rows):
                flash(_("Đã lưu từ điển dữ liệu: %(count)s trường.", count=written), "ok")
                return redirect(url_for("web.dictionary_table", slug=slug), code=303)
        dataset = editable_dataset(slug)
    # After a refused save, the version and time the table was drawn with (it stays stale); after
    # a conflict the current ones, so that saving again overwrites knowingly.
    kept = request.method == "POST" and changes is None
    return render_template(
        "edit/dictionary.html",
        dataset=dataset,
        rows=rows,
        errors=errors,
        cell_errors=[(row, name, message) for row in rows for name, message in row.errors.items()],
        changes=changes,
        version=(request.form.get("lock_version") if kept else None) or dataset.lock_version,
        drawn=(request.form.get("drawn_at") if kept else None) or dataset.updated_at.isoformat(),
        groups=property_form.sections(COLUMNS),
        choices=field_choices(),
        controls={prop.name: _control(prop) for prop in COLUMNS},
    )


def drawn_at() -> datetime | None:
    try:
        return datetime.fromisoformat(request.form.get("drawn_at", ""))
    except ValueError:
        return None


def _control(prop: Property) -> str:
    """How a cell draws its property: by its kind; a reference by what it names."""
    if prop.name == "code_list_standard":
        return "select"
    if prop.kind is Kind.REFERENCE:
        return "text"
    return property_form.control(prop)

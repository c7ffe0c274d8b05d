"""Editing the parts of a dataset: its fields, its mappings onto standards, its distributions.

Each page lists the parts and holds the form that adds one; every post carries the dataset's
``lock_version`` (If-Match), so a page drawn before another change is refused, not merged blindly.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.api.schemas.dictionary import (
    DistributionInputSchema,
    FieldInputSchema,
    InlineMappingSchema,
    MappingCreateSchema,
)
from app.web import bp, property_form
from app.web.forms import (
    Errors,
    concept_choices,
    editable_dataset,
    from_invalid,
    load,
    posted,
    version_of,
)
from app.web.labels import RELATIONS
from app.wiring import services
from dictionary.errors import Conflict, InvalidInput, NotFound, StaleVersion
from dictionary.models import Dataset, Field, StandardMapping
from dictionary.properties import DISTRIBUTION, FIELD, Kind

FIELD_VALUES = tuple(prop for prop in FIELD.writable() if prop.kind is not Kind.REFERENCE)
"""What the field form reads and draws by kind; its two references (foreign key, code-list
standard) are named by their dataset/field and standard code."""
DISTRIBUTION_TEXTS = tuple(name for name in DISTRIBUTION.names() if name != "slug")


def _stale() -> Errors:
    return {"_form": _("Người khác vừa sửa cơ sở dữ liệu này. Trang đã được tải lại với bản hiện tại.")}


def _saved(endpoint: str, slug: str, message: str) -> Response:
    flash(message, "ok")
    return redirect(url_for(endpoint, slug=slug), code=303)


def _write(action: Any) -> Errors:
    """Run a service write; its refusals become messages of the form (nothing was written)."""
    try:
        action()
    except StaleVersion:
        return _stale()
    # The service's unit of work has rolled back already: nothing was written.
    except InvalidInput as error:
        return from_invalid(error)
    except (Conflict, NotFound) as error:
        return {"_form": error.message}
    return {}


# Fields ------------------------------------------------------------------------------------------


def field_payload(creating: bool, prefix: str = "") -> tuple[dict[str, Any], Errors]:
    """The field as posted (its controls named ``<prefix><property>``), checked by the API's
    schema; creating, the blank controls are left for the schema's defaults."""
    data = property_form.posted(FIELD_VALUES, prefix)
    target = request.form.get(prefix + "foreign_key", "").strip()
    if target:
        dataset, _slash, field = target.partition("/")
        data["foreign_key"] = {"dataset": dataset.strip(), "field": field.strip()}
    else:
        data["foreign_key"] = None
    data["code_list_standard"] = request.form.get(prefix + "code_list_standard", "").strip() or None
    if creating:
        data = {name: value for name, value in data.items() if value is not None}
    return load(FieldInputSchema(), data)


def field_choices() -> dict[str, Any]:
    """The options of a field's select boxes, its two references included."""
    found = property_form.choices(FIELD_VALUES)
    found["code_list_scheme"] = property_form.scheme_choices()
    found["code_list_standard"] = [("", "—")] + [
        (standard.code, f"{standard.code} — {standard.identifier}") for standard in services().standards.all()
    ]
    return found


def _field_page(template: str, dataset: Dataset, values: Any, errors: Errors, **more: Any) -> str:
    return render_template(
        template,
        dataset=dataset,
        values=values,
        errors=errors,
        choices=field_choices(),
        groups=property_form.sections(FIELD.writable()),
        **more,
    )


@bp.route("/dataset/<slug>/fields", methods=["GET", "POST"])
def dataset_fields(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    errors: Errors = {}
    if request.method == "POST":
        data, errors = field_payload(creating=True)
        if not errors:
            errors = _write(lambda: services().fields.add(slug, data, if_match=version_of(dataset)))
            if not errors:
                return _saved("web.dataset_fields", slug, _("Đã thêm trường %(name)s.", name=data["name"]))
        dataset = editable_dataset(slug)
    values = _field_redrawn() if request.method == "POST" else {}
    return _field_page("edit/fields.html", dataset, values, errors)


@bp.route("/dataset/<slug>/fields/<name>", methods=["GET", "POST"])
def field_edit(slug: str, name: str) -> Response | str:
    dataset = editable_dataset(slug)
    field = _field(dataset, name)
    errors: Errors = {}
    if request.method == "POST":
        fields = services().fields
        version = version_of(dataset)
        if request.form.get("action") == "delete":
            errors = _write(lambda: fields.delete(slug, name, if_match=version))
            if not errors:
                return _saved("web.dataset_fields", slug, _("Đã xoá trường %(name)s.", name=name))
        else:
            data, errors = field_payload(creating=False)
            if not errors:
                errors = _write(lambda: fields.update(slug, name, data, if_match=version))
                if not errors:
                    return _saved("web.dataset_fields", slug, _("Đã lưu trường %(name)s.", name=data["name"]))
        dataset = editable_dataset(slug)
        field = _field(dataset, name)
    values = _field_redrawn() if request.method == "POST" else field_values(field)
    suggested = services().term_suggestions.for_fields(dataset, [field.name])
    return _field_page(
        "edit/field.html",
        dataset,
        values,
        errors,
        field=field,
        suggestions=suggested[0][1] if suggested else [],
    )


ACCEPT_BACK = {"field": "web.field_edit", "import": "web.dictionary_import"}
"""Where an accepted suggestion returns to: the page it was on (a name, never a URL)."""


@bp.post("/dataset/<slug>/fields/<name>/accept-term")
def accept_term(slug: str, name: str) -> Response:
    """One click on a suggested term: the field holds it (exactMatch), one revision, back to the page."""
    dataset = editable_dataset(slug)
    term = request.form.get("term", "").strip()[:40]
    errors = _write(lambda: services().mappings.accept_term(slug, name, term, if_match=version_of(dataset)))
    if errors:
        flash(" ".join(str(message) for message in errors.values()), "error")
    else:
        flash(_("Đã ghi: trường %(name)s mang thuật ngữ %(term)s.", name=name, term=term), "ok")
    back = ACCEPT_BACK.get(request.form.get("back", ""), "web.field_edit")
    target = url_for(back, slug=slug, name=name) if back == "web.field_edit" else url_for(back, slug=slug)
    return redirect(target, code=303)


def _field(dataset: Dataset, name: str) -> Field:
    found = next((field for field in dataset.fields if field.name == name), None)
    if found is None:
        raise NotFound("Field", f"{dataset.slug}/{name}")
    return found


def field_values(field: Field) -> dict[str, Any]:
    values = property_form.stored(FIELD_VALUES, field)
    target = field.foreign_key_field
    values["foreign_key"] = f"{target.dataset.slug}/{target.name}" if target is not None else ""
    values["code_list_standard"] = field.code_list_standard.code if field.code_list_standard else ""
    return values


def _field_redrawn() -> dict[str, Any]:
    return property_form.redrawn(FIELD.writable())


# Mappings ----------------------------------------------------------------------------------------


@bp.route("/dataset/<slug>/mappings", methods=["GET", "POST"])
def dataset_mappings(slug: str) -> Response | str:
    """The mappings: listed, added, removed, and edited in place (``?edit=<mapping id>``)."""
    dataset = editable_dataset(slug)
    errors: Errors = {}
    action = request.form.get("action")
    target = request.form.get("mapping", "") if request.method == "POST" else request.args.get("edit", "")
    if request.method == "POST":
        mappings, version = services().mappings, version_of(dataset)
        if action == "delete":
            errors = _write(lambda: mappings.delete(slug, _uuid(target), if_match=version))
            message = _("Đã xoá ánh xạ.")
        elif action == "update":
            given = {
                name: request.form.get(name, "").strip() or None for name in ("term", "relation", "note")
            }
            data, errors = load(InlineMappingSchema(partial=True), given)
            if not errors:
                errors = _write(lambda: mappings.update(slug, _uuid(target), data, if_match=version))
            message = _("Đã lưu ánh xạ.")
        else:
            data, errors = load(
                MappingCreateSchema(), posted("field", "standard", "term", "relation", "note")
            )
            if not errors:
                errors = _write(lambda: mappings.add(slug, data, if_match=version))
            message = _("Đã thêm ánh xạ.")
        if not errors:
            return _saved("web.dataset_mappings", slug, message)
        dataset = editable_dataset(slug)
    editing = next((m for m in dataset.mappings if str(m.id) == target and action != "delete"), None)
    if request.method == "POST":
        values: Any = request.form
    else:
        values = _mapping_values(editing) if editing else {}
    standards = services().standards.all()
    return render_template(
        "edit/mappings.html",
        dataset=dataset,
        editing=editing,
        values=values,
        errors=errors,
        standards=[(s.code, f"{s.code} — {s.identifier}") for s in standards],
        field_options=[("", _("Cả cơ sở dữ liệu"))] + [(f.name, f.name) for f in dataset.fields],
        relations=[(name, str(label)) for name, label in RELATIONS.items()],
    )


def _mapping_values(mapping: StandardMapping) -> dict[str, Any]:
    return {"term": mapping.term, "note": mapping.note, "relation": mapping.relation.rsplit("#", 1)[-1]}


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound("Mapping", value) from None


# Distributions -----------------------------------------------------------------------------------


@bp.route("/dataset/<slug>/distributions", methods=["GET", "POST"])
def dataset_distributions(slug: str) -> Response | str:
    """The distributions: listed, added, removed, and edited in place (``?edit=<distribution>``)."""
    dataset = editable_dataset(slug)
    errors: Errors = {}
    action = request.form.get("action")
    target = (
        request.form.get("distribution", "") if request.method == "POST" else request.args.get("edit", "")
    )
    if request.method == "POST":
        distributions, version = services().distributions, version_of(dataset)
        if action == "delete":
            errors = _write(lambda: distributions.delete(slug, target, if_match=version))
            message = _("Đã xoá phân phối.")
        else:
            data, errors = load(DistributionInputSchema(), _distribution_data())
            if not errors and action == "update":
                errors = _write(lambda: distributions.update(slug, target, data, if_match=version))
            elif not errors:
                errors = _write(lambda: distributions.add(slug, data, if_match=version))
            message = _("Đã lưu phân phối.") if action == "update" else _("Đã thêm phân phối.")
        if not errors:
            return _saved("web.dataset_distributions", slug, message)
        dataset = editable_dataset(slug)
    editing = next((d for d in dataset.distributions if d.slug == target and action != "delete"), None)
    if request.method == "POST":
        values: Any = request.form
    else:
        values = {name: getattr(editing, name) for name in DISTRIBUTION_TEXTS} if editing else {}
    return render_template(
        "edit/distributions.html",
        dataset=dataset,
        editing=editing,
        values=values,
        errors=errors,
        choices={
            "kind": concept_choices("access-kinds"),
            "format": concept_choices("eu-file-types", blank=True),
            "access_rights": concept_choices("eu-access-rights"),
            "licence": concept_choices("eu-licences", blank=True),
        },
    )


def _distribution_data() -> dict[str, Any]:
    """The posted controls; an emptied one clears its value (None), as a PATCH does."""
    return {
        name: request.form.get(name, "").replace("\r\n", "\n").strip() or None
        for name in DISTRIBUTION_TEXTS
        if name in request.form
    }

"""Editing a dataset's description: the workspace, a new dataset, the edit form, publishing.

Forms post back to the page that drew them, then redirect with a flash message (no JavaScript).
The form carries the dataset's ``lock_version``; the service compares it like an ``If-Match``, so a
form drawn before someone else's change is refused and drawn again with their values beside yours.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.api.schemas.datasets import DatasetCreateSchema, DatasetInputSchema
from app.auth import current_actor
from app.web import bp
from app.web.forms import (
    Errors,
    concept_choices,
    editable_dataset,
    from_invalid,
    listed,
    load,
    may_publish,
    owner_choices,
    posted,
    version_of,
)
from app.web.templating import dataset_url
from app.wiring import services
from dictionary import concepts as C
from dictionary.errors import InvalidInput, StaleVersion
from dictionary.models import Agency, Dataset
from dictionary.policies import can_create_in, can_edit

TEXTS = ("title_vi", "title_en", "description_vi", "description_en")
CODED = {
    "db_category": "db-categories",
    "sharing_class": "sharing-classes",
    "importance": "importance",
    "arch_component": "arch-components",
}
PUBLICATION = ("status", "sharing_class")
"""Attributes whose change publishes, retires or opens up a dataset: stewards only (the policy)."""
EDITED = (*TEXTS, *CODED, "keywords_vi", "status")


def _choices(steward: bool) -> dict[str, list[tuple[str, str]]]:
    found = {name: concept_choices(scheme) for name, scheme in CODED.items()}
    if steward:
        found["status"] = concept_choices("statuses")
    return found


def _form_values(dataset: Dataset | None) -> dict[str, Any]:
    """What the form shows: the posted values after a failed post, else the stored ones."""
    if request.method == "POST":
        values: dict[str, Any] = {name: request.form.get(name, "") for name in (*EDITED, "owner")}
        return values
    if dataset is None:
        return {"status": C.DRAFT, "keywords_vi": ""}
    values = {name: getattr(dataset, name) for name in EDITED}
    values["keywords_vi"] = ", ".join(dataset.keywords_vi or [])
    return values


def _posted_description() -> dict[str, Any]:
    data = posted(*TEXTS, *CODED, "status")
    data["keywords_vi"] = listed("keywords_vi")
    return data


# The workspace -----------------------------------------------------------------------------------


@bp.get("/workspace")
def workspace() -> str:
    """The signed-in user's starting point: what they may edit, and the access workflow."""
    actor = current_actor()
    session = services().ctx.session
    datasets = session.scalars(
        select(Dataset).options(selectinload(Dataset.ownerships)).order_by(Dataset.title_vi)
    ).all()
    editable = [dataset for dataset in datasets if can_edit(actor, dataset)]
    return render_template(
        "edit/workspace.html",
        datasets=editable,
        may_create=actor.is_admin or bool(actor.scope("editor")),
        actor=actor,
    )


# A new dataset ------------------------------------------------------------------------------------


@bp.route("/datasets/new", methods=["GET", "POST"])
def dataset_new() -> Response | str:
    owners = owner_choices()
    if not owners:
        abort(403)
    steward = any(may_publish(None, agency_id) for agency_id in _owner_ids(owners))
    errors: Errors = {}
    if request.method == "POST":
        data, errors = load(DatasetCreateSchema(), _posted_description() | posted("owner"))
        if not errors:
            dataset, errors = _create(data)
            if dataset is not None:
                flash(_("Đã tạo cơ sở dữ liệu ở trạng thái nháp. Hãy thêm các trường dữ liệu."), "ok")
                return redirect(url_for("web.dataset_fields", slug=dataset.slug), code=303)
    return render_template(
        "edit/dataset.html",
        dataset=None,
        values=_form_values(None),
        errors=errors,
        owners=owners,
        choices=_choices(steward),
        steward=steward,
        stale=None,
        version=None,
    )


def _owner_ids(owners: list[tuple[str, str]]) -> list[Any]:
    codes = [code for code, _name in owners]
    return list(services().ctx.session.scalars(select(Agency.id).where(Agency.code.in_(codes))))


def _create(data: dict[str, Any]) -> tuple[Dataset | None, Errors]:
    actor = current_actor()
    agency = services().ctx.session.scalar(select(Agency).where(Agency.code == data["owner"]))
    if agency is None or not can_create_in(actor, agency.id):
        return None, {"owner": _("Bạn chỉ mô tả cơ sở dữ liệu của cơ quan mình.")}
    status = data.get("status")
    if status and concepts_uri("statuses", status) != C.DRAFT and not may_publish(None, agency.id):
        return None, {"status": _("Chỉ người quản lý dữ liệu (steward) mới được công bố.")}
    try:
        return services().datasets.create(data), {}
    except InvalidInput as error:
        return None, from_invalid(error)


def concepts_uri(scheme: str, value: str) -> str | None:
    return services().ctx.concepts.resolve(scheme, value)


# Editing ------------------------------------------------------------------------------------------


@bp.route("/dataset/<slug>/edit", methods=["GET", "POST"])
def dataset_edit(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    steward = may_publish(dataset)
    errors: Errors = {}
    stale: list[tuple[str, Any, Any]] | None = None
    if request.method == "POST":
        if request.form.get("action") == "publish":
            if not steward:
                abort(403)  # the button is not shown to editors; a forged post still fails
            data: dict[str, Any] = {"status": C.PUBLISHED}
        else:
            data, errors = load(DatasetInputSchema(), _posted_description())
        if not errors:
            try:
                errors = _update(dataset, data, steward)
            except StaleVersion:
                services().ctx.session.rollback()
                dataset = editable_dataset(slug)
                stale = _differences(dataset, _as_uris(data))
                errors = {"_form": _("Người khác vừa sửa cơ sở dữ liệu này. Hãy xem lại rồi lưu lần nữa.")}
            if not errors:
                flash(_("Đã lưu các thay đổi."), "ok")
                return redirect(dataset_url(slug), code=303)
    return render_template(
        "edit/dataset.html",
        dataset=dataset,
        values=_form_values(dataset) if stale is None else _stale_values(),
        errors=errors,
        owners=[],
        choices=_choices(steward),
        steward=steward,
        stale=stale,
        # After a refused post, the version the user started from (a stale form stays stale);
        # after a conflict, the current one: saving again then overwrites knowingly.
        version=request.form.get("lock_version") if errors and stale is None else dataset.lock_version,
    )


def _update(dataset: Dataset, data: dict[str, Any], steward: bool) -> Errors:
    """Save what changed; a change of status or sharing class needs a steward (the server decides)."""
    data = _as_uris(data)
    changes = {name: value for name, value in data.items() if _stored(dataset, name) != value}
    if not steward:
        changes.pop("status", None)  # the field is not shown: an editor's form cannot carry it
        if any(name in changes for name in PUBLICATION):
            return {"sharing_class": _("Chỉ người quản lý dữ liệu (steward) mới đổi phân loại chia sẻ.")}
    version = version_of(dataset)
    if not changes:
        if version != str(dataset.lock_version):
            raise StaleVersion(dataset.lock_version, version)
        return {}
    try:
        services().datasets.update(dataset.slug, changes, if_match=version)
    except InvalidInput as error:
        services().ctx.session.rollback()
        return from_invalid(error)
    return {}


def _as_uris(data: dict[str, Any]) -> dict[str, Any]:
    """Codes typed or posted by scripts (``DUNG_CHUNG``) compare as the URIs the form sends."""
    resolved = dict(data)
    for name, scheme in (*CODED.items(), ("status", "statuses")):
        if isinstance(resolved.get(name), str):
            resolved[name] = concepts_uri(scheme, resolved[name]) or resolved[name]
    return resolved


def _stored(dataset: Dataset, name: str) -> Any:
    value = getattr(dataset, name)
    if name == "keywords_vi":
        return list(value or [])
    return value


def _differences(dataset: Dataset, data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(attribute, the stored value, the user's value) wherever the two differ."""
    return [
        (name, _stored(dataset, name), value)
        for name, value in data.items()
        if _stored(dataset, name) != value
    ]


def _stale_values() -> dict[str, Any]:
    """Keep what the user typed, but on top of the new version: saving again overwrites deliberately."""
    return {name: request.form.get(name, "") for name in EDITED}

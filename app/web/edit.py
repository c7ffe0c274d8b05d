"""Editing a dataset's description: a new dataset, the edit form, publishing.

Forms post back to the page that drew them, then redirect with a flash message (no JavaScript).
The form carries the dataset's ``lock_version``; the service compares it like an ``If-Match``, so a
form drawn before someone else's change is refused and drawn again with their values beside yours.
Reading the form (every property, repeated rows) is :mod:`app.web.dataset_form`'s work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.api.schemas.datasets import DatasetCreateSchema, DatasetInputSchema
from app.auth import current_actor
from app.web import bp
from app.web.dataset_form import DatasetForm, changes_of, choices, differences, sections, wants_more_rows
from app.web.forms import editable_dataset, may_publish, owner_choices, posted, version_of
from app.web.stale_form import BASE_FIELD, changed_by_others, drawn_at, form_base, refresh_untouched
from app.web.templating import dataset_url
from app.web.viewer import browse
from app.wiring import services
from dictionary import concepts as C
from dictionary.errors import InvalidInput, StaleVersion
from dictionary.models import Dataset
from dictionary.policies import can_create_in
from dictionary.properties import DATASET

PUBLICATION = DATASET.publication()
"""Attributes whose change publishes, retires or opens up a dataset: stewards only (the policy)."""


# A new dataset ------------------------------------------------------------------------------------


@bp.route("/datasets/new", methods=["GET", "POST"])
def dataset_new() -> Response | str:
    owners = owner_choices()
    if not owners:
        abort(403)
    steward = any(may_publish(None, agency_id) for agency_id in _owner_ids(owners))
    form = DatasetForm.stored(None)
    if request.method == "POST":
        form, posted_data = DatasetForm.posted()
        data = None if wants_more_rows() else form.check(DatasetCreateSchema(), posted_data | posted("owner"))
        if data is not None:
            dataset = _create(data, form)
            if dataset is not None:
                flash(_("Đã tạo cơ sở dữ liệu ở trạng thái nháp. Hãy thêm các trường dữ liệu."), "ok")
                return redirect(url_for("web.dataset_fields", slug=dataset.slug), code=303)
    return _page(None, form, steward, owners=owners)


def _page(
    dataset: Dataset | None,
    form: DatasetForm,
    steward: bool,
    *,
    owners: list[tuple[str, str]] | None = None,
    stale: list[tuple[str, Any, Any]] | None = None,
    version: Any = None,
    changes: list[Any] | None = None,
) -> str:
    return render_template(
        "edit/dataset.html",
        dataset=dataset,
        form=form,
        values=form.values,
        errors=form.errors,
        owners=owners or [],
        choices=choices(steward),
        groups=sections(steward),
        steward=steward,
        stale=stale,
        version=version,
        changes=changes,
        form_base=_base_of(dataset, refused=request.method == "POST" and stale is None),
    )


def _base_of(dataset: Dataset | None, *, refused: bool) -> str:
    """The form's base: after a refused post, the one it was drawn with (like its version)."""
    if dataset is None:
        return ""
    return request.form.get(BASE_FIELD, "") if refused else form_base(dataset)


def _owner_ids(owners: list[tuple[str, str]]) -> list[Any]:
    codes = [code for code, _name in owners]
    return [agency.id for agency in services().agencies.by_codes(codes).values()]


def _create(data: dict[str, Any], form: DatasetForm) -> Dataset | None:
    actor = current_actor()
    agency = services().agencies.by_codes([data["owner"]]).get(data["owner"])
    if agency is None or not can_create_in(actor, agency.id):
        form.errors = {"owner": _("Bạn chỉ mô tả cơ sở dữ liệu của cơ quan mình.")}
        return None
    status = data.get("status")
    if status and concepts_uri("statuses", status) != C.DRAFT and not may_publish(None, agency.id):
        form.errors = {"status": _("Chỉ người quản lý dữ liệu (steward) mới được công bố.")}
        return None
    try:
        return services().datasets.create(data)
    except InvalidInput as error:  # rolled back by the service: nothing was written
        form.refused_by(error)
        return None


def concepts_uri(scheme: str, value: str) -> str | None:
    return services().ctx.concepts.resolve(scheme, value)


# Editing ------------------------------------------------------------------------------------------


@bp.route("/dataset/<slug>/edit", methods=["GET", "POST"])
def dataset_edit(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    steward = may_publish(dataset)
    form = DatasetForm.stored(dataset)
    stale: list[tuple[str, Any, Any]] | None = None
    since: datetime | None = None
    if request.method == "POST":
        data: dict[str, Any] | None = {"status": C.PUBLISHED}
        if request.form.get("action") == "publish":
            if not steward:
                abort(403)  # the button is not shown to editors; a forged post still fails
        else:
            form, posted_data = DatasetForm.posted()
            data = None if wants_more_rows() else form.check(DatasetInputSchema(), posted_data)
        if data is not None:
            try:
                _update(dataset, data, steward, form)
            except StaleVersion:
                dataset = editable_dataset(slug)
                changed = refresh_untouched(form, dataset, data)
                # What both changed: the user's value beside the other person's.
                both = changed & changed_by_others(dataset)
                stale = [row for row in differences(dataset, data) if row[0] in both]
                since = drawn_at()
            if not form.errors and stale is None:
                flash(_("Đã lưu các thay đổi."), "ok")
                return redirect(dataset_url(slug), code=303)
    # After a refused post, the version the user started from (a stale form stays stale); after a
    # conflict, the current one: saving again then overwrites knowingly.
    refused = request.method == "POST" and stale is None
    version = request.form.get("lock_version") if refused else dataset.lock_version
    return _page(
        dataset,
        form,
        steward,
        stale=stale,
        version=version or dataset.lock_version,
        changes=changes_since(dataset, since) if stale is not None else None,
    )


def changes_since(dataset: Dataset, since: datetime | None) -> list[Any]:
    """The revisions made since the form was drawn (the newest ten); without a base, the last one."""
    revisions = list(browse().history(dataset.slug, 1, 10).revisions)
    if since is None:
        return revisions[:1]
    return [revision for revision in revisions if revision.created_at > since]


def _update(dataset: Dataset, data: dict[str, Any], steward: bool, form: DatasetForm) -> None:
    """Save what changed; a change of status or sharing class needs a steward (the server decides)."""
    changes = changes_of(dataset, data)
    if not steward:
        changes.pop("status", None)  # the field is not shown: an editor's form cannot carry it
        if any(name in changes for name in PUBLICATION):
            form.errors = {
                "sharing_class": _("Chỉ người quản lý dữ liệu (steward) mới đổi phân loại chia sẻ.")
            }
            return
    version = version_of(dataset)
    if not changes:
        if version != str(dataset.lock_version):
            raise StaleVersion(dataset.lock_version, version or "")
        return
    try:
        services().datasets.update(dataset.slug, changes, if_match=version)
    except InvalidInput as error:  # rolled back by the service: nothing was written
        form.refused_by(error)

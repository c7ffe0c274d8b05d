"""Harvest sources for administrators: the register with its add form, a source with its jobs and
a "run now" button, its edit form and its deletion (after a confirmation), and a job's report
(every record's outcome and reason). Edits and deletions carry the source's ``lock_version``
(If-Match): a page drawn before another change is refused, never written over it."""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app.api.schemas.harvest import HarvestSourceInputSchema
from app.harvesting import refuse_own_address, source_runner
from app.web import bp
from app.web.forms import Errors, from_invalid, load, owner_choices, posted, system_text
from app.wiring import services
from dictionary.errors import Conflict, InvalidInput, StaleVersion
from dictionary.models import HarvestSource

KINDS = {"dcat": _l("DCAT-AP (Turtle, RDF/XML, JSON-LD, N-Triples)"), "ckan": _l("CKAN Action API")}
SCHEDULES = {
    "manual": _l("Thủ công"),
    "daily": _l("Hằng ngày"),
    "weekly": _l("Hằng tuần"),
    "monthly": _l("Hằng tháng"),
}
STATUSES = {"running": _l("Đang chạy"), "succeeded": _l("Hoàn thành"), "failed": _l("Thất bại")}
TRIGGERS = {"manual": _l("Quản trị viên"), "schedule": _l("Theo lịch"), "cli": _l("Dòng lệnh")}
ACTIONS = {
    "created": _l("Tạo mới"),
    "updated": _l("Cập nhật"),
    "unchanged": _l("Không đổi"),
    "skipped": _l("Bỏ qua"),
    "failed": _l("Lỗi"),
    "removed at the source": _l("Nguồn đã gỡ"),
    "withdrawn": _l("Nguồn đã gỡ: ngừng sử dụng"),
}
JOBS_SHOWN = 20
SOURCE_FIELDS = ("name", "url", "kind", "owner", "schedule", "time_limit", "page_limit")
"""What the add and the edit forms post (templates/harvest/_source_form.html draws them)."""


def _labels() -> dict[str, object]:
    return {
        "kinds": KINDS,
        "schedules": SCHEDULES,
        "statuses": STATUSES,
        "triggers": TRIGGERS,
        "actions": ACTIONS,
    }


@bp.route("/harvest/sources", methods=["GET", "POST"])
def harvest_sources() -> Response | str:
    errors: Errors = {}
    service = services().harvest_sources
    if request.method == "POST":
        data, errors = load(HarvestSourceInputSchema(), posted(*SOURCE_FIELDS))
        if not errors:
            try:
                source = service.create(refuse_own_address(data))
            except InvalidInput as error:
                errors = from_invalid(error)
            else:
                flash(_("Đã thêm nguồn thu thập “%(name)s”.", name=source.name), "ok")
                return redirect(url_for("web.harvest_source", source_id=source.id), code=303)
    sources = service.list()[0]
    return render_template(
        "harvest/sources.html",
        sources=[(source, service.last_job(source)) for source in sources],
        values=request.form
        if request.method == "POST"
        else {"schedule": "manual", "time_limit": 600, "page_limit": 100},
        errors=errors,
        owners=owner_choices(),
        **_labels(),
    )


@bp.get("/harvest/sources/<uuid:source_id>")
def harvest_source(source_id: uuid.UUID) -> str:
    service = services().harvest_sources
    source = service.get(source_id)
    return render_template(
        "harvest/source.html", source=source, jobs=service.jobs(source_id, 1, JOBS_SHOWN)[0], **_labels()
    )


@bp.post("/harvest/sources/<uuid:source_id>/run")
def harvest_run(source_id: uuid.UUID) -> Response:
    """Run the source now, within its time limit; the job's report opens when it ends."""
    try:
        job = source_runner(services().ctx).run(source_id, "manual")
    except Conflict as error:
        flash(system_text(error.message), "warn")
        return redirect(url_for("web.harvest_source", source_id=source_id), code=303)
    return redirect(url_for("web.harvest_job", source_id=source_id, job_id=job.id), code=303)


def _stored(source: HarvestSource) -> dict[str, object]:
    return {name: getattr(source, name) for name in SOURCE_FIELDS if name != "owner"} | {
        "owner": source.owner.code
    }


@bp.route("/harvest/sources/<uuid:source_id>/edit", methods=["GET", "POST"])
def harvest_edit(source_id: uuid.UUID) -> Response | str:
    """The source's form, prefilled; saved against the version it was drawn from."""
    service = services().harvest_sources
    source = service.get(source_id)
    errors: Errors = {}
    values: object = _stored(source)
    version: object = source.lock_version
    if request.method == "POST":
        data, errors = load(HarvestSourceInputSchema(), posted(*SOURCE_FIELDS))
        values, version = request.form, request.form.get("lock_version", "")
        if not errors:
            try:
                service.update(source_id, refuse_own_address(data), request.form.get("lock_version") or None)
            except StaleVersion:
                source = service.get(source_id)
                values, version = _stored(source), source.lock_version
                errors = {"_form": _("Người khác vừa sửa nguồn này. Trang đã được tải lại với bản hiện tại.")}
            except InvalidInput as error:
                errors = from_invalid(error)
            else:
                flash(_("Đã lưu nguồn thu thập “%(name)s”.", name=data["name"]), "ok")
                return redirect(url_for("web.harvest_source", source_id=source_id), code=303)
    return render_template(
        "harvest/edit.html",
        source=source,
        values=values,
        version=version,
        errors=errors,
        owners=owner_choices(),
        **_labels(),
    )


@bp.route("/harvest/sources/<uuid:source_id>/delete", methods=["GET", "POST"])
def harvest_delete(source_id: uuid.UUID) -> Response | str:
    """GET: the confirmation; POST: forget the source and its jobs (the datasets stay)."""
    service = services().harvest_sources
    source = service.get(source_id)
    if request.method == "GET":
        return render_template("harvest/delete.html", source=source)
    name = source.name
    try:
        service.delete(source_id, request.form.get("lock_version") or None)
    except StaleVersion:
        flash(_("Người khác vừa sửa nguồn này. Hãy xem lại trước khi xoá."), "warn")
        return redirect(url_for("web.harvest_delete", source_id=source_id), code=303)
    except Conflict as error:
        flash(system_text(error.message), "warn")
        return redirect(url_for("web.harvest_source", source_id=source_id), code=303)
    flash(_("Đã xoá nguồn thu thập “%(name)s”.", name=name), "ok")
    return redirect(url_for("web.harvest_sources"), code=303)


@bp.get("/harvest/sources/<uuid:source_id>/jobs/<uuid:job_id>")
def harvest_job(source_id: uuid.UUID, job_id: uuid.UUID) -> str:
    service = services().harvest_sources
    return render_template(
        "harvest/job.html", source=service.get(source_id), job=service.job(source_id, job_id), **_labels()
    )

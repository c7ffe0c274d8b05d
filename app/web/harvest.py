"""Harvest sources for administrators: the register with its add form, a source with its jobs and
a "run now" button, and a job's report (every record's outcome and reason)."""

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
from dictionary.errors import Conflict, InvalidInput

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
        values = posted("name", "url", "kind", "owner", "schedule", "time_limit", "page_limit")
        data, errors = load(HarvestSourceInputSchema(), values)
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


@bp.get("/harvest/sources/<uuid:source_id>/jobs/<uuid:job_id>")
def harvest_job(source_id: uuid.UUID, job_id: uuid.UUID) -> str:
    service = services().harvest_sources
    return render_template(
        "harvest/job.html", source=service.get(source_id), job=service.job(source_id, job_id), **_labels()
    )

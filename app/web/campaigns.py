"""Documentation campaigns in pages: the list, the coordinator's form, a campaign's progress, and
each steward's "my tasks". The service (:class:`CampaignService`) checks every right again."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app.api.schemas.campaigns import CampaignCreateSchema
from app.auth import current_actor
from app.web import bp
from app.web.forms import Errors, checkbox, from_invalid, load, posted, system_text
from app.wiring import services
from dictionary.errors import Conflict, InvalidInput, PermissionDenied
from dictionary.policies import can_coordinate

MISSING = {
    "completeness": _l("mức đầy đủ dưới mục tiêu"),
    "personal_data": _l("còn trường chưa đánh giá dữ liệu cá nhân"),
}


@bp.context_processor
def _campaign_words() -> dict[str, Any]:
    return {"campaign_missing": MISSING}


@bp.get("/campaigns")
def campaigns() -> str:
    return render_template(
        "campaigns/list.html",
        campaigns=services().campaigns.list(),
        may_open=can_coordinate(current_actor()),
    )


@bp.route("/campaigns/new", methods=["GET", "POST"])
def campaign_new() -> Response | str:
    errors: Errors = {}
    if request.method == "POST":
        names = ("title", "description", "min_completeness", "deadline", "reminder_days")
        values: dict[str, Any] = posted(*names)
        values["personal_data_assessed"] = checkbox("personal_data_assessed")
        values["agencies"] = request.form.getlist("agencies")
        data, errors = load(CampaignCreateSchema(), values)
        if not errors:
            try:
                campaign = services().campaigns.open(data)
            except InvalidInput as error:
                errors = from_invalid(error)
            except PermissionDenied as error:
                errors = {"_form": system_text(error.message)}
            else:
                flash(_("Đã mở chiến dịch số %(number)s.", number=campaign.number), "ok")
                return redirect(url_for("web.campaign", number=campaign.number), code=303)
    form = request.form if request.method == "POST" else {"reminder_days": "3", "min_completeness": "90"}
    return render_template(
        "campaigns/new.html",
        values=form,
        chosen=set(request.form.getlist("agencies")),
        errors=errors,
        agencies=services().agencies.among(None),
    )


@bp.get("/campaigns/<int:number>")
def campaign(number: int) -> str:
    return _campaign_page(number, {})


@bp.post("/campaigns/<int:number>/close")
def campaign_close(number: int) -> Response | str:
    try:
        services().campaigns.close(number)
    except (Conflict, PermissionDenied) as error:
        return _campaign_page(number, {"_form": system_text(error.message)})
    flash(_("Đã kết thúc chiến dịch số %(number)s; báo cáo đã được chốt.", number=number), "ok")
    return redirect(url_for("web.campaign", number=number), code=303)


def _campaign_page(number: int, errors: Errors) -> str:
    progress = services().campaigns.progress(number)
    return render_template(
        "campaigns/campaign.html",
        progress=progress,
        campaign=progress.campaign,
        errors=errors,
        may_close=can_coordinate(current_actor()) and progress.campaign.is_open,
    )


@bp.get("/campaigns/tasks")
def campaign_tasks() -> str:
    """The viewer's tasks: datasets they may edit that miss the target of an open campaign."""
    return render_template("campaigns/tasks.html", tasks=services().campaigns.tasks())

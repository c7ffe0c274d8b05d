"""The access workflow in pages: request, "my requests", the inbox, decisions, grants, revocation.

A request goes submitted → reviewed (the owner agency's steward gives an opinion) → approved or
rejected (the provincial approver). The pages show only the actions the viewer may take; the
service (:class:`AccessService`) checks every one again, so a forged post fails the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app.api.schemas.access import RequestCreateSchema
from app.auth import current_actor
from app.web import bp
from app.web.forms import Errors, from_invalid, listed, load, posted, system_text
from app.wiring import services
from dictionary.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from dictionary.models import AccessGrant, AccessRequest, Dataset
from dictionary.policies import can_give_opinion, can_revoke
from dictionary.services.access import RequestFilters
from dictionary.services.dashboard import TARGET
from dictionary.services.lookup import load_dataset

PAGE_SIZE = 50
STATES = {
    "submitted": _l("Chờ ý kiến cơ quan chủ quản"),
    "reviewed": _l("Chờ phê duyệt"),
    "approved": _l("Đã phê duyệt"),
    "rejected": _l("Bị từ chối"),
    "withdrawn": _l("Đã rút"),
    "live": _l("Đang hiệu lực"),
    "pending": _l("Chưa đến ngày hiệu lực"),
    "expired": _l("Đã hết hạn"),
    "revoked": _l("Đã thu hồi"),
}
OPINIONS = {"agree": _l("Đồng ý"), "disagree": _l("Không đồng ý")}
STEP_KINDS = {"opinion": _l("Ý kiến cơ quan chủ quản"), "decision": _l("Quyết định phê duyệt")}


def _now() -> datetime:
    return datetime.now(UTC)


@bp.context_processor
def _access_words() -> dict[str, Any]:
    return {"access_states": STATES, "access_opinions": OPINIONS, "step_kinds": STEP_KINDS}


def _refused(error: Exception) -> Errors:
    if isinstance(error, InvalidInput):
        return from_invalid(error)
    return {"_form": system_text(getattr(error, "message", str(error)))}


# Filing a request --------------------------------------------------------------------------------


@bp.route("/access/requests/new", methods=["GET", "POST"])
def access_request_new() -> Response | str:
    dataset = _dataset(request.values.get("dataset", ""))
    errors: Errors = {}
    if request.method == "POST":
        values = posted("dataset", "agency", "purpose", "period_start", "period_end", "legal_basis")
        values["fields"] = listed("fields")
        data, errors = load(RequestCreateSchema(), values)
        if not errors:
            try:
                created = services().access.submit(data)
            except (InvalidInput, Conflict, PermissionDenied, NotFound) as error:
                errors = _refused(error)
            else:
                flash(_("Đã gửi yêu cầu số %(number)s.", number=created.number), "ok")
                return redirect(url_for("web.access_request", number=created.number), code=303)
    today = date.today()
    values = request.form if request.method == "POST" else {"period_start": today.isoformat()}
    return render_template(
        "access/request_new.html",
        dataset=dataset,
        values=values,
        errors=errors,
        agencies=[(role.agency_code, role.agency_code) for role in current_actor().roles],
    )


def _dataset(slug: str) -> Dataset | None:
    if not slug:
        return None
    try:
        dataset = load_dataset(services().ctx.session, slug)
    except NotFound:
        return None
    return dataset if services().visibility.can_see(dataset) else None


# Lists -------------------------------------------------------------------------------------------


@bp.get("/access/requests")
def access_requests() -> str:
    """Every request the viewer is a party to: their agency's own, and those about its data."""
    found, _total = services().access.list_requests(RequestFilters(), 1, PAGE_SIZE)
    actor = current_actor()
    mine = [
        r
        for r in found
        if actor.role_for(r.agency_id) is not None or r.requester_id == actor.principal_id
    ]
    return render_template("access/requests.html", requests=mine, inbox=False)


@bp.get("/access/inbox")
def access_inbox() -> str:
    """What waits for the viewer: an opinion (owner's stewards) or a decision (the approver)."""
    actor = current_actor()
    access = services().access
    waiting: list[AccessRequest] = []
    if actor.is_approver:
        waiting += access.list_requests(RequestFilters(status="reviewed"), 1, PAGE_SIZE)[0]
    submitted = access.list_requests(RequestFilters(status="submitted"), 1, PAGE_SIZE)[0]
    waiting += [r for r in submitted if can_give_opinion(actor, r.dataset)]
    return render_template("access/requests.html", requests=waiting, inbox=True)


@bp.get("/access/grants")
def access_grants() -> str:
    grants, _total = services().grants.list_grants(request.args.get("state") or None, 1, PAGE_SIZE)
    return render_template("access/grants.html", grants=grants, now=_now())


# One request, one grant --------------------------------------------------------------------------


@bp.route("/access/requests/<int:number>", methods=["GET", "POST"])
def access_request(number: int) -> Response | str:
    access = services().access
    access.get_request(number)  # a request the viewer is no party to does not exist for them (404)
    errors: Errors = {}
    if request.method == "POST":
        action = request.form.get("action", "")
        reason = request.form.get("reason", "").strip() or None
        steps = {
            "opinion": lambda: access.give_opinion(
                number, request.form.get("opinion", ""), request.form.get("comment", "").strip() or None
            ),
            "approve": lambda: access.approve(number, reason=reason),
            "reject": lambda: access.reject(
                number, reason or "", request.form.get("legal_basis", "").strip()
            ),
            "withdraw": lambda: access.withdraw(number),
        }
        if action not in steps or (action == "opinion" and request.form.get("opinion") not in OPINIONS):
            abort(400)
        try:
            steps[action]()
        except (InvalidInput, Conflict, PermissionDenied) as error:
            errors = _refused(error)
        else:
            flash(_("Đã ghi nhận."), "ok")
            return redirect(url_for("web.access_request", number=number), code=303)
    found = access.get_request(number)
    actions = _actions(found)
    return render_template(
        "access/request.html",
        r=found,
        errors=errors,
        actions=actions,
        now=_now(),
        regulations=[
            (basis.code, f"{basis.identifier} — {basis.title_vi}")
            for basis in services().standards.regulations()
        ]
        if "reject" in actions
        else [],
        chosen_basis=request.form.get("legal_basis", ""),
    )


@bp.get("/access/requests/<int:number>/letter.pdf")
def access_letter(number: int) -> Response:
    """The kept decision letter, as ``GET /api/v1/access/requests/<n>/letter.pdf`` gives it."""
    letter = services().access.letter(number)
    response = Response(letter.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="quyet-dinh-{number}.pdf"'
    return response


@bp.get("/access/overdue")
def access_overdue() -> str:
    """Steps past their due time: every one for the approver, the owed opinions for stewards."""
    return render_template("access/overdue.html", steps=services().deadlines.overdue(), now=_now())


def _actions(found: AccessRequest) -> set[str]:
    """What the viewer may do now (the service decides again when they do it)."""
    actor = current_actor()
    actions: set[str] = set()
    if found.status == "submitted" and can_give_opinion(actor, found.dataset):
        actions.add("opinion")
    if (
        actor.is_approver
        and found.status in ("submitted", "reviewed")
        and found.requester_id != actor.principal_id
    ):
        actions.add("reject")
        if found.status == "reviewed":
            actions.add("approve")
    if found.status in ("submitted", "reviewed") and (
        found.requester_id == actor.principal_id or actor.role_for(found.agency_id) is not None
    ):
        actions.add("withdraw")
    return actions


@bp.route("/access/grants/<int:number>", methods=["GET", "POST"])
def access_grant(number: int) -> Response | str:
    grants = services().grants
    errors: Errors = {}
    if request.method == "POST":
        reason = request.form.get("reason", "").strip()
        if not reason:
            errors = {"reason": _("Mục này bắt buộc nhập.")}
        else:
            try:
                grants.revoke(number, reason)
            except (Conflict, PermissionDenied) as error:
                errors = _refused(error)
            else:
                flash(_("Đã thu hồi quyền khai thác số %(number)s.", number=number), "ok")
                return redirect(url_for("web.access_grant", number=number), code=303)
    grant: AccessGrant = grants.get_grant(number)
    actor = current_actor()
    may_revoke = can_revoke(actor) and grant.revoked_at is None
    return render_template(
        "access/grant.html", grant=grant, state=grant.state(_now()), errors=errors, may_revoke=may_revoke
    )


@bp.get("/governance")
def governance_dashboard() -> str:
    """The coordinator's dashboard (as ``GET /api/v1/access/dashboard``): who is behind."""
    figures = services().dashboard.per_agency()
    return render_template("access/dashboard.html", figures=figures, target=TARGET)

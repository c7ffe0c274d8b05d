"""The signed-in user's workspace: the datasets they may edit, the access workflow, notifications.

Notifications are the in-app messages of the access workflow (a request to give an opinion on, a
decision); they come from the service behind ``GET /api/v1/notifications`` and are cleared, all at
once, as ``POST /api/v1/notifications/read`` with ``all: true`` does.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.auth import current_actor
from app.web import bp
from app.wiring import services
from dictionary.policies import can_edit, can_follow_campaigns

NOTIFICATIONS_SHOWN = 20


@bp.get("/workspace")
def workspace() -> str:
    """The signed-in user's starting point: what they may edit, the access workflow, notifications."""
    actor = current_actor()
    editable = [dataset for dataset in services().datasets.all_by_title() if can_edit(actor, dataset)]
    notifications, total = services().notifications.list(False, 1, NOTIFICATIONS_SHOWN)
    _unread, unread = services().notifications.list(True, 1, 1)
    return render_template(
        "edit/workspace.html",
        datasets=editable,
        may_create=actor.is_admin or bool(actor.scope("editor")),
        actor=actor,
        notifications=notifications,
        notification_count=total,
        unread_count=unread,
        wants_email=services().notifications.wants_email(),
        follows_campaigns=can_follow_campaigns(actor),
    )


@bp.post("/workspace/notifications/read")
def notifications_read() -> Response:
    """Mark all of the user's notifications read, then back to the workspace."""
    marked = services().notifications.mark_read(None)
    flash(_("Đã đánh dấu %(count)d thông báo là đã đọc.", count=marked), "ok")
    return redirect(url_for("web.workspace", _anchor="s-notifications"), code=303)


@bp.post("/workspace/notifications/preferences")
def notification_preferences() -> Response:
    """In-app only, or e-mail too (as ``PUT /api/v1/notifications/preferences``)."""
    email = services().notifications.set_email(request.form.get("email") == "on")
    flash(_("Sẽ gửi thông báo qua e-mail.") if email else _("Chỉ thông báo trong hệ thống."), "ok")
    return redirect(url_for("web.workspace", _anchor="s-notifications"), code=303)

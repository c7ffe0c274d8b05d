"""Password reset in pages: the administrator's "reset password" action gives a one-time link;
its user opens it, chooses a new password, and every session of theirs ends.

The link's token is the credential (``dictionary.services.password_reset``): the pages are
public, and an unknown, used or expired link gets one answer, whichever it is.
"""

from __future__ import annotations

from flask import Response, flash, has_request_context, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from app import auth
from app.extension import catalog_of
from app.web import bp
from app.web.forms import Errors, from_invalid, system_text
from app.web.login import blueprint as auth_blueprint
from app.wiring import services
from dictionary.errors import InvalidInput, NotFound, PermissionDenied
from dictionary.services.password_reset import InvalidResetLink


def reset_url(token: str) -> str:
    """The link: on the server the administrator is using, or (from the CLI) the configured base."""
    if has_request_context():
        return url_for("auth.password_reset", token=token, _external=True)
    return f"{catalog_of().settings.base_uri}/password-reset/{token}"


def _no_store(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"  # the page's URL is a secret
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@auth_blueprint.get("/password-reset/<token>")
def password_reset(token: str) -> Response:
    try:
        principal = services().password_resets.holder(token)
    except InvalidResetLink:
        return _no_store(render_template("auth/password_reset.html", invalid=True), 404)
    return _no_store(render_template("auth/password_reset.html", principal=principal, errors={}))


@auth_blueprint.post("/password-reset/<token>")
def password_reset_submit(token: str) -> Response | BaseResponse:
    password, again = request.form.get("password", ""), request.form.get("password_again", "")
    errors: Errors = {}
    try:
        principal = services().password_resets.holder(token)
        if password != again:
            errors = {"password_again": _("Hai mật khẩu không trùng nhau.")}
        else:
            services().password_resets.use(token, password)
    except InvalidResetLink:
        return _no_store(render_template("auth/password_reset.html", invalid=True), 404)
    except InvalidInput as error:
        errors = from_invalid(error)
    if errors:
        body = render_template("auth/password_reset.html", principal=principal, errors=errors)
        return _no_store(body, 422)
    auth.sign_out()  # whoever used this browser before is signed out too
    flash(_("Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới."), "ok")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/admin/password-reset", methods=["GET", "POST"])
def password_reset_issue() -> Response:
    """The administrator's action: a user's e-mail address in, a one-time link out (shown once)."""
    issued, errors, email = None, {}, request.form.get("email", "").strip()[:320]
    if request.method == "POST":
        try:
            issued = services().password_resets.issue(email, by=auth.current_actor())
        except (NotFound, PermissionDenied) as error:
            errors = {"email": system_text(error.message)}
    link = reset_url(issued.token) if issued is not None else None
    body = render_template(
        "auth/password_reset_issue.html", issued=issued, link=link, errors=errors, email=email
    )
    return _no_store(body)

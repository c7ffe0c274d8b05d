"""Web sign-in and sign-out (server-side sessions, CSRF-protected form, throttled per name and address)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from app import auth
from app.db import get_session
from app.extension import catalog_of
from dictionary.services.audit import record
from dictionary.services.signin import NotAuthenticated, SignInService, TooManyAttempts

blueprint = Blueprint("auth", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: an absolute URL would make the login page an open redirect."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("web.workspace")
    return target


def _page(status: int = 200, error: str | None = None, email: str = "") -> Response:
    body = render_template(
        "auth/login.html",
        principal=auth.current_principal(),
        csrf_token=auth.csrf_token(),
        error=error,
        email=email,
        next=_safe_next(request.values.get("next")),
    )
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"  # no clickjacking of the login form
    return response


@blueprint.get("/login")
def login() -> Response:
    return _page()


@blueprint.post("/login")
def login_submit() -> BaseResponse:
    # The guard has checked the CSRF token of the form before this runs.
    email = request.form.get("email", "").strip()[:320]
    session = get_session()
    signin = SignInService(catalog_of().context(session))
    try:
        principal = signin.login(email, request.form.get("password", ""), request.remote_addr or "?")
    except TooManyAttempts as error:
        response = _page(429, _("Bạn đã nhập sai quá nhiều lần; hãy thử lại sau ít phút."), email)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except NotAuthenticated:
        record(session, "auth.login_failed", "principal", email, after={"ip": request.remote_addr})
        session.commit()
        return _page(401, _("Sai địa chỉ e-mail hoặc mật khẩu."), email)
    auth.sign_in(principal)
    record(session, "auth.login", "principal", principal.id, after={"ip": request.remote_addr})
    session.commit()
    return redirect(_safe_next(request.form.get("next")), code=303)


@blueprint.post("/logout")
def logout() -> BaseResponse:
    principal = auth.current_principal()
    auth.sign_out()
    if principal is not None:
        session = get_session()
        record(session, "auth.logout", "principal", principal.id, after={"ip": request.remote_addr})
        session.commit()
    return redirect("/login", code=303)

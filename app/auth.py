"""Who is calling, and the guard that applies :mod:`app.permissions` before every view.

Two ways in: ``Authorization: Bearer <token>`` (API clients and systems; never needs CSRF, since a
browser does not attach it by itself) and the web session cookie set by the login page (HttpOnly,
SameSite=Lax, Secure outside development; it carries the id of a ``web_session`` row, see
:mod:`dictionary.services.signin`, so signing out ends it on the server). Unsafe requests that
rely on the cookie must carry the session's CSRF token, as the form field ``csrf_token`` or the
header ``X-CSRF-Token``.

Colleagues' code asks :func:`current_visibility` (search, DCAT) and :func:`current_actor`.
"""

from __future__ import annotations

import hmac
import re
import secrets
import uuid
from datetime import timedelta

from flask import Flask, Response, current_app, g, has_request_context, request
from flask import session as web_session
from flask_smorest import Api

from app.db import get_session
from app.errors import error_response
from app.extension import catalog_of
from app.permissions import RoleRequired, rule_for
from dictionary.errors import DictionaryError, PermissionDenied
from dictionary.models import ApiToken, Principal
from dictionary.policies import ANONYMOUS, Actor, visibility
from dictionary.services.accounts import AccountService
from dictionary.services.audit import AuditContext, install, record, set_context
from dictionary.services.base import Context
from dictionary.services.signin import NotAuthenticated, SignInService, TooManyAttempts
from dictionary.services.tokens import TokenService
from dictionary.visibility import Visibility

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"
REQUEST_ID_HEADER = "X-Request-Id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,100}$")


class CsrfFailed(DictionaryError):
    """A cookie-authenticated write without the session's CSRF token (HTTP 403)."""


def init_app(app: Flask, api: Api) -> None:
    settings = catalog_of(app).settings
    secure = settings.session_cookie_secure
    app.config.update(
        SESSION_COOKIE_NAME="catalog_session",
        SESSION_COOKIE_SECURE=settings.env != "development" if secure is None else secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    )
    install(catalog_of(app).sessionmaker)
    app.before_request(guard)
    app.after_request(_add_request_id)
    app.register_error_handler(NotAuthenticated, _unauthorised)
    app.register_error_handler(TooManyAttempts, _too_many)
    app.register_error_handler(PermissionDenied, _forbidden)
    app.register_error_handler(CsrfFailed, _csrf_failed)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "An API token (catalog tokens create)"},
    )
    # Either a token or nothing: anonymous callers reach the public endpoints.
    api.spec.options["security"] = [{"bearerAuth": []}, {}]


# Who is calling ---------------------------------------------------------------------------


def _context() -> Context:
    return catalog_of().context(get_session())


def _request_id() -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def _identify() -> Actor:
    """Resolve the caller once per request; a bad token is a 401, a stale session is anonymous."""
    if "actor" in g:
        actor: Actor = g.actor
        return actor
    session = get_session()
    set_context(session, AuditContext("anonymous", request_id=g.request_id))
    ctx = _context()
    principal: Principal | None = None
    scopes: frozenset[str] | None = None
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if request.blueprint == "ckan" and not secret.strip():
            # CKAN clients (ckanapi, harvesters) send the bare API token: "Authorization: <token>".
            scheme, secret = "bearer", scheme
        g.presented_token = secret.strip()[:16]
        if scheme.lower() != "bearer" or not secret.strip():
            raise NotAuthenticated("Send the header Authorization: Bearer <token>")
        principal, g.token = TokenService(ctx).authenticate(secret.strip())
        scopes, g.auth_method = frozenset(g.token.scopes), "token"
    elif web_session.get("sid"):
        principal = SignInService(ctx).session_principal(str(web_session["sid"]))
        if principal is None:
            web_session.clear()  # signed out, expired, deactivated or password changed
        g.auth_method = "session" if principal is not None else None
    actor = AccountService(ctx).actor_for(principal, scopes) if principal is not None else ANONYMOUS
    g.actor, g.principal = actor, principal
    set_context(session, AuditContext(actor.label, actor.principal_id, actor.agency_code, g.request_id))
    return actor


def current_actor() -> Actor:
    """The caller as the rules see it; anonymous outside a request (CLI exports stay public)."""
    if not has_request_context():
        return ANONYMOUS
    if "actor" not in g:
        g.request_id = g.get("request_id") or _request_id()
        return _identify()
    actor: Actor = g.actor
    return actor


def current_principal() -> Principal | None:
    current_actor()
    return g.get("principal") if has_request_context() else None


def current_token() -> ApiToken | None:
    """The API token of the request, if it was made with one (it bounds the tokens it issues)."""
    current_actor()
    return g.get("token") if has_request_context() else None


def current_visibility() -> Visibility:
    """What the caller may see: used by the REST API, search and the DCAT output."""
    return visibility(current_actor())


# The guard --------------------------------------------------------------------------------


def guard() -> None:
    g.request_id = _request_id()
    if request.endpoint is None:
        return  # no route: Flask answers 404 or 405
    actor = _identify()
    if request.method == "OPTIONS":
        return
    rule = rule_for(request.endpoint, request.method)
    if rule is None:
        current_app.logger.warning("No access rule for %s %s: refused", request.method, request.endpoint)
        if not actor.signed_in:
            raise NotAuthenticated("No access rule is declared for this endpoint")
        raise RoleRequired("No access rule is declared for this endpoint")
    unsafe = request.method not in SAFE_METHODS and not rule.reads_only
    if unsafe and g.get("auth_method") == "token" and not actor.may_write():
        raise RoleRequired("This token is read-only; writing needs a token with the write scope")
    rule.enforce(actor)
    if unsafe and g.get("auth_method") != "token":
        check_csrf()


def csrf_token() -> str:
    """The session's CSRF token, created on first use (forms put it in a hidden field)."""
    token = web_session.get("csrf")
    if not token:
        token = web_session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf() -> None:
    expected = web_session.get("csrf")
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        given = request.form.get("csrf_token")
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        raise CsrfFailed("The CSRF token is missing or wrong; reload the page and try again")


def sign_in(principal: Principal) -> None:
    """Start a fresh web session: a new session id and a new CSRF token, so a cookie planted or
    copied before the login cannot be reused."""
    if web_session.get("sid"):
        SignInService(_context()).end_session(str(web_session["sid"]))  # the browser's previous one
    web_session.clear()
    web_session.permanent = True
    web_session["sid"] = SignInService(_context()).start_session(principal)
    csrf_token()


def sign_out() -> None:
    """End the session on the server too: a copy of the cookie stops working."""
    if web_session.get("sid"):
        SignInService(_context()).end_session(str(web_session["sid"]))
    web_session.clear()


# Responses --------------------------------------------------------------------------------


def _add_request_id(response: Response) -> Response:
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response


def _write_event(action: str, object_type: str, object_id: object, after: dict[str, object]) -> None:
    """Commit one audit event on a session whose own work has been rolled back."""
    session = get_session()
    session.rollback()
    record(session, action, object_type, object_id, after=after)
    session.commit()


def _unauthorised(error: NotAuthenticated) -> Response:
    if g.get("presented_token"):
        # Someone used a token that is wrong, expired or revoked: worth tracing.
        _write_event(
            "auth.rejected", "api_token", g.presented_token, {"reason": error.message, "path": request.path}
        )
    response = error_response(401, error.message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="catalog"'
    return response


def _too_many(error: TooManyAttempts) -> Response:
    response = error_response(429, error.message)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


def _forbidden(error: PermissionDenied) -> Response:
    actor = g.get("actor", ANONYMOUS)
    if isinstance(error, RoleRequired):
        current_app.logger.info(
            "403 %s %s for %s: %s", request.method, request.path, actor.label, error.message
        )
    else:
        # An attempt on an object outside the actor's rights: part of the audit trail.
        _write_event(
            "access.denied",
            "request",
            request.path,
            {"method": request.method, "endpoint": request.endpoint, "reason": error.message},
        )
    return error_response(403, error.message)


def _csrf_failed(error: CsrfFailed) -> Response:
    return error_response(403, error.message)

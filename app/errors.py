"""Domain errors to HTTP, in one place and in one JSON shape (code, status, message, errors)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Flask, Response, abort, jsonify, request
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from app.web.errors import html_error_page
from app.web.messages import translate, translate_tree
from dictionary.errors import (
    AlreadyExists,
    Busy,
    ConfirmationRequired,
    Conflict,
    DictionaryError,
    InvalidInput,
    Message,
    NotFound,
    PermissionDenied,
    PreconditionRequired,
    StaleConfirmation,
    StaleVersion,
    TooLarge,
)

STATUS_OF: dict[type[DictionaryError], int] = {
    NotFound: 404,
    AlreadyExists: 409,
    InvalidInput: 422,
    Conflict: 409,
    StaleVersion: 412,
    PreconditionRequired: 428,
    StaleConfirmation: 412,
    ConfirmationRequired: 428,
    Busy: 503,
    PermissionDenied: 403,
    TooLarge: 413,
}


def error_response(status: int, message: str, errors: dict[str, Any] | None = None, **extra: Any) -> Response:
    page = html_error_page(status)  # a browser outside /api gets a page in its language instead
    if page is not None:
        return page
    # The shape and the keys are for programs; the message and the reasons for people, in the
    # caller's language (app.web.i18n: ?lang=, else Accept-Language, else Vietnamese).
    body: dict[str, Any] = {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "message": translate(message),
    }
    if errors:
        body["errors"] = translate_tree(errors)
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    return response


def status_of(error: DictionaryError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]
    return 400


def init_app(app: Flask) -> None:
    """Register the handlers; call after flask-smorest's Api so that these take precedence."""

    @app.before_request
    def refuse_unstorable_text() -> None:
        # A NUL or a lone surrogate in a path, query or form value would reach the database as a
        # DataError (a 500): refuse it first, on every route, API and web pages alike.
        values = [*(request.view_args or {}).values(), *request.args.values()]
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            values += list(request.form.values())
        if any(isinstance(value, str) and not is_storable_text(value) for value in values):
            abort(400, description="The request holds text that cannot be stored (a NUL character "
                                   "or invalid Unicode)")  # fmt: skip

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> Response:
        # Argument errors from webargs carry {"messages": {location: {field: [...]}}}.
        data = getattr(error, "data", None) or {}
        messages = data.get("messages")
        message = data.get("message") or error.description or ""
        if messages and error.code == 422:
            names = sorted(
                f"{location}.{name}" if isinstance(fields, dict) else location
                for location, fields in messages.items()
                for name in (fields if isinstance(fields, dict) else [location])
            )
            message = Message(
                "invalid_parameters", "Invalid values: {parameters}", parameters=", ".join(names)
            )
        response = error_response(error.code or 500, message, messages)
        # Werkzeug's own headers (Allow of a 405…), then those given to flask-smorest's abort().
        for name, value in [*error.get_headers(), *(data.get("headers") or {}).items()]:
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(DictionaryError)
    def handle_domain_error(error: DictionaryError) -> Response:
        if isinstance(error, TooLarge):
            # The file is the culprit, named as webargs names a bad upload; the limit as data.
            errors = {"files": {"file": [error.message]}}
            return error_response(413, error.message, errors, limit={"code": error.limit, **error.params})
        details: dict[str, Any] | None = {"json": error.errors} if isinstance(error, InvalidInput) else None
        response = error_response(status_of(error), error.message, details)
        if isinstance(error, StaleVersion):  # 412 and 428 tell the current version
            response.headers["ETag"] = f'"{error.current}"'
        if isinstance(error, Busy):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(OperationalError)
    def handle_operational_error(error: OperationalError) -> Response:
        # A lock wait past its timeout (or the database gone): nothing was written; say when to
        # try again, never the SQL. Anything else is a bug and stays a 500 (and a logged trace).
        if not is_busy(error):
            raise error
        busy = Busy()
        response = error_response(503, busy.message)
        response.headers["Retry-After"] = str(busy.retry_after)
        return response

    @app.errorhandler(IntegrityError)
    def handle_integrity_error(_error: IntegrityError) -> Response:
        # The services check uniqueness and references first; this only fires on a race
        # between two requests, and the second one is refused without writing anything.
        return error_response(409, "The change conflicts with a concurrent change; try again")


BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001", "57014", "08006", "08001", "57P01", "57P03"})
"""PostgreSQL: lock not available, deadlock, serialization failure, statement timeout (a lock
wait), and the connection lost or the server shutting down or not yet accepting connections."""


def is_busy(error: OperationalError) -> bool:
    """Whether a database error means "try again later" rather than a fault of ours."""
    code = getattr(error.orig, "sqlstate", None)
    if code is not None:
        return code in BUSY_SQLSTATES
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text or "unable to open database" in text


def is_storable_text(value: str) -> bool:
    """Whether text can be stored: no NUL (PostgreSQL refuses it) and valid UTF-8 (no lone surrogate)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

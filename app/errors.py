"""Domain errors to HTTP, in one place and in one JSON shape (code, status, message, errors)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from app.web.errors import html_error_page
from dictionary.errors import (
    AlreadyExists,
    Conflict,
    DictionaryError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PreconditionRequired,
    StaleVersion,
)

STATUS_OF: dict[type[DictionaryError], int] = {
    NotFound: 404,
    AlreadyExists: 409,
    InvalidInput: 422,
    Conflict: 409,
    StaleVersion: 412,
    PreconditionRequired: 428,
    PermissionDenied: 403,
}


def error_response(status: int, message: str, errors: dict[str, Any] | None = None) -> Response:
    page = html_error_page(status)  # a browser outside /api gets a page in its language instead
    if page is not None:
        return page
    body: dict[str, Any] = {"code": status, "status": HTTPStatus(status).phrase, "message": message}
    if errors:
        body["errors"] = errors
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
            message = "Invalid values: " + ", ".join(names)
        response = error_response(error.code or 500, message, messages)
        # Werkzeug's own headers (Allow of a 405…), then those given to flask-smorest's abort().
        for name, value in [*error.get_headers(), *(data.get("headers") or {}).items()]:
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(DictionaryError)
    def handle_domain_error(error: DictionaryError) -> Response:
        errors = {"json": error.errors} if isinstance(error, InvalidInput) else None
        response = error_response(status_of(error), error.message, errors)
        if isinstance(error, StaleVersion | PreconditionRequired):
            response.headers["ETag"] = f'"{error.current}"'
        return response

    @app.errorhandler(IntegrityError)
    def handle_integrity_error(_error: IntegrityError) -> Response:
        # The services check uniqueness and references first; this only fires on a race
        # between two requests, and the second one is refused without writing anything.
        return error_response(409, "The change conflicts with a concurrent change; try again")

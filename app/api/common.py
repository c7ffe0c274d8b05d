"""Small helpers shared by the REST blueprints: ETags, If-Match, documented error responses."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

import flask_smorest
from flask import Request, request
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema
from webargs.flaskparser import FlaskParser

F = TypeVar("F", bound=Callable[..., Any])


class StrictParser(FlaskParser):
    """Refuses an empty body where a JSON body is expected, instead of reading it as ``{}``.

    Otherwise an empty PATCH would pass as a no-op and an empty POST would only be reported
    as missing fields, hiding the real mistake from the client.
    """

    def load_json(self, req: Request, schema: Any) -> Any:
        if not req.get_data(cache=True).strip():
            abort(400, message="The request body is empty: send a JSON object")
        try:
            data = super().load_json(req, schema)
        except RecursionError:
            abort(400, message="The JSON body is nested too deeply")
        if _has_lone_surrogate(data):
            # Valid JSON escapes such as "\ud800" decode to text no database can store.
            abort(400, message="The JSON body contains invalid Unicode (an unpaired surrogate)")
        return data


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = StrictParser()


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag of the version being edited; a stale value is refused with 412",
}


def etag_header(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def if_match() -> str | None:
    return request.headers.get("If-Match")


def errors(blp: Blueprint, *statuses: int) -> Callable[[F], F]:
    """Document the error responses an operation can give, in the one error shape."""

    def decorate(view: F) -> F:
        for status in statuses:
            view = blp.alt_response(status, schema=ErrorSchema, description=HTTPStatus(status).phrase)(view)
        return view

    return decorate


def write(blp: Blueprint, *statuses: int) -> Callable[[F], F]:
    """A write: takes If-Match and may answer 412, plus the given error statuses."""

    def decorate(view: F) -> F:
        view = errors(blp, 412, *statuses)(view)
        return blp.doc(parameters=[IF_MATCH])(view)

    return decorate

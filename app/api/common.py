"""Small helpers shared by the REST blueprints: ETags, If-Match, documented error responses, and the
bounds of every integer a request may carry (path, query and body)."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

import flask_smorest
from flask import Request, request
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from app.api.schemas.common import MAX_INT, MAX_PAGE, integer
from app.errors import is_storable_text

F = TypeVar("F", bound=Callable[..., Any])


class Int32Converter(IntegerConverter):
    """``<int:…>`` in every route: 1 … 2^31-1, so a number past any stored one is a 404, not a 500."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_INT)
        super().__init__(map, *args, **kwargs)


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
        if _unstorable(data):
            # Valid JSON escapes such as "\ud800" or "\u0000" decode to text no database stores.
            abort(400, message="The JSON body contains text no database can store "
                               "(an unpaired surrogate or a NUL character)")  # fmt: skip
        return data


def _unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return not is_storable_text(value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unstorable(item) for item in value)
    return False


PAGINATION_HEADER = {
    "description": (
        "Pagination metadata as a JSON object in the header value: total, total_pages and, when the "
        "list is not empty, first_page, last_page, page, previous_page, next_page"
    ),
    "schema": {"type": "string", "example": '{"total": 45, "total_pages": 1, "first_page": 1, '
               '"last_page": 1, "page": 1}'},
}  # fmt: skip


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = StrictParser()

    def paginate(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """flask-smorest's pagination, with ``page`` bounded by :data:`MAX_PAGE` (it has no maximum)."""
        decorator = super().paginate(*args, **kwargs)

        def decorate(view: F) -> F:
            wrapper = decorator(view)
            schema = wrapper._apidoc["pagination"]["parameters"]["schema"]
            schema._declared_fields["page"] = integer(load_default=1, maximum=MAX_PAGE)
            return wrapper

        return decorate

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        # The header carries JSON text: declare a string, as schema validators read it.
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = PAGINATION_HEADER


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string", "example": '"8"'},
    "description": (
        'The strong ETag of the version being edited, as its GET gave it (e.g. "8"). Without it (or '
        "with *) the write is refused with 428; a weak or stale one with 412. Both answers carry the "
        "current ETag."
    ),
}


_ETAG = {"required": True, "schema": {"type": "string", "example": '"8"'}}
ETAG = {"ETag": {**_ETAG, "description": "Strong ETag of this version: send it back as If-Match"}}
"""The ``headers`` of a documented response that carries the resource's ETag."""
CURRENT_ETAG = {"ETag": {**_ETAG, "description": "The current ETag, to reload and retry with"}}


def etag_header(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def if_match() -> str | None:
    return request.headers.get("If-Match")


def errors(blp: Blueprint, *statuses: int) -> Callable[[F], F]:
    """Document the error responses an operation can give, in the one error shape."""

    def decorate(view: F) -> F:
        for status in statuses:
            headers = CURRENT_ETAG if status in (412, 428) else None
            view = blp.alt_response(
                status, schema=ErrorSchema, description=HTTPStatus(status).phrase, headers=headers
            )(view)
        return view

    return decorate


def write(blp: Blueprint, *statuses: int) -> Callable[[F], F]:
    """A write: requires If-Match and may answer 412 and 428, plus the given error statuses."""

    def decorate(view: F) -> F:
        view = errors(blp, 412, 428, *statuses)(view)
        return blp.doc(parameters=[IF_MATCH])(view)

    return decorate

"""CKAN's error answers: ``{"success": false, "error": {"__type": …, "message": …}}`` with its codes.

CKAN answers a missing object with 404 ``Not Found Error``, bad parameters with 409 ``Validation
Error`` (each bad parameter a key of ``error`` with its reasons), a refusal with 403
``Authorization Error``, an unreadable query with 400 ``Search Query Error`` and an unknown action
or a body that is not JSON with 400 ``Bad Request``. Messages are in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class CkanError(Exception):
    status = 400
    kind = "Bad Request"

    def __init__(self, message: str, fields: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})

    def body(self) -> dict[str, object]:
        return {"__type": self.kind, "message": self.message, **{k: list(v) for k, v in self.fields.items()}}


class BadRequest(CkanError):
    pass


class ValidationFailed(CkanError):
    status = 409
    kind = "Validation Error"


class SearchQueryFailed(CkanError):
    status = 400
    kind = "Search Query Error"


class NotFoundError(CkanError):
    status = 404
    kind = "Not Found Error"


class NotAuthorized(CkanError):
    status = 403
    kind = "Authorization Error"

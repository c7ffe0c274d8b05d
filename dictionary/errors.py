"""Domain errors. ``app.errors`` maps each class to one HTTP status, in one place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DictionaryError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DictionaryError):
    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} {key!s} does not exist")
        self.kind = kind
        self.key = key


class InvalidInput(DictionaryError):
    """Values that are well-formed but wrong: an unknown concept, agency, field… Names each field."""

    def __init__(
        self, errors: Mapping[str, Sequence[str] | Mapping[str, object]], message: str | None = None
    ):
        super().__init__(message or "The request has invalid values")
        self.errors = dict(errors)

    @classmethod
    def one(cls, field: str, reason: str) -> InvalidInput:
        return cls({field: [reason]}, f"{field}: {reason}")


class AlreadyExists(InvalidInput):
    """A unique value (slug, code, field name) is taken."""


class Conflict(DictionaryError):
    """The request is valid but the current state forbids it (e.g. deleting a published dataset)."""


class StaleVersion(DictionaryError):
    """The client edited an older version than the stored one (If-Match mismatch)."""

    def __init__(self, current: int, given: str) -> None:
        super().__init__("The resource was changed by someone else; reload it and apply your change again")
        self.current = current
        self.given = given


class PreconditionRequired(DictionaryError):
    """A write without If-Match (or with ``*``): the client must say which version it edits."""

    def __init__(self, current: int) -> None:
        super().__init__("Send If-Match with the ETag of the version you edit (GET it first)")
        self.current = current


class PermissionDenied(DictionaryError):
    """The principal may not do this."""

"""Domain errors. ``app.errors`` maps each class to one HTTP status, in one place.

A message a person reads is a :class:`Message`: English text (for logs, the CLI and whoever
reads the code) that also carries a ``code`` and its ``params``. The web layer translates it by
its code (``app/messages.py``, Flask-Babel), with the parameters shown as labels (a property's
name, a state, a date), never by matching the English words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class Message(str):
    """A human message: the English text, plus the code and parameters to translate it."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, template: str, **params: Any) -> Message:
        made = super().__new__(cls, template.format(**params))
        made.code = code
        made.params = params
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep the code
        return (_rebuild, (self.code, str(self), self.params))


def _rebuild(code: str, text: str, params: dict[str, Any]) -> Message:
    made = Message.__new__(Message, code, "{text}", text=text)
    made.params = params
    return made


def message_code(message: str) -> str | None:
    return message.code if isinstance(message, Message) else None


class DictionaryError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def message_code(self) -> str | None:
        """What went wrong, for programs and translations (None: a message without a code yet)."""
        return message_code(self.message)

    @property
    def message_params(self) -> dict[str, Any]:
        return dict(self.message.params) if isinstance(self.message, Message) else {}


class NotFound(DictionaryError):
    def __init__(self, kind: str, key: object) -> None:
        super().__init__(Message("not_found", "{kind} {key} does not exist", kind=kind, key=str(key)))
        self.kind = kind
        self.key = key


class InvalidInput(DictionaryError):
    """Values that are well-formed but wrong: an unknown concept, agency, field… Names each field."""

    def __init__(
        self, errors: Mapping[str, Sequence[str] | Mapping[str, object]], message: str | None = None
    ):
        super().__init__(message or Message("invalid_values", "The request has invalid values"))
        self.errors = dict(errors)

    @classmethod
    def one(cls, field: str, reason: str) -> InvalidInput:
        return cls({field: [reason]}, invalid_field(field, reason))

    def within(self, prefix: str) -> InvalidInput:
        """The same refusal seen from one item of a list: ``fields.3.foreign_key`` becomes
        ``foreign_key`` when the caller wrote item 3 alone (one field of a dictionary)."""
        start = prefix + "."
        errors = {key.removeprefix(start): value for key, value in self.errors.items()}
        return type(self)(errors, str(self))


class AlreadyExists(InvalidInput):
    """A unique value (slug, code, field name) is taken."""


class Conflict(DictionaryError):
    """The request is valid but the current state forbids it (e.g. deleting a published dataset)."""


class StaleVersion(DictionaryError):
    """The client edited an older version than the stored one (If-Match mismatch)."""

    def __init__(self, current: int, given: str) -> None:
        super().__init__(
            Message(
                "stale_version",
                "The resource was changed by someone else; reload it and apply your change again",
            )
        )
        self.current = current
        self.given = given


class PreconditionRequired(StaleVersion):
    """A write that names no version (no If-Match, or ``*``): it could overwrite someone's change."""

    def __init__(self, current: int, given: str | None = None) -> None:
        DictionaryError.__init__(
            self,
            Message(
                "precondition_required",
                'Send the ETag of the version you edited in If-Match (e.g. If-Match: "{current}"); '
                "writes without it are refused so that no change is overwritten unseen",
                current=current,
            ),
        )
        self.current = current
        self.given = given or ""


class StaleConfirmation(DictionaryError):
    """An import applied with the token of a dry run made against another state (or another file)."""

    def __init__(self) -> None:
        super().__init__(
            Message(
                "stale_confirmation",
                "The terms changed since the dry run, or this is not the file that was checked; "
                "nothing was written: check the file again",
            )
        )


class ConfirmationRequired(DictionaryError):
    """An import applied without the confirmation token of its dry run."""

    def __init__(self) -> None:
        super().__init__(
            Message(
                "confirmation_required",
                "Run a dry run first and send its confirmation token to apply the file",
            )
        )


class Busy(DictionaryError):
    """Another write holds the record (or the database) longer than we wait; try again shortly."""

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__(
            Message("busy", "The record is being changed by another request; try again in a moment")
        )
        self.retry_after = retry_after


class PermissionDenied(DictionaryError):
    """The principal may not do this."""


class TooLarge(DictionaryError):
    """An upload asks for more work than one import may do (rows, cells, characters, bytes, time).

    ``limit`` is the code of the limit (``row_cells``, ``string_chars``…) and ``params`` its
    values (``max``, and where it was hit: ``row``, ``cell``, ``part``), for clients to act on.
    """

    def __init__(self, message: str, limit: str, params: Mapping[str, object]) -> None:
        super().__init__(message)
        self.limit = limit
        self.params = dict(params)


def invalid_field(field: str, reason: object) -> Message:
    """A reason given with the field (or column) it is about: ``length: …``."""
    return Message("invalid_field", "{field}: {reason}", field=field, reason=reason)


def not_a_format(value: str, choices: Sequence[str] = ("xlsx", "csv")) -> Message:
    return Message(
        "not_a_format", "'{value}' is not one of {choices}", value=value, choices=", ".join(choices)
    )


def min_length(minimum: int) -> Message:
    return Message("min_length", "must be at least {min} characters", min=minimum)


# Messages several services give (the codes of app/web/messages.py) ------------------------------


def not_in_scheme(value: object, scheme: str) -> Message:
    return Message(
        "not_in_scheme", "'{value}' is not a concept of the scheme '{scheme}'", value=value, scheme=scheme
    )


def no_agency(code: str) -> Message:
    return Message("no_agency", "no agency has the code '{agency}'", agency=code)


def no_standard(code: str) -> Message:
    return Message("no_standard", "no standard has the code '{standard}'", standard=code)


def slug_taken(slug: str) -> Message:
    return Message("slug_taken", "a dataset with the slug '{slug}' already exists", slug=slug)


def distribution_taken(slug: str) -> Message:
    return Message("distribution_exists", "the dataset already has a distribution '{slug}'", slug=slug)


def standard_taken(code: str) -> Message:
    return Message("standard_exists", "a standard with the code '{standard}' already exists", standard=code)


def term_taken(code: str) -> Message:
    return Message("term_exists", "a term with the code '{term}' already exists", term=code)


def ceased(code: str, day: object) -> Message:
    return Message("ceased", "Agency {agency} had already ceased on {day}", agency=code, day=day)


def one_of(choices: Sequence[str]) -> Message:
    return Message("one_of", "must be one of {choices}", choices=", ".join(choices))

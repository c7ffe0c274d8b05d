"""Read-only views without what a principal may not see; :mod:`dictionary.visibility` decides.

Views rather than modified copies: nothing is ever changed on a loaded ORM object, so a later
flush cannot write a redaction to the database. Nothing here decides who sees what: the
callables and name sets come from :class:`dictionary.visibility.Visibility`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from dictionary import concepts as C

ACCESS_DETAILS = frozenset({"access_url", "download_url", "endpoint_url", "endpoint_description"})
"""Distribution attributes withheld from who may not see a dataset's access details."""
HIDDEN_FIELD = "[trường hạn chế / restricted field]"
"""What a revision message says instead of the name of a field the reader may not see."""


class _ReadOnly:
    def __init__(self, wrapped: Any) -> None:
        object.__setattr__(self, "_wrapped", wrapped)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a redacted {type(self._wrapped).__name__.lower()} is read-only")


class RedactedDistribution(_ReadOnly):
    """A distribution without its access details (URLs of services, downloads and endpoints)."""

    def __getattr__(self, name: str) -> Any:
        return None if name in ACCESS_DETAILS else getattr(self._wrapped, name)


class RedactedField(_ReadOnly):
    """A field whose reference to a field the reader may not see is left out."""

    foreign_key_field = None
    foreign_key_field_id = None


class RedactedDataset(_ReadOnly):
    """A dataset with only the fields ``shown`` accepts (and their mappings; their references to
    other fields only where ``reference`` accepts them), and, where
    ``details`` refuses a distribution's access rights, without its access details and the
    personal contact data of its contact points (the owner agency stays the public contact)."""

    redacted = True

    def __init__(
        self,
        dataset: Any,
        shown: Callable[[Any], bool],
        details: Callable[[str | None], bool],
        reference: Callable[[Any], bool],
    ) -> None:
        super().__init__(dataset)
        object.__setattr__(self, "_shown", shown)
        object.__setattr__(self, "_details", details)
        object.__setattr__(self, "_reference", reference)

    @property
    def fields(self) -> list[Any]:
        return [f if self._reference(f) else RedactedField(f) for f in self._wrapped.fields if self._shown(f)]

    @property
    def mappings(self) -> list[Any]:
        return [m for m in self._wrapped.mappings if m.field is None or self._shown(m.field)]

    @property
    def contact_points(self) -> list[Any]:
        return list(self._wrapped.contact_points) if self._details(None) else []

    @property
    def distributions(self) -> list[Any]:
        return [
            d if self._details(d.access_rights) else RedactedDistribution(d)
            for d in self._wrapped.distributions
        ]


class RedactedRevision(_ReadOnly):
    """A revision with a redacted snapshot and message."""

    def __init__(self, revision: Any, snapshot: dict[str, Any], message: str) -> None:
        super().__init__(revision)
        object.__setattr__(self, "snapshot", snapshot)
        object.__setattr__(self, "message", message)


def redact_snapshot(snapshot: dict[str, Any], hidden: Iterable[str], details: bool) -> dict[str, Any]:
    """A snapshot without the ``hidden`` fields and their mappings and, unless
    ``details``, without contact persons and the access details of non-public distributions."""
    names = frozenset(hidden)
    data = dict(snapshot)
    data["fields"] = [f for f in snapshot.get("fields", []) if f["name"] not in names]
    data["mappings"] = [m for m in snapshot.get("mappings", []) if m.get("field") not in names]
    if not details:
        data["contact_points"] = []
        data["distributions"] = [
            d
            if d.get("access_rights") == C.PUBLIC_ACCESS
            else {name: (None if name in ACCESS_DETAILS else value) for name, value in d.items()}
            for d in snapshot.get("distributions", [])
        ]
    return data

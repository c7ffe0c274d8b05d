"""What the domain needs from outside, as Protocols; ``app`` wires in the implementations."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session


class ConceptLookup(Protocol):
    """The controlled vocabularies (implemented by :mod:`vocab.vocabularies`)."""

    def resolve(self, scheme: str, value: str) -> str | None:
        """The concept URI for ``value`` (a URI or a code) in ``scheme``, or None if it is not one.

        ``scheme`` is a scheme id such as ``sharing-classes``; ``admin-units`` accepts a unit of
        any version of the administrative-unit list; ``schemes`` accepts the URI of any scheme.
        """
        ...

    def label(self, uri: str, lang: str = "vi") -> str | None:
        """The preferred label of a concept in a language, falling back to Vietnamese."""
        ...

    def update_period(self, frequency_uri: str) -> timedelta | None:
        """How long data of this update frequency stays current; None for irregular or never."""
        ...


class ChangeRecorder(Protocol):
    """Told of every changed dataset inside the transaction that changed it (search outbox, audit)."""

    def dataset_changed(self, session: Session, dataset_id: uuid.UUID, *, deleted: bool = False) -> None: ...


class NoChangeRecorder:
    """A recorder that records nothing, for tools and tests that need no index."""

    def dataset_changed(self, session: Session, dataset_id: uuid.UUID, *, deleted: bool = False) -> None:
        return None


class TermSuggester(Protocol):
    """Terms of the shared data dictionary a field probably holds (implemented by the search
    package, whose text rules fold Vietnamese and know the abbreviations)."""

    def hints(self, name: str | None, label: str | None = None, limit: int = 3) -> list[dict[str, Any]]:
        """Best first: ``{"term", "standard", "name_vi", "score", "matched"}`` each."""
        ...

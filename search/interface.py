"""The one search interface every backend implements, and its queries and results as plain values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from dictionary.visibility import Visibility
from search.documents import DatasetDocument
from search.text import shorten

DATASET_FACETS = (
    "agency",
    "component",
    "category",
    "sharing_class",
    "importance",
    "theme",
    "format",
    "personal_data",
    "status",
)
"""Facets of dataset search, in display order. Agencies are codes; the others concept URIs."""

FIELD_FACETS = ("data_type", "personal_data", "agency")

FACET_SCHEMES = {
    "component": "arch-components",
    "category": "db-categories",
    "sharing_class": "sharing-classes",
    "importance": "importance",
    "theme": "themes",
    "format": "eu-file-types",
    "personal_data": "personal-data",
    "status": "statuses",
    "data_type": "data-types",
}
"""Facet → the vocabulary scheme of its values: the index holds concept URIs, URLs may use codes."""


def resolve_facets(
    filters: Mapping[str, Sequence[str]], resolve: Callable[[str, str], str | None]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Facet filters as the backends hold them, and the values that name nothing.

    A concept may be given by its code or its URI (``resolve(scheme, value)``, the vocabularies'
    lookup, answers its URI or None); agencies stay codes. Returns the filters that kept a value
    and, per facet, the values that are no concept of its scheme: the API refuses those, a page
    leaves them out.
    """
    resolved: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for name, values in filters.items():
        scheme = FACET_SCHEMES.get(name)
        found = list(values)
        if scheme is not None:
            uris = [resolve(scheme, value) for value in values]
            if missing := [value for value, uri in zip(values, uris, strict=True) if uri is None]:
                unknown[name] = missing
            found = [uri for uri in uris if uri]
        if found:
            resolved[name] = found
    return resolved, unknown


SORTS = ("relevance", "title", "updated")
"""Relevance (the default; newest first without a query), title A→Z, last update newest first."""

MAX_WINDOW = 10_000
"""Deepest result reachable by paging (the engines' ``max_result_window``)."""


class SearchError(Exception):
    """A search request the backend refused (a bug on our side, never the user's input)."""


class SearchUnavailable(SearchError):
    """The engine cannot be reached or is not ready; writes go on and the outbox catches up."""


def _frozen_filters(filters: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        sorted((name, tuple(sorted(set(values)))) for name, values in (filters or {}).items() if values)
    )


@dataclass(frozen=True)
class DatasetQuery:
    """A search for datasets. Values of one facet combine with OR, different facets with AND."""

    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True
    highlight: bool = True

    @classmethod
    def build(
        cls, text: str = "", filters: Mapping[str, Iterable[str]] | None = None, **kwargs: Any
    ) -> DatasetQuery:
        return cls(text=text, filters=_frozen_filters(filters), **kwargs)

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        if self.page < 1 or self.page_size < 1 or self.page * self.page_size > MAX_WINDOW:
            raise ValueError(f"page and page_size must be positive and reach at most result {MAX_WINDOW}")
        unknown = {name for name, _ in self.filters} - set(self.facet_names)
        if unknown:
            raise ValueError(f"unknown filters: {', '.join(sorted(unknown))}")

    facet_names: tuple[str, ...] = field(default=DATASET_FACETS, init=False, repr=False, compare=False)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class FieldQuery(DatasetQuery):
    """A search for fields (data elements) across all datasets."""

    facet_names: tuple[str, ...] = field(default=FIELD_FACETS, init=False, repr=False, compare=False)

    @classmethod
    def build(
        cls, text: str = "", filters: Mapping[str, Iterable[str]] | None = None, **kwargs: Any
    ) -> FieldQuery:
        return cls(text=text, filters=_frozen_filters(filters), **kwargs)


@dataclass(frozen=True)
class DatasetHit:
    id: str
    slug: str
    title: str
    title_en: str | None
    description: str
    status: str
    sharing_class: str
    agencies: tuple[str, ...]
    updated_at: datetime | None
    score: float | None
    highlights: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Field → fragments with matches wrapped in ``<mark>``; the text is HTML-escaped."""

    @classmethod
    def from_source(
        cls, source: Mapping[str, Any], score: float | None, highlights: Mapping[str, tuple[str, ...]]
    ) -> DatasetHit:
        """A hit from the indexed document (the same shape in every backend)."""
        updated = source.get("updated_at")
        return cls(
            id=source["id"],
            slug=source["slug"],
            title=source["title"],
            title_en=source.get("title_en"),
            description=shorten(source.get("description") or ""),
            status=source["status"],
            sharing_class=source["sharing_class"],
            agencies=tuple(source.get("agency") or ()),
            updated_at=datetime.fromisoformat(updated) if updated else None,
            score=score,
            highlights=highlights,
        )


@dataclass(frozen=True)
class FieldHit:
    id: str
    name: str
    label: str
    label_en: str | None
    definition: str | None
    data_type: str | None
    personal_data: str | None
    restricted: bool
    dataset_id: str
    dataset_slug: str
    dataset_title: str
    score: float | None
    highlights: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_source(
        cls, source: Mapping[str, Any], score: float | None, highlights: Mapping[str, tuple[str, ...]]
    ) -> FieldHit:
        return cls(
            id=source["id"],
            name=source["name"],
            label=source["label"],
            label_en=source.get("label_en"),
            definition=source.get("definition"),
            data_type=source.get("data_type"),
            personal_data=source.get("personal_data"),
            restricted=bool(source.get("restricted")),
            dataset_id=source["dataset_id"],
            dataset_slug=source["dataset_slug"],
            dataset_title=source["dataset_title"],
            score=score,
            highlights=highlights,
        )


@dataclass(frozen=True)
class Results:
    hits: Sequence[Any]
    total: int
    page: int
    page_size: int
    facets: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    """Facet → (value, count) pairs over the whole result, most frequent first."""
    engine: str = ""
    degraded: bool = False
    """True when the configured engine was unreachable and the database answered instead."""
    reason: str | None = None


@dataclass(frozen=True)
class Suggestion:
    text: str
    slug: str
    id: str


@runtime_checkable
class SearchBackend(Protocol):
    """What every backend does. Visibility is applied inside each query, never afterwards."""

    name: str

    def index(self, documents: Iterable[DatasetDocument]) -> int:
        """Add or replace datasets and their fields; returns how many datasets were sent."""
        ...

    def delete(self, dataset_ids: Iterable[str]) -> None:
        """Remove datasets and their fields (missing ones are ignored)."""
        ...

    def search(self, query: DatasetQuery, visibility: Visibility) -> Results: ...

    def search_fields(self, query: FieldQuery, visibility: Visibility) -> Results: ...

    def suggest(self, prefix: str, visibility: Visibility, limit: int = 8) -> list[Suggestion]: ...

    def rebuild(self, documents: Iterable[DatasetDocument]) -> int:
        """Build a complete new index from ``documents`` and switch to it at once."""
        ...

    def health(self) -> dict[str, Any]:
        """``{"ok": bool, ...}`` with what an operator needs to know; never raises."""
        ...

    def refresh(self) -> None:
        """Make every indexed change searchable now (tests; the engines do it each second)."""
        ...

    def clear(self) -> None:
        """Remove every document (tests)."""
        ...

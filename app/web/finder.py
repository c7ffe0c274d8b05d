"""The search page's query: parsed from a shareable URL, answered by the search backend.

URLs carry codes, not concept URIs (``/search?q=ho+tich&theme=XA_HOI&type=fields``): short enough
to read and share. The same search service as ``/api/v1/search`` answers (the configured engine,
or the database when the engine is down), with the viewer's visibility inside the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.routing import BuildError

from app.extension import catalog_of
from app.web.viewer import current_visibility, registry
from app.wiring import concepts, services
from dictionary.concepts import code_of
from dictionary.models import Agency
from search.interface import (
    DATASET_FACETS,
    FACET_SCHEMES,
    FIELD_FACETS,
    SORTS,
    DatasetQuery,
    FieldQuery,
    Results,
    SearchError,
    resolve_facets,
)
from search.service import SearchService
from search.term_search import TermHit

PAGE_SIZE = 20
TERMS_SHOWN = 5
MAX_PAGE = 500
"""Deeper pages are refused politely: 10,000 results are more than anyone reads."""


@dataclass(frozen=True)
class SearchForm:
    """What the visitor asked for, already cleaned: wrong values fall back to defaults."""

    q: str = ""
    kind: str = "datasets"
    """``datasets`` or ``fields`` (data elements across all datasets)."""
    filters: dict[str, list[str]] = field(default_factory=dict)
    """Facet → selected codes, as in the URL."""
    sort: str = "relevance"
    page: int = 1

    @property
    def facet_names(self) -> tuple[str, ...]:
        return FIELD_FACETS if self.kind == "fields" else DATASET_FACETS

    def selected(self, facet: str, code: str) -> bool:
        return code in self.filters.get(facet, [])

    @classmethod
    def parse(cls, args: MultiDict[str, str]) -> SearchForm:
        kind = "fields" if args.get("type") == "fields" else "datasets"
        names = FIELD_FACETS if kind == "fields" else DATASET_FACETS
        filters = {name: sorted(set(args.getlist(name)))[:20] for name in names if args.getlist(name)}
        sort = args.get("sort", "relevance")
        try:
            page = min(max(int(args.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        return cls(
            q=args.get("q", "").strip()[:200],
            kind=kind,
            filters=filters,
            sort=sort if sort in SORTS else "relevance",
            page=page,
        )


@dataclass(frozen=True)
class SearchPage:
    form: SearchForm
    results: Results
    available: bool
    """False when no search backend could answer (the page says so instead of failing)."""
    agencies: dict[str, Agency] = field(default_factory=dict)
    """The agencies named by code in facets and hits."""
    terms: list[TermHit] = field(default_factory=list)
    """Terms of the shared data dictionary that match (first page only), shown in a group of their own."""
    terms_total: int = 0

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.results.total // PAGE_SIZE)))


def service() -> SearchService:
    found: SearchService = catalog_of().search.service
    return found


def search(form: SearchForm) -> SearchPage:
    """Run the search; the page shows agency names, so the agencies named by code come along."""
    filters, _unknown = resolve_facets(form.filters, concepts().resolve)  # a page leaves those out
    common: dict[str, Any] = {"sort": form.sort, "page": form.page, "page_size": PAGE_SIZE}
    available = True
    try:
        if form.kind == "fields":
            results = service().search_fields(
                FieldQuery.build(form.q, filters, **common), current_visibility()
            )
        else:
            results = service().search(DatasetQuery.build(form.q, filters, **common), current_visibility())
    except SearchError:
        # The engine and its database fallback both failed: say so on the page, do not crash it.
        current_app.logger.exception("Search failed")
        results, available = Results(hits=[], total=0, page=form.page, page_size=PAGE_SIZE), False
    codes = [value for value, _count in results.facets.get("agency", ())]
    codes += [code for hit in results.hits for code in getattr(hit, "agencies", ())]
    codes += form.filters.get("agency", [])
    # Terms are few and public: searched in the database whatever the engine (search.term_search).
    terms, terms_total = services().term_search.search(form.q, 1, TERMS_SHOWN) if form.page == 1 else ([], 0)
    return SearchPage(form, results, available, registry().agencies_by_code(codes), terms, terms_total)


def suggest_url() -> str | None:
    """The suggestions-as-you-type endpoint of the REST API (None if it is not installed)."""
    try:
        return url_for("search.Suggest")
    except BuildError:
        return None


def facet_code(facet: str, value: str) -> str:
    """The URL form of a backend facet value: the code of a concept, an agency's code as is."""
    return code_of(value) if facet in FACET_SCHEMES else value


def facet_uri(facet: str, code: str) -> str | None:
    """The concept a facet code in a URL stands for (None for agencies and unknown codes)."""
    scheme = FACET_SCHEMES.get(facet)
    return concepts().resolve(scheme, code) if scheme else None

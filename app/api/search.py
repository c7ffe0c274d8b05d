"""/api/v1/search: datasets and fields across the catalog, with facets, highlights, suggestions.

The caller's visibility (app.auth) goes into the query itself; the backend is the configured
engine, or the database when the engine is unreachable (``degraded`` says so).
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from flask import Response, current_app, url_for
from flask.views import MethodView
from marshmallow import RAISE

from app.api.common import Blueprint, errors
from app.api.schemas.search import (
    DatasetResultsSchema,
    FieldResultsSchema,
    FieldSearchArgs,
    SearchArgs,
    SuggestArgs,
    SuggestionsSchema,
    TermResultsSchema,
    TermSearchArgs,
)
from app.auth import current_actor, current_visibility
from app.extension import catalog_of
from app.wiring import concepts, services
from dictionary.errors import InvalidInput
from search.interface import (
    FACET_SCHEMES,
    DatasetHit,
    DatasetQuery,
    FieldHit,
    FieldQuery,
    Results,
    resolve_facets,
)
from search.service import SearchService
from search.term_search import TermHit

blp = Blueprint("search", __name__, url_prefix="/search", description="Search datasets, fields and terms")


def _service() -> SearchService:
    service: SearchService = catalog_of().search.service
    return service


def _query(args: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Split arguments into the query's own and facet filters, codes resolved to concept URIs."""
    given = {name: values for name in names if (values := args.pop(name, None))}
    filters, unknown = resolve_facets(given, concepts().resolve)
    if unknown:
        raise InvalidInput(
            {
                name: [f"not a concept of the scheme {FACET_SCHEMES[name]}: {', '.join(values)}"]
                for name, values in unknown.items()
            }
        )
    return {"text": args.pop("q"), "filters": filters, **args}


def _labelled(results: Results) -> dict[str, list[dict[str, Any]]]:
    """Facet values with a label for people: the concept's label, the agency's name, from memory."""
    codes = [value for value, _ in results.facets.get("agency", ())]
    names = catalog_of().agency_names.names(codes)
    lookup = concepts()
    return {
        name: [
            {
                "value": value,
                "count": count,
                "label": names.get(value) if name == "agency" else lookup.label(value),
            }
            for value, count in values
        ]
        for name, values in results.facets.items()
    }


ENGINE_UNAVAILABLE = "The search engine is unavailable; the catalog's database answered instead"


def _reason(reason: str | None) -> str | None:
    """Why the answer is degraded. The engine's own error names its address and internals: only
    administrators see it (it is in the log too); everyone else gets a plain sentence."""
    if reason is None or current_actor().is_admin:
        return reason
    return ENGINE_UNAVAILABLE


def _answer(results: Results) -> Response:
    """The documented body (``DatasetResultsSchema`` / ``FieldResultsSchema``) built from plain
    dicts: marshmallow would walk every hit through nested schemas for the same JSON
    (tests/app/test_api_search.py checks that both give the same body)."""
    body = {
        "engine": results.engine,
        "degraded": results.degraded,
        "reason": _reason(results.reason),
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "facets": _labelled(results),
        "items": [hit_body(hit) for hit in results.hits],
    }
    response = current_app.response_class(current_app.json.dumps(body), mimetype="application/json")
    response.headers.update(_pagination(results))
    return response


def hit_body(hit: DatasetHit | FieldHit) -> dict[str, Any]:
    """One hit as the API shows it: its dataclass fields, dates in ISO 8601, highlights as lists."""
    body = {name: getattr(hit, name) for name in _HIT_FIELDS[type(hit)]}
    if isinstance(hit, DatasetHit):
        body["agencies"] = list(hit.agencies)
        body["updated_at"] = hit.updated_at.isoformat() if hit.updated_at is not None else None
    body["highlights"] = {name: list(fragments) for name, fragments in hit.highlights.items()}
    return body


_HIT_FIELDS = {kind: tuple(spec.name for spec in fields(kind)) for kind in (DatasetHit, FieldHit)}


def term_hit_body(hit: TermHit) -> dict[str, Any]:
    term = hit.term
    return {
        "code": term.code, "name_vi": term.name_vi, "name_en": term.name_en,
        "definition_vi": term.definition_vi, "standard": term.standard.code, "status": term.status,
        "matched": hit.matched, "score": hit.score,
        "url": url_for("rdf.term", name=term.code),
    }  # fmt: skip


def _pagination_of(total: int, page: int, page_size: int) -> dict[str, str]:
    pages = max(1, -(-total // page_size))
    return {
        "X-Pagination": json.dumps(
            {"total": total, "total_pages": pages, "page": page, "page_size": page_size}
        )
    }


def _pagination(results: Results) -> dict[str, str]:
    pages = max(1, -(-results.total // results.page_size))
    return {
        "X-Pagination": json.dumps(
            {
                "total": results.total,
                "total_pages": pages,
                "page": results.page,
                "page_size": results.page_size,
            }
        )
    }


# The argument schemas are given as instances: webargs builds a new one per request from a class,
# a millisecond on the busiest endpoints of the API.
@blp.route("")
class Search(MethodView):
    @blp.arguments(SearchArgs(), location="query", unknown=RAISE)
    @blp.response(200, DatasetResultsSchema)
    @errors(blp, 422)
    def get(self, args):
        """Search datasets

        Matches titles, descriptions, keywords, owners, standards and field names, with or without
        diacritics, abbreviations (CCCD, MST, UBND…) and small typos. A query of several words
        needs most of them (all of up to three syllables, 75 % of more). Facet filters: values of one
        facet combine with OR, different facets with AND.
        """
        query = DatasetQuery.build(**_query(args, SearchArgs.facet_names))
        return _answer(_service().search(query, current_visibility()))


@blp.route("/fields")
class SearchFields(MethodView):
    @blp.arguments(FieldSearchArgs(), location="query", unknown=RAISE)
    @blp.response(200, FieldResultsSchema)
    @errors(blp, 422)
    def get(self, args):
        """Search fields (data elements) across all datasets"""
        query = FieldQuery.build(**_query(args, FieldSearchArgs.facet_names))
        return _answer(_service().search_fields(query, current_visibility()))


@blp.route("/suggest")
class Suggest(MethodView):
    @blp.arguments(SuggestArgs(), location="query", unknown=RAISE)
    @blp.response(200, SuggestionsSchema)
    @errors(blp, 422)
    def get(self, args):
        """Dataset titles for what is being typed (the last word may be unfinished)"""
        suggestions, reason = _service().suggest(args["q"], current_visibility(), args["limit"])
        return {"suggestions": suggestions, "degraded": reason is not None, "reason": _reason(reason)}


@blp.route("/terms")
class SearchTerms(MethodView):
    @blp.arguments(TermSearchArgs(), location="query", unknown=RAISE)
    @blp.response(200, TermResultsSchema)
    @errors(blp, 422)
    def get(self, args):
        """Search the terms of the shared data dictionary

        Matches each term's code, names, synonyms and abbreviations, with or without diacritics,
        and the abbreviations of the search (CCCD, MST…); every word of the query must match.
        Answered from the database on every search engine: the register holds hundreds of terms,
        which are public metadata, drafts included.
        """
        hits, total = services().term_search.search(args["q"], args["page"], args["page_size"])
        return {
            "engine": "database",
            "total": total,
            "page": args["page"],
            "page_size": args["page_size"],
            "items": [term_hit_body(hit) for hit in hits],
        }, _pagination_of(total, args["page"], args["page_size"])

"""/api/v1/terms: the shared data dictionary (terms, history, holders, suggestions) and the
conformance of datasets and agencies to it."""

from __future__ import annotations

from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.terms import (
    AgencyConformanceSchema,
    DatasetConformanceSchema,
    FieldConformanceSchema,
    TermInputSchema,
    TermQuerySchema,
    TermSchema,
    TermSuggestionQuerySchema,
    TermSuggestionSchema,
    TermVersionSchema,
)
from app.wiring import services
from dictionary.services.terms import TermFilters

blp = Blueprint(
    "terms", __name__, url_prefix="/terms", description="The shared data dictionary (Decision 2439/QĐ-TTg)"
)
conformance_blp = Blueprint(
    "conformance",
    __name__,
    url_prefix="",
    description="Conformance of fields to the shared data dictionary, and the terms a field may hold",
)


@blp.route("")
class Terms(MethodView):
    @blp.arguments(TermQuerySchema, location="query")
    @blp.response(200, TermSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, query, pagination_parameters):
        """List terms, filtered by text, status, issuing dictionary or provincial additions"""
        items, total = services().terms.list(
            TermFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(TermInputSchema)
    @blp.response(201, TermSchema, headers=ETAG)
    @errors(blp, 409)
    def post(self, data):
        """Register a term"""
        note = data.pop("note", None)
        term = services().terms.create(data, note)
        return term, etag_header(term.lock_version)


@blp.route("/<code>")
class TermItem(MethodView):
    @blp.response(200, TermSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, code):
        """One term"""
        term = services().terms.get(code)
        return term, etag_header(term.lock_version)

    @blp.arguments(TermInputSchema(partial=True))
    @blp.response(200, TermSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, code):
        """Change a term (each change is kept, dated, in its history)"""
        note = data.pop("note", None)
        term = services().terms.update(code, data, if_match(), note)
        return term, etag_header(term.lock_version)

    @blp.response(204)
    @write(blp, 404, 409)
    def delete(self, code):
        """Delete a term no field maps to (otherwise mark it superseded)"""
        services().terms.delete(code, if_match())


@blp.route("/<code>/history")
class TermHistory(MethodView):
    @blp.response(200, TermVersionSchema(many=True))
    @errors(blp, 404)
    def get(self, code):
        """The term's dated versions, oldest first"""
        return services().terms.history(code)


@blp.route("/<code>/fields")
class TermFields(MethodView):
    @blp.response(200, FieldConformanceSchema(many=True))
    @errors(blp, 404)
    def get(self, code):
        """Every field in the province (that the caller may see) holding the term, with its conformance"""
        return services().conformance.term_report(code)[1]


@conformance_blp.route("/datasets/<slug>/conformance")
class DatasetConformance(MethodView):
    @conformance_blp.response(200, DatasetConformanceSchema)
    @errors(conformance_blp, 404)
    def get(self, slug):
        """The dataset's fields that hold terms, checked against them"""
        return services().conformance.dataset_report(slug)


@conformance_blp.route("/agencies/<code>/conformance")
class AgencyConformance(MethodView):
    @conformance_blp.response(200, AgencyConformanceSchema)
    @errors(conformance_blp, 404)
    def get(self, code):
        """Deviations from the shared data dictionary in the datasets the agency owns"""
        return services().conformance.agency_report(code)


@conformance_blp.route("/term-suggestions")
class TermSuggestions(MethodView):
    @conformance_blp.arguments(TermSuggestionQuerySchema, location="query")
    @conformance_blp.response(200, TermSuggestionSchema(many=True))
    def get(self, query):
        """Terms a field probably holds, from its name and label (folded Vietnamese, abbreviations)"""
        return services().term_suggestions.suggest(query.get("name"), query.get("label"), query["limit"])

"""/api/v1/standards: the register of standards."""

from __future__ import annotations

from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.dictionary import StandardInputSchema, StandardQuerySchema, StandardSchema
from app.wiring import services
from dictionary.services import StandardFilters

blp = Blueprint("standards", __name__, url_prefix="/standards", description="The register of standards")


@blp.route("")
class Standards(MethodView):
    @blp.arguments(StandardQuerySchema, location="query")
    @blp.response(200, StandardSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, query, pagination_parameters):
        """List standards, filtered by text, kind or status"""
        items, total = services().standards.list(
            StandardFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(StandardInputSchema)
    @blp.response(201, StandardSchema, headers=ETAG)
    @errors(blp, 409)
    def post(self, data):
        """Register a standard"""
        standard = services().standards.create(data)
        return standard, etag_header(standard.lock_version)


@blp.route("/<code>")
class StandardItem(MethodView):
    @blp.response(200, StandardSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, code):
        """One standard"""
        standard = services().standards.get(code)
        return standard, etag_header(standard.lock_version)

    @blp.arguments(StandardInputSchema(partial=True))
    @blp.response(200, StandardSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, code):
        """Change a standard"""
        standard = services().standards.update(code, data, if_match())
        return standard, etag_header(standard.lock_version)

    @blp.response(204)
    @write(blp, 404, 409)
    def delete(self, code):
        """Delete a standard nothing refers to (otherwise mark it superseded)"""
        services().standards.delete(code, if_match())

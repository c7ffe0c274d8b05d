"""/api/v1/agencies: the agency register, its tree and its lineage."""

from __future__ import annotations

from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.agencies import (
    AgencyInputSchema,
    AgencyQuerySchema,
    AgencySchema,
    MergeSchema,
    RenameSchema,
    SplitSchema,
)
from app.wiring import services
from dictionary.services import AgencyFilters

blp = Blueprint("agencies", __name__, url_prefix="/agencies", description="Agencies and their lineage")


@blp.route("")
class Agencies(MethodView):
    @blp.arguments(AgencyQuerySchema, location="query")
    @blp.response(200, AgencySchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, query, pagination_parameters):
        """List agencies, filtered by text, level, parent or the day they were active"""
        items, total = services().agencies.list(
            AgencyFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(AgencyInputSchema)
    @blp.response(201, AgencySchema, headers=ETAG)
    @errors(blp, 409)
    def post(self, data):
        """Register an agency"""
        agency = services().agencies.create(data)
        return agency, etag_header(agency.lock_version)


@blp.route("/<code>")
class AgencyItem(MethodView):
    @blp.response(200, AgencySchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, code):
        """One agency with its lineage events"""
        agency = services().agencies.get(code)
        return agency, etag_header(agency.lock_version)

    @blp.arguments(AgencyInputSchema(partial=True))
    @blp.response(200, AgencySchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, code):
        """Change some attributes of an agency"""
        agency = services().agencies.update(code, data, if_match())
        return agency, etag_header(agency.lock_version)

    @blp.response(204)
    @write(blp, 404, 409)
    def delete(self, code):
        """Delete an agency that owns nothing and has no sub-agencies"""
        services().agencies.delete(code, if_match())


@blp.route("/<code>/rename")
class AgencyRename(MethodView):
    @blp.arguments(RenameSchema)
    @blp.response(200, AgencySchema, headers=ETAG)
    @write(blp, 404)
    def post(self, data, code):
        """Rename an agency; the former name is kept as a lineage event"""
        agency = services().agencies.rename(code, **data, if_match=if_match())
        return agency, etag_header(agency.lock_version)


@blp.route("/<code>/merge")
class AgencyMerge(MethodView):
    @blp.arguments(MergeSchema)
    @blp.response(200, AgencySchema, headers=ETAG)
    @write(blp, 404, 409)
    def post(self, data, code):
        """Merge other agencies into this one (If-Match: this agency's ETag), moving what they owned"""
        agency = services().agencies.merge(
            data["sources"], into=code, effective_on=data["effective_on"],
            legal_basis=data.get("legal_basis"), if_match=if_match(),
        )  # fmt: skip
        return agency, etag_header(agency.lock_version)


@blp.route("/<code>/split")
class AgencySplit(MethodView):
    @blp.arguments(SplitSchema)
    @blp.response(200, AgencySchema)
    @write(blp, 404, 409)
    def post(self, data, code):
        """Split an agency among several (If-Match: its ETag); each dataset goes to the agency named for it"""
        agency = services().agencies.split(code, **data, if_match=if_match())
        return agency, etag_header(agency.lock_version)


@blp.route("/<code>/children")
class AgencyChildren(MethodView):
    @blp.response(200, AgencySchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    @errors(blp, 404)
    def get(self, pagination_parameters, code):
        """The agencies directly under this one"""
        items, total = services().agencies.children(
            code, pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

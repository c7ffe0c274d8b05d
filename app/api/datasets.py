"""/api/v1/datasets: the catalog entries, their owners and their history."""

from __future__ import annotations

from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.datasets import (
    AssignSchema,
    DatasetCreateSchema,
    DatasetInputSchema,
    DatasetQuerySchema,
    DatasetSchema,
    DatasetSummarySchema,
    DiffQuerySchema,
    DiffSchema,
    RevisionSchema,
    RevisionSummarySchema,
)
from app.wiring import services
from dictionary.services import DatasetFilters

blp = Blueprint("datasets", __name__, url_prefix="/datasets", description="Datasets of the catalog")


@blp.route("")
class Datasets(MethodView):
    @blp.arguments(DatasetQuerySchema, location="query")
    @blp.response(200, DatasetSummarySchema(many=True))
    # 50 by default: the whole open catalog of the demo, or an agency's datasets, in one answer.
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, query, pagination_parameters):
        """List datasets

        Filters combine: agency (optionally with role), status, category, sharing class,
        architecture component, theme, personal data, updated since, minimum quality score and
        freshness. Coded filters take a concept URI or its code.
        """
        items, total = services().datasets.list(
            DatasetFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(DatasetCreateSchema)
    @blp.response(201, DatasetSchema, headers=ETAG)
    @errors(blp, 409)
    def post(self, data):
        """Create a dataset with its owner and, optionally, its fields"""
        dataset = services().datasets.create(data)
        return dataset, etag_header(dataset.lock_version)


@blp.route("/<slug>")
class DatasetItem(MethodView):
    @blp.response(200, DatasetSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, slug):
        """One dataset with its fields, owners, mappings, distributions and quality (by slug or id)"""
        dataset = services().datasets.get(slug)
        return dataset, etag_header(dataset.lock_version)

    @blp.arguments(DatasetInputSchema(partial=True))
    @blp.response(200, DatasetSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, slug):
        """Change some attributes of a dataset; contact points, if given, replace the current ones"""
        dataset = services().datasets.update(slug, data, if_match())
        return dataset, etag_header(dataset.lock_version)

    @blp.response(204)
    @write(blp, 404, 409)
    def delete(self, slug):
        """Delete a draft dataset (published ones are retired instead)"""
        services().datasets.delete(slug, if_match())


@blp.route("/<slug>/ownerships")
class DatasetOwnerships(MethodView):
    @blp.arguments(AssignSchema)
    @blp.response(200, DatasetSchema, headers=ETAG)
    @write(blp, 404, 409)
    def post(self, data, slug):
        """Give a role (owner, custodian, steward) to an agency from a date, closing the previous holder's"""
        dataset = services().datasets.assign(slug, **data, if_match=if_match())
        return dataset, etag_header(dataset.lock_version)


@blp.route("/<slug>/revisions")
class DatasetRevisions(MethodView):
    @blp.response(200, RevisionSummarySchema(many=True))
    @blp.paginate(page_size=20, max_page_size=200)
    @errors(blp, 404)
    def get(self, pagination_parameters, slug):
        """The history of a dataset, newest first"""
        items, total = services().revisions.list(
            slug, pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/<slug>/revisions/<int:number>")
class DatasetRevision(MethodView):
    @blp.response(200, RevisionSchema)
    @errors(blp, 404)
    def get(self, slug, number):
        """One revision with the full snapshot it stored"""
        return services().revisions.get(slug, number)


@blp.route("/<slug>/revisions/<int:number>/restore")
class DatasetRestore(MethodView):
    @blp.response(200, DatasetSchema, headers=ETAG)
    @write(blp, 404)
    def post(self, slug, number):
        """Restore the description, dictionary and distributions of a revision (as a new revision)"""
        dataset = services().datasets.restore(slug, number, if_match())
        return dataset, etag_header(dataset.lock_version)


@blp.route("/<slug>/diff")
class DatasetDiff(MethodView):
    @blp.arguments(DiffQuerySchema, location="query")
    @blp.response(200, DiffSchema)
    @errors(blp, 404)
    def get(self, query, slug):
        """What changed between two revisions: attributes, fields added, removed or changed"""
        changes = services().revisions.diff(slug, query["from_"], query["to"])
        return {"from_": query["from_"], "to": query["to"], "changes": changes}

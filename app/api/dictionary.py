"""/api/v1/datasets/<slug>/fields, /mappings and /distributions: a dataset's data dictionary."""

from __future__ import annotations

from uuid import UUID

from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.datasets import DatasetSchema
from app.api.schemas.dictionary import (
    DistributionInputSchema,
    DistributionSchema,
    FieldInputSchema,
    FieldListSchema,
    FieldSchema,
    MappingCreateSchema,
    MappingSchema,
    MappingUpdateSchema,
)
from app.wiring import services

blp = Blueprint(
    "dictionary", __name__, url_prefix="/datasets/<slug>", description="Fields, mappings and distributions"
)


@blp.route("/fields")
class Fields(MethodView):
    @blp.response(200, FieldSchema(many=True), headers=ETAG)
    @errors(blp, 404)
    def get(self, slug):
        """The dataset's fields, in order, with the dataset's ETag (to send back with a PUT)"""
        dataset = services().datasets.get(slug)
        return dataset.fields, etag_header(dataset.lock_version)

    @blp.arguments(FieldInputSchema)
    @blp.response(201, FieldSchema, headers=ETAG)
    @write(blp, 404, 409)
    def post(self, data, slug):
        """Add a field (at ``position``, or at the end)"""
        field = services().fields.add(slug, data, if_match())
        return field, etag_header(field.dataset.lock_version)

    @blp.arguments(FieldListSchema)
    @blp.response(200, DatasetSchema, headers=ETAG)
    @write(blp, 404)
    def put(self, data, slug):
        """Replace the whole dictionary in one request; fields are matched by name, order is kept"""
        dataset = services().fields.replace_all(slug, data["fields"], if_match())
        return dataset, etag_header(dataset.lock_version)


@blp.route("/fields/<name>")
class FieldItem(MethodView):
    @blp.response(200, FieldSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, slug, name):
        """One field, with the dataset's ETag"""
        svc = services()
        dataset = svc.datasets.get(slug)
        return svc.fields.get(dataset, name), etag_header(dataset.lock_version)

    @blp.arguments(FieldInputSchema(partial=True))
    @blp.response(200, FieldSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, slug, name):
        """Change a field (``position`` moves it)"""
        field = services().fields.update(slug, name, data, if_match())
        return field, etag_header(field.dataset.lock_version)

    @blp.response(204)
    @write(blp, 404)
    def delete(self, slug, name):
        """Remove a field and its mappings"""
        services().fields.delete(slug, name, if_match())


@blp.route("/mappings")
class Mappings(MethodView):
    @blp.response(200, MappingSchema(many=True), headers=ETAG)
    @errors(blp, 404)
    def get(self, slug):
        """Every mapping of the dataset and its fields onto standards, with the dataset's ETag"""
        dataset = services().datasets.get(slug)
        return dataset.mappings, etag_header(dataset.lock_version)

    @blp.arguments(MappingCreateSchema)
    @blp.response(201, MappingSchema, headers=ETAG)
    @write(blp, 404, 409)
    def post(self, data, slug):
        """Map the dataset, or one of its fields (``field``), onto a standard"""
        mapping = services().mappings.add(slug, data, if_match())
        return mapping, etag_header(mapping.dataset.lock_version)


@blp.route("/mappings/<uuid:mapping_id>")
class MappingItem(MethodView):
    @blp.arguments(MappingUpdateSchema)
    @blp.response(200, MappingSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, slug, mapping_id: UUID):
        """Change a mapping's term, relation or note"""
        mapping = services().mappings.update(slug, mapping_id, data, if_match())
        return mapping, etag_header(mapping.dataset.lock_version)

    @blp.response(204)
    @write(blp, 404)
    def delete(self, slug, mapping_id: UUID):
        """Remove a mapping"""
        services().mappings.delete(slug, mapping_id, if_match())


@blp.route("/distributions")
class Distributions(MethodView):
    @blp.response(200, DistributionSchema(many=True), headers=ETAG)
    @errors(blp, 404)
    def get(self, slug):
        """How the dataset is reached, with the dataset's ETag"""
        dataset = services().datasets.get(slug)
        return dataset.distributions, etag_header(dataset.lock_version)

    @blp.arguments(DistributionInputSchema)
    @blp.response(201, DistributionSchema, headers=ETAG)
    @write(blp, 404, 409)
    def post(self, data, slug):
        """Add a distribution or access service"""
        distribution = services().distributions.add(slug, data, if_match())
        return distribution, etag_header(distribution.dataset.lock_version)


@blp.route("/distributions/<dist>")
class DistributionItem(MethodView):
    @blp.response(200, DistributionSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, slug, dist):
        """One distribution, with the dataset's ETag"""
        svc = services()
        dataset = svc.datasets.get(slug)
        return svc.distributions.get(dataset, dist), etag_header(dataset.lock_version)

    @blp.arguments(DistributionInputSchema(partial=True))
    @blp.response(200, DistributionSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data, slug, dist):
        """Change a distribution"""
        distribution = services().distributions.update(slug, dist, data, if_match())
        return distribution, etag_header(distribution.dataset.lock_version)

    @blp.response(204)
    @write(blp, 404)
    def delete(self, slug, dist):
        """Remove a distribution"""
        services().distributions.delete(slug, dist, if_match())

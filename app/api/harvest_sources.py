"""/api/v1/harvest/sources: stored harvest sources (administrators) and the history of their jobs."""

from __future__ import annotations

import uuid
from typing import Any

from flask import url_for
from flask.views import MethodView

from app.api.common import ETAG, Blueprint, errors, etag_header, if_match, write
from app.api.schemas.harvest import (
    HarvestJobReportSchema,
    HarvestJobSchema,
    HarvestSourceInputSchema,
    HarvestSourceSchema,
)
from app.harvesting import refuse_own_address, source_runner
from app.wiring import services

LOCATION = {
    "Location": {
        "required": True,
        "schema": {"type": "string", "format": "uri"},
        "description": "The job's report: /api/v1/harvest/sources/{source_id}/jobs/{job_id}",
    }
}

blp = Blueprint(
    "harvest_sources", __name__, url_prefix="/harvest/sources", description="Harvest sources and their jobs"
)


@blp.route("")
class HarvestSources(MethodView):
    @blp.response(200, HarvestSourceSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, pagination_parameters: Any) -> Any:
        """List harvest sources, by name"""
        items, total = services().harvest_sources.list(
            pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(HarvestSourceInputSchema)
    @blp.response(201, HarvestSourceSchema, headers=ETAG)
    @errors(blp, 409)
    def post(self, data: dict[str, Any]) -> Any:
        """Register a harvest source (a DCAT-AP document or a CKAN Action API)"""
        source = services().harvest_sources.create(refuse_own_address(data))
        return source, etag_header(source.lock_version)


@blp.route("/<uuid:source_id>")
class HarvestSourceItem(MethodView):
    @blp.response(200, HarvestSourceSchema, headers=ETAG)
    @errors(blp, 404)
    def get(self, source_id: uuid.UUID) -> Any:
        """One harvest source"""
        source = services().harvest_sources.get(source_id)
        return source, etag_header(source.lock_version)

    @blp.arguments(HarvestSourceInputSchema(partial=True))
    @blp.response(200, HarvestSourceSchema, headers=ETAG)
    @write(blp, 404, 409)
    def patch(self, data: dict[str, Any], source_id: uuid.UUID) -> Any:
        """Change a harvest source"""
        source = services().harvest_sources.update(source_id, refuse_own_address(data), if_match())
        return source, etag_header(source.lock_version)

    @blp.response(204)
    @write(blp, 404, 409)
    def delete(self, source_id: uuid.UUID) -> None:
        """Delete a harvest source and its jobs (the datasets it harvested stay)"""
        services().harvest_sources.delete(source_id, if_match())


@blp.route("/<uuid:source_id>/jobs")
class HarvestJobs(MethodView):
    @blp.response(200, HarvestJobSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    @errors(blp, 404)
    def get(self, source_id: uuid.UUID, pagination_parameters: Any) -> Any:
        """The runs of a source, newest first"""
        items, total = services().harvest_sources.jobs(
            source_id, pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.response(201, HarvestJobReportSchema, headers=LOCATION)
    @errors(blp, 404, 409)
    def post(self, source_id: uuid.UUID) -> Any:
        """Run the source now, within its time limit: the finished job with its report

        The same run as the web page's "run now" (trigger ``manual``); 409 while a run of the
        source is in progress. A run that fails (a page that cannot be read, the time limit) is
        still a job: 201, with its status ``failed`` and the reason.
        """
        job = source_runner(services().ctx).run(source_id, "manual")
        location = url_for(
            "harvest_sources.HarvestJobItem", source_id=source_id, job_id=job.id, _external=True
        )
        return job, {"Location": location}


@blp.route("/<uuid:source_id>/jobs/<uuid:job_id>")
class HarvestJobItem(MethodView):
    @blp.response(200, HarvestJobReportSchema)
    @errors(blp, 404)
    def get(self, source_id: uuid.UUID, job_id: uuid.UUID) -> Any:
        """One run of a source with its report: every record's outcome and reason"""
        return services().harvest_sources.job(source_id, job_id)

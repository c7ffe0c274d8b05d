"""The REST API under /api/v1, documented as OpenAPI 3 at /api/openapi.json."""

from __future__ import annotations

from flask_smorest import Api

from app.api import (
    access,
    accounts,
    agencies,
    audit,
    campaigns,
    datasets,
    dcat,
    dictionary,
    harvest_sources,
    search,
    spreadsheets,
    standards,
    statistics,
    term_files,
    terms,
    vocabularies,
)

BLUEPRINTS = (
    agencies.blp,
    datasets.blp,
    dictionary.blp,
    standards.blp,
    terms.blp,
    terms.conformance_blp,
    vocabularies.blp,
    dcat.blp,
    harvest_sources.blp,
    spreadsheets.blp,
    term_files.blp,
    accounts.blp,
    access.blp,
    access.notifications_blp,
    campaigns.blp,
    audit.blp,
    search.blp,
    statistics.blp,
)


def register_api(api: Api) -> None:
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix=f"/api/v1{blueprint.url_prefix}")

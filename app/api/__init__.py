"""The REST API under /api/v1, documented as OpenAPI 3 at /api/openapi.json."""

from __future__ import annotations

from flask_smorest import Api

from app.api import (
    access,
    accounts,
    agencies,
    audit,
    datasets,
    dcat,
    dictionary,
    harvest_sources,
    search,
    spreadsheets,
    standards,
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
    accounts.blp,
    access.blp,
    access.notifications_blp,
    audit.blp,
    search.blp,
)


def register_api(api: Api) -> None:
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix=f"/api/v1{blueprint.url_prefix}")

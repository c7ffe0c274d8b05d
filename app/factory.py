"""``create_app``: wires settings, database, vocabularies, search and the API into a Flask app."""

from __future__ import annotations

import gc

from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api
from marshmallow import Schema
from werkzeug.middleware.proxy_fix import ProxyFix

from app import auth, compression, db, errors, mail, web
from app.api import register_api
from app.api.common import Int32Converter
from app.ckan import blueprint as ckan_blueprint
from app.config import Settings
from app.extension import Catalog
from app.rdf import blueprint as rdf_blueprint
from app.web.login import blueprint as login_blueprint
from search.service import build_search
from vocab.skos import load_vocabularies


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__, instance_path=str(settings.instance_path.resolve()))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_content_length,
        JSON_SORT_KEYS=False,
        API_TITLE="Shared Data Catalog API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        # /api/docs is app.web.api_docs (Swagger UI from the swagger-ui-bundle package, the site's
        # CSP), not flask-smorest's page, which loads it from a CDN with an inline script.
        API_SPEC_OPTIONS={
            "info": {
                "description": (
                    "Catalog and data dictionary of the province's shared databases: agencies, datasets, "
                    "fields, standards, mappings, distributions, vocabularies and history. Coded values "
                    "are SKOS concept URIs (a code is accepted on input). Writes require If-Match with the "
                    "resource's strong ETag: 428 without it, 412 when it is stale or weak."
                ),
            },
        },
    )
    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False  # Vietnamese readable with curl
    compression.init_app(app)  # first registered, so it runs after every other after_request
    app.url_map.converters["int"] = Int32Converter  # before any route: every <int:…> is bounded

    engine = db.make_engine(settings)
    sessions = db.init_app(app, engine)
    vocabularies = load_vocabularies(cache_dir=settings.resolved_cache_dir)
    # The vocabularies (tens of thousands of rdflib objects) live as long as the process; keep the
    # garbage collector from walking them on every full collection (a third of a DCAT page's CPU).
    gc.freeze()
    search = build_search(
        settings.search_engine, settings.search_url, settings.search_index, engine, sessions
    )
    wired = Catalog(settings, engine, sessions, vocabularies, search)
    if settings.smtp is not None:
        wired.mail = mail.attach(sessions, settings.smtp)
    app.extensions["catalog"] = wired

    api = Api(app, spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name)})
    register_api(api)
    wired.api = api
    app.register_blueprint(rdf_blueprint)
    app.register_blueprint(ckan_blueprint)
    web.init_app(app)
    errors.init_app(app)
    auth.init_app(app, api)  # after errors: its 401/403 handlers are the more specific ones
    app.register_blueprint(login_blueprint)
    if settings.proxy_count:
        n = settings.proxy_count
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    return app


def schema_name(schema: type[Schema] | Schema) -> str:
    """OpenAPI component names: ``DatasetInput`` and, for partial (PATCH) bodies, ``DatasetInputPatch``."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if not isinstance(schema, type) and schema.partial:
        name += "Patch"
    return name

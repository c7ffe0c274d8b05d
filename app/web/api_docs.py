"""``/api/docs``: the OpenAPI document in Swagger UI, served entirely by this server.

A government LAN often reaches no CDN, so Swagger UI's two files come from the
``swagger-ui-bundle`` package (PyPI) installed with the catalog, through a fixed list of names;
the page is one of the site's pages (its ``lang``, header and Content-Security-Policy) and starts
Swagger UI from ``/static/js/api-docs.js``, not from an inline script. ``api-docs.css`` adjusts
Swagger UI's colours that miss WCAG AA contrast.
"""

from __future__ import annotations

from flask import Response, abort, render_template, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

from app.web import bp

ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js"})
"""The only files of the package that are served (no maps, no demo pages)."""
ASSET_MAX_AGE = 24 * 3600


@bp.get("/api/docs")
def api_docs() -> str:
    return render_template("api_docs.html", spec_url=url_for("api-docs.openapi_json"))


@bp.get("/api/docs/assets/<name>")
def api_docs_asset(name: str) -> Response:
    if name not in ASSETS:
        abort(404)
    return send_from_directory(str(swagger_ui_path), name, max_age=ASSET_MAX_AGE)

"""Routes of the CKAN Action API: parse the call, run one action, answer in CKAN's envelope."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from app.auth import current_actor, current_visibility
from app.ckan.actions import CkanActions, Site
from app.ckan.errors import CkanError, NotAuthorized, NotFoundError, ValidationFailed
from app.ckan.mapping import CkanMapper
from app.ckan.params import read_params
from app.extension import catalog_of
from app.wiring import concepts, services
from dictionary.errors import DictionaryError, InvalidInput, NotFound, PermissionDenied
from dictionary.services.listing import CatalogListing
from dictionary.services.signin import NotAuthenticated
from search.interface import MAX_WINDOW, DatasetQuery

blueprint = Blueprint("ckan", __name__)

ACTION_ROUTES = {"/api/3/action": "action", "/api/action": "action_unversioned", "/api/2/action": "action_v2"}
"""CKAN serves its actions under each of these; ckanext-harvest's CKAN harvester calls ``/api/2``."""


def _actions() -> CkanActions:
    catalog = catalog_of()
    visibility = current_visibility()
    agencies = {agency.id: agency for agency in services().agencies.among(None)}
    settings = catalog.settings

    def search_text(text: str) -> list[str]:
        query = DatasetQuery.build(text=text, page_size=MAX_WINDOW, facets=False, highlight=False)
        return [hit.id for hit in catalog.search.service.search(query, visibility).hits]

    return CkanActions(
        CatalogListing(services().ctx, visibility),
        CkanMapper(concepts(), agencies, settings.base_uri),
        search_text,
        signed_in=current_actor().signed_in,
        site=Site(settings.catalog_title_vi, request.url_root.rstrip("/"), settings.catalog_title_en),
    )


def _help(name: str) -> str:
    return url_for("ckan.action", name="help_show", _external=True) + f"?name={name}"


def _envelope(name: str, body: dict[str, Any], status: int = 200) -> Response:
    response = jsonify({"help": _help(name), **body})
    response.status_code = status
    return response


def action(name: str) -> Response:
    result = _actions().call(name, read_params(request))
    return _envelope(name, {"success": True, "result": result})


for prefix, endpoint in ACTION_ROUTES.items():
    blueprint.add_url_rule(f"{prefix}/<name>", endpoint=endpoint, view_func=action, methods=["GET", "POST"])


@blueprint.route("/api/3")
def api_version() -> Response:
    return jsonify({"version": 3})


@blueprint.route("/api/util/status")
def util_status() -> Response:
    """What CKAN's ``/api/util/status`` says (udata's CKAN backend reads it): status_show's result."""
    result = _actions().call("status_show", {})
    return jsonify(result)


# Errors: every failure under these routes in CKAN's shape ----------------------------------------


def _failure(error: CkanError) -> Response:
    name = (request.view_args or {}).get("name", "")
    return _envelope(str(name), {"success": False, "error": error.body()}, error.status)


@blueprint.errorhandler(CkanError)
def _ckan_error(error: CkanError) -> Response:
    return _failure(error)


@blueprint.errorhandler(NotAuthenticated)
def _not_authenticated(error: NotAuthenticated) -> Response:
    # CKAN answers a wrong API key with 403 Authorization Error.
    return _failure(NotAuthorized(_("Truy cập bị từ chối: %(reason)s", reason=error.message)))


@blueprint.errorhandler(PermissionDenied)
def _refused(error: PermissionDenied) -> Response:
    return _failure(NotAuthorized(_("Truy cập bị từ chối: %(reason)s", reason=error.message)))


@blueprint.errorhandler(DictionaryError)
def _domain_error(error: DictionaryError) -> Response:
    if isinstance(error, NotFound):
        return _failure(NotFoundError(_("Không tìm thấy")))
    fields = {k: [str(v)] for k, v in error.errors.items()} if isinstance(error, InvalidInput) else {}
    return _failure(ValidationFailed(error.message, fields))


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    status = error.code or 400
    description = error.description or ""
    kind = CkanError
    if status == 404:
        kind = NotFoundError
    elif status == 403:
        kind = NotAuthorized
    failure = kind(description)
    failure.status = status
    return _failure(failure)

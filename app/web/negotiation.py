"""HTML or RDF at one URI: browsers get the page, harvesters the RDF, from the same route.

``app.rdf`` owns the URLs of the published URIs (``/dataset/<slug>``, ``/agency/<code>``…) and
negotiates RDF formats; before that it asks :func:`html_page` whether the client prefers a web
page. Only an explicit ``text/html`` (or XHTML) at least as wanted as every RDF type counts: a
browser's ``text/html,…,*/*;q=0.8`` gets HTML, while ``*/*``, no header, or ``text/turtle`` keep
getting RDF, as harvesters expect. Responses of both kinds carry ``Vary: Accept``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, make_response, request

from app.extension import catalog_of

HTML_TYPES = ("text/html", "application/xhtml+xml")
RDF_TYPES = (
    "text/turtle",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-triples",
    "application/x-turtle",
    "text/n3",
    "application/json",
)


def prefers_html() -> bool:
    """The client names HTML explicitly, with a quality no lower than any RDF type it names."""
    html = max((q for value, q in request.accept_mimetypes if value in HTML_TYPES), default=0.0)
    rdf = max((q for value, q in request.accept_mimetypes if value in RDF_TYPES), default=0.0)
    return html > 0 and html >= rdf


def html_page(kind: str, key: str, **keys: str) -> Response | None:
    """The page of a resource (``dataset``, ``agency``, ``standard``, ``vocabulary``, ``concept``)
    when the client prefers HTML and the web pages are installed; None otherwise."""
    pages: dict[str, Callable[..., Any]] = catalog_of().html_pages
    render = pages.get(kind)
    if render is None or not prefers_html():
        return None
    response = make_response(render(key, **keys))
    response.vary.add("Accept")
    return response


def init_app(app: Flask) -> None:
    from app.web import datasets, registry, terms

    catalog_of(app).html_pages = {
        "dataset": datasets.dataset_page,
        "agency": registry.agency_page,
        "standard": registry.standard_page,
        "term": terms.term_page,
        "vocabulary": registry.vocabulary_page,
        "concept": registry.concept_page,
    }

"""Linked-data routes: the DCAT-AP catalog, datasets, agencies, standards and vocabularies in RDF.

Every resource answers in Turtle, RDF/XML, JSON-LD or N-Triples, by explicit suffix
(``/catalog.ttl``, ``/dataset/<slug>.jsonld``; ``.xml`` is RDF/XML as in ckanext-dcat) or by the
``Accept`` header (``*/*`` and no header get Turtle). A browser that prefers HTML gets the
resource's web page where there is one (:mod:`app.web.negotiation`); a client that accepts none of
the RDF types otherwise gets 406. The catalog is paged with Hydra (``page``, ``page_size``,
``modified_since``) and streamed batch by batch. What goes out is what the caller may see
(:func:`app.auth.current_visibility`): an anonymous harvester gets published, open datasets only.
Views stay thin: parse the request, one call to :class:`vocab.dcat_service.DcatPublisher`, respond.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, request, stream_with_context
from rdflib import URIRef

from app.auth import current_visibility
from app.errors import error_response
from app.extension import catalog_of
from app.web.negotiation import html_page
from app.wiring import concepts, services
from dictionary.errors import NotFound
from dictionary.services.publication import PublicationService
from dictionary.visibility import Visibility
from vocab.csvw import MEDIA_TYPE as CSVW_MEDIA_TYPE
from vocab.csvw import csvw_metadata
from vocab.dcat import CatalogInfo, DcatContext, Uris
from vocab.dcat_service import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, DcatPublisher
from vocab.dcat_terms import Terms
from vocab.rdf_terms import Iri, from_rdflib
from vocab.rdf_writers import FORMATS, SUFFIX_ALIASES, RdfFormat, TripleBuffer, format_for
from vocab.rdf_writers import serialize as serialize_rdf
from vocab.shacl import DcatValidator
from vocab.tableschema import table_schema

blueprint = Blueprint("rdf", __name__)

OFFERED = [fmt.media_type for fmt in FORMATS.values()] + [
    media for fmt in FORMATS.values() for media in fmt.also if media not in ("text/plain", "application/xml")
]
"""Media types served by negotiation, Turtle first (the answer to ``*/*``)."""
SUFFIXES = set(FORMATS) | set(SUFFIX_ALIASES)


class BadQuery(Exception):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


# Wiring ------------------------------------------------------------------------------------


def dcat_context(visibility: Visibility | None = None) -> DcatContext:
    settings = catalog_of().settings
    wired = catalog_of()
    if wired.dcat_terms is None:
        wired.dcat_terms = Terms(concepts())
    terms = wired.dcat_terms
    info = CatalogInfo(
        base_uri=settings.base_uri,
        title_vi=settings.catalog_title_vi,
        title_en=settings.catalog_title_en,
        publisher_code=settings.publisher_agency,
    )
    # The caller's visibility (app.auth): anonymous harvesters get published open datasets only.
    return DcatContext(Uris(settings.base_uri), terms, info, visibility or current_visibility())


def publisher() -> DcatPublisher:
    return DcatPublisher(services().ctx, dcat_context())


def is_own_address(url: str) -> bool:
    """Whether a URL is under this catalog's base URI (a harvest of it would harvest ourselves)."""
    own = urlsplit(catalog_of().settings.base_uri).netloc.lower()
    return urlsplit(url).netloc.lower() == own


def validator() -> DcatValidator:
    wired = catalog_of()
    if wired.dcat_validator is None:
        wired.dcat_validator = DcatValidator()
    return wired.dcat_validator


@blueprint.errorhandler(BadQuery)
def _bad_query(error: BadQuery) -> Response:
    return error_response(400, f"{error.name}: {error.reason}", {"query": {error.name: [error.reason]}})


# Negotiation -------------------------------------------------------------------------------


def split_suffix(name: str) -> tuple[str, str | None]:
    """``"ho-so.ttl"`` → ``("ho-so", "ttl")``; a dot that is not a known suffix stays in the name
    (agency codes such as ``H68.06`` contain dots)."""
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and suffix.lower() in SUFFIXES:
        return stem, suffix.lower()
    return name, None


def negotiate(suffix: str | None) -> RdfFormat | Response:
    if suffix is not None:
        fmt = format_for(suffix)
        if fmt is None:
            return error_response(404, f"Unknown format suffix '.{suffix}'")
        return fmt
    if not request.accept_mimetypes:
        return FORMATS["ttl"]  # no Accept header means anything goes (RFC 9110 §12.5.1)
    best = request.accept_mimetypes.best_match(OFFERED)
    if best is None:
        served = ", ".join(fmt.media_type for fmt in FORMATS.values())
        return error_response(406, f"This resource is served as RDF only: {served}")
    return format_for(best) or FORMATS["ttl"]


def rdf_response(body: str | Iterator[str], fmt: RdfFormat, negotiated: bool) -> Response:
    response = Response(body, content_type=fmt.content_type)
    if negotiated:
        response.headers["Vary"] = "Accept"
    return response


def _rdf_view(
    name: str, render: Callable[[str, RdfFormat], str | Iterator[str]], page: str | None = None, **keys: str
) -> Response:
    key, suffix = split_suffix(name)
    # One route per URI: a browser asking for text/html gets the web page of the resource.
    if suffix is None and page is not None and (html := html_page(page, key, **keys)) is not None:
        return html
    fmt = negotiate(suffix)
    if isinstance(fmt, Response):
        return fmt
    return rdf_response(render(key, fmt), fmt, suffix is None)


# Routes ------------------------------------------------------------------------------------


@blueprint.get("/catalog")
@blueprint.get("/catalog.<suffix>")
def catalog(suffix: str | None = None) -> Response:
    fmt = negotiate(suffix)
    if isinstance(fmt, Response):
        return fmt
    page = _int_arg("page", 1, 1, None)
    page_size = _int_arg("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    since = _since_arg("modified_since")
    # The stream outlives the view: the request's session is rolled back and closed when the view
    # returns, so the stream reads through a session of its own, closed when the stream ends (or
    # the client goes away and the server closes the iterator).
    session = catalog_of().sessionmaker()
    try:
        ctx = replace(services().ctx, session=session)
        result = DcatPublisher(ctx, dcat_context()).catalog_page(fmt, page, page_size, since)
    except BaseException:
        session.close()
        raise

    def chunks() -> Iterator[str]:
        try:
            yield from result.chunks
        finally:
            session.close()

    response = rdf_response(stream_with_context(chunks()), fmt, suffix is None)
    response.headers["X-Total-Count"] = str(result.info.total)
    return response


@blueprint.get("/dataset/<name>")
def dataset(name: str) -> Response:
    response = _rdf_view(name, lambda slug, fmt: publisher().dataset(slug, fmt), "dataset")
    if response.status_code == 200:
        slug = split_suffix(name)[0]
        uris = dcat_context().uris
        response.headers["Link"] = (
            f'<{uris.csvw(slug)}>; rel="describedby"; type="{CSVW_MEDIA_TYPE}", '
            f'<{uris.table_schema(slug)}>; rel="describedby"; type="application/json"'
        )
    return response


@blueprint.get("/dataset/<slug>/csvw.json")
def dataset_csvw(slug: str) -> Response:
    """The data dictionary as CSVW metadata (what the distributions' dct:conformsTo names)."""
    ctx = dcat_context()
    item = PublicationService(services().ctx).dataset(slug, ctx.visibility)
    return _json(csvw_metadata(item, ctx), CSVW_MEDIA_TYPE)


@blueprint.get("/dataset/<slug>/tableschema.json")
def dataset_table_schema(slug: str) -> Response:
    """The data dictionary as a Frictionless Table Schema."""
    ctx = dcat_context()
    item = PublicationService(services().ctx).dataset(slug, ctx.visibility)
    return _json(table_schema(item, ctx), "application/json")


@blueprint.get("/agency/<name>")
def agency(name: str) -> Response:
    return _rdf_view(name, lambda code, fmt: publisher().agency(code, fmt), "agency")


@blueprint.get("/standard/<name>")
def standard(name: str) -> Response:
    return _rdf_view(name, lambda code, fmt: publisher().standard(code, fmt), "standard")


@blueprint.get("/term/<name>")
def term(name: str) -> Response:
    """A term of the shared data dictionary: SKOS concept plus its technical description."""
    return _rdf_view(name, lambda code, fmt: publisher().term(code, fmt), "term")


@blueprint.get("/vocab/<name>")
def vocabulary(name: str) -> Response:
    def render(scheme_id: str, fmt: RdfFormat) -> str:
        graph = concepts().graph_of(scheme_id)
        if graph is None:
            raise NotFound("Vocabulary", scheme_id)
        return serialize_rdf(graph, fmt)

    return _rdf_view(name, render, "vocabulary")


@blueprint.get("/vocab/<scheme_id>/<name>")
def vocabulary_concept(scheme_id: str, name: str) -> Response:
    def render(code: str, fmt: RdfFormat) -> str:
        vocabularies: Any = concepts()
        uri = vocabularies.resolve(scheme_id, code)
        graph = vocabularies.graph_of(scheme_id) if uri else None
        if graph is None:
            raise NotFound("Concept", f"{scheme_id}/{code}")
        buffer = TripleBuffer()
        for predicate, obj in sorted(
            graph.predicate_objects(URIRef(uri)), key=lambda po: (str(po[0]), str(po[1]))
        ):
            buffer.add((Iri(uri), from_rdflib(predicate), from_rdflib(obj)))
        return serialize_rdf(buffer, fmt)

    return _rdf_view(name, render, "concept", scheme_id=scheme_id)


# Query arguments ---------------------------------------------------------------------------


def _int_arg(name: str, default: int, minimum: int, maximum: int | None) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQuery(name, f"must be a whole number, not {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        limit = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise BadQuery(name, f"must be {limit}")
    return value


def _since_arg(name: str) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is read as UTC."""
    raw = request.args.get(name)
    if not raw:
        return None
    text = raw.strip().replace(" ", "+")  # '+' of an unencoded offset arrives as a space
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time())
        except ValueError:
            raise BadQuery(name, f"must be an ISO 8601 date or date-time, not {raw!r}") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _json(document: dict[str, Any], media_type: str) -> Response:
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=f"{media_type}; charset=utf-8"
    )

"""Agencies (tree and lineage), standards (and where they are used), vocabularies and concepts."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.deviations import describe
from app.web import bp
from app.web.viewer import registry
from app.wiring import concepts, services
from dictionary.errors import NotFound
from dictionary.services import StandardFilters

STANDARDS_PAGE_SIZE = 50


@bp.get("/agencies")
def agencies() -> str:
    return render_template("agencies.html", directory=registry().directory())


def agency_page(code: str) -> str:
    """``/agency/<code>`` for browsers (the route is app.rdf's)."""
    return render_template(
        "agency.html",
        page=registry().agency(code),
        conformance=services().conformance.agency_report(code),
        describe=describe,
    )


@bp.get("/standards")
def standards() -> str:
    q = request.args.get("q", "").strip()[:200]
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    items, total = registry().standards(StandardFilters(q=q or None), page, STANDARDS_PAGE_SIZE)
    return render_template(
        "standards.html", items=items, total=total, q=q, page_number=page, page_size=STANDARDS_PAGE_SIZE
    )


@bp.get("/standards/<code>")
def standard_alias(code: str) -> Response:
    """The register's list links here by habit; the page lives at the standard's URI."""
    return redirect(url_for("rdf.standard", name=code), code=308)


def standard_page(code: str) -> str:
    """``/standard/<code>`` for browsers (the route is app.rdf's)."""
    return render_template("standard.html", page=registry().standard(code))


@bp.get("/vocab")
def vocabularies() -> str:
    return render_template("vocabularies.html", schemes=concepts().schemes())


def vocabulary_page(scheme_id: str) -> str:
    """``/vocab/<scheme>`` for browsers (the route is app.rdf's)."""
    scheme = concepts().scheme(scheme_id)
    if scheme is None:
        raise NotFound("Vocabulary", scheme_id)
    return render_template("vocabulary.html", scheme=scheme)


def concept_page(code: str, scheme_id: str) -> str:
    """``/vocab/<scheme>/<code>`` for browsers (the route is app.rdf's)."""
    vocabularies = concepts()
    uri = vocabularies.resolve(scheme_id, code)
    concept = vocabularies.concept(uri) if uri else None
    if concept is None:
        raise NotFound("Concept", f"{scheme_id}/{code}")
    scheme = vocabularies.scheme(concept.scheme)
    assert scheme is not None  # every loaded concept's scheme is loaded with it
    narrower = [c for c in scheme.concepts if concept.uri in c.broader]
    return render_template("concept.html", concept=concept, scheme=scheme, narrower=narrower)

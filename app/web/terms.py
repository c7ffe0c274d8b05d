"""The shared data dictionary on the web: the list of terms and a term's page (with its holders)."""

from __future__ import annotations

from flask import render_template, request

from app.deviations import NOT_CHECKED_REASONS, VERDICTS, describe
from app.web import bp
from app.wiring import services
from dictionary.services.terms import TermFilters

TERMS_PAGE_SIZE = 50


@bp.get("/terms")
def terms() -> str:
    q = request.args.get("q", "").strip()[:200]
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    items, total = services().terms.list(TermFilters(q=q or None), page, TERMS_PAGE_SIZE)
    return render_template(
        "terms.html", items=items, total=total, q=q, page_number=page, page_size=TERMS_PAGE_SIZE
    )


def term_page(code: str) -> str:
    """``/term/<code>`` for browsers (the route is app.rdf's): the term, its history, its holders."""
    term, holders = services().conformance.term_report(code)
    return render_template(
        "term.html",
        term=term,
        holders=holders,
        verdicts=VERDICTS,
        reasons=NOT_CHECKED_REASONS,
        describe=describe,
    )

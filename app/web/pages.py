"""The home page, the public summary and the search page."""

from __future__ import annotations

from flask import render_template, request

from app.web import bp
from app.web.access import STATES
from app.web.finder import SearchForm, search, suggest_url
from app.web.templating import agency_name, label
from app.web.viewer import browse
from app.wiring import services


@bp.get("/")
def home() -> str:
    return render_template("home.html", summary=browse().summary(), suggest_url=suggest_url())


@bp.get("/statistics")
def statistics() -> str:
    """The public summary with its charts (as ``GET /api/v1/statistics``)."""
    summary = services().statistics.summary()
    # Bars are labelled in the page's language, as plain text (an SVG <text> holds no markup).
    rows = {
        "agency": [(agency_name(a).striptags(), a.datasets) for a in summary.by_agency],
        "sharing": [(label(uri).striptags(), count) for uri, count in summary.by_sharing_class],
        "component": [(label(uri).striptags(), count) for uri, count in summary.by_component],
        "theme": [(label(uri).striptags(), count) for uri, count in summary.by_theme],
        "requests": [(str(STATES[state]), count) for state, count in summary.requests],
    }
    return render_template("statistics.html", summary=summary, rows=rows)


@bp.get("/search")
def search_page() -> str:
    form = SearchForm.parse(request.args)
    return render_template("search.html", page=search(form), suggest_url=suggest_url())

"""The home page and the search page."""

from __future__ import annotations

from flask import render_template, request

from app.web import bp
from app.web.finder import SearchForm, search, suggest_url
from app.web.viewer import browse


@bp.get("/")
def home() -> str:
    return render_template("home.html", summary=browse().summary(), suggest_url=suggest_url())


@bp.get("/search")
def search_page() -> str:
    form = SearchForm.parse(request.args)
    return render_template("search.html", page=search(form), suggest_url=suggest_url())

"""The dataset page (at the dataset's own URI, for browsers) and its revision history with diffs."""

from __future__ import annotations

from flask import render_template, request
from werkzeug.exceptions import BadRequest

from app.auth import current_actor
from app.deviations import describe
from app.web import bp
from app.web.viewer import browse
from app.wiring import services
from dictionary.policies import can_edit

HISTORY_PAGE_SIZE = 25


def dataset_page(slug: str) -> str:
    """``/dataset/<slug>`` for browsers; ``app.rdf`` owns the route and calls this for text/html."""
    page = browse().dataset(slug)
    return render_template(
        "dataset.html",
        page=page,
        may_edit=can_edit(current_actor(), page.dataset),
        conformance=services().conformance.dataset_report(slug),
        describe=describe,
    )


@bp.get("/dataset/<slug>/history")
def dataset_history(slug: str) -> str:
    """Every revision, newest first; with ``?from=&to=`` the changes between two of them."""
    page = request.args.get("page", 1, type=int) or 1
    compare = _compare_args()
    history = browse().history(slug, max(page, 1), HISTORY_PAGE_SIZE, compare)
    return render_template(
        "history.html",
        history=history,
        compare=compare,
        page_number=max(page, 1),
        page_size=HISTORY_PAGE_SIZE,
    )


def _compare_args() -> tuple[int, int] | None:
    old, new = request.args.get("from", ""), request.args.get("to", "")
    if not old and not new:
        return None
    if not (old.isdigit() and new.isdigit()):
        raise BadRequest("from and to must be revision numbers")
    first, second = sorted((int(old), int(new)))
    return first, second

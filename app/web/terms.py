"""The shared data dictionary on the web: the list of terms, a term's page (with its holders), and
the import of a dictionary's terms from a spreadsheet (dry run, then confirm)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.deviations import NOT_CHECKED_REASONS, VERDICTS, describe
from app.web import bp
from app.web.imports import Outcome, apply_kept, check_upload, forget_upload, keep_upload
from app.web.messages import translate
from app.wiring import services
from dictionary.errors import ConfirmationRequired, StaleConfirmation
from dictionary.properties import TERM
from dictionary.services.term_import_report import TermImportReport
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


TERM_IMPORT_KEY = "term_import"
"""The session key of the checked terms file (the dataset import keeps its own)."""


@bp.route("/terms/import", methods=["GET", "POST"])
def term_import() -> Response | str:
    """Upload a terms file for a dictionary, see its dry run, confirm: for administrators."""
    dictionaries = services().standards.dictionaries()
    code = request.form.get("dictionary", request.args.get("dictionary", "")).strip()[:40]
    token: str | None = None
    outcome: Outcome[TermImportReport] = Outcome()
    if request.method == "POST" and request.form.get("action") == "apply":
        outcome = apply_kept(
            code,
            TERM_IMPORT_KEY,
            lambda content, _filename: services().term_files.import_file(
                code, content, dry_run=False, confirmation=request.form.get("confirmation") or None
            ),
            (StaleConfirmation, ConfirmationRequired),
            _(
                "Các thuật ngữ đã thay đổi sau khi bạn kiểm tra tệp; không có gì được ghi. "
                "Hãy kiểm tra lại tệp."
            ),
        )
        if outcome.report is not None and outcome.report.applied:
            forget_upload(TERM_IMPORT_KEY)
            flash(translate(outcome.report.message), "ok")
            return redirect(url_for("web.term_import", dictionary=code), code=303)
    elif request.method == "POST":
        outcome = check_upload(
            lambda content, _filename: services().term_files.import_file(code, content, dry_run=True)
        )
        report = outcome.report
        if report is not None and report.confirmation and report.has_changes:
            token = keep_upload(code, outcome.content, outcome.filename, TERM_IMPORT_KEY)
    return render_template(
        "term_import.html",
        dictionaries=dictionaries,
        code=code,
        report=outcome.report,
        problem=outcome.problem,
        token=token,
        properties=TERM,
    )

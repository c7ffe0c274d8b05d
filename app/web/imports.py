"""Importing a dataset's dictionary from an Excel or CSV file: check (a dry run), then apply.

The service of the API (:class:`DictionaryFileService`) does all the work; this page shows its
report. A browser cannot send a file again without the user choosing it, so the checked file waits
in the instance folder under a random name that only this session knows; "apply" imports exactly
the file that was checked, at the version it was checked against (If-Match): if someone changed
the dictionary meanwhile, nothing is written and the user checks again.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from flask import flash, redirect, render_template, request, url_for
from flask import session as web_session
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.extension import catalog_of
from app.web import bp
from app.web.forms import editable_dataset, version_of
from app.web.messages import translate
from app.wiring import services
from dictionary.errors import StaleVersion, TooLarge
from dictionary.services.dictionary_import import ImportReport

SESSION_KEY = "dictionary_import"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""What secrets.token_urlsafe gives: nothing that could climb out of the folder."""
HINTS_KEY = "dictionary_import_terms"
"""The fields an applied import added that have term suggestions: offered on the import page."""
MAX_HINTED = 50
KEEP_SECONDS = 3600
"""A checked file older than this is forgotten: the user checks it again."""
R = TypeVar("R")


def _folder() -> Path:
    folder = Path(catalog_of().settings.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_upload(slug: str, content: bytes, filename: str, key: str = SESSION_KEY) -> str:
    folder = _folder()
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.upload").write_bytes(content)
    web_session[key] = {"token": token, "slug": slug, "filename": filename}
    return token


def kept_upload(slug: str, key: str = SESSION_KEY) -> tuple[bytes, str] | None:
    """The file this session checked for this dataset (or dictionary), if it is still there."""
    kept = web_session.get(key) or {}
    token = str(kept.get("token", ""))
    if kept.get("slug") != slug or token != request.form.get("upload") or not _TOKEN.fullmatch(token):
        return None
    path = _folder() / f"{token}.upload"
    if not path.is_file():
        return None
    return path.read_bytes(), str(kept.get("filename") or "")


def forget_upload(key: str = SESSION_KEY) -> None:
    kept = web_session.pop(key, None) or {}
    token = str(kept.get("token", ""))
    if _TOKEN.fullmatch(token):
        (_folder() / f"{token}.upload").unlink(missing_ok=True)


def too_large(error: TooLarge) -> str:
    # The reason names the limit, in the page's language like the row errors of the report.
    return _(
        "Tệp vượt quá giới hạn của một lần nhập; không có gì được ghi: %(reason)s",
        reason=translate(error.message),
    )


@dataclass
class Outcome(Generic[R]):
    """What a check or an apply gave the page: the report, or the problem to show instead."""

    report: R | None = None
    problem: str | None = None
    content: bytes = b""
    filename: str = ""


def check_upload(run: Callable[[bytes, str], R]) -> Outcome[R]:
    """The uploaded file through ``run(content, filename)`` (a dry run)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return Outcome(problem=_("Hãy chọn một tệp .xlsx hoặc .csv."))
    content = upload.read()
    try:
        return Outcome(run(content, upload.filename), None, content, upload.filename)
    except TooLarge as exc:
        return Outcome(problem=too_large(exc))


def apply_kept(
    slug: str, key: str, run: Callable[[bytes, str], R], stale: tuple[type[Exception], ...], changed: str
) -> Outcome[R]:
    """The file this session checked through ``run(content, filename)`` (the apply); ``stale``
    are the refusals that mean someone changed the records since the check (``changed`` says so)."""
    kept = kept_upload(slug, key)
    if kept is None:
        return Outcome(problem=_("Tệp đã kiểm tra không còn; hãy chọn và kiểm tra lại tệp."))
    try:
        return Outcome(run(*kept), None, *kept)
    except stale:
        return Outcome(problem=changed)
    except TooLarge as exc:
        return Outcome(problem=too_large(exc))


@bp.route("/dataset/<slug>/import", methods=["GET", "POST"])
def dictionary_import(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    token: str | None = None
    outcome: Outcome[ImportReport] = Outcome()
    if request.method == "POST" and request.form.get("action") == "apply":
        outcome = apply_kept(
            slug,
            SESSION_KEY,
            lambda content, filename: services().dictionary_files.import_file(
                slug, content, filename=filename, dry_run=False, if_match=version_of(dataset)
            ),
            (StaleVersion,),
            _(
                "Người khác vừa sửa cơ sở dữ liệu này sau khi bạn kiểm tra tệp; không có gì được ghi. "
                "Hãy kiểm tra lại tệp."
            ),
        )
        report = outcome.report
        if report is not None and report.applied:
            forget_upload()
            flash(_("Đã nhập từ điển dữ liệu (phiên bản %(number)s).", number=report.revision), "ok")
            if not report.term_suggestions:
                return redirect(url_for("web.dataset_fields", slug=slug), code=303)
            # The fields just added that probably hold a term: offered here, one click each.
            names = [hint["field"] for hint in report.term_suggestions][:MAX_HINTED]
            web_session[HINTS_KEY] = {"slug": slug, "fields": names}
            return redirect(url_for("web.dictionary_import", slug=slug), code=303)
    elif request.method == "POST":
        outcome = check_upload(
            lambda content, filename: services().dictionary_files.import_file(
                slug, content, filename=filename, dry_run=True
            )
        )
        report = outcome.report
        if report is not None and not report.errors and report.diff and report.diff["has_changes"]:
            token = keep_upload(slug, outcome.content, outcome.filename)
    dataset = editable_dataset(slug)
    hinted = web_session.get(HINTS_KEY) or {}
    names = hinted.get("fields", []) if hinted.get("slug") == slug and outcome.report is None else []
    accepting = services().term_suggestions.for_fields(dataset, names) if names else []
    return render_template(
        "imports/import.html",
        dataset=dataset,
        report=outcome.report,
        problem=outcome.problem,
        token=token,
        accepting=accepting,
    )

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
from pathlib import Path

from flask import flash, redirect, render_template, request, url_for
from flask import session as web_session
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.extension import catalog_of
from app.web import bp
from app.web.forms import editable_dataset, version_of
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
    # The reason names the limit, in English like the row errors of the report.
    return _("Tệp vượt quá giới hạn của một lần nhập; không có gì được ghi: %(reason)s", reason=error.message)


@bp.route("/dataset/<slug>/import", methods=["GET", "POST"])
def dictionary_import(slug: str) -> Response | str:
    dataset = editable_dataset(slug)
    report: ImportReport | None = None
    problem: str | None = None
    token: str | None = None
    if request.method == "POST" and request.form.get("action") == "apply":
        kept = kept_upload(slug)
        if kept is None:
            problem = _("Tệp đã kiểm tra không còn; hãy chọn và kiểm tra lại tệp.")
        else:
            try:
                report = services().dictionary_files.import_file(
                    slug, kept[0], filename=kept[1], dry_run=False, if_match=version_of(dataset)
                )
            except StaleVersion:
                problem = _(
                    "Người khác vừa sửa cơ sở dữ liệu này sau khi bạn kiểm tra tệp; không có gì được ghi. "
                    "Hãy kiểm tra lại tệp."
                )
            except TooLarge as exc:
                problem = too_large(exc)
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
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            problem = _("Hãy chọn một tệp .xlsx hoặc .csv.")
        else:
            content = upload.read()
            try:
                report = services().dictionary_files.import_file(
                    slug, content, filename=upload.filename, dry_run=True
                )
            except TooLarge as exc:
                problem = too_large(exc)
            if report is not None and not report.errors and report.diff and report.diff["has_changes"]:
                token = keep_upload(slug, content, upload.filename)
    dataset = editable_dataset(slug)
    hinted = web_session.get(HINTS_KEY) or {}
    names = hinted.get("fields", []) if hinted.get("slug") == slug and report is None else []
    accepting = services().term_suggestions.for_fields(dataset, names) if names else []
    return render_template(
        "imports/import.html",
        dataset=dataset,
        report=report,
        problem=problem,
        token=token,
        accepting=accepting,
    )

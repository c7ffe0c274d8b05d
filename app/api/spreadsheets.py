"""/api/v1/datasets/<slug>/dictionary.xlsx|.csv, /dictionary/import, /dictionary-template.xlsx|.csv."""

from __future__ import annotations

from http import HTTPStatus

from flask import Response, jsonify
from flask.views import MethodView

from app.api.common import ETAG, IF_MATCH, Blueprint, errors, etag_header, if_match
from app.api.schemas.spreadsheets import (
    BINARY,
    TEXT,
    ImportQuerySchema,
    ImportRejectedSchema,
    ImportReportSchema,
    ImportTooLargeSchema,
    UploadSchema,
)
from app.web.messages import import_report, located, translate
from app.wiring import services
from dictionary.services.dictionary_import import ExportedFile
from dictionary.services.file_report import FileReport
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

blp = Blueprint(
    "spreadsheets",
    __name__,
    url_prefix="",
    description="Data dictionaries as Excel and CSV files: download, template, import with a dry run",
)


DRY_RUN = {
    "in": "query",
    "name": "dry_run",
    "required": False,
    "schema": {"type": "boolean", "default": True},
    "description": "true (default): check and show the diff only; false: apply when there is no error",
}
"""Listed by hand: a ``blp.doc(parameters=…)`` (If-Match) replaces the generated query parameters."""


def download(file: ExportedFile) -> Response:
    response = Response(file.content, mimetype=file.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    if file.version is not None:
        response.headers.update(etag_header(file.version))
    return response


def rejected(report: FileReport, headers: dict[str, str] | None = None) -> Response:
    """422 in the one error shape, with the whole report so a client can show every located error;
    the messages in the caller's language, as every error of the API (``app.errors``). Every
    spreadsheet import (a dataset's dictionary, a dictionary's terms) answers this way."""
    response = jsonify(
        {
            "code": 422,
            "status": HTTPStatus(422).phrase,
            "message": translate(report.message),
            "errors": {"files": {"file": [located(error) for error in report.errors]}},
            "report": import_report(report),
        }
    )
    response.status_code = 422
    response.headers.update(headers or {})
    return response


@blp.route("/datasets/<slug>/dictionary.xlsx")
class DictionaryWorkbook(MethodView):
    @blp.response(
        200, BINARY, content_type=XLSX_MEDIA_TYPE, description="The import template, filled in", headers=ETAG
    )
    @errors(blp, 404)
    def get(self, slug):
        """The data dictionary as an Excel workbook (dictionary, guide and codes sheets)"""
        return download(services().dictionary_files.export(slug, "xlsx"))


@blp.route("/datasets/<slug>/dictionary.csv")
class DictionaryCsv(MethodView):
    @blp.response(
        200, TEXT, content_type=CSV_MEDIA_TYPE, description="UTF-8 with BOM, two header rows", headers=ETAG
    )
    @errors(blp, 404)
    def get(self, slug):
        """The data dictionary as CSV, in the columns of the import template"""
        return download(services().dictionary_files.export(slug, "csv"))


@blp.route("/dictionary-template.xlsx")
class TemplateWorkbook(MethodView):
    @blp.response(200, BINARY, content_type=XLSX_MEDIA_TYPE, description="The blank import template")
    def get(self):
        """The blank data-dictionary template as an Excel workbook"""
        return download(services().dictionary_files.template("xlsx"))


@blp.route("/dictionary-template.csv")
class TemplateCsv(MethodView):
    @blp.response(200, TEXT, content_type=CSV_MEDIA_TYPE, description="The blank import template")
    def get(self):
        """The blank data-dictionary template as CSV"""
        return download(services().dictionary_files.template("csv"))


@blp.route("/datasets/<slug>/dictionary/import")
class DictionaryImport(MethodView):
    @blp.arguments(ImportQuerySchema, location="query")
    @blp.arguments(UploadSchema, location="files")
    @blp.response(200, ImportReportSchema, headers=ETAG)
    @blp.alt_response(422, schema=ImportRejectedSchema, description="Errors located by row and column")
    @blp.alt_response(413, schema=ImportTooLargeSchema, description="Over an upload limit, which is named")
    @errors(blp, 404, 412, 428)
    @blp.doc(parameters=[IF_MATCH, DRY_RUN])
    def post(self, query, files, slug):
        """Import the dictionary from an .xlsx or CSV file: a dry run unless dry_run=false

        Every cell is checked; the answer lists each error with its row and column, and the diff
        (fields added, removed, changed, reordered). With dry_run=false and no error at all, the
        dictionary is replaced in one revision; with any error nothing is written. A file over
        one of the reading limits (rows, cells, shared strings, expanded size…) gets 413 naming it.
        """
        upload = files["file"]
        report = services().dictionary_files.import_file(
            slug, upload.read(), filename=upload.filename, dry_run=query["dry_run"], if_match=if_match()
        )
        if report.errors:
            return rejected(report, etag_header(report.version))
        return import_report(report), etag_header(report.version)

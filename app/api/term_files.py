"""/api/v1/terms-template.xlsx|.csv, /standards/<code>/terms.xlsx|.csv, /standards/<code>/terms/import."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest.error_handler import ErrorSchema

from app.api.common import Blueprint, errors
from app.api.schemas.spreadsheets import BINARY, TEXT, UploadSchema
from app.api.schemas.term_files import (
    ImportTooLargeSchema,
    TermImportQuerySchema,
    TermImportRejectedSchema,
    TermImportReportSchema,
)
from app.api.spreadsheets import download, rejected
from app.web.messages import import_report
from app.wiring import services
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

blp = Blueprint(
    "term_files",
    __name__,
    url_prefix="",
    description="Terms of a dictionary as Excel and CSV files: download, template, import with a dry run",
)

QUERY = [
    {"in": "query", "name": "dry_run", "required": False, "schema": {"type": "boolean", "default": True},
     "description": "true (default): check and show the diff only; false: apply (needs confirmation)"},
    {"in": "query", "name": "confirmation", "required": False,
     "schema": {"type": "string", "pattern": "^[0-9a-f]{40}$", "maxLength": 40},
     "description": "The confirmation of the dry run of this same file; required with dry_run=false"},
]  # fmt: skip
"""Listed by hand, as for the dictionary import."""


@blp.route("/terms-template.xlsx")
class TermTemplateWorkbook(MethodView):
    @blp.response(200, BINARY, content_type=XLSX_MEDIA_TYPE, description="The blank terms template")
    def get(self):
        """The blank template of terms as an Excel workbook"""
        return download(services().term_files.template("xlsx"))


@blp.route("/terms-template.csv")
class TermTemplateCsv(MethodView):
    @blp.response(200, TEXT, content_type=CSV_MEDIA_TYPE, description="The blank terms template")
    def get(self):
        """The blank template of terms as CSV"""
        return download(services().term_files.template("csv"))


@blp.route("/standards/<code>/terms.xlsx")
class DictionaryTermsWorkbook(MethodView):
    @blp.response(200, BINARY, content_type=XLSX_MEDIA_TYPE, description="The terms template, filled in")
    @errors(blp, 404)
    def get(self, code):
        """The terms of a dictionary as an Excel workbook (terms, guide and codes sheets)"""
        return download(services().term_files.export(code, "xlsx"))


@blp.route("/standards/<code>/terms.csv")
class DictionaryTermsCsv(MethodView):
    @blp.response(200, TEXT, content_type=CSV_MEDIA_TYPE, description="UTF-8 with BOM, two header rows")
    @errors(blp, 404)
    def get(self, code):
        """The terms of a dictionary as CSV, in the columns of the template"""
        return download(services().term_files.export(code, "csv"))


@blp.route("/standards/<code>/terms/import")
class DictionaryTermsImport(MethodView):
    @blp.arguments(TermImportQuerySchema, location="query")
    @blp.arguments(UploadSchema, location="files")
    @blp.response(200, TermImportReportSchema)
    @blp.alt_response(422, schema=TermImportRejectedSchema, description="Errors located by row and column")
    @blp.alt_response(413, schema=ImportTooLargeSchema, description="Over an upload limit, which is named")
    @blp.alt_response(
        412, schema=ErrorSchema, description="A term changed since the dry run, or another file"
    )
    @blp.alt_response(428, schema=ErrorSchema, description="dry_run=false without the dry run's confirmation")
    @errors(blp, 404)
    @blp.doc(parameters=QUERY)
    def post(self, query, files, code):
        """Import terms into a dictionary from an .xlsx or CSV file: a dry run unless dry_run=false

        Every cell is checked and every row is run through the register's rules; the answer lists
        each error with its row and column and the diff (terms added, changed property by
        property, unchanged, and the dictionary's terms the file does not name, which are kept).
        A dry run without errors gives a confirmation token: send the same file again with
        dry_run=false and that token to write it, all rows in one transaction, each change a
        dated version of its term. If any term changed in between, the apply is refused (412).
        """
        report = services().term_files.import_file(
            code, files["file"].read(), dry_run=query["dry_run"], confirmation=query.get("confirmation")
        )
        if report.errors:
            return rejected(report)
        return import_report(report)

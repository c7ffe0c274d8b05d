"""Schemas of the dictionary spreadsheet endpoints: the upload, and the import report."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, fields

BINARY = {"type": "string", "format": "binary"}
TEXT = {"type": "string", "description": "CSV text"}


class ImportQuerySchema(Schema):
    dry_run = fields.Boolean(
        load_default=True,
        metadata={"description": "true (default): only check and show the diff; false: apply when valid"},
    )


class UploadSchema(Schema):
    file = Upload(
        required=True,
        metadata={
            "description": "The dictionary as .xlsx or CSV (UTF-8, comma or semicolon), per the template"
        },
    )


class CellErrorSchema(Schema):
    row = fields.Integer(allow_none=True, metadata={"description": "Row number as Excel shows it"})
    column = fields.String(allow_none=True, metadata={"description": "Column header, e.g. kieu"})
    cell = fields.String(allow_none=True, metadata={"description": "Cell reference, e.g. F7"})
    value = fields.String(allow_none=True)
    message = fields.String()
    text = fields.String(metadata={"description": "row 7, column kieu: …"})


class FieldChangeSchema(Schema):
    name = fields.String()
    changes = fields.Dict(
        keys=fields.String(), metadata={"description": "attribute → {from, to}, values as codes"}
    )


class DictionaryDiffSchema(Schema):
    added = fields.List(fields.Dict(), metadata={"description": "New fields, whole"})
    removed = fields.List(fields.Dict(), metadata={"description": "Fields the file no longer has, whole"})
    changed = fields.List(fields.Nested(FieldChangeSchema))
    reordered = fields.Boolean()
    unchanged = fields.Integer()
    has_changes = fields.Boolean()


class TermHintSchema(Schema):
    term = fields.String()
    standard = fields.String()
    name_vi = fields.String()
    score = fields.Float()
    matched = fields.String(metadata={"description": "The name, synonym or abbreviation that matched"})


class FieldTermHintsSchema(Schema):
    field = fields.String(metadata={"description": "A field the file adds"})
    suggestions = fields.List(fields.Nested(TermHintSchema))


class ImportReportSchema(Schema):
    dataset = fields.String()
    dry_run = fields.Boolean()
    applied = fields.Boolean(metadata={"description": "True when the dictionary was replaced"})
    message = fields.String()
    format = fields.String(allow_none=True, metadata={"description": "xlsx or csv, from the content"})
    rows = fields.Integer(metadata={"description": "Field rows read"})
    errors = fields.List(fields.Nested(CellErrorSchema))
    warnings = fields.List(fields.String())
    diff = fields.Nested(DictionaryDiffSchema, allow_none=True)
    revision = fields.Integer(allow_none=True, metadata={"description": "The new revision, when applied"})
    version = fields.Integer(metadata={"description": "The dataset's version (ETag) now"})
    term_suggestions = fields.List(
        fields.Nested(FieldTermHintsSchema),
        metadata={"description": "Terms of the shared data dictionary the added fields probably hold: "
                  "accept one by giving the field that standard and term in its mapping column"},
    )  # fmt: skip


class ImportRejectedSchema(Schema):
    """The one error shape, plus the whole report (the diff stays empty while rows have errors)."""

    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    errors = fields.Dict(metadata={"description": '{"files": {"file": ["row 7, column kieu: …", …]}}'})
    report = fields.Nested(ImportReportSchema)


class LimitSchema(Schema):
    code = fields.String(metadata={"description": "Which limit: row_cells, cells, string_chars, part_bytes…"})
    max = fields.Float(metadata={"description": "The limit's value"})
    row = fields.Integer(metadata={"description": "Where it was hit, when known"})
    cell = fields.String()
    part = fields.String(metadata={"description": "The ZIP member of an .xlsx"})


class ImportTooLargeSchema(Schema):
    """The one error shape, plus the limit the file went over (nothing of the file was kept)."""

    code = fields.Integer()
    status = fields.String()
    message = fields.String(metadata={"description": "e.g. The sheet has more than 16,384 cells in row 3"})
    errors = fields.Dict(metadata={"description": '{"files": {"file": ["…"]}}'})
    limit = fields.Nested(LimitSchema)

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
    code = fields.String(
        allow_none=True, metadata={"description": "The message's code, e.g. not_a_code (None: not coded yet)"}
    )
    text = fields.String(metadata={"description": "row 7, column kieu: …"})


class FileReportSchema(Schema):
    """What every spreadsheet import answers; each import adds its subject and its diff."""

    dry_run = fields.Boolean()
    applied = fields.Boolean(metadata={"description": "True when the file was written"})
    message = fields.String()
    format = fields.String(allow_none=True, metadata={"description": "xlsx or csv, from the content"})
    rows = fields.Integer(metadata={"description": "Data rows read (below the header rows)"})
    errors = fields.List(fields.Nested(CellErrorSchema))
    warnings = fields.List(fields.String())


class FileRefusalSchema(Schema):
    """The one error shape, with the file named as the culprit."""

    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    errors = fields.Dict(metadata={"description": '{"files": {"file": ["row 7, column kieu: …", …]}}'})


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


class ImportReportSchema(FileReportSchema):
    dataset = fields.String()
    diff = fields.Nested(DictionaryDiffSchema, allow_none=True)
    revision = fields.Integer(allow_none=True, metadata={"description": "The new revision, when applied"})
    version = fields.Integer(metadata={"description": "The dataset's version (ETag) now"})
    term_suggestions = fields.List(
        fields.Nested(FieldTermHintsSchema),
        metadata={"description": "Terms of the shared data dictionary the added fields probably hold: "
                  "accept one by giving the field that standard and term in its mapping column"},
    )  # fmt: skip


class ImportRejectedSchema(FileRefusalSchema):
    """The one error shape, plus the whole report (the diff stays empty while rows have errors)."""

    report = fields.Nested(ImportReportSchema)


class LimitSchema(Schema):
    code = fields.String(metadata={"description": "Which limit: row_cells, cells, string_chars, part_bytes…"})
    max = fields.Float(metadata={"description": "The limit's value"})
    row = fields.Integer(metadata={"description": "Where it was hit, when known"})
    cell = fields.String()
    part = fields.String(metadata={"description": "The ZIP member of an .xlsx"})


class ImportTooLargeSchema(FileRefusalSchema):
    """The one error shape, plus the limit the file went over (nothing of the file was kept)."""

    message = fields.String(metadata={"description": "e.g. The sheet has more than 16,384 cells in row 3"})
    limit = fields.Nested(LimitSchema)

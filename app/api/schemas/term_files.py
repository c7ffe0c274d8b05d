"""Schemas of the term spreadsheet endpoints: the query of an import, and its report."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.schemas.spreadsheets import FileRefusalSchema, FileReportSchema, ImportTooLargeSchema

__all__ = [
    "ImportTooLargeSchema",
    "TermImportQuerySchema",
    "TermImportRejectedSchema",
    "TermImportReportSchema",
]


class TermImportQuerySchema(Schema):
    dry_run = fields.Boolean(
        load_default=True,
        metadata={"description": "true (default): only check and show the diff; false: apply when valid"},
    )
    confirmation = fields.String(
        validate=validate.Regexp(r"^[0-9a-f]{40}$", error="must be the confirmation of a dry run"),
        metadata={"description": "The dry run's confirmation token; required with dry_run=false"},
    )


class PropertyChangeSchema(Schema):
    property = fields.String(metadata={"description": "The term property, e.g. length"})
    column = fields.String(allow_none=True, metadata={"description": "Its column in the sheet, e.g. do_dai"})
    before = fields.Raw(allow_none=True, metadata={"description": "Stored value, codes for coded values"})
    after = fields.Raw(allow_none=True)


class TermChangeSchema(Schema):
    row = fields.Integer(metadata={"description": "Row number as Excel shows it"})
    code = fields.String()
    changes = fields.List(fields.Nested(PropertyChangeSchema))


class AddedTermSchema(Schema):
    row = fields.Integer()
    code = fields.String()
    name_vi = fields.String()


class TermDiffSchema(Schema):
    added = fields.List(fields.Nested(AddedTermSchema))
    changed = fields.List(fields.Nested(TermChangeSchema))
    unchanged = fields.List(
        fields.String(), metadata={"description": "Codes of the terms the file leaves as they are"}
    )
    kept = fields.List(
        fields.String(),
        metadata={"description": "Terms of the dictionary the file does not name: kept, not deleted"},
    )
    has_changes = fields.Boolean()


class TermImportReportSchema(FileReportSchema):
    dictionary = fields.String(metadata={"description": "Code of the dictionary (a standard)"})
    diff = fields.Nested(TermDiffSchema)
    confirmation = fields.String(
        allow_none=True,
        metadata={"description": "After a dry run without errors: send it with dry_run=false to apply "
                  "this file; refused with 412 if a term changed meanwhile"},
    )  # fmt: skip


class TermImportRejectedSchema(FileRefusalSchema):
    """The one error shape, plus the whole report."""

    report = fields.Nested(TermImportReportSchema)

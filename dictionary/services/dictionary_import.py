"""A dataset's dictionary to and from Excel / CSV: export, blank template, import with a dry run.

The import reads the file (:mod:`dictionary.spreadsheets`), checks every cell, shows the diff
against the stored dictionary and, only when no row has an error and it is not a dry run,
replaces the dictionary through :meth:`FieldService.apply_dictionary` (the one place fields
are written) in one unit of work with one revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dictionary import change_messages as M
from dictionary.errors import InvalidInput, Message, NotFound, invalid_field, not_a_format
from dictionary.models import DataElement, Dataset, Field, Standard
from dictionary.ports import TermSuggester
from dictionary.services.base import ANY_VERSION, Context, IfMatch, check_version, unit_of_work
from dictionary.services.datasets import DatasetService
from dictionary.services.fields import FieldService
from dictionary.services.file_report import FileReport, read_file
from dictionary.services.revisions import latest_revision, record_change
from dictionary.services.snapshots import diff_snapshots, field_snapshot
from dictionary.spreadsheets import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    CellError,
    Choice,
    CodeLists,
    Limits,
    ParsedRows,
    Table,
    Vocabulary,
    WorkbookInfo,
    cell_values,
    humanize,
    parse_rows,
    sorted_mappings,
    write_csv,
    write_xlsx,
)
from dictionary.spreadsheets.columns import COLUMN_OF_ATTR
from dictionary.visibility import Visibility

FORMATS = ("xlsx", "csv")
IMPORT_MESSAGE = M.DICTIONARY_IMPORTED
NO_FIELD_ROWS = Message("no_field_rows", "The file has no field rows; nothing to import")
_ERROR_KEY = re.compile(r"^fields\.(\d+)\.([a-z_]+)")


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    media_type: str
    version: int | None = None
    """The dataset's lock version (its ETag), to send back as If-Match with the import."""


@dataclass(kw_only=True)
class ImportReport(FileReport):
    """What a dictionary import found and did; ``errors`` empty means the file is good."""

    dataset: str
    version: int
    """The dataset's version (ETag) after the request."""
    diff: dict[str, Any] | None = None
    """added / removed (whole fields), changed (name + changed attributes), reordered, unchanged."""
    revision: int | None = None
    term_suggestions: list[dict[str, Any]] = field(default_factory=list)
    """For each added field that holds no registered term: terms it probably holds, best first."""

    @property
    def has_changes(self) -> bool:
        return self.diff is None or bool(self.diff["has_changes"])

    def applied_message(self) -> Message:
        return Message("imported", "The dictionary was imported (revision {number})", number=self.revision)

    def unchanged_message(self) -> Message:
        return Message("import_same", "The file matches the stored dictionary; nothing to change")

    def dry_run_message(self) -> Message:
        return Message("import_dry_run", "Dry run: nothing was written")

    def as_dict(self) -> dict[str, Any]:
        return (
            {"dataset": self.dataset}
            | super().as_dict()
            | {
                "diff": self.diff,
                "revision": self.revision,
                "version": self.version,
                "term_suggestions": self.term_suggestions,
            }
        )


class DictionaryFileService:
    """Export and import as one principal: the fields ``visibility`` withholds are neither written
    to a file nor shown in an import's diff, and an import keeps them as they are (it can neither
    learn nor delete what its author may not see)."""

    def __init__(
        self,
        ctx: Context,
        limits: Limits | None = None,
        *,
        visibility: Visibility | None = None,
        suggester: TermSuggester | None = None,
    ) -> None:
        self.ctx = ctx
        self.suggester = suggester
        self.visibility = visibility or Visibility.all()
        self.limits = limits or Limits()
        self.datasets = DatasetService(ctx)
        self.fields = FieldService(ctx)
        self.vocabulary = Vocabulary(ctx.concepts)

    # Export -------------------------------------------------------------------------------------

    def export(self, slug: str, fmt: str = "xlsx") -> ExportedFile:
        """The dictionary in the import template, the fields the principal may see only."""
        dataset = self._visible(slug)
        rows = [
            cell_values(humanize(field_input(f), self.vocabulary))
            for f in self.visibility.redact(dataset).fields
        ]
        info = WorkbookInfo(
            dataset.slug, dataset.title_vi, dataset.lock_version, self.ctx.clock().isoformat()
        )
        return self._file(rows, fmt, f"{dataset.slug}-tu-dien-du-lieu", info)

    def template(self, fmt: str = "xlsx") -> ExportedFile:
        """The blank template: headers, guide, codes and drop-downs, no rows."""
        return self._file(
            [], fmt, "mau-tu-dien-du-lieu", WorkbookInfo(exported_at=self.ctx.clock().isoformat())
        )

    def _file(self, rows: list[list[Any]], fmt: str, stem: str, info: WorkbookInfo) -> ExportedFile:
        if fmt == "csv":
            return ExportedFile(write_csv(rows), f"{stem}.csv", CSV_MEDIA_TYPE, info.version)
        if fmt != "xlsx":
            raise InvalidInput.one("format", not_a_format(fmt, FORMATS))
        content = write_xlsx(rows, self.code_lists(), info)
        return ExportedFile(content, f"{stem}.xlsx", XLSX_MEDIA_TYPE, info.version)

    def code_lists(self) -> CodeLists:
        standards = self.ctx.session.scalars(select(Standard).order_by(Standard.code))
        return CodeLists(
            data_types=self.vocabulary.choices("data-types"),
            personal_data=self.vocabulary.choices("personal-data"),
            schemes=self.vocabulary.scheme_choices(),
            standards=[Choice(s.code, s.title_vi, s.title_en or "") for s in standards],
        )

    # Import -------------------------------------------------------------------------------------

    def import_file(
        self,
        slug: str,
        content: bytes,
        *,
        filename: str | None = None,
        dry_run: bool = True,
        if_match: IfMatch = ANY_VERSION,
    ) -> ImportReport:
        """Check a file against the dataset's dictionary; apply it unless ``dry_run`` or any error.

        Row problems are reported, not raised: the report is the answer either way. A stale
        If-Match raises :class:`StaleVersion` before the file is read, a file over the reading
        budget :class:`TooLarge` (nothing of it is kept, so there is no report to give).
        """
        dataset = self._visible(slug)
        check_version(dataset, if_match)
        report = ImportReport(dataset=dataset.slug, dry_run=dry_run, version=dataset.lock_version)
        # No rows is most likely the blank template sent by mistake: it would delete every field.
        table = read_file(content, self.limits, report, NO_FIELD_ROWS)
        if table is None:
            return report
        parsed = parse_rows(table, DatabaseReferences(self.ctx.session, self.vocabulary))
        report.errors += parsed.errors
        report.warnings += parsed.warnings + self._provenance_warnings(table, dataset)
        visible = self.visibility.redact(dataset).fields  # references the author may not see: None
        names = {f.name for f in visible}
        withheld = [(i, f) for i, f in enumerate(dataset.fields) if f.name not in names]
        report.errors += _names_taken(parsed, {f.name for _, f in withheld})
        if report.errors:
            return report

        current = {f.name: field_input(f) for f in visible}
        inputs = [_complete(item, current.get(item["name"]), parsed.present) for item in parsed.inputs]
        report.diff = self.diff(list(current.values()), inputs)
        report.term_suggestions = self._term_suggestions(inputs, set(current))
        if dry_run or not report.diff["has_changes"]:
            return report
        # Mappings given for a field replace its mappings (new records); unchanged ones are
        # left out so that their identifiers survive an import that only touched other cells.
        writes = [_keep_unchanged_mappings(item, current.get(item["name"])) for item in inputs]
        stored = {f.name: f for f in dataset.fields}
        for item in writes:  # a reference the author could not see, left blank, stays as it was
            field_ = stored.get(item["name"])
            if (
                field_ is not None
                and item.get("foreign_key") is None
                and not self.visibility.sees_reference(field_)
            ):
                item["foreign_key"] = field_input(field_)["foreign_key"]
        for index, hidden in withheld:  # kept whole, where they were
            writes.insert(min(index, len(writes)), field_input(hidden) | {"mappings": None})
        try:
            self._write(dataset, writes, filename, if_match)
        except InvalidInput as exc:
            # Only a rule the row checks do not know about lands here; locate it all the same.
            report.errors += _located(exc, parsed.rows)
            return report
        report.applied, report.version = True, dataset.lock_version
        report.revision = latest_revision(self.ctx, dataset)
        return report

    def _visible(self, slug: str) -> Dataset:
        dataset = self.datasets.get(slug)
        if not self.visibility.can_see(dataset):
            raise NotFound("Dataset", slug)
        return dataset

    @unit_of_work
    def _write(
        self, dataset: Dataset, inputs: list[dict[str, Any]], filename: str | None, if_match: IfMatch
    ) -> None:
        self.datasets.for_edit(dataset.slug, if_match)
        self.fields.apply_dictionary(dataset, inputs)
        source = f": {filename}" if filename else ""
        record_change(self.ctx, dataset, f"{IMPORT_MESSAGE}{source} ({len(inputs)} fields)")

    def diff(self, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
        """Fields added, removed and changed (attribute by attribute, as codes), and reordering."""
        before = [humanize(item, self.vocabulary) for item in old]
        after = [humanize(item, self.vocabulary) for item in new]
        result = diff_snapshots({"fields": before}, {"fields": after})
        fields, reordered = result["fields"], result["fields_reordered"]
        touched = len(fields["added"]) + len(fields["removed"]) + len(fields["changed"])
        return {
            "added": fields["added"],
            "removed": fields["removed"],
            "changed": fields["changed"],
            "reordered": reordered,
            "unchanged": len(after) - len(fields["added"]) - len(fields["changed"]),
            "has_changes": bool(touched) or reordered,
        }

    def _term_suggestions(self, inputs: list[dict[str, Any]], existing: set[str]) -> list[dict[str, Any]]:
        """Terms for the new fields that map to no registered term yet, to accept in the file."""
        if self.suggester is None:
            return []
        rows = self.ctx.session.execute(
            select(Standard.code, DataElement.code).join(Standard, DataElement.standard_id == Standard.id)
        )
        registered = {(standard, term) for standard, term in rows}
        found = []
        for item in inputs:
            if item["name"] in existing:
                continue
            held = {(m.get("standard"), m.get("term")) for m in item.get("mappings") or ()}
            if held & registered:
                continue
            hints = self.suggester.hints(item["name"], item.get("label_vi"))
            if hints:
                found.append({"field": item["name"], "suggestions": hints})
        return found

    @staticmethod
    def _provenance_warnings(table: Table, dataset: Dataset) -> list[str]:
        warnings: list[str] = []
        source = table.properties.get("identifier")
        if source and source != dataset.slug:
            warnings.append(
                Message(
                    "other_dataset_file",
                    "The file was exported from the dataset '{source}', not '{slug}'",
                    source=source,
                    slug=dataset.slug,
                )
            )
        version = table.properties.get("version", "")
        if version.isdigit() and int(version) < dataset.lock_version:
            warnings.append(
                Message(
                    "older_file",
                    "The file was exported at version {version} and the dataset is now at version "
                    "{current}: changes made since then will be overwritten",
                    version=int(version),
                    current=dataset.lock_version,
                )
            )
        return warnings


class DatabaseReferences:
    """:class:`dictionary.spreadsheets.References` answered from the vocabularies and the database."""

    def __init__(self, session: Session, vocabulary: Vocabulary) -> None:
        self.session = session
        self.vocabulary = vocabulary
        self._standards: dict[str, str] | None = None
        self._fields: dict[tuple[str, str], bool] = {}

    def concept(self, scheme: str, value: str) -> str | None:
        return self.vocabulary.resolve(scheme, value)

    def choices(self, scheme: str) -> list[str]:
        return [choice.code for choice in self.vocabulary.choices(scheme)]

    def scheme(self, value: str) -> str | None:
        return self.vocabulary.scheme_uri(value)

    def standard(self, code: str) -> str | None:
        if self._standards is None:
            # One query for the whole file; the register holds tens of standards, not thousands.
            self._standards = {c.casefold(): c for c in self.session.scalars(select(Standard.code))}
        return self._standards.get(code.casefold())

    def field_exists(self, dataset: str, name: str) -> bool:
        key = (dataset, name)
        if key not in self._fields:
            found = self.session.scalar(
                select(Field.id).join(Dataset).where(Dataset.slug == dataset, Field.name == name).limit(1)
            )
            self._fields[key] = found is not None
        return self._fields[key]


def field_input(field: Field) -> dict[str, Any]:
    """A stored field as a FieldService input: concept URIs, standard codes, its mappings."""
    data = field_snapshot(field)
    data["mappings"] = sorted_mappings(
        [
            {"standard": m.standard.code, "relation": m.relation, "term": m.term, "note": m.note}
            for m in field.mappings
        ]
    )
    return data


def _names_taken(parsed: ParsedRows, withheld: set[str]) -> list[CellError]:
    """Rows naming a field the author may not see: refused, rather than overwritten or doubled."""
    return [
        CellError(
            row,
            None,
            Message(
                "field_name_used",
                "The field name '{name}' is already used in this dataset",
                name=item["name"],
            ),
        )
        for row, item in zip(parsed.rows, parsed.inputs, strict=True)
        if item["name"] in withheld
    ]


def _complete(item: dict[str, Any], stored: dict[str, Any] | None, present: frozenset[str]) -> dict[str, Any]:
    """A row plus, for a field that exists, the stored values of the columns the file lacks."""
    if stored is None:
        return item
    return {attr: value for attr, value in stored.items() if attr not in present} | item


def _keep_unchanged_mappings(item: dict[str, Any], stored: dict[str, Any] | None) -> dict[str, Any]:
    if stored is not None and sorted_mappings(item.get("mappings") or []) == stored["mappings"]:
        return item | {"mappings": None}
    return item


def _located(error: InvalidInput, rows: list[int]) -> list[CellError]:
    located = []
    for key, reasons in error.errors.items():
        match = _ERROR_KEY.match(key)
        index = int(match[1]) if match else -1
        row = rows[index] if 0 <= index < len(rows) else None
        column = COLUMN_OF_ATTR.get(match[2]) if match else None
        for reason in reasons if isinstance(reasons, list | tuple) else [str(reasons)]:
            message = reason if row is not None else invalid_field(key, reason)
            located.append(CellError(row, column.key if column else None, message))
    return located

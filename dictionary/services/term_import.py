"""The terms of a dictionary to and from Excel / CSV: export, blank template, import with a dry run.

The import reads the file with the dictionary reader (same limits, same hostile-file checks),
checks every cell, then runs the writes through :class:`TermService` (the one place terms are
written, with their dated versions). A dry run runs exactly the same writes and rolls them back,
so the diff and the errors are what applying would give. Its answer carries a confirmation
token: a digest of the file and of the versions of the terms it touches. Applying requires
that token and refuses (412) when it no longer matches — someone changed a term, or the file is
another one — so a change made between the dry run and the apply is never overwritten unseen.
Terms missing from the file are kept: a term that fields hold is never deleted by a file.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from dictionary.errors import (
    ConfirmationRequired,
    InvalidInput,
    Message,
    StaleConfirmation,
    invalid_field,
    not_a_format,
)
from dictionary.models import DataElement, Standard
from dictionary.properties import TERM, Kind
from dictionary.services.base import AnyVersion, Context, unit_of_work
from dictionary.services.base import dry_run as rolled_back
from dictionary.services.dictionary_import import ExportedFile
from dictionary.services.file_report import read_file
from dictionary.services.standards import StandardService
from dictionary.services.term_import_report import TermImportReport
from dictionary.services.terms import TermService, term_snapshot
from dictionary.spreadsheets import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    CellError,
    Choice,
    Limits,
    Table,
    Vocabulary,
    write_csv,
)
from dictionary.spreadsheets.term_sheet import (
    BY_COLUMN,
    COLUMNS,
    HEADERS,
    TERM_SHEET,
    TermRows,
    locate,
    parse_term_rows,
)
from dictionary.spreadsheets.term_sheet import term_cells as cells_of

ANY_CONFIRMATION = AnyVersion()
"""Apply without a token: for the system's own work (the CLI checks and applies in one go)."""
Confirmation = str | None | AnyVersion
COLUMN_OF = {prop.name: prop.column for prop in COLUMNS}
REQUIRED = tuple(prop.name for prop in COLUMNS if prop.required and prop.name != "code")
VALUE_REQUIRED = Message("value_required", "a value is required")
NO_TERM_ROWS = Message("no_term_rows", "The file has no term rows; nothing to import")
Step = tuple[int, dict[str, Any], DataElement | None]
"""A row's number, the values it gives, and the stored term it changes (None: a new term)."""


class _Rejected(Exception):
    """Raised inside the apply's unit of work so that it rolls back; the report says why."""


class TermFileService:
    """Terms as spreadsheets: for administrators, who maintain the register (as TermService)."""

    def __init__(self, ctx: Context, limits: Limits | None = None) -> None:
        self.ctx = ctx
        self.limits = limits or Limits()
        self.terms = TermService(ctx)
        self.vocabulary = Vocabulary(ctx.concepts)

    # Export -------------------------------------------------------------------------------------

    def export(self, dictionary: str, fmt: str = "xlsx") -> ExportedFile:
        """The dictionary's terms (public metadata, drafts included, as the register lists them)."""
        standard = StandardService(self.ctx).get(dictionary)
        terms = self.ctx.session.scalars(
            select(DataElement).where(DataElement.standard_id == standard.id).order_by(DataElement.code)
        )
        rows = [cells_of(self._human(term_snapshot(term))) for term in terms]
        return self._file(rows, fmt, f"{standard.code}-thuat-ngu", standard.code)

    def template(self, fmt: str = "xlsx") -> ExportedFile:
        return self._file([], fmt, "mau-thuat-ngu", None)

    def _file(self, rows: list[list[Any]], fmt: str, stem: str, dictionary: str | None) -> ExportedFile:
        if fmt == "csv":
            return ExportedFile(write_csv(rows, HEADERS), f"{stem}.csv", CSV_MEDIA_TYPE)
        if fmt != "xlsx":
            raise InvalidInput.one("format", not_a_format(fmt))
        from dictionary.spreadsheets.term_workbook import write_term_workbook  # openpyxl: only here

        content = write_term_workbook(rows, self._code_lists(), dictionary)
        return ExportedFile(content, f"{stem}.xlsx", XLSX_MEDIA_TYPE)

    def _code_lists(self) -> dict[str, list[Choice]]:
        standards = [
            Choice(s.code, s.title_vi, s.title_en or "")
            for s in self.ctx.session.scalars(select(Standard).order_by(Standard.code))
        ]
        return {
            "kieu": self.vocabulary.choices("data-types"),
            "du_lieu_ca_nhan": self.vocabulary.choices("personal-data"),
            "trang_thai": self.vocabulary.choices("term-statuses"),
            "danh_muc": self.vocabulary.scheme_choices(),
            "danh_muc_chuan": standards,
            "bo_sung_tinh": [Choice("x", "có", "yes"), Choice("không", "không", "no")],
        }

    def _human(self, snapshot: dict[str, Any]) -> dict[str, Any]:
        """A snapshot as people read it: codes instead of concept URIs."""
        human = dict(snapshot)
        for prop in TERM:
            name = prop.name
            if prop.kind == "concept" and human.get(name):
                human[name] = (
                    self.vocabulary.scheme_id(human[name])
                    if prop.scheme == "schemes"
                    else self.vocabulary.code(prop.scheme or "", human[name])
                )
        return human

    # Import -------------------------------------------------------------------------------------

    def import_file(
        self,
        dictionary: str,
        content: bytes,
        *,
        dry_run: bool = True,
        confirmation: Confirmation = None,
    ) -> TermImportReport:
        """Check a file against the dictionary's terms; apply it unless ``dry_run`` or any error.

        Row problems are in the report, not raised. Applying needs the ``confirmation`` of a dry
        run of the same file at the same state: none → :class:`ConfirmationRequired` (428),
        another one → :class:`StaleConfirmation` (412). A file over the reading budget raises
        :class:`TooLarge`.
        """
        self.terms.require_admin()
        standard = StandardService(self.ctx).get(dictionary)
        if not dry_run and confirmation is None:
            raise ConfirmationRequired()
        report = TermImportReport(dictionary=standard.code, dry_run=dry_run)
        read = self._read(content, report)
        if read is None:
            return report
        table, parsed = read
        codes = [item["code"] for item in parsed.inputs]
        stored = {
            term.code: term
            for term in self.ctx.session.scalars(
                select(DataElement).where(
                    (DataElement.code.in_(codes)) | (DataElement.standard_id == standard.id)
                )
            )
        }
        token = _token(content, standard, stored)
        if not dry_run and not isinstance(confirmation, AnyVersion) and confirmation != token:
            raise StaleConfirmation()
        plan = self._plan(table, parsed, standard, stored, report)
        report.kept = sorted(
            code for code, term in stored.items() if term.standard_id == standard.id and code not in codes
        )
        if dry_run or report.errors or not plan:
            if plan:  # the same writes as applying, undone: every row's refusals are reported
                with rolled_back(self.ctx.session):
                    self._run(table, plan, standard.code, report)
            if dry_run and not report.errors:
                report.confirmation = token
            return report
        try:
            self._apply(table, plan, standard.code, report)
        except _Rejected:
            return report
        report.applied = True
        return report

    def _read(self, content: bytes, report: TermImportReport) -> tuple[Table, TermRows] | None:
        """The file's rows, read under the upload budget; None when the report says why not."""
        table = read_file(content, self.limits, report, NO_TERM_ROWS, TERM_SHEET)
        if table is None:
            return None
        parsed = parse_term_rows(table)
        report.errors += parsed.errors
        report.warnings += parsed.warnings
        return None if report.errors else (table, parsed)

    def _plan(
        self,
        table: Table,
        parsed: TermRows,
        standard: Standard,
        stored: dict[str, DataElement],
        report: TermImportReport,
    ) -> list[Step]:
        """What each row does (create, or update these properties), in an order that creates the
        terms a row names as its successor before that row."""
        plan: list[Step] = []
        present = parsed.present
        for row, item in zip(parsed.rows, parsed.inputs, strict=True):
            term = stored.get(item["code"])
            if term is not None and term.standard_id != standard.id:
                message = Message(
                    "term_elsewhere",
                    "the term '{term}' belongs to the dictionary {dictionary}, not this one",
                    term=term.code,
                    dictionary=term.standard.code,
                )
                report.errors.append(locate(table, row, "ma", message, term.code))
                continue
            if term is None:
                values = {name: value for name, value in item.items() if value not in (None, [])}
                for name in REQUIRED:
                    if name not in values:
                        report.errors.append(locate(table, row, COLUMN_OF[name], VALUE_REQUIRED))
                if all(name in values for name in REQUIRED):
                    plan.append((row, values | {"standard": standard.code}, None))
                continue
            blank = [name for name in REQUIRED if name in item and item[name] is None]
            for name in blank:
                report.errors.append(locate(table, row, COLUMN_OF[name], VALUE_REQUIRED))
            if blank:
                continue
            if item.get("version", "") is None:
                del item["version"]  # a cleared version label keeps the stored one
            before = term_snapshot(term)
            changes = {
                name: value
                for name, value in item.items()
                if name in present and self._stored_form(name, value) != before[name]
            }
            if changes:
                plan.append((row, changes, term))
            else:
                report.unchanged.append(term.code)
        return _successors_first(table, plan, report)

    def _stored_form(self, name: str, value: Any) -> Any:
        """A cell's value as the snapshot holds it: concept URIs, ISO dates, lists."""
        prop = TERM[name]
        if value is None:
            return [] if prop.kind is Kind.WORDS else (False if prop.kind is Kind.BOOLEAN else None)
        if prop.kind == "concept":
            if prop.scheme == "schemes":
                return self.vocabulary.scheme_uri(value) or value
            return self.vocabulary.resolve(prop.scheme or "", value) or value
        if isinstance(value, date):
            return value.isoformat()
        return value

    @unit_of_work
    def _apply(
        self, table: Table, plan: list[Step], code: str,
        report: TermImportReport,
    ) -> None:  # fmt: skip
        self._run(table, plan, code, report)
        if report.errors:
            raise _Rejected

    def _run(
        self, table: Table, plan: list[Step], code: str,
        report: TermImportReport,
    ) -> None:  # fmt: skip
        """Every row through the term service, its refusals located at the row and column."""
        note = f"Nhập từ tệp / imported from a file ({code})"
        for row, values, term in plan:
            before = self._human(term_snapshot(term)) if term is not None else None
            try:
                if term is None:
                    created = self.terms.create(values, note)
                    report.added.append({"row": row, "code": created.code, "name_vi": created.name_vi})
                else:
                    updated = self.terms.update(term.code, values, str(term.lock_version), note)
                    after = self._human(term_snapshot(updated))
                    assert before is not None
                    changes = [
                        {"property": name, "column": COLUMN_OF.get(name), "before": before[name],
                         "after": after[name]}
                        for name in TERM.names()
                        if before[name] != after[name]
                    ]  # fmt: skip
                    report.changed.append({"row": row, "code": updated.code, "changes": changes})
            except InvalidInput as exc:
                report.errors += _located(table, row, exc)


def _token(content: bytes, standard: Standard, stored: dict[str, DataElement]) -> str:
    """The file and the state it was checked against: the versions of every term it may touch."""
    digest = hashlib.sha256(content)
    digest.update(f"|{standard.code}|{standard.id}|".encode())
    for code in sorted(stored):
        digest.update(f"{code}:{stored[code].lock_version};".encode())
    return digest.hexdigest()[:40]


def _located(table: Table, row: int, error: InvalidInput) -> list[CellError]:
    found = []
    for name, reasons in error.errors.items():
        column = COLUMN_OF.get(name) if name in TERM else None
        for reason in reasons if isinstance(reasons, list | tuple) else [str(reasons)]:
            message = reason if column or name == "_schema" else invalid_field(name, reason)
            found.append(locate(table, row, column if column in BY_COLUMN else None, message))
    if not found:
        found.append(locate(table, row, None, error.message))
    return found


CYCLE = Message("term_cycle", "the terms of the file replace each other in a loop")


def _successors_first(table: Table, plan: list[Step], report: TermImportReport) -> list[Step]:
    """Rows ordered so that a term named in ``superseded_by`` and added by the file comes first."""
    adding = {values["code"]: index for index, (_row, values, term) in enumerate(plan) if term is None}
    done: list[int] = []
    visiting: set[int] = set()

    def visit(index: int) -> bool:
        if index in done:
            return True
        if index in visiting:
            return False
        visiting.add(index)
        target = plan[index][1].get("superseded_by")
        if target in adding and not visit(adding[target]):
            return False
        visiting.discard(index)
        done.append(index)
        return True

    for index in range(len(plan)):
        if not visit(index):
            row = plan[index][0]
            report.errors.append(
                locate(
                    table,
                    row,
                    "thay_the_boi",
                    Message("term_cycle", "the terms of the file replace each other in a loop"),
                )
            )
            return plan
    return [plan[index] for index in done]

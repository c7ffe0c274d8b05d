"""Do the fields that hold a term store it as the term says? Deviations per field, dataset, agency.

A field holds a term when one of its mappings names the term (the mapping's standard is the
term's dictionary and its term is the term's code). Only an exact or close match of a term in
force is held to it: a broader or narrower match says the field is *not* the same element. The
check needs no data: it compares the field's description (type, length, precision, scale, code
list, unit) with the term's technical definition, and its example value with the term's pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dictionary import concepts as C
from dictionary.errors import NotFound
from dictionary.models import Agency, DataElement, Dataset, Field, OwnershipAssignment, StandardMapping
from dictionary.services.base import Context
from dictionary.visibility import Visibility

CHECKED_RELATIONS = frozenset({C.SKOS + "exactMatch", C.SKOS + "closeMatch"})

DeviationKind = Literal[
    "data_type", "length", "precision", "scale", "code_list", "pattern", "unit", "superseded"
]
Verdict = Literal["conforms", "deviates", "not_checked"]


@dataclass(frozen=True)
class Deviation:
    """One way a field differs from its term: what the term says and what the field has."""

    kind: DeviationKind
    expected: str | None
    actual: str | None


@dataclass(frozen=True)
class FieldConformance:
    field: Field
    term: DataElement
    mapping: StandardMapping
    verdict: Verdict
    deviations: list[Deviation] = dc_field(default_factory=list)
    reason: str | None = None
    """Why a field was not checked: ``draft`` term, or a ``broader`` (non-exact) relation."""

    @property
    def dataset(self) -> Dataset:
        return self.field.dataset


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """The term's pattern as a regular expression, or None when it is not one."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def check_field(item: Field, mapping: StandardMapping, term: DataElement) -> FieldConformance:
    """The field against the term its mapping names."""
    if term.status == C.TERM_DRAFT:
        return FieldConformance(item, term, mapping, "not_checked", reason="draft")
    if mapping.relation not in CHECKED_RELATIONS:
        return FieldConformance(item, term, mapping, "not_checked", reason="relation")
    found: list[Deviation] = []
    if term.status == C.TERM_SUPERSEDED:
        successor = term.superseded_by.code if term.superseded_by is not None else None
        found.append(Deviation("superseded", successor, term.code))
    if term.data_type is not None and item.data_type != term.data_type:
        found.append(Deviation("data_type", C.code_of(term.data_type), _code(item.data_type)))
    for kind in ("length", "precision", "scale"):
        expected, actual = getattr(term, kind), getattr(item, kind)
        if expected is not None and actual != expected:
            found.append(Deviation(kind, str(expected), None if actual is None else str(actual)))
    code_list = _term_code_list(term)
    if code_list is not None and code_list not in _field_code_lists(item):
        field_lists = sorted(_field_code_lists(item))
        found.append(Deviation("code_list", code_list, ", ".join(field_lists) or None))
    if term.unit is not None and (item.unit or "").strip().lower() != term.unit.strip().lower():
        found.append(Deviation("unit", term.unit, item.unit))
    if term.pattern and item.example:
        pattern = compile_pattern(term.pattern)
        if pattern is not None and pattern.fullmatch(item.example.strip()) is None:
            found.append(Deviation("pattern", term.pattern, item.example))
    return FieldConformance(item, term, mapping, "deviates" if found else "conforms", found)


def _code(uri: str | None) -> str | None:
    return C.code_of(uri) if uri else None


def _term_code_list(term: DataElement) -> str | None:
    if term.code_list_standard is not None:
        return term.code_list_standard.code
    return _code(term.code_list_scheme)


def _field_code_lists(item: Field) -> set[str]:
    found = set()
    if item.code_list_standard is not None:
        found.add(item.code_list_standard.code)
    if item.code_list_scheme:
        found.add(C.code_of(item.code_list_scheme))
    return found


def dataset_conformance(dataset: Dataset, fields: list[Field] | None = None) -> list[FieldConformance]:
    """Every (visible) field of the dataset that holds a registered term, checked against it."""
    shown = {f.id for f in (fields if fields is not None else dataset.fields)}
    results = []
    for mapping in dataset.mappings:
        if mapping.field is None or mapping.field_id not in shown or mapping.data_element is None:
            continue
        results.append(check_field(mapping.field, mapping, mapping.data_element))
    return sorted(results, key=lambda r: (r.field.position, r.term.code))


@dataclass(frozen=True)
class ConformanceSummary:
    checked: int
    conforming: int
    deviating: int
    not_checked: int

    @classmethod
    def of(cls, results: list[FieldConformance]) -> ConformanceSummary:
        verdicts = [r.verdict for r in results]
        return cls(
            checked=verdicts.count("conforms") + verdicts.count("deviates"),
            conforming=verdicts.count("conforms"),
            deviating=verdicts.count("deviates"),
            not_checked=verdicts.count("not_checked"),
        )


@dataclass(frozen=True)
class DatasetConformance:
    dataset: Dataset
    summary: ConformanceSummary
    fields: list[FieldConformance]


@dataclass(frozen=True)
class AgencyConformance:
    agency: str
    summary: ConformanceSummary
    datasets: list[DatasetConformance]

    @property
    def deviating(self) -> list[FieldConformance]:
        return [r for report in self.datasets for r in report.fields if r.verdict == "deviates"]


class ConformanceService:
    """Conformance reports, limited to what the caller may see."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.ctx = ctx
        self.visibility = visibility

    def dataset_report(self, slug: str) -> DatasetConformance:
        from dictionary.services.datasets import DatasetService

        dataset = DatasetService(self.ctx).get(slug)
        if not self.visibility.can_see(dataset):
            raise NotFound("Dataset", slug)
        return self.for_dataset(dataset)

    def agency_report(self, code: str) -> AgencyConformance:
        from dictionary.services.agencies import AgencyService

        reports = self.for_agency(AgencyService(self.ctx).get(code))
        summary = ConformanceSummary.of([r for report in reports for r in report.fields])
        return AgencyConformance(code, summary, reports)

    def term_report(self, code: str) -> tuple[DataElement, list[FieldConformance]]:
        from dictionary.services.terms import TermService

        term = TermService(self.ctx).get(code)
        return term, self.for_term(term)

    def for_dataset(self, dataset: Dataset) -> DatasetConformance:
        """``dataset`` as the caller sees it (already checked visible)."""
        results = dataset_conformance(dataset, self.visibility.visible_fields(dataset))
        return DatasetConformance(dataset, ConformanceSummary.of(results), results)

    def for_term(self, term: DataElement) -> list[FieldConformance]:
        """Every visible field in the province that holds the term."""
        query = (
            select(StandardMapping)
            .join(Field, StandardMapping.field_id == Field.id)
            .join(Dataset, StandardMapping.dataset_id == Dataset.id)
            .where(StandardMapping.standard_id == term.standard_id, StandardMapping.term == term.code)
            .where(self.visibility.dataset_clause())
            .options(selectinload(StandardMapping.field).selectinload(Field.dataset))
            .order_by(Dataset.slug, Field.position)
        )
        results = []
        for mapping in self.ctx.session.scalars(query):
            item = mapping.field
            if item is None or not self.visibility.sees_field(item.dataset, item):
                continue
            results.append(check_field(item, mapping, term))
        return results

    def for_agency(self, agency: Agency) -> list[DatasetConformance]:
        """The datasets the agency currently owns that hold terms, each with its deviations."""
        owned = select(OwnershipAssignment.dataset_id).where(
            OwnershipAssignment.agency_id == agency.id,
            OwnershipAssignment.role == C.OWNER,
            OwnershipAssignment.valid_to.is_(None),
        )
        # The ownership filter is a subquery: the visibility clause correlates on ownerships itself.
        query = (
            select(Dataset)
            .where(Dataset.id.in_(owned))
            .where(self.visibility.dataset_clause())
            .order_by(Dataset.slug)
        )
        reports = []
        for dataset in self.ctx.session.scalars(query):
            report = self.for_dataset(dataset)
            if report.fields:
                reports.append(report)
        return reports

"""Completeness and freshness of a dataset's description.

The province's regulation asks that shared data be described, standardised and "bảo đảm tính cập
nhật và chính xác" (kept current and accurate). The score makes that measurable: how much of the
description and dictionary is filled in, and whether the data was updated as often as declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, or_

from dictionary import concepts as C
from dictionary.models import Dataset
from dictionary.ports import ConceptLookup
from dictionary.services.conformance import dataset_conformance

COMPLETENESS_WEIGHT = 80
FRESHNESS_WEIGHT = 20

# Each gap has a code (stable, for filters and translations) and a weight out of 100.
DESCRIPTION_ITEMS: dict[str, tuple[int, str]] = {
    "title_en": (3, "English title"),
    "description": (4, "a description of at least 50 characters"),
    "purpose": (3, "purpose (Decree 47/2020 art. 11.4b)"),
    "scope": (2, "scope (art. 11.4b)"),
    "content": (2, "content (art. 11.4b)"),
    "collection_mechanism": (3, "collection and update mechanism (art. 11.4c)"),
    "source": (3, "data source (art. 11.4c)"),
    "themes": (3, "at least one theme"),
    "keywords": (2, "keywords"),
    "frequency": (3, "declared update frequency"),
    "legal_basis": (3, "legal basis"),
    "owner": (4, "a current owner agency"),
    "contact_point": (3, "a contact point"),
    "distribution": (3, "a distribution or access service"),
    "data_updated_on": (2, "date of the last data update"),
}
FIELD_ITEMS: dict[str, tuple[int, str]] = {
    "fields_present": (10, "a data dictionary (at least one field)"),
    "fields_described": (12, "definitions of every field"),
    "fields_typed": (10, "data types of every field"),
    "personal_data_flagged": (15, "personal-data assessment of every field"),
    "fields_mapped": (5, "standard mappings for key fields (at least a quarter of the fields)"),
    "fields_conform": (5, "fields that hold a term of the shared data dictionary conform to it"),
}
GAP_LABELS = {code: label for code, (_, label) in (DESCRIPTION_ITEMS | FIELD_ITEMS).items()} | {
    "stale": "an update: the data is older than its declared frequency allows",
}


@dataclass(frozen=True)
class QualityReport:
    completeness: int
    """0-100: how much of the description and dictionary is filled in."""
    freshness: str
    """fresh, stale, or unknown (no update date or no declared frequency)."""
    score: int
    """0-100: 80 % completeness, 20 % freshness."""
    gaps: list[str] = field(default_factory=list)
    """Codes of what is missing, most important first (see GAP_LABELS)."""
    update_due_on: date | None = None


def _ratio(count: int, total: int) -> float:
    return count / total if total else 0.0


def assess(dataset: Dataset, concepts: ConceptLookup, today: date) -> QualityReport:
    present = {
        "title_en": bool(dataset.title_en),
        "description": len(dataset.description_vi or "") >= 50,
        "purpose": bool(dataset.purpose),
        "scope": bool(dataset.scope),
        "content": bool(dataset.content),
        "collection_mechanism": bool(dataset.collection_mechanism),
        "source": bool(dataset.source),
        "themes": bool(dataset.themes),
        "keywords": bool(dataset.keywords_vi),
        "frequency": dataset.frequency is not None,
        "legal_basis": bool(dataset.legal_basis),
        "owner": dataset.current_assignment(C.OWNER) is not None,
        "contact_point": bool(dataset.contact_points),
        "distribution": bool(dataset.distributions),
        "data_updated_on": dataset.data_updated_on is not None,
    }
    fields = dataset.fields
    total = len(fields)
    mapped = {mapping.field_id for mapping in dataset.mappings if mapping.field_id is not None}
    checked = [r for r in dataset_conformance(dataset) if r.verdict != "not_checked"]
    ratios = {
        "fields_present": 1.0 if total else 0.0,
        "fields_described": _ratio(sum(1 for f in fields if f.definition), total),
        "fields_typed": _ratio(sum(1 for f in fields if f.data_type), total),
        "personal_data_flagged": _ratio(sum(1 for f in fields if f.personal_data), total),
        "fields_mapped": min(1.0, _ratio(sum(1 for f in fields if f.id in mapped), total) * 4),
        # Nothing held to a term is nothing that deviates: a dictionary is not marked down for it.
        "fields_conform": _ratio(sum(1 for r in checked if r.verdict == "conforms"), len(checked))
        if checked
        else 1.0,
    }
    points: float = sum(weight for code, (weight, _) in DESCRIPTION_ITEMS.items() if present[code])
    points += sum(weight * ratios[code] for code, (weight, _) in FIELD_ITEMS.items())
    completeness = round(points)
    gaps = [code for code, (_, _) in FIELD_ITEMS.items() if ratios[code] < 1.0]
    gaps += [code for code in DESCRIPTION_ITEMS if not present[code]]

    due = update_due_on(dataset, concepts)
    if dataset.data_updated_on is None or dataset.frequency is None:
        freshness = "unknown"
    elif due is None or due >= today:
        freshness = "fresh"
    else:
        freshness = "stale"
        gaps.insert(0, "stale")
    score = round(
        completeness * COMPLETENESS_WEIGHT / 100 + (FRESHNESS_WEIGHT if freshness == "fresh" else 0)
    )
    return QualityReport(completeness, freshness, score, gaps, due)


def update_due_on(dataset: Dataset, concepts: ConceptLookup) -> date | None:
    """The day by which the data should have been updated again, per its declared frequency."""
    if dataset.data_updated_on is None or dataset.frequency is None:
        return None
    period = concepts.update_period(dataset.frequency)
    if period is None:
        return None
    # A grace of one tenth of the period (at least a day): reports are rarely filed on the hour.
    return dataset.data_updated_on + period + max(timedelta(days=1), period / 10)


def fresh_clause(today: date) -> ColumnElement[bool]:
    """SQL for 'fresh' as :func:`assess` defines it, so lists can filter on it."""
    return and_(
        Dataset.data_updated_on.is_not(None),
        Dataset.frequency.is_not(None),
        or_(Dataset.update_due_on.is_(None), Dataset.update_due_on >= today),
    )


def stale_clause(today: date) -> ColumnElement[bool]:
    return and_(Dataset.update_due_on.is_not(None), Dataset.update_due_on < today)


def _score(completeness: int, freshness: str) -> int:
    # Integer arithmetic, rounding halves up, exactly as score_expression does in SQL.
    return (completeness * COMPLETENESS_WEIGHT + 50) // 100 + (
        FRESHNESS_WEIGHT if freshness == "fresh" else 0
    )


def score_expression(today: date) -> ColumnElement[int]:
    """SQL for the score of :func:`assess`, so lists can filter and sort on it."""
    return (Dataset.completeness * COMPLETENESS_WEIGHT + 50) // 100 + case(
        (fresh_clause(today), FRESHNESS_WEIGHT), else_=0
    )


def stored_report(dataset: Dataset, today: date) -> QualityReport:
    """The report from the figures stored at the last change, with freshness as of ``today``.

    Cheap (no vocabulary look-up), and consistent with the SQL filters above.
    """
    if dataset.data_updated_on is None or dataset.frequency is None:
        freshness = "unknown"
    elif dataset.update_due_on is None or dataset.update_due_on >= today:
        freshness = "fresh"
    else:
        freshness = "stale"
    gaps = (["stale"] if freshness == "stale" else []) + list(dataset.quality_gaps)
    return QualityReport(
        dataset.completeness, freshness, _score(dataset.completeness, freshness), gaps, dataset.update_due_on
    )

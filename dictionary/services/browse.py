"""Read models of the staff web pages: what one page shows, with the viewer's visibility applied.

Every method answers one page in one call and applies :class:`~dictionary.visibility.Visibility`
itself: a dataset the viewer may not see is "not found" (no hint that it exists), restricted
fields, contact data and access details are withheld (:meth:`Visibility.redact`), and the same
goes for what revision snapshots, messages and diffs reveal. The web layer only renders.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from dictionary.errors import NotFound
from dictionary.models import Agency, Dataset, Field, Revision, Standard, StandardMapping
from dictionary.services.base import Context
from dictionary.services.publication import PublicationService
from dictionary.services.quality import QualityReport, assess
from dictionary.services.scoped import redact_revisions
from dictionary.services.snapshots import diff_snapshots
from dictionary.visibility import Visibility


@dataclass(frozen=True)
class Summary:
    """The home page: counts, the latest changed datasets and the themes in use."""

    datasets: int
    agencies: int
    fields: int
    standards: int
    recent: list[Dataset]
    themes: list[tuple[str, int]]
    """Theme concept URI and number of visible datasets, most used first."""


@dataclass(frozen=True)
class DatasetPage:
    dataset: Dataset
    """The dataset as the viewer may see it (a read-only redacted view when needed)."""
    quality: QualityReport
    revision_count: int
    recent_revisions: list[Revision]
    in_scope: bool
    """The viewer's agency scope holds the dataset (it may use and edit it without approval)."""
    sees_details: bool
    """The viewer sees the contact persons and the access details of non-public distributions."""
    hidden_fields: int
    """Restricted fields withheld from this viewer."""
    needs_request: bool
    """Using the data needs an approved access request: outside scope, not open, no live grant."""
    field_mappings: dict[uuid.UUID, list[StandardMapping]] = field(default_factory=dict)
    dataset_mappings: list[StandardMapping] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryPage:
    dataset: Dataset
    revisions: list[Revision]
    total: int
    diff: dict[str, Any] | None = None
    """Changes between the two revisions asked for, if any."""


class BrowseService:
    """The pages of the catalog as one viewer sees them."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.ctx = ctx
        self.visibility = visibility
        self.publication = PublicationService(ctx)

    # Home --------------------------------------------------------------------------------------

    def summary(self, recent: int = 6) -> Summary:
        session = self.ctx.session
        visible = self.visibility.dataset_clause()
        datasets = session.scalar(select(func.count(Dataset.id)).where(visible)) or 0
        fields = (
            session.scalar(
                select(func.count(Field.id)).join(Dataset).where(visible, self.visibility.field_clause())
            )
            or 0
        )
        agencies = session.scalar(select(func.count(Agency.id)).where(Agency.valid_to.is_(None))) or 0
        standards = session.scalar(select(func.count(Standard.id))) or 0
        latest = session.scalars(
            select(Dataset).where(visible).order_by(Dataset.updated_at.desc(), Dataset.id).limit(recent)
        ).all()
        themes: Counter[str] = Counter()
        for row in session.scalars(select(Dataset.themes).where(visible)):
            themes.update(row or [])
        ranked = sorted(themes.items(), key=lambda item: (-item[1], item[0]))
        return Summary(datasets, agencies, fields, standards, list(latest), ranked)

    # One dataset -------------------------------------------------------------------------------

    def dataset(self, slug: str, recent_revisions: int = 5) -> DatasetPage:
        """The dataset page; NotFound when the viewer may not see the dataset."""
        dataset = self.publication.dataset(slug, self.visibility)
        shown = self.visibility.redact(dataset)
        by_field: dict[uuid.UUID, list[StandardMapping]] = {}
        for mapping in shown.mappings:
            if mapping.field_id is not None:
                by_field.setdefault(mapping.field_id, []).append(mapping)
        session = self.ctx.session
        recent = session.scalars(
            select(Revision)
            .where(Revision.dataset_id == dataset.id)
            .order_by(Revision.number.desc())
            .limit(recent_revisions)
        ).all()
        return DatasetPage(
            dataset=shown,
            quality=assess(dataset, self.ctx.concepts, self.ctx.clock()),
            revision_count=session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0,
            recent_revisions=redact_revisions(self.ctx, self.visibility, dataset, recent),
            in_scope=self.visibility.in_scope(dataset),
            sees_details=self.visibility.sees_access_details(dataset),
            hidden_fields=len(dataset.fields) - len(shown.fields),
            needs_request=self.visibility.needs_request(dataset),
            field_mappings=by_field,
            dataset_mappings=[m for m in shown.mappings if m.field_id is None],
        )

    def history(
        self, slug: str, page: int, page_size: int, compare: tuple[int, int] | None = None
    ) -> HistoryPage:
        """The revisions of a dataset, newest first, and optionally the diff of two of them."""
        dataset = self.publication.dataset(slug, self.visibility)
        session = self.ctx.session
        total = session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0
        revisions = session.scalars(
            select(Revision)
            .where(Revision.dataset_id == dataset.id)
            .order_by(Revision.number.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        diff = None
        if compare is not None:
            snapshots = (self._snapshot(dataset, number) for number in compare)
            diff = diff_snapshots(*self.visibility.redact_snapshots(dataset, *snapshots))
        shown = redact_revisions(self.ctx, self.visibility, dataset, revisions)
        return HistoryPage(self.visibility.redact(dataset), shown, total, diff)

    def _snapshot(self, dataset: Dataset, number: int) -> dict[str, Any]:
        snapshot = self.ctx.session.scalar(
            select(Revision.snapshot).where(Revision.dataset_id == dataset.id, Revision.number == number)
        )
        if snapshot is None:
            raise NotFound("Revision", f"{dataset.slug}@{number}")
        return snapshot

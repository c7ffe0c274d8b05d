"""Read models of the staff web pages: what one page shows, with the viewer's visibility applied.

Every method answers one page in one call and applies :class:`~dictionary.visibility.Visibility`
itself: a dataset the viewer may not see is "not found" (no hint that it exists), restricted
fields, contact data and access details are withheld (:func:`dictionary.policies.redact`), and
the same goes for what revision snapshots and diffs reveal. The web layer only renders.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, true

from dictionary import concepts as C
from dictionary.errors import NotFound
from dictionary.models import Agency, Dataset, Field, OwnershipAssignment, Revision, Standard, StandardMapping
from dictionary.policies import redact
from dictionary.services.base import Context
from dictionary.services.publication import PublicationService
from dictionary.services.quality import QualityReport, assess
from dictionary.services.snapshots import diff_snapshots
from dictionary.visibility import Visibility

ACCESS_DETAILS = ("access_url", "download_url", "endpoint_url", "endpoint_description")
"""Distribution attributes withheld from viewers without the right to restricted data."""


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
    sees_restricted: bool
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
                select(func.count(Field.id)).join(Dataset).where(visible, field_clause(self.visibility))
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
        sees_restricted = self.visibility.can_see_restricted(dataset)
        shown = redact(dataset, self.visibility)
        in_scope = self.visibility.in_scope(dataset)
        open_data = dataset.sharing_class == C.OPEN and dataset.status == C.PUBLISHED
        by_field: dict[uuid.UUID, list[StandardMapping]] = {}
        for mapping in shown.mappings:
            if mapping.field_id is not None:
                by_field.setdefault(mapping.field_id, []).append(mapping)
        session = self.ctx.session
        return DatasetPage(
            dataset=shown,
            quality=assess(dataset, self.ctx.concepts, self.ctx.clock()),
            revision_count=session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0,
            recent_revisions=list(
                session.scalars(
                    select(Revision)
                    .where(Revision.dataset_id == dataset.id)
                    .order_by(Revision.number.desc())
                    .limit(recent_revisions)
                )
            ),
            in_scope=in_scope,
            sees_restricted=sees_restricted,
            hidden_fields=0 if sees_restricted else sum(1 for f in dataset.fields if f.restricted),
            needs_request=not in_scope and not open_data and dataset.id not in self.visibility.grants,
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
            old, new = (self._snapshot(dataset, number) for number in compare)
            if not self.visibility.can_see_restricted(dataset):
                old, new = redact_snapshot(old), redact_snapshot(new)
            diff = diff_snapshots(old, new)
        return HistoryPage(redact(dataset, self.visibility), list(revisions), total, diff)

    def _snapshot(self, dataset: Dataset, number: int) -> dict[str, Any]:
        snapshot = self.ctx.session.scalar(
            select(Revision.snapshot).where(Revision.dataset_id == dataset.id, Revision.number == number)
        )
        if snapshot is None:
            raise NotFound("Revision", f"{dataset.slug}@{number}")
        return snapshot


def field_clause(visibility: Visibility) -> ColumnElement[bool]:
    """SQL: the field is not restricted, or the viewer may see the restricted fields of its dataset."""
    if visibility.everything:
        return true()
    in_scope = select(OwnershipAssignment.dataset_id).where(
        OwnershipAssignment.valid_to.is_(None),
        OwnershipAssignment.role.in_([C.OWNER, C.CUSTODIAN]),
        OwnershipAssignment.agency_id.in_(sorted(visibility.scope)),
    )
    return or_(
        Field.restricted.is_(False),
        Field.dataset_id.in_(sorted(visibility.grants)),
        Field.dataset_id.in_(in_scope),
    )


def redact_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A revision snapshot without restricted fields, their mappings, contacts and access details."""
    restricted = {f["name"] for f in snapshot.get("fields", []) if f.get("restricted")}
    data = dict(snapshot)
    data["fields"] = [f for f in snapshot.get("fields", []) if f["name"] not in restricted]
    data["mappings"] = [m for m in snapshot.get("mappings", []) if m.get("field") not in restricted]
    data["contact_points"] = []
    data["distributions"] = [
        d
        if d.get("access_rights") == C.PUBLIC_ACCESS
        else {name: (None if name in ACCESS_DETAILS else value) for name, value in d.items()}
        for d in snapshot.get("distributions", [])
    ]
    return data

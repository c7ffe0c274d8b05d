"""The dataset and revision services as one principal sees them: lists filtered in SQL, datasets
and revisions redacted.

Reads go through :class:`ScopedDatasetService` and :class:`ScopedRevisionService`: a dataset the
principal may not see is a 404 (its existence is not revealed), lists carry
:meth:`Visibility.dataset_clause` inside the query (so counts and pages are right), and what
:class:`~dictionary.visibility.Visibility` withholds (restricted fields outside the principal's
scope and grants, access details, contact points) is left out of what is returned — of revision
snapshots, messages and diffs too. Writes are handed to the plain service, which checks the acting
principal's rights itself.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from dictionary import change_messages as M
from dictionary.errors import NotFound
from dictionary.models import Dataset, Revision
from dictionary.services.base import ANY_VERSION, Context, IfMatch
from dictionary.services.datasets import DatasetFilters, DatasetService
from dictionary.services.lookup import load_dataset
from dictionary.services.quality import QualityReport
from dictionary.services.revisions import RevisionService
from dictionary.services.snapshots import diff_snapshots
from dictionary.visibility import Visibility


class _VisibleDatasets(DatasetService):
    """DatasetService whose list query only finds visible datasets."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        super().__init__(ctx)
        self.visibility = visibility

    def _filtered(self, f: DatasetFilters) -> Select[Dataset]:
        return super()._filtered(f).where(self.visibility.dataset_clause())


class ScopedDatasetService:
    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.visibility = visibility
        self._service = _VisibleDatasets(ctx, visibility)

    def get(self, slug_or_id: str) -> Dataset:
        dataset = self._service.get(slug_or_id)
        if not self.visibility.can_see(dataset):
            raise NotFound("Dataset", slug_or_id)
        return self.visibility.redact(dataset)

    def list(self, filters: DatasetFilters, page: int, page_size: int) -> tuple[list[Dataset], int]:
        items, total = self._service.list(filters, page, page_size)
        return [self.visibility.redact(dataset) for dataset in items], total

    # Writes and helpers are the plain service's: each checks the acting principal's rights
    # itself (Context.principal), and one who may write a dataset sees all of it.

    def create(self, data: dict[str, Any], message: str = M.CREATED) -> Dataset:
        return self._service.create(data, message)

    def update(
        self, slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION, message: str | None = None
    ) -> Dataset:
        return self._service.update(slug, data, if_match, message)

    def delete(self, slug: str, if_match: IfMatch = ANY_VERSION) -> None:
        self._service.delete(slug, if_match)

    def assign(
        self,
        slug: str,
        *,
        agency: str,
        role: str,
        valid_from: date,
        note: str | None = None,
        if_match: IfMatch = ANY_VERSION,
    ) -> Dataset:
        return self._service.assign(
            slug, agency=agency, role=role, valid_from=valid_from, note=note, if_match=if_match
        )

    def restore(self, slug: str, number: int, if_match: IfMatch = ANY_VERSION) -> Dataset:
        return self._service.restore(slug, number, if_match)

    def all_by_title(self) -> builtins.list[Dataset]:
        return self._service.all_by_title()

    def quality(self, dataset: Dataset) -> QualityReport:
        return self._service.quality(dataset)

    def revision_count(self, dataset: Dataset) -> int:
        return self._service.revision_count(dataset)


class ScopedRevisionService:
    """History as the principal may read it: messages, snapshots and diffs redacted."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.ctx = ctx
        self.visibility = visibility
        self._service = RevisionService(ctx)

    def _dataset(self, slug: str) -> Dataset:
        dataset = load_dataset(self.ctx.session, slug)
        if not self.visibility.can_see(dataset):
            raise NotFound("Dataset", slug)
        return dataset

    def list(self, slug: str, page: int, page_size: int) -> tuple[list[Revision], int]:
        dataset = self._dataset(slug)
        rows, total = self._service.list(slug, page, page_size)
        return redact_revisions(self.ctx, self.visibility, dataset, rows), total

    def get(self, slug: str, number: int) -> Revision:
        dataset = self._dataset(slug)
        return redact_revisions(self.ctx, self.visibility, dataset, [self._service.get(slug, number)])[0]

    def diff(self, slug: str, old: int, new: int) -> dict[str, Any]:
        dataset = self._dataset(slug)
        before, after = (self._service.get(slug, number).snapshot for number in (old, new))
        return diff_snapshots(*self.visibility.redact_snapshots(dataset, before, after))


def redact_revisions(
    ctx: Context, visibility: Visibility, dataset: Dataset, revisions: Sequence[Revision]
) -> list[Revision]:
    """The revisions as ``visibility`` may read them, each with the snapshot before it at hand
    (a removal names a field that only the previous snapshot holds)."""
    if visibility.sees_every_field(dataset) and visibility.sees_access_details(dataset):
        return list(revisions)
    wanted = sorted({r.number - 1 for r in revisions} - {r.number for r in revisions} - {0})
    rows = ctx.session.execute(
        select(Revision.number, Revision.snapshot).where(
            Revision.dataset_id == dataset.id, Revision.number.in_(wanted)
        )
    )
    earlier = {row.number: row.snapshot for row in rows}
    earlier.update({r.number: r.snapshot for r in revisions})
    return [visibility.redact_revision(dataset, r, earlier.get(r.number - 1)) for r in revisions]

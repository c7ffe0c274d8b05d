"""The dataset service as one principal sees it: lists filtered in SQL, datasets redacted.

Reads go through :class:`ScopedDatasetService`: a dataset the principal may not see is a 404 (its
existence is not revealed), lists carry :meth:`Visibility.dataset_clause` inside the query (so
counts and pages are right), and restricted fields, access details and contact points are left
out of what is returned unless the principal's scope or a grant covers the dataset. Writes are
passed through unchanged: the authorisation guard has already required edit rights, which imply
seeing everything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from dictionary.errors import NotFound
from dictionary.models import Dataset
from dictionary.policies import redact
from dictionary.services.base import Context
from dictionary.services.datasets import DatasetFilters, DatasetService
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
        return redact(dataset, self.visibility)

    def list(self, filters: DatasetFilters, page: int, page_size: int) -> tuple[list[Dataset], int]:
        items, total = self._service.list(filters, page, page_size)
        return [redact(dataset, self.visibility) for dataset in items], total

    def __getattr__(self, name: str) -> Any:
        # Writes and helpers (create, update, delete, assign, restore, quality…) are the plain service's.
        return getattr(self._service, name)

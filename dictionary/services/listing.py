"""The catalog as a list of light entries, for surfaces that filter, sort and count it themselves.

A harvesting protocol (the CKAN Action API in ``app.ckan``) asks for the whole visible catalog in
a stable order, filtered by owner, theme, keyword, format, licence or time, with counts per value.
:class:`CatalogListing` gives it the visible datasets as :class:`CatalogEntry` values (a few
columns each, no dictionary), filtered in SQL by what the principal may see and by status and
sharing class; whole datasets, redacted, come from :meth:`CatalogListing.load` for one page.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dictionary import concepts as C
from dictionary.errors import NotFound
from dictionary.models import Dataset, Distribution, OwnershipAssignment
from dictionary.services.base import Context
from dictionary.services.lookup import load_dataset
from dictionary.visibility import Visibility


@dataclass(frozen=True)
class CatalogEntry:
    """What a listing filters, sorts and counts on: one visible dataset, without its parts."""

    id: uuid.UUID
    slug: str
    title: str
    created_at: datetime
    updated_at: datetime
    status: str
    sharing_class: str
    owner_id: uuid.UUID | None
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    """Vietnamese keywords, then the English ones (each once)."""
    formats: tuple[str, ...]
    """File-type concept URIs of the distributions."""
    licences: tuple[str, ...]
    """Licence concept URIs of the distributions."""

    @property
    def is_open(self) -> bool:
        return self.sharing_class == C.OPEN


class CatalogListing:
    """The datasets one principal may see, as entries and as whole (redacted) datasets."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.ctx = ctx
        self.visibility = visibility

    def entries(
        self,
        statuses: Iterable[str] = (C.PUBLISHED,),
        *,
        open_only: bool = True,
        ids: Iterable[uuid.UUID] | None = None,
        distribution_terms: bool = True,
    ) -> list[CatalogEntry]:
        """Visible datasets in one of ``statuses``, only open ones unless ``open_only`` is False,
        only those of ``ids`` when given; in no particular order. ``distribution_terms=False``
        leaves ``formats`` and ``licences`` empty, for a caller that reads neither (a query less)."""
        session = self.ctx.session
        query = select(
            Dataset.id,
            Dataset.slug,
            Dataset.title_vi,
            Dataset.created_at,
            Dataset.updated_at,
            Dataset.status,
            Dataset.sharing_class,
            Dataset.themes,
            Dataset.keywords_vi,
            Dataset.keywords_en,
        ).where(self.visibility.dataset_clause(), Dataset.status.in_(list(statuses)))
        if open_only:
            query = query.where(Dataset.sharing_class == C.OPEN)
        if ids is not None:
            wanted = list(ids)
            if not wanted:
                return []
            query = query.where(Dataset.id.in_(wanted))
        rows = session.execute(query).all()
        found = [row.id for row in rows]
        owners = self._owners(found)
        formats, licences = self._distribution_terms(found if distribution_terms else [])
        return [
            CatalogEntry(
                id=row.id,
                slug=row.slug,
                title=row.title_vi,
                created_at=row.created_at,
                updated_at=row.updated_at,
                status=row.status,
                sharing_class=row.sharing_class,
                owner_id=owners.get(row.id),
                themes=tuple(row.themes or ()),
                keywords=tuple(dict.fromkeys([*(row.keywords_vi or ()), *(row.keywords_en or ())])),
                formats=tuple(sorted(formats.get(row.id, ()))),
                licences=tuple(sorted(licences.get(row.id, ()))),
            )
            for row in rows
        ]

    def _owners(self, dataset_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not dataset_ids:
            return {}
        rows = self.ctx.session.execute(
            select(OwnershipAssignment.dataset_id, OwnershipAssignment.agency_id).where(
                OwnershipAssignment.role == C.OWNER,
                OwnershipAssignment.valid_to.is_(None),
                OwnershipAssignment.dataset_id.in_(dataset_ids),
            )
        )
        return {row.dataset_id: row.agency_id for row in rows}

    def _distribution_terms(
        self, dataset_ids: Sequence[uuid.UUID]
    ) -> tuple[dict[uuid.UUID, set[str]], dict[uuid.UUID, set[str]]]:
        formats: dict[uuid.UUID, set[str]] = defaultdict(set)
        licences: dict[uuid.UUID, set[str]] = defaultdict(set)
        if not dataset_ids:
            return formats, licences
        rows = self.ctx.session.execute(
            select(Distribution.dataset_id, Distribution.format, Distribution.licence).where(
                Distribution.dataset_id.in_(dataset_ids)
            )
        )
        for row in rows:
            if row.format:
                formats[row.dataset_id].add(row.format)
            if row.licence:
                licences[row.dataset_id].add(row.licence)
        return formats, licences

    def load(self, ids: Sequence[uuid.UUID]) -> list[Dataset]:
        """These datasets with their parts, in this order, as the principal may see them."""
        if not ids:
            return []
        query = (
            select(Dataset)
            .where(Dataset.id.in_(list(ids)), self.visibility.dataset_clause())
            .options(
                selectinload(Dataset.fields),
                selectinload(Dataset.distributions),
                selectinload(Dataset.ownerships),
                selectinload(Dataset.contact_points),
            )
        )
        by_id = {dataset.id: dataset for dataset in self.ctx.session.scalars(query)}
        return [self.visibility.redact(by_id[i]) for i in ids if i in by_id]

    def get(self, slug_or_id: str) -> Dataset:
        """One visible dataset by slug or id, redacted; NotFound when it is not visible."""
        dataset = load_dataset(self.ctx.session, slug_or_id)
        if not self.visibility.can_see(dataset):
            raise NotFound("Dataset", slug_or_id)
        return self.visibility.redact(dataset)

    def dataset_of_distribution(self, distribution_id: uuid.UUID) -> uuid.UUID | None:
        """The dataset a distribution belongs to, if it exists (visibility is the caller's check)."""
        return self.ctx.session.scalar(
            select(Distribution.dataset_id).where(Distribution.id == distribution_id)
        )

"""Reading the catalog for publication (DCAT export, harvesting endpoints): visible datasets in
pages, in a stable order, with everything a mapper needs loaded up front.

The order is (created_at, id), never a modification time: a dataset edited while a harvester pages
through the catalog must not jump to another page and be seen twice or not at all (reference
dcat.md §2). Pages are read with every relationship eager-loaded (``selectinload``), so mapping a
page of 100 datasets costs a fixed handful of queries, not one per dataset and field.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from dictionary.errors import NotFound
from dictionary.models import Agency, ContactPoint, Dataset, Field, OwnershipAssignment, StandardMapping
from dictionary.services.base import Context
from dictionary.visibility import Visibility

LOADED = (
    selectinload(Dataset.ownerships).joinedload(OwnershipAssignment.agency),
    selectinload(Dataset.contact_points).joinedload(ContactPoint.agency),
    selectinload(Dataset.distributions),
    selectinload(Dataset.mappings).joinedload(StandardMapping.standard),
    selectinload(Dataset.fields).selectinload(Field.code_list_standard),
    selectinload(Dataset.fields).selectinload(Field.foreign_key_field).joinedload(Field.dataset),
    selectinload(Dataset.fields).lazyload(Field.mappings),
)
"""Everything vocab.dcat reads from a dataset. A mapping's field is one of the dataset's fields,
already in the session (a many-to-one found by key there, no query); the fields' own ``mappings``
(selected by default) are not read by the mapping, which reads the dataset's, so not loaded twice."""


@dataclass(frozen=True)
class PublicationFilter:
    visibility: Visibility
    modified_since: datetime | None = None
    """Only datasets whose description changed at or after this moment (harvesters' incremental runs)."""

    def clause(self) -> ColumnElement[bool]:
        clause = self.visibility.dataset_clause()
        if self.modified_since is not None:
            clause = and_(clause, Dataset.updated_at >= self.modified_since)
        return clause


@dataclass(frozen=True)
class CatalogFacts:
    total: int
    first_created: date | None
    last_modified: datetime | None


class PublicationService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def facts(self, where: PublicationFilter) -> CatalogFacts:
        """How many datasets the filter lets through, and the catalog's issue and modification dates."""
        row = self.ctx.session.execute(
            select(func.count(Dataset.id), func.min(Dataset.created_at), func.max(Dataset.updated_at)).where(
                where.clause()
            )
        ).one()
        first = row[1]
        return CatalogFacts(int(row[0] or 0), first.date() if first else None, row[2])

    def page(self, where: PublicationFilter, page: int, page_size: int) -> list[Dataset]:
        """Page ``page`` (from 1) of the visible datasets, fully loaded."""
        query = self._ordered(where).offset((page - 1) * page_size).limit(page_size)
        return list(self.ctx.session.scalars(query).unique())

    def batches(
        self, where: PublicationFilter, size: int, *, start: int = 0, limit: int | None = None
    ) -> Iterator[list[Dataset]]:
        """The visible datasets in batches of ``size``, from offset ``start``, at most ``limit`` in all.

        Batches after the first are found by key (after the last one read), not by offset, so a
        full export of 10,000 datasets does not re-scan what it already read; the session is
        emptied between batches, so memory stays flat however large the catalog.
        """
        remaining = limit
        after: tuple[datetime, uuid.UUID] | None = None
        first = True
        while remaining is None or remaining > 0:
            count = size if remaining is None else min(size, remaining)
            query = self._ordered(where)
            if after is not None:
                created, ident = after
                query = query.where(
                    or_(Dataset.created_at > created, and_(Dataset.created_at == created, Dataset.id > ident))
                )
            elif first and start:
                query = query.offset(start)
            first = False
            rows = list(self.ctx.session.scalars(query.limit(count)).unique())
            if not rows:
                return
            after = (rows[-1].created_at, rows[-1].id)
            yield rows
            self.ctx.session.expunge_all()
            if remaining is not None:
                remaining -= len(rows)
            if len(rows) < count:
                return

    def dataset(self, slug_or_id: str, visibility: Visibility) -> Dataset:
        """One dataset if the principal may see it; NotFound otherwise (no hint that it exists)."""
        query = select(Dataset).options(*LOADED).where(visibility.dataset_clause())
        try:
            query = query.where(Dataset.id == uuid.UUID(slug_or_id))
        except ValueError:
            query = query.where(Dataset.slug == slug_or_id)
        dataset = self.ctx.session.scalars(query).unique().one_or_none()
        if dataset is None:
            raise NotFound("Dataset", slug_or_id)
        return dataset

    def agency(self, code: str) -> Agency:
        agency = self.ctx.session.scalars(
            select(Agency)
            .options(selectinload(Agency.children), selectinload(Agency.events), joinedload(Agency.parent))
            .where(Agency.code == code)
        ).one_or_none()
        if agency is None:
            raise NotFound("Agency", code)
        return agency

    def find_agency(self, code: str) -> Agency | None:
        return self.ctx.session.scalars(select(Agency).where(Agency.code == code)).one_or_none()

    @staticmethod
    def _ordered(where: PublicationFilter) -> Select[Dataset]:
        return select(Dataset).options(*LOADED).where(where.clause()).order_by(Dataset.created_at, Dataset.id)

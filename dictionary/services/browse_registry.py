"""Read models of the registry pages: the agency tree with its 2025 lineage, and where standards are used.

Like :mod:`dictionary.services.browse`, every answer already applies the viewer's visibility:
datasets the viewer may not see are neither listed nor counted, restricted fields neither.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from dictionary import concepts as C
from dictionary.models import (
    Agency,
    AgencyEvent,
    Dataset,
    Field,
    OwnershipAssignment,
    Standard,
    StandardMapping,
)
from dictionary.services.base import Context
from dictionary.services.publication import PublicationService
from dictionary.services.standards import StandardFilters, StandardService
from dictionary.visibility import Visibility


@dataclass(frozen=True)
class AgencyNode:
    agency: Agency
    children: list[AgencyNode] = field(default_factory=list)
    datasets: int = 0
    """Visible datasets the agency owns now."""


@dataclass(frozen=True)
class Directory:
    """Every agency: today's tree, and the tree of the agencies that have ceased, with successors."""

    current: list[AgencyNode]
    former: list[AgencyNode]
    successors: dict[uuid.UUID, Agency]
    """Ceased agency → the agency its functions went to, at the end of its chain of mergers."""


@dataclass(frozen=True)
class Holding:
    """One role an agency holds or held on a visible dataset."""

    dataset: Dataset
    role: str
    valid_from: date
    valid_to: date | None
    note: str | None


@dataclass(frozen=True)
class AgencyPage:
    agency: Agency
    children: list[Agency]
    successor: Agency | None
    """Where the functions went, when the agency was merged (end of the chain)."""
    current: list[Holding]
    former: list[Holding]


@dataclass(frozen=True)
class StandardUse:
    standard: Standard
    mappings: int
    code_lists: int


@dataclass(frozen=True)
class StandardPage:
    standard: Standard
    dataset_mappings: list[StandardMapping]
    field_mappings: list[StandardMapping]
    code_list_fields: list[Field]


class RegistryBrowser:
    """Agencies and standards as one viewer sees them."""

    def __init__(self, ctx: Context, visibility: Visibility) -> None:
        self.ctx = ctx
        self.visibility = visibility

    # Agencies ----------------------------------------------------------------------------------

    def directory(self) -> Directory:
        today = self.ctx.clock()
        agencies = list(
            self.ctx.session.scalars(
                select(Agency)
                .options(selectinload(Agency.events).joinedload(AgencyEvent.related_agency))
                .order_by(Agency.code)
            )
        )
        counts = self._owned_counts()
        active = [a for a in agencies if a.is_active(today)]
        ceased = [a for a in agencies if not a.is_active(today)]
        successors = {}
        for agency in ceased:
            successor = _successor(agency)
            if successor is not None:
                successors[agency.id] = successor
        return Directory(_forest(active, counts), _forest(ceased, counts), successors)

    def agency(self, code: str) -> AgencyPage:
        agency = PublicationService(self.ctx).agency(code)
        held = aliased(OwnershipAssignment)  # the visibility clause correlates on the plain entity
        rows = self.ctx.session.scalars(
            select(held)
            .join(Dataset, held.dataset_id == Dataset.id)
            .options(joinedload(held.dataset))
            .where(held.agency_id == agency.id, self.visibility.dataset_clause())
            .order_by(Dataset.title_vi, held.valid_from)
        ).all()
        holdings = [Holding(r.dataset, r.role, r.valid_from, r.valid_to, r.note) for r in rows]
        return AgencyPage(
            agency=agency,
            children=sorted(agency.children, key=lambda child: child.code),
            successor=_successor(agency),
            current=[h for h in holdings if h.valid_to is None],
            former=[h for h in holdings if h.valid_to is not None],
        )

    def agencies_by_code(self, codes: Iterable[str]) -> dict[str, Agency]:
        """Agencies named by code (search facets and hits carry codes only)."""
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        found = self.ctx.session.scalars(select(Agency).where(Agency.code.in_(wanted)))
        return {agency.code: agency for agency in found}

    def _owned_counts(self) -> dict[uuid.UUID, int]:
        held = aliased(OwnershipAssignment)
        rows = self.ctx.session.execute(
            select(held.agency_id, func.count(held.id))
            .join(Dataset, held.dataset_id == Dataset.id)
            .where(held.role == C.OWNER, held.valid_to.is_(None), self.visibility.dataset_clause())
            .group_by(held.agency_id)
        ).all()
        return {row[0]: row[1] for row in rows}

    # Standards ---------------------------------------------------------------------------------

    def standards(self, filters: StandardFilters, page: int, page_size: int) -> tuple[list[StandardUse], int]:
        items, total = StandardService(self.ctx).list(filters, page, page_size)
        ids = [standard.id for standard in items]
        visible = self.visibility.dataset_clause()
        fields_ok = self.visibility.field_clause()
        mappings = dict(
            self.ctx.session.execute(
                select(StandardMapping.standard_id, func.count(StandardMapping.id))
                .join(Dataset, StandardMapping.dataset_id == Dataset.id)
                .outerjoin(Field, StandardMapping.field_id == Field.id)
                .where(StandardMapping.standard_id.in_(ids), visible, (Field.id.is_(None)) | fields_ok)
                .group_by(StandardMapping.standard_id)
            ).all()
        )
        code_lists = dict(
            self.ctx.session.execute(
                select(Field.code_list_standard_id, func.count(Field.id))
                .join(Dataset, Field.dataset_id == Dataset.id)
                .where(Field.code_list_standard_id.in_(ids), visible, fields_ok)
                .group_by(Field.code_list_standard_id)
            ).all()
        )
        uses = [StandardUse(s, mappings.get(s.id, 0), code_lists.get(s.id, 0)) for s in items]
        return uses, total

    def standard(self, code: str) -> StandardPage:
        """A standard and where visible datasets and fields use it."""
        standard = StandardService(self.ctx).get(code)
        visible = self.visibility.dataset_clause()
        fields_ok = self.visibility.field_clause()
        mappings = self.ctx.session.scalars(
            select(StandardMapping)
            .join(Dataset, StandardMapping.dataset_id == Dataset.id)
            .outerjoin(Field, StandardMapping.field_id == Field.id)
            .options(joinedload(StandardMapping.dataset), joinedload(StandardMapping.field))
            .where(StandardMapping.standard_id == standard.id, visible, (Field.id.is_(None)) | fields_ok)
            .order_by(Dataset.title_vi, Field.position)
        ).all()
        code_list_fields = self.ctx.session.scalars(
            select(Field)
            .join(Dataset, Field.dataset_id == Dataset.id)
            .options(joinedload(Field.dataset))
            .where(Field.code_list_standard_id == standard.id, visible, fields_ok)
            .order_by(Dataset.title_vi, Field.position)
        ).all()
        return StandardPage(
            standard=standard,
            dataset_mappings=[m for m in mappings if m.field_id is None],
            field_mappings=[m for m in mappings if m.field_id is not None],
            code_list_fields=list(code_list_fields),
        )


def _successor(agency: Agency) -> Agency | None:
    """Follow MERGED_INTO events to the agency that holds the functions today (cycle-safe)."""
    current, seen = agency, {agency.id}
    while True:
        merges = [event for event in current.events if event.kind == C.MERGED_INTO and event.related_agency]
        if not merges:
            return None if current is agency else current
        target = merges[-1].related_agency
        if target is None or target.id in seen:
            return current if current is not agency else None
        seen.add(target.id)
        current = target


def _forest(agencies: Iterable[Agency], counts: dict[uuid.UUID, int]) -> list[AgencyNode]:
    """Trees of the given agencies: an agency whose parent is not among them is a root."""
    members = list(agencies)
    ids = {a.id for a in members}
    children: dict[uuid.UUID | None, list[Agency]] = {}
    for agency in members:
        parent = agency.parent_id if agency.parent_id in ids else None
        children.setdefault(parent, []).append(agency)

    def build(agency: Agency, path: frozenset[uuid.UUID]) -> AgencyNode:
        kids = [build(kid, path | {kid.id}) for kid in children.get(agency.id, []) if kid.id not in path]
        return AgencyNode(agency, kids, counts.get(agency.id, 0))

    return [build(root, frozenset({root.id})) for root in children.get(None, [])]

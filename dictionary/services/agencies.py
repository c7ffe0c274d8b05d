"""Agencies: register, edit, and carry through renames and mergers without losing ownership history."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from dictionary import concepts as C
from dictionary.errors import AlreadyExists, Conflict, InvalidInput, Message, NotFound, ceased, no_agency
from dictionary.models import Agency, AgencyEvent, Dataset, OwnershipAssignment
from dictionary.properties import AGENCY
from dictionary.services.base import (
    ANY_VERSION,
    Checker,
    Context,
    IfMatch,
    claim_version,
    paginate,
    unit_of_work,
)
from dictionary.services.revisions import record_change

AGENCY_SCHEMES = AGENCY.schemes()


@dataclass(frozen=True)
class AgencyFilters:
    q: str | None = None
    level: str | None = None
    parent: str | None = None
    active_on: date | None = None


class AgencyService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Reading -------------------------------------------------------------------------------

    def get(self, code: str) -> Agency:
        agency = self.ctx.session.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            raise NotFound("Agency", code)
        return agency

    def find(self, code: str, field: str) -> Agency:
        """The agency with this code, or an InvalidInput naming the request field that cited it."""
        agency = self.ctx.session.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            raise InvalidInput.one(field, no_agency(code))
        return agency

    def by_codes(self, codes: Iterable[str]) -> dict[str, Agency]:
        """The agencies that exist among ``codes``, by code (unknown codes are left out)."""
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        return {a.code: a for a in self.ctx.session.scalars(select(Agency).where(Agency.code.in_(wanted)))}

    def among(self, ids: Iterable[uuid.UUID] | None) -> list[Agency]:
        """Agencies with these ids (every agency for None), by code: the choices of an owner select."""
        query = select(Agency).order_by(Agency.code)
        if ids is not None:
            query = query.where(Agency.id.in_(sorted(ids)))
        return list(self.ctx.session.scalars(query))

    def list(self, filters: AgencyFilters, page: int, page_size: int) -> tuple[list[Agency], int]:
        query = select(Agency)
        if filters.q:
            pattern = f"%{filters.q.lower()}%"
            query = query.where(
                or_(
                    func.lower(Agency.name_vi).like(pattern),
                    func.lower(Agency.name_en).like(pattern),
                    func.lower(Agency.code).like(pattern),
                    func.lower(Agency.short_name).like(pattern),
                )
            )
        if filters.level:
            query = query.where(Agency.level == self.ctx.concepts.resolve("agency-levels", filters.level))
        if filters.parent:
            query = query.where(Agency.parent_id == self.find(filters.parent, "parent").id)
        if filters.active_on:
            day = filters.active_on
            query = query.where(
                or_(Agency.valid_from.is_(None), Agency.valid_from <= day),
                or_(Agency.valid_to.is_(None), Agency.valid_to > day),
            )
        return paginate(self.ctx.session, query, page, page_size, Agency.code)

    def children(self, code: str, page: int, page_size: int) -> tuple[builtins.list[Agency], int]:
        self.get(code)
        return self.list(AgencyFilters(parent=code), page, page_size)

    def successor(self, agency: Agency) -> Agency | None:
        """Where an agency's functions went: the target of its latest merge, if any."""
        merges = [event for event in agency.events if event.kind == C.MERGED_INTO]
        return merges[-1].related_agency if merges else None

    # Writing -------------------------------------------------------------------------------

    @unit_of_work
    def create(self, data: dict[str, Any]) -> Agency:
        data = dict(data)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, AGENCY_SCHEMES)
        if self.ctx.session.scalar(select(Agency.id).where(Agency.code == data["code"])) is not None:
            raise AlreadyExists.one(
                "code",
                Message(
                    "agency_exists", "an agency with the code '{agency}' already exists", agency=data["code"]
                ),
            )
        parent_code = data.pop("parent", None)
        check.raise_if_any()
        agency = Agency(**data)
        if parent_code:
            agency.parent = self.find(parent_code, "parent")
        self._check_dates(agency)
        self.ctx.session.add(agency)
        self.ctx.session.flush()
        return agency

    @unit_of_work
    def update(self, code: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> Agency:
        agency = self.get(code)
        claim_version(self.ctx.session, agency, if_match)
        data = dict(data)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, AGENCY_SCHEMES)
        check.raise_if_any()
        if "parent" in data:
            parent_code = data.pop("parent")
            agency.parent = self.find(parent_code, "parent") if parent_code else None
            self._check_no_cycle(agency)
        for name, value in data.items():
            setattr(agency, name, value)
        self._check_dates(agency)
        self.ctx.session.flush()
        return agency

    @unit_of_work
    def delete(self, code: str, if_match: IfMatch = ANY_VERSION) -> None:
        agency = self.get(code)
        claim_version(self.ctx.session, agency, if_match)
        session = self.ctx.session
        owns = session.scalar(
            select(func.count())
            .select_from(OwnershipAssignment)
            .where(OwnershipAssignment.agency_id == agency.id)
        )
        if owns or agency.children:
            raise Conflict(
                Message(
                    "agency_in_use",
                    "Agency {agency} has datasets or sub-agencies; "
                    "close it with a valid_to date or merge it instead",
                    agency=code,
                )
            )
        session.delete(agency)
        session.flush()

    @unit_of_work
    def rename(
        self,
        code: str,
        *,
        name_vi: str,
        effective_on: date,
        name_en: str | None = None,
        legal_basis: str | None = None,
        if_match: IfMatch = ANY_VERSION,
    ) -> Agency:
        """Rename an agency in place, keeping its former name as a lineage event."""
        agency = self.get(code)
        claim_version(self.ctx.session, agency, if_match)
        former = f"{agency.name_vi}" + (f" / {agency.name_en}" if agency.name_en else "")
        agency.events.append(
            AgencyEvent(kind=C.RENAMED, effective_on=effective_on, legal_basis=legal_basis, note=former)
        )
        agency.name_vi, agency.name_en = name_vi, name_en
        self.ctx.session.flush()
        return agency

    @unit_of_work
    def merge(
        self,
        sources: builtins.list[str],
        *,
        into: str,
        effective_on: date,
        legal_basis: str | None = None,
        if_match: IfMatch = ANY_VERSION,
    ) -> Agency:
        """Merge agencies into another: close each source, move what it owned, keep the history.

        Every open ownership assignment of a source is closed on ``effective_on`` and a new one
        opened for the target from that day; sub-agencies move under the target.
        """
        target = self.find(into, "into")
        claim_version(self.ctx.session, target, if_match)
        if not sources:
            raise InvalidInput.one("sources", Message("merge_none", "name at least one agency to merge"))
        for source_code in sources:
            if source_code == into:
                raise InvalidInput.one(
                    "sources",
                    Message("merge_self", "agency {agency} cannot be merged into itself", agency=into),
                )
            source = self.find(source_code, "sources")
            if source.valid_to is not None and source.valid_to <= effective_on:
                raise Conflict(ceased(source_code, source.valid_to))
            if target.valid_to is not None and target.valid_to <= effective_on:
                raise Conflict(
                    Message(
                        "ceased_target", "Agency {agency} has ceased and cannot receive a merger", agency=into
                    )
                )
            self._hand_over(source, lambda _dataset_id: target, target, effective_on, legal_basis)
            _event(source, C.MERGED_INTO, target, effective_on, legal_basis)
            _event(
                target,
                C.FUNCTIONS_TRANSFERRED,
                source,
                effective_on,
                legal_basis,
                note=f"Nhận chức năng từ / received functions of {source.name_vi}",
            )
        self.ctx.session.flush()
        return target

    @unit_of_work
    def split(
        self,
        code: str,
        *,
        into: builtins.list[str],
        effective_on: date,
        datasets: dict[str, str] | None = None,
        legal_basis: str | None = None,
        if_match: IfMatch = ANY_VERSION,
    ) -> Agency:
        """Split an agency among several: it ceases, and each of its datasets goes to one of them.

        ``datasets`` maps a dataset slug to the agency that takes it; the others go to the first
        agency of ``into``, and so do its sub-agencies.
        """
        source = self.get(code)
        claim_version(self.ctx.session, source, if_match)
        if not into:
            raise InvalidInput.one("into", Message("split_none", "name at least one agency that takes over"))
        if code in into:
            raise InvalidInput.one(
                "into", Message("split_self", "agency {agency} cannot be split into itself", agency=code)
            )
        if source.valid_to is not None and source.valid_to <= effective_on:
            raise Conflict(ceased(code, source.valid_to))
        targets = {target_code: self.find(target_code, "into") for target_code in into}
        routes: dict[uuid.UUID, Agency] = {}
        for slug, target_code in (datasets or {}).items():
            if target_code not in targets:
                raise InvalidInput.one(
                    f"datasets.{slug}",
                    Message(
                        "not_in_into", "{agency} is not one of the agencies in 'into'", agency=target_code
                    ),
                )
            dataset = self.ctx.session.scalar(select(Dataset).where(Dataset.slug == slug))
            if dataset is None:
                raise InvalidInput.one(
                    f"datasets.{slug}", Message("no_dataset", "no dataset has the slug '{slug}'", slug=slug)
                )
            routes[dataset.id] = targets[target_code]
        first = targets[into[0]]
        self._hand_over(
            source, lambda dataset_id: routes.get(dataset_id, first), first, effective_on, legal_basis
        )
        for target in targets.values():
            _event(target, C.SPLIT_FROM, source, effective_on, legal_basis)
            _event(
                source,
                C.FUNCTIONS_TRANSFERRED,
                target,
                effective_on,
                legal_basis,
                note=f"Chuyển chức năng sang / functions moved to {target.name_vi}",
            )
            claim_version(self.ctx.session, target)
        self.ctx.session.flush()
        return source

    def _hand_over(
        self,
        source: Agency,
        target_for: Callable[[uuid.UUID], Agency],
        heir: Agency,
        on: date,
        legal_basis: str | None,
    ) -> None:
        """Cease ``source`` on ``on``: each dataset goes to ``target_for(dataset id)``, its current
        sub-agencies to ``heir``."""
        self._move_ownerships(source, target_for, on, legal_basis)
        for child in list(source.children):
            if child.valid_to is None:
                child.parent = heir
        source.valid_to = on
        claim_version(self.ctx.session, source)

    def _move_ownerships(
        self, source: Agency, target_for: Callable[[uuid.UUID], Agency], on: date, legal_basis: str | None
    ) -> None:
        """Close the source's open assignments on ``on`` and open the same roles for the target."""
        open_assignments = self.ctx.session.scalars(
            select(OwnershipAssignment).where(
                OwnershipAssignment.agency_id == source.id, OwnershipAssignment.valid_to.is_(None)
            )
        ).all()
        note = f"Sáp nhập / merger: {legal_basis}" if legal_basis else "Sáp nhập / merger"
        changed: dict[uuid.UUID, Dataset] = {}
        for assignment in open_assignments:
            if assignment.valid_from > on:
                raise Conflict(
                    Message(
                        "assignment_after",
                        "An assignment of agency {agency} starts after the merger date {day}",
                        agency=source.code,
                        day=on,
                    )
                )
            assignment.valid_to = on
            self.ctx.session.add(
                OwnershipAssignment(
                    dataset_id=assignment.dataset_id,
                    agency=target_for(assignment.dataset_id),
                    role=assignment.role,
                    valid_from=on,
                    note=note,
                )
            )
            changed[assignment.dataset_id] = assignment.dataset
        for dataset in changed.values():
            record_change(self.ctx, dataset, f"{source.code} → {target_for(dataset.id).code}: {note}")

    def _check_dates(self, agency: Agency) -> None:
        if agency.valid_from and agency.valid_to and agency.valid_to < agency.valid_from:
            raise InvalidInput.one(
                "valid_to", Message("not_before", "must not be before {other}", other="valid_from")
            )

    def _check_no_cycle(self, agency: Agency) -> None:
        seen: set[uuid.UUID] = {agency.id}
        parent = agency.parent
        while parent is not None:
            if parent.id in seen:
                raise InvalidInput.one(
                    "parent", Message("own_ancestor", "an agency cannot be its own ancestor")
                )
            seen.add(parent.id)
            parent = parent.parent


def _event(  # noqa: PLR0917 - reads as the sentence it records: agency, kind, related, on, basis
    agency: Agency, kind: str, related: Agency, on: date, legal_basis: str | None, note: str | None = None
) -> None:
    """Add one lineage event to ``agency`` (each reorganisation records one on both sides)."""
    agency.events.append(
        AgencyEvent(kind=kind, related_agency=related, effective_on=on, legal_basis=legal_basis, note=note)
    )

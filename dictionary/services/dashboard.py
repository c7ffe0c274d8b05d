"""The coordinator's dashboard: per owning agency, its datasets, how complete their descriptions
are, how many are stale against their declared frequency, and the access steps it owes overdue.

Figures come from what the quality service stored at each dataset's last change (completeness,
next update due) and from the access steps, so the dashboard agrees with the dataset filters
(``min_quality``, ``freshness``) and with ``/access/overdue``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from dictionary import concepts as C
from dictionary.errors import Message, PermissionDenied
from dictionary.models import AccessRequest, AccessStep, Agency, Dataset, OwnershipAssignment
from dictionary.models.base import utcnow
from dictionary.policies import Actor
from dictionary.services.base import Context

TARGET = 90
"""The completeness a documentation effort aims at (the issue's example target)."""


@dataclass
class AgencyFigures:
    code: str
    name: str
    datasets: int = 0
    completeness: list[int] = field(default_factory=list)
    below_target: int = 0
    stale: int = 0
    overdue_steps: int = 0

    @property
    def average_completeness(self) -> int | None:
        return round(sum(self.completeness) / len(self.completeness)) if self.completeness else None


class Dashboard:
    def __init__(
        self, ctx: Context, actor: Actor, now: Callable[[], datetime] = utcnow, target: int = TARGET
    ) -> None:
        self.ctx = ctx
        self.actor = actor
        self.now = now
        self.target = target

    def per_agency(self) -> list[AgencyFigures]:
        """Every agency that owns a dataset, least complete first (who is behind comes first)."""
        if not (self.actor.is_admin or self.actor.is_approver):
            raise PermissionDenied(
                Message(
                    "dashboard_approver", "The coordinator's dashboard is for the approver and administrators"
                )
            )
        session, today = self.ctx.session, self.ctx.clock()
        rows = session.execute(
            select(Agency.id, Agency.code, Agency.name_vi, Dataset.completeness, Dataset.update_due_on)
            .join(OwnershipAssignment, OwnershipAssignment.agency_id == Agency.id)
            .join(Dataset, Dataset.id == OwnershipAssignment.dataset_id)
            .where(OwnershipAssignment.role == C.OWNER, OwnershipAssignment.valid_to.is_(None))
        )
        figures: dict[uuid.UUID, AgencyFigures] = {}
        for agency_id, code, name, completeness, due in rows:
            entry = figures.setdefault(agency_id, AgencyFigures(code, name))
            entry.datasets += 1
            entry.completeness.append(completeness)
            entry.below_target += completeness < self.target
            entry.stale += _stale(due, today)
        for agency_id, count in self._overdue_by_owner().items():
            if agency_id in figures:
                figures[agency_id].overdue_steps = count
        return sorted(figures.values(), key=lambda f: (f.average_completeness or 0, f.code))

    def _overdue_by_owner(self) -> dict[uuid.UUID, int]:
        counts: dict[uuid.UUID, int] = defaultdict(int)
        rows = self.ctx.session.execute(
            select(OwnershipAssignment.agency_id)
            .join(AccessRequest, AccessRequest.dataset_id == OwnershipAssignment.dataset_id)
            .join(AccessStep, AccessStep.request_id == AccessRequest.id)
            .where(
                OwnershipAssignment.role == C.OWNER,
                OwnershipAssignment.valid_to.is_(None),
                AccessStep.closed_at.is_(None),
                AccessStep.due_at <= self.now(),
            )
        )
        for (agency_id,) in rows:
            counts[agency_id] += 1
        return counts


def _stale(due: date | None, today: date) -> bool:
    return due is not None and due < today

"""The public summary: what the catalog holds, in figures anyone may see.

Every count of datasets applies the anonymous visibility (:meth:`Visibility.dataset_clause`:
published open datasets), the rule every public page and the API apply, so the summary never
counts a dataset the public cannot open. Access requests are counted as the workflow's aggregates
only — how many are in each state, how long decisions took against their deadline — naming no
dataset, agency or person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.governance.calendar import WorkingCalendar, local_date
from dictionary.models import AccessRequest, AccessStep, Agency, Dataset, OwnershipAssignment
from dictionary.models.access import REQUEST_STATES
from dictionary.models.base import utcnow
from dictionary.models.governance import STEP_KINDS
from dictionary.services.base import Context
from dictionary.services.quality import fresh_clause, stale_clause
from dictionary.visibility import Visibility

COMPLETENESS_BANDS = ((0, 29), (30, 49), (50, 69), (70, 89), (90, 100))
"""Bands of the completeness distribution, inclusive; the last one is the campaigns' usual target."""


@dataclass(frozen=True)
class AgencyCount:
    code: str
    name_vi: str
    name_en: str | None
    datasets: int


@dataclass(frozen=True)
class StepTimes:
    """Closed steps of one kind: how long they took, in working days, against what was allowed."""

    kind: str
    closed: int
    average_working_days: float | None
    average_allowed: float | None
    on_time: int

    @property
    def late(self) -> int:
        return self.closed - self.on_time


@dataclass(frozen=True)
class PublicSummary:
    datasets: int
    by_agency: list[AgencyCount]
    """Owner agencies, most datasets first."""
    by_sharing_class: list[tuple[str, int]]
    by_component: list[tuple[str, int]]
    by_theme: list[tuple[str, int]]
    """Concept URI and count, most first (a dataset counts once under each of its themes)."""
    completeness: list[tuple[str, int]]
    """Band ("90–100") and count, lowest band first."""
    fresh: int
    stale: int
    """Datasets whose data is overdue against their declared frequency."""
    freshness_unknown: int
    requests: list[tuple[str, int]]
    """Access requests by state (all of them, in the workflow's order)."""
    steps: list[StepTimes]


class PublicStatistics:
    def __init__(
        self,
        ctx: Context,
        calendar: WorkingCalendar | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.ctx = ctx
        self.calendar = calendar or WorkingCalendar()
        self.now = now
        self.visibility = Visibility.anonymous()

    def summary(self) -> PublicSummary:
        session = self.ctx.session
        visible = self.visibility.dataset_clause()
        today = local_date(self.now())
        rows = session.execute(
            select(Dataset.sharing_class, Dataset.arch_component, Dataset.themes, Dataset.completeness).where(
                visible
            )
        ).all()
        sharing: Counter[str] = Counter(row.sharing_class for row in rows)
        components: Counter[str] = Counter(row.arch_component for row in rows)
        themes: Counter[str] = Counter(theme for row in rows for theme in (row.themes or []))
        bands = [
            (f"{low}–{high}", sum(1 for row in rows if low <= row.completeness <= high))
            for low, high in COMPLETENESS_BANDS
        ]
        fresh = session.scalar(select(func.count(Dataset.id)).where(visible, fresh_clause(today))) or 0
        stale = session.scalar(select(func.count(Dataset.id)).where(visible, stale_clause(today))) or 0
        return PublicSummary(
            datasets=len(rows),
            by_agency=self._by_agency(),
            by_sharing_class=_ranked(sharing),
            by_component=_ranked(components),
            by_theme=_ranked(themes),
            completeness=bands,
            fresh=fresh,
            stale=stale,
            freshness_unknown=len(rows) - fresh - stale,
            requests=self._requests(),
            steps=[self._step_times(kind) for kind in STEP_KINDS],
        )

    def _by_agency(self) -> list[AgencyCount]:
        count = func.count(Dataset.id)
        rows = self.ctx.session.execute(
            select(Agency.code, Agency.name_vi, Agency.name_en, count)
            .join(OwnershipAssignment, OwnershipAssignment.agency_id == Agency.id)
            .join(Dataset, Dataset.id == OwnershipAssignment.dataset_id)
            .where(
                OwnershipAssignment.role == C.OWNER,
                OwnershipAssignment.valid_to.is_(None),
                self.visibility.dataset_clause(),
            )
            .group_by(Agency.code, Agency.name_vi, Agency.name_en)
            .order_by(count.desc(), Agency.code)
        )
        return [AgencyCount(code, vi, en, total) for code, vi, en, total in rows]

    def _requests(self) -> list[tuple[str, int]]:
        rows = self.ctx.session.execute(
            select(AccessRequest.status, func.count(AccessRequest.id)).group_by(AccessRequest.status)
        )
        counts: dict[str, int] = {status: count for status, count in rows}  # noqa: C416 - rows, not pairs
        return [(state, counts.get(state, 0)) for state in REQUEST_STATES]

    def _step_times(self, kind: str) -> StepTimes:
        """Closed steps of a kind whose request was decided (a withdrawn request's step is not a
        decision): working days taken, counted as the deadline is (from the day after it opened)."""
        rows = self.ctx.session.execute(
            select(AccessStep.opened_at, AccessStep.closed_at, AccessStep.due_at, AccessStep.working_days)
            .join(AccessRequest, AccessRequest.id == AccessStep.request_id)
            .where(
                AccessStep.kind == kind,
                AccessStep.closed_at.is_not(None),
                AccessRequest.status.in_(("reviewed", "approved", "rejected")),
            )
        ).all()
        if not rows:
            return StepTimes(kind, 0, None, None, 0)
        taken, allowed, on_time = 0, 0, 0
        for opened, closed, due, days in rows:
            assert closed is not None  # the query asks for closed steps
            taken += self._working_days(local_date(opened), local_date(closed))
            allowed += days
            on_time += closed < due
        return StepTimes(kind, len(rows), round(taken / len(rows), 1), round(allowed / len(rows), 1), on_time)

    def _working_days(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when closed the same day)."""
        count, day = 0, start
        while day < end:
            day = date.fromordinal(day.toordinal() + 1)
            count += self.calendar.is_working_day(day)
        return count


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

"""Documentation campaigns: the coordinator's target and deadline, live progress, reminder, report.

The coordinator (:func:`~dictionary.policies.can_coordinate`) opens a campaign: a target — a
completeness score of at least N (:mod:`dictionary.services.quality`) and/or every field assessed
for personal data —, the agencies it covers (each with its scope; none chosen: every agency), a
deadline day (it ends at midnight after it, Vietnam time, as access deadlines do) and how many
working days before it the reminder goes out. Tasks are never copied: a dataset owned in the
campaign's agencies that misses the target is a task, read from the quality figures each dataset
stores at its last change, so a task is done as soon as the dataset meets the target. ``run_due``
sends the reminder once (claimed by a conditional UPDATE, as escalations are) and closes the
campaigns past their deadline; closing freezes the report per agency.
"""

from __future__ import annotations

import builtins
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from dictionary import concepts as C
from dictionary.errors import Conflict, InvalidInput, Message, NotFound, PermissionDenied
from dictionary.governance.calendar import WorkingCalendar, end_of, local_date, start_of
from dictionary.governance.register_files import register_csv, register_xlsx
from dictionary.models import Agency, Campaign, Dataset, OwnershipAssignment, Principal
from dictionary.models.base import utcnow
from dictionary.policies import SYSTEM, Actor, can_coordinate, can_follow_campaigns
from dictionary.services.accounts import load_agency_graph
from dictionary.services.base import Context, rows_changed, unit_of_work
from dictionary.services.notifications import Notifier
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from dictionary.visibility import Visibility

PERSONAL_DATA_GAP = "personal_data_flagged"
"""The quality gap of a dictionary with a field not assessed for personal data."""
MISSES = ("completeness", "personal_data")
"""What a dataset can miss of a campaign's target."""
DEFAULT_REMINDER_DAYS = 3
REPORT_COLUMNS = (
    ("code", "Mã cơ quan", "Agency code"),
    ("name", "Cơ quan chủ quản", "Owner agency"),
    ("datasets", "Số cơ sở dữ liệu", "Datasets"),
    ("met", "Đạt mục tiêu", "Met the target"),
    ("missed", "Chưa đạt", "Missed"),
)


def misses(campaign: Campaign, completeness: int, gaps: Sequence[str]) -> list[str]:
    """What of the campaign's target a dataset with these quality figures misses (empty: met)."""
    missed = []
    if campaign.min_completeness is not None and completeness < campaign.min_completeness:
        missed.append("completeness")
    if campaign.personal_data_assessed and PERSONAL_DATA_GAP in gaps:
        missed.append("personal_data")
    return missed


@dataclass(frozen=True)
class Task:
    """A dataset of the campaign that misses its target: its owning agency's stewards' work."""

    campaign: Campaign
    dataset: Dataset
    agency_code: str
    missing: list[str]
    """Codes of :data:`MISSES`."""


@dataclass
class AgencyProgress:
    code: str
    name: str
    datasets: int = 0
    met: int = 0

    @property
    def missed(self) -> int:
        return self.datasets - self.met

    @property
    def percent(self) -> int:
        """Share of its datasets that meet the target, 0-100 (100 for an agency with none)."""
        return round(100 * self.met / self.datasets) if self.datasets else 100

    def as_row(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "datasets": self.datasets, "met": self.met,
                "missed": self.missed}  # fmt: skip


@dataclass
class Progress:
    """Where a campaign stands: per owning agency (most behind first) and overall. Live while the
    campaign is open, the frozen report once it is closed."""

    campaign: Campaign
    agencies: list[AgencyProgress]
    tasks: list[Task] = field(default_factory=list)
    """The datasets still missing the target that the viewer may see (empty once closed)."""

    @property
    def datasets(self) -> int:
        return sum(a.datasets for a in self.agencies)

    @property
    def met(self) -> int:
        return sum(a.met for a in self.agencies)

    @property
    def missed(self) -> int:
        return self.datasets - self.met

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.datasets) if self.datasets else 100


@dataclass(frozen=True)
class CampaignRun:
    reminded: list[int]
    """Numbers of the campaigns whose reminder this run sent."""
    closed: list[int]
    """Numbers of the campaigns this run closed after their deadline."""


class CampaignService:
    def __init__(
        self,
        ctx: Context,
        actor: Actor = SYSTEM,
        *,
        calendar: WorkingCalendar | None = None,
        visibility: Visibility | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.ctx = ctx
        self.actor = actor
        self.calendar = calendar or WorkingCalendar()
        self.visibility = visibility or Visibility.all()
        self.now = now

    # Reading -----------------------------------------------------------------------------------

    def list(self) -> builtins.list[Campaign]:
        """Every campaign, open ones first, newest first."""
        self._may_follow()
        rows = self.ctx.session.scalars(select(Campaign).order_by(Campaign.number.desc())).all()
        return sorted(rows, key=lambda c: not c.is_open)

    def get(self, number: int) -> Campaign:
        self._may_follow()
        campaign = self.ctx.session.scalar(select(Campaign).where(Campaign.number == number))
        if campaign is None:
            raise NotFound("Campaign", number)
        return campaign

    def progress(self, number: int) -> Progress:
        campaign = self.get(number)
        if campaign.report is not None:
            return Progress(campaign, [AgencyProgress(**_frozen(row)) for row in campaign.report])
        agencies, tasks = self._live(campaign)
        shown = [task for task in tasks if self.visibility.can_see(task.dataset)]
        return Progress(campaign, agencies, shown)

    def tasks(self) -> builtins.list[Task]:
        """The actor's tasks: datasets it may edit (editors and stewards of the owner's scope) that
        miss the target of an open campaign, campaign by campaign, least complete first."""
        self._may_follow()
        scope = None if self.actor.is_admin else self.actor.scope("editor")
        found: builtins.list[Task] = []
        for campaign in self.ctx.session.scalars(
            select(Campaign).where(Campaign.closed_at.is_(None)).order_by(Campaign.deadline_at)
        ):
            _agencies, tasks = self._live(campaign)
            found += [t for t in tasks if scope is None or _owner(t.dataset) in scope]
        return found

    def report_file(self, number: int, extension: str) -> tuple[bytes, str]:
        """The closing report (per agency: datasets, met, missed) as CSV or .xlsx, and its type;
        a campaign still open gives its live figures."""
        progress = self.progress(number)
        headers = [f"{vi} / {en}" for _key, vi, en in REPORT_COLUMNS]
        rows = [[agency.as_row()[key] for key, _vi, _en in REPORT_COLUMNS] for agency in progress.agencies]
        if extension == "csv":
            return register_csv(headers, rows), CSV_MEDIA_TYPE
        title = f"Báo cáo chiến dịch số {number} / Campaign {number} report"
        return register_xlsx(headers, rows, title), XLSX_MEDIA_TYPE

    # Writing -----------------------------------------------------------------------------------

    @unit_of_work
    def open(self, data: dict[str, Any]) -> Campaign:
        """Open a campaign (coordinators): title, description, min_completeness and/or
        personal_data_assessed, agencies (codes; empty: all), deadline (a day), reminder_days."""
        if not can_coordinate(self.actor):
            raise PermissionDenied(
                Message("coordinator_only", "Only the provincial coordinator opens and closes campaigns")
            )
        session, now = self.ctx.session, self.now()
        errors: dict[str, builtins.list[str]] = {}
        if data.get("min_completeness") is None and not data.get("personal_data_assessed"):
            errors["min_completeness"] = [
                Message("target_needed", "give a completeness target, the personal-data target, or both")
            ]
        deadline: date = data["deadline"]
        if deadline < local_date(now):
            errors["deadline"] = [Message("deadline_past", "the deadline must not be in the past")]
        codes = list(dict.fromkeys(data.get("agencies") or []))
        agencies = list(session.scalars(select(Agency).where(Agency.code.in_(codes)))) if codes else []
        unknown = sorted(set(codes) - {agency.code for agency in agencies})
        if unknown:
            errors["agencies"] = [
                Message("unknown_agencies", "no agency has the code {codes}", codes=", ".join(unknown))
            ]
        if errors:
            raise InvalidInput(errors)
        days = data.get("reminder_days", DEFAULT_REMINDER_DAYS)
        campaign = Campaign(
            number=(session.scalar(select(func.max(Campaign.number))) or 0) + 1,
            title=data["title"],
            description=data.get("description"),
            min_completeness=data.get("min_completeness"),
            personal_data_assessed=bool(data.get("personal_data_assessed")),
            deadline_on=deadline,
            deadline_at=end_of(deadline),
            reminder_days=days,
            remind_at=start_of(self.calendar.working_days_before(deadline, days)),
            opened_by=self.actor.label,
            opened_at=now,
            agencies=agencies,
        )
        session.add(campaign)
        session.flush()
        self._tell_stewards(campaign, "campaign.opened", self._live(campaign)[1])
        return campaign

    @unit_of_work
    def close(self, number: int) -> Campaign:
        """Close a campaign now (coordinators) and freeze its report; a closed one is a 409."""
        if not can_coordinate(self.actor):
            raise PermissionDenied(
                Message("coordinator_only", "Only the provincial coordinator opens and closes campaigns")
            )
        campaign = self.get(number)
        if not self._claim_close(campaign, self.actor.label):
            raise Conflict(Message("campaign_closed", "Campaign {number} is already closed", number=number))
        return campaign

    @unit_of_work
    def run_due(self) -> CampaignRun:
        """Send each due reminder once, and close each campaign past its deadline (``run-due``)."""
        now, session = self.now(), self.ctx.session
        reminded, closed = [], []
        for campaign in session.scalars(
            select(Campaign).where(
                Campaign.closed_at.is_(None), Campaign.reminded_at.is_(None), Campaign.remind_at <= now,
                Campaign.deadline_at > now,
            )
        ).all():  # fmt: skip
            claimed = session.execute(
                update(Campaign)
                .where(Campaign.id == campaign.id, Campaign.reminded_at.is_(None))
                .values(reminded_at=now),
                execution_options={"synchronize_session": False},
            )
            if rows_changed(claimed) != 1:
                continue  # another run sent it meanwhile
            set_committed_value(campaign, "reminded_at", now)
            self._tell_stewards(campaign, "campaign.reminder", self._live(campaign)[1])
            reminded.append(campaign.number)
        for campaign in session.scalars(
            select(Campaign).where(Campaign.closed_at.is_(None), Campaign.deadline_at <= now)
        ).all():
            if self._claim_close(campaign, SYSTEM.name):
                closed.append(campaign.number)
        return CampaignRun(reminded, closed)

    # Inside ------------------------------------------------------------------------------------

    def _may_follow(self) -> None:
        if not can_follow_campaigns(self.actor):
            raise PermissionDenied("Campaigns are for agency staff and the coordinator")

    def _claim_close(self, campaign: Campaign, by: str) -> bool:
        now = self.now()
        agencies, _tasks = self._live(campaign)
        report = [agency.as_row() for agency in agencies]
        claimed = self.ctx.session.execute(
            update(Campaign)
            .where(Campaign.id == campaign.id, Campaign.closed_at.is_(None))
            .values(closed_at=now, closed_by=by, report=report),
            execution_options={"synchronize_session": False},
        )
        if rows_changed(claimed) != 1:
            return False
        for name, value in (("closed_at", now), ("closed_by", by), ("report", report)):
            set_committed_value(campaign, name, value)
        return True

    def _live(self, campaign: Campaign) -> tuple[builtins.list[AgencyProgress], builtins.list[Task]]:
        """Per owning agency and the tasks, from the datasets' stored quality figures."""
        session = self.ctx.session
        query = (
            select(Dataset, Agency.code, Agency.name_vi)
            .join(OwnershipAssignment, OwnershipAssignment.dataset_id == Dataset.id)
            .join(Agency, Agency.id == OwnershipAssignment.agency_id)
            .where(
                OwnershipAssignment.role == C.OWNER,
                OwnershipAssignment.valid_to.is_(None),
                Dataset.status != C.RETIRED,
            )
        )
        if campaign.agencies:
            graph = load_agency_graph(self.ctx)
            covered = frozenset().union(*(graph.scope(agency.id) for agency in campaign.agencies))
            query = query.where(OwnershipAssignment.agency_id.in_(sorted(covered)))
        figures: dict[str, AgencyProgress] = {}
        tasks: builtins.list[Task] = []
        for dataset, code, name in session.execute(query.order_by(Dataset.completeness, Dataset.slug)):
            entry = figures.setdefault(code, AgencyProgress(code, name))
            entry.datasets += 1
            missing = misses(campaign, dataset.completeness, dataset.quality_gaps or [])
            if missing:
                tasks.append(Task(campaign, dataset, code, missing))
            else:
                entry.met += 1
        ranked = sorted(figures.values(), key=lambda a: (a.percent, a.code))
        return ranked, tasks

    def _tell_stewards(self, campaign: Campaign, kind: str, tasks: Iterable[Task]) -> int:
        """Each steward of an owner with tasks (or of the nearest agency above it) is told once,
        with how many of its datasets miss the target."""
        notifier = Notifier(self.ctx, self.actor)
        counts: dict[uuid.UUID, int] = defaultdict(int)
        people: dict[uuid.UUID, Principal] = {}
        for task in tasks:
            for steward in notifier.owner_stewards(task.dataset):
                counts[steward.id] += 1
                people[steward.id] = steward
        deadline = f"{campaign.deadline_on:%d/%m/%Y}"
        told = 0
        for principal_id, count in counts.items():
            name, title = f"số {campaign.number} “{campaign.title}”", f"{campaign.number} “{campaign.title}”"
            if kind == "campaign.opened":
                vi = f"Chiến dịch {name}: {count} cơ sở dữ liệu của cơ quan bạn chưa đạt mục tiêu, "
                vi += f"hạn {deadline}"
                en = f"Campaign {title}: {count} of your agency's datasets miss the target, due {deadline}"
            else:
                vi = (
                    f"Nhắc hạn chiến dịch {name}: còn {count} cơ sở dữ liệu chưa đạt mục tiêu, hạn {deadline}"
                )
                en = f"Reminder, campaign {title}: {count} datasets still miss the target, due {deadline}"
            told += notifier.tell(
                [people[principal_id]],
                kind,
                vi,
                en,
                link=f"/api/v1/campaigns/{campaign.number}",
                page="/campaigns/tasks",
                subject=f"Chiến dịch số {campaign.number} / Campaign {campaign.number}",
            )
        return told


def _owner(dataset: Dataset) -> uuid.UUID | None:
    assignment = dataset.current_assignment(C.OWNER)
    return assignment.agency_id if assignment is not None else None


def _frozen(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in ("code", "name", "datasets", "met")}

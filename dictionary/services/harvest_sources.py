"""Harvest sources and their jobs: the register, the schedule, and the life of a run.

A source is run as a job: :meth:`HarvestSourceService.start` opens it (committed at once, so a
run that dies leaves a trace), :meth:`~HarvestSourceService.finish` stores its report. A job
still ``running`` after its deadline (start + the source's time limit) died or hung: the next
``run-due`` marks it failed (:meth:`~HarvestSourceService.fail_stale`) before it looks for the
sources that are due. Running the harvest itself is :mod:`vocab.harvest_runs` (it needs RDF).
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from dictionary.errors import AlreadyExists, Conflict, InvalidInput, Message, NotFound
from dictionary.models import Agency, HarvestJob, HarvestSource, utcnow
from dictionary.services.base import ANY_VERSION, Context, IfMatch, claim_version, paginate, unit_of_work

KINDS = ("dcat", "ckan")
SCHEDULES = ("manual", "daily", "weekly", "monthly")
RUNNING, SUCCEEDED, FAILED = "running", "succeeded", "failed"
TIME_LIMIT = (1, 86_400)
PAGE_LIMIT = (1, 10_000)
STALE_AFTER = timedelta(seconds=60)
"""Grace beyond a job's deadline before it counts as dead (the record being written when the
time limit struck still ends its transaction)."""
WRITABLE = ("name", "url", "kind", "owner", "schedule", "time_limit", "page_limit")


def next_run(schedule: str, last: datetime) -> datetime:
    """When a source on ``schedule`` (daily, weekly, monthly) is due again after a run that started
    at ``last``. A month is the same day of the next month, or that month's last day."""
    if schedule == "daily":
        return last + timedelta(days=1)
    if schedule == "weekly":
        return last + timedelta(days=7)
    year, month = (last.year, last.month + 1) if last.month < 12 else (last.year + 1, 1)
    day = last.day
    while True:
        try:
            return last.replace(year=year, month=month, day=day)
        except ValueError:  # 31 January → 28 or 29 February
            day -= 1


class HarvestSourceService:
    def __init__(self, ctx: Context, now: Callable[[], datetime] = utcnow) -> None:
        self.ctx = ctx
        self.now = now

    # The register ------------------------------------------------------------------------------

    def get(self, source_id: uuid.UUID) -> HarvestSource:
        source = self.ctx.session.get(HarvestSource, source_id)
        if source is None:
            raise NotFound("Harvest source", source_id)
        return source

    def list(self, page: int = 1, page_size: int = 1000) -> tuple[builtins.list[HarvestSource], int]:
        return paginate(self.ctx.session, select(HarvestSource), page, page_size, HarvestSource.name)

    @unit_of_work
    def create(self, data: dict[str, Any]) -> HarvestSource:
        values = self._checked(data, required=True)
        self._unique_name(values["name"], None)
        source = HarvestSource(**values, created_by=self.ctx.actor)
        self.ctx.session.add(source)
        self.ctx.session.flush()
        return source

    @unit_of_work
    def update(
        self, source_id: uuid.UUID, data: dict[str, Any], if_match: IfMatch = ANY_VERSION
    ) -> HarvestSource:
        source = self.get(source_id)
        claim_version(self.ctx.session, source, if_match)
        values = self._checked(data, required=False)
        if "name" in values:
            self._unique_name(values["name"], source.id)
        for name, value in values.items():
            setattr(source, name, value)
        self.ctx.session.flush()
        return source

    @unit_of_work
    def delete(self, source_id: uuid.UUID, if_match: IfMatch = ANY_VERSION) -> None:
        """Forget a source and its jobs; the datasets it harvested stay, as they are."""
        source = self.get(source_id)
        claim_version(self.ctx.session, source, if_match)
        if self._running(source) is not None:
            raise Conflict(Message("harvest_running", "A run of this source is in progress"))
        self.ctx.session.delete(source)
        self.ctx.session.flush()

    def _checked(self, data: dict[str, Any], *, required: bool) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        values = {key: data[key] for key in WRITABLE if key in data}
        if required:
            for key in ("name", "url", "kind", "owner"):
                if not values.get(key):
                    errors[key] = [Message("value_required", "a value is required")]
            values.setdefault("schedule", "manual")
            values.setdefault("time_limit", 600)
            values.setdefault("page_limit", 100)
        url = values.get("url")
        if url is not None and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
            errors["url"] = ["must be an absolute http(s) URL"]
        if values.get("kind") and values["kind"] not in KINDS:
            errors["kind"] = [f"must be one of {', '.join(KINDS)}"]
        if "schedule" in values and values["schedule"] not in SCHEDULES:
            errors["schedule"] = [f"must be one of {', '.join(SCHEDULES)}"]
        for key, (low, high) in (("time_limit", TIME_LIMIT), ("page_limit", PAGE_LIMIT)):
            if key in values and not (isinstance(values[key], int) and low <= values[key] <= high):
                errors[key] = [f"must be between {low} and {high}"]
        code = values.pop("owner", None)
        if code:
            agency = self.ctx.session.scalar(select(Agency).where(Agency.code == code))
            if agency is None:
                errors["owner"] = [f"no agency has the code '{code}'"]
            else:
                values["owner_id"] = agency.id
        if errors:
            raise InvalidInput(errors)
        return values

    def _unique_name(self, name: str, own: uuid.UUID | None) -> None:
        found = self.ctx.session.scalar(select(HarvestSource.id).where(HarvestSource.name == name))
        if found is not None and found != own:
            raise AlreadyExists.one("name", f"a harvest source named '{name}' already exists")

    # Jobs ------------------------------------------------------------------------------------

    def jobs(self, source_id: uuid.UUID, page: int, page_size: int) -> tuple[builtins.list[HarvestJob], int]:
        self.get(source_id)
        query = select(HarvestJob).where(HarvestJob.source_id == source_id)
        return paginate(self.ctx.session, query, page, page_size, HarvestJob.started_at.desc(), HarvestJob.id)

    def job(self, source_id: uuid.UUID, job_id: uuid.UUID) -> HarvestJob:
        job = self.ctx.session.get(HarvestJob, job_id)
        if job is None or job.source_id != source_id:
            raise NotFound("Harvest job", job_id)
        return job

    def last_job(self, source: HarvestSource) -> HarvestJob | None:
        query = select(HarvestJob).where(HarvestJob.source_id == source.id)
        return self.ctx.session.scalar(query.order_by(HarvestJob.started_at.desc()).limit(1))

    def due(self) -> builtins.list[HarvestSource]:
        """Scheduled sources whose period has passed since their last run and that are not running."""
        now = self.now()
        last = (
            select(HarvestJob.source_id, func.max(HarvestJob.started_at).label("started"))
            .group_by(HarvestJob.source_id)
            .subquery()
        )
        rows = self.ctx.session.execute(
            select(HarvestSource, last.c.started)
            .outerjoin(last, last.c.source_id == HarvestSource.id)
            .where(HarvestSource.schedule != "manual")
            .order_by(HarvestSource.name)
        ).all()
        due = []
        for source, started in rows:
            if (started is None or next_run(source.schedule, started) <= now) and self._running(
                source
            ) is None:
                due.append(source)
        return due

    @unit_of_work
    def fail_stale(self) -> builtins.list[HarvestJob]:
        """Jobs still running past their deadline: the run died or hung; marked failed."""
        now = self.now()
        stale = self.ctx.session.scalars(
            select(HarvestJob).where(HarvestJob.status == RUNNING, HarvestJob.deadline_at < now - STALE_AFTER)
        ).all()
        for job in stale:
            limit = int((job.deadline_at - job.started_at).total_seconds())
            job.status, job.finished_at = FAILED, now
            job.reason = (
                f"the run did not finish within its time limit ({limit} s): it died or hung; "
                "marked failed by the next run"
            )
        self.ctx.session.flush()
        return list(stale)

    @unit_of_work
    def start(self, source: HarvestSource, trigger: str) -> HarvestJob:
        """Open a job for the source (refused while another run of it is in progress)."""
        now = self.now()
        running = self._running(source)
        if running is not None and running.deadline_at >= now - STALE_AFTER:
            raise Conflict(Message("harvest_running", "A run of this source is in progress"))
        if running is not None:
            self.fail_stale()
        job = HarvestJob(
            source=source,
            status=RUNNING,
            trigger=trigger,
            started_by=self.ctx.actor,
            started_at=now,
            deadline_at=now + timedelta(seconds=source.time_limit),
            counts={},
            items=[],
            pages=[],
        )
        self.ctx.session.add(job)
        self.ctx.session.flush()
        return job

    @unit_of_work
    def finish(self, job: HarvestJob, report: dict[str, Any], reason: str | None) -> HarvestJob:
        """Store a run's report; a reason makes it failed."""
        job.counts = dict(report.get("counts", {}))
        job.items = list(report.get("items", []))
        job.pages = list(report.get("pages", []))
        job.stopped = report.get("stopped")
        job.status = FAILED if reason else SUCCEEDED
        job.reason = reason
        job.finished_at = self.now()
        self.ctx.session.flush()
        return job

    def _running(self, source: HarvestSource) -> HarvestJob | None:
        query = select(HarvestJob).where(HarvestJob.source_id == source.id, HarvestJob.status == RUNNING)
        return self.ctx.session.scalar(query.limit(1))

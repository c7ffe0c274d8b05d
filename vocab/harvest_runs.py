"""Running stored harvest sources as jobs: one source now, or every source that is due.

Each run is a job of :mod:`dictionary.services.harvest_sources`: opened and committed before the
first page is asked for, closed with the report (created, updated, unchanged, removed at the
source and retired, failed with the reason per item). The harvest runs under the source's time
limit end to end (:func:`vocab.harvest_fetch.fetch_within`), so a source that accepts and never
answers fails the job with a plain reason; a process killed in the middle leaves a ``running``
job that the next ``run-due`` marks failed once its deadline has passed.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

from dictionary.models import HarvestJob, HarvestSource, utcnow
from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService
from vocab.dcat_import import Defaults
from vocab.dcat_terms import Terms
from vocab.harvest import Harvester, HarvestReport, _plain
from vocab.harvest_ckan import CkanHarvester
from vocab.harvest_fetch import Fetcher, http_fetch

__all__ = ["HarvestRunner"]

log = logging.getLogger(__name__)


class HarvestRunner:
    def __init__(
        self,
        ctx: Context,
        terms: Terms,
        fetch: Fetcher = http_fetch,
        *,
        now: Callable[[], datetime] = utcnow,
        own_base: str | None = None,
        ckan_rows: int | None = None,
    ) -> None:
        self.ctx = ctx
        self.terms = terms
        self.fetch = fetch
        self.sources = HarvestSourceService(ctx, now)
        self.own_base = own_base
        self.ckan_rows = ckan_rows

    def run(self, source_id: uuid.UUID, trigger: str = "manual") -> HarvestJob:
        """Run one source now; the job comes back finished (succeeded or failed)."""
        source = self.sources.get(source_id)
        job = self.sources.start(source, trigger)
        try:
            report = self.harvester(source).run(source.url)
        except Exception as error:  # the job must end whatever happens; the details go to the log
            log.exception("harvest source %s failed", source.name)
            self.ctx.session.rollback()
            return self.sources.finish(job, {}, _plain(error))
        return self.sources.finish(job, _as_dict(report), _failure(report))

    def run_due(self) -> tuple[list[HarvestJob], list[HarvestJob]]:
        """Mark dead runs failed, then run every source that is due: (failed stale jobs, new jobs)."""
        stale = self.sources.fail_stale()
        return stale, [self.run(source.id, "schedule") for source in self.sources.due()]

    def harvester(self, source: HarvestSource) -> Harvester:
        kind = CkanHarvester if source.kind == "ckan" else Harvester
        harvester = kind(
            self.ctx,
            self.terms,
            self.fetch,
            defaults=Defaults(owner=source.owner.code),
            max_pages=source.page_limit,
            timeout=float(source.time_limit),
            request_timeout=min(120.0, float(source.time_limit)),
            clock=time.monotonic,
            own_base=self.own_base,
            withdraw_missing=True,
            exclusive=True,
        )
        if isinstance(harvester, CkanHarvester) and self.ckan_rows:
            harvester.rows = self.ckan_rows
        return harvester


def _as_dict(report: HarvestReport) -> dict[str, object]:
    return {
        "counts": report.counts(),
        "items": [asdict(item) for item in report.items],
        "pages": report.pages,
        "stopped": report.stopped,
    }


def _failure(report: HarvestReport) -> str | None:
    """Why a run failed: a page that could not be read, or the time limit; item errors do not
    fail the run (they are in its report), nor does the page limit."""
    if report.errors:
        return "; ".join(report.errors)[:2000]
    if report.stopped and report.stopped.startswith("time limit"):
        return report.stopped
    return None

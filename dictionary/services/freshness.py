"""Freshness reminders: a dataset whose data is overdue for its declared update frequency tells its
owning agency's stewards, once per overdue period (``catalog governance run-due``).

"Overdue" is the quality service's: the stored ``update_due_on`` (last data update + the
frequency's period + a grace) is before today, Vietnam time (:func:`quality.stale_clause`, the
same test as the ``freshness=stale`` filter and the dashboards). A period is named by that due
day; the reminder claims the pair (dataset, due day) with an INSERT that does nothing when the
pair exists, so two runs at once, or a run every few minutes, send it once. A new data update
moves the due day, and the next lapse is a new period with its own reminder.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from dictionary import concepts as C
from dictionary.governance.calendar import local_date
from dictionary.models import Dataset, FreshnessReminder
from dictionary.models.base import utcnow
from dictionary.policies import SYSTEM
from dictionary.services.base import Context, unit_of_work
from dictionary.services.notifications import Notifier
from dictionary.services.quality import stale_clause


class FreshnessReminders:
    def __init__(self, ctx: Context, now: Callable[[], datetime] = utcnow) -> None:
        self.ctx = ctx
        self.now = now

    @unit_of_work
    def remind_due(self) -> list[str]:
        """Remind the stewards of every dataset overdue and not reminded for this period; the slugs."""
        session, now = self.ctx.session, self.now()
        overdue = session.scalars(
            select(Dataset)
            .where(stale_clause(local_date(now)), Dataset.status != C.RETIRED)
            .order_by(Dataset.slug)
        ).all()
        notifier = Notifier(self.ctx, SYSTEM)
        reminded = []
        for dataset in overdue:
            due = dataset.update_due_on
            if due is None or not self._claim(dataset.id, due, now):
                continue
            title = dataset.title_vi
            frequency = self.ctx.concepts.label(dataset.frequency or "", "vi") or ""
            frequency_en = self.ctx.concepts.label(dataset.frequency or "", "en") or frequency
            notifier.tell(
                notifier.owner_stewards(dataset),
                "dataset.stale",
                f"Dữ liệu “{title}” đã quá hạn cập nhật (tần suất {frequency.lower()}, "
                f"cập nhật lần cuối {dataset.data_updated_on:%d/%m/%Y}, hạn {due:%d/%m/%Y})",
                f"The data of “{title}” is overdue for an update (frequency {frequency_en.lower()}, "
                f"last updated {dataset.data_updated_on:%d/%m/%Y}, due {due:%d/%m/%Y})",
                link=f"/api/v1/datasets/{dataset.slug}",
                page=f"/dataset/{dataset.slug}/edit",
                subject=f"Dữ liệu quá hạn cập nhật / Data overdue: {dataset.slug}",
            )
            reminded.append(dataset.slug)
        return reminded

    def _claim(self, dataset_id: uuid.UUID, due: object, now: datetime) -> bool:
        """Record the reminder of (dataset, due day) unless it exists: True when this run did."""
        session = self.ctx.session
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(FreshnessReminder)
            .values(id=uuid.uuid4(), dataset_id=dataset_id, due_on=due, sent_at=now)
            .on_conflict_do_nothing(index_elements=["dataset_id", "due_on"])
            .returning(FreshnessReminder.id)
        )
        # The row comes back only when this run inserted it; the rowcount of this statement did not
        # report the inserted row on PostgreSQL (psycopg), so it is not what decides.
        return session.execute(statement).scalar() is not None

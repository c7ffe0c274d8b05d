"""Documentation campaigns and the freshness reminders of ``catalog governance run-due``.

A campaign is the provincial coordinator's call to the owning agencies to bring their datasets up
to a target (a completeness score, every field assessed for personal data) by a deadline. Its
tasks are not stored: a dataset of a chosen agency that misses the target *is* a task, computed
from the quality figures at each look, so a task is done the moment the dataset meets the target.
What is stored is what must not move: who opened it, the target and deadline, whether the reminder
went out, and the report frozen at closing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.agency import Agency
from dictionary.models.base import Base, str200, str500, utcnow

campaign_agency = Table(
    "campaign_agency",
    Base.metadata,
    Column(
        "campaign_id",
        ForeignKey("campaign.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The campaign",
    ),
    Column(
        "agency_id",
        ForeignKey("agency.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
        comment="An agency whose datasets it covers (with its scope); none: every agency",
    ),
    comment="Agencies chosen for a documentation campaign",
)


class Campaign(Base):
    """A documentation campaign: a target for the datasets of some agencies, and a deadline."""

    __tablename__ = "campaign"
    __table_args__ = {"comment": "Documentation campaigns opened by the provincial coordinator"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    number: Mapped[int] = mapped_column(unique=True, comment="Campaign number, 1, 2, 3… (used in URLs)")
    title: Mapped[str500] = mapped_column(comment="Title, in Vietnamese")
    description: Mapped[str | None] = mapped_column(comment="What is asked and why, in Vietnamese")
    min_completeness: Mapped[int | None] = mapped_column(
        comment="Target: completeness score at least this (0-100); null: no completeness target"
    )
    personal_data_assessed: Mapped[bool] = mapped_column(
        default=False, comment="Target: every field has its personal-data category assessed"
    )
    deadline_on: Mapped[date] = mapped_column(comment="Last day of the campaign (Asia/Ho_Chi_Minh)")
    deadline_at: Mapped[datetime] = mapped_column(
        index=True, comment="When it ends: the end of deadline_on, local time (UTC)"
    )
    reminder_days: Mapped[int] = mapped_column(
        comment="The reminder goes out this many working days before the deadline day"
    )
    remind_at: Mapped[datetime] = mapped_column(
        index=True, comment="When the reminder is due: the start of that working day, local time (UTC)"
    )
    reminded_at: Mapped[datetime | None] = mapped_column(comment="When the reminder went out (once)")
    opened_by: Mapped[str200] = mapped_column(comment="Who opened it (name and e-mail address)")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When it was opened (UTC)")
    closed_at: Mapped[datetime | None] = mapped_column(index=True, comment="When it closed; open while null")
    closed_by: Mapped[str200 | None] = mapped_column(
        comment="Who closed it; 'system' when it closed by itself after the deadline"
    )
    report: Mapped[list[dict[str, Any]] | None] = mapped_column(
        comment="Per agency at closing: code, name, datasets, met, missed (frozen); null while open"
    )

    agencies: Mapped[list[Agency]] = relationship(
        secondary=campaign_agency, order_by=Agency.code, lazy="selectin"
    )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FreshnessReminder(Base):
    """One reminder to the stewards that a dataset's data is overdue: at most one per overdue period.

    A period is named by the day the update was due (``Dataset.update_due_on``): a new data update
    moves that day, so the next lapse is a new period and gets its own reminder.
    """

    __tablename__ = "freshness_reminder"
    __table_args__ = (
        UniqueConstraint("dataset_id", "due_on"),
        {"comment": "Reminders sent because a dataset's data was overdue for its declared frequency"},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    due_on: Mapped[date] = mapped_column(comment="The day its update was due (the overdue period)")
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the reminder went out (UTC)")

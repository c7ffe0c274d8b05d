"""Harvest sources (other catalogs kept in sync with this one) and the jobs that ran them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, Identified, Versioned, str40, str200, str500

if TYPE_CHECKING:
    from dictionary.models.agency import Agency


class HarvestSource(Identified, Versioned, Base):
    """A catalog this one harvests: a DCAT-AP document (any RDF format) or a CKAN Action API."""

    __tablename__ = "harvest_source"
    __table_args__ = {"comment": "Catalogs harvested into this one, with their schedule and limits"}  # noqa: RUF012

    name: Mapped[str200] = mapped_column(unique=True, comment="Name shown to administrators")
    url: Mapped[str500] = mapped_column(
        comment="First DCAT-AP page, or the CKAN site (its /api/3 is asked); given by an administrator"
    )
    kind: Mapped[str40] = mapped_column(comment="dcat or ckan")
    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"),
        index=True,
        comment="Agency that owns the datasets whose record names no publisher",
    )
    schedule: Mapped[str40] = mapped_column(comment="manual, daily, weekly or monthly")
    time_limit: Mapped[int] = mapped_column(comment="Seconds a run may take, fetching included")
    page_limit: Mapped[int] = mapped_column(comment="Pages a run reads at most")
    created_by: Mapped[str200] = mapped_column(comment="Who registered the source")

    owner: Mapped[Agency] = relationship(lazy="joined")
    jobs: Mapped[list[HarvestJob]] = relationship(
        back_populates="source",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="HarvestJob.started_at.desc()",
    )


class HarvestJob(Identified, Base):
    """One run of a source and its report."""

    __tablename__ = "harvest_job"
    __table_args__ = {"comment": "Runs of harvest sources, each with its report"}  # noqa: RUF012

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("harvest_source.id", ondelete="CASCADE"), index=True, comment="The source run"
    )
    status: Mapped[str40] = mapped_column(index=True, comment="running, succeeded or failed")
    trigger: Mapped[str40] = mapped_column(comment="manual (a person), schedule (run-due) or cli")
    started_by: Mapped[str200] = mapped_column(comment="Who or what started the run")
    started_at: Mapped[datetime] = mapped_column(comment="When the run started (UTC)")
    deadline_at: Mapped[datetime] = mapped_column(
        comment="Start plus the source's time limit: a job still running after it is marked failed"
    )
    finished_at: Mapped[datetime | None] = mapped_column(comment="When the run ended (UTC)")
    reason: Mapped[str | None] = mapped_column(comment="Why the run failed, in plain words")
    counts: Mapped[dict[str, Any]] = mapped_column(
        default=dict, comment="Items per outcome: created, updated, unchanged, removed at the source, failed…"
    )
    items: Mapped[list[dict[str, Any]]] = mapped_column(
        default=list,
        comment="The report: each record's outcome with its reason (uri, identifier, slug, action, message)",
    )
    pages: Mapped[list[str]] = mapped_column(default=list, comment="The pages read")
    stopped: Mapped[str | None] = mapped_column(comment="Why paging ended early (page limit, loop…)")

    source: Mapped[HarvestSource] = relationship(back_populates="jobs")

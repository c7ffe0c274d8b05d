"""Revisions of datasets and the search outbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dictionary.models.base import Base, str40, str200, str500, utcnow


class Revision(Base):
    """A full JSON snapshot of a dataset (fields, mappings, owners included) after one change."""

    __tablename__ = "revision"
    __table_args__ = (
        UniqueConstraint("dataset_id", "number", name="dataset_number"),
        {"comment": "Full snapshots of datasets, one per change"},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    number: Mapped[int] = mapped_column(comment="1 for the creation, then +1 per change")
    snapshot: Mapped[dict[str, Any]] = mapped_column(comment="The dataset as it was after the change")
    author: Mapped[str200] = mapped_column(comment="Who made the change")
    message: Mapped[str500] = mapped_column(comment="What the change was")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the change was made (UTC)")


class OutboxEntry(Base):
    """A change waiting to be applied to the search index.

    Written in the same transaction as the data so that a crash or an engine that is down never
    loses an update; the search package applies and deletes entries after commit.
    """

    __tablename__ = "search_outbox"
    __table_args__ = {"comment": "Index changes waiting for the search engine"}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True, comment="Order of the changes")
    entity: Mapped[str40] = mapped_column(comment="Kind of record, e.g. dataset")
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True, comment="Identifier of the record")
    operation: Mapped[str40] = mapped_column(comment="upsert or delete")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the change was committed")
    attempts: Mapped[int] = mapped_column(default=0, comment="Failed attempts to apply it so far")
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, comment="Not retried before this time")
    last_error: Mapped[str | None] = mapped_column(comment="Error of the last failed attempt")

"""The audit log: one hash-chained event per write and per access decision.

Each event stores the SHA-256 of its own canonical JSON, which includes the previous event's
hash; the chain head row holds the last sequence number and hash. Changing any stored event,
deleting one, or cutting off the tail therefore breaks a link that ``catalog audit verify``
finds; a cut tail *with* a rewound head, or a rebuilt chain, only an anchor kept outside the
database reveals (see :mod:`dictionary.services.audit`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from dictionary.models.base import Base, str40, str200


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_object", "object_type", "object_id"),
        {"comment": "Append-only, hash-chained log of writes and access decisions"},
    )

    seq: Mapped[int] = mapped_column(
        primary_key=True, autoincrement=False, comment="Position in the chain, 1, 2, 3… without gaps"
    )
    occurred_at: Mapped[datetime] = mapped_column(index=True, comment="When it happened (UTC)")
    actor: Mapped[str200] = mapped_column(comment="Who acted: principal name and e-mail, cli:…, system")
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        index=True, comment="The principal's id; no foreign key, so the log outlives accounts"
    )
    agency: Mapped[str40 | None] = mapped_column(comment="Code of the agency the actor acted for")
    action: Mapped[str40] = mapped_column(index=True, comment="create, update, delete, access.check…")
    object_type: Mapped[str40] = mapped_column(comment="Table or kind of the object, e.g. dataset")
    object_id: Mapped[str200 | None] = mapped_column(comment="Identifier of the object")
    before: Mapped[dict[str, Any] | None] = mapped_column(comment="Changed values before (null on create)")
    after: Mapped[dict[str, Any] | None] = mapped_column(comment="Changed values after, or the decision")
    request_id: Mapped[str | None] = mapped_column(String(100), comment="X-Request-Id of the HTTP request")
    prev_hash: Mapped[str] = mapped_column(String(64), comment="Hash of the previous event")
    hash: Mapped[str] = mapped_column(
        String(64), unique=True, comment="SHA-256 of this event's canonical JSON"
    )


class AuditChainHead(Base):
    """The single row naming the chain's last event; locked to serialise appends."""

    __tablename__ = "audit_chain_head"
    __table_args__ = {"comment": "Last sequence number and hash of the audit chain (one row)"}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, comment="Always 1")
    seq: Mapped[int] = mapped_column(comment="Sequence number of the last event")
    hash: Mapped[str] = mapped_column(String(64), comment="Hash of the last event")

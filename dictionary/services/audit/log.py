"""Reading the audit log: filtered pages and exports for administrators."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from dictionary.models import AuditEvent
from dictionary.services.audit.chain import Anchor, VerifyReport, verify
from dictionary.services.audit.recording import record
from dictionary.services.base import paginate


@dataclass(frozen=True)
class AuditFilters:
    actor: str | None = None
    actor_id: uuid.UUID | None = None
    agency: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    request_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditLog:
    """Queries over the log, for administrators (the API and ``catalog audit``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self, f: AuditFilters) -> Select[AuditEvent]:
        query = select(AuditEvent)
        if f.actor:
            query = query.where(func.lower(AuditEvent.actor).contains(f.actor.lower(), autoescape=True))
        exact = (
            (AuditEvent.actor_id, f.actor_id),
            (AuditEvent.agency, f.agency),
            (AuditEvent.action, f.action),
            (AuditEvent.object_type, f.object_type),
            (AuditEvent.object_id, f.object_id),
            (AuditEvent.request_id, f.request_id),
        )
        for column, value in exact:
            if value is not None:
                query = query.where(column == value)
        if f.since is not None:
            query = query.where(AuditEvent.occurred_at >= f.since)
        if f.until is not None:
            query = query.where(AuditEvent.occurred_at < f.until)
        return query

    def list(self, filters: AuditFilters, page: int, page_size: int) -> tuple[list[AuditEvent], int]:
        return paginate(self.session, self._query(filters), page, page_size, AuditEvent.seq.desc())

    def stream(self, filters: AuditFilters) -> Iterator[AuditEvent]:
        """Matching events oldest first, a thousand rows at a time (exports of any size)."""
        query = self._query(filters).order_by(AuditEvent.seq).execution_options(yield_per=1000)
        with self.session.scalars(query) as rows:  # closed even if the client stops reading
            yield from rows

    def export(self, filters: AuditFilters, fmt: str) -> Iterator[AuditEvent]:
        """Log who exports what (committed first), then stream the matching events."""
        plain = {key: value for key, value in filters.__dict__.items() if value is not None}
        record(self.session, "audit.export", "audit_event", None, after={"filters": plain, "format": fmt})
        self.session.commit()
        return self._stream_and_end(filters)

    def _stream_and_end(self, filters: AuditFilters) -> Iterator[AuditEvent]:
        # A web server reads the export after the request has ended and its session was closed;
        # reading it reopens a transaction that nobody else would end (a connection left idle in
        # a transaction until garbage collection), so the export ends its own when done.
        try:
            yield from self.stream(filters)
        finally:
            self.session.rollback()

    def verify(self, anchors: Iterable[Anchor] = (), expect_head: str | None = None) -> VerifyReport:
        return verify(self.session, anchors, expect_head)


def as_record(event: AuditEvent) -> dict[str, Any]:
    """One event as plain JSON data (export line)."""
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor,
        "actor_id": None if event.actor_id is None else str(event.actor_id),
        "agency": event.agency,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }

"""Keeping the indices in step with the data: the change recorder, the outbox and its applier.

- :class:`SearchRecorder` (a :class:`dictionary.ports.ChangeRecorder`) is told of every changed
  dataset inside the transaction that changed it. Just before that transaction commits it
  rewrites the database backend's index in the same transaction (so the embedded index, which
  is also the fallback, is never behind), and, when an engine is configured, adds an
  :class:`~dictionary.models.OutboxEntry` — written atomically with the data, so no change is lost
  if the engine is down or the process dies.
- :class:`OutboxApplier` sends pending entries to the engine after each commit, and whenever
  ``catalog search sync`` or a search asks it to catch up. Documents are rebuilt from the database
  at that moment, so entries may be applied late, twice or out of order without harm. A failure
  leaves the entries in place with ``attempts``, ``last_error`` and an exponential
  ``next_attempt_at``.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, event, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from dictionary import concepts as C
from dictionary.models import Agency, Dataset, OutboxEntry, OwnershipAssignment, utcnow
from search.database import DatabaseBackend
from search.documents import iter_documents, load_documents
from search.interface import SearchBackend, SearchError

log = logging.getLogger(__name__)

PENDING = "search.pending"
"""session.info key: {dataset id: deleted?} changed in the current transaction."""
APPLY = "search.apply"
AGENCIES = "search.agencies"
LISTENING = "search.listening"
REBUILD = ("search", "rebuild")
"""(entity, operation) of the outbox row that pauses the applier while a rebuild runs."""


class SearchRecorder:
    """Records changed datasets for the search indices, inside the caller's transaction."""

    def __init__(
        self, database: DatabaseBackend | None, outbox: bool, after_commit: Callable[[], Any] | None = None
    ):
        self.database = database
        self.outbox = outbox
        self.after_commit = after_commit

    def attach(self, sessions: sessionmaker[Session]) -> None:
        """Also watch agency renames in these sessions: agency names are part of dataset text."""
        event.listen(sessions, "after_flush", self._after_flush)
        event.listen(sessions, "after_flush_postexec", self._after_flush_postexec)

    def dataset_changed(self, session: Session, dataset_id: uuid.UUID, *, deleted: bool = False) -> None:
        pending: dict[uuid.UUID, bool] = session.info.setdefault(PENDING, {})
        if self.outbox and pending.get(dataset_id) is not deleted:
            session.add(
                OutboxEntry(
                    entity="dataset", entity_id=dataset_id, operation="delete" if deleted else "upsert"
                )
            )
        pending[dataset_id] = deleted
        if not session.info.get(LISTENING):
            session.info[LISTENING] = True
            event.listen(session, "before_commit", self._before_commit)
            event.listen(session, "after_commit", self._after_commit)
            event.listen(session, "after_soft_rollback", self._after_rollback)

    def _after_flush(self, session: Session, _context: Any) -> None:
        renamed = {
            obj.id
            for obj in session.dirty
            if isinstance(obj, Agency)
            and any(
                inspect(obj).attrs[name].history.has_changes()
                for name in ("name_vi", "name_en", "short_name", "code")
            )
        }
        if renamed:
            session.info.setdefault(AGENCIES, set()).update(renamed)

    def _after_flush_postexec(self, session: Session, _context: Any) -> None:
        agencies = session.info.pop(AGENCIES, None)
        if not agencies:
            return
        held = session.scalars(
            select(OwnershipAssignment.dataset_id).where(
                OwnershipAssignment.agency_id.in_(agencies),
                OwnershipAssignment.valid_to.is_(None),
                OwnershipAssignment.role.in_([C.OWNER, C.CUSTODIAN]),
            )
        ).all()
        for dataset_id in set(held):
            self.dataset_changed(session, dataset_id)

    def _before_commit(self, session: Session) -> None:
        pending: dict[uuid.UUID, bool] = session.info.pop(PENDING, None) or {}
        if not pending:
            return
        session.info[APPLY] = self.outbox
        if self.database is None:
            return
        session.flush()
        documents = load_documents(session, [i for i, deleted in pending.items() if not deleted])
        connection = session.connection()
        self.database.remove(connection, [str(i) for i in pending if str(i) not in documents])
        self.database.write(connection, documents.values())

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(APPLY, False) and self.after_commit is not None:
            try:
                self.after_commit()
            except Exception:  # the data is committed; the outbox keeps the change for later
                log.exception("Applying the search outbox after a commit failed")

    def _after_rollback(self, session: Session, _previous: Any) -> None:
        session.info.pop(PENDING, None)
        session.info.pop(APPLY, None)
        session.info.pop(AGENCIES, None)


@dataclass(frozen=True)
class ApplyReport:
    applied: int = 0
    failed: int = 0
    skipped: str | None = None
    """Why nothing was tried: "busy", "backoff" or "rebuilding"."""
    error: str | None = None


class OutboxApplier:
    """Sends pending outbox entries to a backend, oldest first, with exponential backoff."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        backend: SearchBackend,
        *,
        batch: int = 200,
        base_delay: timedelta = timedelta(seconds=5),
        max_delay: timedelta = timedelta(minutes=30),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessions = sessions
        self.backend = backend
        self.batch = batch
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.clock = clock
        self.retry_after: datetime | None = None
        """Nothing is tried before this (set after a failure), so that writes do not each wait for
        an engine that is known to be down."""
        self._lock = threading.Lock()

    def delay(self, attempts: int) -> timedelta:
        return min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1))

    def apply_pending(self, *, force: bool = False) -> ApplyReport:
        """Apply every due entry; ``force`` also retries entries still waiting out their backoff."""
        if not self._lock.acquire(blocking=False):
            return ApplyReport(skipped="busy")  # another thread of this process is at it
        try:
            now = self.clock()
            if not force and self.retry_after is not None and now < self.retry_after:
                return ApplyReport(skipped="backoff")
            applied = 0
            with self.sessions() as session:
                if rebuild_running(session, now):
                    return ApplyReport(skipped="rebuilding")
                while True:
                    query = (
                        select(OutboxEntry).where(OutboxEntry.entity == "dataset").order_by(OutboxEntry.id)
                    )
                    if not force:
                        query = query.where(OutboxEntry.next_attempt_at <= now)
                    entries = list(session.scalars(query.limit(self.batch)))
                    if not entries:
                        self.retry_after = None
                        return ApplyReport(applied=applied)
                    ids = [e.id for e in entries]
                    try:
                        self._send(session, entries)
                    except SearchError as error:
                        self._failed(session, ids, error, now)
                        return ApplyReport(applied=applied, failed=len(ids), error=str(error))
                    # Only these rows: changes recorded while we were sending stay pending.
                    session.execute(delete(OutboxEntry).where(OutboxEntry.id.in_(ids)))
                    session.commit()
                    applied += len(ids)
        finally:
            self._lock.release()

    def _send(self, session: Session, entries: list[OutboxEntry]) -> None:
        latest: dict[uuid.UUID, str] = {}
        for entry in entries:  # oldest first: the last operation on a dataset wins
            latest[entry.entity_id] = entry.operation
        documents = load_documents(session, [i for i, op in latest.items() if op != "delete"])
        self.backend.delete([str(i) for i in latest if str(i) not in documents])
        self.backend.index(documents.values())
        for _ in range(3):
            # Another process may have changed or deleted a dataset and sent it before we sent
            # our older copy: look again (in a fresh snapshot) and send what moved meanwhile.
            session.rollback()
            ids = [uuid.UUID(i) for i in documents]
            current = dict(
                session.execute(select(Dataset.id, Dataset.lock_version).where(Dataset.id.in_(ids))).all()
            )
            versions = {str(i): version for i, version in current.items()}
            self.backend.delete([i for i in documents if i not in versions])
            moved = [i for i, doc in documents.items() if i in versions and versions[i] != doc.version]
            if not moved:
                return
            documents = load_documents(session, moved)
            self.backend.index(documents.values())

    def _failed(self, session: Session, ids: list[int], error: Exception, now: datetime) -> None:
        session.rollback()
        retry = None
        for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.id.in_(ids))):
            entry.attempts += 1
            entry.next_attempt_at = now + self.delay(entry.attempts)
            entry.last_error = str(error)[:2000]
            retry = entry.next_attempt_at if retry is None else min(retry, entry.next_attempt_at)
        session.commit()
        self.retry_after = retry
        log.warning("Search index update failed, retrying after %s: %s", retry, error)


def rebuild_running(session: Session, now: datetime) -> bool:
    return bool(
        session.scalar(
            select(func.count()).where(
                OutboxEntry.entity == REBUILD[0],
                OutboxEntry.operation == REBUILD[1],
                OutboxEntry.next_attempt_at > now,
            )
        )
    )


def rebuild(
    sessions: sessionmaker[Session],
    backend: SearchBackend,
    applier: OutboxApplier | None = None,
    lease: timedelta = timedelta(hours=2),
) -> int:
    """Build a new index from the database and switch to it; changes made meanwhile are kept.

    While it runs, a lease row in the outbox pauses the applier: changes committed during the
    rebuild stay pending and are applied to the new index once it is live (a crashed rebuild's
    lease simply expires).
    """
    lease_id: int | None = None
    if applier is not None:
        with sessions() as session:
            entry = OutboxEntry(
                entity=REBUILD[0],
                entity_id=uuid.uuid4(),
                operation=REBUILD[1],
                next_attempt_at=utcnow() + lease,
            )
            session.add(entry)
            session.commit()
            lease_id = entry.id
    try:
        with sessions() as session:
            count = backend.rebuild(iter_documents(session))
    finally:
        if lease_id is not None:
            with sessions() as session:
                session.execute(delete(OutboxEntry).where(OutboxEntry.id == lease_id))
                session.commit()
    if applier is not None:
        applier.apply_pending(force=True)
    return count


def outbox_status(session: Session, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    dataset = OutboxEntry.entity == "dataset"
    pending, failing, oldest, attempts = session.execute(
        select(
            func.count(),
            func.count().filter(OutboxEntry.attempts > 0),
            func.min(OutboxEntry.created_at),
            func.max(OutboxEntry.attempts),
        ).where(dataset)
    ).one()
    last_error = session.scalar(
        select(OutboxEntry.last_error)
        .where(dataset, OutboxEntry.last_error.is_not(None))
        .order_by(OutboxEntry.id.desc())
        .limit(1)
    )
    return {
        "pending": pending,
        "failing": failing,
        "oldest": oldest.isoformat() if oldest else None,
        "max_attempts": attempts or 0,
        "last_error": last_error,
        "rebuilding": rebuild_running(session, now),
    }

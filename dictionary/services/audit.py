"""The audit log: every write and every access decision, hash-chained in the writing transaction.

How it works:

- :func:`install` puts two listeners on a sessionmaker. ``after_flush`` turns every insert,
  update and delete of a catalog record into an event (changed columns before/after); explicit
  events (access decisions, denials, logins) join the same list through :func:`record`.
- ``before_commit`` appends the collected events to the chain *in the same transaction*, so a
  write and its audit events commit or roll back together. Appends are serialised on the single
  chain-head row: an ``UPDATE`` of it comes first, which takes PostgreSQL's row lock (held to
  commit) and SQLite's write lock, so two transactions can never both extend the same hash.
- Each event's hash is the SHA-256 of its canonical JSON, which includes the previous hash.
  :func:`verify` recomputes the chain and names the first broken link: an altered event, a
  deleted one (a gap in the sequence, or a ``prev_hash`` that no longer matches), or a cut-off
  tail (the last event differs from the head row).

The head row lives in the same database, so someone who can rewrite the whole table *and* the
head undetected could also forge it; ``catalog audit verify`` prints the head hash so that it can
be written down elsewhere and checked later with ``--expect-head``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, func, insert, inspect, select, update
from sqlalchemy.orm import Mapper, Session, object_session, sessionmaker

from dictionary.models import AuditChainHead, AuditEvent, Base, utcnow

GENESIS = "0" * 64
ENABLED_KEY = "audit.enabled"
CONTEXT_KEY = "audit.context"
PENDING_KEY = "audit.pending"
NOT_AUDITED = frozenset(
    {"revision", "search_outbox", "audit_event", "audit_chain_head", "login_attempt", "notification"}
)
"""Derived or bookkeeping tables: revisions repeat the dataset change already logged, the outbox and
notifications follow from logged changes, and login attempts are logged as explicit events."""
IGNORED_COLUMNS = frozenset({"updated_at", "lock_version", "last_used_at", "last_login_at"})
"""Columns that change as a side effect; an update of only these is not an event."""
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
REDACTED = "[redacted]"


@dataclass(frozen=True)
class AuditContext:
    """Who is acting in a session, set by the app for each request or command."""

    actor: str = "system"
    actor_id: uuid.UUID | None = None
    agency: str | None = None
    request_id: str | None = None


def set_context(session: Session, context: AuditContext) -> None:
    session.info[CONTEXT_KEY] = context


def get_context(session: Session) -> AuditContext:
    context: AuditContext = session.info.get(CONTEXT_KEY) or AuditContext()
    return context


def record(
    session: Session,
    action: str,
    object_type: str,
    object_id: object = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an explicit event; it is chained when the session's transaction commits."""
    session.connection()  # begin the transaction, so that commit() runs the append
    session.info.setdefault(PENDING_KEY, []).append(
        _event(get_context(session), action, object_type, object_id, before=before, after=after)
    )


def install(factory: sessionmaker[Session]) -> None:
    """Audit every session the factory makes (the app's and the CLI's)."""
    factory.configure(info={**factory.kw.get("info", {}), ENABLED_KEY: True})
    event.listen(factory, "before_commit", _append)
    event.listen(factory, "after_transaction_end", _forget)
    # Mapper events, unlike the session's new/dirty/deleted sets, also see rows removed as
    # orphans (a distribution taken out of a dataset's list); they fire for every session, so
    # each one checks that its session is audited.
    for name, handler in (
        ("after_insert", _inserted),
        ("after_update", _updated),
        ("after_delete", _deleted),
    ):
        if not event.contains(Base, name, handler):
            event.listen(Base, name, handler, propagate=True)


# Listeners --------------------------------------------------------------------------------


def _pending(target: object) -> list[dict[str, Any]] | None:
    """The event list of the target's session, if that session is audited and the target too."""
    session = object_session(target)
    if session is None or not session.info.get(ENABLED_KEY):
        return None
    table = getattr(target, "__tablename__", None)
    if table is None or table in NOT_AUDITED or not getattr(target, "__audit__", True):
        return None
    events: list[dict[str, Any]] = session.info.setdefault(PENDING_KEY, [])
    return events


def _inserted(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    events = _pending(target)
    if events is not None:
        events.append(
            _event(_context_of(target), "create", target.__tablename__, _key(target), after=_values(target))
        )


def _updated(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    events = _pending(target)
    changes = _changes(target) if events is not None else None
    if events is not None and changes is not None:
        before, after = changes
        kind, key = target.__tablename__, _key(target)
        events.append(_event(_context_of(target), "update", kind, key, before=before, after=after))


def _deleted(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    events = _pending(target)
    if events is not None:
        events.append(
            _event(_context_of(target), "delete", target.__tablename__, _key(target), before=_values(target))
        )


def _context_of(target: object) -> AuditContext:
    session = object_session(target)
    return get_context(session) if session is not None else AuditContext()


def _append(session: Session) -> None:
    session.flush()  # the last flush's events must be collected before the chain is extended
    pending = session.info.pop(PENDING_KEY, None)
    if pending:
        append(session.connection(), pending)


def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction ended: nothing pending survives it
        session.info.pop(PENDING_KEY, None)


# Events as plain, hashable data -----------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON values that read back from the database exactly as they were hashed."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _key(obj: object) -> str:
    # From the attributes: during a flush the identity key is not assigned yet.
    identity = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in identity)


def _values(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    result = {}
    for attr in state.mapper.column_attrs:
        if attr.key in state.dict and attr.key not in IGNORED_COLUMNS:
            value = state.dict[attr.key]
            result[attr.key] = REDACTED if attr.key in SECRET_COLUMNS and value else _plain(value)
    return result


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]] | None:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        if attr.key in IGNORED_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        secret = attr.key in SECRET_COLUMNS
        before[attr.key] = REDACTED if secret and old else _plain(old)
        after[attr.key] = REDACTED if secret and new else _plain(new)
    return (before, after) if after or before else None


def _event(
    context: AuditContext,
    action: str,
    object_type: str,
    object_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "occurred_at": utcnow(),
        "actor": context.actor[:200],
        "actor_id": context.actor_id,
        "agency": context.agency,
        "action": action[:40],
        "object_type": object_type[:40],
        "object_id": None if object_id is None else str(object_id)[:200],
        "before": _plain(before),
        "after": _plain(after),
        "request_id": context.request_id,
    }


def event_hash(event: dict[str, Any]) -> str:
    """SHA-256 of the event's canonical JSON (sorted keys, no spaces, UTF-8), previous hash included."""
    payload = {
        "seq": event["seq"],
        "occurred_at": event["occurred_at"].isoformat(),
        "actor": event["actor"],
        "actor_id": None if event["actor_id"] is None else str(event["actor_id"]),
        "agency": event["agency"],
        "action": event["action"],
        "object_type": event["object_type"],
        "object_id": event["object_id"],
        "before": event["before"],
        "after": event["after"],
        "request_id": event["request_id"],
        "prev_hash": event["prev_hash"],
    }
    canonical = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(connection: Connection, events: list[dict[str, Any]]) -> int:
    """Extend the chain with ``events`` (in order) inside the connection's transaction; the last seq."""
    head = AuditChainHead.__table__
    # The UPDATE comes before the read on purpose: it takes the row lock (PostgreSQL) or the
    # database write lock (SQLite) first, so no other transaction can read the same head.
    locked = connection.execute(update(head).where(head.c.id == 1).values(seq=head.c.seq))
    if locked.rowcount == 0:
        connection.execute(insert(head).values(id=1, seq=0, hash=GENESIS))
    seq, prev = connection.execute(select(head.c.seq, head.c.hash).where(head.c.id == 1)).one()
    rows = []
    for item in events:
        seq += 1
        row = {**item, "seq": seq, "prev_hash": prev}
        row["hash"] = prev = event_hash(row)
        rows.append(row)
    connection.execute(insert(AuditEvent.__table__), rows)
    connection.execute(update(head).where(head.c.id == 1).values(seq=seq, hash=prev))
    return seq


# Reading and verifying ----------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    broken_seq: int | None = None


def verify(session: Session, expect_head: str | None = None) -> VerifyReport:
    """Recompute the whole chain, oldest first (streamed), and report the first broken link."""
    head = session.get(AuditChainHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    expected_seq, prev, checked = 1, GENESIS, 0

    def broken(problem: str, seq: int | None) -> VerifyReport:
        return VerifyReport(False, checked, head_seq, head_hash, problem, seq)

    # Streamed (a server-side cursor on PostgreSQL), and closed even when a break stops the loop.
    with session.scalars(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=1000)
    ) as rows:
        for row in rows:
            problem = _link_problem(row, expected_seq, prev)
            if problem is not None:
                return broken(*problem)
            prev, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    if checked != head_seq or prev != head_hash:
        return broken(
            f"the chain ends at event {checked} but its head names event {head_seq}: "
            "events were deleted from the end, or the head was changed",
            checked + 1,
        )
    if expect_head is not None and expect_head != head_hash:
        return broken("the head hash differs from the one recorded earlier: the chain was rebuilt", head_seq)
    return VerifyReport(True, checked, head_seq, head_hash)


def _link_problem(row: AuditEvent, expected_seq: int, prev: str) -> tuple[str, int] | None:
    """What is wrong with one event given the one before it, and the sequence number to report."""
    if row.seq != expected_seq:
        return f"event {expected_seq} is missing: the chain jumps to {row.seq} (deleted?)", expected_seq
    if row.prev_hash != prev:
        return f"event {row.seq} does not follow event {row.seq - 1} (deleted or rewritten)", row.seq
    values = {column.key: getattr(row, column.key) for column in AuditEvent.__table__.columns}
    if event_hash(values) != row.hash:
        return f"event {row.seq} was altered after it was written", row.seq
    return None


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

    def _query(self, f: AuditFilters) -> Any:
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
        query = self._query(filters)
        total = self.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = self.session.scalars(
            query.order_by(AuditEvent.seq.desc()).offset((page - 1) * page_size).limit(page_size)
        ).all()
        return list(rows), total

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
        return self.stream(filters)

    def verify(self, expect_head: str | None = None) -> VerifyReport:
        return verify(self.session, expect_head)


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

"""The hash chain: appending events under the chain-head lock, and verifying the whole chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.orm import Session

from dictionary.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


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
    head = cast(Table, AuditChainHead.__table__)  # declarative types __table__ as any FromClause
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
    connection.execute(insert(cast(Table, AuditEvent.__table__)), rows)
    connection.execute(update(head).where(head.c.id == 1).values(seq=seq, hash=prev))
    return seq


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

"""The hash chain: appending events under the chain-head lock, verifying the whole chain, anchors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
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
class Anchor:
    """An event's sequence number and hash, written as ``seq:hash`` and kept outside the database.

    It stays valid as the chain grows: a later verify checks that event ``seq`` still has this
    hash and that the chain is intact from the start through it to the head.
    """

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``42:<64 hex digits>`` → Anchor; ValueError with a plain explanation otherwise."""
        seq, colon, digest = text.strip().partition(":")
        digest = digest.lower()
        if not colon or not (seq.isascii() and seq.isdigit()) or int(seq) < 1:
            raise ValueError(f"{text!r} is not an anchor: expected SEQ:HASH with SEQ a number from 1 on")
        if len(digest) != len(GENESIS) or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"{text!r} is not an anchor: the hash after ':' must be 64 hexadecimal digits")
        return cls(int(seq), digest)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    broken_seq: int | None = None
    anchors: int = 0
    """How many anchored events were checked (all of them hold when ``ok``)."""

    @property
    def anchor(self) -> Anchor | None:
        """An anchor for the head of an intact, non-empty chain: the one to keep elsewhere."""
        return Anchor(self.head_seq, self.head_hash) if self.ok and self.head_seq else None


def verify(session: Session, anchors: Iterable[Anchor] = (), expect_head: str | None = None) -> VerifyReport:
    """Recompute the whole chain, oldest first (streamed), and report the first broken link.

    Every anchor's event must still exist with the anchored hash, and the chain must be intact
    from the start through it to the head. ``expect_head`` is the older form of an anchor: a
    bare head hash recorded earlier, which must still be the hash of some event.
    """
    head = session.get(AuditChainHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    anchored: dict[int, set[str]] = {}
    for item in anchors:
        anchored.setdefault(item.seq, set()).add(item.hash)
    lost_head = False
    if expect_head is not None:
        # The hash column is unique and covers seq, so it finds the one event it can belong to.
        seq = session.scalar(select(AuditEvent.seq).where(AuditEvent.hash == expect_head.lower()))
        if seq is None:
            lost_head = True  # reported after the walk, which may name a more precise problem
        else:
            anchored.setdefault(seq, set()).add(expect_head.lower())
    expected_seq, prev, checked = 1, GENESIS, 0

    def broken(problem: str, seq: int | None) -> VerifyReport:
        return VerifyReport(False, checked, head_seq, head_hash, problem, seq, len(anchored))

    # Streamed (a server-side cursor on PostgreSQL), and closed even when a break stops the loop.
    with session.scalars(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=1000)
    ) as rows:
        for row in rows:
            problem = _link_problem(row, expected_seq, prev, anchored)
            if problem is not None:
                return broken(*problem)
            prev, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    beyond = [seq for seq in anchored if seq > checked]
    if beyond:
        if checked == 0:
            return broken(f"the chain is empty but an anchor says {min(beyond)} events existed", 1)
        return broken(f"event {min(beyond)} (anchored) is missing: the chain ends at {checked}", checked + 1)
    problem = _head_problem(head is not None, head_seq, head_hash, checked, prev)
    if problem is not None:
        return broken(*problem)
    if lost_head:
        return broken(
            "no event has the head hash recorded earlier: the chain was cut before it, or rebuilt", None
        )
    return VerifyReport(True, checked, head_seq, head_hash, anchors=len(anchored))


def _link_problem(
    row: AuditEvent, expected_seq: int, prev: str, anchored: dict[int, set[str]]
) -> tuple[str, int] | None:
    """What is wrong with one event given the one before it, and the sequence number to report."""
    if row.seq != expected_seq:
        mark = " (anchored)" if expected_seq in anchored else ""
        return f"event {expected_seq}{mark} is missing: the chain jumps to {row.seq} (deleted?)", expected_seq
    if row.prev_hash != prev:
        return f"event {row.seq} does not follow event {row.seq - 1} (deleted or rewritten)", row.seq
    values = {column.key: getattr(row, column.key) for column in AuditEvent.__table__.columns}
    if event_hash(values) != row.hash:
        return f"event {row.seq} was altered after it was written", row.seq
    # Consistent with its own links yet not the anchored hash: the chain up to here was rebuilt.
    if row.seq in anchored and anchored[row.seq] != {row.hash}:
        return f"event {row.seq} (anchored) was rewritten: its hash is not the anchored one", row.seq
    return None


def _head_problem(
    has_head: bool, head_seq: int, head_hash: str, last_seq: int, last_hash: str
) -> tuple[str, int] | None:
    """What the head row says that the events do not; what verify can tell without an anchor."""
    if last_seq < head_seq:
        if last_seq == 0:
            return f"the chain is empty but its head names event {head_seq}: the events were deleted", 1
        return (
            f"the chain ends at event {last_seq} but its head names event {head_seq}: "
            "events were deleted from the end",
            last_seq + 1,
        )
    if last_seq > head_seq:
        if not has_head:
            return f"the chain head row is missing but there are {last_seq} events (deleted?)", 1
        return (
            f"the chain continues past its head (event {head_seq}) to event {last_seq}: "
            "the head was rewound, or events were added without extending it",
            head_seq + 1,
        )
    if last_hash != head_hash:
        return f"the head's hash is not event {last_seq}'s: the head or that event was replaced", last_seq
    return None

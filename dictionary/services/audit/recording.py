"""Recording audit events: who acts in a session, the flush listeners and explicit events.

:func:`install` puts the listeners on a sessionmaker; every event they and :func:`record` collect
waits in the session until ``before_commit`` hands it to :func:`dictionary.services.audit.chain.append`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Mapper, Session, object_session, sessionmaker

from dictionary.models import Base, utcnow
from dictionary.services.audit.chain import append

ENABLED_KEY = "audit.enabled"
CONTEXT_KEY = "audit.context"
PENDING_KEY = "audit.pending"
NOT_AUDITED = frozenset(
    {
        "revision",
        "data_element_version",
        "search_outbox",
        "audit_event",
        "audit_chain_head",
        "login_throttle",
        "web_session",
        "notification",
        "mail_outbox",
        "decision_letter",
    }
)
"""Derived or bookkeeping tables: revisions (and a term's versions) repeat the change already logged,
the outboxes and notifications follow from logged changes, logins and logouts are logged as
explicit events, and a decision letter by an explicit event with its hash (its PDF does not belong
in the chain)."""
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

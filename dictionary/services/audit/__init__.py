"""The audit log: every write and every access decision, hash-chained in the writing transaction.

Three parts: :mod:`~dictionary.services.audit.recording` collects the events of a session,
:mod:`~dictionary.services.audit.chain` appends them to the hash chain and verifies it, and
:mod:`~dictionary.services.audit.log` reads the log for administrators.

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
  deleted one (a gap in the sequence, or a ``prev_hash`` that no longer matches), a cut-off tail
  or a rewound head (the last event and the head row disagree).

The head row lives in the same database, so someone who can rewrite the database can delete the
tail *and* rewind the head, or rebuild the whole chain, and it still agrees with itself. Only
something kept outside the database can tell: an :class:`Anchor` (``seq:hash`` of an event,
printed by ``catalog audit anchor``). ``verify`` with anchors also checks that each anchored
event still exists with that hash; anchors stay valid as the chain grows.
"""

from dictionary.services.audit.chain import GENESIS, Anchor, VerifyReport, append, event_hash, verify
from dictionary.services.audit.log import AuditFilters, AuditLog, as_record
from dictionary.services.audit.recording import AuditContext, get_context, install, record, set_context

__all__ = [
    "GENESIS",
    "Anchor",
    "AuditContext",
    "AuditFilters",
    "AuditLog",
    "VerifyReport",
    "append",
    "as_record",
    "event_hash",
    "get_context",
    "install",
    "record",
    "set_context",
    "verify",
]

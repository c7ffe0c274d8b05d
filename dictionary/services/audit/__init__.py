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
  deleted one (a gap in the sequence, or a ``prev_hash`` that no longer matches), or a cut-off
  tail (the last event differs from the head row).

The head row lives in the same database, so someone who can rewrite the whole table *and* the
head undetected could also forge it; ``catalog audit verify`` prints the head hash so that it can
be written down elsewhere and checked later with ``--expect-head``.
"""

from dictionary.services.audit.chain import GENESIS, VerifyReport, append, event_hash, verify
from dictionary.services.audit.log import AuditFilters, AuditLog, as_record
from dictionary.services.audit.recording import AuditContext, get_context, install, record, set_context

__all__ = [
    "GENESIS",
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

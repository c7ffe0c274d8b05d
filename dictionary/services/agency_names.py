"""Agency names by code, kept in memory: the labels of the search's agency facet.

Every search answer labels its agency facet values; asking the database for them cost each search
a session, a query and ORM objects, even on an engine that answered everything else. The province
has a few hundred agencies, so the whole table of (code, Vietnamese name) is held per process and
read again when it may be stale: after a flush that wrote an agency in this process, when a code
is not in it (at most once a second), and at least every ``max_age`` seconds (what another worker
process renamed shows within that time).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from dictionary.models import Agency

MAX_AGE = 60.0
"""Seconds a loaded table is trusted without a local write (a rename in another worker)."""
MISS_INTERVAL = 1.0
"""An unknown code reloads the table at most this often (a flood of bad codes costs one query a second)."""


class AgencyNames:
    """``names(codes)`` → ``{code: name_vi}`` for the codes that exist, from a per-process copy."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        max_age: float = MAX_AGE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sessions = sessions
        self._max_age = max_age
        self._clock = clock
        self._names: dict[str, str] = {}
        self._loaded_at = -float("inf")
        self._stale = True
        self._lock = threading.Lock()
        event.listen(sessions, "after_flush", self._after_flush)

    def names(self, codes: Iterable[str]) -> dict[str, str]:
        wanted = set(codes)
        if not wanted:
            return {}
        now = self._clock()
        table = self._names
        missing = not wanted <= table.keys()
        if (
            self._stale
            or now - self._loaded_at > self._max_age
            or (missing and now - self._loaded_at > MISS_INTERVAL)
        ):
            table = self._load(now)
        return {code: table[code] for code in wanted if code in table}

    def invalidate(self) -> None:
        self._stale = True

    def _load(self, now: float) -> dict[str, str]:
        with self._lock:
            # Marked fresh before reading: a write flushed while we read marks it stale again.
            self._stale = False
            with self._sessions() as session:
                self._names = dict(session.execute(select(Agency.code, Agency.name_vi)).all())
            self._loaded_at = now
            return self._names

    def _after_flush(self, session: Session, _context: Any) -> None:
        if any(isinstance(obj, Agency) for obj in (*session.new, *session.dirty, *session.deleted)):
            self._stale = True

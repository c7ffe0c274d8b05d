"""What the application uses: the configured backend, the database fallback, the outbox.

:func:`build_search` assembles them from plain settings; :class:`SearchService` answers queries
and falls back to the database backend (saying so in the results) when the engine is unreachable.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from dictionary.visibility import Visibility
from search.database import DatabaseBackend
from search.interface import DatasetQuery, FieldQuery, Results, SearchBackend, SearchUnavailable, Suggestion
from search.outbox import OutboxApplier, SearchRecorder, outbox_status, rebuild

logger = logging.getLogger(__name__)

T = TypeVar("T")
ENGINES = ("database", "opensearch", "elasticsearch")


class SearchService:
    """Queries the primary backend; on :class:`SearchUnavailable` asks the database instead."""

    def __init__(
        self,
        primary: SearchBackend,
        fallback: DatabaseBackend | None = None,
        applier: OutboxApplier | None = None,
        *,
        cooldown: float = 10.0,
        catch_up_every: float = 30.0,
    ) -> None:
        self.primary = primary
        self.fallback = fallback if fallback is not primary else None
        self.applier = applier
        self.cooldown = cooldown
        self.catch_up_every = catch_up_every
        self._down_until = 0.0
        self._down_reason = ""
        self._next_catch_up = 0.0
        self._lock = threading.Lock()

    def _ask(self, call: Callable[[SearchBackend], T]) -> tuple[T, str | None]:
        if self.fallback is None:
            return call(self.primary), None
        now = time.monotonic()
        if now >= self._down_until:
            self._catch_up(now)
            try:
                return call(self.primary), None
            except SearchUnavailable as error:
                # Skip the engine for a while: every search would otherwise wait for it to fail.
                self._down_until, self._down_reason = time.monotonic() + self.cooldown, str(error)
                logger.warning("Search engine unavailable, the database answers for now: %s", error)
        return call(self.fallback), self._down_reason

    def _catch_up(self, now: float) -> None:
        # Searches keep the outbox moving too, so an engine that came back converges even when
        # nobody writes; at most once per interval per process.
        if self.applier is None or now < self._next_catch_up or not self._lock.acquire(blocking=False):
            return
        try:
            self._next_catch_up = now + self.catch_up_every
            self.applier.apply_pending()
        except Exception:
            self._next_catch_up = now + self.catch_up_every
        finally:
            self._lock.release()

    @staticmethod
    def _mark(results: Results, reason: str | None) -> Results:
        return replace(results, degraded=True, reason=reason) if reason else results

    def search(self, query: DatasetQuery, visibility: Visibility) -> Results:
        results, reason = self._ask(lambda backend: backend.search(query, visibility))
        return self._mark(results, reason)

    def search_fields(self, query: FieldQuery, visibility: Visibility) -> Results:
        results, reason = self._ask(lambda backend: backend.search_fields(query, visibility))
        return self._mark(results, reason)

    def suggest(
        self, prefix: str, visibility: Visibility, limit: int = 8
    ) -> tuple[list[Suggestion], str | None]:
        return self._ask(lambda backend: backend.suggest(prefix, visibility, limit))


@dataclass
class Search:
    """The search side of an application, as :func:`build_search` wires it."""

    service: SearchService
    recorder: SearchRecorder
    database: DatabaseBackend
    backend: SearchBackend
    applier: OutboxApplier | None
    sessions: sessionmaker[Session]

    def rebuild(self) -> int:
        """Rebuild the configured backend's index (and the database one, the fallback, too)."""
        count = rebuild(self.sessions, self.database)
        if self.backend is not self.database:
            count = rebuild(self.sessions, self.backend, self.applier)
        return count

    def status(self) -> dict[str, Any]:
        with self.sessions() as session:
            outbox = outbox_status(session)
        report = {"engine": self.backend.name, "backend": self.backend.health(), "outbox": outbox}
        if self.backend is not self.database:
            report["fallback"] = self.database.health()
        return report

    def sync(self, *, force: bool = False) -> Any:
        return self.applier.apply_pending(force=force) if self.applier else None


def make_backend(kind: str, url: str, index: str, engine: Engine, *, timeout: float = 5.0) -> SearchBackend:
    if kind == "database":
        return DatabaseBackend(engine)
    if kind == "opensearch":
        from search.opensearch import opensearch_backend

        return opensearch_backend(url, index, timeout=timeout)
    if kind == "elasticsearch":
        from search.elasticsearch import elasticsearch_backend

        return elasticsearch_backend(url, index, timeout=timeout)
    raise ValueError(f"search engine must be one of {', '.join(ENGINES)}, not {kind!r}")


def build_search(
    kind: str,
    url: str,
    index: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    *,
    backend: SearchBackend | None = None,
) -> Search:
    """The database index is always kept (in the data's own transaction): it serves search when
    no engine is configured, and is the fallback when the engine is down. With an engine, the
    outbox carries every change to it."""
    database = DatabaseBackend(engine)
    primary = backend or (database if kind == "database" else make_backend(kind, url, index, engine))
    applier = OutboxApplier(sessions, primary) if primary is not database else None
    recorder = SearchRecorder(
        database, outbox=applier is not None, after_commit=applier.apply_pending if applier else None
    )
    recorder.attach(sessions)
    service = SearchService(primary, database, applier)
    return Search(service, recorder, database, primary, applier, sessions)

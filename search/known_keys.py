"""The engine's vocabulary answers remembered for a few seconds, so a search is one round trip.

Cutting a query into words (:mod:`search.query`) asks which syllables and syllable pairs the
catalog holds. On OpenSearch that is a request of its own before the search itself; the same
words come back in query after query (the landing page's search, the popular subjects, the
next page of the same query), so the answers are kept per process:

- a key found is taken as held for :data:`HELD_SECONDS`: a key whose last dataset has gone meanwhile
  only makes its syllables match side by side for that long;
- a key not found is taken as missing for :data:`MISSING_SECONDS` only, since a missing syllable
  is read as a typo and corrected: a word just indexed by another worker is found within seconds;
- every index write of this process (index, delete, rebuild, clear, refresh) forgets everything,
  so a worker's own writes are not hidden by what it remembered before them (a query asked in the
  second before the engine makes a write searchable may still remember a new word as missing for
  :data:`MISSING_SECONDS`).

The database backend asks its own tables on the connection it searches with (well under a
millisecond) and keeps no copy.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection

from search.query import Lookup

HELD_SECONDS = 60.0
MISSING_SECONDS = 5.0
LIMIT = 100_000
"""Keys remembered at most (about 10 MB of short strings); the memory is emptied when full."""


class KnownKeys:
    """A :data:`search.query.Lookup` in front of another, remembering its answers for a while."""

    def __init__(self, lookup: Lookup, clock: Callable[[], float] = time.monotonic) -> None:
        self._lookup = lookup
        self._clock = clock
        self._until: dict[str, tuple[bool, float]] = {}
        """key → (held, until when the answer stands)"""
        self._lock = threading.Lock()

    def __call__(self, keys: Collection[str]) -> set[str]:
        now = self._clock()
        held: set[str] = set()
        unknown: list[str] = []
        with self._lock:
            for key in keys:
                answer = self._until.get(key)
                if answer is None or answer[1] <= now:
                    unknown.append(key)
                elif answer[0]:
                    held.add(key)
        if not unknown:
            return held
        found = self._lookup(unknown)
        with self._lock:
            if len(self._until) + len(unknown) > LIMIT:
                self._until.clear()
            for key in unknown:
                is_held = key in found
                self._until[key] = (is_held, now + (HELD_SECONDS if is_held else MISSING_SECONDS))
        return held | (found & set(unknown))

    def forget(self) -> None:
        with self._lock:
            self._until.clear()

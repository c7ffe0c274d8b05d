"""The search backend over an OpenSearch or Elasticsearch cluster, independent of the client library.

Two indices sit behind two aliases: ``<name>`` (datasets) and ``<name>_fields`` (fields). A
rebuild creates ``<name>_v<stamp>`` and ``<name>_fields_v<stamp>``, fills and refreshes them,
then moves both aliases in one atomic ``_aliases`` request and drops the old indices, so searches
never see a half-built index. The client-specific part is a :class:`Transport`
(:mod:`search.opensearch`, :mod:`search.elasticsearch`), which also maps the client's errors
onto :class:`~search.interface.SearchUnavailable` / :class:`EngineError`.
"""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Protocol

from dictionary.visibility import Visibility
from search import dsl, mappings
from search.documents import DatasetDocument
from search.interface import (
    DatasetHit,
    DatasetQuery,
    FieldHit,
    FieldQuery,
    Results,
    SearchError,
    SearchUnavailable,
    Suggestion,
)
from search.known_keys import KnownKeys
from search.query import analyse_words
from search.text import Abbreviations, analyse_prefix, default_abbreviations

BATCH = 250
"""Datasets per bulk request (each brings its fields along)."""
WRITE_TIMEOUT = 60.0
"""Seconds an index write (bulk, refresh, delete-by-query, index creation, aliases) may take. A
search gives up after the backend's own short timeout and falls back to the database, but a
bulk of 250 datasets on a busy node can take longer than that, and failing it would only send
the same work back to the outbox (or fail a whole rebuild) for the next attempt to time out too."""
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})
"""Answers that mean "not now" rather than "wrong request": retried by the outbox."""


class EngineError(SearchError):
    """The engine answered with an error status."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(f"HTTP {status}: {str(detail)[:500]}")
        self.status = status
        self.detail = detail


class Transport(Protocol):
    """One HTTP request to the cluster; the adapters implement it with their client library."""

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """The decoded JSON answer. A list body is sent as NDJSON (bulk); ``timeout`` overrides the
        transport's own for this request. Raises
        :class:`SearchUnavailable` when the cluster cannot answer, :class:`EngineError` otherwise."""
        ...

    def close(self) -> None: ...


def ndjson(lines: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n" for line in lines)


def _batches(items: Iterable[DatasetDocument], size: int) -> Iterable[list[DatasetDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class EngineBackend:
    """A :class:`~search.interface.SearchBackend` over an engine reached through a :class:`Transport`."""

    def __init__(
        self,
        name: str,
        transport: Transport,
        index: str = "catalog",
        replicas: int = 0,
        abbreviations: Abbreviations | None = None,
    ) -> None:
        self.name = name
        self.transport = transport
        self.alias = index
        self.fields_alias = f"{index}_fields"
        self.replicas = replicas
        self.abbreviations = abbreviations or default_abbreviations()
        self._ready = False
        self._lock = threading.Lock()
        self._vocabulary = KnownKeys(self._known)
        """The vocabulary's answers kept for seconds: most searches then need one round trip."""

    # Index life cycle --------------------------------------------------------------------

    def _write(self, method: str, path: str, body: Any = None, params: dict[str, str] | None = None) -> Any:
        return self.transport.request(method, path, body, params, timeout=WRITE_TIMEOUT)

    def _create(self, suffix: str, with_aliases: bool) -> tuple[str, str]:
        datasets, fields = f"{self.alias}_v{suffix}", f"{self.fields_alias}_v{suffix}"
        for index, properties, alias in (
            (datasets, mappings.dataset_mappings(), self.alias),
            (fields, mappings.field_mappings(), self.fields_alias),
        ):
            body: dict[str, Any] = {
                "settings": mappings.index_settings(self.replicas),
                "mappings": properties,
            }
            if with_aliases:
                body["aliases"] = {alias: {}}
            try:
                self._write("PUT", f"/{index}", body)
            except EngineError as error:
                # Another process created the first index at the same moment: that is fine.
                if not (with_aliases and "resource_already_exists" in str(error.detail)):
                    raise
        return datasets, fields

    def _behind(self, alias: str) -> list[str]:
        try:
            return sorted(self.transport.request("GET", f"/_alias/{alias}"))
        except EngineError as error:
            if error.status == 404:
                return []
            raise

    def ensure(self) -> None:
        """Create the first indices and their aliases unless they exist (idempotent, race-safe)."""
        if self._ready:
            return
        with self._lock:
            if not self._behind(self.alias) or not self._behind(self.fields_alias):
                # A fixed first name: two processes starting together create one index, not two.
                self._create("0", with_aliases=True)
            self._ready = True

    def _bulk(self, lines: list[dict[str, Any]]) -> None:
        if not lines:
            return
        answer = self._write("POST", "/_bulk", lines)
        if not answer.get("errors"):
            return
        failures = [
            item
            for entry in answer["items"]
            for item in entry.values()
            if item.get("status", 200) >= 300 and item.get("status") != 404  # 404: deleting what is gone
        ]
        if failures:
            raise EngineError(failures[0].get("status", 500), failures[0].get("error"))

    def _remove_stale_fields(self, documents: list[DatasetDocument], deleted: list[str]) -> None:
        # delete_by_query only sees refreshed documents: refresh first, or a field document
        # written less than a second ago would survive its own removal.
        self._write("POST", f"/{self.fields_alias}/_refresh")
        self._write(
            "POST",
            f"/{self.fields_alias}/_delete_by_query",
            mappings.stale_fields_query(documents, deleted),
            params={"conflicts": "proceed"},
        )

    def index(self, documents: Iterable[DatasetDocument]) -> int:
        self.ensure()
        self._vocabulary.forget()
        count = 0
        for batch in _batches(documents, BATCH):
            self._bulk(mappings.bulk_actions(batch, self.alias, self.fields_alias))
            self._remove_stale_fields(batch, [])
            count += len(batch)
        return count

    def delete(self, dataset_ids: Iterable[str]) -> None:
        ids = [str(i) for i in dataset_ids]
        if not ids:
            return
        self.ensure()
        self._vocabulary.forget()
        self._bulk(mappings.delete_actions(ids, self.alias))
        self._remove_stale_fields([], ids)

    def rebuild(self, documents: Iterable[DatasetDocument]) -> int:
        suffix = datetime.now(UTC).strftime("%Y%m%d%H%M%S") + uuid.uuid4().hex[:6]
        datasets, fields = self._create(suffix, with_aliases=False)
        fresh = f"{datasets},{fields}"
        try:
            # No refreshes while loading: one at the end is much cheaper than one per second.
            self._write("PUT", f"/{fresh}/_settings", {"index": {"refresh_interval": "-1"}})
            count = 0
            for batch in _batches(documents, BATCH):
                self._bulk(mappings.bulk_actions(batch, datasets, fields))
                count += len(batch)
            self._write("PUT", f"/{fresh}/_settings", {"index": {"refresh_interval": None}})
            self._write("POST", f"/{fresh}/_refresh")
            old = {self.alias: self._behind(self.alias), self.fields_alias: self._behind(self.fields_alias)}
            actions: list[dict[str, Any]] = [
                {"remove": {"index": index, "alias": alias}}
                for alias, indices in old.items()
                for index in indices
            ]
            actions += [
                {"add": {"index": datasets, "alias": self.alias}},
                {"add": {"index": fields, "alias": self.fields_alias}},
            ]
            self._write("POST", "/_aliases", {"actions": actions})
        except BaseException:
            # The original error says more; a leftover unaliased index serves nothing.
            with contextlib.suppress(SearchError):
                self._write("DELETE", f"/{fresh}", params={"ignore_unavailable": "true"})
            raise
        self._ready = True
        self._vocabulary.forget()
        stale = [index for indices in old.values() for index in indices]
        if stale:
            self._write("DELETE", "/" + ",".join(stale), params={"ignore_unavailable": "true"})
        return count

    def refresh(self) -> None:
        self.ensure()
        self._vocabulary.forget()
        self._write("POST", f"/{self.alias},{self.fields_alias}/_refresh")

    def clear(self) -> None:
        self.ensure()
        self._vocabulary.forget()
        for alias in (self.alias, self.fields_alias):
            self._write(
                "POST",
                f"/{alias}/_delete_by_query",
                {"query": {"match_all": {}}},
                params={"conflicts": "proceed", "refresh": "true"},
            )

    def drop(self) -> None:
        """Delete the indices and aliases altogether (tests)."""
        names = self._behind(self.alias) + self._behind(self.fields_alias)
        if names:
            self._write("DELETE", "/" + ",".join(names), params={"ignore_unavailable": "true"})
        self._ready = False

    def health(self) -> dict[str, Any]:
        try:
            cluster = self.transport.request("GET", "/_cluster/health")
            counts = {
                alias: self.transport.request("GET", f"/{alias}/_count")["count"]
                for alias in (self.alias, self.fields_alias)
                if self._behind(alias)
            }
            return {
                "ok": cluster.get("status") in ("green", "yellow"),
                "engine": self.name,
                "status": cluster.get("status"),
                "indices": self._behind(self.alias) + self._behind(self.fields_alias),
                "datasets": counts.get(self.alias),
                "fields": counts.get(self.fields_alias),
            }
        except SearchError as error:
            return {"ok": False, "engine": self.name, "error": str(error)}

    # Queries ---------------------------------------------------------------------------

    def _run(self, alias: str, query: DatasetQuery, visibility: Visibility) -> dict[str, Any]:
        self.ensure()
        text = analyse_words(query.text, self.abbreviations, self._vocabulary)
        return self.transport.request("POST", f"/{alias}/_search", dsl.search_body(query, text, visibility))

    def _known(self, keys: Collection[str]) -> set[str]:
        """The vocabulary (syllables and pairs of the datasets' public text): a
        :data:`search.query.Lookup`."""
        ordered = sorted(keys)
        found: set[str] = set()
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            answer = self.transport.request("POST", f"/{self.alias}/_search", dsl.vocabulary_body(chunk))
            found |= dsl.known_keys(chunk, answer)
        return found

    def _results(self, answer: dict[str, Any], query: DatasetQuery, hits: list[Any]) -> Results:
        aggregations = answer.get("aggregations", {})
        facets = {
            name: tuple((str(b["key"]), b["doc_count"]) for b in aggregations[f"facet_{name}"]["buckets"])
            for name in query.facet_names
            if f"facet_{name}" in aggregations
        }
        return Results(hits, answer["hits"]["total"]["value"], query.page, query.page_size, facets, self.name)

    def search(self, query: DatasetQuery, visibility: Visibility) -> Results:
        answer = self._run(self.alias, query, visibility)
        hits = [
            DatasetHit.from_source(hit["_source"], hit.get("_score"), _highlights(hit))
            for hit in answer["hits"]["hits"]
        ]
        return self._results(answer, query, hits)

    def search_fields(self, query: FieldQuery, visibility: Visibility) -> Results:
        answer = self._run(self.fields_alias, query, visibility)
        hits = [
            FieldHit.from_source(hit["_source"], hit.get("_score"), _highlights(hit))
            for hit in answer["hits"]["hits"]
        ]
        return self._results(answer, query, hits)

    def suggest(self, prefix: str, visibility: Visibility, limit: int = 8) -> list[Suggestion]:
        complete, last = analyse_prefix(prefix, self.abbreviations)
        if not complete and not last:
            return []
        self.ensure()
        answer = self.transport.request(
            "POST", f"/{self.alias}/_search", dsl.suggest_body(complete, last, visibility, limit)
        )
        return [
            Suggestion(h["_source"]["title"], h["_source"]["slug"], h["_source"]["id"])
            for h in answer["hits"]["hits"]
        ]

    def close(self) -> None:
        self.transport.close()


__all__ = ["UNAVAILABLE_STATUSES", "EngineBackend", "EngineError", "SearchUnavailable", "Transport", "ndjson"]


def _highlights(hit: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(fragments) for name, fragments in hit.get("highlight", {}).items()}

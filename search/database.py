"""The embedded search backend: the catalog's own database (SQLite FTS5 or PostgreSQL full text).

Its tables are derived data, owned by this module and created on first use (not by Alembic: they
can be dropped and rebuilt at any time, like an engine index):

- ``search_dataset`` / ``search_field``: one narrow row per document, with what filters and sorts;
- ``search_source``: what a hit displays (JSON), read for the page of results only;
- ``search_facet_code``: a number for each (facet, value) pair; a document's ``facets`` column
  holds their characters, for facet filters and counts (:mod:`search.database_facets`);
- ``search_term``: the vocabulary: every folded syllable of public text ever indexed, and every
  pair of adjacent ones ("ma so"), from which queries are cut into words and typos corrected
  (:mod:`search.query`);
- SQLite: ``search_fts_dataset`` / ``search_fts_field`` (FTS5); PostgreSQL: tsvector columns.

Writes can join the caller's transaction (:meth:`DatabaseBackend.write`), so the index of the
database backend changes atomically with the data. Matching follows :mod:`search.text` exactly
as the engines do; only the scores differ.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, text

from search import database_facets, dsl, mappings
from search.database_query import DatabaseQueries, bind_list
from search.documents import DatasetDocument, name_words
from search.pgtext import PostgresText
from search.sqltext import DERIVED, DOC_TABLE, Params, SqliteText
from search.text import Abbreviations, accent, default_abbreviations, fold, tokens

SCHEMA_VERSION = 8
"""Bumped when the layout below changes: older search tables are then dropped and recreated
(they are derived data; ``catalog search rebuild`` fills them again). 5: ``doc`` is the rowid on
SQLite, facet values are characters (:mod:`search.database_facets`). 6: ``name`` (of a field), for
grants narrowed to some fields. 7: acronyms and English stems, syllable pairs in ``search_term``."""
DOCUMENTS = """
CREATE TABLE IF NOT EXISTS {t} (
    doc {pk}, key VARCHAR(36) {c} NOT NULL, dataset_id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL, status VARCHAR(300) NOT NULL, sharing_class VARCHAR(300) NOT NULL,
    restricted SMALLINT NOT NULL, name TEXT {c} NOT NULL, holders TEXT NOT NULL, sort_key TEXT {c} NOT NULL,
    updated_at VARCHAR(40) {c} NOT NULL, facets TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ux_{t}_key ON {t} (key);
CREATE INDEX IF NOT EXISTS ix_{t}_dataset ON {t} (dataset_id);
CREATE INDEX IF NOT EXISTS ix_{t}_updated ON {t} (updated_at);
CREATE INDEX IF NOT EXISTS ix_{t}_public ON {t} (status, sharing_class, facets)
"""
"""``ix_*_public`` answers a visitor's count and facets without a query from the index alone."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS search_source (doc {pk}, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_term (term VARCHAR(200) PRIMARY KEY)
"""
DERIVED_TABLES = ("search_source", "search_term")
FORMER_TABLES = ("search_document", "search_facet")
"""Tables of earlier layouts, dropped with them."""


def _row_texts(names: dict[str, str | None]) -> dict[str, tuple[str, str]]:
    """Each text as (folded tokens, tokens with diacritics), space-separated."""
    return {name: (" ".join(tokens(fold(v))), " ".join(tokens(accent(v)))) for name, v in names.items() if v}


def vocabulary(folded: str) -> set[str]:
    """The syllables of a folded, space-separated text and its pairs of adjacent syllables."""
    syllables = [token for token in folded.split() if len(token) < 100]
    return {*syllables, *(f"{a} {b}" for a, b in itertools.pairwise(syllables))}


log = logging.getLogger(__name__)


class DatabaseBackend(DatabaseQueries):
    """A :class:`~search.interface.SearchBackend` in the catalog's own database."""

    name = "database"

    def __init__(self, engine: Engine, abbreviations: Abbreviations | None = None) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.sql: SqliteText | PostgresText = PostgresText() if self.postgres else SqliteText()
        self.abbreviations = abbreviations or default_abbreviations()
        self._ready = False
        self._lock = threading.Lock()

    # Schema ------------------------------------------------------------------------------

    def ensure_schema(self, connection: Connection) -> None:
        if self._ready:
            return
        with self._lock:
            if self.postgres:  # several workers may start at once; CREATE IF NOT EXISTS is not atomic
                connection.execute(text("SELECT pg_advisory_xact_lock(7243891)"))
            connection.execute(text("CREATE TABLE IF NOT EXISTS search_schema (version INTEGER NOT NULL)"))
            version = connection.scalar(text("SELECT max(version) FROM search_schema"))
            if version != SCHEMA_VERSION:
                if version is not None:
                    log.warning(
                        "Search tables are of layout %s, not %s: recreated empty", version, SCHEMA_VERSION
                    )
                dropped = (
                    *self.sql.tables(),
                    *DERIVED_TABLES,
                    *DOC_TABLE.values(),
                    database_facets.FACET_CODES,
                )
                for table in (*dropped, *FORMER_TABLES):
                    connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
                connection.execute(text("DELETE FROM search_schema"))
                connection.execute(
                    text("INSERT INTO search_schema (version) VALUES (:v)"), {"v": SCHEMA_VERSION}
                )
            collate = 'COLLATE "C"' if self.postgres else ""
            # On SQLite an INTEGER PRIMARY KEY is the rowid itself: a document is found by one
            # B-tree search, not by its primary-key index and then its row.
            pk = "BIGINT PRIMARY KEY" if self.postgres else "INTEGER PRIMARY KEY"
            statements = [*SCHEMA.format(c=collate, pk=pk).split(";"), database_facets.schema(self.postgres)]
            for table in DOC_TABLE.values():
                statements += DOCUMENTS.format(t=table, c=collate, pk=pk).split(";")
            for statement in statements:
                connection.execute(text(statement))
            self.sql.create(connection)
            self._ready = True

    # Writing -----------------------------------------------------------------------------

    def _allocate(self, connection: Connection, count: int) -> list[int]:
        if self.postgres:
            connection.execute(text("CREATE SEQUENCE IF NOT EXISTS search_doc_seq"))
            return list(
                connection.scalars(
                    text("SELECT nextval('search_doc_seq') FROM generate_series(1, :n)"),
                    {"n": count},
                )
            )
        # SQLite has one writer at a time, and this runs inside its write transaction.
        first = (connection.scalar(text("SELECT max(doc) FROM search_source")) or 0) + 1
        return list(range(first, first + count))

    def remove(self, connection: Connection, dataset_ids: Iterable[str]) -> None:
        """Remove datasets and their fields, inside the caller's transaction."""
        ids = sorted({str(i) for i in dataset_ids})
        if not ids:
            return
        self.ensure_schema(connection)
        if self.postgres:  # one writer per dataset at a time, in id order (no deadlocks)
            for dataset_id in ids:
                connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:id))"), {"id": dataset_id})
        for start in range(0, len(ids), 500):
            params: Params = {}
            where = f"dataset_id IN {bind_list(params, 'i', ids[start : start + 500])}"
            for kind, table in DOC_TABLE.items():
                docs = list(connection.scalars(text(f"SELECT doc FROM {table} WHERE {where}"), params))
                if not docs:
                    continue
                self.sql.delete(connection, kind, docs)
                for start_doc in range(0, len(docs), 500):
                    listed = ", ".join(str(int(doc)) for doc in docs[start_doc : start_doc + 500])
                    for derived in ("search_source", table):
                        connection.execute(text(f"DELETE FROM {derived} WHERE doc IN ({listed})"))

    def write(
        self, connection: Connection, documents: Iterable[DatasetDocument], replace: bool = True
    ) -> int:
        """Add or replace datasets inside the caller's transaction (the data's own, if it wishes)."""
        docs = list(documents)
        if not docs:
            return 0
        self.ensure_schema(connection)
        if replace:
            self.remove(connection, [d.id for d in docs])
        numbers = iter(self._allocate(connection, sum(1 + len(d.fields) for d in docs)))
        rows: list[Params] = []
        texts: dict[str, list[tuple[int, dict[str, tuple[str, str]]]]] = {"dataset": [], "field": []}
        terms: set[str] = set()
        for doc in docs:
            common = {
                "dataset_id": doc.id,
                "version": doc.version,
                "status": doc.status,
                "sharing_class": doc.sharing_class,
                "holders": "," + ",".join(doc.holders) + ",",
                "updated_at": doc.updated_at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z",
            }
            number = next(numbers)
            source = mappings.dataset_source(doc)
            shown = {key: source[key] for key in (*dsl.DATASET_SOURCE, "fields_text")}
            rows.append(
                {
                    **common,
                    "doc": number,
                    "kind": "dataset",
                    "key": doc.id,
                    "restricted": 0,
                    "name": "",
                    "sort_key": source["title_sort"],
                    "source": json.dumps(shown, ensure_ascii=False),
                    "facets": doc.facet_values(),
                }
            )
            dataset_texts = _row_texts(
                {
                    "title": doc.title,
                    "keywords": "\n".join(doc.keywords),
                    "title_en": doc.title_en,
                    "agency_names": doc.agency_names,
                    "standards": doc.standards,
                    "fields_text": doc.public_fields_text,
                    "description": doc.description,
                    "description_en": doc.description_en,
                    "body": doc.body,
                    "restricted": doc.restricted_fields_text,
                    "acronyms": doc.acronyms,
                    "english": doc.english,
                }
            )
            texts["dataset"].append((number, dataset_texts))
            # The dataset's public text holds every public word of its fields too: the vocabulary.
            for name, (folded, _) in dataset_texts.items():
                if name != "restricted" and name not in DERIVED:
                    terms |= vocabulary(folded)
            for field in doc.fields:
                number = next(numbers)
                source = mappings.field_source(doc, field)
                shown = {key: source[key] for key in dsl.FIELD_SOURCE}
                rows.append(
                    {
                        **common,
                        "doc": number,
                        "kind": "field",
                        "key": field.id,
                        "restricted": int(field.restricted),
                        "name": field.name,
                        "sort_key": source["label_sort"],
                        "source": json.dumps(shown, ensure_ascii=False),
                        "facets": doc.field_facet_values(field),
                    }
                )
                texts["field"].append(
                    (
                        number,
                        _row_texts(
                            {
                                "label": field.label,
                                "name_text": name_words(field.name),
                                "label_en": field.label_en,
                                "standards": field.standards,
                                "definition": field.definition,
                                "dataset_title": doc.title,
                                "acronyms": doc.field_acronyms(field),
                                "english": doc.field_english(field),
                            }
                        ),
                    )
                )
        pairs = {(name, value) for row in rows for name, values in row["facets"].items() for value in values}
        codes = database_facets.assign(connection, pairs, self.postgres)
        for row in rows:
            row["facets"] = database_facets.pack(codes, row["facets"])
        for kind, table in DOC_TABLE.items():
            kind_rows = [row for row in rows if row["kind"] == kind]
            if kind_rows:
                connection.execute(
                    text(
                        f"INSERT INTO {table} (doc, key, dataset_id, version, status, sharing_class, "
                        "restricted, name, holders, sort_key, updated_at, facets) VALUES (:doc, :key, "
                        ":dataset_id, :version, :status, :sharing_class, :restricted, :name, :holders, "
                        ":sort_key, :updated_at, :facets)"
                    ),
                    kind_rows,
                )
        connection.execute(text("INSERT INTO search_source (doc, source) VALUES (:doc, :source)"), rows)
        for kind, text_rows in texts.items():
            self.sql.insert(connection, kind, text_rows)
        self._remember(connection, terms)
        return len(docs)

    def _remember(self, connection: Connection, terms: set[str]) -> None:
        if not terms:
            return
        ignore = "ON CONFLICT DO NOTHING" if self.postgres else ""
        verb = "INSERT" if self.postgres else "INSERT OR IGNORE"
        # Sorted: concurrent writers take the unique-index locks in the same order.
        connection.execute(
            text(f"{verb} INTO search_term (term) VALUES (:term) {ignore}"),
            [{"term": t} for t in sorted(terms)],
        )

    def index(self, documents: Iterable[DatasetDocument]) -> int:
        with self.engine.begin() as connection:
            return self.write(connection, documents)

    def delete(self, dataset_ids: Iterable[str]) -> None:
        with self.engine.begin() as connection:
            self.remove(connection, dataset_ids)

    def _clear(self, connection: Connection) -> None:
        self.ensure_schema(connection)
        self.sql.clear(connection)
        for table in (*DERIVED_TABLES, *DOC_TABLE.values()):
            connection.execute(text(f"DELETE FROM {table}"))

    def clear(self) -> None:
        with self.engine.begin() as connection:
            self._clear(connection)

    def rebuild(self, documents: Iterable[DatasetDocument]) -> int:
        """Replace everything in one transaction: readers see the old index until the commit
        (MVCC on PostgreSQL, WAL on SQLite), so a rebuild costs no downtime."""
        count, batch = 0, []
        with self.engine.begin() as connection:
            self._clear(connection)
            for doc in documents:
                batch.append(doc)
                if len(batch) == 500:
                    count += self.write(connection, batch, replace=False)
                    batch = []
            count += self.write(connection, batch, replace=False)
        if self.postgres:  # the old rows go, the planner learns the new ones, index-only scans work
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                for table in (*DERIVED_TABLES, *DOC_TABLE.values()):
                    connection.execute(text(f"VACUUM (ANALYZE) {table}"))
        return count

    def refresh(self) -> None:
        return None  # committed is searchable

    def health(self) -> dict[str, Any]:
        try:
            with self.engine.connect() as connection:
                self.ensure_schema(connection)
                counts = {
                    kind: connection.scalar(text(f"SELECT count(*) FROM {table}"))
                    for kind, table in DOC_TABLE.items()
                }
                connection.commit()
            return {
                "ok": True,
                "engine": self.name,
                "dialect": self.engine.dialect.name,
                "datasets": counts.get("dataset", 0),
                "fields": counts.get("field", 0),
            }
        except Exception as error:
            return {"ok": False, "engine": self.name, "error": str(error)}

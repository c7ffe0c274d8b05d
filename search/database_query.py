"""Queries of the database backend: visibility, facets, typos, sorting and highlighting in SQL.

The rules are those of :func:`search.dsl.search_body`, written as SQL over ``search_<kind>`` and
the full-text tables; the contract suite checks that both give the same documents.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import Connection, Engine, text

from dictionary import concepts as C
from dictionary.visibility import (
    Atom,
    Condition,
    DatasetIn,
    FieldNamed,
    HeldBy,
    Public,
    Unrestricted,
    Visibility,
)
from search import database_facets, dsl
from search.highlight import highlight
from search.interface import DatasetHit, DatasetQuery, FieldHit, FieldQuery, Results, Suggestion
from search.pgtext import PostgresText
from search.query import WordQuery, analyse_words
from search.sqltext import DOC_TABLE, NULL_SCORE, Access, Params, SqliteText, TermSpec
from search.text import Abbreviations, analyse_prefix


def bind_list(params: Params, prefix: str, values: Any) -> str:
    """``(:p0, :p1, …)`` with the values added to ``params``; ``(NULL)`` (matches nothing) if empty."""
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return f"({', '.join(names)})" if names else "(NULL)"


def condition_sql(condition: Condition, params: Params) -> Access:
    """A visibility condition (:mod:`dictionary.visibility`) in SQL over a document row ``d``:
    True (no condition), False (nothing) or the SQL text; :func:`search.dsl.condition_filter`."""
    if condition.always:
        return True
    parts = [_atom_sql(atom, params, f"v{len(params)}_") for atom in condition.parts]
    return "(" + " OR ".join(parts) + ")" if parts else False


def _atom_sql(atom: Atom, params: Params, prefix: str) -> str:
    if isinstance(atom, Public):
        params[f"{prefix}status"] = C.PUBLISHED
        return (
            f"(d.status = :{prefix}status AND d.sharing_class IN {bind_list(params, prefix, atom.classes)})"
        )
    if isinstance(atom, HeldBy):
        # Holders are stored as ",id,id,": a LIKE per agency in scope, evaluated on matching rows only.
        likes = []
        for i, agency in enumerate(atom.agencies):
            params[f"{prefix}{i}"] = f"%,{agency},%"
            likes.append(f"d.holders LIKE :{prefix}{i}")
        return "(" + " OR ".join(likes) + ")"
    if isinstance(atom, DatasetIn):
        return f"d.dataset_id IN {bind_list(params, prefix, [str(d) for d in atom.ids])}"
    if isinstance(atom, FieldNamed):
        params[f"{prefix}dataset"] = str(atom.dataset_id)
        return f"(d.dataset_id = :{prefix}dataset AND d.name IN {bind_list(params, prefix, atom.names)})"
    if isinstance(atom, Unrestricted):
        return "d.restricted = 0"
    return "1 = 1"


def visible_sql(visibility: Visibility, params: Params) -> str:
    """Which documents' datasets are visible, as a condition that is never empty."""
    found = condition_sql(visibility.dataset_condition(), params)
    return "1 = 1" if found is True else found or "1 = 0"


HIT_COLUMNS = (
    "d.doc AS doc, d.key AS key, d.sort_key AS sort_key, d.updated_at AS updated_at, d.facets AS facets"
)
ORDER = {
    "relevance": "COALESCE(score, 0) DESC, updated_at DESC, key ASC",
    "updated": "updated_at DESC, key ASC",
    "title": "sort_key ASC, key ASC",
}
"""The engines' sort orders (:func:`search.dsl._sort`); the key breaks ties, so pages never overlap."""


class DatabaseQueries:
    """The read side of :class:`search.database.DatabaseBackend`."""

    engine: Engine
    sql: SqliteText | PostgresText
    abbreviations: Abbreviations
    _lock: threading.Lock

    def ensure_schema(self, connection: Connection) -> None:
        raise NotImplementedError

    def _lookup(self, connection: Connection) -> Callable[[Collection[str]], set[str]]:
        """The vocabulary (``search_term``) as :data:`search.query.Lookup`."""

        def known(keys: Collection[str]) -> set[str]:
            found: set[str] = set()
            ordered = sorted(keys)
            for start in range(0, len(ordered), 500):
                params: Params = {}
                names = bind_list(params, "t", ordered[start : start + 500])
                found.update(
                    connection.scalars(text(f"SELECT term FROM search_term WHERE term IN {names}"), params)
                )
            return found

        return known

    def _run(
        self, kind: str, query: DatasetQuery, visibility: Visibility
    ) -> tuple[list[tuple[Any, ...]], int, dict[str, Any], frozenset[tuple[str, ...]]]:
        weights = dsl.FIELD_WEIGHTS if kind == "field" else dsl.DATASET_WEIGHTS
        params: Params = {}
        table = DOC_TABLE[kind]
        conditions = [visible_sql(visibility, params)]
        access: Access = False
        if kind == "field":  # a field the principal may not see is itself invisible
            allowed = condition_sql(visibility.field_condition(), params)
            if allowed is not True:
                conditions.append(allowed or "1 = 0")
        else:  # restricted text matches only for who sees every restricted field of the dataset
            access = condition_sql(visibility.every_field_condition(), params)
        highlighted: frozenset[tuple[str, ...]] = frozenset()
        with self.engine.connect() as connection:
            self.ensure_schema(connection)
            analysed: WordQuery = analyse_words(query.text, self.abbreviations, self._lookup(connection))
            where = " AND ".join([*conditions, *database_facets.filters(connection, query.filters, params)])
            sort = "updated" if query.sort == "relevance" and not analysed else query.sort
            if analysed:
                specs = [
                    TermSpec(w.alternatives, w.typed if w.has_diacritics else None, w.acronym, w.english)
                    for w in analysed.words
                ]
                typed = [w.typed for w in analysed.words if w.has_diacritics]
                if len(analysed.phrase) > 1 and analysed.has_diacritics:
                    typed.append(analysed.typed_phrase)
                hits = self.sql.hits(
                    kind,
                    specs,
                    analysed.required,
                    phrases=[analysed.phrase] if len(analysed.phrase) > 1 else [],
                    typed=typed,
                    access=access,
                    weights=weights,
                    params=params,
                    where=where,
                    columns=HIT_COLUMNS,
                    rank=sort == "relevance",
                )
                highlighted = analysed.highlight_phrases()
            else:
                # Not materialized: the page reads the newest rows through an index, the count
                # and facets read the others, instead of copying every visible row first.
                hits = (
                    f"cand AS NOT MATERIALIZED (SELECT {HIT_COLUMNS} FROM {table} d WHERE {where}), "
                    f"hits AS (SELECT cand.*, {NULL_SCORE} AS score FROM cand)"
                )
            order = ORDER[sort]
            params.update(limit=query.page_size, offset=query.offset)
            # One statement: the page and the total (with the facet values) share one evaluation of
            # the matching documents. Only the page is sorted in full and numbered (a UNION ALL
            # keeps no order); the count and the facets read the unsorted matches once.
            stats = self.sql.concat_facets if query.facets else "NULL"
            statement = (
                f"WITH {hits} "
                "SELECT 0 AS part, CAST(page.score AS double precision) AS num, s.source AS a, NULL AS b, "
                "page.pos AS pos "
                f"FROM (SELECT doc, score, row_number() OVER (ORDER BY {order}) AS pos FROM "
                f"(SELECT doc, score, updated_at, key, sort_key FROM hits ORDER BY {order} "
                "LIMIT :limit OFFSET :offset) top) page JOIN search_source s ON s.doc = page.doc "
                f"UNION ALL SELECT 1, CAST(count(*) AS double precision), {stats}, NULL, 0 FROM cand"
            )
            if query.facets:  # what the characters of the facets stand for, in the same snapshot
                statement += f" UNION ALL {database_facets.READ_ROWS}"
            result = connection.execute(text(statement), params).all()
            connection.commit()
        rows = sorted((r for r in result if r.part == 0), key=lambda r: r.pos)
        total, packed = next((int(r.num), r.a) for r in result if r.part == 1)
        facets = {}
        if query.facets:
            codes = ((int(r.num), r.a, r.b) for r in result if r.part == 2)
            facets = database_facets.count(packed, codes, query.facet_names, dsl.FACET_SIZE)
        return [(r.num, json.loads(r.a)) for r in rows], total, facets, highlighted

    def search(self, query: DatasetQuery, visibility: Visibility) -> Results:
        rows, total, facets, words = self._run("dataset", query, visibility)
        marks = _marker(words if query.highlight else frozenset(), dsl.DATASET_HIGHLIGHT)
        hits = [DatasetHit.from_source(source, score, marks(source)) for score, source in rows]
        return Results(hits, total, query.page, query.page_size, facets, "database")

    def search_fields(self, query: FieldQuery, visibility: Visibility) -> Results:
        rows, total, facets, words = self._run("field", query, visibility)
        marks = _marker(words if query.highlight else frozenset(), dsl.FIELD_HIGHLIGHT)
        hits = [FieldHit.from_source(source, score, marks(source)) for score, source in rows]
        return Results(hits, total, query.page, query.page_size, facets, "database")

    def suggest(self, prefix: str, visibility: Visibility, limit: int = 8) -> list[Suggestion]:
        complete, last = analyse_prefix(prefix, self.abbreviations)
        if not complete and not last:
            return []
        params: Params = {"limit": limit}
        must = [((t.folded,), *t.synonyms) for t in complete.terms]
        join, condition, score = self.sql.suggest("dataset", must, last, params)
        with self.engine.connect() as connection:
            self.ensure_schema(connection)
            rows = connection.scalars(
                text(
                    f"SELECT s.source FROM search_dataset d JOIN search_source s ON s.doc = d.doc {join} "
                    f"WHERE {condition} "
                    f"AND {visible_sql(visibility, params)} ORDER BY {score}, d.sort_key, d.key LIMIT :limit"
                ),
                params,
            ).all()
            connection.commit()
        sources = [json.loads(row) for row in rows]
        return [Suggestion(s["title"], s["slug"], s["id"]) for s in sources]


Highlights = dict[str, tuple[str, ...]]


def _marker(
    words: frozenset[tuple[str, ...]], fields: dict[str, int]
) -> Callable[[dict[str, Any]], Highlights]:
    """Highlights of one document's ``fields`` (name → fragments wanted) for the matched ``words``."""

    def marks(source: dict[str, Any]) -> Highlights:
        if not words:
            return {}
        return {
            name: found
            for name, count in fields.items()
            if (found := highlight(source.get(name), words, count, dsl.FRAGMENT_SIZE))
        }

    return marks

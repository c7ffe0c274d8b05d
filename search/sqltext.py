"""Full-text SQL of the database backend: SQLite FTS5 and PostgreSQL tsvector, behind one shape.

Both receive text already cut into tokens by :mod:`search.text` (folded, and with diacritics for
the ``accent`` variants), so that neither the FTS5 tokenizer nor PostgreSQL's parser and locale
decide what a word is: the three backends see the same tokens. A query arrives as
:class:`TermSpec` alternatives; :meth:`candidates` returns SQL selecting ``(doc, score)`` of the
documents containing at least ``required`` of the terms.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Connection, text

from search.dsl import ACRONYM_WEIGHT, DATASET_WEIGHTS, ENGLISH_WEIGHT, FIELD_WEIGHTS

Params = dict[str, Any]
DERIVED = ("acronyms", "english")
"""Texts computed from the others (initials, English stems), matched only by the query words
that ask for them (:attr:`TermSpec.acronym`, :attr:`TermSpec.english`), never by other words."""
TEXT_COLUMNS = {
    "dataset": [*DATASET_WEIGHTS, *DERIVED, "restricted"],
    "field": [*FIELD_WEIGHTS, *DERIVED],
}
"""Text columns per document kind, in weight order; ``restricted`` is matched only with rights."""
DERIVED_WEIGHTS = {"acronyms": ACRONYM_WEIGHT, "english": ENGLISH_WEIGHT}
MARKERS = {"acronyms": "^", "english": "~"}
"""PostgreSQL keeps every text in one tsvector: derived tokens carry a mark no query word has."""
SUGGEST_COLUMN = {"dataset": "title", "field": "label"}
DOC_TABLE = {"dataset": "search_dataset", "field": "search_field"}
"""One narrow table per kind: a query over datasets never reads the rows of fields."""


@dataclass(frozen=True)
class TermSpec:
    """One query term as alternatives: folded token sequences (the term, synonyms, typo variants)."""

    alternatives: tuple[tuple[str, ...], ...]
    """Token sequences, each matched as a phrase (the word's syllables side by side)."""
    typed: tuple[str, ...] | None = None
    """The word with the diacritics the user typed, when there were any (ranks exact spelling)."""
    acronym: str | None = None
    """Initials matched against the documents' acronyms."""
    english: str | None = None
    """An English stem matched against the documents' English stems."""


NULL_SCORE = "CAST(NULL AS double precision)"
"""A typed NULL: PostgreSQL will not unite an untyped NULL (text) with numbers."""
MAX_COMBINATIONS = 20
"""Up to this many k-of-n combinations, SQLite matches and ranks in one MATCH (see candidates)."""
Access = bool | str
"""Where restricted text may be matched: True (everywhere), False (nowhere) or an SQL condition."""


def _fts_string(words: Iterable[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


class SqliteText:
    """FTS5 tables ``search_fts_<kind>``: two columns per text field, ``<name>_f`` (folded) and
    ``<name>_a`` (with diacritics), rowid = ``search_<kind>.doc``."""

    concat_facets = "group_concat(facets, '')"
    prefix_weights: ClassVar[dict[str, float]] = {"f": 1.0, "a": 0.5}

    @staticmethod
    def table(kind: str) -> str:
        return f"search_fts_{kind}"

    def columns(self, kind: str) -> list[str]:
        return [f"{name}_{variant}" for name in TEXT_COLUMNS[kind] for variant in ("f", "a")]

    def tables(self) -> list[str]:
        return [self.table(kind) for kind in TEXT_COLUMNS]

    def create(self, connection: Connection) -> None:
        for kind in TEXT_COLUMNS:
            connection.execute(
                text(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table(kind)} USING fts5("
                    + ", ".join(self.columns(kind))
                    + ", tokenize='unicode61 remove_diacritics 0', prefix='2 3')"
                )
            )

    def insert(
        self, connection: Connection, kind: str, rows: list[tuple[int, dict[str, tuple[str, str]]]]
    ) -> None:
        if not rows:
            return
        columns = self.columns(kind)
        values: list[Params] = []
        for doc, texts in rows:
            row: Params = {"doc": doc}
            for name in TEXT_COLUMNS[kind]:
                row[f"{name}_f"], row[f"{name}_a"] = texts.get(name, ("", ""))
            values.append(row)
        connection.execute(
            text(
                f"INSERT INTO {self.table(kind)} (rowid, {', '.join(columns)}) "
                f"VALUES (:doc, {', '.join(':' + c for c in columns)})"
            ),
            values,
        )

    def delete(self, connection: Connection, kind: str, docs: list[int]) -> None:
        for start in range(0, len(docs), 500):
            chunk = docs[start : start + 500]
            connection.execute(
                text(f"DELETE FROM {self.table(kind)} WHERE rowid IN ({', '.join(map(str, chunk))})")
            )

    def clear(self, connection: Connection) -> None:
        for kind in TEXT_COLUMNS:
            connection.execute(text(f"DELETE FROM {self.table(kind)}"))

    # Queries ---------------------------------------------------------------------------

    def _expr(self, columns: list[str], alternatives: Iterable[tuple[str, ...]]) -> str:
        return "{" + " ".join(columns) + "} : (" + " OR ".join(_fts_string(a) for a in alternatives) + ")"

    def _bonus(self, kind: str, phrases: list[tuple[str, ...]], typed: list[tuple[str, ...]]) -> str:
        parts = []
        if phrases:
            parts.append(self._expr(self._public(kind, False), phrases))
        if typed:
            parts.append(self._expr([c[:-2] + "_a" for c in self._public(kind, False)], typed))
        return " OR ".join(f"({p})" for p in parts)

    def _weights(self, kind: str, weights: dict[str, float]) -> str:
        # Restricted text decides matching but never ranking, so ranks reveal nothing about it.
        weights = {**weights, **DERIVED_WEIGHTS}
        return ", ".join(
            f"{weights.get(name, 0.0) * self.prefix_weights[variant]:g}"
            for name in TEXT_COLUMNS[kind]
            for variant in ("f", "a")
        )

    def _public(self, kind: str, access: Access) -> list[str]:
        """The folded columns a term may match: restricted text only with rights on every dataset."""
        public = [f"{n}_f" for n in TEXT_COLUMNS[kind] if n != "restricted" and n not in DERIVED]
        if access is True and "restricted" in TEXT_COLUMNS[kind]:
            public.append("restricted_f")
        return public

    def _term(self, kind: str, term: TermSpec, access: Access) -> str:
        """A term's alternatives as phrases, or its initials, or its English stem."""
        parts = [self._expr(self._public(kind, access), term.alternatives)]
        if term.acronym:
            parts.append("{acronyms_f} : " + _fts_string([term.acronym]))
        if term.english:
            parts.append("{english_f} : " + _fts_string([term.english]))
        return " OR ".join(f"({p})" for p in parts)

    def matched(
        self, kind: str, terms: list[TermSpec], required: int, *, access: Access, params: Params
    ) -> str:
        """SQL selecting ``doc`` of every document holding at least ``required`` of the terms."""
        table = self.table(kind)
        partial = isinstance(access, str)
        exprs = [f"({self._term(kind, t, access)})" for t in terms]
        combos = list(itertools.combinations(exprs, required))
        if not partial and len(combos) <= MAX_COMBINATIONS:
            # "At least k of n terms" as one MATCH: an OR of ANDs, one pass over the doclists.
            params["m_all"] = " OR ".join("(" + " AND ".join(combo) + ")" for combo in combos)
            return f"SELECT rowid AS doc FROM {table} WHERE {table} MATCH :m_all"
        selects = []
        for i, expr in enumerate(exprs):
            params[f"m{i}"] = expr
            select = f"SELECT rowid AS doc FROM {table} WHERE {table} MATCH :m{i}"
            if partial:
                params[f"r{i}"] = self._expr(["restricted_f"], terms[i].alternatives)
                select += (
                    f" UNION SELECT d.doc FROM {table} JOIN {DOC_TABLE[kind]} d ON d.doc = {table}.rowid"
                    f" WHERE {table} MATCH :r{i} AND {access}"
                )
            selects.append(f"SELECT doc FROM ({select})")
        params["m_required"] = required
        return f"SELECT doc FROM ({' UNION ALL '.join(selects)}) GROUP BY doc HAVING count(*) >= :m_required"

    def hits(
        self,
        kind: str,
        terms: list[TermSpec],
        required: int,
        *,
        phrases: list[tuple[str, ...]],
        typed: list[tuple[str, ...]],
        access: Access,
        weights: dict[str, float],
        params: Params,
        where: str,
        columns: str,
        rank: bool,
    ) -> str:
        """CTEs ``cand`` (the visible matches: ``columns``) and ``hits`` (the same with ``score``).

        bm25() costs time per matched row and per phrase of its MATCH expression, so it is only
        ever computed for visible matches, and (with several k-of-n combinations) on a separate
        expression naming every alternative once, not on the OR of ANDs that repeats them.
        """
        table, fts = DOC_TABLE[kind], self.table(kind)
        bm25 = f"-bm25({fts}, {self._weights(kind, weights)})"
        matched = self.matched(kind, terms, required, access=access, params=params)
        # Ranked as the engines do: every term with its alternatives, plus the bonus phrases (the
        # words side by side, the diacritics as typed). Restricted columns weigh 0 in bm25: they
        # decide matching but never ranking, so that ranks reveal nothing about them.
        ranking = " OR ".join(
            f"({r})"
            for r in (*(self._term(kind, t, access) for t in terms), self._bonus(kind, phrases, typed))
            if r
        )
        if rank and required == len(terms) and not isinstance(access, str):
            # Every term required (one combination): one MATCH both matches and ranks; the ranking
            # expression joins through an AND that every match satisfies, adding only to bm25.
            params["m_all"] = f"({params['m_all']}) AND ({ranking})"
            return (
                f"cand AS MATERIALIZED (SELECT {columns}, {bm25} AS score FROM {fts} "
                f"CROSS JOIN {table} d ON d.doc = {fts}.rowid WHERE {fts} MATCH :m_all AND {where}), "
                "hits AS (SELECT * FROM cand)"
            )
        # CROSS JOIN keeps the full-text table as the outer loop: SQLite would otherwise probe it
        # once per row of the other side, running the whole MATCH again each time.
        cand = (
            f"cand AS MATERIALIZED (SELECT {columns} FROM ({matched}) m "
            f"CROSS JOIN {table} d ON d.doc = m.doc WHERE {where})"
        )
        if not rank:
            return f"{cand}, hits AS (SELECT cand.*, {NULL_SCORE} AS score FROM cand)"
        params["m_rank"] = ranking
        return (
            f"{cand}, ranked AS MATERIALIZED (SELECT {fts}.rowid AS doc, {bm25} AS score FROM {fts} "
            f"CROSS JOIN cand ON cand.doc = {fts}.rowid WHERE {fts} MATCH :m_rank), "
            "hits AS (SELECT cand.*, ranked.score AS score FROM cand "
            "LEFT JOIN ranked ON ranked.doc = cand.doc)"
        )

    def suggest(
        self, kind: str, must: list[tuple[tuple[str, ...], ...]], last: str | None, params: Params
    ) -> tuple[str, str, str]:
        """(FROM addition, WHERE condition, ORDER BY score) for titles matching every word and the prefix."""
        table = self.table(kind)
        column = [f"{SUGGEST_COLUMN[kind]}_f"]
        parts = [f"({self._expr(column, alternatives)})" for alternatives in must]
        if last:
            parts.append("{" + column[0] + "} : " + _fts_string([last]) + " *")
        params["s_match"] = " AND ".join(parts)
        return f"JOIN {table} ON {table}.rowid = d.doc", f"{table} MATCH :s_match", f"bm25({table})"

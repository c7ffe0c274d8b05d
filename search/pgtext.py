"""PostgreSQL full text of the database backend (:mod:`search.sqltext` has the shape and SQLite).

tsvector columns built from the tokens of :mod:`search.text`, never from PostgreSQL's parser or
locale, so that it cuts words exactly as SQLite and the engines do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import ClassVar

from sqlalchemy import Connection, text

from search.sqltext import (
    DOC_TABLE,
    MARKERS,
    MAX_COMBINATIONS,
    NULL_SCORE,
    TEXT_COLUMNS,
    Access,
    Params,
    TermSpec,
)
from search.text import tokens

RANK_WINDOW = 500
"""How many matches of a query are ranked at most (see :meth:`PostgresText.hits`)."""


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresText:
    """tsvector columns on ``search_dataset`` / ``search_field`` built from our tokens (no parser,
    no locale), with weights A-D by field, and GIN indexes; ``ts_rank`` ranks."""

    WEIGHT_CLASS: ClassVar[dict[str, str]] = {
        "title": "A",
        "label": "A",
        "keywords": "B",
        "title_en": "B",
        "name_text": "B",
        "label_en": "B",
        "agency_names": "C",
        "standards": "C",
        "fields_text": "C",
        "description": "C",
        "definition": "C",
        "description_en": "D",
        "body": "D",
        "dataset_title": "D",
        "restricted": "D",
        "acronyms": "C",
        "english": "B",
    }
    RANK_WEIGHTS = "'{0.1, 0.25, 0.5, 1.0}'"
    concat_facets = "string_agg(facets, '')"
    GAP = 10
    """Positions skipped between fields, so that a phrase never spans two of them."""
    UNPAIRED = frozenset({"acronyms"})
    """Texts whose tokens are no sequence: every other text also holds each pair of adjacent tokens
    as one lexeme ("ma so"; tokens never hold a space). A two-syllable word is then one lexeme, which
    the GIN index matches exactly: a phrase (``<->``) would make PostgreSQL read and decompress the
    tsvector of every row the index proposes, which at 100,000 datasets was 90 % of a broad query."""

    def tables(self) -> list[str]:
        return []

    def create(self, connection: Connection) -> None:
        for table in DOC_TABLE.values():
            for column in ("tsv", "tsv_accent", "tsv_restricted"):
                connection.execute(text(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} tsvector"))
            for column in ("tsv", "tsv_restricted"):  # tsv_accent only ranks: no index to keep up
                connection.execute(
                    text(f"CREATE INDEX IF NOT EXISTS ix_{table}_{column} ON {table} USING gin ({column})")
                )

    @classmethod
    def tsvector(cls, texts: dict[str, str]) -> str:
        """A tsvector literal: every token with its position and weight."""
        positions: dict[str, list[str]] = {}
        position = 1
        for name, value in texts.items():
            weight, mark = cls.WEIGHT_CLASS[name], MARKERS.get(name, "")
            previous: str | None = None
            previous_at = ""
            for token in tokens(value):
                at = f"{min(position, 16383)}{weight}"
                lexeme = mark + token if len(token) < 200 else None  # longer is no word; tsvector
                if lexeme:  # refuses lexemes over 2 kB
                    positions.setdefault(lexeme, []).append(at)
                    if previous and name not in cls.UNPAIRED:  # the pair, at its first syllable
                        positions.setdefault(f"{previous} {lexeme}", []).append(previous_at)
                previous, previous_at = lexeme, at
                position += 1
            position += cls.GAP
        return " ".join(f"'{lexeme}':{','.join(p)}" for lexeme, p in positions.items())

    def insert(
        self, connection: Connection, kind: str, rows: list[tuple[int, dict[str, tuple[str, str]]]]
    ) -> None:
        if not rows:
            return
        values = []
        for doc, texts in rows:
            public = {n: texts[n] for n in TEXT_COLUMNS[kind] if n != "restricted" and n in texts}
            restricted = texts.get("restricted", ("", ""))
            values.append(
                {
                    "doc": doc,
                    "tsv": self.tsvector({n: v[0] for n, v in public.items()}),
                    "tsv_accent": self.tsvector({n: v[1] for n, v in public.items()}),
                    "tsv_restricted": self.tsvector({"restricted": restricted[0]}),
                }
            )
        connection.execute(
            text(
                f"UPDATE {DOC_TABLE[kind]} SET tsv = CAST(:tsv AS tsvector), "
                "tsv_accent = CAST(:tsv_accent AS tsvector), "
                "tsv_restricted = CAST(:tsv_restricted AS tsvector) WHERE doc = :doc"
            ),
            values,
        )

    def delete(self, connection: Connection, kind: str, docs: list[int]) -> None:
        return None  # the columns go with their row

    def clear(self, connection: Connection) -> None:
        return None

    @staticmethod
    def _phrase(words: tuple[str, ...], weight: str) -> str:
        """Words side by side: a one-lexeme pair for two (the index answers it without reading a
        row), the pairs and the positional phrase for three or more (an abbreviation's expansion)."""
        mark = f":{weight}" if weight else ""
        if len(words) == 1:
            return f"'{words[0]}'{mark}"
        pairs = " & ".join(f"'{left} {right}'{mark}" for left, right in itertools.pairwise(words))
        if len(words) == 2:
            return pairs
        return pairs + " & (" + " <-> ".join(f"'{w}'{mark}" for w in words) + ")"

    @classmethod
    def _query(
        cls, alternatives: Iterable[tuple[str, ...]], weight: str = "", prefix: str | None = None
    ) -> str:
        parts = [cls._phrase(a, weight) for a in alternatives]
        if prefix:
            parts.append(f"'{prefix}':*{weight}")
        return " | ".join(f"({p})" for p in parts)

    def _term(self, term: TermSpec) -> str:
        """A term's alternatives as phrases (``<->``), or its marked initials or English stem."""
        derived = [
            tuple(MARKERS[name] + part for part in value.split())  # an English pair: a phrase of stems
            for name, value in (("acronyms", term.acronym), ("english", term.english))
            if value
        ]
        return self._query([*term.alternatives, *derived])

    def _condition(self, terms: list[TermSpec], required: int, access: Access, params: Params) -> str:
        def matched(name: str) -> str:
            condition = f"d.tsv @@ CAST(:{name} AS tsquery)"
            if access is True:
                return f"({condition} OR d.tsv_restricted @@ CAST(:{name} AS tsquery))"
            if access:
                return f"({condition} OR ({access} AND d.tsv_restricted @@ CAST(:{name} AS tsquery)))"
            return condition

        for i, term in enumerate(terms):
            params[f"q{i}"] = self._term(term)
        params["q_any"] = " | ".join(f"({params[f'q{i}']})" for i in range(len(terms)))
        combos = list(itertools.combinations(range(len(terms)), required))
        if access is False and len(combos) <= MAX_COMBINATIONS:
            # "At least k of n" as one tsquery, an OR of ANDs: the GIN index finds the matches
            # themselves, where "any term" would fetch (and test term by term) many more rows.
            params["q_match"] = " | ".join(
                "(" + " & ".join(f"({params[f'q{i}']})" for i in combo) + ")" for combo in combos
            )
            return "d.tsv @@ CAST(:q_match AS tsquery)"
        params["q_required"] = required
        count = " + ".join(f"CAST({matched(f'q{i}')} AS integer)" for i in range(len(terms)))
        # The first condition is the one a GIN index answers; the sum then counts terms per row.
        return f"{matched('q_any')} AND ({count}) >= :q_required"

    def matched(
        self, kind: str, terms: list[TermSpec], required: int, *, access: Access, params: Params
    ) -> str:
        """SQL selecting ``doc`` of every document holding at least ``required`` of the terms."""
        condition = self._condition(terms, required, access, params)
        return f"SELECT d.doc AS doc FROM {DOC_TABLE[kind]} d WHERE {condition}"

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

        Every match is counted and faceted; at most :data:`RANK_WINDOW` of them (or the page asked,
        if deeper) are ranked: ts_rank reads and decompresses a row's tsvector, 10–30 µs each, so
        ranking the 16,000 matches of a broad query at 100,000 datasets took longer than the rest
        of the search. The window holds the matches whose title holds most of the query's words,
        then the newest; below the window's size every match is ranked, so the order is exact.
        The engines bound their work the same way (a rescoring window, total hits tracked up to
        a threshold)."""
        table = DOC_TABLE[kind]
        condition = self._condition(terms, required, access, params)
        cand = f"cand AS MATERIALIZED (SELECT {columns} FROM {table} d WHERE {condition} AND {where})"
        if not rank:
            return f"{cand}, hits AS (SELECT cand.*, {NULL_SCORE} AS score FROM cand)"
        score = f"ts_rank({self.RANK_WEIGHTS}, d.tsv, CAST(:q_any AS tsquery))"
        if phrases:
            params["q_phrase"] = self._query(phrases)
            score += f" + 2 * ts_rank({self.RANK_WEIGHTS}, d.tsv, CAST(:q_phrase AS tsquery))"
        if typed:
            params["q_accent"] = self._query(typed)
            score += f" + ts_rank({self.RANK_WEIGHTS}, d.tsv_accent, CAST(:q_accent AS tsquery))"
        in_title = []
        for i, term in enumerate(terms):
            params[f"w{i}"] = "%" + _like(" ".join(term.alternatives[0])) + "%"
            in_title.append(f"CAST(cand.sort_key LIKE :w{i} ESCAPE '\\' AS integer)")
        params["rank_window"] = RANK_WINDOW
        return (
            f"{cand}, window_docs AS MATERIALIZED (SELECT doc FROM cand ORDER BY "
            f"{' + '.join(in_title) or '0'} DESC, updated_at DESC, key ASC "
            "LIMIT GREATEST(:rank_window, :limit + :offset)), "
            f"ranked AS (SELECT d.doc, {score} AS score FROM {table} d JOIN window_docs w ON w.doc = d.doc), "
            "hits AS (SELECT cand.*, ranked.score AS score FROM cand "
            "LEFT JOIN ranked ON ranked.doc = cand.doc)"
        )

    def suggest(
        self, kind: str, must: list[tuple[tuple[str, ...], ...]], last: str | None, params: Params
    ) -> tuple[str, str, str]:
        # Weight A holds only the title (datasets) or the label (fields): suggestions match it alone.
        parts = [f"({self._query(alternatives, 'A')})" for alternatives in must]
        if last:
            parts.append(f"({self._query([], 'A', prefix=last)})")
        params["s_match"] = " & ".join(parts)
        return (
            "",
            "d.tsv @@ CAST(:s_match AS tsquery)",
            f"-ts_rank({self.RANK_WEIGHTS}, d.tsv, CAST(:s_match AS tsquery))",
        )

"""Terms of the shared data dictionary that a field probably holds, from its name and label.

A steward naming a field ``so_dinh_danh_nguoi_nop`` / "Số định danh người nộp" or ``cccd`` or
``mst`` should be offered the term it holds. Matching uses the search package's text rules:
NFC, folded Vietnamese (``so dinh danh`` = ``số định danh``), the abbreviations of
``vocab/abbreviations.txt`` both ways, and each term's own synonyms and abbreviations. A term
scores by how much of one of its names the field's words cover, more when the words stand side
by side and when the accents agree too; a term whose name is only partly there (``mã`` of
``mã số thuế`` in ``ma_xa``) is not offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from dictionary import concepts as C
from dictionary.models import DataElement, Dataset, Field, Standard
from dictionary.services.base import Context
from dictionary.services.terms import TermService
from search.text import Abbreviations, accent, default_abbreviations, fold, folded_tokens, tokens

MIN_COVERAGE = 0.75
"""Share of a term name's syllables the field must contain (3 of 4; all of up to 3)."""
_WORD_BREAKS = re.compile(r"[_\-.]+")


@dataclass(frozen=True)
class TermSuggestion:
    term: DataElement
    score: float
    matched: str
    """The name, synonym or abbreviation of the term that matched."""


def _field_words(name: str | None, label: str | None) -> tuple[list[str], str]:
    """Folded tokens of the field's name (snake_case split) and label, and its accented text."""
    text = " ".join(part for part in (_WORD_BREAKS.sub(" ", name or ""), label or "") if part)
    return folded_tokens(text), accent(text)


def _expanded(words: list[str], abbreviations: Abbreviations) -> list[list[str]]:
    """The field's words, and the same with each known abbreviation spelled out."""
    variants = [words]
    spelled: list[str] = []
    for word in words:
        expansions = abbreviations.expansions.get(word)
        spelled.extend(expansions[0] if expansions else (word,))
    if spelled != words:
        variants.append(spelled)
    return variants


def _contains_run(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _names(term: DataElement) -> Iterable[tuple[str, str]]:
    yield "name", term.name_vi
    if term.name_en:
        yield "name_en", term.name_en
    for synonym in term.synonyms or ():
        yield "synonym", synonym
    yield "code", term.code.replace("_", " ")


def _score(words: list[str], accented: str, phrase_text: str) -> float:
    phrase = folded_tokens(phrase_text)
    if not phrase:
        return 0.0
    present = set(words)
    coverage = sum(1 for token in phrase if token in present) / len(phrase)
    if coverage < MIN_COVERAGE:
        return 0.0
    score = coverage + 0.05 * len(phrase)  # a longer name matched says more than a short one
    if _contains_run(words, phrase):
        score += 0.5
        if " ".join(tokens(accent(phrase_text))) in " ".join(tokens(accented)):
            score += 0.2  # same accents, not just the same folded letters
    return score


def suggest_terms(
    terms: Iterable[DataElement],
    name: str | None,
    label: str | None = None,
    limit: int = 5,
    abbreviations: Abbreviations | None = None,
) -> list[TermSuggestion]:
    """The terms a field named ``name`` / ``label`` may hold, best first."""
    abbreviations = abbreviations if abbreviations is not None else default_abbreviations()
    words, accented = _field_words(name, label)
    if not words:
        return []
    variants = _expanded(words, abbreviations)
    found = []
    for term in terms:
        best, matched = 0.0, ""
        own = {fold(a).replace(" ", "") for a in term.abbreviations or ()}
        hit = next((w for w in words if w in own), None)
        if hit is not None:
            best, matched = 1.6, next(a for a in term.abbreviations if fold(a).replace(" ", "") == hit)
        for _kind, text in _names(term):
            for variant in variants:
                score = _score(variant, accented if variant is words else "", text)
                if score > best:
                    best, matched = score, text
        if best > 0:
            found.append(TermSuggestion(term, round(best, 3), matched))
    found.sort(key=lambda s: (-s.score, s.term.code))
    return found[:limit]


class TermSuggestionService:
    """Suggestions over the register as stored: terms in force or in draft, not superseded ones."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def suggest(self, name: str | None, label: str | None = None, limit: int = 5) -> list[TermSuggestion]:
        terms = [t for t in TermService(self.ctx).all() if t.status != C.TERM_SUPERSEDED]
        return suggest_terms(terms, name, label, limit)

    def for_fields(
        self, dataset: Dataset, names: Iterable[str] | None = None, limit: int = 3
    ) -> list[tuple[Field, list[TermSuggestion]]]:
        """The dataset's fields (those named, else all) that hold no registered term yet, each with
        the terms it probably holds: what the field page and the import page offer to accept."""
        wanted = None if names is None else set(names)
        fields = [f for f in dataset.fields if wanted is None or f.name in wanted]
        if not fields:
            return []
        rows = self.ctx.session.execute(
            select(Standard.code, DataElement.code).join(Standard, DataElement.standard_id == Standard.id)
        )
        registered = {(standard, term) for standard, term in rows}
        terms = [t for t in TermService(self.ctx).all() if t.status != C.TERM_SUPERSEDED]
        found = []
        for field in fields:
            if any((m.standard.code, m.term) in registered for m in field.mappings):
                continue
            suggestions = suggest_terms(terms, field.name, field.label_vi, limit)
            if suggestions:
                found.append((field, suggestions))
        return found

    def hints(self, name: str | None, label: str | None = None, limit: int = 3) -> list[dict[str, Any]]:
        """The suggestions as plain values, for reports that carry them (a spreadsheet import)."""
        return [
            {"term": s.term.code, "standard": s.term.standard.code, "name_vi": s.term.name_vi,
             "score": s.score, "matched": s.matched}
            for s in self.suggest(name, label, limit)
        ]  # fmt: skip

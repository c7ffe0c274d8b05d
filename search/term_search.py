"""Terms of the shared data dictionary in the site-wide search, answered from the database.

The register is small (hundreds of terms) and public: it is read whole and matched in memory with
the search package's text rules (:func:`search.text.analyse`: folded Vietnamese, stop words,
abbreviations both ways), so every search backend — the database, OpenSearch, Elasticsearch —
gives the same term hits, and a term is found the moment it is saved (no index to rebuild). A
term matches when every word of the query is among the words of its code, names, synonyms or
abbreviations (or an abbreviation of the query stands for words it has). The register's own
visibility rule applies: every term is public metadata, drafts included (``TermService.list``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dictionary import concepts as C
from dictionary.models import DataElement
from dictionary.services.base import Context
from dictionary.services.terms import TermService
from search.text import QueryText, accent, analyse, fold, folded_tokens, tokens

MAX_RESULTS = 200


@dataclass(frozen=True)
class TermHit:
    term: DataElement
    score: float
    matched: str
    """The code, name, synonym or abbreviation that matched best."""


def _texts(term: DataElement) -> tuple[str, ...]:
    return (
        term.code.replace("_", " "),
        term.name_vi,
        term.name_en or "",
        *term.synonyms,
        *term.abbreviations,
    )


@dataclass(frozen=True)
class _Folded:
    texts: tuple[tuple[str, str], ...]
    """Each text with its folded tokens joined by spaces."""
    words: tuple[str, ...]
    present: frozenset[str]
    joined: str
    """Every word, space-separated and space-framed, to find a run of words in one test."""


@lru_cache(maxsize=8192)
def _folded(texts: tuple[str, ...]) -> _Folded:
    """A term's texts folded once and kept: the register rarely changes, searches are many."""
    pairs = tuple((text, " ".join(folded_tokens(text))) for text in texts)
    words = tuple(word for _text, joined in pairs for word in joined.split())
    return _Folded(pairs, words, frozenset(words), " " + " | ".join(j for _t, j in pairs) + " ")


def _satisfied(query: QueryText, folded: _Folded) -> bool:
    """Every word of the query is a word of the term, or an abbreviation of the query is spelled
    out in one of its texts (or the reverse)."""
    for item in query.terms:
        if item.folded in folded.present:
            continue
        if not any(f" {' '.join(run)} " in folded.joined for run in item.synonyms):
            return False
    return True


def score_term(query: QueryText, text: str, term: DataElement) -> TermHit | None:
    """How well the term answers the query, or None when some word of the query is missing."""
    folded = _folded(_texts(term))
    if not query or not _satisfied(query, folded):
        return None
    wanted = " ".join(query.phrase)
    typed = " ".join(tokens(accent(text)))
    best, matched = 1.0, term.name_vi
    for name, joined in folded.texts:
        if not joined:
            continue
        if joined == wanted:
            score = 3.0  # the code, a name or an abbreviation exactly
        elif f" {wanted} " in f" {joined} ":
            score = 2.0  # the query's words stand together in it
        else:
            continue
        if typed in " ".join(tokens(accent(name))):
            score += 0.2  # with the accents the user typed
        if score > best:
            best, matched = score, name
    if term.status == C.TERM_SUPERSEDED:
        best -= 0.5  # still found (old documents name it), after the terms in force
    return TermHit(term, round(best, 3), matched)


def search_terms(terms: list[DataElement], text: str) -> list[TermHit]:
    query = analyse(text)
    hits = [hit for term in terms if (hit := score_term(query, text, term)) is not None]
    hits.sort(key=lambda hit: (-hit.score, fold(hit.term.name_vi), hit.term.code))
    return hits[:MAX_RESULTS]


class TermSearchService:
    """The register searched as the search page and ``GET /search/terms`` do."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def search(self, text: str, page: int = 1, page_size: int = 5) -> tuple[list[TermHit], int]:
        """One page of the terms that match, best first, and how many match in all."""
        if not text.strip():
            return [], 0
        hits = search_terms(TermService(self.ctx).all(), text)
        start = (page - 1) * page_size
        return hits[start : start + page_size], len(hits)

"""Vietnamese text for search: normalisation, diacritic folding, tokens, abbreviations, query terms.

Every backend sees text through these functions, so that "ma so thue", "Mã số thuế" and
"MÃ SỐ THUẾ" are the same three tokens everywhere. The engines fold with their own analyser
(lowercase + asciifolding, see :mod:`search.dsl`); :func:`fold` does the same in Python for the
database backend and for building queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

TOKEN = re.compile(r"[^\W_]+")
"""A token is a run of letters and digits; everything else separates (the engines' tokenizer uses
the same rule, ``[^\\p{L}\\p{N}]+``, so both sides cut text identically)."""

ENGINE_TOKEN_SEPARATOR = r"[^\p{L}\p{N}]+"  # noqa: S105 - a regular expression

MAX_TERMS = 10
"""Longer queries are cut: nobody types more, and the cost grows with every term."""

STOPWORDS = frozenset(
    [
        "của",
        "và",
        "các",
        "những",
        "là",
        "có",
        "được",
        "với",
        "về",
        "trong",
        "theo",
        "tại",
        "từ",
        "đến",
        "để",
        "một",
        "này",
        "đó",
        "thì",
        "mà",
        "hoặc",
        "bị",
        "do",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "to",
        "an",
    ]
)
"""Function words dropped from queries, as typed (with their diacritics): "cho" is left out on
purpose because without diacritics it may mean "chợ" (market)."""


def _folding_table() -> dict[int, str]:
    # Precomputed for the Latin blocks that hold every precomposed Vietnamese letter, so that
    # folding a document is one str.translate instead of a per-character decomposition.
    table: dict[int, str] = {}
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            char = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            if base != char and base:
                table[code] = base
    table.update(
        {
            ord("đ"): "d",
            ord("Đ"): "D",
            ord("ø"): "o",
            ord("ł"): "l",
            ord("æ"): "ae",
            ord("œ"): "oe",
            ord("ß"): "ss",
        }
    )
    return table


_FOLD = _folding_table()


def normalize(text: str) -> str:
    """NFC: decomposed input (a base letter plus combining marks) becomes precomposed letters."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def accent(text: str) -> str:
    """Lowercase NFC text with its diacritics: what the ``.accent`` fields index."""
    return normalize(text).lower()


def fold(text: str) -> str:
    """Lowercase text without diacritics ("Đắk Nông" → "dak nong")."""
    folded = accent(text).translate(_FOLD)
    # Marks outside the precomposed blocks. Folded Vietnamese is nearly always ASCII, which holds
    # none: the test of every character (most of the time of indexing a text) is skipped then.
    if not folded.isascii() and any(unicodedata.combining(c) for c in folded):
        folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return folded


def tokens(text: str) -> list[str]:
    """The tokens of already lowercased / folded text."""
    return TOKEN.findall(text)


def folded_tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


# Abbreviations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviation ⇄ full form, both as folded tokens: ("cccd",) ⇄ ("can", "cuoc", "cong", "dan")."""

    expansions: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """Folded abbreviation → its full forms."""
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    """First folded token of a full form → (full form, abbreviation) pairs, to spot them in queries."""

    @classmethod
    def parse(cls, text: str) -> Abbreviations:
        expansions: dict[str, list[tuple[str, ...]]] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            short, arrow, longs = line.partition("=>")
            abbreviation = folded_tokens(short)
            if not arrow or len(abbreviation) != 1:
                raise ValueError(f"abbreviations line {number}: expected 'ABBR => full form', got {raw!r}")
            for long in longs.split("|"):
                phrase = tuple(folded_tokens(long))
                if len(phrase) < 2:
                    raise ValueError(f"abbreviations line {number}: the full form needs two or more words")
                expansions.setdefault(abbreviation[0], []).append(phrase)
                phrases.setdefault(phrase[0], []).append((phrase, abbreviation[0]))
        return cls(
            {key: tuple(value) for key, value in expansions.items()},
            {key: tuple(value) for key, value in phrases.items()},
        )

    def __len__(self) -> int:
        return len(self.expansions)

    def synonym_lines(self) -> list[str]:
        """The list in Solr synonym format (``cccd, can cuoc cong dan``), for engine analysers."""
        return [
            ", ".join([abbr, *(" ".join(p) for p in phrases)]) for abbr, phrases in self.expansions.items()
        ]


@cache
def default_abbreviations() -> Abbreviations:
    """The list shipped as package data in ``vocab/abbreviations.txt``.

    Read as a file rather than imported: ``search`` and ``vocab`` are sibling layers that do not
    import each other (import-linter), but the list is data both may publish.
    """
    return Abbreviations.parse(resources.files("vocab").joinpath("abbreviations.txt").read_text("utf-8"))


# Query terms ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One query syllable (for suggestions as you type; searches cut queries into words,
    :mod:`search.query`): a folded token, as typed, and the token sequences that also satisfy it."""

    folded: str
    typed: str
    """Lowercase with the diacritics the user typed; equal to ``folded`` when typed without."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Folded token sequences (an abbreviation or its full form) that count as this term."""

    @property
    def has_diacritics(self) -> bool:
        return self.typed != self.folded


@dataclass(frozen=True)
class QueryText:
    """A query analysed once, for every backend."""

    terms: tuple[Term, ...] = ()
    phrase: tuple[str, ...] = ()
    """All folded tokens in order, stop words included, for the phrase boost."""
    typed_phrase: tuple[str, ...] = ()

    @property
    def has_diacritics(self) -> bool:
        return self.typed_phrase != self.phrase

    def __bool__(self) -> bool:
        return bool(self.terms)


def analyse(text: str, abbreviations: Abbreviations | None = None) -> QueryText:
    """Cut a query into terms: stop words dropped, duplicates merged, abbreviations both ways."""
    abbreviations = abbreviations if abbreviations is not None else default_abbreviations()
    typed = tokens(accent(text))[: MAX_TERMS * 2]
    folded = [fold(token) for token in typed]
    synonyms: list[list[tuple[str, ...]]] = [[] for _ in folded]
    for position, token in enumerate(folded):
        synonyms[position].extend(abbreviations.expansions.get(token, ()))
        for phrase, abbreviation in abbreviations.phrases.get(token, ()):
            if tuple(folded[position : position + len(phrase)]) == phrase:
                for covered in range(position, position + len(phrase)):
                    synonyms[covered].append((abbreviation,))
    kept = [i for i, token in enumerate(typed) if token not in STOPWORDS] or list(range(len(typed)))
    terms: dict[str, Term] = {}
    for i in kept:
        previous = terms.get(folded[i])
        merged = tuple(dict.fromkeys([*(previous.synonyms if previous else ()), *synonyms[i]]))
        # The first spelling wins: "Mã ma" keeps the diacritics the user typed first.
        terms[folded[i]] = Term(folded[i], previous.typed if previous else typed[i], merged)
    return QueryText(tuple(terms.values())[:MAX_TERMS], tuple(folded), tuple(typed))


def swaps(token: str) -> list[str]:
    """The token with two neighbouring letters swapped (never the first letter)."""
    return list(
        dict.fromkeys(
            token[:i] + token[i + 1] + token[i] + token[i + 2 :]
            for i in range(1, len(token) - 1)
            if token[i] != token[i + 1]
        )
    )


def one_edit_variants(token: str) -> Iterator[str]:
    """Every string one edit away (delete, insert, substitute, swap neighbours) keeping the first
    letter, as a Lucene fuzzy query with ``fuzziness: 1, prefix_length: 1`` accepts them."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    seen = {token}
    for i in range(1, len(token) + 1):
        head, tail = token[:i], token[i:]
        candidates = [head + c + tail for c in alphabet]
        if tail:
            candidates.append(head + tail[1:])
            candidates.extend(head + c + tail[1:] for c in alphabet)
        if len(tail) > 1:
            candidates.append(head + tail[1] + tail[0] + tail[2:])
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


def analyse_prefix(prefix: str, abbreviations: Abbreviations | None = None) -> tuple[QueryText, str | None]:
    """What someone is typing: the finished words as a query, and the unfinished last word (folded)."""
    typed = tokens(accent(prefix))
    if not typed:
        return QueryText(), None
    if not TOKEN.fullmatch(prefix[-1:]):  # ends with a space or punctuation: every word is finished
        return analyse(prefix, abbreviations), None
    return analyse(" ".join(typed[:-1]), abbreviations), fold(typed[-1])


def shorten(text: str, limit: int = 300) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(None, 1)[0].rstrip(",.;:") + "…"

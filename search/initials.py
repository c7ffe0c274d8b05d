"""Acronyms by initials, and what a Vietnamese syllable looks like.

Administrative Vietnamese coins acronyms from the first letters of the syllables of a name
("Tài nguyên và Môi trường" → TNMT, "căn cước công dân" → CCCD), leaving out function words.
:func:`initials` computes, at indexing time and from a document's own text, every acronym its
runs of syllables could be written as, so that a query ``tnmt`` or ``GPLX`` finds the full name
without a hand-kept list (the list of ``vocab/abbreviations.txt`` stays for what initials cannot
give: ``mst`` for "mã số thuế" works both ways, ``HĐND`` is not four initials of its expansion…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from search.text import TOKEN, accent, fold

MIN_ACRONYM = 2
MAX_ACRONYM = 6
"""Acronyms of two to six letters: longer ones are not written, shorter ones are not acronyms."""

SKIPPED = frozenset(
    ["và", "của", "các", "những", "với", "về", "cho", "tại", "theo", "trong", "thuộc", "hoặc"]
)
"""Function words an acronym leaves out ("Tài nguyên và Môi trường" is TNMT, not TNVMT)."""

RUN_BREAK = re.compile(r"[^\w\s]|\n")
"""Punctuation and line breaks end a run of syllables: an acronym never spans two phrases."""

SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
"""A folded Vietnamese syllable: an optional initial consonant, one to three vowels, an optional
final consonant. "tnmt", "cccd", "attp" and "ubnd" cannot be syllables; "khai" and "tich" are."""


def is_syllable(folded: str) -> bool:
    return SYLLABLE.fullmatch(folded) is not None


@lru_cache(maxsize=256)
def _first_letter(character: str) -> str:
    return fold(character)


def _runs(text: str) -> Iterable[list[str]]:
    for segment in RUN_BREAK.split(accent(text)):
        letters: list[str] = []
        for token in TOKEN.findall(segment):
            if token in SKIPPED:
                continue
            first = _first_letter(token[0])
            if not first.isalpha() or not first.isascii():  # a number or a foreign script ends the run
                if letters:
                    yield letters
                letters = []
                continue
            letters.append(first)
        if letters:
            yield letters


@lru_cache(maxsize=4096)
def _text_initials(text: str) -> tuple[str, ...]:
    # Cached: a dataset's title and its standards' names come back with each of its fields.
    found: dict[str, None] = {}
    for letters in _runs(text):
        for start in range(len(letters)):
            acronym = letters[start]
            for following in range(start + 1, min(start + MAX_ACRONYM, len(letters))):
                acronym += letters[following]  # two letters, then three… up to six
                found[acronym] = None
    return tuple(found)


def initials(*texts: str | None) -> list[str]:
    """Every acronym (2–6 initials of adjacent syllables, function words left out) of the texts."""
    found: dict[str, None] = {}
    for text in texts:
        if text:
            found.update(dict.fromkeys(_text_initials(text)))
    return list(found)


def may_be_acronym(raw: str, known: bool) -> bool:
    """Whether a query token, as typed, may stand for initials: 2–6 letters, and written in
    capitals ("TNMT") or, in lower case, neither a Vietnamese syllable nor a word of the catalog."""
    if not (MIN_ACRONYM <= len(raw) <= MAX_ACRONYM) or not raw.isalpha():
        return False
    if raw.isupper():
        return True
    return not known and not is_syllable(fold(raw))

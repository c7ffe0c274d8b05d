"""A query as Vietnamese words, for every backend.

A Vietnamese word is one to three syllables ("thuế", "hộ tịch", "mã số thuế"), and a syllable
alone says little: "tích" is in "diện tích" as well as "hộ tịch". So a query is cut into
**words**: two adjacent query syllables form a word when the catalog's text holds them side by
side (its vocabulary of syllables and syllable pairs, which every backend keeps: see
:data:`Lookup`), and a word matches a document only as a phrase. ``ho tich`` then needs "hộ
tịch", not "hồ" here and "tích" there; ``dan cu`` needs "dân cư", and "cũ" is no match for it.

Also per word: the abbreviations of the fixed list (both ways), initials (``TNMT`` against the
acronyms computed from each document, :mod:`search.initials`), the English stem
(:mod:`search.english`), and, for a syllable the vocabulary lacks, its typo corrections.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from dataclasses import dataclass

from search.english import is_english_word, stem
from search.initials import may_be_acronym
from search.lexicon import is_word
from search.text import (
    MAX_TERMS,
    STOPWORDS,
    Abbreviations,
    default_abbreviations,
    fold,
    normalize,
    one_edit_variants,
    swaps,
    tokens,
)

Lookup = Callable[[Collection[str]], set[str]]
"""Which of these keys the catalog's vocabulary holds. Keys are folded syllables ("thue") and
pairs of syllables adjacent in some text ("ma so")."""

MIN_TYPO_LENGTH = 3
"""Shorter syllables are never corrected: one edit of two letters is always another syllable."""
SHORT_TYPO_LENGTH = 4
"""Up to this length a typo (two neighbouring letters swapped, a vowel left out) is corrected only
when exactly one correction is in the vocabulary; from five letters any one edit, up to
:data:`MAX_VARIANTS` known corrections."""
MAX_VARIANTS = 50
"""As the engines' ``max_expansions``."""
VOWELS = "aeiouy"
"""The letters that carry the diacritics, the ones most often left out in a hurry."""


def required_words(count: int, paired: bool = True) -> int:
    """How many of ``count`` query words a document must hold: all of up to four, then all but
    one in four (five words: four; eight: six). Words, not syllables: ``mã số thuế`` is two
    ("mã số", "thuế"). A query none of whose syllables pair (no two of them side by side anywhere
    in the catalog: "cung hoàng đạo tử vi") is no text of the catalog's: it needs every word."""
    return count if count <= 4 or not paired else count - count // 4


def short_corrections(token: str) -> list[str]:
    """Corrections tried for a short syllable: neighbours swapped, one vowel put back."""
    inserted = (token[:i] + v + token[i:] for i in range(1, len(token) + 1) for v in VOWELS)
    return list(dict.fromkeys([*swaps(token), *inserted]))


@dataclass(frozen=True)
class Word:
    """One query word: its syllables (folded and as typed) and what else satisfies it."""

    syllables: tuple[str, ...]
    typed: tuple[str, ...]
    """Lowercase with the diacritics the user typed; equal to ``syllables`` when typed without."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Folded token sequences (an abbreviation or its full form) that count as this word."""
    variants: tuple[str, ...] = ()
    """Known corrections of a one-syllable word the vocabulary lacks (a typo)."""
    acronym: str | None = None
    """The word read as initials ("tnmt"), matched against the documents' acronyms."""
    english: str | None = None
    """The English stems of a word whose syllables may all be English ("tax", "household business"),
    matched against the English text (a phrase when there are two)."""

    @property
    def folded(self) -> str:
        return " ".join(self.syllables)

    @property
    def has_diacritics(self) -> bool:
        return self.typed != self.syllables

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """Token sequences any of which, side by side in a text, satisfies the word."""
        return tuple(dict.fromkeys((self.syllables, *self.synonyms, *((v,) for v in self.variants))))


@dataclass(frozen=True)
class WordQuery:
    """A query analysed once, for every backend."""

    words: tuple[Word, ...] = ()
    phrase: tuple[str, ...] = ()
    """All folded tokens in order, stop words included, for the phrase boost."""
    typed_phrase: tuple[str, ...] = ()

    @property
    def required(self) -> int:
        return required_words(len(self.words), any(len(w.syllables) > 1 for w in self.words))

    @property
    def has_diacritics(self) -> bool:
        return self.typed_phrase != self.phrase

    def __bool__(self) -> bool:
        return bool(self.words)

    def highlight_phrases(self) -> frozenset[tuple[str, ...]]:
        """Folded token sequences worth marking in a result: each word's alternatives, and the
        whole query side by side (its stop words then too, as the engines' phrase boost marks them)."""
        found = {alternative for word in self.words for alternative in word.alternatives}
        if len(self.phrase) > 1:
            found.add(self.phrase)
        return frozenset(found)


def _everything_known(keys: Collection[str]) -> set[str]:
    # Without a vocabulary (unit tests, tools): every syllable known, no pair, so no correction.
    return {key for key in keys if " " not in key}


@dataclass
class _Tokens:
    raw: list[str]
    typed: list[str]
    folded: list[str]
    kept: list[int]


def _read(text: str) -> _Tokens:
    raw = tokens(normalize(text))[: MAX_TERMS * 2]
    typed = [token.lower() for token in raw]
    folded = [fold(token) for token in typed]
    kept = [i for i, token in enumerate(typed) if token not in STOPWORDS] or list(range(len(typed)))
    return _Tokens(raw, typed, folded, kept)


def _pairs(
    spelled: dict[int, str], kept: list[int], positions: Collection[int] | None = None
) -> dict[str, tuple[int, int]]:
    """Adjacent kept syllables (no stop word between) as vocabulary keys."""
    found = {}
    for left, right in itertools.pairwise(kept):
        if right == left + 1 and (positions is None or left in positions or right in positions):
            found[f"{spelled[left]} {spelled[right]}"] = (left, right)
    return found


def _corrections(
    read: _Tokens, known: set[str], abbreviations: Abbreviations, lookup: Lookup
) -> dict[int, list[str]]:
    """Known corrections of the kept syllables the vocabulary lacks."""
    wanted: dict[int, list[str]] = {}
    for i in read.kept:
        token = read.folded[i]
        if token in known or len(token) < MIN_TYPO_LENGTH or not token.isalpha():
            continue
        if token in abbreviations.expansions or read.raw[i].isupper():
            continue  # an abbreviation, or initials in capitals: not a misspelt word
        if read.typed[i] != token:
            continue  # typed with its diacritics: a word the catalog lacks, not a typo
        short = len(token) <= SHORT_TYPO_LENGTH
        wanted[i] = short_corrections(token) if short else list(one_edit_variants(token))
    if not wanted:
        return {}
    found = lookup({candidate for candidates in wanted.values() for candidate in candidates})
    corrections: dict[int, list[str]] = {}
    for i, candidates in wanted.items():
        hits = sorted(candidate for candidate in candidates if candidate in found)
        if len(read.folded[i]) <= SHORT_TYPO_LENGTH and len(hits) != 1:
            continue  # ambiguous (or unknown): a short syllable is never guessed
        if hits:
            corrections[i] = hits[:MAX_VARIANTS]
    return corrections


def _synonyms(read: _Tokens, abbreviations: Abbreviations) -> list[list[tuple[str, ...]]]:
    folded = read.folded
    synonyms: list[list[tuple[str, ...]]] = [[] for _ in folded]
    for position, token in enumerate(folded):
        synonyms[position].extend(abbreviations.expansions.get(token, ()))
        for phrase, abbreviation in abbreviations.phrases.get(token, ()):
            if tuple(folded[position : position + len(phrase)]) == phrase:
                for covered in range(position, position + len(phrase)):
                    synonyms[covered].append((abbreviation,))
    return synonyms


def _english(read: _Tokens, group: list[int]) -> str | None:
    """The English stems of a word whose syllables are all English words, space-separated: a
    pair that the catalog holds side by side ("household businesses") also matches its stems as a
    phrase, so the plural finds the title that says "household business"."""
    if all(is_english_word(read.typed[g]) for g in group):
        return " ".join(stem(read.folded[g]) for g in group)
    return None


def _groups(
    read: _Tokens,
    spelled: dict[int, str],
    known: set[str],
    corrections: dict[int, list[str]],
    synonyms: list[list[tuple[str, ...]]],
) -> list[list[int]]:
    """The kept syllables' positions cut into words, left to right: a pair the catalog holds side
    by side first; then, among the syllables left alone, two neighbours that the general word list
    calls a word, when the catalog knows each of them but never together (:mod:`search.lexicon`)."""

    def may_pair(left: int, right: int) -> bool:
        return (
            right == left + 1 and len(corrections.get(left, ())) <= 1 and len(corrections.get(right, ())) <= 1
        )

    groups: list[list[int]] = []
    position = 0
    while position < len(read.kept):
        i = read.kept[position]
        following = read.kept[position + 1] if position + 1 < len(read.kept) else None
        paired = (
            following is not None and may_pair(i, following) and f"{spelled[i]} {spelled[following]}" in known
        )
        groups.append([i, following] if paired and following is not None else [i])
        position += len(groups[-1])
    merged: list[list[int]] = []
    for group in groups:
        previous = merged[-1] if merged else None
        if previous is not None and len(previous) == 1 and len(group) == 1:
            left, right = previous[0], group[0]
            plain = not synonyms[left] and not synonyms[right]
            if (
                plain
                and may_pair(left, right)
                and spelled[left] != spelled[right]  # a repeat, not a reduplicated word ("Số so SỐ")
                and spelled[left] in known
                and spelled[right] in known
                and is_word(spelled[left], spelled[right])
            ):
                previous.append(right)
                continue
        merged.append(group)
    return merged


def analyse_words(
    text: str, abbreviations: Abbreviations | None = None, lookup: Lookup | None = None
) -> WordQuery:
    """Cut a query into words: stop words dropped, typos corrected, adjacent syllables that the
    vocabulary holds together paired (left to right), duplicates merged."""
    abbreviations = abbreviations if abbreviations is not None else default_abbreviations()
    lookup = lookup or _everything_known
    read = _read(text)
    if not read.typed:
        return WordQuery()
    spelled = {i: read.folded[i] for i in read.kept}
    pairs = _pairs(spelled, read.kept)
    known = lookup({*spelled.values(), *pairs})
    corrections = _corrections(read, known, abbreviations, lookup)
    unique = {i: found[0] for i, found in corrections.items() if len(found) == 1}
    if unique:  # pairs with a corrected syllable are looked up once it is corrected
        spelled.update(unique)
        pairs = _pairs(spelled, read.kept, unique)
        known |= lookup(set(pairs))
    synonyms = _synonyms(read, abbreviations)
    words: dict[tuple[str, ...], Word] = {}
    for group in _groups(read, spelled, known, corrections, synonyms):
        i = group[0]
        syllables = tuple(spelled[g] for g in group)
        if syllables in words:  # the first spelling wins: "Mã ma" keeps the diacritics typed first
            continue
        typed = tuple(read.typed[g] if g not in unique else spelled[g] for g in group)
        merged = tuple(dict.fromkeys(s for g in group for s in synonyms[g]))
        single = len(group) == 1
        raw = read.raw[i]
        words[syllables] = Word(
            syllables,
            typed,
            merged,
            tuple(corrections[i]) if single and len(corrections.get(i, ())) > 1 else (),
            acronym=read.folded[i] if single and may_be_acronym(raw, read.folded[i] in known) else None,
            english=_english(read, group),
        )
    return WordQuery(tuple(words.values())[:MAX_TERMS], tuple(read.folded), tuple(read.typed))

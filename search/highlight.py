"""Highlighting in Python for the database backend: the original text with its diacritics, the
matched words wrapped in ``<mark>`` as the engines' highlighter does, HTML-escaped."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from search.text import TOKEN, fold

CONTEXT = 40
"""Characters kept before the first match of a fragment."""


def _fragment(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, position = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        out += [escape(text[position:left]), "<mark>", escape(text[left:right]), "</mark>"]
        position = right
    out.append(escape(text[position:end]))
    return "".join(out).strip()


@lru_cache(maxsize=65536)
def _folded(token: str) -> str:
    # Texts repeat the same few thousand syllables: folding each once per process, rather than
    # once per occurrence, makes highlighting a page several times faster.
    return fold(token)


_SEPARATORS = r"[\W_]+"
"""What may stand between two tokens of a phrase: anything that is no letter or digit."""


@lru_cache(maxsize=256)
def _pattern(phrases: frozenset[tuple[str, ...]]) -> re.Pattern[str]:
    """The phrases as one expression over folded text: whole tokens, a phrase's tokens with only
    separators between them, the longest phrase first (it wins where several start). One request
    highlights every hit with the same phrases, so it is compiled once."""
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    alternatives = "|".join(_SEPARATORS.join(re.escape(token) for token in phrase) for phrase in ordered)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _spans(text: str, phrases: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where the phrases occur, token by token: a phrase's syllables only side by side, so that
    ``dan cu`` marks "dân cư" and never the "cũ" of "Đắk Nông cũ".

    The folded text is searched with one expression (:func:`_pattern`): folding is one
    ``str.translate``, letter for letter, so places in it are places in ``text``. Only when folding
    changed the length (decomposed marks, a letter whose lowercase is two) are the tokens of the
    original folded and compared one by one.
    """
    folded = fold(text)
    if len(folded) != len(text):
        return _token_spans(text, phrases)
    return [
        (match.start() + token.start(), match.start() + token.end())
        for match in _pattern(phrases).finditer(folded)
        for token in TOKEN.finditer(match.group())
    ]


def _token_spans(text: str, phrases: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    found = [(m.start(), m.end(), _folded(m.group())) for m in TOKEN.finditer(text)]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        by_first.setdefault(phrase[0], []).append(phrase)
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(found):
        for phrase in by_first.get(found[position][2], ()):
            if tuple(token for _, _, token in found[position : position + len(phrase)]) == phrase:
                spans += [(left, right) for left, right, _ in found[position : position + len(phrase)]]
                position += len(phrase)
                break
        else:
            position += 1
    return spans


def highlight(
    text: str | None, words: frozenset[tuple[str, ...]], fragments: int = 1, size: int = 160
) -> tuple[str, ...]:
    """Fragments of ``text`` around the words (phrases of folded tokens) found in it; () when none is.

    ``fragments=0`` returns the whole text as one fragment (titles, labels).
    """
    if not text or not words:
        return ()
    spans = _spans(text, words)
    if not spans:
        return ()
    if fragments == 0:
        return (_fragment(text, spans, 0, len(text)),)
    windows: list[tuple[int, int, int]] = []  # (matches, start, end)
    covered_until = -1
    for left, _right in spans:
        if left < covered_until:
            continue
        start = max(0, left - CONTEXT)
        if start:  # start at a word boundary, not inside a word
            space = text.find(" ", start, left)
            start = space + 1 if space != -1 else left
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > left else end
        windows.append((sum(1 for a, b in spans if a >= start and b <= end), start, end))
        covered_until = end
    best = sorted(sorted(windows, key=lambda w: -w[0])[:fragments], key=lambda w: w[1])
    return tuple(_fragment(text, spans, start, end) for _count, start, end in best)

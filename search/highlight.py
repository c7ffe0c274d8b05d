"""Highlighting in Python for the database backend: the original text with its diacritics, the
matched words wrapped in ``<mark>`` as the engines' highlighter does, HTML-escaped."""

from __future__ import annotations

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


def highlight(
    text: str | None, words: frozenset[str], fragments: int = 1, size: int = 160
) -> tuple[str, ...]:
    """Fragments of ``text`` around the words (folded tokens) found in it; () when none is.

    ``fragments=0`` returns the whole text as one fragment (titles, labels).
    """
    if not text or not words:
        return ()
    spans = [(m.start(), m.end()) for m in TOKEN.finditer(text) if _folded(m.group()) in words]
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

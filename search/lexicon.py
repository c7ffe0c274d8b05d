"""Two-syllable Vietnamese words from a general word list, beside the catalog's own vocabulary.

The catalog's vocabulary says which syllables stand side by side in its texts, so a query's
"hộ tịch" is read as one word. It cannot say that two syllables the catalog never puts side by
side are a word all the same: "thời tiết" (weather), "dự báo" (forecast). Read as two separate
syllables, such a word matches any long text that holds "thời hạn" and "chi tiết" somewhere, and a
question about the weather finds a dataset about trade. With the word list, those two syllables
are one word the catalog lacks, and a document matches it only where they stand together, that is
nowhere.

The list (``search/vietnamese_words.txt``, with its source and licence) is only consulted for
syllables the catalog's vocabulary leaves unpaired: it never splits a word the catalog holds.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from search.text import fold


@cache
def two_syllable_words() -> frozenset[str]:
    """The list's words, folded as the query's syllables are ("thoi tiet")."""
    text = resources.files("search").joinpath("vietnamese_words.txt").read_text("utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line and not line.startswith("#"))


def is_word(left: str, right: str) -> bool:
    """Whether two folded syllables, in this order, are a word of the list."""
    return f"{left} {right}" in two_syllable_words()

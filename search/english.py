"""English text for search: a small stemmer, so that "school" finds "Schools" and "processing"
finds "processed".

Only suffixes that change a word's number or tense are taken off (plurals, -ing, -ed): English
in this catalog is titles and short descriptions, where a heavier stemmer (Porter) conflates
more than it helps ("organisation" and "organ"). Every backend indexes the stems this module
computes, so that they agree without depending on an engine's stemmer.
"""

from __future__ import annotations

from search.text import accent, tokens

STOPWORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "each",
        "for",
        "from",
        "in",
        "into",
        "is",
        "its",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "with",
    ]
)


def stem(word: str) -> str:
    """The stem of a lowercase English word (plural, -ing and -ed removed)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    return word


def is_english_word(token: str) -> bool:
    return len(token) >= 3 and token.isascii() and token.isalpha() and token not in STOPWORDS


def english_stems(*texts: str | None) -> list[str]:
    """The stems of the English words of the texts, each once, in order of appearance."""
    found: dict[str, None] = {}
    for text in texts:
        for token in tokens(accent(text or "")):  # with diacritics: Vietnamese is no English
            if is_english_word(token):
                found[stem(token)] = None
    return list(found)

"""The English stemmer every backend indexes with."""

from __future__ import annotations

import pytest

from search.english import english_stems, stem


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("codes", "code"),
        ("schools", "school"),
        ("boundaries", "boundary"),
        ("addresses", "address"),
        ("processing", "process"),
        ("registered", "register"),
        ("census", "census"),
        ("analysis", "analysis"),
        ("bus", "bus"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_stems_of_a_text_skip_stop_words_and_vietnamese() -> None:
    assert english_stems("Schools of the province", "Trường học") == ["school", "province"]

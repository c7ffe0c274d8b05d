"""Acronyms by initials, computed from a document's own text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.initials import _runs, initials, is_syllable, may_be_acronym


def test_initials_of_every_run_of_syllables_skip_function_words() -> None:
    found = initials("Sở Tài nguyên và Môi trường")
    assert "tnmt" in found and "stnmt" in found and "tnvmt" not in found
    assert {"cccd", "cmnd"} <= set(initials("Căn cước công dân, chứng minh nhân dân"))
    assert "ubnd" in initials("Ủy ban nhân dân cấp xã")
    assert "dkdn" in initials("Đăng ký doanh nghiệp")  # Đ is D


def test_punctuation_line_breaks_and_numbers_end_a_run() -> None:
    assert "cdcc" not in initials("Căn cước. Dân cư")
    assert "nnxx" not in initials("năm nay\nxã xa")
    assert "nnxx" not in initials("năm nay 2025 xã xa")
    assert all(2 <= len(a) <= 6 for a in initials("một hai ba bốn năm sáu bảy tám chín mười"))


@pytest.mark.parametrize("word", ["khai", "tich", "nghieng", "thuyen", "a", "quoc", "gia"])
def test_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["tnmt", "cccd", "attp", "ubnd", "mst", "codes", "nghiepp"])
def test_not_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_which_query_tokens_may_be_acronyms() -> None:
    assert may_be_acronym("KCN", known=True)  # capitals: even a word of the catalog
    assert may_be_acronym("tngt", known=False)
    assert not may_be_acronym("tngt", known=True)
    assert not may_be_acronym("khai", known=False)
    assert not may_be_acronym("K", known=False) and not may_be_acronym("QD2022", known=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Tài", "nguyên", "và", "Môi", "trường", "Æther", "12", ",", "\n", "đất", "của"]),
        max_size=14,
    )
)
def test_initials_are_every_run_of_two_to_six_first_letters(words: list[str]) -> None:
    # The definition read plainly, against the cached, incremental implementation.
    text = " ".join(words)
    expected: set[str] = set()
    for letters in _runs(text):
        for start in range(len(letters)):
            for length in range(2, 7):
                if start + length <= len(letters):
                    expected.add("".join(letters[start : start + length]))
    assert set(initials(text)) == expected
    assert initials(text, text) == initials(text)  # repeated texts add nothing

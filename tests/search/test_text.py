"""Vietnamese text handling: folding, tokens, abbreviations, query terms, typo variants, highlights."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.highlight import highlight
from search.text import (
    Abbreviations,
    analyse,
    analyse_prefix,
    default_abbreviations,
    fold,
    folded_tokens,
    one_edit_variants,
    shorten,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mã số thuế", "ma so thue"),
        ("Đắk Nông", "dak nong"),
        ("ỦY BAN NHÂN DÂN", "uy ban nhan dan"),
        ("Trường, Ước, Ơn, Ỹ", "truong, uoc, on, y"),
        (unicodedata.normalize("NFD", "Hồ sơ đất đai"), "ho so dat dai"),
        ("e\u0302\u0301", "e"),  # a base letter with two combining marks
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_nfc_insensitive(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_tokens_split_on_everything_but_letters_and_digits() -> None:
    assert folded_tokens("QĐ 43/2022/QĐ-UBND; so_dinh_danh") == [
        "qd",
        "43",
        "2022",
        "qd",
        "ubnd",
        "so",
        "dinh",
        "danh",
    ]


def test_abbreviation_list_is_real_and_parsed_both_ways() -> None:
    abbreviations = default_abbreviations()
    assert len(abbreviations) >= 40
    assert abbreviations.expansions["cccd"] == (("can", "cuoc", "cong", "dan"), ("can", "cuoc"))
    assert abbreviations.expansions["qsdd"] == (("quyen", "su", "dung", "dat"),)
    assert (("uy", "ban", "nhan", "dan"), "ubnd") in abbreviations.phrases["uy"]


def test_abbreviation_file_errors_name_the_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        Abbreviations.parse("CCCD => căn cước công dân\nbroken line\n")
    with pytest.raises(ValueError, match="two or more words"):
        Abbreviations.parse("X => y")


def test_analyse_expands_abbreviations_and_full_forms() -> None:
    query = analyse("CCCD")
    assert [(t.folded, t.synonyms) for t in query.terms] == [
        ("cccd", (("can", "cuoc", "cong", "dan"), ("can", "cuoc")))
    ]
    query = analyse("Căn cước công dân")
    assert [t.folded for t in query.terms] == ["can", "cuoc", "cong", "dan"]
    assert all(t.synonyms == (("cccd",),) for t in query.terms)
    assert query.terms[0].typed == "căn" and query.terms[0].has_diacritics


def test_analyse_drops_stop_words_but_keeps_them_in_the_phrase() -> None:
    query = analyse("danh sách các doanh nghiệp của tỉnh")
    assert [t.folded for t in query.terms] == ["danh", "sach", "doanh", "nghiep", "tinh"]
    assert query.phrase == ("danh", "sach", "cac", "doanh", "nghiep", "cua", "tinh")
    assert [t.folded for t in analyse("của các").terms] == ["cua", "cac"]  # nothing but stop words
    assert [t.folded for t in analyse("cho").terms] == ["cho"]  # may be "chợ"


def test_analyse_merges_repeated_words_and_caps_length() -> None:
    assert [t.folded for t in analyse("Số so SỐ").terms] == ["so"]
    assert len(analyse(" ".join(f"tu{i}" for i in range(30))).terms) == 10


def test_prefix_analysis() -> None:
    complete, last = analyse_prefix("mã số th")
    assert [t.folded for t in complete.terms] == ["ma", "so"] and last == "th"
    complete, last = analyse_prefix("đắk nông ")
    assert [t.folded for t in complete.terms] == ["dak", "nong"] and last is None
    assert analyse_prefix("  ") == (analyse(""), None)


def test_one_edit_variants_keep_the_first_letter() -> None:
    variants = set(one_edit_variants("khia"))
    assert {"khai", "kia", "khiaa", "khoa"} <= variants
    assert "thia" not in variants and "khia" not in variants
    assert all(v[0] == "k" for v in variants)


def test_highlight_marks_folded_matches_in_the_original_text() -> None:
    words = frozenset({("ma", "so"), ("thue",)})
    assert highlight("Mã số thuế <b>", words, 0) == (
        "<mark>Mã</mark> <mark>số</mark> <mark>thuế</mark> &lt;b&gt;",
    )
    assert highlight("không có gì", words) == ()
    long = "mở đầu " * 40 + "mã số thuế ở giữa " + "kết thúc " * 40
    (fragment,) = highlight(long, words, 1, 80)
    assert "<mark>thuế</mark>" in fragment and len(fragment) < 160


def test_highlight_marks_a_word_only_where_its_syllables_are_side_by_side() -> None:
    words = frozenset({("dan", "cu")})
    text = "Dân cư các xã thuộc Đắk Nông cũ, người dân tra cứu"
    assert highlight(text, words, 0) == (
        "<mark>Dân</mark> <mark>cư</mark> các xã thuộc Đắk Nông cũ, người dân tra cứu",
    )
    assert highlight("Đắk Nông cũ, người dân", words) == ()


SYLLABLES = ["mã", "ma", "số", "so", "thuế", "dân", "cư", "cũ", "İ", "e\u0301", "x"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(SYLLABLES), st.sampled_from([" ", ", ", "_", "-", "", "<b>"])),
        max_size=30,
    ),
    st.lists(
        st.lists(st.sampled_from(["ma", "so", "thue", "dan", "cu", "x"]), min_size=1, max_size=3).map(tuple),
        max_size=4,
    ).map(frozenset),
)
def test_highlight_spans_match_the_token_by_token_reading(parts, phrases) -> None:
    # The one-expression search over the folded text finds what comparing the tokens one by one
    # finds, separators, decomposed marks and letters whose lowercase is longer included.
    from search.highlight import _spans, _token_spans

    text = "".join(syllable + separator for syllable, separator in parts)
    assert _spans(text, phrases) == _token_spans(text, phrases)


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("một hai ba", 100) == "một hai ba"
    assert shorten("một hai ba bốn năm", 10) == "một hai…"


def test_four_letter_words_only_get_swapped_neighbours() -> None:
    from search.text import swaps

    assert swaps("khia") == ["kiha", "khai"]
    assert "chua" not in swaps("chuc")

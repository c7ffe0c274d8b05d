"""Queries cut into words against a vocabulary (a set standing for the catalog's, as the
backends' lookups answer it), initials, English stems and typo corrections."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from search.query import analyse_words, required_words, short_corrections

VOCABULARY = {
    *[
        "ma",
        "so",
        "thue",
        "doanh",
        "nghiep",
        "ho",
        "tich",
        "dien",
        "hoa",
        "dan",
        "cu",
        "khai",
        "sinh",
        "tai",
        "nguyen",
        "moi",
        "truong",
    ],
    *["tax", "code", "enterprise", "tach", "tuch"],
    "ma so",
    "so thue",
    "ho tich",
    "dan cu",
    "dien tich",
    "doanh nghiep",
    "khai sinh",
    "tai nguyen",
    "moi truong",
}


def lookup(keys: Collection[str]) -> set[str]:
    return {key for key in keys if key in VOCABULARY}


def words(text: str) -> list[str]:
    return [word.folded for word in analyse_words(text, lookup=lookup).words]


@pytest.mark.parametrize(("count", "required"), [(1, 1), (2, 2), (4, 4), (5, 4), (6, 5), (8, 6), (10, 8)])
def test_all_words_of_a_short_query_are_required_and_most_of_a_long_one(count: int, required: int) -> None:
    assert required_words(count) == required


def test_adjacent_syllables_the_vocabulary_holds_together_are_one_word() -> None:
    assert words("hộ tịch") == ["ho tich"]
    assert words("mã số thuế") == ["ma so", "thue"]  # paired left to right
    assert words("tich ho") == ["tich", "ho"]  # "tich ho" is no pair of the catalog
    # A stop word between two syllables keeps them apart.
    assert words("tài nguyên và môi trường") == ["tai nguyen", "moi truong"]
    assert words("khai tử sinh") == ["khai", "tu", "sinh"]


def test_diacritics_as_typed_are_kept_per_word() -> None:
    (word,) = analyse_words("Hộ tịch", lookup=lookup).words
    assert word.typed == ("hộ", "tịch") and word.has_diacritics and word.alternatives == (("ho", "tich"),)


def test_abbreviations_hold_for_the_words_they_cover() -> None:
    query = analyse_words("căn cước công dân", lookup=set)
    assert [w.folded for w in query.words] == ["can cuoc", "cong dan"]
    assert all(w.synonyms == (("cccd",),) for w in query.words)


def test_initials_are_read_from_capitals_and_from_what_no_syllable_can_be() -> None:
    assert analyse_words("TNGT", lookup=lookup).words[0].acronym == "tngt"
    assert analyse_words("tngt", lookup=lookup).words[0].acronym == "tngt"  # no Vietnamese syllable
    assert analyse_words("thue", lookup=lookup).words[0].acronym is None  # a syllable
    assert analyse_words("code", lookup=lookup).words[0].acronym is None  # a word of the catalog
    assert analyse_words("ABCDEFG", lookup=lookup).words[0].acronym is None  # too long


def test_english_words_carry_their_stem() -> None:
    query = analyse_words("enterprise tax codes", lookup=lookup)
    assert [w.english for w in query.words] == ["enterprise", "tax", "code"]
    assert analyse_words("thuế", lookup=lookup).words[0].english is None


def test_a_known_english_pair_also_carries_its_stems_as_a_phrase() -> None:
    known = analyse_words("tax codes", lookup=set)  # every key known: the pair stands in the text
    assert [(w.folded, w.english) for w in known.words] == [("tax codes", "tax code")]
    assert analyse_words("ho tich", lookup=lookup).words[0].english is None  # "ho" is no English word


def test_a_short_typo_is_corrected_only_when_one_correction_is_known() -> None:
    assert words("ho tihc") == ["ho tich"]  # corrected, then paired
    assert words("khia sinh") == ["khai sinh"]
    # "tch": "tich", "tach" and "tuch" are all known: ambiguous, left as typed (and matches nothing).
    query = analyse_words("tch", lookup=lookup)
    assert [(w.folded, w.variants) for w in query.words] == [("tch", ())]
    # A known syllable is never "corrected" into another one.
    assert words("dien") == ["dien"]
    assert set(short_corrections("tch")) >= {"tich", "tach", "tuch"}


def test_a_longer_typo_keeps_every_known_correction() -> None:
    (word,) = analyse_words("nghiepp", lookup=lookup).words
    assert word.variants == () and word.syllables == ("nghiep",)  # one known correction: taken
    (word,) = analyse_words("doanhh", lookup=lambda keys: lookup(keys) | ({"doanhy"} & set(keys))).words
    assert word.syllables == ("doanhh",) and set(word.variants) == {"doanh", "doanhy"}


def test_stop_words_alone_are_kept_and_repeats_merged() -> None:
    assert words("của các") == ["cua", "cac"]
    assert words("Số so SỐ") == ["so"]
    assert len(analyse_words(" ".join(f"tu{i}" for i in range(30)), lookup=lookup).words) == 10


def test_a_word_of_the_general_list_is_one_word_though_the_catalog_never_holds_it() -> None:
    # "tài" and "dân" are both in the catalog, never side by side; "tài dân" is no word, but the
    # list's "dân số" (population) is: it must stand together in a text, not be two syllables.
    assert words("dân số") == ["dan so"]
    assert words("tai dan") == ["tai", "dan"]
    # The catalog's own pairs come first: the list never splits them ("mã số" + "thuế").
    assert words("mã số thuế") == ["ma so", "thue"]
    # A syllable the catalog lacks, or one standing for an abbreviation, is left alone.
    assert words("khai tử") == ["khai", "tu"]
    assert analyse_words("dân cccd", lookup=lookup).words[1].folded == "cccd"

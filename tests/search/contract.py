"""The contract every search backend passes: the same documents for the same query and principal.

A subclass provides a class-scoped ``backend`` fixture; the catalog (tests/search/catalog.py) is
indexed once per class. Assertions are on sets of datasets, and on order only where the order is
the point (exact diacritics, phrases, sorting), so that the engines' BM25 and the database's
ranking functions may differ in their scores but never in what they find.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from collections.abc import Iterator

import pytest

from dictionary import concepts as C
from dictionary.visibility import Visibility
from search.interface import DatasetQuery, FieldQuery, Results, SearchBackend
from search.text import fold
from tests.search.catalog import DATASETS, PUBLIC, Catalog, catalog_for

ANONYMOUS = Visibility.anonymous()


class SearchContract:
    @pytest.fixture(scope="class")
    @classmethod
    def catalog(cls, app) -> Catalog:  # type: ignore[no-untyped-def]
        return catalog_for(app)

    @pytest.fixture(scope="class")
    @classmethod
    def indexed(cls, backend: SearchBackend, catalog: Catalog) -> Iterator[SearchBackend]:
        assert backend.rebuild(catalog.documents) == len(catalog.documents)
        backend.refresh()
        yield backend

    # helpers -----------------------------------------------------------------------------

    @staticmethod
    def find(backend: SearchBackend, text: str = "", visibility: Visibility = ANONYMOUS, **kwargs) -> Results:  # type: ignore[no-untyped-def]
        return backend.search(DatasetQuery.build(text, **kwargs), visibility)

    def keys(
        self, backend: SearchBackend, catalog: Catalog, text: str, visibility: Visibility = ANONYMOUS
    ) -> list[str]:
        return catalog.keys(self.find(backend, text, visibility, page_size=50).hits)

    # Vietnamese matching --------------------------------------------------------------------

    def test_without_diacritics_finds_with_diacritics(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, "ma so thue")[0] == "mst"
        assert self.keys(indexed, catalog, "dak nong") == ["daknong"]
        assert self.keys(indexed, catalog, "DAK NONG") == ["daknong"]

    def test_decomposed_unicode_is_normalised(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, unicodedata.normalize("NFD", "Đắk Nông")) == ["daknong"]

    def test_exact_diacritics_rank_higher(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, "tiền thuế đất")[:2] == ["thue_dat", "thue_dat2"]
        assert self.keys(indexed, catalog, "tiền thuê đất")[:2] == ["thue_dat2", "thue_dat"]
        assert set(self.keys(indexed, catalog, "tien thue dat")[:2]) == {"thue_dat", "thue_dat2"}

    def test_abbreviations_both_ways(self, indexed, catalog) -> None:
        assert set(self.keys(indexed, catalog, "CCCD")) == {"cccd", "cccd_abbr"}
        assert set(self.keys(indexed, catalog, "căn cước công dân")) == {"cccd", "cccd_abbr"}
        assert self.keys(indexed, catalog, "mst")[0] == "mst"
        assert self.keys(indexed, catalog, "ubnd") == ["khaisinh"]
        assert self.keys(indexed, catalog, "bảo hiểm xã hội") == ["bhxh"]

    def test_typos(self, indexed, catalog) -> None:
        assert "mst" in self.keys(indexed, catalog, "doanh nghiepp")
        assert self.keys(indexed, catalog, "khia sinh") == ["khaisinh"]  # neighbours swapped

    def test_known_words_are_not_matched_as_typos(self, indexed, catalog) -> None:
        # "thue" is in the index, so it is not stretched to "thuy" (thủy lợi, thủy sản).
        found = set(self.keys(indexed, catalog, "thue"))
        assert {"thue_dat", "thue_dat2", "hoadon", "mst"} <= found
        assert not found & {"thuyloi", "tau"}

    def test_phrase_ranks_above_scattered_words(self, indexed, catalog) -> None:
        found = self.keys(indexed, catalog, "đăng ký kinh doanh")
        assert found[0] == "dkkd"  # the phrase, then its two words apart ("Kinh doanh … đăng ký")
        assert "scattered" in found

    def test_scattered_syllables_do_not_match_a_word(self, indexed, catalog) -> None:
        # "hộ tịch" is a word of the catalog: "Diện tích hồ chứa" holds its syllables, not the word.
        assert self.keys(indexed, catalog, "ho tich") == ["hotich"]
        assert self.keys(indexed, catalog, "hộ tịch") == ["hotich"]
        # "Đắk Nông cũ, người dân tra cứu": both syllables, not the word.
        assert self.keys(indexed, catalog, "dan cu") == ["dancu"]
        assert self.keys(indexed, catalog, "dân cư") == ["dancu"]

    def test_unrelated_four_and_five_syllable_queries_find_nothing(self, indexed, catalog) -> None:
        # Every syllable is in the catalog, three of them in one dataset ("Tiền thuế đất … Sở Tài
        # chính"), never as the words asked for.
        assert self.find(indexed, "thuế đất tài sinh").total == 0
        assert self.find(indexed, "đất thuế tài sinh hồ").total == 0
        assert self.find(indexed, "dat thue tai sinh ho").total == 0

    def test_a_word_the_catalog_never_holds_together_does_not_match_its_syllables(
        self, indexed, catalog
    ) -> None:
        # "tài liệu" (documents) is a Vietnamese word the catalog lacks; "Dữ liệu về căn cước …
        # cư trú tại tỉnh" holds its two syllables apart, so it is no match, with or without marks.
        assert self.find(indexed, "tài liệu").total == 0
        assert self.find(indexed, "tai lieu").total == 0
        assert self.find(indexed, "tài liệu căn cước").total == 0
        # The same dataset's own words still find it.
        assert "cccd" in self.keys(indexed, catalog, "dữ liệu căn cước")

    def test_acronym_matches_by_initials(self, indexed, catalog) -> None:
        # TNGT is in no list: its initials are computed from the dataset's own title.
        assert self.keys(indexed, catalog, "TNGT") == ["tainan"]
        assert self.keys(indexed, catalog, "tngt") == ["tainan"]  # no syllable, no word: initials
        # "và" is left out of the initials; the listed TNMT also finds its full form.
        assert self.keys(indexed, catalog, "TNMT") == ["quantrac"]
        assert self.keys(indexed, catalog, "tngt duong bo") == ["tainan"]

    def test_short_typos_corrected_only_when_unambiguous(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, "ho tihc") == ["hotich"]  # neighbours swapped
        assert self.keys(indexed, catalog, "ho tch") == ["hotich"]  # a vowel left out: only "tich"
        # "thu" is a real syllable: never turned into "thue" or "thuy".
        assert not set(self.keys(indexed, catalog, "thu")) & {"thue_dat", "thuyloi"}

    def test_english_query_finds_its_dataset(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, "enterprise tax code") == ["mst"]  # "codes", stemmed
        # "household businesses" stands side by side in one text (a known pair, matched as a
        # phrase); its stems still find the title that says "Household business".
        assert set(self.keys(indexed, catalog, "household businesses")) == {"mst", "dkkd"}

    def test_most_words_must_match(self, indexed, catalog) -> None:
        found = self.keys(indexed, catalog, "mã số thuế")
        assert found[0] == "mst"
        assert not set(found) & {"tau", "khaisinh", "cccd", "daknong"}  # share one syllable at most
        # Two syllables of three (thuế, and "Sở" of its owner, folded like "số") are not the word.
        assert "thue_dat" not in found

    def test_unrelated_query_finds_nothing(self, indexed, catalog) -> None:
        assert self.find(indexed, "tàu sinh").total == 0
        assert self.find(indexed, "thuế tàu cá sinh").total == 0
        assert self.find(indexed, "xyzzy quux").total == 0
        assert self.find(indexed, "cung hoàng đạo tử vi").total == 0

    def test_english_title_and_field_names(self, indexed, catalog) -> None:
        assert self.keys(indexed, catalog, "tax codes") == ["mst"]
        assert "cccd" in self.keys(indexed, catalog, "so_dinh_danh")

    def test_one_common_syllable_finds_many(self, indexed, catalog) -> None:
        assert len(self.keys(indexed, catalog, "số")) >= 5

    # Facets, filters, sorting, paging ---------------------------------------------------------

    def test_facets_count_the_whole_result(self, indexed, catalog) -> None:
        results = self.find(indexed)
        assert results.total == len(PUBLIC)
        facets = {name: dict(values) for name, values in results.facets.items()}
        tc = catalog.agencies["tc"].code
        assert facets["agency"][tc] == 6
        assert facets["status"] == {C.PUBLISHED: len(PUBLIC)}
        assert facets["sharing_class"] == {C.OPEN: len(PUBLIC)}
        assert facets["theme"][C.concept("themes", "DAN_CU_XA_HOI")] == 3
        assert set(facets["format"]) == {
            r.format for k in ("mst", "hoadon") for r in catalog.datasets[k].distributions
        }
        assert results.facets["agency"][0] == (tc, 6)  # most frequent first

    def test_filters_or_within_and_across_facets(self, indexed, catalog) -> None:
        people, farm = C.concept("themes", "DAN_CU_XA_HOI"), C.concept("themes", "NONG_NGHIEP")
        either = self.find(indexed, filters={"theme": [people, farm]})
        assert set(catalog.keys(either.hits)) == {"cccd", "cccd_abbr", "bhxh", "tau", "thuyloi"}
        both = self.find(indexed, filters={"theme": [people, farm], "agency": [catalog.agencies["ca"].code]})
        assert set(catalog.keys(both.hits)) == {"cccd", "cccd_abbr"}
        assert dict(both.facets["agency"]) == {catalog.agencies["ca"].code: 2}
        with_text = self.find(indexed, "ma so", filters={"agency": [catalog.agencies["tc"].code]})
        assert "mst" in catalog.keys(with_text.hits)

    def test_sort_by_title_and_by_update(self, indexed, catalog) -> None:
        by_title = self.find(indexed, sort="title", page_size=50).hits
        assert [fold(h.title) for h in by_title] == sorted(fold(h.title) for h in by_title)
        by_update = self.find(indexed, sort="updated", page_size=50).hits
        stamps = [h.updated_at for h in by_update]
        assert stamps == sorted(stamps, reverse=True)
        assert catalog.keys(self.find(indexed, page_size=50).hits) == catalog.keys(by_update)

    def test_pages_cover_the_result_once(self, indexed, catalog) -> None:
        pages = [
            self.find(indexed, sort="title", page=n, page_size=5) for n in range(1, len(PUBLIC) // 5 + 3)
        ]
        seen = [hit.id for page in pages for hit in page.hits]
        assert len(seen) == len(set(seen)) == len(PUBLIC)
        assert all(page.total == len(PUBLIC) for page in pages)
        assert pages[-1].hits == []

    def test_ranked_pages_cover_the_result_once(self, indexed, catalog) -> None:
        # The page is cut after ranking every match (ties: newest first, then by id), never before.
        whole = self.keys(indexed, catalog, "số")
        pages = [self.find(indexed, "số", page=n, page_size=2) for n in range(1, len(whole) // 2 + 2)]
        assert [key for page in pages for key in catalog.keys(page.hits)] == whole
        assert {page.total for page in pages} == {len(whole)}

    def test_text_sorted_by_title_finds_what_relevance_finds(self, indexed, catalog) -> None:
        ranked = self.find(indexed, "thuế dat", page_size=50)
        by_title = self.find(indexed, "thuế dat", sort="title", page_size=50)
        assert sorted(catalog.keys(by_title.hits)) == sorted(catalog.keys(ranked.hits))
        assert [fold(h.title) for h in by_title.hits] == sorted(fold(h.title) for h in by_title.hits)
        assert by_title.total == ranked.total and by_title.facets == ranked.facets

    def test_facets_count_the_matches_of_a_query(self, indexed, catalog) -> None:
        results = self.find(indexed, "thuế", page_size=1)
        owners = Counter(
            catalog.agencies[DATASETS[key][0]].code for key in self.keys(indexed, catalog, "thuế")
        )
        assert dict(results.facets["agency"]) == dict(owners)
        assert sum(owners.values()) == results.total > len(results.hits)

    def test_filters_on_unknown_values_and_on_fields(self, indexed, catalog) -> None:
        assert self.find(indexed, filters={"theme": ["https://example.org/no-such-theme"]}).total == 0
        basic = indexed.search_fields(
            FieldQuery.build("", filters={"personal_data": [C.PERSONAL_BASIC]}), ANONYMOUS
        )
        assert sorted(h.name for h in basic.hits) == ["ho_ten", "so_dinh_danh"]
        assert dict(basic.facets["personal_data"]) == {C.PERSONAL_BASIC: 2}

    def test_long_query_needs_three_quarters_of_its_words(self, indexed, catalog) -> None:
        # Ten terms, seven required: more combinations than one full-text expression holds.
        text = "Thông tin đăng ký thuế của các doanh nghiệp trên địa bàn tỉnh"
        assert self.keys(indexed, catalog, text) == ["mst"]
        assert self.keys(indexed, catalog, "thong tin dang ky thue doanh khu vuc bien gioi") == []  # 6 of 10

    # Highlighting and suggestions --------------------------------------------------------------

    def test_highlights_mark_the_matched_words_only(self, indexed, catalog) -> None:
        hit = self.find(indexed, "dan cu").hits[0]
        description = " ".join(hit.highlights["description"])
        assert "<mark>dân</mark> <mark>cư</mark>" in description
        assert "<mark>cũ</mark>" not in description and "thôn cũ" in description

    def test_highlights_keep_diacritics_and_escape_html(self, indexed, catalog) -> None:
        hit = self.find(indexed, "ma so thue").hits[0]
        assert hit.highlights["title"] == ("<mark>Mã</mark> <mark>số</mark> <mark>thuế</mark> doanh nghiệp",)
        bill = self.find(indexed, "hoa don").hits[0]
        description = " ".join(bill.highlights["description"])
        assert "&lt;VAT&gt;" in description and "<VAT>" not in description
        assert "<mark>Hóa</mark> <mark>đơn</mark>" in description

    def test_suggestions_as_you_type(self, indexed, catalog) -> None:
        def suggested(prefix: str, visibility: Visibility = ANONYMOUS) -> list[str]:
            return [catalog.key_of(s.id) for s in indexed.suggest(prefix, visibility)]

        assert suggested("mã số th")[0] == "mst"
        assert suggested("dak n") == ["daknong"]
        assert "cccd" in suggested("cccd ")
        assert suggested("thanh tr") == []
        assert suggested("thanh tr", Visibility.staff([catalog.agencies["tp"].id])) == ["draft"]

    # Visibility ---------------------------------------------------------------------------------

    def test_drafts_and_shared_data_by_principal(self, indexed, catalog) -> None:
        tp, tc = catalog.agencies["tp"].id, catalog.agencies["tc"].id
        assert set(catalog.keys(self.find(indexed, page_size=50).hits)) == set(PUBLIC)
        assert self.find(indexed, "thanh tra").total == 0
        assert self.keys(indexed, catalog, "thanh tra", Visibility.staff([tp])) == ["draft"]
        assert self.keys(indexed, catalog, "thanh tra", Visibility.staff([tc])) == []
        assert self.keys(indexed, catalog, "công chức", Visibility.staff([tc])) == ["shared"]
        assert self.keys(indexed, catalog, "công chức") == []
        assert self.find(indexed, visibility=Visibility.all()).total == len(catalog.datasets)

    def test_restricted_fields_match_only_with_rights(self, indexed, catalog) -> None:
        query = "thu nhập hằng tháng"
        assert self.keys(indexed, catalog, query) == []
        assert self.keys(indexed, catalog, query, Visibility.staff([catalog.agencies["tc"].id])) == []
        assert self.keys(indexed, catalog, query, Visibility.staff([catalog.agencies["ca"].id])) == ["cccd"]
        assert self.keys(indexed, catalog, query, Visibility.staff(grants=[catalog.datasets["cccd"].id])) == [
            "cccd"
        ]
        hits = self.find(indexed, query, Visibility.all()).hits
        assert catalog.keys(hits) == ["cccd"]
        assert "nhập" not in repr(hits[0].highlights)  # matched, never shown

    def test_field_search(self, indexed, catalog) -> None:
        def fields(text: str, visibility: Visibility = ANONYMOUS) -> list[str]:
            return [h.name for h in indexed.search_fields(FieldQuery.build(text), visibility).hits]

        assert fields("so dinh danh")[0] == "so_dinh_danh"
        assert fields("ma so thue")[0] == "ma_so_thue"
        assert fields("thu nhap") == []
        assert fields("thu nhap", Visibility.staff([catalog.agencies["ca"].id])) == ["thu_nhap"]
        assert fields("thu nhap", Visibility.staff(grants=[catalog.datasets["cccd"].id])) == ["thu_nhap"]
        everything = indexed.search_fields(FieldQuery.build(""), ANONYMOUS)
        assert everything.total == 4  # mst's two, cccd's two public ones
        assert dict(everything.facets["personal_data"])[C.PERSONAL_BASIC] == 2
        hit = indexed.search_fields(FieldQuery.build("ho ten"), ANONYMOUS).hits[0]
        assert (hit.name, hit.dataset_id) == ("ho_ten", catalog.id("cccd"))  # by its name, ho_ten
        # "và" is a stop word: "họ" and "tên" are two words, each marked where it is.
        hit = indexed.search_fields(FieldQuery.build("họ và tên"), ANONYMOUS).hits[0]
        assert hit.highlights["label"] == ("<mark>Họ</mark> <mark>và</mark> <mark>tên</mark>",)

    # Index maintenance ----------------------------------------------------------------------------

    def test_delete_and_reindex(self, indexed, catalog) -> None:
        try:
            indexed.delete([catalog.id("cccd")])
            indexed.refresh()
            assert self.keys(indexed, catalog, "CCCD") == ["cccd_abbr"]
            assert indexed.search_fields(FieldQuery.build("ho ten"), ANONYMOUS).total == 0
            indexed.index([d for d in catalog.documents if d.id == catalog.id("cccd")])
            indexed.refresh()
            assert set(self.keys(indexed, catalog, "CCCD")) == {"cccd", "cccd_abbr"}
            assert indexed.search_fields(FieldQuery.build("ho ten"), ANONYMOUS).total == 1
        finally:
            indexed.rebuild(catalog.documents)
            indexed.refresh()

    def test_a_record_without_description_is_found_by_its_title(self, indexed, catalog) -> None:
        """A harvested record whose source gave no description: indexed, found, shown without one."""
        given = next(d for d in catalog.documents if d.id == catalog.id("mst"))
        bare = dataclasses.replace(given, description=None, description_en=None, version=given.version + 1)
        try:
            indexed.index([bare])
            indexed.refresh()
            hits = self.find(indexed, "mã số thuế doanh nghiệp", page_size=50).hits
            assert catalog.keys(hits)[0] == "mst"
            assert hits[0].description == ""
            assert "mst" not in self.keys(indexed, catalog, "thông tin đăng ký thuế của các doanh nghiệp")
        finally:
            indexed.rebuild(catalog.documents)
            indexed.refresh()

    def test_health(self, indexed, catalog) -> None:
        health = indexed.health()
        assert health["ok"] is True
        assert health["datasets"] == len(catalog.documents)

"""Terms in the site-wide search: search.term_search, GET /api/v1/search/terms and the /search page."""

from __future__ import annotations

import pytest

from search.term_search import TermSearchService
from tests.factories import make_standard, make_term


@pytest.fixture
def register(ctx):  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="SO_DINH_DANH_CA_NHAN", name_vi="Số định danh cá nhân",
              name_en="Personal identification number", synonyms=["Số căn cước công dân"],
              abbreviations=["CCCD", "ĐDCN"])  # fmt: skip
    make_term(ctx, "TDDL", code="MA_SO_THUE", name_vi="Mã số thuế", abbreviations=["MST"])
    make_term(ctx, "TDDL", code="THUA_DAT", name_vi="Mã định danh thửa đất", status="DRAFT")
    make_term(ctx, "TDDL", code="MA_XA_2004", name_vi="Mã đơn vị hành chính cấp xã (2004)",
              status="SUPERSEDED", superseded_by="MA_SO_THUE")  # fmt: skip


def codes(ctx, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    hits, _total = TermSearchService(ctx).search(text, 1, 20)
    return [hit.term.code for hit in hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("so dinh danh", "SO_DINH_DANH_CA_NHAN"),  # folded
        ("Số định danh cá nhân", "SO_DINH_DANH_CA_NHAN"),  # accented, the name exactly
        ("cccd", "SO_DINH_DANH_CA_NHAN"),  # its abbreviation
        ("căn cước công dân", "SO_DINH_DANH_CA_NHAN"),  # a synonym (and what CCCD stands for)
        ("personal identification", "SO_DINH_DANH_CA_NHAN"),  # English name
        ("mst", "MA_SO_THUE"),
        ("MA_SO_THUE", "MA_SO_THUE"),  # the code
        ("thửa đất", "THUA_DAT"),  # drafts are public, as in the register
    ],
)
def test_terms_are_found_by_code_names_synonyms_and_abbreviations(ctx, register, query, first) -> None:
    assert codes(ctx, query)[0] == first


def test_every_word_must_match_and_superseded_terms_come_last(ctx, register) -> None:
    assert codes(ctx, "số định danh xe máy") == []
    assert codes(ctx, "") == []
    found = codes(ctx, "mã")
    assert found[-1] == "MA_XA_2004" and set(found) == {"MA_SO_THUE", "THUA_DAT", "MA_XA_2004"}


def test_the_api_answers_terms_from_the_database(anonymous_client, register) -> None:
    response = anonymous_client.get("/api/v1/search/terms?q=cccd")
    assert response.status_code == 200
    body = response.json
    assert body["engine"] == "database" and body["total"] == 1
    assert body["items"][0]["code"] == "SO_DINH_DANH_CA_NHAN"
    assert body["items"][0]["url"].endswith("/term/SO_DINH_DANH_CA_NHAN")
    assert body["items"][0]["matched"] == "CCCD"
    assert anonymous_client.get("/api/v1/search/terms").status_code == 422  # q is required
    assert anonymous_client.get("/api/v1/search/terms?q=x&types=terms").status_code == 422


def test_the_search_page_shows_terms_in_their_own_group(anonymous_client, register) -> None:
    page = anonymous_client.get("/search?q=ma+so+thue").get_data(as_text=True)
    group = page.split('id="term-hits"')[1].split("</section>")[0]
    assert 'href="/term/MA_SO_THUE"' in group
    assert page.index('id="term-hits"') < page.index('id="results-title"')
    assert 'id="term-hits"' not in anonymous_client.get("/search?q=khong+co+gi+ca").get_data(as_text=True)

"""Suggested terms for a field, from its name and label (search.term_suggestions)."""

from __future__ import annotations

import pytest

from dictionary.services.terms import TermService
from search.term_suggestions import TermSuggestionService, suggest_terms
from tests.factories import make_standard, make_term


@pytest.fixture
def register(ctx):
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    return [
        make_term(ctx, "TDDL", code="SO_DINH_DANH_CA_NHAN", name_vi="Số định danh cá nhân",
                  synonyms=["số định danh", "số căn cước công dân"], abbreviations=["CCCD"]),
        make_term(ctx, "TDDL", code="MA_SO_THUE", name_vi="Mã số thuế", abbreviations=["MST"]),
        make_term(ctx, "TDDL", code="MA_SO_DOANH_NGHIEP", name_vi="Mã số doanh nghiệp"),
        make_term(ctx, "TDDL", code="MA_DVHC_CAP_XA", name_vi="Mã đơn vị hành chính cấp xã",
                  synonyms=["mã xã"]),
        make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", abbreviations=["SĐT"]),
        make_term(ctx, "TDDL", code="NGAY_SINH", name_vi="Ngày sinh"),
        make_term(ctx, "TDDL", code="SO_NHA", name_vi="Số nhà"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("so_dinh_danh_nguoi_nop", None, "SO_DINH_DANH_CA_NHAN"),  # folded snake_case
        ("x1", "Số định danh người nộp", "SO_DINH_DANH_CA_NHAN"),  # accented label
        ("cccd", None, "SO_DINH_DANH_CA_NHAN"),  # the term's own abbreviation
        ("so_cccd", "Số CCCD", "SO_DINH_DANH_CA_NHAN"),
        ("can_cuoc_cong_dan", None, "SO_DINH_DANH_CA_NHAN"),  # vocab/abbreviations.txt, spelled out
        ("mst", None, "MA_SO_THUE"),
        ("ma_so_thue", "Mã số thuế", "MA_SO_THUE"),
        ("ma_so_doanh_nghiep", None, "MA_SO_DOANH_NGHIEP"),
        ("ma_xa_cu_tru", "Mã xã cư trú", "MA_DVHC_CAP_XA"),
        ("SDT", None, "SO_DIEN_THOAI"),
        ("NgaySinh", "Ngày sinh", "NGAY_SINH"),
    ],
)
def test_the_right_term_ranks_first(register, name, label, expected) -> None:
    found = suggest_terms(register, name, label)
    assert found, f"nothing suggested for {name!r} / {label!r}"
    assert found[0].term.code == expected


def test_exact_accents_rank_above_the_same_folded_letters(ctx, register) -> None:
    make_standard(ctx, code="TDDL2", kind="DICTIONARY_TERM")
    folded_twin = make_term(ctx, "TDDL2", code="SO_NHA_FOLDED", name_vi="Sổ nhà")
    found = suggest_terms([*register, folded_twin], "x", "Số nhà")
    assert [s.term.code for s in found[:2]] == ["SO_NHA", "SO_NHA_FOLDED"]
    assert found[0].score > found[1].score


def test_a_partial_name_is_not_suggested(register) -> None:
    assert [s.term.code for s in suggest_terms(register, "ma_xa")] == ["MA_DVHC_CAP_XA"]
    assert suggest_terms(register, "ghi_chu", "Ghi chú") == []
    assert suggest_terms(register, "", None) == []


def test_superseded_terms_are_not_offered(ctx, register) -> None:
    make_term(ctx, "TDDL", code="SO_CMND", name_vi="Số chứng minh nhân dân", status="SUPERSEDED",
              superseded_by="SO_DINH_DANH_CA_NHAN")  # fmt: skip
    everything = TermService(ctx).all()
    assert "SO_CMND" in [s.term.code for s in suggest_terms(everything, "so_chung_minh_nhan_dan")]
    offered = TermSuggestionService(ctx).suggest("so_chung_minh_nhan_dan")
    assert "SO_CMND" not in [s.term.code for s in offered]

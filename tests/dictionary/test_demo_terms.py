"""The demo's shared data dictionary: real elements held by several agencies, some deviating."""

from __future__ import annotations

from collections import defaultdict

from dictionary import concepts as C
from dictionary import demo
from dictionary.services import Context
from dictionary.services.conformance import ConformanceService
from dictionary.services.terms import TermService
from dictionary.visibility import Visibility


def test_terms_are_held_across_agencies_with_deviations_the_agency_report_lists(ctx: Context) -> None:
    demo.load_demo(ctx)
    terms = TermService(ctx).all()
    codes = {t.code for t in terms}
    assert {"SO_DINH_DANH_CA_NHAN", "MA_DVHC_CAP_XA", "MA_SO_DOANH_NGHIEP", "MA_SO_THUE", "NGAY_SINH",
            "GIOI_TINH", "MA_DAN_TOC", "SO_DIEN_THOAI", "THU_DIEN_TU"} <= codes  # fmt: skip
    # Every term says where its definition comes from (or that the text was not at hand).
    assert all(t.source_vi for t in terms)
    assert {t.status for t in terms} == {C.TERM_IN_FORCE, C.TERM_DRAFT, C.TERM_SUPERSEDED}

    reports = ConformanceService(ctx, Visibility.all())
    shown = []
    for term in terms:
        _term, holders = reports.term_report(term.code)
        owners = {r.dataset.current_assignment(C.OWNER).agency.code for r in holders}  # type: ignore[union-attr]
        deviating = [r for r in holders if r.verdict == "deviates"]
        if len(owners) >= 2 and deviating and any(r.verdict == "conforms" for r in holders):
            shown.append((term.code, deviating))
    assert len(shown) >= 3, [code for code, _ in shown]

    listed = defaultdict(set)
    for _code, deviating in shown:
        for result in deviating:
            owner = result.dataset.current_assignment(C.OWNER).agency  # type: ignore[union-attr]
            listed[owner.code] |= {
                (r.dataset.slug, r.field.name) for r in reports.agency_report(owner.code).deviating
            }
            assert (result.dataset.slug, result.field.name) in listed[owner.code]

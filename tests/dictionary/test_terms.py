"""The register of terms and the conformance of fields to them (dictionary.services.terms, .conformance)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dictionary import concepts as C
from dictionary.errors import Conflict, InvalidInput, PermissionDenied, StaleVersion
from dictionary.policies import Actor
from dictionary.services import FieldService
from dictionary.services.conformance import ConformanceService, dataset_conformance
from dictionary.services.datasets import DatasetService
from dictionary.services.terms import TermFilters, TermService
from dictionary.visibility import Visibility
from tests.factories import FieldData, field_inputs, make_agency, make_dataset, make_standard, make_term


@pytest.fixture
def national(ctx):
    """A dictionary, the code list its terms use, and a 12-digit identity term."""
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_standard(ctx, code="DM-XA", kind="CODE_LIST")
    return make_term(
        ctx, "TDDL", code="SO_DINH_DANH", data_type="STRING", length=12, pattern=r"\d{12}",
        code_list_standard=None, unit=None,
    )  # fmt: skip


def holds(term_code: str, relation: str = "exactMatch", standard: str = "TDDL") -> list[dict]:
    return [{"standard": standard, "term": term_code, "relation": relation}]


def _dictionary(ctx, *fields):
    dataset = make_dataset(ctx)
    FieldService(ctx).replace_all(dataset.slug, field_inputs(*fields))
    return DatasetService(ctx).get(dataset.slug)


def _kinds(result):
    return {deviation.kind for deviation in result.deviations}


def test_each_kind_of_deviation_is_found(ctx, national) -> None:
    make_term(
        ctx, "TDDL", code="MA_XA", data_type="CODE", length=5, pattern=r"\d{5}", code_list_standard="DM-XA"
    )
    make_term(
        ctx, "TDDL", code="DIEN_TICH", data_type="DECIMAL", length=None, precision=12, scale=1, unit="m2"
    )
    dataset = _dictionary(
        ctx,
        FieldData(name="cccd", data_type="TEXT", length=50, example="12345", mappings=holds("SO_DINH_DANH")),
        FieldData(name="so_dinh_danh", length=12, example="067190001234", mappings=holds("SO_DINH_DANH")),
        FieldData(name="ma_xa", data_type="CODE", length=5, example="24611", mappings=holds("MA_XA")),
        FieldData(name="dien_tich", data_type="DECIMAL", length=None, precision=10, scale=2, unit="ha",
                  mappings=holds("DIEN_TICH")),
    )  # fmt: skip
    results = {r.field.name: r for r in dataset_conformance(dataset)}

    assert results["so_dinh_danh"].verdict == "conforms" and results["so_dinh_danh"].deviations == []
    wrong = results["cccd"]
    assert wrong.verdict == "deviates"
    assert _kinds(wrong) == {"data_type", "length", "pattern"}
    by_kind = {d.kind: d for d in wrong.deviations}
    assert (by_kind["data_type"].expected, by_kind["data_type"].actual) == ("STRING", "TEXT")
    assert (by_kind["length"].expected, by_kind["length"].actual) == ("12", "50")
    assert by_kind["pattern"].actual == "12345"
    assert _kinds(results["ma_xa"]) == {"code_list"}
    assert {d.kind: d.expected for d in results["ma_xa"].deviations} == {"code_list": "DM-XA"}
    assert _kinds(results["dien_tich"]) == {"precision", "scale", "unit"}


def test_broader_relations_and_draft_terms_are_not_checked(ctx, national) -> None:
    make_term(ctx, "TDDL", code="NHAP", status="DRAFT", length=3)
    dataset = _dictionary(
        ctx,
        FieldData(name="ma_ho", length=99, mappings=holds("SO_DINH_DANH", "broadMatch")),
        FieldData(name="nhap", length=99, mappings=holds("NHAP")),
    )
    verdicts = {r.field.name: (r.verdict, r.reason) for r in dataset_conformance(dataset)}
    assert verdicts == {"ma_ho": ("not_checked", "relation"), "nhap": ("not_checked", "draft")}


def test_a_superseded_term_is_a_deviation_naming_its_successor(ctx, national) -> None:
    make_term(ctx, "TDDL", code="CU", status="SUPERSEDED", superseded_by="SO_DINH_DANH")
    dataset = _dictionary(ctx, FieldData(name="so_cu", length=12, mappings=holds("CU")))
    (result,) = dataset_conformance(dataset)
    assert [(d.kind, d.expected, d.actual) for d in result.deviations] == [
        ("superseded", "SO_DINH_DANH", "CU")
    ]


def test_a_mapping_whose_term_is_not_registered_holds_no_term(ctx, national) -> None:
    dataset = _dictionary(ctx, FieldData(name="x", mappings=holds("KHONG_CO")))
    assert dataset.mappings[0].data_element is None
    assert dataset_conformance(dataset) == []


def test_deviations_lower_the_quality_score(ctx, national) -> None:
    good = _dictionary(ctx, FieldData(name="a", length=12, mappings=holds("SO_DINH_DANH")))
    bad = _dictionary(ctx, FieldData(name="a", length=13, mappings=holds("SO_DINH_DANH")))
    service = DatasetService(ctx)
    assert "fields_conform" not in service.quality(good).gaps
    assert "fields_conform" in service.quality(bad).gaps
    assert service.quality(bad).completeness < service.quality(good).completeness


def test_reports_per_term_and_per_agency_apply_visibility(ctx, national) -> None:
    owner = make_agency(ctx)
    make_dataset(ctx, owner=owner, slug="mo", sharing_class="MO", status="PUBLISHED")
    make_dataset(ctx, owner=owner, slug="dung-chung")
    for slug, length in (("mo", 12), ("dung-chung", 20)):
        fields = field_inputs(FieldData(name="sdd", length=length, mappings=holds("SO_DINH_DANH")))
        FieldService(ctx).replace_all(slug, fields)
    everything = ConformanceService(ctx, Visibility.all())
    _term, holders = everything.term_report("SO_DINH_DANH")
    assert {(r.dataset.slug, r.verdict) for r in holders} == {("mo", "conforms"), ("dung-chung", "deviates")}
    report = everything.agency_report(owner.code)
    assert (report.summary.checked, report.summary.deviating) == (2, 1)
    assert [(r.dataset.slug, r.field.name) for r in report.deviating] == [("dung-chung", "sdd")]

    anonymous = ConformanceService(ctx, Visibility.anonymous())
    assert [r.dataset.slug for r in anonymous.term_report("SO_DINH_DANH")[1]] == ["mo"]
    assert anonymous.agency_report(owner.code).deviating == []


def test_every_change_is_kept_in_the_dated_history(ctx, national) -> None:
    service = TermService(ctx)
    service.update(
        "SO_DINH_DANH", {"version": "1.1", "length": 13}, f'"{national.lock_version}"', "độ dài mới"
    )
    history = service.history("SO_DINH_DANH")
    assert [(v.version, v.snapshot["length"]) for v in history] == [("1.0", 12), ("1.1", 13)]
    assert history[-1].note == "độ dài mới" and history[-1].actor == "tester"
    assert history[0].changed_at <= history[-1].changed_at
    with pytest.raises(StaleVersion):
        service.update("SO_DINH_DANH", {"length": 14}, '"1"')
    assert [v.version for v in service.history("SO_DINH_DANH")] == ["1.0", "1.1"]


def test_invalid_terms_are_refused_naming_the_field(ctx, national) -> None:
    service = TermService(ctx)
    with pytest.raises(InvalidInput) as refused:
        service.update("SO_DINH_DANH", {"status": "SUPERSEDED", "pattern": "(", "data_type": "VARCHAR"})
    assert set(refused.value.errors) == {"superseded_by", "pattern", "data_type"}
    with pytest.raises(InvalidInput) as unknown:
        service.update("SO_DINH_DANH", {"superseded_by": "SO_DINH_DANH", "standard": "NOPE"})
    assert set(unknown.value.errors) == {"superseded_by", "standard"}
    assert service.get("SO_DINH_DANH").status == C.TERM_IN_FORCE


def test_a_mapped_term_keeps_its_code_and_cannot_be_deleted(ctx, national) -> None:
    _dictionary(ctx, FieldData(name="sdd", mappings=holds("SO_DINH_DANH")))
    service = TermService(ctx)
    with pytest.raises(Conflict):
        service.delete("SO_DINH_DANH")
    with pytest.raises(Conflict):
        service.update("SO_DINH_DANH", {"code": "KHAC"})
    with pytest.raises(Conflict):
        service.update("SO_DINH_DANH", {"standard": "DM-XA"})
    term = service.get("SO_DINH_DANH")
    assert (term.code, term.standard.code, term.lock_version) == ("SO_DINH_DANH", "TDDL", 1)


def test_only_administrators_maintain_the_register(ctx, national) -> None:
    viewer = TermService(replace(ctx, principal=Actor(name="viewer")))
    with pytest.raises(PermissionDenied):
        viewer.update("SO_DINH_DANH", {"length": 1})
    with pytest.raises(PermissionDenied):
        viewer.delete("SO_DINH_DANH")
    assert TermService(ctx).get("SO_DINH_DANH").length == 12


def test_the_register_is_filtered_by_folded_names_synonyms_and_abbreviations(ctx, national) -> None:
    make_term(
        ctx, "TDDL", code="MA_SO_THUE", name_vi="Mã số thuế", abbreviations=["MST"], synonyms=["mã thuế"]
    )
    service = TermService(ctx)

    def codes(q: str) -> list[str]:
        return [t.code for t in service.list(TermFilters(q=q), 1, 50)[0]]

    assert codes("ma so thue") == ["MA_SO_THUE"]
    assert codes("MÃ SỐ THUẾ") == ["MA_SO_THUE"]
    assert codes("mst") == ["MA_SO_THUE"]
    assert codes("so_dinh") == ["SO_DINH_DANH"]
    assert codes("khong co") == []
    items, total = service.list(TermFilters(q="so"), 1, 1)
    assert total == 2 and len(items) == 1

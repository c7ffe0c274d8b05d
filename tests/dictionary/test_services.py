"""Business rules of the dictionary services, exercised without HTTP."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import (
    AlreadyExists,
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionRequired,
    StaleVersion,
)
from dictionary.models import Dataset, Field, OwnershipAssignment, Revision
from dictionary.services import (
    AgencyService,
    DatasetFilters,
    DatasetService,
    FieldService,
    MappingService,
    RevisionService,
)
from dictionary.services.base import slugify
from tests.factories import FieldData, make_agency, make_dataset, make_standard


def test_slugify_folds_vietnamese() -> None:
    assert slugify("Hồ sơ giải quyết TTHC — Đắk Nông") == "ho-so-giai-quyet-tthc-dak-nong"
    assert slugify("!!!") == "dataset"


def test_create_resolves_codes_to_concept_uris(ctx) -> None:
    dataset = make_dataset(ctx, slug="doanh-nghiep")
    assert dataset.sharing_class == C.SHARED
    assert dataset.status == C.DRAFT
    assert dataset.themes == [C.concept("themes", "KINH_TE")]
    assert dataset.current_assignment(C.OWNER) is not None


def test_unknown_concepts_are_all_named(ctx) -> None:
    owner = make_agency(ctx)
    with pytest.raises(InvalidInput) as caught:
        DatasetService(ctx).create(
            {"title_vi": "X", "description_vi": "Y", "owner": owner.code, "db_category": "NOPE",
             "sharing_class": "MO", "importance": "KHAC", "arch_component": "DAT",
             "themes": ["KINH_TE", "BAD"]}
        )  # fmt: skip
    assert set(caught.value.errors) == {"db_category", "themes"}
    assert ctx.session.scalar(select(func.count()).select_from(Dataset)) == 0


def test_unknown_owner_is_refused_and_nothing_written(ctx) -> None:
    with pytest.raises(InvalidInput) as caught:
        DatasetService(ctx).create(
            {"title_vi": "X", "description_vi": "Y", "owner": "NO.SUCH", "db_category": "CSDL_DP",
             "sharing_class": "MO", "importance": "KHAC", "arch_component": "DAT"}
        )  # fmt: skip
    assert "owner" in caught.value.errors
    assert ctx.session.scalar(select(func.count()).select_from(Dataset)) == 0


def test_duplicate_slug(ctx) -> None:
    make_dataset(ctx, slug="trung")
    with pytest.raises(AlreadyExists):
        make_dataset(ctx, slug="trung")


def test_personal_data_rolls_up_to_the_most_sensitive_field(ctx) -> None:
    dataset = make_dataset(ctx)
    FieldService(ctx).replace_all(
        dataset.slug,
        [FieldData(name="ho_ten", personal_data="CO_BAN"),
         FieldData(name="dan_toc", personal_data="NHAY_CAM"),
         FieldData(name="ghi_chu", personal_data=None)],
    )  # fmt: skip
    assert dataset.personal_data == C.PERSONAL_SENSITIVE
    FieldService(ctx).delete(dataset.slug, "dan_toc")
    assert dataset.personal_data == C.PERSONAL_BASIC


def test_replace_all_keeps_identity_and_order(ctx) -> None:
    dataset = make_dataset(ctx)
    service = FieldService(ctx)
    service.replace_all(dataset.slug, [FieldData(name="a"), FieldData(name="b")])
    first_id = service.get(dataset, "a").id
    service.replace_all(dataset.slug, [FieldData(name="c"), FieldData(name="a", label_vi="Đổi nhãn")])
    assert [f.name for f in dataset.fields] == ["c", "a"]
    assert [f.position for f in dataset.fields] == [1, 2]
    assert service.get(dataset, "a").id == first_id
    assert service.get(dataset, "a").label_vi == "Đổi nhãn"
    assert ctx.session.scalar(select(func.count()).select_from(Field)) == 2


def test_replace_all_with_one_bad_field_changes_nothing(ctx) -> None:
    dataset = make_dataset(ctx)
    FieldService(ctx).replace_all(dataset.slug, [FieldData(name="a")])
    with pytest.raises(InvalidInput) as caught:
        FieldService(ctx).replace_all(
            dataset.slug,
            [FieldData(name="b"), FieldData(name="c", data_type="NOT_A_TYPE"), FieldData(name="b")],
        )
    assert set(caught.value.errors) == {"fields.1.data_type", "fields.2.name"}
    ctx.session.expire_all()
    assert [f.name for f in DatasetService(ctx).get(dataset.slug).fields] == ["a"]


def test_field_position_and_rename_keep_mappings(ctx) -> None:
    dataset = make_dataset(ctx)
    standard = make_standard(ctx, code="STD-PID")
    service = FieldService(ctx)
    service.replace_all(dataset.slug, [FieldData(name="a"), FieldData(name="b")])
    MappingService(ctx).add(dataset.slug, {"field": "b", "standard": standard.code, "relation": "closeMatch"})
    service.update(dataset.slug, "b", {"name": "so_dinh_danh", "position": 1})
    assert [f.name for f in dataset.fields] == ["so_dinh_danh", "a"]
    moved = service.get(dataset, "so_dinh_danh")
    assert [m.relation for m in moved.mappings] == [C.SKOS + "closeMatch"]


def test_replace_all_renames_keep_the_record_and_its_mappings_and_swaps_are_refused(ctx) -> None:
    dataset = make_dataset(ctx)
    standard = make_standard(ctx, code="STD-REN")
    service = FieldService(ctx)
    service.replace_all(dataset.slug, [FieldData(name="a"), FieldData(name="b")])
    MappingService(ctx).add(dataset.slug, {"field": "a", "standard": standard.code})
    kept = service.get(dataset, "a").id
    service.replace_all(dataset.slug, [FieldData(name="b"), FieldData(name="c")], renames={"a": "c"})
    assert [f.name for f in dataset.fields] == ["b", "c"]
    renamed = service.get(dataset, "c")
    assert renamed.id == kept and [m.standard.code for m in renamed.mappings] == ["STD-REN"]
    with pytest.raises(InvalidInput) as caught:  # a swap: each new name is still a stored one
        service.replace_all(
            dataset.slug, [FieldData(name="c"), FieldData(name="b")], renames={"b": "c", "c": "b"}
        )
    assert caught.value.errors["fields.0.name"][0].code == "rename_taken"  # type: ignore[attr-defined]
    assert [f.name for f in dataset.fields] == ["b", "c"]


def test_mapping_rejects_unknown_relation_and_duplicates(ctx) -> None:
    dataset = make_dataset(ctx)
    standard = make_standard(ctx)
    with pytest.raises(InvalidInput) as caught:
        MappingService(ctx).add(dataset.slug, {"standard": standard.code, "relation": "sameAs"})
    assert "relation" in caught.value.errors
    MappingService(ctx).add(dataset.slug, {"standard": standard.code})
    with pytest.raises(AlreadyExists):
        MappingService(ctx).add(dataset.slug, {"standard": standard.code})


def test_stale_version_is_refused(ctx) -> None:
    dataset = make_dataset(ctx)
    DatasetService(ctx).update(dataset.slug, {"title_en": "New"}, if_match='"1"')
    assert dataset.lock_version == 2
    with pytest.raises(StaleVersion):
        DatasetService(ctx).update(dataset.slug, {"title_en": "Newer"}, if_match='"1"')
    # Strong comparison (RFC 9110): a weak tag matches nothing; no version at all is refused.
    with pytest.raises(StaleVersion):
        DatasetService(ctx).update(dataset.slug, {"title_en": "Weak"}, if_match='W/"2"')
    for missing in (None, "*", " "):
        with pytest.raises(PreconditionRequired) as refused:
            DatasetService(ctx).update(dataset.slug, {"title_en": "Blind"}, if_match=missing)
        assert refused.value.current == 2
    DatasetService(ctx).update(dataset.slug, {"title_en": "Newest"}, if_match='"2"')
    assert dataset.title_en == "Newest"
    assert dataset.lock_version == 3


def test_every_change_is_a_revision_and_restore_brings_back_the_dictionary(ctx) -> None:
    dataset = make_dataset(ctx)
    fields = FieldService(ctx)
    fields.replace_all(dataset.slug, [FieldData(name="a"), FieldData(name="b")])
    fields.delete(dataset.slug, "b")
    DatasetService(ctx).update(dataset.slug, {"title_vi": "Tên mới"})
    revisions = RevisionService(ctx)
    items, total = revisions.list(dataset.slug, 1, 10)
    assert total == 4
    assert [r.number for r in items] == [4, 3, 2, 1]
    diff = revisions.diff(dataset.slug, 2, 4)
    assert [f["name"] for f in diff["fields"]["removed"]] == ["b"]
    assert diff["attributes"]["title_vi"]["to"] == "Tên mới"

    DatasetService(ctx).restore(dataset.slug, 2)
    assert [f.name for f in dataset.fields] == ["a", "b"]
    assert dataset.title_vi != "Tên mới"
    assert revisions.list(dataset.slug, 1, 10)[1] == 5
    assert revisions.diff(dataset.slug, 2, 5)["fields"] == {"added": [], "removed": [], "changed": []}


def test_delete_only_drafts(ctx) -> None:
    dataset = make_dataset(ctx, status="PUBLISHED")
    with pytest.raises(Conflict):
        DatasetService(ctx).delete(dataset.slug)
    draft = make_dataset(ctx)
    DatasetService(ctx).delete(draft.slug)
    with pytest.raises(NotFound):
        DatasetService(ctx).get(draft.slug)
    assert ctx.session.scalar(select(func.count()).where(Revision.dataset_id == draft.id)) == 0


def test_assign_closes_the_previous_holder(ctx) -> None:
    old, new = make_agency(ctx), make_agency(ctx)
    dataset = make_dataset(ctx, owner=old, owned_since="2020-01-01")
    DatasetService(ctx).assign(dataset.slug, agency=new.code, role="owner", valid_from=date(2025, 3, 1))
    owners = [(a.agency.code, a.valid_from, a.valid_to) for a in dataset.ownerships if a.role == C.OWNER]
    assert owners == [(old.code, date(2020, 1, 1), date(2025, 3, 1)), (new.code, date(2025, 3, 1), None)]
    with pytest.raises(Conflict):
        DatasetService(ctx).assign(dataset.slug, agency=new.code, role="owner", valid_from=date(2025, 4, 1))


def test_merge_moves_ownership_and_keeps_history(ctx) -> None:
    province = make_agency(ctx, code="H68", level="TINH")
    source = make_agency(ctx, code="H67.10", parent=None, valid_from="2004-01-01")
    child = make_agency(ctx, code="H67.10.1", parent="H67.10", level="XA")
    target = make_agency(ctx, code="H68.10", parent=province.code)
    dataset = make_dataset(ctx, owner=source, owned_since="2021-05-01", custodian=source.code)
    merged_on = date(2025, 7, 1)

    AgencyService(ctx).merge(
        [source.code], into=target.code, effective_on=merged_on, legal_basis="NQ 202/2025/QH15"
    )

    ctx.session.expire_all()
    dataset = DatasetService(ctx).get(dataset.slug)
    assert dataset.current_assignment(C.OWNER).agency.code == target.code
    assert dataset.current_assignment(C.OWNER, on=date(2024, 1, 1)).agency.code == source.code
    assert dataset.current_assignment(C.CUSTODIAN).agency.code == target.code
    closed = ctx.session.scalars(
        select(OwnershipAssignment).where(OwnershipAssignment.agency_id == source.id)
    ).all()
    assert {a.valid_to for a in closed} == {merged_on}
    source = AgencyService(ctx).get(source.code)
    assert source.valid_to == merged_on
    assert AgencyService(ctx).successor(source).code == target.code
    assert AgencyService(ctx).get(child.code).parent.code == target.code
    latest = RevisionService(ctx).list(dataset.slug, 1, 10)[0][0]
    assert latest.number == 2
    assert "NQ 202/2025/QH15" in latest.message
    with pytest.raises(Conflict):
        AgencyService(ctx).merge([source.code], into=target.code, effective_on=date(2025, 8, 1))


def test_quality_and_freshness_filters(ctx, today) -> None:
    fresh = make_dataset(ctx, data_updated_on=today.isoformat(), frequency="MONTHLY")
    stale = make_dataset(ctx, data_updated_on="2025-01-01", frequency="MONTHLY")
    unknown = make_dataset(ctx, frequency=None)
    service = DatasetService(ctx)
    assert service.quality(stale).freshness == "stale"
    assert service.quality(fresh).freshness == "fresh"
    assert "stale" in service.quality(stale).gaps
    by = {
        name: {d.slug for d in service.list(DatasetFilters(freshness=name), 1, 50)[0]}
        for name in ("fresh", "stale", "unknown")
    }
    assert by == {"fresh": {fresh.slug}, "stale": {stale.slug}, "unknown": {unknown.slug}}
    assert service.quality(fresh).score == service.quality(stale).score + 20
    high = {d.slug for d in service.list(DatasetFilters(min_quality=service.quality(fresh).score), 1, 50)[0]}
    assert high == {fresh.slug}


def test_list_filters_by_agency_theme_and_class(ctx) -> None:
    agency = make_agency(ctx)
    mine = make_dataset(ctx, owner=agency, themes=["Y_TE"], sharing_class="MO")
    make_dataset(ctx)
    service = DatasetService(ctx)
    assert [d.slug for d in service.list(DatasetFilters(agency=agency.code), 1, 10)[0]] == [mine.slug]
    assert [d.slug for d in service.list(DatasetFilters(theme="Y_TE"), 1, 10)[0]] == [mine.slug]
    assert [d.slug for d in service.list(DatasetFilters(sharing_class=C.OPEN), 1, 10)[0]] == [mine.slug]
    with pytest.raises(InvalidInput):
        service.list(DatasetFilters(theme="NOT_A_THEME"), 1, 10)

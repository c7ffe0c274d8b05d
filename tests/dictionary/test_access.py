"""The access services without HTTP: scope through the agency tree and the 2025 mergers, grants and
memberships of a merged agency acting for its successor, the decision, notifications."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dictionary.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from dictionary.models import Principal
from dictionary.services import AgencyService
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from dictionary.services.grants import GrantService
from dictionary.services.notifications import NotificationService
from tests.factories import make_agency, make_dataset, make_principal, make_standard

TODAY = datetime.now(UTC).date()


@pytest.fixture
def province(ctx) -> dict:
    """Đắk Nông's Sở TN&MT (H67.10) and Lâm Đồng's Sở NN&MT (H68.06) under their committees; Sở Y tế."""
    for code, parent, level in (
        ("H67", None, "TINH"),
        ("H68", None, "TINH"),
        ("H67.10", "H67", "SO_NGANH"),
        ("H68.06", "H68", "SO_NGANH"),
        ("H68.11", "H68", "SO_NGANH"),
    ):
        make_agency(ctx, code=code, parent=parent, level=level, valid_from="2004-01-01")
    datasets = {
        "dat-dai": make_dataset(
            ctx,
            owner=AgencyService(ctx).get("H67.10"),
            slug="dat-dai",
            status="PUBLISHED",
            owned_since="2020-01-01",
        ),
        "tiem-chung": make_dataset(
            ctx, owner=AgencyService(ctx).get("H68.11"), slug="tiem-chung", status="PUBLISHED"
        ),
    }
    return {"datasets": datasets}


def actor(ctx, principal: Principal):
    return AccountService(ctx).actor_for(principal)


def file(ctx, principal: Principal, dataset: str = "tiem-chung", **overrides):
    data = {
        "dataset": dataset,
        "purpose": "Đối chiếu",
        "fields": [],
        "period_start": TODAY,
        "period_end": TODAY + timedelta(days=60),
        "legal_basis": "NĐ 47/2020",
    } | overrides
    return AccessService(ctx, actor(ctx, principal)).submit(data)


def approve(ctx, number: int) -> None:
    steward = make_principal(ctx, "steward", "H68.11")
    AccessService(ctx, actor(ctx, steward)).give_opinion(number, "agree", None)
    AccessService(ctx, actor(ctx, make_principal(ctx, "approver"))).approve(number)


def decide(ctx, agency: str, dataset: str = "tiem-chung"):
    platform = actor(ctx, make_principal(ctx, "integration"))
    decision, _, _ = GrantService(ctx, platform).check(agency, dataset)
    return decision


def test_the_committee_covers_its_departments(ctx, province) -> None:
    assert decide(ctx, "H68").rule == "owner_scope"
    assert decide(ctx, "H68.06").rule == "approval_required"


def test_after_a_merger_the_successor_covers_the_merged_agency_data(ctx, province) -> None:
    old_staff = make_principal(ctx, "editor", "H67.10")
    AgencyService(ctx).merge(["H67.10"], into="H68.06", effective_on=date(2025, 7, 1))
    # The dataset moved with the merger; the old agency's staff now act for the successor.
    assert decide(ctx, "H68.06", "dat-dai").rule == "owner_scope"
    assert decide(ctx, "H67.10", "dat-dai").rule == "owner_scope"  # an old code still answers
    seen = actor(ctx, old_staff)
    assert seen.roles[0].agency_code == "H68.06"
    with pytest.raises(Conflict):
        file(ctx, old_staff, "dat-dai")  # within their (successor's) scope


def test_a_grant_of_a_merged_agency_passes_to_its_successor(ctx, province) -> None:
    requester = make_principal(ctx, "viewer", "H67.10")
    number = file(ctx, requester).number
    approve(ctx, number)
    assert decide(ctx, "H67.10").rule == "grant"
    AgencyService(ctx).merge(["H67.10"], into="H68.06", effective_on=date(2025, 7, 1))
    successor = decide(ctx, "H68.06")
    assert (successor.allowed, successor.rule, successor.grant.number) == (True, "grant", number)
    staff_of_successor = make_principal(ctx, "viewer", "H68.06")
    assert province["datasets"]["tiem-chung"].id in actor(ctx, staff_of_successor).grants


def test_only_visible_datasets_and_known_fields_can_be_requested(ctx, province) -> None:
    requester = make_principal(ctx, "viewer", "H68.06")
    draft = make_dataset(ctx, owner=AgencyService(ctx).get("H68.11"), slug="nhap")
    with pytest.raises(NotFound):
        file(ctx, requester, draft.slug)
    with pytest.raises(InvalidInput) as caught:
        file(
            ctx,
            requester,
            fields=["khong_co"],
            period_end=TODAY - timedelta(days=400),
            period_start=TODAY - timedelta(days=500),
        )
    assert set(caught.value.errors) == {"fields", "period_end"}


def test_members_of_several_agencies_name_the_requesting_one(ctx, province) -> None:
    both = make_principal(ctx, "viewer", "H68.06")
    AccountService(ctx).update(
        both.email, {"agency": "H67.10", "role": "viewer"}, by=actor(ctx, make_principal(ctx, "admin"))
    )
    with pytest.raises(InvalidInput):
        file(ctx, both)
    assert file(ctx, both, agency="H67.10").agency.code == "H67.10"
    with pytest.raises(PermissionDenied):
        file(ctx, both, agency="H68.11")


def test_notifications_reach_each_party_once(ctx, province) -> None:
    requester = make_principal(ctx, "viewer", "H68.06")
    steward = make_principal(ctx, "steward", "H68.11")
    approver = make_principal(ctx, "approver")
    number = file(ctx, requester).number
    AccessService(ctx, actor(ctx, steward)).give_opinion(number, "disagree", "Dữ liệu nhạy cảm")
    law = make_standard(ctx, kind="REGULATION", identifier="194/2025/NĐ-CP")
    AccessService(ctx, actor(ctx, approver)).reject(number, "Không đủ căn cứ pháp lý", law.code)

    def kinds(principal: Principal) -> list[str]:
        items, _ = NotificationService(ctx, actor(ctx, principal)).list(False, 1, 50)
        return sorted(n.kind for n in items)

    assert kinds(steward) == ["request.rejected", "request.submitted"]
    assert kinds(approver) == ["request.reviewed"]
    assert kinds(requester) == ["request.rejected", "request.reviewed"]
    inbox = NotificationService(ctx, actor(ctx, requester))
    assert inbox.mark_read(None) == 2 and inbox.list(True, 1, 50)[1] == 0


def test_a_steward_above_the_owner_is_told_when_the_owner_has_none(ctx, province) -> None:
    committee = make_principal(ctx, "steward", "H68")
    file(ctx, make_principal(ctx, "viewer", "H68.06"))
    items, _ = NotificationService(ctx, actor(ctx, committee)).list(False, 1, 10)
    assert [n.kind for n in items] == ["request.submitted"]


def test_approval_may_narrow_fields_and_shorten_the_period(ctx, province) -> None:
    dataset = make_dataset(
        ctx,
        owner=AgencyService(ctx).get("H68.11"),
        slug="co-truong",
        status="PUBLISHED",
        fields=[{"name": "a", "label_vi": "A"}, {"name": "b", "label_vi": "B"}],
    )
    number = file(ctx, make_principal(ctx, "viewer", "H68.06"), dataset.slug, fields=["a", "b"]).number
    AccessService(ctx, actor(ctx, make_principal(ctx, "steward", "H68.11"))).give_opinion(
        number, "agree", None
    )
    approver = AccessService(ctx, actor(ctx, make_principal(ctx, "approver")))
    with pytest.raises(InvalidInput):
        approver.approve(number, fields=["a", "c"])
    with pytest.raises(InvalidInput):
        approver.approve(number, expires_at=datetime.now(UTC) - timedelta(days=1))
    grant = approver.approve(number, fields=["a"], expires_at=datetime.now(UTC) + timedelta(days=5))
    assert grant.fields == ["a"] and grant.state(datetime.now(UTC)) == "live"
    assert grant.state(datetime.now(UTC) + timedelta(days=6)) == "expired"

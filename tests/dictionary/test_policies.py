"""The pure rules of dictionary.policies: scope through the tree and the 2025 mergers, visibility,
edit and publish rights, the access decision, and redaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from dictionary import concepts as C
from dictionary.policies import (
    ANONYMOUS,
    Actor,
    AgencyGraph,
    AgencyRole,
    can_edit,
    can_manage_users,
    can_publish,
    decide_access,
    may_check_for,
    visibility,
)
from dictionary.visibility import Visibility

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)

# Đắk Nông's UBND (H67) with Sở TN&MT (H67.10), merged into Sở NN&MT Đắk Nông (H67.21) on 1/3/2025,
# itself merged into Sở NN&MT Lâm Đồng (H68.06) on 1/7/2025; Lâm Đồng's UBND (H68) above it.
IDS = {code: uuid.uuid4() for code in ("H67", "H67.10", "H67.21", "H68", "H68.06", "H68.04", "H68.04.1")}
PARENTS = {
    IDS["H67"]: None,
    IDS["H67.10"]: IDS["H67"],
    IDS["H67.21"]: IDS["H67"],
    IDS["H68"]: None,
    IDS["H68.06"]: IDS["H68"],
    IDS["H68.04"]: IDS["H68"],
    IDS["H68.04.1"]: IDS["H68.04"],
}
MERGED = {IDS["H67.10"]: IDS["H67.21"], IDS["H67.21"]: IDS["H68.06"], IDS["H67"]: IDS["H68"]}
GRAPH = AgencyGraph(PARENTS, MERGED, {value: key for key, value in IDS.items()})


def ids(*codes: str) -> frozenset[uuid.UUID]:
    return frozenset(IDS[code] for code in codes)


def staff(code: str, role: str = "viewer", grants: Mapping[uuid.UUID, frozenset[str]] | None = None) -> Actor:
    agency = GRAPH.successor(IDS[code])
    member = AgencyRole(agency, code, role, GRAPH.scope(agency), GRAPH.lineage(agency))
    return Actor(principal_id=uuid.uuid4(), name=code, roles=(member,), grants=grants or {})


def dataset(
    owner: str, *, status: str = C.PUBLISHED, sharing: str = C.SHARED, custodian: str | None = None
) -> Any:
    """A stand-in with what the rules read: ownerships, status, sharing class, fields…"""
    assignments = [SimpleNamespace(agency_id=IDS[owner], role=C.OWNER, valid_to=None)]
    if custodian:
        assignments.append(SimpleNamespace(agency_id=IDS[custodian], role=C.CUSTODIAN, valid_to=None))
    owner_assignment = assignments[0]
    return SimpleNamespace(
        id=uuid.uuid4(),
        status=status,
        sharing_class=sharing,
        ownerships=assignments,
        current_assignment=lambda role: owner_assignment if role == C.OWNER else None,
        fields=[
            SimpleNamespace(name="ho_ten", restricted=False, foreign_key_field_id=None),
            SimpleNamespace(name="cccd", restricted=True, foreign_key_field_id=None),
            SimpleNamespace(name="thu_nhap", restricted=True, foreign_key_field_id=None),
        ],
        mappings=[],
        contact_points=[SimpleNamespace(name="Nguyễn Văn A", email="a@lamdong.gov.vn")],
        distributions=[
            SimpleNamespace(
                slug="api", access_url="https://lgsp/x", title_vi="API", access_rights=RESTRICTED_ACCESS
            ),
            SimpleNamespace(
                slug="csv", access_url="https://mo/x.csv", title_vi="CSV", access_rights=C.PUBLIC_ACCESS
            ),
        ],
    )


RESTRICTED_ACCESS = "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"


def grant(state: str, agency: str = "H68.04") -> Any:
    starts = NOW - timedelta(days=10)
    expires = NOW + timedelta(days=10) if state != "expired" else NOW - timedelta(days=1)
    result = SimpleNamespace(
        number=7,
        agency_id=IDS[agency],
        fields=["cccd"],
        created_at=starts,
        expires_at=expires,
        starts_at=starts,
        revoked_at=NOW if state == "revoked" else None,
    )
    result.state = lambda now: (
        "revoked" if result.revoked_at else "expired" if now >= result.expires_at else "live"
    )
    return result


# Scope and lineage -------------------------------------------------------------------------


def test_successor_follows_every_merger() -> None:
    assert GRAPH.successor(IDS["H67.10"]) == IDS["H68.06"]
    assert GRAPH.successor(IDS["H68.06"]) == IDS["H68.06"]


def test_scope_is_the_subtree_plus_what_was_merged_in() -> None:
    assert GRAPH.scope(IDS["H68.04"]) == ids("H68.04", "H68.04.1")
    assert GRAPH.scope(IDS["H68.06"]) == ids("H68.06", "H67.21", "H67.10")
    # The province's committee covers everything, the former province's included.
    assert GRAPH.scope(IDS["H68"]) == frozenset(IDS.values())


def test_a_membership_of_a_merged_agency_acts_for_its_successor() -> None:
    old = staff("H67.10")
    assert old.roles[0].agency_id == IDS["H68.06"]
    assert IDS["H67.10"] in old.scope() and IDS["H68.06"] in old.scope()
    assert old.role_for(IDS["H67.10"]) is not None


def test_lineage_has_no_children() -> None:
    assert GRAPH.lineage(IDS["H68.06"]) == ids("H68.06", "H67.21", "H67.10")
    assert GRAPH.lineage(IDS["H68.04"]) == ids("H68.04")


def test_a_cycle_in_bad_data_does_not_hang() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    graph = AgencyGraph({a: None, b: None}, {a: b, b: a}, {a: "A", b: "B"})
    assert graph.successor(a) in (a, b)
    assert graph.scope(a) == {a, b}


# Visibility ---------------------------------------------------------------------------------


def test_visibility_by_kind_of_principal() -> None:
    assert visibility(ANONYMOUS) == Visibility.anonymous()
    assert visibility(Actor(principal_id=uuid.uuid4(), global_role="admin")).everything
    assert visibility(Actor(principal_id=uuid.uuid4(), global_role="approver")).everything
    integration = visibility(Actor(principal_id=uuid.uuid4(), global_role="integration"))
    assert not integration.everything and not integration.scope and C.SHARED in integration.sharing_classes
    viewer = visibility(staff("H68.04"))
    assert viewer.scope == ids("H68.04", "H68.04.1")


@pytest.mark.parametrize(
    ("who", "status", "sharing", "sees", "sees_restricted"),
    [
        ("anonymous", C.PUBLISHED, C.OPEN, True, False),
        ("anonymous", C.PUBLISHED, C.SHARED, False, False),
        ("anonymous", C.DRAFT, C.OPEN, False, False),
        ("other staff", C.PUBLISHED, C.SHARED, True, False),
        ("other staff", C.PUBLISHED, C.PRIVATE, True, False),
        ("other staff", C.DRAFT, C.SHARED, False, False),
        ("owner staff", C.DRAFT, C.PRIVATE, True, True),
        ("parent staff", C.DRAFT, C.SHARED, True, True),
        ("grant holder", C.PUBLISHED, C.SHARED, True, True),
    ],
)
def test_what_each_principal_sees(
    who: str, status: str, sharing: str, sees: bool, sees_restricted: bool
) -> None:
    item = dataset("H68.04.1", status=status, sharing=sharing)
    actor = {
        "anonymous": ANONYMOUS,
        "other staff": staff("H68.06"),
        "owner staff": staff("H68.04.1"),
        "parent staff": staff("H68.04"),
        "grant holder": staff("H68.06", grants={item.id: frozenset()}),
    }[who]
    seen = visibility(actor)
    assert seen.can_see(item) is sees
    assert seen.sees_every_field(item) is sees_restricted
    assert seen.sees_access_details(item) is sees_restricted


# Rights -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code", "edit", "publish"),
    [
        ("viewer", "H68.04", False, False),
        ("editor", "H68.04", True, False),
        ("steward", "H68.04", True, True),
        ("agency_admin", "H68.04", True, True),
        ("steward", "H68.06", False, False),  # another department
        ("editor", "H68.04.1", False, False),  # a child does not edit its parent's data
    ],
)
def test_edit_and_publish_follow_role_and_scope(role: str, code: str, edit: bool, publish: bool) -> None:
    item = dataset("H68.04")
    assert can_edit(staff(code, role), item) is edit
    assert can_publish(staff(code, role), item) is publish


def test_custodian_sees_but_does_not_edit() -> None:
    item = dataset("H68.04", status=C.DRAFT, custodian="H68.06")
    editor = staff("H68.06", "editor")
    assert visibility(editor).sees_every_field(item)
    assert not can_edit(editor, item)


def test_merged_agency_staff_edit_what_their_successor_owns() -> None:
    assert can_edit(staff("H67.10", "editor"), dataset("H68.06"))


def test_user_management_and_decision_api_rights() -> None:
    admin = staff("H68.04", "agency_admin")
    assert can_manage_users(admin, IDS["H68.04.1"]) and not can_manage_users(admin, IDS["H68.06"])
    assert not can_manage_users(staff("H68.04", "steward"), IDS["H68.04"])
    assert may_check_for(staff("H68.04"), IDS["H68.04"]) and not may_check_for(staff("H68.04"), IDS["H68.06"])
    assert may_check_for(Actor(principal_id=uuid.uuid4(), global_role="integration"), IDS["H68.06"])


# The access decision ------------------------------------------------------------------------


def test_decision_in_scope_open_and_by_grant() -> None:
    scope = GRAPH.scope(IDS["H68.04"])
    assert decide_access(scope, dataset("H68.04.1"), [], NOW).rule == "owner_scope"
    assert decide_access(scope, dataset("H68.06", sharing=C.OPEN), [], NOW).rule == "open_data"
    denied = decide_access(scope, dataset("H68.06"), [], NOW)
    assert (denied.allowed, denied.rule) == (False, "approval_required")
    allowed = decide_access(scope, dataset("H68.06"), [grant("live")], NOW)
    assert (allowed.allowed, allowed.rule, allowed.grant.number) == (True, "grant", 7)
    assert allowed.as_dict()["grant"]["fields"] == ["cccd"]


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_dead_grants_explain_the_denial(state: str) -> None:
    decision = decide_access(GRAPH.scope(IDS["H68.04"]), dataset("H68.06"), [grant(state)], NOW)
    assert (decision.allowed, decision.rule) == (False, f"grant_{state}")


def test_an_open_draft_still_needs_approval() -> None:
    decision = decide_access(frozenset(), dataset("H68.06", status=C.DRAFT, sharing=C.OPEN), [], NOW)
    assert not decision.allowed


# Redaction ----------------------------------------------------------------------------------


def test_redaction_hides_restricted_fields_access_details_and_contacts() -> None:
    item = dataset("H68.04")
    view = visibility(staff("H68.06")).redact(item)
    assert [f.name for f in view.fields] == ["ho_ten"]
    assert view.contact_points == []
    assert view.distributions[0].access_url is None and view.distributions[0].title_vi == "API"
    assert view.distributions[1].access_url == "https://mo/x.csv", "a public download stays public"
    assert view.status == C.PUBLISHED  # everything else reads through
    with pytest.raises(AttributeError):
        view.status = C.DRAFT
    assert visibility(staff("H68.04")).redact(item) is item


def test_a_grant_narrowed_to_fields_shows_those_restricted_fields_only() -> None:
    item = dataset("H68.04")
    seen = visibility(staff("H68.06", grants={item.id: frozenset({"cccd"})}))
    assert [f.name for f in seen.visible_fields(item)] == ["ho_ten", "cccd"]
    assert not seen.sees_every_field(item), "the restricted text of the dataset stays closed"
    assert seen.sees_access_details(item) and not seen.needs_request(item)
    view = seen.redact(item)
    assert [f.name for f in view.fields] == ["ho_ten", "cccd"] and view.contact_points != []
    assert seen.hidden_names(item) == frozenset({"thu_nhap"})
    message = seen.redact_message(
        "Sửa trường / field changed: thu_nhap (thu_nhap_cu, cccd)", seen.hidden_names(item)
    )
    assert message == "Sửa trường / field changed: [trường hạn chế / restricted field] (thu_nhap_cu, cccd)"
    whole = visibility(staff("H68.06", grants={item.id: frozenset()}))
    assert whole.sees_every_field(item) and whole.redact(item) is item


def test_a_diff_hides_a_field_restricted_on_either_side() -> None:
    item = dataset("H68.04")
    old = {"fields": [{"name": "bi_mat", "restricted": False}, {"name": "ho_ten", "restricted": False}]}
    new = {"fields": [{"name": "bi_mat", "restricted": True}, {"name": "ho_ten", "restricted": False}]}
    before, after = visibility(staff("H68.06")).redact_snapshots(item, old, new)
    assert [f["name"] for f in before["fields"]] == [f["name"] for f in after["fields"]] == ["ho_ten"]

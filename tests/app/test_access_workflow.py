"""The access-approval workflow end to end over HTTP, with every denial the rules promise.

Sở Tài chính (H68.04) asks for the immunisation data of Sở Y tế (H68.11): request → owner's
opinion → approval → grant → check → expiry → revocation, and the integration platform asks the
decision API at each step.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.extension import catalog_of
from tests.factories import AgencyData, DatasetData, FieldData, StandardData

API = "/api/v1"
TODAY = datetime.now(UTC).date()


@pytest.fixture
def world(client, client_as) -> dict:
    """Agencies, a published shared dataset with a restricted field, and one client per party."""
    client.post(f"{API}/agencies", json=AgencyData(code="H68", level="TINH"))
    for code in ("H68.04", "H68.11"):
        assert client.post(f"{API}/agencies", json=AgencyData(code=code, parent="H68")).status_code == 201
    fields = [FieldData(name="ho_ten"), FieldData(name="so_cccd", restricted=True, personal_data="CO_BAN")]
    for slug, owner in (("tiem-chung", "H68.11"), ("benh-vien", "H68.11"), ("ngan-sach", "H68.04")):
        body = DatasetData(owner=owner, slug=slug, status="PUBLISHED", fields=fields)
        assert client.post(f"{API}/datasets", json=body).status_code == 201
    regulation = StandardData(code="ND194", identifier="194/2025/NĐ-CP", kind="REGULATION")
    assert client.post(f"{API}/standards", json=regulation).status_code == 201
    return {
        "admin": client,
        "requester": client_as("editor", "H68.04"),
        "steward": client_as("steward", "H68.11"),
        "other_steward": client_as("steward", "H68.04"),
        "approver": client_as("approver"),
        "platform": client_as("integration"),
    }


def request_body(dataset: str = "tiem-chung", **overrides) -> dict:
    return {
        "dataset": dataset,
        "purpose": "Đối chiếu đối tượng hưởng chính sách",
        "fields": ["ho_ten", "so_cccd"],
        "period_start": TODAY.isoformat(),
        "period_end": (TODAY + timedelta(days=90)).isoformat(),
        "legal_basis": "Nghị định 47/2020/NĐ-CP, Điều 11",
    } | overrides


def check(world, dataset: str = "tiem-chung") -> dict:
    response = world["platform"].get(f"{API}/access/check?agency=H68.04&dataset={dataset}")
    assert response.status_code == 200, response.json
    return response.json


def travel(app, expires_in: timedelta) -> None:
    """Move every grant in time so that it expires ``expires_in`` from now."""
    expires = datetime.now(UTC) + expires_in
    with catalog_of(app).engine.begin() as connection:
        connection.execute(
            text("UPDATE access_grant SET starts_at = :starts, expires_at = :expires"),
            {"starts": expires - timedelta(days=30), "expires": expires},
        )


def field_names(client, slug: str = "tiem-chung") -> list[str]:
    return [field["name"] for field in client.get(f"{API}/datasets/{slug}").json["fields"]]


def test_request_opinion_approval_grant_check_expiry_revoke(app, world) -> None:
    requester, steward, approver = world["requester"], world["steward"], world["approver"]
    assert check(world)["rule"] == "approval_required"
    assert field_names(requester) == ["ho_ten"]

    filed = requester.post(f"{API}/access/requests", json=request_body())
    assert filed.status_code == 201, filed.json
    number = filed.json["number"]
    assert (filed.json["status"], filed.json["agency"], filed.json["fields"]) == (
        "submitted",
        "H68.04",
        ["ho_ten", "so_cccd"],
    )
    assert requester.post(f"{API}/access/requests", json=request_body()).status_code == 409  # still open
    kinds = [n["kind"] for n in steward.get(f"{API}/notifications").json]
    assert kinds == ["request.submitted"]

    # The approver waits for the owner agency's opinion; only the owner's stewards give it.
    assert approver.post(f"{API}/access/requests/{number}/approve", json={}).status_code == 409
    assert (
        world["other_steward"]
        .post(f"{API}/access/requests/{number}/opinion", json={"opinion": "agree"})
        .status_code
        == 403
    )
    opinion = steward.post(
        f"{API}/access/requests/{number}/opinion", json={"opinion": "agree", "comment": "Đồng ý"}
    )
    assert opinion.status_code == 200 and opinion.json["status"] == "reviewed"
    assert (
        steward.post(f"{API}/access/requests/{number}/opinion", json={"opinion": "agree"}).status_code == 409
    )
    assert [n["kind"] for n in approver.get(f"{API}/notifications?unread=true").json] == ["request.reviewed"]

    approved = approver.post(f"{API}/access/requests/{number}/approve", json={"reason": "Phù hợp quy chế"})
    assert approved.status_code == 201, approved.json
    assert (approved.json["number"], approved.json["state"], approved.json["agency"]) == (
        number,
        "live",
        "H68.04",
    )
    assert approver.post(f"{API}/access/requests/{number}/approve", json={}).status_code == 409  # twice

    decided = check(world)
    assert (decided["allowed"], decided["rule"], decided["grant"]["number"]) == (True, "grant", number)
    assert decided["grant"]["fields"] == ["ho_ten", "so_cccd"]
    assert field_names(requester) == ["ho_ten", "so_cccd"]  # grant holders see restricted fields
    assert "request.approved" in [n["kind"] for n in requester.get(f"{API}/notifications").json]
    assert requester.get(f"{API}/access/grants/{number}").json["state"] == "live"

    # Time passes: an expired grant stops working by itself, no job needed.
    travel(app, expires_in=timedelta(hours=-1))
    assert (check(world)["allowed"], check(world)["rule"]) == (False, "grant_expired")
    assert field_names(requester) == ["ho_ten"]
    travel(app, expires_in=timedelta(days=9))
    assert check(world)["allowed"] is True

    # Revocation works at once, once.
    assert requester.post(f"{API}/access/grants/{number}/revoke", json={"reason": "x"}).status_code == 403
    revoked = approver.post(f"{API}/access/grants/{number}/revoke", json={"reason": "Hết nhu cầu"})
    assert revoked.status_code == 200 and revoked.json["state"] == "revoked"
    assert approver.post(f"{API}/access/grants/{number}/revoke", json={"reason": "again"}).status_code == 409
    assert (check(world)["allowed"], check(world)["rule"]) == (False, "grant_revoked")
    assert "grant.revoked" in [n["kind"] for n in requester.get(f"{API}/notifications").json]

    # Every decision of the platform is in the audit log, and the log is intact.
    checks = world["admin"].get(f"{API}/audit?action=access.check&page_size=100").json
    assert len(checks) >= 6 and {c["after"]["rule"] for c in checks} >= {
        "approval_required",
        "grant",
        "grant_revoked",
    }
    assert world["admin"].get(f"{API}/audit/verify").json["ok"] is True


def test_requesting_what_one_already_may_use_is_refused(world) -> None:
    requester = world["requester"]
    own = requester.post(f"{API}/access/requests", json=request_body("ngan-sach"))
    assert own.status_code == 409 and "phạm vi của cơ quan bạn" in own.json["message"]
    assert requester.post(f"{API}/access/requests", json=request_body("khong-co")).status_code == 404
    bad = requester.post(
        f"{API}/access/requests", json=request_body(fields=["khong_co"], period_end="2020-01-01")
    )
    assert bad.status_code == 422 and {"fields", "period_end"} <= set(bad.json["errors"]["json"])
    assert (
        world["approver"].post(f"{API}/access/requests", json=request_body()).status_code == 403
    )  # not staff


def test_rejection_needs_a_reason_and_a_legal_basis_and_is_final(world, client) -> None:
    number = world["requester"].post(f"{API}/access/requests", json=request_body()).json["number"]
    approver = world["approver"]
    reject = f"{API}/access/requests/{number}/reject"
    missing = approver.post(reject, json={})
    assert missing.status_code == 422 and set(missing.json["errors"]["json"]) == {"reason", "legal_basis"}
    no_basis = approver.post(reject, json={"reason": "Không đủ căn cứ"})
    assert no_basis.status_code == 422 and set(no_basis.json["errors"]["json"]) == {"legal_basis"}
    blank = approver.post(reject, json={"reason": " ", "legal_basis": "ND194"})
    assert blank.status_code == 422 and "reason" in blank.json["errors"]["json"]
    # A standard of the register that is not a regulation is no legal basis.
    client.post(f"{API}/standards", json=StandardData(code="QCVN109"))
    not_law = approver.post(reject, json={"reason": "Không đủ căn cứ", "legal_basis": "QCVN109"})
    assert not_law.status_code == 422 and "QCVN109" in not_law.json["errors"]["json"]["legal_basis"][0]
    assert world["requester"].get(f"{API}/access/requests/{number}").json["status"] == "submitted"
    rejected = approver.post(reject, json={"reason": "Không đủ căn cứ", "legal_basis": "ND194"})
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    assert rejected.json["refusal_basis"] == "ND194"
    assert approver.post(f"{API}/access/requests/{number}/approve", json={}).status_code == 409
    assert check(world)["allowed"] is False
    # A new request may be filed once the old one is decided.
    assert world["requester"].post(f"{API}/access/requests", json=request_body()).status_code == 201


def test_an_approver_cannot_approve_their_own_request(world, client_as) -> None:
    both = client_as("viewer", "H68.04", global_role="approver")  # an approver who is also staff
    number = both.post(f"{API}/access/requests", json=request_body("benh-vien")).json["number"]
    world["steward"].post(f"{API}/access/requests/{number}/opinion", json={"opinion": "disagree"})
    own = both.post(f"{API}/access/requests/{number}/approve", json={})
    assert own.status_code == 403 and "do chính mình gửi" in own.json["message"]
    denied = world["admin"].get(f"{API}/audit?action=access.denied").json
    assert any(event["object_id"].endswith(f"/requests/{number}/approve") for event in denied)
    # Another approver may; the owner's disagreement is advice, the decision is the province's.
    assert world["approver"].post(f"{API}/access/requests/{number}/approve", json={}).status_code == 201


def test_withdrawal_and_who_sees_a_request(world, client_as) -> None:
    number = world["requester"].post(f"{API}/access/requests", json=request_body()).json["number"]
    outsider = client_as("steward", "H68")  # the province's committee is above both…
    assert (
        outsider.get(f"{API}/access/requests/{number}").status_code == 200
    )  # …so its scope covers the owner
    stranger = world["other_steward"]  # same agency as the requester: a party
    assert stranger.get(f"{API}/access/requests/{number}").status_code == 200
    assert world["platform"].get(f"{API}/access/requests/{number}").status_code == 404
    assert world["steward"].post(f"{API}/access/requests/{number}/withdraw").status_code == 403
    withdrawn = world["requester"].post(f"{API}/access/requests/{number}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json["status"] == "withdrawn"
    assert (
        world["approver"]
        .post(f"{API}/access/requests/{number}/reject", json={"reason": "x", "legal_basis": "ND194"})
        .status_code
        == 409
    )


def test_a_revoked_token_stops_working(world) -> None:
    requester = world["requester"]
    tokens = requester.get(f"{API}/tokens").json
    assert len(tokens) == 1 and tokens[0]["state"] == "active"
    assert requester.delete(f"{API}/tokens/{tokens[0]['id']}").status_code == 200
    refused = requester.get(f"{API}/me")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert requester.post(f"{API}/access/requests", json=request_body()).status_code == 401
    rejected = world["admin"].get(f"{API}/audit?action=auth.rejected").json
    assert rejected and rejected[0]["after"]["reason"] == "The token was revoked"

"""The authorization matrix: every route of the app × every role × in scope / out of scope / granted.

The routes come from ``app.url_map``, so a route added later fails ``test_every_route_has_an_
expectation`` until someone decides who may call it, here and in app/permissions.py. The expected
statuses below are written from DESIGN.md §6, not recorded from the app. Allowed writes are made
harmless on purpose: catalog writes carry a stale ``If-Match`` (412 proves the request got past
authorization and changed nothing) or an incomplete body (422); workflow steps act on objects
created for that one case.

Relations, always seen from a principal of agency A (M68.01):
- in_scope: A's own dataset / agency A / a request or grant about A's data / A's own token;
- out_of_scope: agency B's dataset (M68.02) / agency B / a request or grant between B and C;
- granted: B's dataset on which A holds a live grant / a request or grant held by A.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.extension import catalog_of
from app.permissions import rule_for
from tests.app.authz_world import RELATIONS, World, build_world
from tests.conftest import _accounts_context, client_with_token

ROLES = ("anonymous", "viewer", "editor", "steward", "agency_admin", "approver", "admin", "integration")
RANK = {"viewer": 0, "editor": 1, "steward": 2, "agency_admin": 3}
Expect = Callable[[str, str], int]


# Expected statuses, by rule ------------------------------------------------------------------


def anyone(ok: int) -> Expect:
    return lambda role, rel: ok


def signed_in(ok: int) -> Expect:
    return lambda role, rel: 401 if role == "anonymous" else ok


def only(*roles: str, ok: int) -> Expect:
    return lambda role, rel: 401 if role == "anonymous" else ok if role in roles else 403


def shared_dataset(ok: int) -> Expect:
    """Published shared metadata: every signed-in principal; anonymous callers do not see it exists."""
    return lambda role, rel: 404 if role == "anonymous" else ok


def restricted(ok: int, anonymous: int = 401) -> Expect:
    """Restricted parts: the owning scope, grant holders, approvers and administrators."""

    def expect(role: str, rel: str) -> int:
        if role == "anonymous":
            return anonymous
        if role in ("admin", "approver") or (role in RANK and rel != "out_of_scope"):
            return ok
        return 403

    return expect


def owner_write(minimum: str, ok: int) -> Expect:
    """Catalog writes: administrators, and staff of at least ``minimum`` in the owner's scope."""

    def expect(role: str, rel: str) -> int:
        if role == "anonymous":
            return 401
        if role == "admin" or (role in RANK and RANK[role] >= RANK[minimum] and rel == "in_scope"):
            return ok
        return 403

    return expect


def party(ok: int) -> Expect:
    """A request or grant: its parties (requester, owner), approvers and administrators; others 404."""

    def expect(role: str, rel: str) -> int:
        if role == "anonymous":
            return 401
        if role in ("admin", "approver") or (role in RANK and rel != "out_of_scope"):
            return ok
        return 404

    return expect


def user_admin(ok: int, outside: int) -> Expect:
    def expect(role: str, rel: str) -> int:
        if role == "anonymous":
            return 401
        if role == "admin" or (role == "agency_admin" and rel == "in_scope"):
            return ok
        return outside if role == "agency_admin" else 403

    return expect


def opinion(role: str, rel: str) -> int:
    if role == "anonymous":
        return 401
    if role not in RANK or RANK[role] < RANK["steward"]:
        return 403
    return {"in_scope": 200, "out_of_scope": 404, "granted": 403}[rel]


def withdraw(role: str, rel: str) -> int:
    if role == "anonymous":
        return 401
    return {"in_scope": 403, "out_of_scope": 404, "granted": 200}[rel] if role in RANK else 403


def file_request(role: str, rel: str) -> int:
    if role == "anonymous":
        return 401
    return {"in_scope": 409, "out_of_scope": 201, "granted": 409}[rel] if role in RANK else 403


def own_token(role: str, rel: str) -> int:
    if role == "anonymous":
        return 401
    return 200 if rel == "in_scope" or role == "admin" else 404


def campaigns(ok: int) -> Expect:
    """Campaigns: every agency's staff and the coordinators (approver, administrators)."""
    return only(*RANK, "approver", "admin", ok=ok)


def csrf_form(ok: int) -> Expect:
    """Cookie forms: without a session's CSRF token a browser post is refused; token callers skip CSRF."""
    return lambda role, rel: 403 if role == "anonymous" else ok


# Cases: how to call each route ---------------------------------------------------------------


@dataclass
class Case:
    path: str | Callable[[World, str, str], str]
    expect: Expect
    body: dict[str, Any] | Callable[[World, str, str], dict[str, Any]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    form: bool = False


STALE = {"If-Match": '"0"'}
_unique = itertools.count(1)
TODAY = datetime.now(UTC).date()
REQUEST_BODY = {
    "purpose": "Đối chiếu",
    "legal_basis": "NĐ 47/2020",
    "period_start": TODAY.isoformat(),
    "period_end": (TODAY + timedelta(days=30)).isoformat(),
}
DISTRIBUTION = {
    "kind": "API",
    "title_vi": "Dịch vụ",
    "access_url": "https://lgsp.example.gov.vn/x",
    "access_rights": "RESTRICTED",
}
FIELD = {"name": "truong_moi", "label_vi": "Trường mới"}


def step(status: str, action: str) -> Callable[[World, str, str], str]:
    """The path of a workflow step on a request made, in ``status``, for this one case."""
    return lambda world, role, rel: f"/api/v1/access/requests/{world.new_request(rel, status)}/{action}"


def fresh_dataset_request(world: World, role: str, rel: str) -> dict[str, Any]:
    dataset = world.new_b_dataset() if rel == "out_of_scope" else world.dataset[rel]
    return {"dataset": dataset, **REQUEST_BODY}


def new_user(world: World, role: str, rel: str) -> dict[str, Any]:
    agency = world.agency[rel]
    email = f"moi.{next(_unique)}@test.lamdong.gov.vn"
    return {"email": email, "name": "Người mới", "agency": agency, "role": "viewer"}


A = "/api/v1"
D = A + "/datasets/{ds}"
NO_ID = "0000aaaa-0000-4000-8000-000000000000"
"""A harvest source or job that does not exist (the matrix is about who may ask)."""
CASES: dict[tuple[str, str], Case] = {
    # Framework
    ("GET", "/static/<path:filename>"): Case("/static/css/catalog.css", anyone(200)),
    ("GET", "/api/openapi.json"): Case("/api/openapi.json", anyone(200)),
    ("GET", "/api/docs"): Case("/api/docs", anyone(200)),
    ("GET", "/api/docs/assets/<name>"): Case("/api/docs/assets/swagger-ui.css", anyone(200)),
    # Agencies
    ("GET", A + "/agencies"): Case(A + "/agencies", anyone(200)),
    ("POST", A + "/agencies"): Case(A + "/agencies", only("admin", ok=422), body={}),
    ("GET", A + "/agencies/<code>"): Case(A + "/agencies/{agency}", anyone(200)),
    ("PATCH", A + "/agencies/<code>"): Case(
        A + "/agencies/{agency}", only("admin", ok=412), {"name_en": "X"}, STALE
    ),
    ("DELETE", A + "/agencies/<code>"): Case(A + "/agencies/{agency}", only("admin", ok=412), headers=STALE),
    ("GET", A + "/agencies/<code>/children"): Case(A + "/agencies/{agency}/children", anyone(200)),
    ("POST", A + "/agencies/<code>/rename"): Case(
        A + "/agencies/{agency}/rename",
        only("admin", ok=412),
        {"name_vi": "Tên", "effective_on": "2026-01-01"},
        STALE,
    ),
    ("POST", A + "/agencies/<code>/merge"): Case(
        A + "/agencies/{agency}/merge", only("admin", ok=422), body={}
    ),
    ("POST", A + "/agencies/<code>/split"): Case(
        A + "/agencies/{agency}/split", only("admin", ok=422), body={}
    ),
    # Datasets
    ("GET", A + "/datasets"): Case(A + "/datasets", anyone(200)),
    ("POST", A + "/datasets"): Case(
        A + "/datasets", owner_write("editor", 422), body=lambda w, role, rel: {"owner": w.agency[rel]}
    ),
    ("GET", D.replace("{ds}", "<slug>")): Case(D, shared_dataset(200)),
    ("PATCH", D.replace("{ds}", "<slug>")): Case(D, owner_write("editor", 412), {"title_en": "X"}, STALE),
    ("DELETE", D.replace("{ds}", "<slug>")): Case(D, owner_write("editor", 412), headers=STALE),
    ("POST", A + "/datasets/<slug>/ownerships"): Case(
        D + "/ownerships",
        only("admin", ok=412),
        {"agency": "M68.02", "role": "custodian", "valid_from": "2026-01-01"},
        STALE,
    ),
    # Whoever sees a dataset sees its history (an open dataset's anonymously too).
    ("GET", A + "/datasets/<slug>/revisions"): Case(D + "/revisions", shared_dataset(200)),
    ("GET", A + "/datasets/<slug>/revisions/<int:number>"): Case(D + "/revisions/1", restricted(200)),
    ("POST", A + "/datasets/<slug>/revisions/<int:number>/restore"): Case(
        D + "/revisions/1/restore", owner_write("steward", 412), headers=STALE
    ),
    ("GET", A + "/datasets/<slug>/diff"): Case(D + "/diff?from=1&to=1", restricted(200)),
    ("GET", A + "/datasets/<slug>/dcat-validation"): Case(
        D + "/dcat-validation?recommended=false", shared_dataset(200)
    ),
    ("POST", A + "/harvest"): Case(A + "/harvest", only("admin", ok=422), body={}),
    ("GET", A + "/harvest/sources"): Case(A + "/harvest/sources", only("admin", ok=200)),
    ("POST", A + "/harvest/sources"): Case(A + "/harvest/sources", only("admin", ok=422), body={}),
    ("GET", A + "/harvest/sources/<uuid:source_id>"): Case(
        A + f"/harvest/sources/{NO_ID}", only("admin", ok=404)
    ),
    ("PATCH", A + "/harvest/sources/<uuid:source_id>"): Case(
        A + f"/harvest/sources/{NO_ID}", only("admin", ok=404), body={}, headers=STALE
    ),
    ("DELETE", A + "/harvest/sources/<uuid:source_id>"): Case(
        A + f"/harvest/sources/{NO_ID}", only("admin", ok=404), headers=STALE
    ),
    ("GET", A + "/harvest/sources/<uuid:source_id>/jobs"): Case(
        A + f"/harvest/sources/{NO_ID}/jobs", only("admin", ok=404)
    ),
    ("POST", A + "/harvest/sources/<uuid:source_id>/jobs"): Case(
        A + f"/harvest/sources/{NO_ID}/jobs", only("admin", ok=404)
    ),
    ("GET", A + "/harvest/sources/<uuid:source_id>/jobs/<uuid:job_id>"): Case(
        A + f"/harvest/sources/{NO_ID}/jobs/{NO_ID}", only("admin", ok=404)
    ),
    # The data dictionary
    ("GET", A + "/datasets/<slug>/fields"): Case(D + "/fields", shared_dataset(200)),
    ("POST", A + "/datasets/<slug>/fields"): Case(D + "/fields", owner_write("editor", 412), FIELD, STALE),
    ("PUT", A + "/datasets/<slug>/fields"): Case(
        D + "/fields", owner_write("editor", 412), {"fields": []}, STALE
    ),
    ("GET", A + "/datasets/<slug>/fields/<name>"): Case(D + "/fields/cong_khai", shared_dataset(200)),
    ("PATCH", A + "/datasets/<slug>/fields/<name>"): Case(
        D + "/fields/cong_khai", owner_write("editor", 412), {"label_en": "X"}, STALE
    ),
    ("DELETE", A + "/datasets/<slug>/fields/<name>"): Case(
        D + "/fields/cong_khai", owner_write("editor", 412), headers=STALE
    ),
    ("GET", A + "/datasets/<slug>/mappings"): Case(D + "/mappings", shared_dataset(200)),
    ("POST", A + "/datasets/<slug>/mappings"): Case(
        D + "/mappings", owner_write("editor", 412), {"standard": "STD-M", "term": "khac"}, STALE
    ),
    ("PATCH", A + "/datasets/<slug>/mappings/<uuid:mapping_id>"): Case(
        D + "/mappings/{mapping}", owner_write("editor", 412), {"note": "X"}, STALE
    ),
    ("DELETE", A + "/datasets/<slug>/mappings/<uuid:mapping_id>"): Case(
        D + "/mappings/{mapping}", owner_write("editor", 412), headers=STALE
    ),
    ("GET", A + "/datasets/<slug>/distributions"): Case(D + "/distributions", shared_dataset(200)),
    ("POST", A + "/datasets/<slug>/distributions"): Case(
        D + "/distributions", owner_write("editor", 412), DISTRIBUTION, STALE
    ),
    ("GET", A + "/datasets/<slug>/distributions/<dist>"): Case(D + "/distributions/api", shared_dataset(200)),
    ("PATCH", A + "/datasets/<slug>/distributions/<dist>"): Case(
        D + "/distributions/api", owner_write("editor", 412), {"title_en": "X"}, STALE
    ),
    ("DELETE", A + "/datasets/<slug>/distributions/<dist>"): Case(
        D + "/distributions/api", owner_write("editor", 412), headers=STALE
    ),
    ("GET", A + "/datasets/<slug>/dictionary.xlsx"): Case(D + "/dictionary.xlsx", shared_dataset(200)),
    ("GET", A + "/datasets/<slug>/dictionary.csv"): Case(D + "/dictionary.csv", shared_dataset(200)),
    ("GET", A + "/dictionary-template.xlsx"): Case(A + "/dictionary-template.xlsx", anyone(200)),
    ("GET", A + "/dictionary-template.csv"): Case(A + "/dictionary-template.csv", anyone(200)),
    ("POST", A + "/datasets/<slug>/dictionary/import"): Case(
        D + "/dictionary/import", owner_write("editor", 422), headers=STALE, form=True
    ),
    # Standards, vocabularies, search
    ("GET", A + "/standards"): Case(A + "/standards", anyone(200)),
    ("POST", A + "/standards"): Case(A + "/standards", only("admin", ok=422), body={}),
    ("GET", A + "/standards/<code>"): Case(A + "/standards/STD-M", anyone(200)),
    ("PATCH", A + "/standards/<code>"): Case(
        A + "/standards/STD-M", only("admin", ok=412), {"title_en": "X"}, STALE
    ),
    ("DELETE", A + "/standards/<code>"): Case(A + "/standards/STD-M", only("admin", ok=412), headers=STALE),
    ("GET", A + "/terms"): Case(A + "/terms", anyone(200)),
    ("POST", A + "/terms"): Case(A + "/terms", only("admin", ok=422), body={}),
    ("GET", A + "/terms/<code>"): Case(A + "/terms/TERM-M", anyone(200)),
    ("PATCH", A + "/terms/<code>"): Case(A + "/terms/TERM-M", only("admin", ok=412), {"name_en": "X"}, STALE),
    ("DELETE", A + "/terms/<code>"): Case(A + "/terms/TERM-M", only("admin", ok=412), headers=STALE),
    ("GET", A + "/terms/<code>/history"): Case(A + "/terms/TERM-M/history", anyone(200)),
    ("GET", A + "/terms/<code>/fields"): Case(A + "/terms/TERM-M/fields", anyone(200)),
    ("GET", A + "/term-suggestions"): Case(A + "/term-suggestions?name=thuat_ngu", anyone(200)),
    ("GET", A + "/datasets/<slug>/conformance"): Case(D + "/conformance", shared_dataset(200)),
    ("GET", A + "/agencies/<code>/conformance"): Case(A + "/agencies/{agency}/conformance", anyone(200)),
    ("GET", A + "/vocabularies"): Case(A + "/vocabularies", anyone(200)),
    ("GET", A + "/vocabularies/<scheme_id>"): Case(A + "/vocabularies/statuses", anyone(200)),
    ("GET", A + "/vocabularies/<scheme_id>/<code>"): Case(A + "/vocabularies/statuses/DRAFT", anyone(200)),
    ("GET", A + "/search"): Case(A + "/search?q=thu", anyone(200)),
    ("GET", A + "/search/fields"): Case(A + "/search/fields?q=thu", anyone(200)),
    ("GET", A + "/search/suggest"): Case(A + "/search/suggest?q=thu", anyone(200)),
    ("GET", A + "/search/terms"): Case(A + "/search/terms?q=thu", anyone(200)),
    ("GET", A + "/terms-template.xlsx"): Case(A + "/terms-template.xlsx", anyone(200)),
    ("GET", A + "/terms-template.csv"): Case(A + "/terms-template.csv", anyone(200)),
    ("GET", A + "/standards/<code>/terms.xlsx"): Case(A + "/standards/STD-M/terms.xlsx", anyone(200)),
    ("GET", A + "/standards/<code>/terms.csv"): Case(A + "/standards/STD-M/terms.csv", anyone(200)),
    ("POST", A + "/standards/<code>/terms/import"): Case(
        A + "/standards/STD-M/terms/import", only("admin", ok=422), form=True
    ),
    # Linked data and web pages
    ("GET", "/catalog"): Case("/catalog", anyone(200)),
    ("GET", "/catalog.<suffix>"): Case("/catalog.ttl", anyone(200)),
    ("GET", "/dataset/<name>"): Case("/dataset/{ds}", shared_dataset(200)),
    ("GET", "/dataset/<slug>/csvw.json"): Case("/dataset/{ds}/csvw.json", shared_dataset(200)),
    ("GET", "/dataset/<slug>/tableschema.json"): Case("/dataset/{ds}/tableschema.json", shared_dataset(200)),
    ("GET", "/agency/<name>"): Case("/agency/{agency}", anyone(200)),
    ("GET", "/standard/<name>"): Case("/standard/STD-M", anyone(200)),
    ("GET", "/term/<name>"): Case("/term/TERM-M", anyone(200)),
    ("GET", "/terms"): Case("/terms", anyone(200)),
    ("GET", "/vocab/<name>"): Case("/vocab/statuses", anyone(200)),
    ("GET", "/vocab/<scheme_id>/<name>"): Case("/vocab/statuses/DRAFT", anyone(200)),
    ("GET", "/"): Case("/", anyone(200)),
    ("GET", "/search"): Case("/search?q=thu", anyone(200)),
    ("GET", "/agencies"): Case("/agencies", anyone(200)),
    ("GET", "/standards"): Case("/standards", anyone(200)),
    ("GET", "/standards/<code>"): Case("/standards/STD-M", anyone(308)),
    ("GET", "/vocab"): Case("/vocab", anyone(200)),
    ("GET", "/dataset/<slug>/history"): Case("/dataset/{ds}/history", shared_dataset(200)),
    # Web pages for staff: editing, dictionary import, access workflow, audit
    ("GET", "/workspace"): Case("/workspace", signed_in(200)),
    ("POST", "/workspace/notifications/read"): Case(
        "/workspace/notifications/read",
        signed_in(303),
        form=True,  # one's own: marked, then back
    ),
    ("POST", "/workspace/notifications/preferences"): Case(
        "/workspace/notifications/preferences", signed_in(303), form=True
    ),
    ("GET", "/datasets/new"): Case(
        "/datasets/new", only("editor", "steward", "agency_admin", "admin", ok=200)
    ),
    ("POST", "/datasets/new"): Case(
        "/datasets/new", only("editor", "steward", "agency_admin", "admin", ok=200), form=True
    ),
    **{
        (method, "/dataset/<slug>" + page): Case(
            "/dataset/{ds}" + page.replace("<name>", "cong_khai"),
            owner_write("editor", 200),
            form=method == "POST",
        )
        for page in (
            "/edit", "/fields", "/fields/<name>", "/dictionary", "/mappings", "/distributions", "/import"
        )
        for method in ("GET", "POST")
    },
    ("GET", "/access/requests/new"): Case(
        "/access/requests/new", only("viewer", "editor", "steward", "agency_admin", ok=200)
    ),
    ("POST", "/access/requests/new"): Case(
        "/access/requests/new", only("viewer", "editor", "steward", "agency_admin", ok=200), form=True
    ),
    ("GET", "/access/requests"): Case("/access/requests", signed_in(200)),
    ("GET", "/access/inbox"): Case("/access/inbox", signed_in(200)),
    ("GET", "/access/grants"): Case("/access/grants", signed_in(200)),
    ("GET", "/access/requests/<int:number>"): Case("/access/requests/{request}", party(200)),
    ("POST", "/access/requests/<int:number>"): Case("/access/requests/{request}", party(400), form=True),
    ("GET", "/access/grants/<int:number>"): Case("/access/grants/{grant}", party(200)),
    ("GET", "/access/requests/<int:number>/letter.pdf"): Case(
        "/access/requests/{grant}/letter.pdf", party(200)
    ),
    ("GET", "/access/overdue"): Case("/access/overdue", signed_in(200)),
    ("POST", "/access/grants/<int:number>"): Case(
        lambda w, role, rel: f"/access/grants/{w.new_grant(rel)}",
        only("approver", "admin", ok=303),  # revoked, then back to the grant page
        {"reason": "Thu hồi"},
        form=True,
    ),
    ("GET", "/audit"): Case("/audit", only("admin", ok=200)),
    ("GET", "/terms/import"): Case("/terms/import", only("admin", ok=200)),
    ("POST", "/terms/import"): Case("/terms/import", only("admin", ok=200), form=True),
    ("POST", "/dataset/<slug>/fields/<name>/accept-term"): Case(
        "/dataset/{ds}/fields/cong_khai/accept-term", owner_write("editor", 303), form=True
    ),
    ("GET", "/harvest/sources"): Case("/harvest/sources", only("admin", ok=200)),
    ("POST", "/harvest/sources"): Case("/harvest/sources", only("admin", ok=200), form=True),  # refused form
    ("GET", "/harvest/sources/<uuid:source_id>"): Case(f"/harvest/sources/{NO_ID}", only("admin", ok=404)),
    ("POST", "/harvest/sources/<uuid:source_id>/run"): Case(
        f"/harvest/sources/{NO_ID}/run", only("admin", ok=404), form=True
    ),
    ("GET", "/harvest/sources/<uuid:source_id>/edit"): Case(
        f"/harvest/sources/{NO_ID}/edit", only("admin", ok=404)
    ),
    ("POST", "/harvest/sources/<uuid:source_id>/edit"): Case(
        f"/harvest/sources/{NO_ID}/edit", only("admin", ok=404), form=True
    ),
    ("GET", "/harvest/sources/<uuid:source_id>/delete"): Case(
        f"/harvest/sources/{NO_ID}/delete", only("admin", ok=404)
    ),
    ("POST", "/harvest/sources/<uuid:source_id>/delete"): Case(
        f"/harvest/sources/{NO_ID}/delete", only("admin", ok=404), form=True
    ),
    ("GET", "/harvest/sources/<uuid:source_id>/jobs/<uuid:job_id>"): Case(
        f"/harvest/sources/{NO_ID}/jobs/{NO_ID}", only("admin", ok=404)
    ),
    # Sign-in, accounts, tokens
    ("GET", "/login"): Case("/login", anyone(200)),
    # A new login name each time (and every call has its own address, see _call): the throttle
    # counts failures per name and per address.
    ("POST", "/login"): Case(
        "/login", csrf_form(401), lambda *_: {"email": f"x{next(_unique)}@x.vn"}, form=True
    ),
    ("POST", "/logout"): Case("/logout", csrf_form(303), form=True),
    # Password reset: the link's token is the credential (a made-up one is 404 for everyone).
    ("GET", "/password-reset/<token>"): Case("/password-reset/not-a-token", anyone(404)),
    ("POST", "/password-reset/<token>"): Case("/password-reset/not-a-token", csrf_form(404), form=True),
    ("GET", "/admin/password-reset"): Case("/admin/password-reset", only("admin", ok=200)),
    ("POST", "/admin/password-reset"): Case("/admin/password-reset", only("admin", ok=200), form=True),
    ("POST", A + "/users/<name>/password-reset"): Case(
        A + "/users/{user}/password-reset", only("admin", ok=201)
    ),
    ("GET", A + "/me"): Case(A + "/me", signed_in(200)),
    ("GET", A + "/tokens"): Case(A + "/tokens", signed_in(200)),
    ("POST", A + "/tokens"): Case(A + "/tokens", signed_in(201), {"name": "matrix"}),
    ("DELETE", A + "/tokens/<uuid:token_id>"): Case(
        lambda w, role, rel: f"{A}/tokens/{w.new_token(role, rel)}", own_token
    ),
    ("GET", A + "/users"): Case(A + "/users", only("agency_admin", "admin", ok=200)),
    ("POST", A + "/users"): Case(A + "/users", user_admin(201, outside=403), new_user),
    ("GET", A + "/users/<name>"): Case(A + "/users/{user}", user_admin(200, outside=404)),
    ("PATCH", A + "/users/<name>"): Case(
        A + "/users/{user}", user_admin(200, outside=404), {"name": "Tên mới"}
    ),
    # The access workflow
    ("GET", A + "/access/requests"): Case(A + "/access/requests", signed_in(200)),
    ("POST", A + "/access/requests"): Case(A + "/access/requests", file_request, fresh_dataset_request),
    ("GET", A + "/access/requests/<int:number>"): Case(A + "/access/requests/{request}", party(200)),
    ("POST", A + "/access/requests/<int:number>/opinion"): Case(
        step("submitted", "opinion"), opinion, {"opinion": "agree"}
    ),
    ("POST", A + "/access/requests/<int:number>/approve"): Case(
        step("reviewed", "approve"), only("approver", ok=201), {}
    ),
    ("POST", A + "/access/requests/<int:number>/reject"): Case(
        step("submitted", "reject"),
        only("approver", ok=200),
        {"reason": "Không đủ", "legal_basis": "STD-LAW"},
    ),
    ("GET", A + "/access/requests/<int:number>/letter.pdf"): Case(
        A + "/access/requests/{grant}/letter.pdf", party(200)
    ),
    ("GET", A + "/access/overdue"): Case(A + "/access/overdue", signed_in(200)),
    ("GET", A + "/access/dashboard"): Case(A + "/access/dashboard", only("approver", "admin", ok=200)),
    ("GET", "/governance"): Case("/governance", only("approver", "admin", ok=200)),
    ("GET", A + "/access/register"): Case(A + "/access/register", only("approver", "admin", ok=200)),
    ("GET", A + "/access/register.csv"): Case(A + "/access/register.csv", only("approver", "admin", ok=200)),
    ("GET", A + "/access/register.xlsx"): Case(
        A + "/access/register.xlsx", only("approver", "admin", ok=200)
    ),
    ("POST", A + "/access/requests/<int:number>/withdraw"): Case(step("submitted", "withdraw"), withdraw),
    ("GET", A + "/access/grants"): Case(A + "/access/grants", signed_in(200)),
    ("GET", A + "/access/grants/<int:number>"): Case(A + "/access/grants/{grant}", party(200)),
    ("POST", A + "/access/grants/<int:number>/revoke"): Case(
        lambda w, role, rel: f"/api/v1/access/grants/{w.new_grant(rel)}/revoke",
        only("approver", "admin", ok=200),
        {"reason": "Thu hồi"},
    ),
    ("GET", A + "/access/check"): Case(A + "/access/check?agency=M68.01&dataset={ds}", signed_in(200)),
    ("GET", A + "/notifications"): Case(A + "/notifications", signed_in(200)),
    ("POST", A + "/notifications/read"): Case(A + "/notifications/read", signed_in(200), {"all": True}),
    # The CKAN Action API: public reads, the caller's visibility inside (a POST only reads)
    ("GET", "/api/3/action/<name>"): Case("/api/3/action/package_show?id={ds}", shared_dataset(200)),
    ("POST", "/api/3/action/<name>"): Case("/api/3/action/package_search", anyone(200), {"rows": 1}),
    ("GET", "/api/action/<name>"): Case("/api/action/package_list", anyone(200)),
    ("POST", "/api/action/<name>"): Case(
        "/api/action/package_show", shared_dataset(200), lambda w, role, rel: {"id": w.dataset[rel]}
    ),
    ("GET", "/api/2/action/<name>"): Case("/api/2/action/organization_list", anyone(200)),
    ("POST", "/api/2/action/<name>"): Case("/api/2/action/group_list", anyone(200), {}),
    ("GET", "/api/3"): Case("/api/3", anyone(200)),
    ("GET", "/api/util/status"): Case("/api/util/status", anyone(200)),
    ("GET", A + "/notifications/preferences"): Case(A + "/notifications/preferences", signed_in(200)),
    ("PUT", A + "/notifications/preferences"): Case(
        A + "/notifications/preferences", signed_in(200), {"email": False}
    ),
    # The public summary
    ("GET", A + "/statistics"): Case(A + "/statistics", anyone(200)),
    ("GET", "/statistics"): Case("/statistics", anyone(200)),
    # Documentation campaigns: agency staff and the coordinator read, the coordinator writes
    ("GET", A + "/campaigns"): Case(A + "/campaigns", campaigns(200)),
    ("POST", A + "/campaigns"): Case(A + "/campaigns", only("approver", "admin", ok=422), {"title": "x"}),
    ("GET", A + "/campaigns/tasks"): Case(A + "/campaigns/tasks", campaigns(200)),
    ("GET", A + "/campaigns/<int:number>"): Case(A + "/campaigns/{campaign}", campaigns(200)),
    ("POST", A + "/campaigns/<int:number>/close"): Case(
        lambda w, role, rel: f"{A}/campaigns/{w.new_campaign()}/close", only("approver", "admin", ok=200)
    ),
    ("GET", A + "/campaigns/<int:number>/report.csv"): Case(
        A + "/campaigns/{campaign}/report.csv", campaigns(200)
    ),
    ("GET", A + "/campaigns/<int:number>/report.xlsx"): Case(
        A + "/campaigns/{campaign}/report.xlsx", campaigns(200)
    ),
    ("GET", "/campaigns"): Case("/campaigns", campaigns(200)),
    ("GET", "/campaigns/tasks"): Case("/campaigns/tasks", campaigns(200)),
    ("GET", "/campaigns/<int:number>"): Case("/campaigns/{campaign}", campaigns(200)),
    ("GET", "/campaigns/new"): Case("/campaigns/new", only("approver", "admin", ok=200)),
    ("POST", "/campaigns/new"): Case("/campaigns/new", only("approver", "admin", ok=200), form=True),
    ("POST", "/campaigns/<int:number>/close"): Case(
        lambda w, role, rel: f"/campaigns/{w.new_campaign()}/close",
        only("approver", "admin", ok=303),
        form=True,
    ),
    # The audit log
    ("GET", A + "/audit"): Case(A + "/audit", only("admin", ok=200)),
    ("GET", A + "/audit/export"): Case(A + "/audit/export", only("admin", ok=200)),
    ("GET", A + "/audit/verify"): Case(A + "/audit/verify", only("admin", ok=200)),
}


def routes(app) -> list[tuple[str, str]]:
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    )


def test_every_route_has_a_rule(app) -> None:
    """No route is reachable without an explicit rule (the guard would refuse it anyway)."""
    missing = [
        (method, rule.rule, rule.endpoint)
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
        if rule_for(rule.endpoint, method) is None
    ]
    assert missing == [], "give these endpoints a rule in app/permissions.py"


def test_every_route_has_an_expectation(app) -> None:
    missing = [route for route in routes(app) if route not in CASES]
    assert missing == [], "add these routes to CASES in tests/app/test_authz_matrix.py (and a rule)"
    assert [route for route in CASES if route not in routes(app)] == [], "routes that no longer exist"


def _call(app, world: World, method: str, case: Case, role: str, rel: str):  # noqa: PLR0917
    client = client_with_token(app, world.tokens[role]) if role != "anonymous" else app.test_client()
    path = case.path(world, role, rel) if callable(case.path) else case.path
    path = path.format(**world.values(rel))
    body = case.body(world, role, rel) if callable(case.body) else case.body
    # Each call from its own address, so that login throttling per address never decides a status.
    n = next(_unique)
    options = {
        "headers": case.headers,
        "buffered": True,
        "environ_base": {"REMOTE_ADDR": f"10.9.{n // 250}.{n % 250}"},
    }
    if case.form:
        return client.open(path, method=method, data=body or {}, **options)
    return client.open(path, method=method, json=body, **options)


def test_the_matrix(app) -> None:
    """Every route × role × relation answers the expected status; all mismatches are listed."""
    world = build_world(app)
    mismatches, calls = [], 0
    for (method, rule), case in sorted(CASES.items()):
        for role in ROLES:
            for rel in RELATIONS:
                expected = case.expect(role, rel)
                response = _call(app, world, method, case, role, rel)
                calls += 1
                if response.status_code != expected:
                    detail = response.get_data(as_text=True)[:120].replace("\n", " ")
                    mismatches.append(
                        f"{method} {rule} as {role}/{rel}: {response.status_code}, "
                        f"expected {expected} — {detail}"
                    )
    world.close()
    assert calls == len(CASES) * len(ROLES) * len(RELATIONS)
    assert mismatches == [], "\n" + "\n".join(mismatches)


def test_an_endpoint_without_a_rule_is_closed(settings, app) -> None:
    """A route someone adds without a rule is refused to everyone, administrators included."""
    from app import create_app

    fresh = create_app(settings)
    fresh.add_url_rule("/api/v1/moi", "colleague.new_thing", lambda: {"secret": True})
    ctx = _accounts_context(fresh)
    from tests.factories import make_principal, make_token

    token = make_token(ctx, make_principal(ctx, "admin"))
    ctx.session.close()
    assert fresh.test_client().get("/api/v1/moi").status_code == 401
    assert client_with_token(fresh, token).get("/api/v1/moi").status_code == 403
    catalog_of(fresh).engine.dispose()

"""Signing in: web sessions (cookie flags, CSRF, throttling), API tokens (scopes, expiry), accounts."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from app.cli import main
from app.extension import catalog_of
from dictionary.models import ApiToken, LoginThrottle, Principal
from tests.conftest import _accounts_context, client_with_token
from tests.factories import AgencyData, DatasetData, make_agency, make_principal, make_token

API = "/api/v1"
PASSWORD = "mật-khẩu-đủ-dài-2026"


@pytest.fixture
def staff(app) -> Principal:
    ctx = _accounts_context(app)
    agency = make_agency(ctx, code="H68.04")
    principal = make_principal(
        ctx, "editor", agency.code, email="bien.tap@stc.lamdong.gov.vn", password=PASSWORD
    )
    ctx.session.close()
    return principal


def csrf_of(client, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client, email: str = "bien.tap@stc.lamdong.gov.vn", password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_of(client)})


# Web sessions -------------------------------------------------------------------------------


def test_login_sets_a_hardened_session_cookie(anonymous_client, staff) -> None:
    response = sign_in(anonymous_client)
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "catalog_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" in cookie  # outside development the cookie only travels over HTTPS
    me = anonymous_client.get(f"{API}/me").json
    assert (me["user"]["email"], me["auth"]) == ("bien.tap@stc.lamdong.gov.vn", "session")
    assert me["scope"] == ["H68.04"] and me["csrf_token"]


def test_cookie_writes_need_the_csrf_token(anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    body = DatasetData(owner="H68.04")
    refused = anonymous_client.post(f"{API}/datasets", json=body)
    assert refused.status_code == 403 and "CSRF" in refused.json["message"]
    token = anonymous_client.get(f"{API}/me").json["csrf_token"]
    wrong = anonymous_client.post(f"{API}/datasets", json=body, headers={"X-CSRF-Token": token + "x"})
    assert wrong.status_code == 403
    created = anonymous_client.post(f"{API}/datasets", json=body, headers={"X-CSRF-Token": token})
    assert created.status_code == 201
    assert created.json["owner"] == "H68.04"


def test_login_form_itself_needs_its_csrf_token(anonymous_client, staff) -> None:
    forged = anonymous_client.post("/login", data={"email": staff.email, "password": PASSWORD})
    assert forged.status_code == 403  # a page elsewhere cannot sign a victim in to an account


def test_wrong_passwords_lock_the_account_name_for_a_while(app, anonymous_client, staff) -> None:
    for _ in range(5):
        assert sign_in(anonymous_client, password="sai mật khẩu rồi").status_code == 401
    locked = sign_in(anonymous_client)
    assert locked.status_code == 429  # even the right password, for a while
    assert 0 < int(locked.headers["Retry-After"]) <= 60
    other_name = sign_in(anonymous_client, email="khac@stc.lamdong.gov.vn", password="x")
    assert other_name.status_code == 401  # another name from the same address is not blocked
    with catalog_of(app).engine.begin() as connection:  # the lock passes
        connection.execute(
            text("UPDATE login_throttle SET locked_until = :t"),
            {"t": datetime.now(UTC) - timedelta(seconds=1)},
        )
    assert sign_in(anonymous_client).status_code == 303
    session = catalog_of(app).sessionmaker()
    rows = {(row.kind, row.key) for row in session.scalars(select(LoginThrottle))}
    session.close()
    # The success cleared its account name, not the address nor the other name.
    assert rows == {("address", "127.0.0.1"), ("account", "khac@stc.lamdong.gov.vn")}


def test_unknown_users_and_deactivated_users_cannot_sign_in(app, anonymous_client, staff, client) -> None:
    assert sign_in(anonymous_client, email="khong.co@x.vn").status_code == 401
    assert client.patch(f"{API}/users/{staff.email}", json={"active": False}).status_code == 200
    assert sign_in(anonymous_client).status_code == 401


def test_logout_and_password_change_end_the_session(anonymous_client, staff, client) -> None:
    sign_in(anonymous_client)
    assert anonymous_client.get(f"{API}/me").status_code == 200
    csrf = anonymous_client.get(f"{API}/me").json["csrf_token"]
    assert anonymous_client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert anonymous_client.get(f"{API}/me").status_code == 401
    sign_in(anonymous_client)
    assert (
        client.patch(f"{API}/users/{staff.email}", json={"password": "một mật khẩu mới hẳn"}).status_code
        == 200
    )
    assert anonymous_client.get(f"{API}/me").status_code == 401  # the old session is gone


def test_login_redirects_only_within_the_site(anonymous_client, staff) -> None:
    token = csrf_of(anonymous_client)
    form = {"email": staff.email, "password": PASSWORD, "csrf_token": token, "next": "https://evil.example/"}
    assert anonymous_client.post("/login", data=form).headers["Location"] == "/workspace"


# API tokens ---------------------------------------------------------------------------------


def test_a_read_token_cannot_write(client_as, client) -> None:
    client.post(f"{API}/agencies", json=AgencyData(code="H68.06"))
    reader = client_as("editor", "H68.06", scopes=("read",))
    assert reader.get(f"{API}/datasets").status_code == 200
    refused = reader.post(f"{API}/datasets", json=DatasetData(owner="H68.06"))
    assert refused.status_code == 403 and "read-only" in refused.json["message"]
    assert reader.post(f"{API}/tokens", json={"name": "x", "scopes": ["read", "write"]}).status_code == 403


def test_tokens_are_shown_once_stored_hashed_and_expire(app, client) -> None:
    issued = client.post(f"{API}/tokens", json={"name": "LGSP", "scopes": ["read"], "days": 7})
    assert issued.status_code == 201 and issued.json["token"].startswith("sdc_")
    secret = issued.json["token"]
    assert "token" not in client.get(f"{API}/tokens").json[0]
    session = catalog_of(app).sessionmaker()
    stored = session.get(ApiToken, uuid.UUID(issued.json["id"]))
    assert secret not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    session.close()
    assert client_with_token(app, secret).get(f"{API}/me").status_code == 200
    with catalog_of(app).engine.begin() as connection:
        connection.execute(
            text("UPDATE api_token SET expires_at = :t"), {"t": datetime.now(UTC) - timedelta(1)}
        )
    expired = client_with_token(app, secret).get(f"{API}/me")
    assert expired.status_code == 401 and expired.json["message"] == "Mã truy cập đã hết hạn"
    english = client_with_token(app, secret).get(f"{API}/me", headers={"Accept-Language": "en"})
    assert english.json["message"] == "The token has expired"


@pytest.mark.parametrize(
    "header", ["Bearer sdc_nothing", "Bearer", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 60]
)
def test_bad_credentials_are_401_not_anonymous(app, header) -> None:
    response = app.test_client().get(f"{API}/datasets", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="catalog"'


def test_token_last_use_is_recorded(app, client) -> None:
    client.get(f"{API}/me")
    session = catalog_of(app).sessionmaker()
    assert session.scalar(select(ApiToken.last_used_at)) is not None
    session.close()


def test_request_ids_are_echoed(client) -> None:
    assert client.get(f"{API}/me", headers={"X-Request-Id": "lgsp-123"}).headers["X-Request-Id"] == "lgsp-123"
    assert len(client.get(f"{API}/me", headers={"X-Request-Id": "bad <id>"}).headers["X-Request-Id"]) == 32


# Accounts: who manages whom, and the CLI -----------------------------------------------------


def test_agency_admins_manage_their_own_staff_only(client, client_as) -> None:
    for code in ("H68", "H68.04", "H68.11"):
        client.post(f"{API}/agencies", json=AgencyData(code=code, parent=None if code == "H68" else "H68"))
    admin = client_as("agency_admin", "H68.04")
    made = admin.post(
        f"{API}/users",
        json={"email": "Moi@STC.lamdong.gov.vn", "name": "Người mới", "agency": "H68.04", "role": "steward"},
    )
    assert made.status_code == 201 and made.json["email"] == "moi@stc.lamdong.gov.vn"
    assert (
        admin.post(
            f"{API}/users", json={"email": "x@syt.vn", "name": "X", "agency": "H68.11", "role": "viewer"}
        ).status_code
        == 403
    )
    assert (
        admin.post(
            f"{API}/users", json={"email": "y@stc.vn", "name": "Y", "global_role": "approver"}
        ).status_code
        == 403
    )
    assert (
        admin.post(
            f"{API}/users",
            json={"email": "moi@stc.lamdong.gov.vn", "name": "Z", "agency": "H68.04", "role": "viewer"},
        ).status_code
        == 409
    )
    assert [u["email"] for u in admin.get(f"{API}/users").json if u["email"] == "moi@stc.lamdong.gov.vn"]
    assert {u["global_role"] for u in admin.get(f"{API}/users").json} == {None}
    changed = admin.patch(f"{API}/users/moi@stc.lamdong.gov.vn", json={"role": "editor"})
    assert changed.status_code == 200 and changed.json["memberships"][0]["role"] == "editor"
    assert admin.get(f"{API}/users/admin@test.lamdong.gov.vn").status_code == 404  # an administrator


def test_cli_creates_users_and_tokens(database_url, monkeypatch, app) -> None:
    monkeypatch.setenv("CATALOG_DATABASE_URL", database_url)
    ctx = _accounts_context(app)
    make_agency(ctx, code="H68.11")
    ctx.session.close()
    runner = CliRunner()
    created = runner.invoke(
        main,
        [
            "users",
            "create",
            "--email",
            "ql@syt.lamdong.gov.vn",
            "--name",
            "Quản lý",
            "--agency",
            "H68.11",
            "--role",
            "agency_admin",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert created.exit_code == 0, created.output
    approver = runner.invoke(
        main,
        [
            "users",
            "create",
            "--email",
            "pd@ubnd.vn",
            "--name",
            "Phê duyệt",
            "--role",
            "approver",
            "--no-password",
        ],
    )
    assert approver.exit_code == 0, approver.output
    duplicate = runner.invoke(
        main,
        ["users", "create", "--email", "pd@ubnd.vn", "--name", "X", "--role", "approver", "--no-password"],
    )
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    token = runner.invoke(
        main, ["tokens", "create", "--email", "pd@ubnd.vn", "--name", "LGSP", "--scope", "read"]
    )
    assert token.exit_code == 0, token.output
    secret = token.stdout.strip().splitlines()[0]
    me = client_with_token(app, secret).get(f"{API}/me").json
    assert (me["user"]["global_role"], me["token_scopes"]) == ("approver", ["read"])


def test_cli_revokes_tokens(database_url, monkeypatch, app) -> None:
    monkeypatch.setenv("CATALOG_DATABASE_URL", database_url)
    ctx = _accounts_context(app)
    principal = make_principal(ctx, "admin")
    secret = make_token(ctx, principal)
    token_id = ctx.session.scalar(select(ApiToken.id))
    ctx.session.close()
    assert CliRunner().invoke(main, ["tokens", "revoke", str(token_id)]).exit_code == 0
    assert client_with_token(app, secret).get(f"{API}/me").status_code == 401

"""Web sessions live on the server: logout, deactivation and a new password end them for every copy
of the cookie; they expire when idle and at a fixed age; the cookie changes at login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from app.extension import catalog_of
from dictionary.models import WebSession
from dictionary.services.signin import SESSION_IDLE, SESSION_MAX_AGE
from tests.app.test_auth import PASSWORD, csrf_of, sign_in
from tests.conftest import _accounts_context
from tests.factories import make_agency, make_principal

API = "/api/v1"
COOKIE = "catalog_session"


@pytest.fixture
def staff(app):
    ctx = _accounts_context(app)
    make_agency(ctx, code="H68.04")
    principal = make_principal(
        ctx, "editor", "H68.04", email="bien.tap@stc.lamdong.gov.vn", password=PASSWORD
    )
    ctx.session.close()
    return principal


def copy_of(app, client):
    """A second client carrying the same session cookie (what a thief would replay)."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return thief


def stored_sessions(app) -> int:
    session = catalog_of(app).sessionmaker()
    try:
        return session.scalar(select(func.count()).select_from(WebSession)) or 0
    finally:
        session.close()


def test_a_cookie_copied_before_logout_stops_working_after_it(app, anonymous_client, staff) -> None:
    assert sign_in(anonymous_client).status_code == 303
    thief = copy_of(app, anonymous_client)
    assert thief.get(f"{API}/me").status_code == 200
    assert thief.get("/workspace").status_code == 200
    csrf = anonymous_client.get(f"{API}/me").json["csrf_token"]
    assert anonymous_client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert stored_sessions(app) == 0
    assert thief.get(f"{API}/me").status_code == 401
    page = thief.get("/workspace", headers={"Accept": "text/html"})
    assert page.status_code == 401 and "text/html" in page.content_type
    assert anonymous_client.get(f"{API}/me").status_code == 401


def test_only_a_hash_of_the_session_id_is_stored(app, anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    session = catalog_of(app).sessionmaker()
    stored = session.scalar(select(WebSession))
    session.close()
    with anonymous_client.session_transaction() as cookie:
        assert len(cookie["sid"]) >= 40 and cookie["sid"] != stored.id_hash
    assert len(stored.id_hash) == 64 and stored.principal_id == staff.id


def test_disabling_a_user_ends_every_session(app, anonymous_client, staff, client) -> None:
    sign_in(anonymous_client)
    laptop = app.test_client()
    sign_in(laptop)
    assert stored_sessions(app) == 2
    assert client.patch(f"{API}/users/{staff.email}", json={"active": False}).status_code == 200
    assert stored_sessions(app) == 0
    assert anonymous_client.get(f"{API}/me").status_code == 401
    assert laptop.get(f"{API}/me").status_code == 401
    # Turning the account back on does not bring the old sessions back.
    assert client.patch(f"{API}/users/{staff.email}", json={"active": True}).status_code == 200
    assert laptop.get(f"{API}/me").status_code == 401


def test_a_deactivated_user_is_refused_even_with_a_live_session_row(app, anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    with catalog_of(app).engine.begin() as connection:  # deactivated behind the service's back
        connection.execute(text("UPDATE principal SET active = :no"), {"no": False})
    assert anonymous_client.get(f"{API}/me").status_code == 401
    assert stored_sessions(app) == 0


def test_a_new_password_signs_out_everywhere(app, anonymous_client, staff, client) -> None:
    sign_in(anonymous_client)
    thief = copy_of(app, anonymous_client)
    changed = client.patch(f"{API}/users/{staff.email}", json={"password": "một mật khẩu mới hẳn"})
    assert changed.status_code == 200
    assert thief.get(f"{API}/me").status_code == 401
    assert anonymous_client.get(f"{API}/me").status_code == 401


@pytest.mark.parametrize(
    ("column", "age"),
    [("last_seen_at", SESSION_IDLE + timedelta(minutes=1)), ("created_at", SESSION_MAX_AGE)],
)
def test_sessions_expire_when_idle_and_at_a_fixed_age(app, anonymous_client, staff, column, age) -> None:
    sign_in(anonymous_client)
    assert anonymous_client.get(f"{API}/me").status_code == 200
    then = datetime.now(UTC) - age
    with catalog_of(app).engine.begin() as connection:
        if column == "created_at":  # the absolute limit, however active the session
            connection.execute(
                text("UPDATE web_session SET created_at = :t, expires_at = :e, last_seen_at = :now"),
                {"t": then, "e": then + SESSION_MAX_AGE, "now": datetime.now(UTC)},
            )
        else:
            connection.execute(text("UPDATE web_session SET last_seen_at = :t"), {"t": then})
    assert anonymous_client.get(f"{API}/me").status_code == 401
    assert stored_sessions(app) == 0


def test_activity_keeps_a_session_alive(app, anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    a_while_ago = datetime.now(UTC) - SESSION_IDLE + timedelta(minutes=5)
    with catalog_of(app).engine.begin() as connection:
        connection.execute(text("UPDATE web_session SET last_seen_at = :t"), {"t": a_while_ago})
    assert anonymous_client.get(f"{API}/me").status_code == 200
    session = catalog_of(app).sessionmaker()
    seen = session.scalar(select(WebSession.last_seen_at))
    session.close()
    assert seen > a_while_ago + timedelta(minutes=4)


def test_the_cookie_changes_at_login_so_a_planted_one_is_useless(app, anonymous_client, staff) -> None:
    anonymous_client.get("/login")
    planted = anonymous_client.get_cookie(COOKIE).value  # what an attacker could have set beforehand
    before_csrf = csrf_of(anonymous_client)
    assert sign_in(anonymous_client).status_code == 303
    after = anonymous_client.get_cookie(COOKIE).value
    assert after != planted
    attacker = app.test_client()
    attacker.set_cookie(COOKIE, planted)
    assert attacker.get(f"{API}/me").status_code == 401
    # The CSRF token was renewed too: the pre-login one no longer passes, the new one does.
    new_csrf = anonymous_client.get(f"{API}/me").json["csrf_token"]
    assert new_csrf != before_csrf
    body = {"name": "thử", "scopes": ["read"]}
    stale = anonymous_client.post(f"{API}/tokens", json=body, headers={"X-CSRF-Token": before_csrf})
    assert stale.status_code == 403
    assert (
        anonymous_client.post(f"{API}/tokens", json=body, headers={"X-CSRF-Token": new_csrf}).status_code
        == 201
    )


def test_signing_in_again_ends_the_browsers_previous_session(app, anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    earlier = copy_of(app, anonymous_client)
    sign_in(anonymous_client)
    assert stored_sessions(app) == 1
    assert earlier.get(f"{API}/me").status_code == 401
    assert anonymous_client.get(f"{API}/me").status_code == 200


def test_logout_needs_the_csrf_token(app, anonymous_client, staff) -> None:
    sign_in(anonymous_client)
    assert anonymous_client.post("/logout").status_code == 403  # no forced logout from another site
    assert anonymous_client.get(f"{API}/me").status_code == 200


def test_logout_is_in_the_audit_log(app, anonymous_client, staff, client) -> None:
    sign_in(anonymous_client)
    csrf = anonymous_client.get(f"{API}/me").json["csrf_token"]
    anonymous_client.post("/logout", data={"csrf_token": csrf})
    actions = [event["action"] for event in client.get(f"{API}/audit").json]
    assert "auth.logout" in actions and "auth.login" in actions

"""The administrator's "reset password" action: a one-time link, hashed, expiring, used once,
ending the user's sessions; the same through the API."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from dictionary.models import PasswordReset
from dictionary.models.base import utcnow
from dictionary.services import Context
from tests.web.conftest import BROWSER, PASSWORD, Login, World, post
from tests.web.html import parse, text_of

NEW_PASSWORD = "mot-mat-khau-moi-rat-dai"


def _issue(admin: FlaskClient, email: str) -> str:
    response = post(admin, "/admin/password-reset", {"email": email})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    found = re.search(r"<code>(http[^<]+/password-reset/([^<]+))</code>", response.get_data(as_text=True))
    assert found is not None, response.get_data(as_text=True)[:2000]
    return "/password-reset/" + found.group(2)


def _sign_in(app: Flask, email: str, password: str) -> int:
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        csrf = session["csrf"]
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf}).status_code


def test_a_reset_link_sets_a_new_password_once_and_ends_the_sessions(
    app: Flask, login: Login, world: World, ctx: Context
) -> None:
    editor_email = world.people["editor"].email
    signed_in = login("editor")
    assert signed_in.get("/workspace", headers=BROWSER).status_code == 200
    link = _issue(login("admin"), editor_email)
    token = link.rsplit("/", 1)[1]
    stored = ctx.session.query(PasswordReset).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest(), "only the hash is stored"

    visitor = app.test_client()
    form = visitor.get(link, headers=BROWSER)
    assert form.status_code == 200 and editor_email in form.get_data(as_text=True)
    short = post(visitor, link, {"password": "ngan", "password_again": "ngan"})
    assert short.status_code == 422 and "ít nhất 12 ký tự" in text_of(parse(short.get_data(as_text=True)))
    done = post(visitor, link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"].endswith("/login")

    assert signed_in.get("/workspace", headers=BROWSER).status_code == 401, "the old session ended"
    assert _sign_in(app, editor_email, PASSWORD) == 401
    assert _sign_in(app, editor_email, NEW_PASSWORD) == 303
    again = post(
        app.test_client(),
        link,
        {"password": "mot-mat-khau-khac-nua", "password_again": "mot-mat-khau-khac-nua"},
    )
    assert again.status_code == 404, "a link works once"
    assert _sign_in(app, editor_email, NEW_PASSWORD) == 303


def test_an_expired_or_superseded_link_does_not_work(
    app: Flask, login: Login, world: World, ctx: Context
) -> None:
    admin = login("admin")
    email = world.people["steward"].email
    first = _issue(admin, email)
    second = _issue(admin, email)
    assert app.test_client().get(first, headers=BROWSER).status_code == 404, "a new link voids the old one"
    ctx.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
    ctx.session.commit()
    assert app.test_client().get(second, headers=BROWSER).status_code == 404
    assert app.test_client().get("/password-reset/not-a-token", headers=BROWSER).status_code == 404


def test_only_an_administrator_resets_passwords(app: Flask, login: Login, world: World) -> None:
    steward = login("steward")
    assert post(steward, "/admin/password-reset", {"email": world.people["editor"].email}).status_code == 403
    admin = login("admin")
    unknown = post(admin, "/admin/password-reset", {"email": "khong-co@lamdong.gov.vn"})
    assert "không tồn tại" in text_of(parse(unknown.get_data(as_text=True)))


def test_the_api_gives_the_link_to_administrators(app: Flask, client_as, world: World) -> None:  # type: ignore[no-untyped-def]
    email = world.people["editor"].email
    answer = client_as("admin").post(f"/api/v1/users/{email}/password-reset")
    assert answer.status_code == 201, answer.json
    assert answer.json["email"] == email and "/password-reset/" in answer.json["url"]
    refused = client_as("steward", world.owner.code).post(f"/api/v1/users/{email}/password-reset")
    assert refused.status_code == 403

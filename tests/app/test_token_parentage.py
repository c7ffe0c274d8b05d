"""A token issued with a token is its child: bounded by it, revoked with it, dead when it is."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from app.cli import main
from app.extension import catalog_of
from dictionary.errors import PermissionDenied
from dictionary.models import ApiToken
from dictionary.services.tokens import TokenService
from tests.conftest import _accounts_context, client_with_token
from tests.factories import make_principal

API = "/api/v1"


@pytest.fixture
def parent(app):
    """A write token of an administrator that expires in 10 days, and its client."""
    ctx = _accounts_context(app)
    principal = make_principal(ctx, "admin")
    issued = TokenService(ctx).issue(principal, name="cha", scopes=["read", "write"], days=10)
    ctx.session.close()
    return issued.token, client_with_token(app, issued.secret)


def child_of(client, **body):
    response = client.post(f"{API}/tokens", json={"name": "con", **body})
    assert response.status_code == 201, response.json
    return response.json


def stored(app, token_id) -> ApiToken:
    session = catalog_of(app).sessionmaker()
    try:
        return session.get(ApiToken, uuid.UUID(str(token_id)))
    finally:
        session.close()


def test_a_child_token_never_outlives_its_parent(app, parent) -> None:
    token, client = parent
    child = child_of(client, days=365)
    assert child["parent_id"] == str(token.id)
    assert stored(app, child["id"]).expires_at <= token.expires_at
    assert datetime.fromisoformat(child["expires_at"]) <= token.expires_at
    shorter = child_of(client, days=2)
    assert stored(app, shorter["id"]).expires_at < token.expires_at - timedelta(days=7)


def test_a_child_token_has_no_scope_its_parent_lacks(app, parent) -> None:
    _token, client = parent
    child = child_of(client, scopes=["read"])
    assert child["scopes"] == ["read"]
    reader = client_with_token(app, child["token"])
    assert reader.post(f"{API}/tokens", json={"name": "ghi", "scopes": ["read", "write"]}).status_code == 403
    # The service refuses it too, whoever calls it.
    ctx = _accounts_context(app)
    read_parent = ctx.session.get(ApiToken, uuid.UUID(child["id"]))
    with pytest.raises(PermissionDenied):
        TokenService(ctx).issue(read_parent.principal, name="x", scopes=["write"], parent=read_parent)
    ctx.session.close()


def test_tokens_made_by_people_have_no_parent(app, client) -> None:
    # The `client` fixture's own token was issued by the test factories (as by the CLI).
    session = catalog_of(app).sessionmaker()
    assert session.scalar(select(ApiToken.parent_id)) is None
    session.close()


def test_revoking_a_parent_over_http_revokes_its_descendants(app, parent) -> None:
    token, client = parent
    child = client.post(f"{API}/tokens", json={"name": "con", "scopes": ["read", "write"]}).json
    child_client = client_with_token(app, child["token"])
    grandchild = child_of(child_client, scopes=["read"])
    assert grandchild["parent_id"] == child["id"]
    grandchild_client = client_with_token(app, grandchild["token"])
    assert grandchild_client.get(f"{API}/me").status_code == 200
    revoked = client.delete(f"{API}/tokens/{token.id}")
    assert revoked.status_code == 200 and revoked.json["state"] == "revoked"
    assert stored(app, child["id"]).revoked_at is not None
    assert stored(app, grandchild["id"]).revoked_at is not None
    for caller in (client, child_client, grandchild_client):
        assert caller.get(f"{API}/me").status_code == 401


def test_revoking_a_child_leaves_the_parent_working(app, parent) -> None:
    _token, client = parent
    child = child_of(client)
    assert client.delete(f"{API}/tokens/{child['id']}").status_code == 200
    assert client_with_token(app, child["token"]).get(f"{API}/me").status_code == 401
    assert client.get(f"{API}/me").status_code == 200


def test_revoking_with_the_cli_revokes_the_descendants(database_url, monkeypatch, app, parent) -> None:
    monkeypatch.setenv("CATALOG_DATABASE_URL", database_url)
    token, client = parent
    child = child_of(client, scopes=["read", "write"])
    grandchild = child_of(client_with_token(app, child["token"]))
    result = CliRunner().invoke(main, ["tokens", "revoke", str(token.id)])
    assert result.exit_code == 0, result.output
    assert "and 2 token(s) issued with it" in result.output
    assert client_with_token(app, grandchild["token"]).get(f"{API}/me").status_code == 401
    assert stored(app, grandchild["id"]).revoked_at is not None


@pytest.mark.parametrize(
    ("column", "message"),
    [("revoked_at", "A parent token was revoked"), ("expires_at", "A parent token has expired")],
)
def test_a_child_fails_when_its_parent_is_dead(app, parent, column, message) -> None:
    """Even when the child's own row says nothing (revoked before parentage cascaded, or by hand)."""
    token, client = parent
    child = child_of(client)
    with catalog_of(app).sessionmaker.begin() as session:
        session.execute(
            update(ApiToken)
            .where(ApiToken.id == token.id)
            .values({column: datetime.now(UTC) - timedelta(minutes=1)})
        )
    assert stored(app, child["id"]).revoked_at is None
    refused = client_with_token(app, child["token"]).get(f"{API}/me", headers={"Accept-Language": "en"})
    assert refused.status_code == 401 and refused.json["message"] == message

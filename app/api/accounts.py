"""/api/v1/me, /tokens and /users: who am I, my API tokens, and the users agency admins manage."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import g
from flask.views import MethodView

from app import auth
from app.api.common import Blueprint, errors
from app.api.schemas.access import (
    MeSchema,
    TokenCreateSchema,
    TokenIssuedSchema,
    TokenSchema,
    UserCreateSchema,
    UserQuerySchema,
    UserSchema,
    UserUpdateSchema,
)
from app.api.schemas.password_reset import PasswordResetSchema
from app.web.password_reset import reset_url
from app.wiring import services

blp = Blueprint("accounts", __name__, url_prefix="", description="Accounts, API tokens and users")


def _principal() -> Any:
    principal = auth.current_principal()
    assert principal is not None  # the SIGNED_IN rule let only signed-in callers in
    return principal


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MeSchema)
    def get(self):
        """Who is calling: roles, agencies in scope, and the CSRF token for cookie-authenticated writes"""
        actor, method = auth.current_actor(), g.get("auth_method")
        return {
            "user": _principal(),
            "auth": method,
            "token_scopes": sorted(actor.token_scopes) if actor.token_scopes is not None else None,
            "scope": services().accounts.scope_codes(actor),
            "csrf_token": auth.csrf_token() if method == "session" else None,
        }


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.response(200, TokenSchema(many=True))
    def get(self):
        """My API tokens, newest first (the secrets themselves are never shown again)"""
        return services().tokens.of(_principal())

    @blp.arguments(TokenCreateSchema)
    @blp.response(201, TokenIssuedSchema)
    @errors(blp, 403)
    def post(self, data):
        """Issue an API token for myself: read, or read and write; it expires after ``days``.

        Issued with a token, the new token is its child: no scope beyond it, an expiry no later than
        its own (``days`` is cut short), and it is revoked with it."""
        return services().tokens.issue(_principal(), **data, parent=auth.current_token())


@blp.route("/tokens/<uuid:token_id>")
class TokenItem(MethodView):
    @blp.response(200, TokenSchema)
    @errors(blp, 404)
    def delete(self, token_id: UUID):
        """Revoke a token (mine; administrators revoke anyone's) and every token issued with it"""
        token, _descendants = services().tokens.revoke(token_id, by=auth.current_actor())
        return token


@blp.route("/users")
class Users(MethodView):
    @blp.arguments(UserQuerySchema, location="query")
    @blp.response(200, UserSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=200)
    def get(self, query, pagination_parameters):
        """Users I manage: everyone for administrators, my agency's scope for agency admins"""
        items, total = services().accounts.list_users(
            auth.current_actor(), query.get("q"), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(UserCreateSchema)
    @blp.response(201, UserSchema)
    @errors(blp, 403, 409)
    def post(self, data):
        """Create a user with a role in an agency of my scope (or, for administrators, a global role)"""
        return services().accounts.create(**data, by=auth.current_actor())


@blp.route("/users/<name>")
class UserItem(MethodView):
    @blp.response(200, UserSchema)
    @errors(blp, 404)
    def get(self, name):
        """One user, by login name (the e-mail address)"""
        return services().accounts.visible_user(auth.current_actor(), name)

    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    @errors(blp, 403, 404)
    def patch(self, data, name):
        """Change a user's name, password, active flag, or role in an agency"""
        return services().accounts.update(name, data, by=auth.current_actor())


@blp.route("/users/<name>/password-reset")
class UserPasswordReset(MethodView):
    @blp.response(201, PasswordResetSchema)
    @errors(blp, 403, 404)
    def post(self, name):
        """A one-time link for the user to set a new password (administrators; valid 24 hours, once)"""
        issued = services().password_resets.issue(name, by=auth.current_actor())
        return {"email": issued.email, "url": reset_url(issued.token), "expires_at": issued.expires_at}

"""API tokens: issued, listed, revoked, and checked on every request that sends one.

Tokens are 32 random bytes, shown once and stored as SHA-256 (a fast hash is safe for
high-entropy secrets). A token issued by a caller who used a token is that token's *child*: it
expires no later than its parent, has no scope the parent lacks, is revoked with it, and fails
authentication whenever an ancestor is revoked or expired.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from dictionary.errors import InvalidInput, Message, NotFound, PermissionDenied
from dictionary.models import ApiToken, Principal
from dictionary.models.accounts import TOKEN_SCOPES
from dictionary.models.base import utcnow
from dictionary.policies import Actor
from dictionary.services.base import Context, unit_of_work
from dictionary.services.signin import NotAuthenticated

TOKEN_PREFIX = "sdc_"  # noqa: S105 - a public marker, not a secret
MAX_TOKEN_DAYS = 365
MAX_GENERATIONS = 20
"""Ancestors checked at most; deeper chains are refused rather than walked for ever."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str
    """The token itself: shown once, never stored."""


class TokenService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @unit_of_work
    def issue(
        self,
        principal: Principal,
        *,
        name: str,
        scopes: list[str],
        days: int = 90,
        parent: ApiToken | None = None,
    ) -> IssuedToken:
        """A new token of ``principal``; with ``parent`` (the token the caller used), bounded by it:
        scopes beyond the parent's are refused, and the expiry is cut to the parent's."""
        errors: dict[str, list[str]] = {}
        if not scopes or any(scope not in TOKEN_SCOPES for scope in scopes):
            errors["scopes"] = [Message("token_scopes", "give read, or read and write")]
        if not 1 <= days <= MAX_TOKEN_DAYS:
            errors["days"] = [
                Message("between", "must be between {min} and {max}", min=1, max=MAX_TOKEN_DAYS)
            ]
        if errors:
            raise InvalidInput(errors)
        scopes = sorted(set(scopes) | {"read"})
        expires_at = utcnow() + timedelta(days=days)
        if parent is not None:
            if not set(scopes) <= set(parent.scopes):
                raise PermissionDenied(
                    Message("token_wider", "A token cannot issue a token with more scopes than its own")
                )
            expires_at = min(expires_at, parent.expires_at)
        prefix = secrets.token_hex(6)
        secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken(
            principal=principal,
            prefix=prefix,
            token_hash=token_digest(secret),
            name=name,
            scopes=scopes,
            expires_at=expires_at,
            parent_id=parent.id if parent is not None else None,
        )
        self.ctx.session.add(token)
        self.ctx.session.flush()
        return IssuedToken(token, secret)

    def of(self, principal: Principal) -> list[ApiToken]:
        """The principal's tokens, newest first."""
        return list(
            self.ctx.session.scalars(
                select(ApiToken)
                .where(ApiToken.principal_id == principal.id)
                .order_by(ApiToken.created_at.desc())
            )
        )

    @unit_of_work
    def revoke(self, token_id: uuid.UUID, *, by: Actor) -> tuple[ApiToken, int]:
        """Revoke a token and every token issued with it (children, their children…).

        Returns the token and how many descendants were revoked with it.
        """
        token = self.ctx.session.get(ApiToken, token_id)
        if token is None or not (by.is_admin or token.principal_id == by.principal_id):
            raise NotFound("Token", token_id)
        now = utcnow()
        if token.revoked_at is None:
            token.revoked_at = now
        revoked, generation = 0, [token.id]
        while generation:
            children = list(
                self.ctx.session.scalars(select(ApiToken).where(ApiToken.parent_id.in_(generation)))
            )
            for child in children:
                if child.revoked_at is None:
                    child.revoked_at = now
                    revoked += 1
            generation = [child.id for child in children]
        self.ctx.session.flush()
        return token, revoked

    def authenticate(self, secret: str) -> tuple[Principal, ApiToken]:
        """The principal behind a bearer token; NotAuthenticated if it or an ancestor is unknown,
        expired or revoked."""
        if not secret.startswith(TOKEN_PREFIX) or len(secret) < len(TOKEN_PREFIX) + 14:
            raise NotAuthenticated(Message("token_invalid", "The token is not valid"))
        prefix = secret[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 12]
        token = self.ctx.session.scalar(select(ApiToken).where(ApiToken.prefix == prefix))
        if token is None or not hmac.compare_digest(token.token_hash, token_digest(secret)):
            raise NotAuthenticated(Message("token_invalid", "The token is not valid"))
        now = utcnow()
        ancestor: ApiToken | None = token
        for _ in range(MAX_GENERATIONS):
            if ancestor is None:
                break
            if ancestor.revoked_at is not None:
                raise NotAuthenticated(
                    Message("token_revoked", "The token was revoked")
                    if ancestor is token
                    else Message("parent_revoked", "A parent token was revoked")
                )
            if ancestor.expires_at <= now:
                raise NotAuthenticated(
                    Message("token_expired", "The token has expired")
                    if ancestor is token
                    else Message("parent_expired", "A parent token has expired")
                )
            ancestor = ancestor.parent
        else:
            raise NotAuthenticated(Message("token_too_deep", "The token descends from too many tokens"))
        if not token.principal.active:
            raise NotAuthenticated(Message("account_inactive", "The account is deactivated"))
        # Written at most once a minute, so reads do not turn into a write per request.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            token.last_used_at = now
            self.ctx.session.commit()
        return token.principal, token

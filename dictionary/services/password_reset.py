"""One-time password-reset links: an administrator issues one, its user sets a new password.

A link is ``/password-reset/<token>`` with 32 random bytes of token; the database keeps only
its SHA-256. It works for ``RESET_HOURS`` hours and once. Issuing a new link for a user voids
the ones issued before; using one sets the password (argon2) and ends every session of the user.
Every issue and use goes to the audit log (never the token).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from dictionary.errors import InvalidInput, Message, PermissionDenied, min_length
from dictionary.models import PasswordReset, Principal
from dictionary.models.base import utcnow
from dictionary.policies import Actor
from dictionary.services.accounts import MIN_PASSWORD, AccountService
from dictionary.services.audit import record
from dictionary.services.base import Context, rows_changed, unit_of_work
from dictionary.services.signin import end_sessions, hash_password

RESET_HOURS = 24


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedReset:
    token: str
    """Shown once, in the link; never stored."""
    email: str
    expires_at: datetime


class InvalidResetLink(PermissionDenied):
    """The link is unknown, used, expired, or its user is deactivated: all look the same."""

    def __init__(self) -> None:
        super().__init__(
            Message("reset_link_invalid", "This password-reset link is not valid (used, expired or unknown)")
        )


class PasswordResetService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @unit_of_work
    def issue(self, email: str, *, by: Actor) -> IssuedReset:
        """A new link for the user (administrators only); earlier unused links stop working."""
        if not by.is_admin:
            raise PermissionDenied(
                Message("reset_admin_only", "Only a system administrator resets passwords")
            )
        principal = AccountService(self.ctx).visible_user(by, email)
        now = utcnow()
        self.ctx.session.execute(
            update(PasswordReset)
            .where(PasswordReset.principal_id == principal.id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
        )
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(hours=RESET_HOURS)
        self.ctx.session.add(
            PasswordReset(
                token_hash=_digest(token),
                principal_id=principal.id,
                created_by=by.name,
                created_at=now,
                expires_at=expires,
            )
        )
        record(self.ctx.session, "auth.password_reset_issued", "principal", principal.id)
        self.ctx.session.flush()
        return IssuedReset(token, principal.email, expires)

    def holder(self, token: str) -> Principal:
        """Whose link this is, while it still works (for the form's greeting)."""
        return self._valid(token)[1]

    @unit_of_work
    def use(self, token: str, password: str) -> Principal:
        """Set the new password with the link, once; every session of the user ends."""
        reset, principal = self._valid(token)
        if len(password) < MIN_PASSWORD:
            raise InvalidInput.one("password", min_length(MIN_PASSWORD))
        # Claimed in the UPDATE itself: of two uses of one link at the same moment, one wins.
        claimed = self.ctx.session.execute(
            update(PasswordReset)
            .where(PasswordReset.token_hash == reset.token_hash, PasswordReset.used_at.is_(None))
            .values(used_at=utcnow())
        )
        if rows_changed(claimed) != 1:
            raise InvalidResetLink()
        principal.password_hash = hash_password(password)
        end_sessions(self.ctx.session, principal.id)
        record(self.ctx.session, "auth.password_reset_used", "principal", principal.id)
        self.ctx.session.flush()
        return principal

    def _valid(self, token: str) -> tuple[PasswordReset, Principal]:
        found = self.ctx.session.execute(
            select(PasswordReset, Principal)
            .join(Principal, Principal.id == PasswordReset.principal_id)
            .where(PasswordReset.token_hash == _digest(token))
        ).first()
        if found is None:
            raise InvalidResetLink()
        reset, principal = found
        if reset.used_at is not None or reset.expires_at <= utcnow() or not principal.active:
            raise InvalidResetLink()
        return reset, principal

"""Principals (people and systems that sign in), memberships, API tokens, web sessions, login throttling.

Roles (DESIGN.md §6): staff of an agency are ``viewer``, ``editor``, ``steward`` or
``agency_admin`` there (a membership); ``approver`` (acting for the Provincial People's
Committee), ``admin`` (system administrator) and ``integration`` (the LGSP / NDOP platform asking
the decision API) are global roles of the principal itself.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, Identified, str40, str200, utcnow

if TYPE_CHECKING:
    from dictionary.models.agency import Agency

AGENCY_ROLES = ("viewer", "editor", "steward", "agency_admin")
"""Staff roles inside an agency, weakest first: each one can do what the previous ones can."""
GLOBAL_ROLES = ("approver", "admin", "integration")
TOKEN_SCOPES = ("read", "write")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Principal(Identified, Base):
    """Someone or something that signs in: a civil servant, the approver, an administrator, a system."""

    __tablename__ = "principal"
    __table_args__ = (
        CheckConstraint(f"global_role IS NULL OR {_in('global_role', GLOBAL_ROLES)}", name="global_role"),
        {"comment": "People and systems that sign in to the catalog"},
    )

    email: Mapped[str] = mapped_column(
        String(320), unique=True, comment="Login name: the e-mail address, lower case"
    )
    name: Mapped[str200] = mapped_column(comment="Full name, shown in revisions and the audit log")
    password_hash: Mapped[str | None] = mapped_column(
        String(200), comment="argon2id hash of the password; null for accounts that only use API tokens"
    )
    global_role: Mapped[str40 | None] = mapped_column(
        comment="approver, admin or integration; null for agency staff (see membership)"
    )
    active: Mapped[bool] = mapped_column(default=True, comment="Deactivated principals cannot sign in")
    last_login_at: Mapped[datetime | None] = mapped_column(comment="Last successful web login (UTC)")
    email_notifications: Mapped[bool] = mapped_column(
        default=True, server_default=true(), comment="Also send notifications by e-mail (else in-app only)"
    )

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="principal", cascade="all, delete-orphan", lazy="selectin"
    )


class Membership(Base):
    """A principal's role in one agency (the agency's scope decides what the role reaches)."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("principal_id", "agency_id", name="principal_agency"),
        CheckConstraint(_in("role", AGENCY_ROLES), name="role"),
        {"comment": "Roles of principals in agencies"},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="CASCADE"), index=True, comment="The principal"
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="The agency"
    )
    role: Mapped[str40] = mapped_column(comment="viewer, editor, steward or agency_admin")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the role was given (UTC)")

    principal: Mapped[Principal] = relationship(back_populates="memberships")
    agency: Mapped[Agency] = relationship(lazy="joined")


class ApiToken(Base):
    """A bearer token for developers and systems; only its SHA-256 is stored.

    Tokens are 32 random bytes, so a fast hash is enough (no dictionary attack is possible);
    ``prefix`` is a public, random lookup key so that verification costs one indexed query.
    A token issued by a caller using a token is its child: it never outlives it, never has more
    scopes, and stops working with it.
    """

    __tablename__ = "api_token"
    __table_args__ = {"comment": "API tokens: hashed, scoped, expiring, revocable"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="CASCADE"), index=True, comment="Whose token it is"
    )
    prefix: Mapped[str] = mapped_column(String(16), unique=True, comment="Public lookup part of the token")
    token_hash: Mapped[str] = mapped_column(String(64), comment="SHA-256 of the whole token, hex")
    name: Mapped[str200] = mapped_column(comment="What the token is for, e.g. LGSP connector")
    scopes: Mapped[list[str]] = mapped_column(comment="read, or read and write")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When it was issued (UTC)")
    expires_at: Mapped[datetime] = mapped_column(comment="It stops working at this time (UTC)")
    revoked_at: Mapped[datetime | None] = mapped_column(comment="When it was revoked; null while valid")
    last_used_at: Mapped[datetime | None] = mapped_column(
        comment="Last request made with it (minute precision)"
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("api_token.id", ondelete="CASCADE"),
        index=True,
        comment="The token this one was issued with; null when issued by a person or the CLI",
    )

    principal: Mapped[Principal] = relationship()
    parent: Mapped[ApiToken | None] = relationship(remote_side=[id])


class WebSession(Base):
    """A signed-in browser. The cookie holds a random session id; only its SHA-256 is stored here,
    so signing out (deleting the row) ends the session even for a copied cookie."""

    __tablename__ = "web_session"
    __table_args__ = {"comment": "Open web sessions: deleted at logout, expiring when idle or old"}  # noqa: RUF012

    id_hash: Mapped[str] = mapped_column(
        String(64), primary_key=True, comment="SHA-256 of the session id, hex"
    )
    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="CASCADE"), index=True, comment="Who is signed in"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When they signed in (UTC)")
    last_seen_at: Mapped[datetime] = mapped_column(
        default=utcnow, comment="Last request with it (minute precision); idle sessions expire"
    )
    expires_at: Mapped[datetime] = mapped_column(comment="It ends at this time however active (UTC)")


class LoginThrottle(Base):
    """Recent failed logins of one account name or one client address, and the lockout they earned.

    Kept in the database (not in process memory) so that the limit holds across server workers.
    """

    __tablename__ = "login_throttle"
    __table_args__ = {"comment": "Failed logins per account name and per address, for throttling"}  # noqa: RUF012

    kind: Mapped[str] = mapped_column(String(10), primary_key=True, comment="account or address")
    key: Mapped[str] = mapped_column(
        String(320), primary_key=True, comment="The login name typed (lower case) or the client address"
    )
    failures: Mapped[int] = mapped_column(comment="Recent failures; one is forgiven per quiet period")
    last_failure_at: Mapped[datetime] = mapped_column(comment="When the last failure happened (UTC)")
    locked_until: Mapped[datetime | None] = mapped_column(
        comment="Attempts are refused, unchecked, until then (UTC)"
    )


class PasswordReset(Base):
    """A one-time link an administrator gives a user to set a new password.

    The link carries a random token; only its SHA-256 is stored, so a copy of the database does
    not give working links. It expires, serves once, and setting the password ends every session
    of the user (whoever held the old password is signed out).
    """

    __tablename__ = "password_reset"
    __table_args__ = {"comment": "One-time password-reset links (hashed), given by administrators"}  # noqa: RUF012

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True, comment="SHA-256 of the token, hex")
    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="CASCADE"), index=True, comment="Whose password it resets"
    )
    created_by: Mapped[str200] = mapped_column(comment="Who issued the link")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When it was issued (UTC)")
    expires_at: Mapped[datetime] = mapped_column(comment="It no longer works after this time (UTC)")
    used_at: Mapped[datetime | None] = mapped_column(
        comment="When it was used; a used link never works again"
    )

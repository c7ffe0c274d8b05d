"""Signing in with a password: login throttling and server-side web sessions.

Throttling counts failed logins in the database (so every server worker agrees), separately per
account name and per client address, and refuses a locked attempt *before* any argon2 work:

- an account name typed (existing or not, so the answer reveals nothing) gets ``ACCOUNT.free``
  failures, an address ``ADDRESS.free``; from then on each failure locks that name or address for
  ``FIRST_LOCK``, doubling per further failure up to ``MAX_LOCK``;
- one failure is forgiven per quiet period (``forgive``), and a success clears its account name
  (never the address: one's own good password must not buy more guesses at other accounts).

Requests already past the check when a lock is set (at most one per server worker) still run.

A web session is a row of ``web_session``: the cookie carries a random id, the table its SHA-256.
Signing out deletes the row; so do deactivation and a password change, for every session of the
user. A session ends after ``SESSION_IDLE`` without a request and ``SESSION_MAX_AGE`` after login.
"""

from __future__ import annotations

import functools
import hashlib
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dictionary.errors import DictionaryError, Message
from dictionary.models import LoginThrottle, Principal, WebSession
from dictionary.models.base import utcnow
from dictionary.services.base import Context

HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so that both cases take the same time.

    Made on the first sign-in, not at import: a hash costs ~0.1 s that no CLI command or worker
    start should pay (the first unknown name is slower by that, once per process).
    """
    return HASHER.hash(secrets.token_urlsafe(16))


SESSION_IDLE = timedelta(hours=1)
SESSION_MAX_AGE = timedelta(hours=8)
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Limit:
    kind: str
    free: int
    """Failures allowed before the first lock."""
    forgive: timedelta
    """One failure is forgotten per quiet period this long."""


ACCOUNT = Limit("account", free=5, forgive=timedelta(minutes=15))
ADDRESS = Limit("address", free=20, forgive=timedelta(minutes=5))
"""Higher for addresses: a whole office may sign in from behind one address."""
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
_FORGOTTEN_AFTER = timedelta(days=1)


class NotAuthenticated(DictionaryError):
    """The credentials are missing, wrong, expired or revoked (HTTP 401)."""


class TooManyAttempts(DictionaryError):
    """Too many failed logins for this account name or from this address (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many failed logins; wait before trying again")
        self.retry_after = retry_after


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def lock_for(failures: int, limit: Limit) -> timedelta | None:
    """How long ``failures`` recent failures lock a name or address (None: not locked)."""
    if failures < limit.free:
        return None
    return min(FIRST_LOCK * 2 ** min(failures - limit.free, 20), MAX_LOCK)


def end_sessions(session: Session, principal_id: uuid.UUID) -> None:
    """Sign a principal out everywhere (deactivation, new password)."""
    session.execute(delete(WebSession).where(WebSession.principal_id == principal_id))


class SignInService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Passwords ------------------------------------------------------------------------------

    def login(self, email: str, password: str, ip: str) -> Principal:
        """Check a password unless the name or the address is locked; failures are committed."""
        session, now = self.ctx.session, utcnow()
        username = normalise_email(email)[:320]
        keys = ((ACCOUNT, username), (ADDRESS, ip[:64]))
        locked = [
            row.locked_until
            for limit, key in keys
            if (row := session.get(LoginThrottle, (limit.kind, key))) is not None
            and row.locked_until is not None
            and row.locked_until > now
        ]
        if locked:
            raise TooManyAttempts(math.ceil((max(locked) - now).total_seconds()))
        principal = session.scalar(select(Principal).where(Principal.email == username))
        stored = principal.password_hash if principal is not None and principal.active else None
        try:
            ok = HASHER.verify(stored or _dummy_hash(), password) and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or principal is None:
            for limit, key in keys:
                self._count_failure(limit, key, now)
            raise NotAuthenticated(Message("wrong_password", "Wrong e-mail address or password"))
        principal.last_login_at = now
        if HASHER.check_needs_rehash(stored or ""):
            principal.password_hash = hash_password(password)
        session.execute(
            delete(LoginThrottle).where(LoginThrottle.kind == ACCOUNT.kind, LoginThrottle.key == username)
        )
        session.execute(
            delete(LoginThrottle).where(
                LoginThrottle.last_failure_at < now - _FORGOTTEN_AFTER,
                or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
            )
        )
        session.commit()
        return principal

    def _count_failure(self, limit: Limit, key: str, now: datetime) -> None:
        """One more failure for the name or address, in its own committed transaction."""
        session = self.ctx.session
        for _ in range(2):  # a concurrent first failure may insert the row first
            try:
                row = session.get(
                    LoginThrottle, (limit.kind, key), with_for_update=True, populate_existing=True
                )
                if row is None:
                    row = LoginThrottle(kind=limit.kind, key=key, failures=0, last_failure_at=now)
                    session.add(row)
                forgiven = int((now - row.last_failure_at) / limit.forgive)
                row.failures = max(0, row.failures - forgiven) + 1
                row.last_failure_at = now
                lock = lock_for(row.failures, limit)
                row.locked_until = now + lock if lock is not None else None
                session.commit()
                return
            except IntegrityError:
                session.rollback()

    # Web sessions ---------------------------------------------------------------------------

    def start_session(self, principal: Principal) -> str:
        """A new session of the principal; returns its id, for the cookie only (stored hashed)."""
        session, now = self.ctx.session, utcnow()
        session.execute(
            delete(WebSession).where(
                or_(WebSession.expires_at <= now, WebSession.last_seen_at <= now - SESSION_IDLE)
            )
        )
        session_id = secrets.token_urlsafe(32)
        session.add(
            WebSession(
                id_hash=_digest(session_id),
                principal_id=principal.id,
                created_at=now,
                last_seen_at=now,
                expires_at=now + SESSION_MAX_AGE,
            )
        )
        session.flush()
        return session_id

    def session_principal(self, session_id: str) -> Principal | None:
        """Who a session id belongs to; None when it is unknown, ended, expired or deactivated."""
        session, now = self.ctx.session, utcnow()
        record = session.get(WebSession, _digest(session_id))
        if record is None:
            return None
        principal = session.get(Principal, record.principal_id)
        if (
            now >= record.expires_at
            or now - record.last_seen_at >= SESSION_IDLE
            or principal is None
            or not principal.active
        ):
            session.delete(record)
            session.commit()
            return None
        if now - record.last_seen_at > _TOUCH_EVERY:  # at most one write a minute per session
            record.last_seen_at = now
            session.commit()
        return principal

    def end_session(self, session_id: str) -> None:
        self.ctx.session.execute(delete(WebSession).where(WebSession.id_hash == _digest(session_id)))
        self.ctx.session.commit()

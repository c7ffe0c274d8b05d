"""Accounts: principals and memberships, passwords, API tokens, login throttling, and the Actor.

Passwords are argon2id hashes (slow on purpose); API tokens are 32 random bytes, shown once and
stored as SHA-256 (a fast hash is safe for high-entropy secrets). :meth:`AccountService.actor_for`
turns a principal into the :class:`~dictionary.policies.Actor` every rule is checked against.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import AlreadyExists, DictionaryError, InvalidInput, NotFound, PermissionDenied
from dictionary.models import AccessGrant, Agency, AgencyEvent, ApiToken, LoginAttempt, Membership, Principal
from dictionary.models.accounts import AGENCY_ROLES, GLOBAL_ROLES, TOKEN_SCOPES
from dictionary.models.base import utcnow
from dictionary.policies import Actor, AgencyGraph, AgencyRole, may_grant_role, rank
from dictionary.services.base import Context, paginate, unit_of_work

TOKEN_PREFIX = "sdc_"  # noqa: S105 - a public marker, not a secret
MIN_PASSWORD = 12
MAX_TOKEN_DAYS = 365
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_MAX_FAILURES = 5
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()
# Verified against when the user does not exist, so that both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class NotAuthenticated(DictionaryError):
    """The credentials are missing, wrong, expired or revoked (HTTP 401)."""


class TooManyAttempts(DictionaryError):
    """Too many failed logins for this name from this address (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many failed logins; wait before trying again")
        self.retry_after = retry_after


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


# The agency graph and the actor -----------------------------------------------------------


def load_agency_graph(ctx: Context) -> AgencyGraph:
    """Every agency's parent and every merger (the latest one of an agency wins)."""
    session = ctx.session
    rows = session.execute(select(Agency.id, Agency.parent_id, Agency.code)).all()
    merges = session.execute(
        select(AgencyEvent.agency_id, AgencyEvent.related_agency_id)
        .where(AgencyEvent.kind == C.MERGED_INTO, AgencyEvent.related_agency_id.is_not(None))
        .order_by(AgencyEvent.effective_on)
    ).all()
    return AgencyGraph(
        parents={row.id: row.parent_id for row in rows},
        merged_into={agency_id: into for agency_id, into in merges if into is not None},
        codes={row.id: row.code for row in rows},
    )


def live_grant_datasets(ctx: Context, agencies: frozenset[uuid.UUID], now: datetime) -> frozenset[uuid.UUID]:
    if not agencies:
        return frozenset()
    rows = ctx.session.scalars(
        select(AccessGrant.dataset_id).where(
            AccessGrant.agency_id.in_(sorted(agencies)),
            AccessGrant.revoked_at.is_(None),
            AccessGrant.starts_at <= now,
            AccessGrant.expires_at > now,
        )
    ).all()
    return frozenset(rows)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str
    """The token itself: shown once, never stored."""


class AccountService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Who is acting ----------------------------------------------------------------------

    def actor_for(self, principal: Principal, token_scopes: frozenset[str] | None = None) -> Actor:
        """The principal with its memberships resolved through the agency tree and the mergers."""
        graph = load_agency_graph(self.ctx)
        roles = []
        for membership in sorted(principal.memberships, key=lambda m: (m.created_at, str(m.agency_id))):
            agency = graph.successor(membership.agency_id)
            roles.append(
                AgencyRole(
                    agency,
                    graph.codes.get(agency, "?"),
                    membership.role,
                    graph.scope(agency),
                    graph.lineage(agency),
                )
            )
        lineage = frozenset().union(*(role.lineage for role in roles))
        return Actor(
            principal_id=principal.id,
            name=principal.name,
            email=principal.email,
            global_role=principal.global_role,
            roles=tuple(roles),
            grants=live_grant_datasets(self.ctx, lineage, utcnow()),
            token_scopes=token_scopes,
        )

    def scope_codes(self, actor: Actor) -> list[str]:
        """Codes of the agencies in the actor's scope, for people to read."""
        codes = load_agency_graph(self.ctx).codes
        return sorted(codes[agency] for agency in actor.scope() if agency in codes)

    def principal(self, principal_id: uuid.UUID) -> Principal | None:
        return self.ctx.session.get(Principal, principal_id)

    def by_email(self, email: str) -> Principal:
        principal = self.ctx.session.scalar(
            select(Principal).where(Principal.email == normalise_email(email))
        )
        if principal is None:
            raise NotFound("User", email)
        return principal

    # Creating and changing principals ---------------------------------------------------

    @unit_of_work
    def create(
        self,
        *,
        email: str,
        name: str,
        agency: str | None = None,
        role: str | None = None,
        global_role: str | None = None,
        password: str | None = None,
        by: Actor | None = None,
    ) -> Principal:
        """A new principal; ``by`` (when given) must be allowed to give that role in that agency."""
        email = normalise_email(email)
        errors: dict[str, list[str]] = {}
        if not _EMAIL.match(email):
            errors["email"] = ["must be an e-mail address"]
        if global_role is not None and global_role not in GLOBAL_ROLES:
            errors["global_role"] = [f"must be one of {', '.join(GLOBAL_ROLES)}"]
        if role is not None and role not in AGENCY_ROLES:
            errors["role"] = [f"must be one of {', '.join(AGENCY_ROLES)}"]
        if (role is None) != (agency is None):
            errors["role" if role is None else "agency"] = ["an agency role needs both agency and role"]
        if role is None and global_role is None:
            errors["role"] = ["give an agency and a role, or a global role"]
        if password is not None and len(password) < MIN_PASSWORD:
            errors["password"] = [f"must be at least {MIN_PASSWORD} characters"]
        if errors:
            raise InvalidInput(errors)
        target = self._agency(agency) if agency else None
        if by is not None:
            self._check_may_manage(by, target, role, global_role)
        if self.ctx.session.scalar(select(Principal.id).where(Principal.email == email)) is not None:
            raise AlreadyExists.one("email", f"a user with the e-mail address {email} already exists")
        principal = Principal(
            email=email,
            name=name.strip(),
            global_role=global_role,
            password_hash=hash_password(password) if password else None,
        )
        if target is not None and role is not None:
            principal.memberships.append(Membership(agency=target, role=role))
        self.ctx.session.add(principal)
        self.ctx.session.flush()
        return principal

    @unit_of_work
    def update(self, email: str, data: dict[str, Any], *, by: Actor) -> Principal:
        """Change name, active flag, password, or the role in an agency (``agency`` + ``role``)."""
        principal = self.visible_user(by, email)
        if data.get("password") is not None:
            if len(data["password"]) < MIN_PASSWORD:
                raise InvalidInput.one("password", f"must be at least {MIN_PASSWORD} characters")
            principal.password_hash = hash_password(data["password"])
            principal.session_epoch += 1  # a new password ends every open web session
        if data.get("name"):
            principal.name = data["name"].strip()
        if "active" in data and data["active"] is not None and data["active"] != principal.active:
            if principal.id == by.principal_id:
                raise PermissionDenied("You cannot deactivate yourself")
            principal.active = data["active"]
            principal.session_epoch += 1
        if data.get("role") is not None:
            self._set_role(principal, data.get("agency"), data["role"], by)
        self.ctx.session.flush()
        return principal

    def _set_role(self, principal: Principal, agency_code: str | None, role: str, by: Actor) -> None:
        if role not in AGENCY_ROLES:
            raise InvalidInput.one("role", f"must be one of {', '.join(AGENCY_ROLES)}")
        if agency_code is None:
            if len(principal.memberships) != 1:
                raise InvalidInput.one("agency", "name the agency whose role changes")
            agency = principal.memberships[0].agency
        else:
            agency = self._agency(agency_code)
        self._check_may_manage(by, agency, role, None)
        membership = next((m for m in principal.memberships if m.agency_id == agency.id), None)
        if membership is None:
            principal.memberships.append(Membership(agency=agency, role=role))
        else:
            membership.role = role

    def _check_may_manage(
        self, by: Actor, agency: Agency | None, role: str | None, global_role: str | None
    ) -> None:
        if not may_grant_role(by, role, global_role):
            raise PermissionDenied("Only a system administrator gives global roles")
        if by.is_admin:
            return
        if agency is None or agency.id not in by.scope("agency_admin"):
            raise PermissionDenied("You manage the users of your own agency's scope only")
        if role is not None and rank(role) > rank("agency_admin"):
            raise PermissionDenied("You cannot give a role above your own")

    def _agency(self, code: str) -> Agency:
        agency = self.ctx.session.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            raise InvalidInput.one("agency", f"no agency has the code '{code}'")
        return agency

    # Reading principals, as an administrator or agency admin sees them ------------------

    def manages(self, by: Actor, principal: Principal) -> bool:
        """Administrators manage everyone; agency admins the staff wholly inside their scope."""
        if by.is_admin:
            return True
        if principal.global_role is not None or not principal.memberships:
            return False
        scope = by.scope("agency_admin")
        return all(m.agency_id in scope for m in principal.memberships)

    def visible_user(self, by: Actor, email: str) -> Principal:
        principal = self.ctx.session.scalar(
            select(Principal).where(Principal.email == normalise_email(email))
        )
        if principal is None or not self.manages(by, principal):
            raise NotFound("User", email)
        return principal

    def list_users(self, by: Actor, q: str | None, page: int, page_size: int) -> tuple[list[Principal], int]:
        query = select(Principal)
        if not by.is_admin:
            scope = sorted(by.scope("agency_admin"))
            outside = select(Membership.id).where(
                Membership.principal_id == Principal.id, Membership.agency_id.not_in(scope)
            )
            inside = select(Membership.id).where(Membership.principal_id == Principal.id)
            query = query.where(Principal.global_role.is_(None), inside.exists(), ~outside.exists())
        if q:
            pattern = f"%{q.lower()}%"
            query = query.where(
                func.lower(Principal.email).like(pattern) | func.lower(Principal.name).like(pattern)
            )
        return paginate(self.ctx.session, query, page, page_size, Principal.email)

    # Web login --------------------------------------------------------------------------

    def login(self, email: str, password: str, ip: str) -> Principal:
        """Check a password, throttled per (name, address); every attempt is stored and committed."""
        username, now = normalise_email(email)[:320], utcnow()
        session = self.ctx.session
        failures = session.scalar(
            select(func.count()).where(
                LoginAttempt.username == username,
                LoginAttempt.ip == ip,
                LoginAttempt.succeeded.is_(False),
                LoginAttempt.attempted_at > now - LOGIN_WINDOW,
            )
        )
        if (failures or 0) >= LOGIN_MAX_FAILURES:
            raise TooManyAttempts(int(LOGIN_WINDOW.total_seconds()))
        principal = session.scalar(select(Principal).where(Principal.email == username))
        stored = principal.password_hash if principal is not None and principal.active else None
        try:
            ok = _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        session.add(LoginAttempt(username=username, ip=ip[:64], attempted_at=now, succeeded=ok))
        if ok and principal is not None:
            principal.last_login_at = now
            if _hasher.check_needs_rehash(stored or ""):
                principal.password_hash = hash_password(password)
        session.commit()
        if not ok or principal is None:
            raise NotAuthenticated("Wrong e-mail address or password")
        return principal

    # API tokens -------------------------------------------------------------------------

    @unit_of_work
    def issue_token(
        self, principal: Principal, *, name: str, scopes: list[str], days: int = 90, by: Actor | None = None
    ) -> IssuedToken:
        errors: dict[str, list[str]] = {}
        if not scopes or any(scope not in TOKEN_SCOPES for scope in scopes):
            errors["scopes"] = ["give read, or read and write"]
        if not 1 <= days <= MAX_TOKEN_DAYS:
            errors["days"] = [f"must be between 1 and {MAX_TOKEN_DAYS}"]
        if errors:
            raise InvalidInput(errors)
        if by is not None and by.token_scopes is not None and not set(scopes) <= by.token_scopes:
            raise PermissionDenied("A token cannot issue a token with more scopes than its own")
        prefix = secrets.token_hex(6)
        secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        scopes = sorted(set(scopes) | {"read"})
        token = ApiToken(
            principal=principal,
            prefix=prefix,
            token_hash=token_digest(secret),
            name=name,
            scopes=scopes,
            expires_at=utcnow() + timedelta(days=days),
        )
        self.ctx.session.add(token)
        self.ctx.session.flush()
        return IssuedToken(token, secret)

    def tokens(self, principal: Principal) -> list[ApiToken]:
        return list(
            self.ctx.session.scalars(
                select(ApiToken)
                .where(ApiToken.principal_id == principal.id)
                .order_by(ApiToken.created_at.desc())
            )
        )

    @unit_of_work
    def revoke_token(self, token_id: uuid.UUID, *, by: Actor) -> ApiToken:
        token = self.ctx.session.get(ApiToken, token_id)
        if token is None or not (by.is_admin or token.principal_id == by.principal_id):
            raise NotFound("Token", token_id)
        if token.revoked_at is None:
            token.revoked_at = utcnow()
        self.ctx.session.flush()
        return token

    def authenticate_token(self, secret: str) -> tuple[Principal, ApiToken]:
        """The principal behind a bearer token; NotAuthenticated if it is unknown, expired or revoked."""
        if not secret.startswith(TOKEN_PREFIX) or len(secret) < len(TOKEN_PREFIX) + 14:
            raise NotAuthenticated("The token is not valid")
        prefix = secret[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 12]
        token = self.ctx.session.scalar(select(ApiToken).where(ApiToken.prefix == prefix))
        if token is None or not hmac.compare_digest(token.token_hash, token_digest(secret)):
            raise NotAuthenticated("The token is not valid")
        now = utcnow()
        if token.revoked_at is not None:
            raise NotAuthenticated("The token was revoked")
        if token.expires_at <= now:
            raise NotAuthenticated("The token has expired")
        if not token.principal.active:
            raise NotAuthenticated("The account is deactivated")
        # Written at most once a minute, so reads do not turn into a write per request.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            token.last_used_at = now
            self.ctx.session.commit()
        return token.principal, token

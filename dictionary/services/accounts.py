"""Accounts: principals and memberships, and the Actor.

Passwords are argon2id hashes (slow on purpose; :mod:`dictionary.services.signin` checks them and
keeps the web sessions, :mod:`dictionary.services.tokens` the API tokens).
:meth:`AccountService.actor_for` turns a principal into the :class:`~dictionary.policies.Actor`
every rule is checked against.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import (
    AlreadyExists,
    InvalidInput,
    Message,
    NotFound,
    PermissionDenied,
    min_length,
    no_agency,
    one_of,
)
from dictionary.models import AccessGrant, Agency, AgencyEvent, Membership, Principal
from dictionary.models.accounts import AGENCY_ROLES, GLOBAL_ROLES
from dictionary.models.base import utcnow
from dictionary.policies import Actor, AgencyGraph, AgencyRole, may_grant_role, rank
from dictionary.services.base import Context, paginate, unit_of_work
from dictionary.services.signin import end_sessions, hash_password, normalise_email

MIN_PASSWORD = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


def live_grant_datasets(
    ctx: Context, agencies: frozenset[uuid.UUID], now: datetime
) -> dict[uuid.UUID, frozenset[str]]:
    """Datasets the agencies hold a live grant on, with the field names granted (empty: all).

    Several grants on one dataset add up; one that names no field covers the whole dataset."""
    if not agencies:
        return {}
    rows = ctx.session.execute(
        select(AccessGrant.dataset_id, AccessGrant.fields).where(
            AccessGrant.agency_id.in_(sorted(agencies)),
            AccessGrant.revoked_at.is_(None),
            AccessGrant.starts_at <= now,
            AccessGrant.expires_at > now,
        )
    ).all()
    granted: dict[uuid.UUID, frozenset[str]] = {}
    for dataset_id, names in rows:
        whole = not names or granted.get(dataset_id) == frozenset()
        granted[dataset_id] = frozenset() if whole else granted.get(dataset_id, frozenset()) | set(names)
    return granted


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
            errors["email"] = [Message("not_email", "must be an e-mail address")]
        if global_role is not None and global_role not in GLOBAL_ROLES:
            errors["global_role"] = [one_of(GLOBAL_ROLES)]
        if role is not None and role not in AGENCY_ROLES:
            errors["role"] = [one_of(AGENCY_ROLES)]
        if (role is None) != (agency is None):
            errors["role" if role is None else "agency"] = [
                Message("agency_and_role", "an agency role needs both agency and role")
            ]
        if role is None and global_role is None:
            errors["role"] = [Message("role_needed", "give an agency and a role, or a global role")]
        if password is not None and len(password) < MIN_PASSWORD:
            errors["password"] = [min_length(MIN_PASSWORD)]
        if errors:
            raise InvalidInput(errors)
        target = self._agency(agency) if agency else None
        if by is not None:
            self._check_may_manage(by, target, role, global_role)
        if self.ctx.session.scalar(select(Principal.id).where(Principal.email == email)) is not None:
            raise AlreadyExists.one(
                "email",
                Message("email_taken", "a user with the e-mail address {email} already exists", email=email),
            )
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
                raise InvalidInput.one("password", min_length(MIN_PASSWORD))
            principal.password_hash = hash_password(data["password"])
            end_sessions(self.ctx.session, principal.id)  # a new password signs out everywhere
        if data.get("name"):
            principal.name = data["name"].strip()
        if "active" in data and data["active"] is not None and data["active"] != principal.active:
            if principal.id == by.principal_id:
                raise PermissionDenied(Message("self_deactivate", "You cannot deactivate yourself"))
            principal.active = data["active"]
            end_sessions(self.ctx.session, principal.id)
        if data.get("role") is not None:
            self._set_role(principal, data.get("agency"), data["role"], by)
        self.ctx.session.flush()
        return principal

    def _set_role(self, principal: Principal, agency_code: str | None, role: str, by: Actor) -> None:
        if role not in AGENCY_ROLES:
            raise InvalidInput.one("role", one_of(AGENCY_ROLES))
        if agency_code is None:
            if len(principal.memberships) != 1:
                raise InvalidInput.one("agency", Message("role_agency", "name the agency whose role changes"))
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
            raise PermissionDenied(
                Message("global_roles_admin", "Only a system administrator gives global roles")
            )
        if by.is_admin:
            return
        if agency is None or agency.id not in by.scope("agency_admin"):
            raise PermissionDenied(
                Message("own_users", "You manage the users of your own agency's scope only")
            )
        if role is not None and rank(role) > rank("agency_admin"):
            raise PermissionDenied(Message("role_above", "You cannot give a role above your own"))

    def _agency(self, code: str) -> Agency:
        agency = self.ctx.session.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            raise InvalidInput.one("agency", no_agency(code))
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

"""Who may see and do what (DESIGN.md §6), as pure functions of an :class:`Actor` and the objects.

Nothing here touches the database: the services load the agency graph, memberships and grants,
build an :class:`Actor` once per request, and ask these functions. Three kinds of constraint, as in
Magda's model: the owner (an agency), the agency subtree (scope), and pre-authorised grants.

- An agency's **scope** is itself, the agencies under it, and, through the 2025 lineage, every
  agency merged into one of those: the successor inherits what a merged agency covered.
- A membership (or grant) of a merged agency acts for its successor.
- Roles inside an agency are ordered: viewer < editor < steward < agency_admin.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dictionary import concepts as C
from dictionary.models.accounts import AGENCY_ROLES
from dictionary.visibility import Visibility

if TYPE_CHECKING:
    from dictionary.models import AccessGrant, AccessRequest, Dataset


def rank(role: str) -> int:
    """Position of an agency role, weakest first; unknown roles rank below viewer."""
    return AGENCY_ROLES.index(role) if role in AGENCY_ROLES else -1


class AgencyGraph:
    """The agency tree and the merger lineage, as plain ids."""

    def __init__(
        self,
        parents: Mapping[uuid.UUID, uuid.UUID | None],
        merged_into: Mapping[uuid.UUID, uuid.UUID],
        codes: Mapping[uuid.UUID, str],
    ) -> None:
        self.codes = dict(codes)
        self.merged_into = dict(merged_into)
        self.children: dict[uuid.UUID, list[uuid.UUID]] = {}
        for child, parent in parents.items():
            if parent is not None:
                self.children.setdefault(parent, []).append(child)
        self.predecessors: dict[uuid.UUID, list[uuid.UUID]] = {}
        for source, target in self.merged_into.items():
            self.predecessors.setdefault(target, []).append(source)

    def successor(self, agency_id: uuid.UUID) -> uuid.UUID:
        """Where an agency's functions are today: follow its mergers to the end."""
        seen = {agency_id}
        while agency_id in self.merged_into:
            agency_id = self.merged_into[agency_id]
            if agency_id in seen:  # a cycle in bad data must not hang a request
                break
            seen.add(agency_id)
        return agency_id

    def scope(self, agency_id: uuid.UUID) -> frozenset[uuid.UUID]:
        """The successor of the agency, everything under it, and everything merged into those."""
        found: set[uuid.UUID] = set()
        stack = [self.successor(agency_id)]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.add(current)
            stack.extend(self.children.get(current, ()))
            stack.extend(self.predecessors.get(current, ()))
        return frozenset(found)

    def lineage(self, agency_id: uuid.UUID) -> frozenset[uuid.UUID]:
        """The successor and every agency merged into it: whose grants and memberships it holds."""
        found: set[uuid.UUID] = set()
        stack = [self.successor(agency_id)]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.predecessors.get(current, ()))
        return frozenset(found)


@dataclass(frozen=True)
class AgencyRole:
    """One membership, resolved: the agency acted for (after mergers) and what it covers."""

    agency_id: uuid.UUID
    agency_code: str
    role: str
    scope: frozenset[uuid.UUID]
    lineage: frozenset[uuid.UUID]


@dataclass(frozen=True)
class Actor:
    """A principal as the rules see it, built once per request (anonymous by default)."""

    principal_id: uuid.UUID | None = None
    name: str = "anonymous"
    email: str | None = None
    global_role: str | None = None
    roles: tuple[AgencyRole, ...] = ()
    grants: Mapping[uuid.UUID, frozenset[str]] = field(default_factory=dict, hash=False)
    """Datasets on which an agency of the actor holds a live grant, with the field names granted
    (empty: the whole dataset)."""
    token_scopes: frozenset[str] | None = None
    """Scopes of the API token used; None for a web session (which may do all its roles allow)."""

    @property
    def signed_in(self) -> bool:
        return self.principal_id is not None

    @property
    def is_admin(self) -> bool:
        return self.global_role == "admin"

    @property
    def is_approver(self) -> bool:
        return self.global_role == "approver"

    @property
    def is_integration(self) -> bool:
        return self.global_role == "integration"

    @property
    def is_staff(self) -> bool:
        return bool(self.roles)

    @property
    def label(self) -> str:
        """How revisions and the audit log name the actor."""
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def agency_code(self) -> str | None:
        """The agency the actor acts for when one is needed (the first membership)."""
        return self.roles[0].agency_code if self.roles else None

    def has_role(self, minimum: str) -> bool:
        return any(rank(r.role) >= rank(minimum) for r in self.roles)

    def scope(self, minimum: str = "viewer") -> frozenset[uuid.UUID]:
        """Agencies reached by the memberships whose role is at least ``minimum``."""
        return frozenset().union(*(r.scope for r in self.roles if rank(r.role) >= rank(minimum)))

    def role_for(self, agency_id: uuid.UUID) -> AgencyRole | None:
        """The membership through which the actor acts for an agency (or one merged into it)."""
        return next((r for r in self.roles if agency_id in r.lineage or agency_id == r.agency_id), None)

    def may_write(self) -> bool:
        return self.token_scopes is None or "write" in self.token_scopes


ANONYMOUS = Actor()
SYSTEM = Actor(name="system", global_role="admin")
"""The actor of CLI commands and internal jobs: every right, named in the audit log."""


# What a principal sees ---------------------------------------------------------------------


def visibility(actor: Actor) -> Visibility:
    if actor.is_admin or actor.is_approver:
        return Visibility.all()
    if actor.signed_in:
        return Visibility.staff(scope=actor.scope(), grants=actor.grants)
    return Visibility.anonymous()


def owner_of(dataset: Dataset) -> uuid.UUID | None:
    assignment = dataset.current_assignment(C.OWNER)
    return assignment.agency_id if assignment is not None else None


# What a principal may do -------------------------------------------------------------------


def can_create_in(actor: Actor, owner_id: uuid.UUID | None) -> bool:
    """Describe a new dataset owned by an agency: editors of that agency's scope."""
    return actor.is_admin or (owner_id is not None and owner_id in actor.scope("editor"))


def can_edit(actor: Actor, dataset: Dataset) -> bool:
    """Change a dataset's description: editors whose scope holds its current owner."""
    return can_create_in(actor, owner_of(dataset))


def can_publish(actor: Actor, dataset: Dataset | None, owner_id: uuid.UUID | None = None) -> bool:
    """Change status or sharing class (publish, retire, open up): stewards of the owner's scope."""
    if actor.is_admin:
        return True
    owner = owner_of(dataset) if dataset is not None else owner_id
    return owner is not None and owner in actor.scope("steward")


def can_give_opinion(actor: Actor, dataset: Dataset) -> bool:
    """Answer for the owner agency in the access workflow."""
    owner = owner_of(dataset)
    return owner is not None and owner in actor.scope("steward")


def can_manage_users(actor: Actor, agency_id: uuid.UUID) -> bool:
    return actor.is_admin or agency_id in actor.scope("agency_admin")


def may_grant_role(actor: Actor, role: str | None, global_role: str | None) -> bool:
    """Agency admins give agency roles up to their own; only administrators give global roles."""
    if actor.is_admin:
        return True
    return global_role is None and role is not None and actor.has_role("agency_admin")


def can_see_request(actor: Actor, request: AccessRequest) -> bool:
    """The parties: requesting agency, owner agency, approvers and administrators."""
    if actor.is_admin or actor.is_approver or actor.principal_id == request.requester_id:
        return True
    if actor.role_for(request.agency_id) is not None:
        return True
    owner = owner_of(request.dataset)
    return owner is not None and owner in actor.scope()


def can_see_grant(actor: Actor, grant: AccessGrant) -> bool:
    if actor.is_admin or actor.is_approver or actor.role_for(grant.agency_id) is not None:
        return True
    owner = owner_of(grant.dataset)
    return owner is not None and owner in actor.scope()


def can_revoke(actor: Actor) -> bool:
    """Only the provincial approver (who grants) or an administrator withdraws a grant."""
    return actor.is_approver or actor.is_admin


def may_check_for(actor: Actor, agency_id: uuid.UUID) -> bool:
    """The decision API: the platform, approvers and administrators ask for anyone; staff for themselves."""
    return (
        actor.is_admin or actor.is_approver or actor.is_integration or actor.role_for(agency_id) is not None
    )


# The access decision ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """Whether an agency may use a dataset, and the rule or grant that decided it."""

    allowed: bool
    rule: str
    """owner_scope, open_data, grant; or, when denied: grant_revoked, grant_expired, grant_pending,
    approval_required."""
    grant: AccessGrant | None = None

    def as_dict(self) -> dict[str, Any]:
        grant = self.grant
        return {
            "allowed": self.allowed,
            "rule": self.rule,
            "grant": None
            if grant is None
            else {"number": grant.number, "expires_at": grant.expires_at.isoformat(), "fields": grant.fields},
        }


def decide_access(
    scope: frozenset[uuid.UUID], dataset: Dataset, grants: Iterable[AccessGrant], now: datetime
) -> Decision:
    """The province's rule: own scope is free, open data is free, anything else needs a live grant.

    ``grants`` are the grants of the agency (and of agencies merged into it) on the dataset;
    the newest explains a denial (expired or revoked), so the platform can tell the user why.
    """
    if Visibility.holders(dataset) & scope:
        return Decision(True, "owner_scope")
    if dataset.sharing_class == C.OPEN and dataset.status == C.PUBLISHED:
        return Decision(True, "open_data")
    ordered = sorted(grants, key=lambda g: g.expires_at, reverse=True)
    live = [grant for grant in ordered if grant.state(now) == "live"]
    if live:
        return Decision(True, "grant", live[0])
    if ordered:
        newest = max(ordered, key=lambda g: g.created_at)
        return Decision(False, f"grant_{newest.state(now)}", newest)
    return Decision(False, "approval_required")


# Documentation campaigns ------------------------------------------------------------------------


def can_coordinate(actor: Actor) -> bool:
    """Open and close documentation campaigns: the provincial approver (who acts for the Provincial
    People's Committee, and oversees every agency's data) and administrators."""
    return actor.is_admin or actor.is_approver


def can_follow_campaigns(actor: Actor) -> bool:
    """See campaigns and their progress: every agency's staff, and the coordinators."""
    return can_coordinate(actor) or actor.is_staff

"""Access grants: what an approval leaves behind, and the decision the integration platform asks for.

An approval (:class:`dictionary.services.access.AccessService`) creates a grant; a grant answers
``check`` from its start until it expires or is revoked. Lists show a grant to the same parties as
its request. ``check`` writes every answer to the audit log (the law asks that each use of shared
data be traceable).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.orm import Session

from dictionary import concepts as C
from dictionary.errors import Conflict, Message, NotFound, PermissionDenied
from dictionary.models import AccessGrant, AccessRequest, Agency, Dataset, OwnershipAssignment
from dictionary.models.base import utcnow
from dictionary.policies import (
    Actor,
    Decision,
    can_revoke,
    can_see_grant,
    decide_access,
    may_check_for,
    visibility,
)
from dictionary.services.accounts import load_agency_graph
from dictionary.services.audit import record
from dictionary.services.base import Context, paginate, unit_of_work
from dictionary.services.lookup import load_dataset
from dictionary.services.notifications import Notifier


class GrantService:
    def __init__(self, ctx: Context, actor: Actor, now: Callable[[], datetime] = utcnow) -> None:
        self.ctx = ctx
        self.actor = actor
        self.now = now
        self.notifier = Notifier(ctx, actor)

    def get_grant(self, number: int) -> AccessGrant:
        grant = self.ctx.session.scalar(select(AccessGrant).where(AccessGrant.number == number))
        if grant is None or not can_see_grant(self.actor, grant):
            raise NotFound("Access grant", number)
        return grant

    def list_grants(self, state: str | None, page: int, page_size: int) -> tuple[list[AccessGrant], int]:
        query = select(AccessGrant).where(party_clause(self.actor, AccessGrant))
        now = self.now()
        if state == "live":
            query = query.where(
                AccessGrant.revoked_at.is_(None), AccessGrant.starts_at <= now, AccessGrant.expires_at > now
            )
        elif state == "expired":
            query = query.where(AccessGrant.revoked_at.is_(None), AccessGrant.expires_at <= now)
        elif state == "revoked":
            query = query.where(AccessGrant.revoked_at.is_not(None))
        return paginate(self.ctx.session, query, page, page_size, AccessGrant.number.desc())

    @unit_of_work
    def revoke(self, number: int, reason: str) -> AccessGrant:
        grant = self.get_grant(number)
        if not can_revoke(self.actor):
            raise PermissionDenied(
                Message("revoke_approver", "Only the approver or an administrator revokes a grant")
            )
        if grant.revoked_at is not None:
            raise Conflict(Message("grant_revoked", "Grant {number} was already revoked", number=number))
        grant.revoked_at, grant.revoked_by_id, grant.revoke_reason = (
            self.now(),
            self.actor.principal_id,
            reason,
        )
        self.ctx.session.flush()
        self.notifier.send(
            [grant.request.requester, *self.notifier.agency_leads(grant.agency_id)],
            "grant.revoked",
            grant.request,
            f"Quyền khai thác số {number} đã bị thu hồi: {reason}",
            f"Grant {number} was revoked: {reason}",
        )
        return grant

    # The decision API -------------------------------------------------------------------

    @unit_of_work
    def check(self, agency_code: str, dataset_ref: str) -> tuple[Decision, Agency, Dataset]:
        """May this agency use this dataset now? Every answer is written to the audit log."""
        session = self.ctx.session
        agency = session.scalar(select(Agency).where(Agency.code == agency_code))
        if agency is None:
            raise NotFound("Agency", agency_code)
        if not may_check_for(self.actor, agency.id):
            raise PermissionDenied(
                Message("check_own_agency", "Staff ask the decision API only for their own agency")
            )
        dataset = load_dataset(session, dataset_ref)
        if not visibility(self.actor).can_see(dataset):
            raise NotFound("Dataset", dataset_ref)
        graph = load_agency_graph(self.ctx)
        grants = grants_on(session, dataset.id, graph.lineage(agency.id))
        decision = decide_access(graph.scope(agency.id), dataset, grants, self.now())
        record(
            session,
            "access.check",
            "dataset",
            dataset.id,
            after={"agency": agency.code, "dataset": dataset.slug, **decision.as_dict()},
        )
        return decision, agency, dataset


def grants_on(session: Session, dataset_id: uuid.UUID, agencies: Iterable[uuid.UUID]) -> list[AccessGrant]:
    """Every grant (live or not) that these agencies hold on the dataset."""
    return list(
        session.scalars(
            select(AccessGrant).where(
                AccessGrant.dataset_id == dataset_id, AccessGrant.agency_id.in_(sorted(agencies))
            )
        )
    )


def party_clause(actor: Actor, model: type[AccessRequest] | type[AccessGrant]) -> ColumnElement[bool]:
    """SQL for can_see_request / can_see_grant (the parties of a request or grant), so lists page
    correctly: the approver and administrators see all; an agency its own; an owner what concerns its data."""
    if actor.is_admin or actor.is_approver:
        return true()
    lineage = sorted(frozenset().union(*(r.lineage for r in actor.roles)))
    owned = exists(
        select(OwnershipAssignment.id).where(
            OwnershipAssignment.dataset_id == model.dataset_id,
            OwnershipAssignment.role == C.OWNER,
            OwnershipAssignment.valid_to.is_(None),
            OwnershipAssignment.agency_id.in_(sorted(actor.scope())),
        )
    )
    clauses = [model.agency_id.in_(lineage), owned]
    if model is AccessRequest:
        clauses.append(AccessRequest.requester_id == actor.principal_id)
    return or_(*clauses)

"""Deadlines of the access workflow: steps opened and closed with due times, overdue lists, escalation.

Each step gets its due time when it opens, from the rule table (:class:`DeadlineRules`) counted in
working days; the due date is stored, so a later change of the rules or the holiday list does not
move a deadline already given. A step still open at its due time is overdue; ``escalate_due`` tells
the agency admins concerned and the approvers once (the step's ``escalated_at`` is claimed by one
conditional UPDATE, so two runs at once do not both escalate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from dictionary.errors import Message, PermissionDenied
from dictionary.governance.calendar import DeadlineRules
from dictionary.models import AccessRequest, AccessStep, Principal
from dictionary.models.base import utcnow
from dictionary.policies import SYSTEM, Actor, can_give_opinion, owner_of
from dictionary.services.base import Context, rows_changed, unit_of_work
from dictionary.services.notifications import Notifier

STEP_LABELS = {"opinion": "ý kiến cơ quan chủ quản", "decision": "quyết định phê duyệt"}
STEP_LABELS_EN = {"opinion": "the owner agency's opinion", "decision": "the approval decision"}


def open_step(
    ctx: Context, rules: DeadlineRules, request: AccessRequest, kind: str, now: datetime
) -> AccessStep:
    days = rules.allowed(kind)
    due_on, due_at = rules.calendar.due(now, days)
    step = AccessStep(
        request=request, kind=kind, opened_at=now, working_days=days, due_on=due_on, due_at=due_at
    )
    ctx.session.add(step)
    return step


def close_steps(request: AccessRequest, now: datetime) -> None:
    for step in request.steps:
        if step.closed_at is None:
            step.closed_at = now


def open_step_of(request: AccessRequest) -> AccessStep | None:
    return next((step for step in request.steps if step.closed_at is None), None)


@dataclass(frozen=True)
class EscalationReport:
    escalated: list[tuple[int, str]]
    """(request number, step kind) of each step escalated by this run."""


class DeadlineService:
    def __init__(
        self, ctx: Context, actor: Actor = SYSTEM, now: Callable[[], datetime] = utcnow
    ) -> None:
        self.ctx = ctx
        self.actor = actor
        self.now = now

    def overdue(self) -> list[AccessStep]:
        """Open steps past their due time that the actor must act on or oversee, oldest first.

        The approver and administrators see every one; the owner agency's stewards see the
        opinions their agency owes.
        """
        actor = self.actor
        rows = self.ctx.session.scalars(
            select(AccessStep)
            .where(AccessStep.closed_at.is_(None), AccessStep.due_at <= self.now())
            .order_by(AccessStep.due_at, AccessStep.id)
        ).all()
        if actor is SYSTEM or actor.is_approver or actor.is_admin:
            return list(rows)
        if not actor.signed_in:
            raise PermissionDenied(Message("overdue_sign_in", "Sign in to see overdue steps"))
        return [s for s in rows if s.kind == "opinion" and can_give_opinion(actor, s.request.dataset)]

    @unit_of_work
    def escalate_due(self) -> EscalationReport:
        """Escalate every overdue open step not escalated yet: once each, whoever runs it."""
        now, session = self.now(), self.ctx.session
        candidates = session.scalars(
            select(AccessStep).where(
                AccessStep.closed_at.is_(None),
                AccessStep.escalated_at.is_(None),
                AccessStep.due_at <= now,
            )
        ).all()
        notifier = Notifier(self.ctx, SYSTEM)
        done: list[tuple[int, str]] = []
        for step in candidates:
            claimed = rows_changed(
                session.execute(
                    update(AccessStep)
                    .where(AccessStep.id == step.id, AccessStep.escalated_at.is_(None))
                    .values(escalated_at=now),
                    execution_options={"synchronize_session": False},
                )
            )
            if claimed != 1:
                continue  # another run escalated it meanwhile
            set_committed_value(step, "escalated_at", now)
            request = step.request
            notifier.send(
                self._escalation_recipients(notifier, step),
                "step.overdue",
                request,
                f"Quá hạn: hồ sơ số {request.number} chưa có {STEP_LABELS[step.kind]}, "
                f"hạn {step.due_on:%d/%m/%Y} ({step.working_days} ngày làm việc)",
                f"Overdue: dossier {request.number} still waits for {STEP_LABELS_EN[step.kind]}, "
                f"due {step.due_on:%d/%m/%Y} ({step.working_days} working days)",
            )
            done.append((request.number, step.kind))
        return EscalationReport(done)

    @staticmethod
    def _escalation_recipients(notifier: Notifier, step: AccessStep) -> list[Principal]:
        """Whoever must act and whoever oversees: the agency admins of the agency that owes the step
        (the owner for an opinion, the requester for a decision, so that it can follow up), and the
        approvers."""
        request = step.request
        if step.kind == "opinion":
            owner = owner_of(request.dataset)
            admins = notifier.agency_admins(owner) if owner is not None else []
            return [*admins, *notifier.owner_stewards(request.dataset), *notifier.approvers()]
        return [*notifier.approvers(), *notifier.agency_admins(request.agency_id)]

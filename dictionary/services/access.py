"""The access-approval workflow and the decision the integration platform asks for.

Staff of agency A ask for dataset D outside A's scope → the owner agency gives its opinion → the
provincial approver approves (creating a grant) or rejects with a reason → the grant answers
``check`` until it expires or is revoked. Every step is a write (so the audit listener logs it);
``check`` logs its decision explicitly. Parties are told through notifications
(:mod:`dictionary.services.notifications`). Each step (opinion, decision) has a due time in
working days (:mod:`dictionary.services.deadlines`); a refusal cites a regulation of the
legal-basis register and a reason; an approval issues the decision letter, kept as a PDF
(:mod:`dictionary.services.letters`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import Conflict, InvalidInput, Message, NotFound, PermissionDenied
from dictionary.governance.calendar import DeadlineRules
from dictionary.models import (
    AccessGrant,
    AccessRequest,
    Agency,
    Dataset,
    DecisionLetter,
    Standard,
)
from dictionary.models.base import utcnow
from dictionary.policies import (
    Actor,
    can_give_opinion,
    can_see_request,
    visibility,
)
from dictionary.services.base import Context, paginate, unit_of_work
from dictionary.services.deadlines import close_steps, open_step
from dictionary.services.grants import grants_on, party_clause
from dictionary.services.letters import issue_letter, kept_letter
from dictionary.services.lookup import load_dataset
from dictionary.services.notifications import Notifier
from dictionary.visibility import Visibility

OPEN_STATES = ("submitted", "reviewed")


@dataclass(frozen=True)
class RequestFilters:
    status: str | None = None
    dataset: str | None = None


PROVINCE_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
"""Where the days of a request's period begin and end (UTC+7, no daylight saving)."""


def _start_of(day: Any) -> datetime:
    """The first moment of a day in the province (00:00 in Asia/Ho_Chi_Minh), in UTC."""
    return datetime.combine(day, time.min, tzinfo=PROVINCE_TIME).astimezone(UTC)


def end_of_day(day: Any) -> datetime:
    """The last second of a day in the province: a grant "until 30/6/2027" lasts through
    23:59:59 ICT on 30/6/2027 (16:59:59 UTC), and a page shows it as 30/06/2027."""
    return _start_of(day) + timedelta(days=1, seconds=-1)


def no_such_fields(names: list[str]) -> Message:
    shown = ", ".join(map(repr, names))
    return Message("no_such_fields", "the dataset has no field named {shown}", names=list(names), shown=shown)


def already_decided(number: int, status: str) -> Message:
    return Message("already_decided", "Request {number} was already {status}", number=number, status=status)


class AccessService:
    def __init__(
        self,
        ctx: Context,
        actor: Actor,
        now: Callable[[], datetime] = utcnow,
        rules: DeadlineRules | None = None,
    ) -> None:
        self.ctx = ctx
        self.actor = actor
        self.now = now
        self.rules = rules or DeadlineRules()
        self.notifier = Notifier(ctx, actor)

    # Requests ---------------------------------------------------------------------------

    @unit_of_work
    def submit(self, data: dict[str, Any]) -> AccessRequest:
        """File a request for the actor's agency (``agency`` when the actor has several)."""
        actor, session = self.actor, self.ctx.session
        if not actor.is_staff:
            raise PermissionDenied(
                Message("staff_only", "Only staff of an agency file access requests, for their agency")
            )
        role = actor.roles[0]
        if data.get("agency"):
            agency = session.scalar(select(Agency).where(Agency.code == data["agency"]))
            named = actor.role_for(agency.id) if agency is not None else None
            if named is None:
                raise PermissionDenied(
                    Message("own_agency_only", "You file requests only for an agency you belong to")
                )
            role = named
        elif len(actor.roles) > 1:
            raise InvalidInput.one(
                "agency",
                Message("several_agencies", "you belong to several agencies: name the requesting one"),
            )
        dataset = load_dataset(session, data["dataset"])
        if not visibility(actor).can_see(dataset):
            raise NotFound("Dataset", data["dataset"])
        if Visibility.holders(dataset) & role.scope:
            raise Conflict(
                Message("in_scope", "The dataset is within your agency's scope: it needs no approval")
            )
        if dataset.sharing_class == C.OPEN and dataset.status == C.PUBLISHED:
            raise Conflict(Message("open_data", "The dataset is open data: it needs no approval"))
        self._check_request_values(dataset, data)
        lineage = sorted(role.lineage)
        pending = session.scalar(
            select(AccessRequest.number).where(
                AccessRequest.dataset_id == dataset.id,
                AccessRequest.agency_id.in_(lineage),
                AccessRequest.status.in_(OPEN_STATES),
            )
        )
        if pending is not None:
            raise Conflict(
                Message("request_open", "Request {number} for this dataset is still open", number=pending)
            )
        if any(g.state(self.now()) == "live" for g in grants_on(session, dataset.id, role.lineage)):
            raise Conflict(Message("grant_live", "Your agency already holds a live grant on this dataset"))
        number = (session.scalar(select(func.max(AccessRequest.number))) or 0) + 1
        request = AccessRequest(
            number=number,
            requester_id=actor.principal_id,
            agency_id=role.agency_id,
            dataset=dataset,
            purpose=data["purpose"],
            fields=list(dict.fromkeys(data.get("fields") or [])),
            period_start=data["period_start"],
            period_end=data["period_end"],
            legal_basis=data["legal_basis"],
            status="submitted",
        )
        session.add(request)
        step = open_step(self.ctx, self.rules, request, "opinion", self.now())
        session.flush()
        self.notifier.send(
            self.notifier.owner_stewards(dataset),
            "request.submitted",
            request,
            f"Yêu cầu khai thác số {number}: {role.agency_code} xin dùng '{dataset.title_vi}'; "
            f"hạn cho ý kiến {step.due_on:%d/%m/%Y}",
            f"Access request {number}: {role.agency_code} asks to use '{dataset.title_vi}'; "
            f"opinion due {step.due_on:%d/%m/%Y}",
        )
        return request

    def _check_request_values(self, dataset: Dataset, data: dict[str, Any]) -> None:
        errors: dict[str, list[str]] = {}
        if data["period_end"] < data["period_start"]:
            errors["period_end"] = [Message("not_before", "must not be before {other}", other="period_start")]
        elif end_of_day(data["period_end"]) <= self.now():
            errors["period_end"] = [Message("period_over", "the period is already over")]
        names = {field.name for field in dataset.fields}
        unknown = [name for name in data.get("fields") or [] if name not in names]
        if unknown:
            errors["fields"] = [no_such_fields(unknown)]
        if errors:
            raise InvalidInput(errors)

    @unit_of_work
    def give_opinion(self, number: int, opinion: str, comment: str | None) -> AccessRequest:
        request = self.get_request(number)
        if not can_give_opinion(self.actor, request.dataset):
            raise PermissionDenied(
                Message("opinion_stewards", "Only stewards of the owner agency give its opinion")
            )
        if request.status != "submitted":
            raise Conflict(
                Message(
                    "opinion_given",
                    "Request {number} is {status}: the opinion was already given",
                    number=number,
                    status=request.status,
                )
            )
        request.owner_opinion, request.opinion_comment = opinion, comment
        now = self.now()
        request.opinion_by_id, request.opinion_at, request.status = (self.actor.principal_id, now, "reviewed")
        close_steps(request, now)
        step = open_step(self.ctx, self.rules, request, "decision", now)
        self.ctx.session.flush()
        self.notifier.send(
            self.notifier.approvers(),
            "request.reviewed",
            request,
            f"Yêu cầu số {number} chờ phê duyệt (ý kiến chủ quản: {opinion}); hạn {step.due_on:%d/%m/%Y}",
            f"Request {number} waits for a decision (owner's opinion: {opinion}); due {step.due_on:%d/%m/%Y}",
        )
        self.notifier.send(
            [request.requester],
            "request.reviewed",
            request,
            f"Chủ quản đã cho ý kiến về yêu cầu số {number}: {opinion}",
            f"The owner agency gave its opinion on request {number}: {opinion}",
        )
        return request

    def _decidable(self, number: int) -> AccessRequest:
        request = self.get_request(number)
        if not self.actor.is_approver:
            raise PermissionDenied(
                Message("approver_only", "Only the provincial approver decides access requests")
            )
        if request.requester_id == self.actor.principal_id:
            raise PermissionDenied(Message("own_request", "You cannot decide a request you filed yourself"))
        if request.status not in OPEN_STATES:
            raise Conflict(already_decided(number, request.status))
        return request

    @unit_of_work
    def approve(
        self,
        number: int,
        *,
        expires_at: datetime | None = None,
        fields: list[str] | None = None,
        reason: str | None = None,
    ) -> AccessGrant:
        """Approve a reviewed request: a grant for the requested period (or until ``expires_at``)."""
        request = self._decidable(number)
        if request.status == "submitted":
            raise Conflict(
                Message(
                    "awaits_opinion", "Request {number} waits for the owner agency's opinion", number=number
                )
            )
        now = self.now()
        expires = expires_at or end_of_day(request.period_end)
        if expires <= now:
            raise InvalidInput.one("expires_at", Message("must_be_future", "must be in the future"))
        granted = request.fields if fields is None else list(dict.fromkeys(fields))
        if fields is not None and request.fields and not set(granted) <= set(request.fields):
            raise InvalidInput.one(
                "fields",
                Message("narrow_only", "an approval may narrow the requested fields, not add to them"),
            )
        unknown = set(granted) - {field.name for field in request.dataset.fields}
        if unknown:
            raise InvalidInput.one("fields", no_such_fields(sorted(unknown)))
        grant = AccessGrant(
            number=request.number,
            request=request,
            agency_id=request.agency_id,
            dataset_id=request.dataset_id,
            fields=granted,
            starts_at=max(now, _start_of(request.period_start)),
            expires_at=expires,
        )
        self.ctx.session.add(grant)
        self._decide(request, "approved", reason)
        issue_letter(self.ctx, request, grant, self.actor.name)
        return grant

    @unit_of_work
    def reject(self, number: int, reason: str, legal_basis: str | None) -> AccessRequest:
        """Refuse in writing with a reason and the regulation that grounds it (Decree 194/2025)."""
        errors: dict[str, list[str]] = {}
        if not reason or not reason.strip():
            errors["reason"] = [Message("reason_needed", "a rejection needs a reason")]
        basis = None
        if not legal_basis or not legal_basis.strip():
            errors["legal_basis"] = [
                Message("basis_needed", "a rejection cites its legal basis: a regulation of the register")
            ]
        else:
            basis = self.ctx.session.scalar(select(Standard).where(Standard.code == legal_basis.strip()))
            if basis is None or basis.kind != C.REGULATION:
                errors["legal_basis"] = [
                    Message(
                        "not_a_regulation",
                        "'{value}' is not a regulation of the legal-basis register",
                        value=legal_basis,
                    )
                ]
        if errors:
            raise InvalidInput(errors)
        request = self._decidable(number)
        request.refusal_basis = basis
        self._decide(request, "rejected", reason)
        return request

    def _decide(self, request: AccessRequest, status: str, reason: str | None) -> None:
        request.status, request.decision_reason = status, reason
        request.decided_by_id, request.decided_at = self.actor.principal_id, self.now()
        close_steps(request, request.decided_at)
        self.ctx.session.flush()
        verb, verb_en = ("phê duyệt", "approved") if status == "approved" else ("từ chối", "rejected")
        recipients = [
            request.requester,
            *self.notifier.agency_leads(request.agency_id),
            *self.notifier.owner_stewards(request.dataset),
        ]
        self.notifier.send(
            recipients,
            f"request.{status}",
            request,
            f"Yêu cầu số {request.number} đã được {verb}",
            f"Request {request.number} was {verb_en}",
        )

    @unit_of_work
    def withdraw(self, number: int) -> AccessRequest:
        request = self.get_request(number)
        if request.requester_id != self.actor.principal_id and self.actor.role_for(request.agency_id) is None:
            raise PermissionDenied(
                Message("withdraw_own", "Only the requesting agency withdraws its request")
            )
        if request.status not in OPEN_STATES:
            raise Conflict(already_decided(number, request.status))
        request.status = "withdrawn"
        close_steps(request, self.now())
        self.ctx.session.flush()
        return request

    def letter(self, number: int) -> DecisionLetter:
        """The kept decision letter of an approved request, for whoever is a party to it."""
        letter = kept_letter(self.ctx, self.get_request(number))
        if letter is None:
            raise NotFound("Decision letter", number)
        return letter

    def get_request(self, number: int) -> AccessRequest:
        request = self.ctx.session.scalar(select(AccessRequest).where(AccessRequest.number == number))
        if request is None or not can_see_request(self.actor, request):
            raise NotFound("Access request", number)
        return request

    def list_requests(
        self, filters: RequestFilters, page: int, page_size: int
    ) -> tuple[list[AccessRequest], int]:
        query = select(AccessRequest).where(party_clause(self.actor, AccessRequest))
        if filters.status:
            query = query.where(AccessRequest.status == filters.status)
        if filters.dataset:
            query = query.where(
                AccessRequest.dataset_id == load_dataset(self.ctx.session, filters.dataset).id
            )
        return paginate(self.ctx.session, query, page, page_size, AccessRequest.number.desc())

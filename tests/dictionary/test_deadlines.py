"""Deadlines of access requests with a fixed clock: working days around Vietnam's holidays, the
configured days off and make-up days, overdue steps listed for who must act, escalation once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from dictionary.governance.calendar import (
    VIETNAM,
    DeadlineRules,
    WorkingCalendar,
    parse_days,
    parse_rule_table,
    rules_from,
)
from dictionary.models import AccessStep, Notification
from dictionary.services import AgencyService
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from dictionary.services.deadlines import DeadlineService
from tests.factories import make_agency, make_dataset, make_principal


def local(*parts: int) -> datetime:
    """A time in Vietnam (UTC+7), as the people filing requests see it."""
    return datetime(*parts, tzinfo=VIETNAM).astimezone(UTC)


# The calendar -------------------------------------------------------------------------------------


def test_a_request_before_tet_is_due_after_the_holiday_and_weekends() -> None:
    calendar = WorkingCalendar()
    # Friday 13/02/2026, 16:30: Tết runs Monday 16 to Friday 20 February, with weekends both sides.
    due_on, overdue_from = calendar.due(local(2026, 2, 13, 16, 30), 2)
    assert due_on == date(2026, 2, 24)  # Monday 23 is the first working day, Tuesday 24 the second
    assert overdue_from == datetime(2026, 2, 25, tzinfo=VIETNAM)
    assert overdue_from.astimezone(UTC) == datetime(2026, 2, 24, 17, tzinfo=UTC)


def test_the_local_day_counts_not_the_utc_one() -> None:
    # 23:30 UTC on Thursday is already Friday 06:30 in Vietnam: the count starts on Monday.
    due_on, _ = WorkingCalendar().due(datetime(2026, 3, 5, 23, 30, tzinfo=UTC), 1)
    assert due_on == date(2026, 3, 9)
    due_on, _ = WorkingCalendar().due(datetime(2026, 3, 5, 10, 0, tzinfo=UTC), 1)
    assert due_on == date(2026, 3, 6)


def test_compensatory_days_off_and_make_up_working_days_are_configurable() -> None:
    plain = WorkingCalendar()
    # New Year's Eve 2025: 1 January is a holiday; say the government gives Friday 2 January too.
    assert plain.due(local(2025, 12, 31, 9), 2)[0] == date(2026, 1, 5)
    with_bridge = WorkingCalendar(days_off=frozenset({date(2026, 1, 2)}))
    assert with_bridge.due(local(2025, 12, 31, 9), 2)[0] == date(2026, 1, 6)
    # A Saturday worked in exchange (22/08/2026 for 31/08/2026) counts as a working day.
    assert plain.due(local(2026, 8, 20, 9), 2)[0] == date(2026, 8, 24)
    swapped = WorkingCalendar(working_days=frozenset({date(2026, 8, 22)}))
    assert swapped.due(local(2026, 8, 20, 9), 2)[0] == date(2026, 8, 22)
    assert not plain.is_working_day(date(2026, 9, 2))  # National Day, from the holidays package


def test_the_rule_table_and_day_lists_are_parsed_strictly() -> None:
    assert parse_rule_table("opinion=3, decision=5") == {"opinion": 3, "decision": 5}
    assert rules_from("decision=4", "2026-01-02", "").days == {"opinion": 2, "decision": 4}
    for bad in ("opinion", "review=2", "opinion=0", "decision=x"):
        with pytest.raises(ValueError, match=r"opinion=N|1 to 60"):
            parse_rule_table(bad)
    with pytest.raises(ValueError, match="'2026-13-01' is not a date"):
        parse_days("2026-01-02,2026-13-01")


# Steps on requests ------------------------------------------------------------------------------


@pytest.fixture
def parties(ctx) -> dict:
    make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
    for code in ("H68.04", "H68.11"):
        make_agency(ctx, code=code, parent="H68", valid_from="2004-01-01")
    owner = AgencyService(ctx).get("H68.11")
    make_dataset(ctx, owner=owner, slug="tiem-chung", status="PUBLISHED", title_vi="Tiêm chủng mở rộng")
    return {
        "requester": make_principal(ctx, "viewer", "H68.04"),
        "requester_admin": make_principal(ctx, "agency_admin", "H68.04"),
        "steward": make_principal(ctx, "steward", "H68.11"),
        "owner_admin": make_principal(ctx, "agency_admin", "H68.11"),
        "approver": make_principal(ctx, "approver"),
    }


def service(ctx, principal, at: datetime, rules: DeadlineRules | None = None) -> AccessService:
    return AccessService(ctx, AccountService(ctx).actor_for(principal), now=lambda: at, rules=rules)


def submit(ctx, parties, at: datetime, rules: DeadlineRules | None = None):
    return service(ctx, parties["requester"], at, rules).submit(
        {
            "dataset": "tiem-chung",
            "purpose": "Đối chiếu",
            "fields": [],
            "period_start": date(2026, 3, 1),
            "period_end": date(2026, 12, 31),
            "legal_basis": "194/2025/NĐ-CP",
        }
    )


def test_each_step_gets_its_due_date_when_it_opens(ctx, parties) -> None:
    request = submit(ctx, parties, local(2026, 2, 13, 16, 30))
    (opinion,) = request.steps
    assert (opinion.kind, opinion.due_on, opinion.working_days) == ("opinion", date(2026, 2, 24), 2)
    # The opinion comes on Wednesday 25/02, a day late; the decision step opens then.
    late = local(2026, 2, 25, 9)
    service(ctx, parties["steward"], late).give_opinion(request.number, "agree", None)
    ctx.session.refresh(request)
    opinion, decision = request.steps
    assert opinion.closed_at == late and opinion.overdue(late)
    assert (decision.kind, decision.due_on, decision.closed_at) == ("decision", date(2026, 2, 27), None)
    approved_at = local(2026, 2, 26, 10)
    service(ctx, parties["approver"], approved_at).approve(request.number)
    ctx.session.refresh(request)
    assert request.steps[1].closed_at == approved_at and not request.steps[1].overdue(approved_at)


def test_the_rule_table_sets_the_days_of_each_step(ctx, parties) -> None:
    rules = rules_from("opinion=5", "", "")
    request = submit(ctx, parties, local(2026, 3, 2, 9), rules)  # a Monday
    assert (request.steps[0].working_days, request.steps[0].due_on) == (5, date(2026, 3, 9))


def test_an_overdue_step_is_listed_for_who_must_act_and_escalates_once(ctx, parties) -> None:
    request = submit(ctx, parties, local(2026, 2, 13, 16, 30))
    due_at = request.steps[0].due_at

    def deadlines(principal=None, at=due_at) -> DeadlineService:
        actor = AccountService(ctx).actor_for(principal) if principal else None
        return DeadlineService(ctx, *([actor] if actor else []), now=lambda: at)

    assert deadlines(at=due_at - timedelta(seconds=1)).escalate_due().escalated == []
    assert deadlines(parties["approver"], due_at - timedelta(seconds=1)).overdue() == []

    first = deadlines().escalate_due()
    assert first.escalated == [(request.number, "opinion")]
    assert deadlines(at=due_at + timedelta(days=3)).escalate_due().escalated == []  # once only

    overdue_for = {name: [s.request.number for s in deadlines(p).overdue()] for name, p in parties.items()}
    assert overdue_for == {
        "requester": [],
        "requester_admin": [],
        "steward": [request.number],
        "owner_admin": [request.number],
        "approver": [request.number],
    }
    told = {
        name: ctx.session.scalar(
            select(Notification).where(Notification.recipient_id == p.id, Notification.kind == "step.overdue")
        )
        for name, p in parties.items()
    }
    assert {name for name, n in told.items() if n is not None} == {"steward", "owner_admin", "approver"}
    assert "24/02/2026" in told["approver"].message
    step = ctx.session.scalar(select(AccessStep).where(AccessStep.request_id == request.id))
    assert step.escalated_at == due_at


def test_a_decided_or_withdrawn_request_has_no_open_step(ctx, parties) -> None:
    request = submit(ctx, parties, local(2026, 2, 13, 16, 30))
    service(ctx, parties["requester"], local(2026, 2, 16, 8)).withdraw(request.number)
    after = request.steps[0].due_at + timedelta(days=1)
    assert DeadlineService(ctx, now=lambda: after).overdue() == []
    assert DeadlineService(ctx, now=lambda: after).escalate_due().escalated == []

"""Working days in Vietnam: weekends, public holidays (the ``holidays`` package) and the days off
the government announces each year in compensation (a configured list), in Asia/Ho_Chi_Minh.

A time limit of N working days runs from the working day after the step opened (the day of
receipt does not count) and ends at midnight, local time, after the N-th working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_WORKING_DAYS = 2
"""Decree 194/2025: two working days to create a connection account or refuse with reasons."""


@dataclass(frozen=True)
class WorkingCalendar:
    days_off: frozenset[date] = frozenset()
    """Compensatory days off announced by the government (on top of the public holidays)."""
    working_days: frozenset[date] = frozenset()
    """Weekend days worked in exchange for a day off (make-up working days)."""

    @cached_property
    def _public_holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("VN")

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off and day not in self._public_holidays

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
        day, counted = start, 0
        while counted < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_before(self, end: date, count: int) -> date:
        """The ``count``-th working day before ``end`` (``end`` itself with a count of 0)."""
        day, counted = end, 0
        while counted < count:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def due(self, opened_at: datetime, count: int) -> tuple[date, datetime]:
        """The last working day of a step opened at ``opened_at``, and the instant it becomes overdue."""
        last = self.add_working_days(opened_at.astimezone(VIETNAM).date(), count)
        overdue_from = datetime.combine(last + timedelta(days=1), time.min, tzinfo=VIETNAM)
        return last, overdue_from


def start_of(day: date) -> datetime:
    """Midnight at the start of a day in Vietnam (an aware time)."""
    return datetime.combine(day, time.min, tzinfo=VIETNAM)


def end_of(day: date) -> datetime:
    """The instant a day in Vietnam is over: midnight at the start of the next one."""
    return start_of(day + timedelta(days=1))


def local_date(at: datetime) -> date:
    return at.astimezone(VIETNAM).date()


@dataclass(frozen=True)
class DeadlineRules:
    """The rule table: working days allowed per step kind, and the calendar they are counted in."""

    days: Mapping[str, int] = field(
        default_factory=lambda: {"opinion": DEFAULT_WORKING_DAYS, "decision": DEFAULT_WORKING_DAYS}
    )
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)

    def allowed(self, kind: str) -> int:
        return self.days.get(kind, DEFAULT_WORKING_DAYS)


def parse_rule_table(text: str) -> dict[str, int]:
    """``opinion=2,decision=3`` → ``{"opinion": 2, "decision": 3}``; raises ValueError naming the bad item."""
    rules: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        kind, _, value = item.partition("=")
        if kind.strip() not in ("opinion", "decision") or not value.strip().isdigit():
            raise ValueError(f"{item!r} is not opinion=N or decision=N")
        days = int(value)
        if not 1 <= days <= 60:
            raise ValueError(f"{item!r}: a step lasts 1 to 60 working days")
        rules[kind.strip()] = days
    return rules


def parse_days(text: str) -> frozenset[date]:
    """``2026-01-02,2026-04-29`` → the dates; raises ValueError naming the bad one."""
    found: set[date] = set()
    for item in filter(None, (part.strip() for part in text.split(","))):
        try:
            found.add(date.fromisoformat(item))
        except ValueError:
            raise ValueError(f"{item!r} is not a date (YYYY-MM-DD)") from None
    return frozenset(found)


def rules_from(table: str, days_off: str, working_days: str) -> DeadlineRules:
    defaults = DeadlineRules()
    return DeadlineRules(
        days={**defaults.days, **parse_rule_table(table)},
        calendar=WorkingCalendar(days_off=parse_days(days_off), working_days=parse_days(working_days)),
    )

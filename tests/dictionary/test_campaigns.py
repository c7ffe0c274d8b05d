"""Documentation campaigns and freshness reminders with a fixed clock: tasks for exactly the datasets
below target, progress moving live as a steward completes the dictionary, the reminder sent once,
the report frozen at closing; a dataset overdue for its frequency reminded once per period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from dictionary.errors import Conflict, InvalidInput, PermissionDenied
from dictionary.governance.calendar import VIETNAM, WorkingCalendar
from dictionary.models import Campaign, Dataset, FreshnessReminder, Notification
from dictionary.policies import ANONYMOUS
from dictionary.services import AgencyService, FieldService
from dictionary.services.accounts import AccountService
from dictionary.services.campaigns import CampaignService
from dictionary.services.freshness import FreshnessReminders
from tests.factories import FieldData, make_agency, make_dataset, make_principal

OPENED = datetime(2026, 11, 2, 9, tzinfo=VIETNAM).astimezone(UTC)  # Monday 02/11/2026, 09:00 ICT


@pytest.fixture
def province(ctx) -> dict:
    make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
    for code in ("H68.04", "H68.11", "H68.20"):
        make_agency(ctx, code=code, parent="H68", valid_from="2004-01-01")
    health, finance, other = (AgencyService(ctx).get(code) for code in ("H68.11", "H68.04", "H68.20"))
    # One dictionary fully assessed, one with a field not assessed for personal data, one empty.
    make_dataset(ctx, owner=health, slug="tiem-chung")
    FieldService(ctx).replace_all("tiem-chung", [FieldData(name="ma"), FieldData(name="ten")])
    make_dataset(ctx, owner=health, slug="benh-vien")
    FieldService(ctx).replace_all(
        "benh-vien", [FieldData(name="ma"), FieldData(name="ho_ten", personal_data=None)]
    )
    make_dataset(ctx, owner=finance, slug="ngan-sach")
    make_dataset(ctx, owner=other, slug="khac")
    return {
        "coordinator": make_principal(ctx, "approver"),
        "health_steward": make_principal(ctx, "steward", "H68.11"),
        "health_editor": make_principal(ctx, "editor", "H68.11"),
        "finance_steward": make_principal(ctx, "steward", "H68.04"),
        "viewer": make_principal(ctx, "viewer", "H68.04"),
    }


def campaigns(ctx, principal=None, at: datetime = OPENED) -> CampaignService:
    actor = AccountService(ctx).actor_for(principal) if principal is not None else None
    return CampaignService(ctx, *([actor] if actor else []), calendar=WorkingCalendar(), now=lambda: at)


def open_campaign(ctx, province, **overrides):
    data = {
        "title": "Hoàn thiện mô tả dữ liệu y tế, tài chính",
        "personal_data_assessed": True,
        "agencies": ["H68.11", "H68.04"],
        "deadline": date(2026, 11, 20),  # a Friday
        "reminder_days": 3,
    } | overrides
    return campaigns(ctx, province["coordinator"]).open(data)


def told(ctx, principal, kind: str) -> list[str]:
    return list(
        ctx.session.scalars(
            select(Notification.message).where(
                Notification.recipient_id == principal.id, Notification.kind == kind
            )
        )
    )


def test_tasks_are_exactly_the_chosen_agencies_datasets_below_target(ctx, province) -> None:
    campaign = open_campaign(ctx, province)
    assert campaign.number == 1
    assert campaign.deadline_at == datetime(2026, 11, 20, 17, tzinfo=UTC)  # midnight after, ICT
    assert campaign.remind_at == datetime(2026, 11, 17, tzinfo=VIETNAM)  # three working days before
    progress = campaigns(ctx, province["coordinator"]).progress(1)
    assert sorted((t.dataset.slug, t.missing) for t in progress.tasks) == [
        ("benh-vien", ["personal_data"]),
        ("ngan-sach", ["personal_data"]),  # no dictionary: nothing is assessed
    ]
    by_agency = {a.code: (a.datasets, a.met, a.missed) for a in progress.agencies}
    assert by_agency == {"H68.11": (2, 1, 1), "H68.04": (1, 0, 1)}  # H68.20 was not chosen
    assert (progress.datasets, progress.met, progress.percent) == (3, 1, 33)
    # The stewards were told at opening, with their own count; the coordinator opened it.
    assert told(ctx, province["health_steward"], "campaign.opened") == [
        "Chiến dịch số 1 “Hoàn thiện mô tả dữ liệu y tế, tài chính”: 1 cơ sở dữ liệu của cơ quan bạn "
        "chưa đạt mục tiêu, hạn 20/11/2026"
    ]
    assert told(ctx, province["coordinator"], "campaign.opened") == []


def test_a_completeness_target_and_all_agencies(ctx, province) -> None:
    ctx.session.execute(update(Dataset).where(Dataset.slug == "khac").values(completeness=95))
    ctx.session.commit()
    open_campaign(ctx, province, personal_data_assessed=False, min_completeness=90, agencies=[])
    progress = campaigns(ctx, province["coordinator"]).progress(1)
    assert {a.code for a in progress.agencies} == {"H68.04", "H68.11", "H68.20"}
    assert "khac" not in {t.dataset.slug for t in progress.tasks}
    assert {t.missing[0] for t in progress.tasks} == {"completeness"} and len(progress.tasks) == 3


def test_progress_moves_live_as_a_steward_completes_the_dictionary(ctx, province) -> None:
    open_campaign(ctx, province)
    steward = province["health_steward"]
    assert [t.dataset.slug for t in campaigns(ctx, steward).tasks()] == ["benh-vien"]
    assert [t.dataset.slug for t in campaigns(ctx, province["health_editor"]).tasks()] == ["benh-vien"]
    assert [t.dataset.slug for t in campaigns(ctx, province["finance_steward"]).tasks()] == ["ngan-sach"]
    FieldService(ctx).update("benh-vien", "ho_ten", {"personal_data": "CO_BAN"})
    assert campaigns(ctx, steward).tasks() == []
    health = next(a for a in campaigns(ctx, steward).progress(1).agencies if a.code == "H68.11")
    assert (health.met, health.missed, health.percent) == (2, 0, 100)


def test_the_reminder_goes_out_once_before_the_deadline(ctx, province) -> None:
    open_campaign(ctx, province)
    remind_at = datetime(2026, 11, 17, tzinfo=VIETNAM)
    assert campaigns(ctx, at=remind_at - timedelta(seconds=1)).run_due().reminded == []
    first = campaigns(ctx, at=remind_at).run_due()
    assert (first.reminded, first.closed) == ([1], [])
    assert campaigns(ctx, at=remind_at + timedelta(hours=5)).run_due().reminded == []
    assert len(told(ctx, province["finance_steward"], "campaign.reminder")) == 1
    assert (
        "còn 1 cơ sở dữ liệu chưa đạt mục tiêu, hạn 20/11/2026"
        in told(ctx, province["health_steward"], "campaign.reminder")[0]
    )


def test_closing_freezes_the_report(ctx, province) -> None:
    open_campaign(ctx, province)
    with pytest.raises(PermissionDenied):
        campaigns(ctx, province["health_steward"]).close(1)
    closed = campaigns(ctx, province["coordinator"]).close(1)
    assert closed.closed_by.startswith("Approver")
    assert [{k: v for k, v in row.items() if k != "name"} for row in closed.report] == [
        {"code": "H68.04", "datasets": 1, "met": 0, "missed": 1},  # most behind first
        {"code": "H68.11", "datasets": 2, "met": 1, "missed": 1},
    ]
    FieldService(ctx).update("benh-vien", "ho_ten", {"personal_data": "CO_BAN"})  # after closing
    progress = campaigns(ctx, province["viewer"]).progress(1)
    assert [(a.code, a.met) for a in progress.agencies] == [("H68.04", 0), ("H68.11", 1)]
    assert progress.tasks == [] and campaigns(ctx, province["health_steward"]).tasks() == []
    with pytest.raises(Conflict):
        campaigns(ctx, province["coordinator"]).close(1)
    content, _media = campaigns(ctx, province["viewer"]).report_file(1, "csv")
    lines = content.decode("utf-8-sig").splitlines()
    assert (
        lines[0].startswith("Mã cơ quan / Agency code,")
        and lines[2].startswith("H68.11,")
        and lines[2].endswith(",2,1,1")
    )


def test_a_campaign_closes_by_itself_after_its_deadline(ctx, province) -> None:
    open_campaign(ctx, province)
    end = datetime(2026, 11, 21, tzinfo=VIETNAM)
    assert campaigns(ctx, at=end - timedelta(seconds=1)).run_due().closed == []
    assert campaigns(ctx, at=end).run_due().closed == [1]
    assert campaigns(ctx, at=end + timedelta(days=1)).run_due().closed == []
    campaign = ctx.session.scalar(select(Campaign))
    assert (campaign.closed_by, campaign.closed_at, len(campaign.report)) == ("system", end, 2)


def test_opening_checks_who_and_what(ctx, province) -> None:
    with pytest.raises(PermissionDenied):
        campaigns(ctx, province["health_steward"]).open({"title": "x", "deadline": date(2026, 12, 1)})
    with pytest.raises(InvalidInput) as refused:
        open_campaign(
            ctx, province, personal_data_assessed=False, deadline=date(2026, 11, 1), agencies=["X.9"]
        )
    assert set(refused.value.errors) == {"min_completeness", "deadline", "agencies"}
    assert ctx.session.scalar(select(func.count()).select_from(Campaign)) == 0
    with pytest.raises(PermissionDenied):
        CampaignService(ctx, ANONYMOUS).list()


# Freshness reminders ------------------------------------------------------------------------------


def test_overdue_data_is_reminded_once_per_period(ctx, province) -> None:
    # Monthly data last updated on 01/09/2026 was due by 04/10/2026 (a month and a grace of 3 days).
    ctx.session.execute(
        update(Dataset)
        .where(Dataset.slug == "tiem-chung")
        .values(update_due_on=date(2026, 10, 4), data_updated_on=date(2026, 9, 1))
    )
    ctx.session.commit()

    def run(day: date) -> list[str]:
        return FreshnessReminders(
            ctx, now=lambda: datetime.combine(day, datetime.min.time(), VIETNAM)
        ).remind_due()

    assert run(date(2026, 10, 4)) == []
    assert run(date(2026, 10, 5)) == ["tiem-chung"]
    assert run(date(2026, 10, 20)) == []  # the same period: once
    messages = told(ctx, province["health_steward"], "dataset.stale")
    assert len(messages) == 1 and "hạn 04/10/2026" in messages[0] and "01/09/2026" in messages[0]
    assert told(ctx, province["finance_steward"], "dataset.stale") == []
    # A new update moves the due day; when that lapses too, it is a new period and a new reminder.
    ctx.session.execute(
        update(Dataset)
        .where(Dataset.slug == "tiem-chung")
        .values(update_due_on=date(2026, 11, 4), data_updated_on=date(2026, 10, 1))
    )
    ctx.session.commit()
    assert run(date(2026, 11, 4)) == []
    assert run(date(2026, 11, 5)) == ["tiem-chung"]
    assert ctx.session.scalar(select(func.count()).select_from(FreshnessReminder)) == 2
    assert len(told(ctx, province["health_steward"], "dataset.stale")) == 2

"""``catalog governance run-due`` as cron runs it: escalates an overdue step once and mails the
escalation through a real SMTP server on localhost; a second run does nothing again."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from app import create_app
from app.cli import main
from app.config import Settings
from app.extension import catalog_of
from dictionary.models import Dataset
from dictionary.services import AgencyService
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from dictionary.services.campaigns import CampaignService
from tests.app.test_mail import SmtpServer
from tests.factories import make_agency, make_dataset, make_principal

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp) -> dict[str, str]:
    values = {
        "CATALOG_INSTANCE_PATH": str(tmp_path),
        "CATALOG_DATABASE_URL": f"sqlite:///{tmp_path / 'governance.db'}",
        "CATALOG_SMTP_HOST": "127.0.0.1",
        "CATALOG_SMTP_PORT": str(smtp.port),
        "CATALOG_SMTP_TLS": "none",
        "CATALOG_ACCESS_DEADLINES": "opinion=1,decision=2",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def test_run_due_escalates_once_and_mails_it(env, smtp) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    app = create_app(Settings.from_env())
    try:
        with app.app_context():
            session = catalog_of(app).sessionmaker()
            ctx = catalog_of(app).context(session)
            make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
            for code in ("H68.04", "H68.11"):
                make_agency(ctx, code=code, parent="H68", valid_from="2004-01-01")
            make_dataset(ctx, owner=AgencyService(ctx).get("H68.11"), slug="tiem-chung", status="PUBLISHED")
            requester = make_principal(ctx, "viewer", "H68.04")
            admin = make_principal(ctx, "agency_admin", "H68.11")
            actor = AccountService(ctx).actor_for(requester)
            request = AccessService(ctx, actor, rules=catalog_of(app).deadline_rules).submit(
                {
                    "dataset": "tiem-chung",
                    "purpose": "Đối chiếu",
                    "fields": [],
                    "period_start": date.today(),
                    "period_end": date.today() + timedelta(days=30),
                    "legal_basis": "194/2025/NĐ-CP",
                }
            )
            (step,) = request.steps
            assert step.working_days == 1  # from CATALOG_ACCESS_DEADLINES
            after_due = step.due_at.strftime("%Y-%m-%dT%H:%M:%S%z")
            session.close()
    finally:
        catalog_of(app).engine.dispose()
    submitted = len(smtp.inbox.messages)  # the owner agency was told of the request itself
    assert submitted == 1 and smtp.inbox.messages[0]["To"] == admin.email

    first = runner.invoke(main, ["governance", "run-due", "--now", after_due])
    assert first.exit_code == 0, first.output
    assert f"escalated: request {request.number}, opinion step" in first.output
    assert "1 steps escalated" in first.output
    escalations = smtp.inbox.messages[submitted:]
    assert [m["To"] for m in escalations] == [admin.email]
    assert "Quá hạn" in escalations[0].get_payload(decode=True).decode("utf-8")

    again = runner.invoke(main, ["governance", "run-due", "--now", after_due])
    assert again.exit_code == 0 and "0 steps escalated" in again.output
    assert "0 pending" in again.output
    assert len(smtp.inbox.messages) == submitted + 1


def test_run_due_reminds_campaigns_and_overdue_data_once_by_mail(env, smtp) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    app = create_app(Settings.from_env())
    try:
        with app.app_context():
            session = catalog_of(app).sessionmaker()
            ctx = catalog_of(app).context(session)
            owner = make_agency(ctx, code="H68.11", valid_from="2004-01-01")
            make_dataset(ctx, owner=owner, slug="tiem-chung", status="PUBLISHED")
            session.execute(
                update(Dataset).values(data_updated_on=date(2020, 1, 1), update_due_on=date(2020, 2, 4))
            )
            session.commit()
            steward = make_principal(ctx, "steward", "H68.11")
            coordinator = AccountService(ctx).actor_for(make_principal(ctx, "approver"))
            campaign = CampaignService(
                ctx, coordinator, calendar=catalog_of(app).deadline_rules.calendar
            ).open(
                {
                    "title": "Đánh giá dữ liệu cá nhân",
                    "personal_data_assessed": True,
                    "deadline": date.today() + timedelta(days=30),
                    "reminder_days": 2,
                }
            )
            remind_at = campaign.remind_at.strftime("%Y-%m-%dT%H:%M:%S%z")
            after = campaign.deadline_at.strftime("%Y-%m-%dT%H:%M:%S%z")
            session.close()
    finally:
        catalog_of(app).engine.dispose()
    opened = [m["Subject"] for m in smtp.inbox.messages]
    assert len(opened) == 1 and opened[0].endswith("1 / Campaign 1")  # the steward, told at opening

    first = runner.invoke(main, ["governance", "run-due", "--now", remind_at])
    assert first.exit_code == 0, first.output
    assert "reminded: campaign 1" in first.output and "overdue data: tiem-chung" in first.output
    mails = smtp.inbox.messages[1:]
    assert sorted(m["To"] for m in mails) == [steward.email, steward.email]
    bodies = sorted(m.get_payload(decode=True).decode("utf-8") for m in mails)
    assert "đã quá hạn cập nhật" in bodies[0] and "/dataset/tiem-chung/edit" in bodies[0]
    assert "Nhắc hạn chiến dịch số 1" in bodies[1] and "/campaigns/tasks" in bodies[1]

    again = runner.invoke(main, ["governance", "run-due", "--now", remind_at])
    assert "0 campaign reminders, 0 campaigns closed, 0 freshness reminders" in again.output
    closing = runner.invoke(main, ["governance", "run-due", "--now", after])
    assert "closed: campaign 1 (deadline passed)" in closing.output
    assert len(smtp.inbox.messages) == 3

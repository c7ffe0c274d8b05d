"""E-mail notifications against a real SMTP server on localhost (aiosmtpd in a thread): sent after
commit, Vietnamese then English, once per event even while the server is down for a while, and
never for a change that rolled back."""

from __future__ import annotations

import email
import socket
from datetime import date, timedelta
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from app import mail as app_mail
from app.extension import catalog_of
from dictionary.errors import InvalidInput
from dictionary.models import MailMessage, Principal
from dictionary.services import AgencyService, Context
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from dictionary.services.audit import install
from dictionary.services.mail import MailDelivery, SmtpSettings, backoff
from dictionary.services.notifications import NotificationService
from tests.factories import make_agency, make_dataset, make_principal
from vocab.skos import load_vocabularies


class Inbox:
    """What the SMTP server accepted, parsed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, _server, _session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def wired(app, smtp):
    """A session factory of the app's database with the app's after-commit delivery attached."""
    sessions = sessionmaker(bind=catalog_of(app).engine, expire_on_commit=False)
    install(sessions)
    settings = SmtpSettings(host="127.0.0.1", port=smtp.port, tls="none", timeout=5)
    delivery = app_mail.attach(sessions, settings)
    session = sessions()
    ctx = Context(session=session, concepts=load_vocabularies(), actor="tester", mail_enabled=True,
                  site_url="https://data.example.gov.vn")
    yield {"ctx": ctx, "delivery": delivery, "sessions": sessions, "settings": settings}
    session.close()


@pytest.fixture
def parties(wired) -> dict:
    ctx = wired["ctx"]
    make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
    for code in ("H68.04", "H68.11"):
        make_agency(ctx, code=code, parent="H68", valid_from="2004-01-01")
    make_dataset(
        ctx, owner=AgencyService(ctx).get("H68.11"), slug="tiem-chung", status="PUBLISHED",
        title_vi="Tiêm chủng mở rộng",
    )
    people = {
        "requester": make_principal(ctx, "viewer", "H68.04"),
        "steward": make_principal(ctx, "steward", "H68.11", name="Lê Thị Hoa"),
        "quiet_steward": make_principal(ctx, "steward", "H68.11"),
    }
    quiet = AccountService(ctx).actor_for(people["quiet_steward"])
    assert NotificationService(ctx, quiet).set_email(False) is False  # in-app only for this one
    return people


def submit(ctx, requester: Principal) -> int:
    actor = AccountService(ctx).actor_for(requester)
    return AccessService(ctx, actor).submit(
        {
            "dataset": "tiem-chung",
            "purpose": "Đối chiếu",
            "fields": [],
            "period_start": date.today(),
            "period_end": date.today() + timedelta(days=30),
            "legal_basis": "194/2025/NĐ-CP",
        }
    ).number


def outbox(ctx) -> list[MailMessage]:
    ctx.session.expire_all()
    return list(ctx.session.scalars(select(MailMessage).order_by(MailMessage.recipient)))


def test_a_committed_step_is_mailed_after_commit_in_both_languages(wired, parties, smtp) -> None:
    ctx = wired["ctx"]
    number = submit(ctx, parties["requester"])
    (message,) = smtp.inbox.messages  # the steward who chose in-app only is told in-app only
    quiet = AccountService(ctx).actor_for(parties["quiet_steward"])
    assert [n.request_number for n in NotificationService(ctx, quiet).list(False, 1, 10)[0]] == [number]
    assert message["To"] == parties["steward"].email
    assert str(number) in message["Subject"] and "Dossier" in message["Subject"]
    body = message.get_payload(decode=True).decode("utf-8")
    assert body.index("Kính gửi Lê Thị Hoa") < body.index("Dear Lê Thị Hoa")  # Vietnamese first
    assert "xin dùng 'Tiêm chủng mở rộng'" in body and "asks to use 'Tiêm chủng mở rộng'" in body
    assert f"https://data.example.gov.vn/access/requests/{number}" in body
    (stored,) = outbox(ctx)
    assert stored.sent_at is not None and stored.attempts == 1
    assert message["Message-ID"] == stored.message_id


def test_nothing_is_sent_for_a_rolled_back_change(wired, parties, smtp) -> None:
    ctx = wired["ctx"]
    requester = AccountService(ctx).actor_for(parties["requester"])
    with pytest.raises(InvalidInput):
        AccessService(ctx, requester).submit(
            {
                "dataset": "tiem-chung",
                "purpose": "Đối chiếu",
                "fields": ["khong_co_truong_nay"],  # refused after the checks that pass
                "period_start": date.today(),
                "period_end": date.today() + timedelta(days=30),
                "legal_basis": "194/2025/NĐ-CP",
            }
        )
    wired["delivery"].deliver_pending()
    assert smtp.inbox.messages == [] and outbox(ctx) == []


def test_mail_waits_while_the_server_is_down_and_is_delivered_once(wired, parties, smtp) -> None:
    ctx = wired["ctx"]
    smtp.stop()
    number = submit(ctx, parties["requester"])  # the commit succeeds; the delivery after it fails
    (waiting,) = outbox(ctx)
    assert waiting.sent_at is None and waiting.attempts == 1 and "Connection" in (waiting.last_error or "")
    first_retry = waiting.next_attempt_at

    # Still down at the first retry: a second attempt, a longer wait.
    down = MailDelivery(wired["sessions"], wired["settings"], now=lambda: first_retry)
    assert down.deliver_pending().failed == 1
    (waiting,) = outbox(ctx)
    assert waiting.attempts == 2 and waiting.next_attempt_at == first_retry + backoff(2)

    # Before the backoff has passed nothing is tried, even with the server back.
    smtp.start()
    soon = first_retry + timedelta(seconds=30)
    early = MailDelivery(wired["sessions"], wired["settings"], now=lambda: soon)
    assert early.deliver_pending().sent == 0 and smtp.inbox.messages == []
    later = waiting.next_attempt_at
    back = MailDelivery(wired["sessions"], wired["settings"], now=lambda: later)
    assert back.deliver_pending().sent == 1
    assert back.deliver_pending().sent == 0  # delivered once: a later run sends nothing again
    (message,) = smtp.inbox.messages
    assert str(number) in message["Subject"]
    (sent,) = outbox(ctx)
    assert sent.sent_at is not None and sent.attempts == 3
    assert ctx.session.scalar(select(func.count()).select_from(MailMessage)) == 1


def test_two_deliverers_at_once_send_each_mail_once(wired, parties, smtp) -> None:
    ctx = wired["ctx"]
    smtp.stop()
    submit(ctx, parties["requester"])
    smtp.start()
    (waiting,) = outbox(ctx)
    at = waiting.next_attempt_at
    first = MailDelivery(wired["sessions"], wired["settings"], now=lambda: at)
    second = MailDelivery(wired["sessions"], wired["settings"], now=lambda: at)
    assert first.deliver_pending().sent + second.deliver_pending().sent == 1
    assert len(smtp.inbox.messages) == 1

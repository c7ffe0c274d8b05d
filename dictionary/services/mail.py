"""Delivery of the e-mail outbox: after each commit that queued mail, and again by ``run-due``.

A mail row is written in the transaction of the change it announces (see
:mod:`dictionary.services.notifications`), so nothing is sent for a rolled-back change and
nothing is lost while the SMTP server is down. Delivery claims a row by moving its
``next_attempt_at`` forward in one conditional UPDATE (committed before sending), so two
deliverers never send the same row; a failure leaves it for a retry with exponential backoff; a
success stamps ``sent_at``. Every attempt of one row carries the same Message-ID, so should a
crash fall between the server's acceptance and the stamp, the receiving side can still drop the
repeat.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from dictionary.models import MailMessage
from dictionary.models.base import utcnow
from dictionary.services.base import rows_changed

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=5)
"""How long a claimed row is left alone by other deliverers (longer than one SMTP exchange)."""
MAX_BACKOFF = timedelta(hours=1)
BATCH = 200


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    tls: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = "danhmuc-csdl@lamdong.gov.vn"
    timeout: int = 10


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    error: str | None = None


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after the n-th failed attempt, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class MailDelivery:
    def __init__(
        self, sessions: Callable[[], Session], smtp: SmtpSettings, now: Callable[[], datetime] = utcnow
    ) -> None:
        self.sessions = sessions
        self.smtp = smtp
        self.now = now

    def deliver_pending(self) -> DeliveryReport:
        """Send every due mail (oldest first, one SMTP connection); what fails waits for a retry."""
        with self.sessions() as session:
            now = self.now()
            due = session.scalars(
                select(MailMessage.id)
                .where(MailMessage.sent_at.is_(None), MailMessage.next_attempt_at <= now)
                .order_by(MailMessage.created_at, MailMessage.id)
                .limit(BATCH)
            ).all()
            if not due:
                return DeliveryReport()
            try:
                connection = self._connect()
            except (OSError, smtplib.SMTPException) as error:
                reason = f"{type(error).__name__}: {error}"
                for mail_id in due:
                    if self._claim(session, mail_id, now):
                        self._failed(session, mail_id, now, reason)
                log.warning("SMTP server unavailable, %d mails wait: %s", len(due), reason)
                return DeliveryReport(failed=len(due), error=reason)
            sent = failed = 0
            last_error = None
            try:
                for mail_id in due:
                    mail = self._claim(session, mail_id, now)
                    if mail is None:
                        continue  # another deliverer has it, or sent it
                    try:
                        connection.send_message(self._message(mail))
                    except (OSError, smtplib.SMTPException) as error:
                        last_error = f"{type(error).__name__}: {error}"
                        self._failed(session, mail_id, now, last_error)
                        failed += 1
                    else:
                        session.execute(
                            update(MailMessage).where(MailMessage.id == mail_id).values(sent_at=self.now())
                        )
                        session.commit()
                        sent += 1
            finally:
                try:
                    connection.quit()
                except (OSError, smtplib.SMTPException):
                    log.info("The SMTP connection did not close cleanly", exc_info=True)
            return DeliveryReport(sent=sent, failed=failed, error=last_error)

    def backlog(self) -> dict[str, int]:
        with self.sessions() as session:
            pending = session.scalar(
                select(func.count()).select_from(MailMessage).where(MailMessage.sent_at.is_(None))
            )
            failing = session.scalar(
                select(func.count())
                .select_from(MailMessage)
                .where(MailMessage.sent_at.is_(None), MailMessage.attempts > 0)
            )
        return {"pending": pending or 0, "failing": failing or 0}

    def _claim(self, session: Session, mail_id: object, now: datetime) -> MailMessage | None:
        claimed = rows_changed(
            session.execute(
                update(MailMessage)
                .where(
                    MailMessage.id == mail_id,
                    MailMessage.sent_at.is_(None),
                    MailMessage.next_attempt_at <= now,
                )
                .values(next_attempt_at=now + CLAIM, attempts=MailMessage.attempts + 1),
                execution_options={"synchronize_session": False},
            )
        )
        session.commit()
        if claimed != 1:
            return None
        return session.get(MailMessage, mail_id, populate_existing=True)

    def _failed(self, session: Session, mail_id: object, now: datetime, reason: str) -> None:
        mail = session.get(MailMessage, mail_id, populate_existing=True)
        if mail is None:
            return
        mail.next_attempt_at = now + backoff(mail.attempts)
        mail.last_error = reason[:500]
        session.commit()

    def _connect(self) -> smtplib.SMTP:
        smtp = self.smtp
        connection: smtplib.SMTP
        if smtp.tls == "ssl":
            connection = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=smtp.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
            if smtp.tls == "starttls":
                connection.starttls(context=ssl.create_default_context())
        if smtp.user:
            connection.login(smtp.user, smtp.password)
        return connection

    def _message(self, mail: MailMessage) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.smtp.sender
        message["To"] = mail.recipient
        message["Subject"] = mail.subject
        message["Message-ID"] = mail.message_id
        message["Date"] = format_datetime(mail.created_at)
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(mail.body)
        return message

"""Governance of the access workflow: deadlines on each step, the kept decision letters, the mail outbox.

A request's steps (the owner's opinion, the approver's decision) each get a due time counted in
working days when they open (Decree 194/2025 sets two working days to connect or refuse with
reasons); a step still open after it escalates once. Decision letters are kept as issued, their
SHA-256 in the audit chain. Mails wait in an outbox written in the same transaction as the event
they announce, so a rolled-back change sends nothing and a failed SMTP server loses nothing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, str40, str500, utcnow

if TYPE_CHECKING:
    from dictionary.models.access import AccessRequest

STEP_KINDS = ("opinion", "decision")


class AccessStep(Base):
    """One step of an access request with its legal deadline, opened and closed by the workflow."""

    __tablename__ = "access_step"
    __table_args__ = (
        UniqueConstraint("request_id", "kind"),
        CheckConstraint("kind IN ('opinion', 'decision')", name="kind"),
        {"comment": "Steps of access requests with their due dates in working days"},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("access_request.id", ondelete="CASCADE"), index=True, comment="The request"
    )
    kind: Mapped[str40] = mapped_column(comment="opinion (owner agency) or decision (approver)")
    opened_at: Mapped[datetime] = mapped_column(comment="When the step began (UTC)")
    working_days: Mapped[int] = mapped_column(comment="Working days allowed, from the rule table")
    due_on: Mapped[date] = mapped_column(comment="Last working day of the step (Asia/Ho_Chi_Minh)")
    due_at: Mapped[datetime] = mapped_column(
        index=True, comment="When the step becomes overdue: the end of due_on, local time (UTC)"
    )
    closed_at: Mapped[datetime | None] = mapped_column(comment="When the step was done or ended (UTC)")
    escalated_at: Mapped[datetime | None] = mapped_column(comment="When its overdue escalation went out")

    request: Mapped[AccessRequest] = relationship(back_populates="steps")

    def overdue(self, now: datetime) -> bool:
        return (self.closed_at or now) >= self.due_at


class DecisionLetter(Base):
    """The decision letter (PDF) of a grant as issued, kept unchanged; its hash is audited."""

    __tablename__ = "decision_letter"
    __table_args__ = {"comment": "Issued decision letters of access grants, kept as PDF"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("access_request.id", ondelete="CASCADE"), unique=True, comment="The decided request"
    )
    issued_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When it was issued (UTC)")
    sha256: Mapped[str] = mapped_column(String(64), comment="SHA-256 of the PDF, also in the audit event")
    pdf: Mapped[bytes] = mapped_column(LargeBinary, comment="The PDF as issued")


class MailMessage(Base):
    """An e-mail waiting to be sent (or sent): written with the change it announces."""

    __tablename__ = "mail_outbox"
    __table_args__ = {"comment": "Outbox of e-mail notifications, sent after commit with retries"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    recipient: Mapped[str] = mapped_column(String(320), comment="E-mail address it goes to")
    subject: Mapped[str500] = mapped_column(comment="Subject, Vietnamese then English")
    body: Mapped[str] = mapped_column(comment="Plain-text body, Vietnamese then English")
    kind: Mapped[str40] = mapped_column(comment="The notification kind it carries, e.g. request.submitted")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True, comment="When queued (UTC)")
    attempts: Mapped[int] = mapped_column(default=0, comment="Delivery attempts so far")
    next_attempt_at: Mapped[datetime] = mapped_column(
        default=utcnow, index=True, comment="Not tried again before this time (backoff, or a claim)"
    )
    sent_at: Mapped[datetime | None] = mapped_column(index=True, comment="When the SMTP server accepted it")
    last_error: Mapped[str500 | None] = mapped_column(comment="Why the last attempt failed")

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a receiver can drop a repeat."""
        return f"<{self.id}@catalog.outbox>"

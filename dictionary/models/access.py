"""The access-approval workflow: requests for data outside one's scope, grants, notifications.

A request goes submitted → reviewed (the owner agency's opinion) → approved or rejected (the
provincial approver); an approval creates one grant with the same number, which expires by itself
and can be revoked. Requests and grants carry a sequential number because the province files
them as numbered dossiers (số hồ sơ), and people quote that number.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, Identified, str40, str500, utcnow

if TYPE_CHECKING:
    from dictionary.models.accounts import Principal
    from dictionary.models.agency import Agency
    from dictionary.models.dataset import Dataset
    from dictionary.models.governance import AccessStep
    from dictionary.models.standard import Standard

REQUEST_STATES = ("submitted", "reviewed", "approved", "rejected", "withdrawn")
OPINIONS = ("agree", "disagree")


class AccessRequest(Identified, Base):
    """Agency A asks to use dataset D, which lies outside A's scope (Decree 47/2020 art. 11)."""

    __tablename__ = "access_request"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint(
            "status IN ('submitted', 'reviewed', 'approved', 'rejected', 'withdrawn')", name="status"
        ),
        {"comment": "Requests to use data outside the requesting agency's scope"},
    )

    number: Mapped[int] = mapped_column(unique=True, comment="Dossier number, 1, 2, 3… (also the grant's)")
    requester_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="RESTRICT"), index=True, comment="Who filed the request"
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="The requesting agency"
    )
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset asked for"
    )
    purpose: Mapped[str] = mapped_column(comment="What the data will be used for")
    fields: Mapped[list[str]] = mapped_column(comment="Names of the fields asked for; empty means all")
    period_start: Mapped[date] = mapped_column(comment="First day of use")
    period_end: Mapped[date] = mapped_column(comment="Last day of use")
    legal_basis: Mapped[str] = mapped_column(comment="The legal documents that justify the use")
    status: Mapped[str40] = mapped_column(
        index=True, comment="submitted, reviewed, approved, rejected or withdrawn"
    )
    owner_opinion: Mapped[str40 | None] = mapped_column(comment="agree or disagree, from the owner agency")
    opinion_comment: Mapped[str | None] = mapped_column(comment="The owner agency's comment")
    opinion_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("principal.id", ondelete="RESTRICT"), index=True, comment="Who gave the opinion"
    )
    opinion_at: Mapped[datetime | None] = mapped_column(comment="When the opinion was given (UTC)")
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("principal.id", ondelete="RESTRICT"), index=True, comment="The approver who decided"
    )
    decided_at: Mapped[datetime | None] = mapped_column(comment="When it was approved or rejected (UTC)")
    decision_reason: Mapped[str | None] = mapped_column(comment="Reason of the decision (required to reject)")
    refusal_basis_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"),
        index=True,
        comment="The regulation of the legal-basis register a refusal cites (Decree 194/2025)",
    )

    requester: Mapped[Principal] = relationship(foreign_keys=[requester_id], lazy="joined")
    agency: Mapped[Agency] = relationship(lazy="joined")
    dataset: Mapped[Dataset] = relationship(lazy="joined")
    opinion_by: Mapped[Principal | None] = relationship(foreign_keys=[opinion_by_id])
    decided_by: Mapped[Principal | None] = relationship(foreign_keys=[decided_by_id])
    grant: Mapped[AccessGrant | None] = relationship(back_populates="request", uselist=False)
    refusal_basis: Mapped[Standard | None] = relationship()
    steps: Mapped[list[AccessStep]] = relationship(
        back_populates="request", order_by="AccessStep.opened_at", lazy="selectin"
    )


class AccessGrant(Identified, Base):
    """The right of an agency to use a dataset (some of its fields) until a day, unless revoked."""

    __tablename__ = "access_grant"
    __table_args__ = (
        CheckConstraint("expires_at > starts_at", name="period"),
        {"comment": "Approved, expiring, revocable rights to use data outside one's scope"},
    )

    number: Mapped[int] = mapped_column(unique=True, comment="The number of the request it answers")
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("access_request.id", ondelete="CASCADE"), unique=True, comment="The approved request"
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="The agency holding the grant"
    )
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    fields: Mapped[list[str]] = mapped_column(comment="Field names it covers; empty means all")
    starts_at: Mapped[datetime] = mapped_column(comment="Valid from (UTC)")
    expires_at: Mapped[datetime] = mapped_column(index=True, comment="Stops working at this time (UTC)")
    revoked_at: Mapped[datetime | None] = mapped_column(comment="When it was revoked; null if not")
    revoked_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("principal.id", ondelete="RESTRICT"), index=True, comment="Who revoked it"
    )
    revoke_reason: Mapped[str | None] = mapped_column(comment="Why it was revoked")

    request: Mapped[AccessRequest] = relationship(back_populates="grant")
    agency: Mapped[Agency] = relationship(lazy="joined")
    dataset: Mapped[Dataset] = relationship(lazy="joined")

    def state(self, now: datetime) -> str:
        """live, pending (not yet started), expired or revoked: computed, so expiry needs no job."""
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.expires_at:
            return "expired"
        return "pending" if now < self.starts_at else "live"


class Notification(Base):
    """An in-app message to one principal about a request or grant that concerns them."""

    __tablename__ = "notification"
    __table_args__ = {"comment": "In-app notifications of the access workflow"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    recipient_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principal.id", ondelete="CASCADE"), index=True, comment="Who it is for"
    )
    kind: Mapped[str40] = mapped_column(comment="What happened, e.g. request.submitted")
    message: Mapped[str500] = mapped_column(comment="Text shown to the recipient")
    link: Mapped[str] = mapped_column(String(500), comment="API path of the request or grant")
    request_number: Mapped[int | None] = mapped_column(comment="Number of the request it is about")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True, comment="When (UTC)")
    read_at: Mapped[datetime | None] = mapped_column(comment="When the recipient marked it read")
    request: Mapped[AccessRequest | None] = relationship(
        primaryjoin="foreign(Notification.request_number) == AccessRequest.number",
        viewonly=True,
        lazy="selectin",
    )
    """The request it is about, so that a page can say it in its reader's language (``message`` is
    the Vietnamese text written when it was sent, kept for the API and for a request since gone)."""

"""Agencies (cơ quan, đơn vị) and their lineage through the 2025 reorganisation."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, ConceptUri, Identified, Versioned, str40, str500


class Agency(Identified, Versioned, Base):
    """A state agency that owns, runs or uses shared data.

    Agencies are never deleted once they own something: a merged or abolished agency gets a
    ``valid_to`` date and a lineage event, and its datasets are re-assigned with dates.
    """

    __tablename__ = "agency"
    __table_args__ = {"comment": "State agencies (QĐ 20/2020 e-ID codes) with validity dates"}  # noqa: RUF012

    code: Mapped[str40] = mapped_column(unique=True, comment="Agency e-ID code (QĐ 20/2020/QĐ-TTg)")
    name_vi: Mapped[str500] = mapped_column(comment="Official name in Vietnamese")
    name_en: Mapped[str500 | None] = mapped_column(comment="English name")
    short_name: Mapped[str40 | None] = mapped_column(comment="Usual abbreviation, e.g. SNNMT")
    level: Mapped[ConceptUri] = mapped_column(comment="Agency level concept (scheme agency-levels)")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="Superior agency"
    )
    valid_from: Mapped[date | None] = mapped_column(comment="First day the agency existed in this form")
    valid_to: Mapped[date | None] = mapped_column(
        comment="Day the agency ceased (merged, abolished); open while null"
    )
    homepage: Mapped[str500 | None] = mapped_column(comment="Official web site")
    email: Mapped[str | None] = mapped_column(String(320), comment="Official e-mail address")

    parent: Mapped[Agency | None] = relationship(remote_side="Agency.id", back_populates="children")
    children: Mapped[list[Agency]] = relationship(back_populates="parent")
    events: Mapped[list[AgencyEvent]] = relationship(
        back_populates="agency",
        foreign_keys="AgencyEvent.agency_id",
        order_by="AgencyEvent.effective_on",
        cascade="all, delete-orphan",
    )

    def is_active(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on < self.valid_to
        )


class AgencyEvent(Base):
    """One step of an agency's lineage: renamed, merged into, split from, functions transferred."""

    __tablename__ = "agency_event"
    __table_args__ = {"comment": "Lineage events of agencies (2025 mergers and renames)"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="CASCADE"), index=True, comment="The agency the event happened to"
    )
    kind: Mapped[ConceptUri] = mapped_column(comment="Event kind concept (scheme agency-events)")
    related_agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"),
        index=True,
        comment="The other party: successor or predecessor",
    )
    effective_on: Mapped[date] = mapped_column(comment="Day the change took effect")
    legal_basis: Mapped[str500 | None] = mapped_column(
        comment="Decision that ordered it, e.g. NQ 202/2025/QH15"
    )
    note: Mapped[str | None] = mapped_column(comment="Free text, e.g. the former name after a rename")

    agency: Mapped[Agency] = relationship(back_populates="events", foreign_keys=[agency_id])
    related_agency: Mapped[Agency | None] = relationship(foreign_keys=[related_agency_id])

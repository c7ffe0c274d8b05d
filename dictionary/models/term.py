"""The shared data dictionary: data elements (terms) that fields conform to, and their history.

A term is a data element in the sense of ISO/IEC 11179 (TCVN 7789): one thing the province's
databases hold (a citizen's identity number, a commune code), described once — names, business
and technical definition, rules — so that every field that holds it can be checked against it.
The national dictionary of Decision 2439/QĐ-TTg issues most of them; the province adds its own.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, ConceptUri, Identified, Versioned, str40, str200, str500, utcnow

if TYPE_CHECKING:
    from dictionary.models.agency import Agency
    from dictionary.models.standard import Standard


class DataElement(Identified, Versioned, Base):
    """One term of the shared data dictionary (national, or a provincial addition)."""

    __tablename__ = "data_element"
    __table_args__ = {"comment": "Shared data dictionary: data elements (terms) fields conform to"}  # noqa: RUF012

    code: Mapped[str40] = mapped_column(unique=True, comment="Term code, stable, e.g. SO_DINH_DANH_CA_NHAN")
    name_vi: Mapped[str500] = mapped_column(comment="Name in Vietnamese")
    name_en: Mapped[str500 | None] = mapped_column(comment="Name in English")
    definition_vi: Mapped[str] = mapped_column(comment="Business definition in Vietnamese")
    definition_en: Mapped[str | None] = mapped_column(comment="Business definition in English")
    data_type: Mapped[ConceptUri | None] = mapped_column(comment="Data type concept (scheme data-types)")
    length: Mapped[int | None] = mapped_column(comment="Length of text values the term prescribes")
    precision: Mapped[int | None] = mapped_column(comment="Total digits of decimal values")
    scale: Mapped[int | None] = mapped_column(comment="Digits after the decimal point")
    pattern: Mapped[str500 | None] = mapped_column(
        comment="Machine-checkable format: a regular expression the whole value matches, e.g. \\d{12}"
    )
    format_vi: Mapped[str500 | None] = mapped_column(comment="The format in words, e.g. 12 chữ số")
    unit: Mapped[str200 | None] = mapped_column(comment="Unit of measure, e.g. m2, VND")
    code_list_scheme: Mapped[ConceptUri | None] = mapped_column(
        comment="Allowed values as a SKOS concept scheme URI"
    )
    code_list_standard_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"), index=True, comment="Allowed values as a Standard"
    )
    personal_data: Mapped[ConceptUri | None] = mapped_column(
        comment="Personal-data category of the element (scheme personal-data), Decree 356/2025"
    )
    rules_vi: Mapped[str | None] = mapped_column(
        comment="Management rules in words: validation, normalisation"
    )
    synonyms: Mapped[list[str]] = mapped_column(default=list, comment="Other names the element goes by")
    abbreviations: Mapped[list[str]] = mapped_column(default=list, comment="Abbreviations, e.g. CCCD, MST")
    examples: Mapped[list[str]] = mapped_column(default=list, comment="Example values")
    standard_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"),
        index=True,
        comment="The dictionary that issues the term (the national dictionary, or the province's)",
    )
    source_vi: Mapped[str | None] = mapped_column(
        comment="Where the definition comes from (decision, article), or that the text was not at hand"
    )
    provincial: Mapped[bool] = mapped_column(default=False, comment="A provincial addition, not national")
    maintainer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="The agency that maintains the term"
    )
    status: Mapped[ConceptUri] = mapped_column(comment="Draft / in force / superseded (scheme term-statuses)")
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("data_element.id", ondelete="SET NULL"), index=True, comment="The term that replaces it"
    )
    version: Mapped[str40] = mapped_column(default="1.0", comment="Version of the term, e.g. 1.0")
    valid_from: Mapped[date | None] = mapped_column(comment="Date the version applies from")

    standard: Mapped[Standard] = relationship(foreign_keys=[standard_id], lazy="joined")
    code_list_standard: Mapped[Standard | None] = relationship(foreign_keys=[code_list_standard_id])
    maintainer: Mapped[Agency | None] = relationship()
    superseded_by: Mapped[DataElement | None] = relationship(remote_side="DataElement.id")
    history: Mapped[list[DataElementVersion]] = relationship(
        back_populates="data_element",
        cascade="all, delete-orphan",
        order_by="DataElementVersion.lock_version",
    )


class DataElementVersion(Identified, Base):
    """A term as it was after one change: the dated history of the register."""

    __tablename__ = "data_element_version"
    __table_args__ = (
        UniqueConstraint("data_element_id", "lock_version", name="data_element_lock_version"),
        {"comment": "Dated history of the terms of the shared data dictionary"},
    )

    data_element_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("data_element.id", ondelete="CASCADE"), index=True, comment="The term"
    )
    lock_version: Mapped[int] = mapped_column(comment="The term's ETag after the change")
    version: Mapped[str40] = mapped_column(comment="The term's version label after the change")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the change was made (UTC)")
    actor: Mapped[str200] = mapped_column(comment="Who made the change")
    note: Mapped[str | None] = mapped_column(comment="What changed and why")
    snapshot: Mapped[dict[str, Any]] = mapped_column(comment="Every property of the term after the change")

    data_element: Mapped[DataElement] = relationship(back_populates="history")

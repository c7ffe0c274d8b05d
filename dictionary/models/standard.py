"""The register of standards and the mappings of datasets and fields onto them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from dictionary.models.base import Base, ConceptUri, Identified, Versioned, str40, str200, str500

if TYPE_CHECKING:
    from dictionary.models.dataset import Dataset
    from dictionary.models.field import Field
    from dictionary.models.term import DataElement


class Standard(Identified, Versioned, Base):
    """A regulation, code list, technical standard or national dictionary term that data conforms to."""

    __tablename__ = "standard"
    __table_args__ = {"comment": "Register of standards (QCVN, code lists, decisions)"}  # noqa: RUF012

    code: Mapped[str40] = mapped_column(unique=True, comment="Register code, e.g. STD-PID")
    identifier: Mapped[str200] = mapped_column(comment="Official number, e.g. QCVN 109:2017/BTTTT")
    title_vi: Mapped[str500] = mapped_column(comment="Title in Vietnamese")
    title_en: Mapped[str500 | None] = mapped_column(comment="Title in English")
    issuer: Mapped[str500] = mapped_column(comment="Issuing body, e.g. Bộ Thông tin và Truyền thông")
    kind: Mapped[ConceptUri] = mapped_column(comment="Kind of standard (scheme standard-kinds)")
    version: Mapped[str40 | None] = mapped_column(comment="Version or edition")
    status: Mapped[ConceptUri] = mapped_column(
        comment="In force / superseded / unclear (scheme legal-statuses)"
    )
    issued: Mapped[date | None] = mapped_column(comment="Date of issue")
    url: Mapped[str500 | None] = mapped_column(comment="Where the text can be read")

    mappings: Mapped[list[StandardMapping]] = relationship(back_populates="standard")


class StandardMapping(Identified, Base):
    """A dataset or one of its fields ↔ a standard (optionally one term of it), as a SKOS relation."""

    __tablename__ = "standard_mapping"
    __table_args__ = {"comment": "Dataset- and field-level mappings onto standards"}  # noqa: RUF012

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"),
        index=True,
        comment="The dataset (also for field mappings)",
    )
    field_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("field.id", ondelete="CASCADE"),
        index=True,
        comment="The field; null for a dataset mapping",
    )
    standard_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"), index=True, comment="The standard"
    )
    term: Mapped[str500 | None] = mapped_column(
        comment="Element or term of the standard, e.g. a QCVN 109 element"
    )
    relation: Mapped[ConceptUri] = mapped_column(comment="SKOS mapping property URI, e.g. skos:exactMatch")
    note: Mapped[str | None] = mapped_column(comment="Why the mapping holds, or its caveats")

    dataset: Mapped[Dataset] = relationship(back_populates="mappings", overlaps="mappings")
    field: Mapped[Field | None] = relationship(back_populates="mappings", overlaps="mappings")
    standard: Mapped[Standard] = relationship(back_populates="mappings", lazy="joined")
    # A mapping whose term is the code of a registered data element of that standard (the shared
    # data dictionary) names that element: the existing mapping, resolved, not a second kind of link.
    data_element: Mapped[DataElement | None] = relationship(
        primaryjoin=lambda: _data_element_join(),  # noqa: PLW0108 - defined below the class
        viewonly=True,
        uselist=False,
        lazy="selectin",
    )


def _data_element_join() -> Any:
    from dictionary.models.term import DataElement

    return and_(
        StandardMapping.standard_id == foreign(DataElement.standard_id),
        StandardMapping.term == foreign(DataElement.code),
    )

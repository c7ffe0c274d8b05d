"""Fields (data elements): the rows of a dataset's data dictionary."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.base import Base, ConceptUri, Identified, str200, str500

if TYPE_CHECKING:
    from dictionary.models.dataset import Dataset
    from dictionary.models.standard import Standard, StandardMapping


class Field(Identified, Base):
    """One data element of a dataset, described without needing the data itself."""

    __tablename__ = "field"
    __table_args__ = (
        UniqueConstraint("dataset_id", "name", name="dataset_name"),
        UniqueConstraint("dataset_id", "position", name="dataset_position"),
        {"comment": "Data elements of datasets (the data dictionary)"},
    )

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    position: Mapped[int] = mapped_column(comment="Order in the dictionary, from 1")
    name: Mapped[str200] = mapped_column(comment="Technical name, e.g. so_dinh_danh")
    label_vi: Mapped[str500] = mapped_column(comment="Label in Vietnamese")
    label_en: Mapped[str500 | None] = mapped_column(comment="Label in English")
    definition: Mapped[str | None] = mapped_column(comment="Definition in Vietnamese")
    definition_en: Mapped[str | None] = mapped_column(comment="Definition in English")
    data_type: Mapped[ConceptUri | None] = mapped_column(
        comment="Data type concept (scheme data-types); null until someone types the field"
    )
    length: Mapped[int | None] = mapped_column(comment="Maximum length of text values")
    precision: Mapped[int | None] = mapped_column(comment="Total digits of decimal values")
    scale: Mapped[int | None] = mapped_column(comment="Digits after the decimal point")
    required: Mapped[bool] = mapped_column(default=False, comment="A value is mandatory")
    unique: Mapped[bool] = mapped_column(default=False, comment="Values are unique across records")
    primary_key: Mapped[bool] = mapped_column(default=False, comment="Part of the primary key")
    foreign_key_field_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("field.id", ondelete="SET NULL"),
        index=True,
        comment="Field of another dataset this one refers to",
    )
    code_list_scheme: Mapped[ConceptUri | None] = mapped_column(
        comment="Allowed values as a SKOS concept scheme URI"
    )
    code_list_standard_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"),
        index=True,
        comment="Allowed values as a registered Standard",
    )
    unit: Mapped[str200 | None] = mapped_column(comment="Unit of measure, e.g. m2, VND")
    example: Mapped[str500 | None] = mapped_column(comment="An example value")
    personal_data: Mapped[ConceptUri | None] = mapped_column(
        comment="None / basic / sensitive personal data, Decree 356/2025 (scheme personal-data); "
        "null until assessed"
    )
    restricted: Mapped[bool] = mapped_column(
        default=False, comment="Only the owning scope and grant holders may see this field"
    )

    dataset: Mapped[Dataset] = relationship(back_populates="fields")
    foreign_key_field: Mapped[Field | None] = relationship(remote_side="Field.id")
    code_list_standard: Mapped[Standard | None] = relationship()
    # Every reader of a field shows its mappings: load them with the fields, not one query per field.
    mappings: Mapped[list[StandardMapping]] = relationship(
        back_populates="field", cascade="all, delete-orphan", overlaps="mappings", lazy="selectin"
    )

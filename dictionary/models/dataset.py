"""Datasets (the description of one shared database) and what hangs off them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dictionary.models.agency import Agency
from dictionary.models.base import Base, ConceptUri, Identified, Versioned, str40, str200, str500

if TYPE_CHECKING:
    from dictionary.models.field import Field
    from dictionary.models.standard import StandardMapping


class Dataset(Identified, Versioned, Base):
    """One shared database or data set, described as Decree 47/2020 art. 11.4 and the Law on Data ask."""

    __tablename__ = "dataset"
    __table_args__ = {"comment": "Catalog entries: one shared database or data set each"}  # noqa: RUF012

    slug: Mapped[str200] = mapped_column(unique=True, comment="Human identifier used in URLs")
    title_vi: Mapped[str500] = mapped_column(comment="Title in Vietnamese")
    title_en: Mapped[str500 | None] = mapped_column(comment="Title in English")
    # Null only on a harvested record whose source gave no description: nothing is invented (the
    # title no longer stands in); described here, the registry's rule requires one.
    description_vi: Mapped[str | None] = mapped_column(
        comment="Description in Vietnamese; required when described here, null when a harvested source "
        "gave none"
    )
    description_en: Mapped[str | None] = mapped_column(comment="Description in English")
    # Decree 47/2020 art. 11.4 a-c: purpose, scope, content, collection mechanism, source.
    purpose: Mapped[str | None] = mapped_column(comment="Mục đích: why the data is collected")
    scope: Mapped[str | None] = mapped_column(comment="Phạm vi: what and whom the data covers")
    content: Mapped[str | None] = mapped_column(comment="Nội dung: the main content groups")
    collection_mechanism: Mapped[str | None] = mapped_column(comment="Cơ chế thu thập, cập nhật")
    source: Mapped[str | None] = mapped_column(comment="Nguồn dữ liệu: where the data comes from")
    db_category: Mapped[ConceptUri] = mapped_column(comment="Database category (scheme db-categories)")
    sharing_class: Mapped[ConceptUri] = mapped_column(
        index=True, comment="Shared / private / open, Law on Data art. 13.1a (scheme sharing-classes)"
    )
    importance: Mapped[ConceptUri] = mapped_column(
        comment="Core / important / other, art. 13.1b (scheme importance)"
    )
    personal_data: Mapped[ConceptUri] = mapped_column(
        comment="Highest personal-data category of its fields (scheme personal-data); derived"
    )
    arch_component: Mapped[ConceptUri] = mapped_column(
        index=True, comment="E-government architecture component (scheme arch-components)"
    )
    data_layer: Mapped[ConceptUri | None] = mapped_column(comment="Data layer (scheme data-layers)")
    sharing_mode: Mapped[ConceptUri | None] = mapped_column(comment="How it is shared (scheme sharing-modes)")
    security_level: Mapped[ConceptUri | None] = mapped_column(
        comment="Security level of the information system holding it, Decree 85/2016 (scheme security-levels)"
    )
    related_national_db: Mapped[str500 | None] = mapped_column(comment="Related national database or system")
    themes: Mapped[list[str]] = mapped_column(default=list, comment="Theme concept URIs (scheme themes)")
    keywords_vi: Mapped[list[str]] = mapped_column(default=list, comment="Keywords in Vietnamese")
    keywords_en: Mapped[list[str]] = mapped_column(default=list, comment="Keywords in English")
    frequency: Mapped[ConceptUri | None] = mapped_column(
        comment="Declared update frequency (scheme frequencies)"
    )
    temporal_start: Mapped[date | None] = mapped_column(comment="Start of the period the data covers")
    temporal_end: Mapped[date | None] = mapped_column(comment="End of the period the data covers")
    spatial: Mapped[list[str]] = mapped_column(
        default=list, comment="Administrative-unit concept URIs; the scheme carries the code-list version"
    )
    legal_basis: Mapped[list[dict[str, Any]]] = mapped_column(
        default=list, comment="Legal documents: number, title, issued, status concept, url"
    )
    status: Mapped[ConceptUri] = mapped_column(
        index=True, comment="Draft / published / retired (scheme statuses)"
    )
    version: Mapped[str40 | None] = mapped_column(comment="Version of the described data, e.g. 2.1")
    landing_page: Mapped[str500 | None] = mapped_column(comment="Human page about the data")
    data_updated_on: Mapped[date | None] = mapped_column(comment="When the data itself was last updated")
    # What a harvested source said that the catalog's own terms do not hold, kept as it came and
    # republished as it came (empty for datasets described here).
    harvest_source: Mapped[str500 | None] = mapped_column(
        index=True, comment="The catalog URL this dataset was harvested from; null if described here"
    )
    source_identifier: Mapped[str500 | None] = mapped_column(
        comment="dct:identifier as the harvested source gave it; ours is the id"
    )
    source_uri: Mapped[str500 | None] = mapped_column(
        comment="The dataset's IRI at the source it was harvested from"
    )
    issued: Mapped[str40 | None] = mapped_column(
        comment="dct:issued as the source gave it (xsd:date or xsd:dateTime form); else our creation time"
    )
    modified: Mapped[str40 | None] = mapped_column(
        comment="dct:modified as the source gave it (xsd:date or xsd:dateTime form); else our last change"
    )
    languages: Mapped[list[str]] = mapped_column(
        default=list, comment="dct:language as given (EU language URIs or codes); empty means Vietnamese"
    )
    coverage: Mapped[list[str]] = mapped_column(
        default=list, comment="dct:spatial as given (URIs or place names); empty means Viet Nam"
    )
    conforms_to: Mapped[list[str]] = mapped_column(
        default=list, comment="dct:conformsTo: standards or specifications followed (URIs or names)"
    )
    other_identifiers: Mapped[list[str]] = mapped_column(
        default=list, comment="adms:identifier notations: other identifiers of the same dataset"
    )
    text_language: Mapped[str40 | None] = mapped_column(
        comment="Language tag of title_vi, description_vi and keywords_vi when a source wrote them in "
        "another language than Vietnamese ('' for untagged); null means Vietnamese"
    )
    translations: Mapped[dict[str, Any]] = mapped_column(
        default=dict, comment="Texts in further languages: property → language tag → list of texts"
    )
    update_due_on: Mapped[date | None] = mapped_column(
        index=True, comment="Next update the declared frequency asks for; derived, for freshness filters"
    )
    completeness: Mapped[int] = mapped_column(
        default=0, comment="Completeness of the description, 0-100; derived by the quality service"
    )
    quality_gaps: Mapped[list[str]] = mapped_column(
        default=list, comment="Codes of what the description misses"
    )

    fields: Mapped[list[Field]] = relationship(
        back_populates="dataset", order_by="Field.position", cascade="all, delete-orphan"
    )
    ownerships: Mapped[list[OwnershipAssignment]] = relationship(
        back_populates="dataset", order_by="OwnershipAssignment.valid_from", cascade="all, delete-orphan"
    )
    contact_points: Mapped[list[ContactPoint]] = relationship(
        back_populates="dataset", order_by="ContactPoint.name", cascade="all, delete-orphan"
    )
    distributions: Mapped[list[Distribution]] = relationship(
        back_populates="dataset", order_by="Distribution.created_at", cascade="all, delete-orphan"
    )
    mappings: Mapped[list[StandardMapping]] = relationship(
        back_populates="dataset", cascade="all, delete-orphan", overlaps="mappings"
    )

    def current_assignment(self, role: str, on: date | None = None) -> OwnershipAssignment | None:
        """The open assignment of a role (owner, custodian, steward), or the one valid on a day."""
        for assignment in reversed(self.ownerships):
            if assignment.role != role:
                continue
            if on is None and assignment.valid_to is None:
                return assignment
            if on is not None and assignment.covers(on):
                return assignment
        return None


class OwnershipAssignment(Base):
    """Dataset × agency × role × validity: who owns, runs or answers for a dataset, and when.

    The current owner is the open assignment. Assignments are closed, never rewritten, so the
    history of a dataset's owners survives every reorganisation.
    """

    __tablename__ = "ownership_assignment"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_period"),
        {"comment": "Dated owner / custodian / steward assignments of datasets to agencies"},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="The agency"
    )
    role: Mapped[ConceptUri] = mapped_column(comment="Owner / custodian / steward (scheme ownership-roles)")
    valid_from: Mapped[date] = mapped_column(comment="First day of the assignment")
    valid_to: Mapped[date | None] = mapped_column(comment="Day the assignment ended; open while null")
    note: Mapped[str | None] = mapped_column(comment="Why it changed, e.g. the merger decision")

    dataset: Mapped[Dataset] = relationship(back_populates="ownerships")
    agency: Mapped[Agency] = relationship(lazy="joined")

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)


class ContactPoint(Base):
    """Who to ask about a dataset (đầu mối liên hệ)."""

    __tablename__ = "contact_point"
    __table_args__ = {"comment": "Contact points of datasets"}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    name: Mapped[str200] = mapped_column(comment="Person or unit name")
    role: Mapped[str200 | None] = mapped_column(comment="Position, e.g. Phó Trưởng phòng")
    email: Mapped[str | None] = mapped_column(String(320), comment="E-mail address")
    phone: Mapped[str40 | None] = mapped_column(comment="Telephone number")
    agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True, comment="Agency the contact works for"
    )

    dataset: Mapped[Dataset] = relationship(back_populates="contact_points")
    agency: Mapped[Agency | None] = relationship(lazy="joined")


class Distribution(Identified, Base):
    """How the data is reached: an LGSP/NDOP service, an API, a file download, a database view."""

    __tablename__ = "distribution"
    __table_args__ = (
        UniqueConstraint("dataset_id", "slug", name="dataset_slug"),
        {"comment": "Distributions and access services of datasets"},
    )

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True, comment="The dataset"
    )
    slug: Mapped[str200] = mapped_column(comment="Identifier within the dataset, used in its URI")
    kind: Mapped[ConceptUri] = mapped_column(
        comment="Service / API / file / database view (scheme access-kinds)"
    )
    title_vi: Mapped[str500] = mapped_column(comment="Title in Vietnamese")
    title_en: Mapped[str500 | None] = mapped_column(comment="Title in English")
    description_vi: Mapped[str | None] = mapped_column(comment="Description in Vietnamese")
    access_url: Mapped[str500] = mapped_column(comment="Where access is obtained (dcat:accessURL)")
    download_url: Mapped[str500 | None] = mapped_column(comment="Direct download (dcat:downloadURL)")
    endpoint_url: Mapped[str500 | None] = mapped_column(comment="Service endpoint, for APIs and services")
    endpoint_description: Mapped[str500 | None] = mapped_column(
        comment="OpenAPI/WSDL describing the endpoint"
    )
    format: Mapped[ConceptUri | None] = mapped_column(comment="EU file-type concept URI")
    media_type: Mapped[str200 | None] = mapped_column(comment="IANA media type, e.g. text/csv")
    licence: Mapped[ConceptUri | None] = mapped_column(comment="Licence concept URI (EU licence NAL)")
    access_rights: Mapped[ConceptUri] = mapped_column(comment="EU access-right concept URI")
    byte_size: Mapped[int | None] = mapped_column(comment="Size in bytes of a file download")

    dataset: Mapped[Dataset] = relationship(back_populates="distributions")

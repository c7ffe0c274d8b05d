"""What a property of the domain is: the one description every surface reads.

A :class:`Property` says what the attribute of a model holds (its kind, the vocabulary scheme that
validates it, its limits), how people call it (Vietnamese and English labels), who may write it,
and how it is published (its RDF predicate). The REST schemas, the web forms, revision snapshots,
labels, the dictionary spreadsheet and the DCAT mapping read these tables instead of keeping
their own lists, and tests check the surfaces that must stay hand-written against them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The shape of a value, which decides its input control, its schema field and its RDF term."""

    TEXT = "text"
    """One line of text (``max_length`` characters)."""
    LONG_TEXT = "long_text"
    """Paragraphs (a text area)."""
    CONCEPT = "concept"
    """One concept of ``scheme``, stored as its URI, accepted as URI or code."""
    CONCEPTS = "concepts"
    """Several concepts of ``scheme`` (a list of URIs)."""
    WORDS = "words"
    """A list of short texts (keywords)."""
    DATE = "date"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    URL = "url"
    """An absolute http(s) URL that can go into RDF as an IRI."""
    RECORDS = "records"
    """A list of structured items (legal documents, contact points): a nested schema of its own."""
    REFERENCE = "reference"
    """Another record of the catalog, named by its code or slug (a standard, a field)."""


class Section(StrEnum):
    """Where a property sits on its entity's form and page (one group of controls each)."""

    NAMING = "naming"
    DESCRIPTION = "description"
    CLASSIFICATION = "classification"
    KEYWORDS = "keywords"
    COVERAGE = "coverage"
    LEGAL = "legal"
    CONTACTS = "contacts"
    PUBLICATION = "publication"
    SOURCE = "source"
    TYPE = "type"
    CONSTRAINTS = "constraints"
    VALUES = "values"
    PRIVACY = "privacy"
    ACCESS = "access"


CAT = "https://data.lamdong.gov.vn/def/catalog#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
DCATAP = "http://data.europa.eu/r5r/"
CSVW = "http://www.w3.org/ns/csvw#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass(frozen=True)
class Property:
    """One attribute of an entity, described once."""

    name: str
    """Attribute of the model, key in the API, the snapshot and the form."""
    kind: Kind
    label_vi: str
    label_en: str
    section: Section
    scheme: str | None = None
    """Vocabulary scheme that validates a coded value (``CONCEPT``/``CONCEPTS``)."""
    required: bool = False
    """A value must be given when the record is created (and cannot be cleared)."""
    sources_may_omit: bool = False
    """Required of what is described here, but a harvested record whose source gives none keeps
    none: nothing is invented (the title does not stand in for a missing description). The column
    is nullable, responses say so, and readers show the gap as the source's."""
    max_length: int | None = None
    max_items: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    derived: bool = False
    """Computed or recorded by the catalog itself (quality, the personal-data roll-up, what a harvest
    kept of its source): shown and published, never written by people through a form or the API."""
    in_summary: bool = False
    """Part of the short form of the record in lists."""
    publication: bool = False
    """Only stewards change it: publishing, retiring, opening up (Law on Data art. 13)."""
    predicate: str | None = None
    """RDF predicate the DCAT mapping publishes the value with."""
    generic_rdf: bool = False
    """Published by the generic rule of its kind (a concept → its SKOS concept, a text → a
    Vietnamese literal); otherwise the mapping writes it by hand and a test checks it does."""
    in_revision: bool = True
    """Stored in a revision's snapshot as the plain value of the attribute (and restored from it);
    derived figures recomputed on restore, and parts stored in a shape of their own, are not."""
    column: str | None = None
    """Header of its column in the spreadsheet (a dataset's dictionary for fields, the terms sheet)."""
    target: str | None = None
    """The register a ``REFERENCE`` names by code (``standard``, ``agency``, ``term``), where the
    service looks it up (terms)."""
    help_vi: str | None = None
    help_en: str | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def help(self, lang: str) -> str | None:
        return self.help_en if lang == "en" else self.help_vi

    @property
    def coded(self) -> bool:
        return self.kind in (Kind.CONCEPT, Kind.CONCEPTS)

    @property
    def writable(self) -> bool:
        return not self.derived


class Properties:
    """The properties of one entity, in the order its form and page show them."""

    def __init__(self, entity: str, properties: tuple[Property, ...]) -> None:
        names = [prop.name for prop in properties]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"{entity}: properties described twice: {sorted(duplicates)}")
        self.entity = entity
        self._by_name = {prop.name: prop for prop in properties}

    def __iter__(self) -> Iterator[Property]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Property:
        return self._by_name[name]

    def get(self, name: str) -> Property | None:
        return self._by_name.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def writable(self) -> tuple[Property, ...]:
        return tuple(prop for prop in self if prop.writable)

    def of_kind(self, *kinds: Kind) -> tuple[Property, ...]:
        return tuple(prop for prop in self if prop.kind in kinds)

    def in_section(self, section: Section) -> tuple[Property, ...]:
        return tuple(prop for prop in self if prop.section is section)

    def sections(self) -> tuple[Section, ...]:
        return tuple(dict.fromkeys(prop.section for prop in self))

    def schemes(self) -> dict[str, str]:
        """Coded property → the scheme that validates it."""
        return {prop.name: prop.scheme for prop in self if prop.scheme is not None}

    def snapshot_names(self) -> tuple[str, ...]:
        """What a revision stores as plain values, and restores."""
        return tuple(prop.name for prop in self if prop.in_revision)

    def required(self, *, harvested: bool = False) -> tuple[str, ...]:
        """What a write must give (and may not clear): the required writable properties; for a
        record the harvester writes, less those its source may omit. The one rule every surface
        meets, since each writes through the domain's services."""
        return tuple(
            prop.name
            for prop in self
            if prop.required and prop.writable and not (harvested and prop.sources_may_omit)
        )

    def publication(self) -> tuple[str, ...]:
        return tuple(prop.name for prop in self if prop.publication)

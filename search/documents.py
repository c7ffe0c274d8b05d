"""The only place a dataset (with its fields, owners, distributions, mappings) becomes index documents.

A :class:`DatasetDocument` carries what search needs and nothing it must not show: the text to
match, the facet values, and what visibility decides on (status, sharing class, the holder
agencies, the dataset id). Restricted fields' text is kept apart so that a principal without
rights on the dataset can neither match nor see it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.base import ExecutableOption

from dictionary import concepts as C
from dictionary.models import Dataset, OwnershipAssignment, StandardMapping
from dictionary.visibility import Visibility
from search.english import english_stems
from search.initials import initials

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> str:
    """A technical name as words people type: "so_dinh_danh" / "soDinhDanh" → "so dinh danh"."""
    return _CAMEL.sub(" ", name).replace("_", " ").replace("-", " ")


def millis(moment: datetime) -> datetime:
    """UTC, cut to milliseconds: the engines keep no more, so every backend sorts alike."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _join(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class FieldDocument:
    """One field (data element) as indexed for the search across all datasets."""

    id: str
    name: str
    label: str
    label_en: str | None
    definition: str | None
    data_type: str | None
    personal_data: str | None
    restricted: bool
    position: int
    standards: str
    """Identifiers and titles of the standards the field is mapped to."""

    @property
    def text(self) -> str:
        """Everything matchable about the field, for the dataset's own field text."""
        return _join(self.label, self.label_en, name_words(self.name), self.definition, self.standards)


@dataclass(frozen=True)
class DatasetDocument:
    id: str
    slug: str
    version: int
    """The dataset's lock version: the engines refuse to replace a newer document by an older one."""
    title: str
    title_en: str | None
    description: str | None
    description_en: str | None
    keywords: tuple[str, ...]
    body: str
    """Purpose, scope, content, source, collection, related national database, legal basis."""
    standards: str
    agency_names: str
    status: str
    sharing_class: str
    importance: str
    category: str
    component: str
    personal_data: str
    themes: tuple[str, ...]
    formats: tuple[str, ...]
    agencies: tuple[str, ...]
    """Codes of the current owner and custodian (the ``agency`` facet)."""
    holders: tuple[str, ...]
    """Ids of the same agencies: whose scope covers the dataset (Visibility.holders)."""
    updated_at: datetime
    fields: tuple[FieldDocument, ...] = ()
    keywords_en: tuple[str, ...] = ()
    """The English keywords alone (``keywords`` holds both languages), for English stemming."""

    @property
    def public_fields_text(self) -> str:
        return _join(*(f.text for f in self.fields if not f.restricted))

    @property
    def acronyms(self) -> str:
        """The initials of the Vietnamese public text (restricted text has none: see search.initials)."""
        public = (self.title, *self.keywords, self.agency_names, self.standards, self.public_fields_text)
        return " ".join(initials(*public, self.description, self.body))

    @property
    def english(self) -> str:
        """Stems of the English text: title, description, keywords, the public fields' labels."""
        labels = (f.label_en for f in self.fields if not f.restricted)
        return " ".join(english_stems(self.title_en, self.description_en, *self.keywords_en, *labels))

    def field_acronyms(self, field: FieldDocument) -> str:
        return " ".join(initials(field.label, field.definition, field.standards, self.title))

    @staticmethod
    def field_english(field: FieldDocument) -> str:
        return " ".join(english_stems(field.label_en))

    @property
    def restricted_fields_text(self) -> str:
        return _join(*(f.text for f in self.fields if f.restricted))

    def facet_values(self) -> dict[str, tuple[str, ...]]:
        return {
            "agency": self.agencies,
            "component": (self.component,),
            "category": (self.category,),
            "sharing_class": (self.sharing_class,),
            "importance": (self.importance,),
            "theme": self.themes,
            "format": self.formats,
            "personal_data": (self.personal_data,),
            "status": (self.status,),
        }

    def field_facet_values(self, field: FieldDocument) -> dict[str, tuple[str, ...]]:
        return {
            "data_type": (field.data_type,) if field.data_type else (),
            "personal_data": (field.personal_data,) if field.personal_data else (),
            "agency": self.agencies,
        }


def _standard_text(mappings: Iterable[StandardMapping]) -> str:
    return _join(*(_join(m.standard.identifier, m.standard.title_vi, m.term) for m in mappings))


def dataset_document(dataset: Dataset) -> DatasetDocument:
    """Flatten one loaded dataset (see :func:`load_documents` for the relations it needs)."""
    current = Visibility.holding(dataset)
    # Owner first, so that the first agency of a hit is the one people know the dataset by.
    current.sort(key=lambda a: (a.role != C.OWNER, a.agency.code))
    by_field: dict[uuid.UUID | None, list[StandardMapping]] = {}
    for mapping in dataset.mappings:
        by_field.setdefault(mapping.field_id, []).append(mapping)
    fields = tuple(
        FieldDocument(
            id=str(f.id),
            name=f.name,
            label=f.label_vi,
            label_en=f.label_en,
            definition=f.definition,
            data_type=f.data_type,
            personal_data=f.personal_data,
            restricted=f.restricted,
            position=f.position,
            standards=_standard_text(by_field.get(f.id, ())),
        )
        for f in dataset.fields
    )
    legal = [_join(doc.get("number"), doc.get("title")) for doc in dataset.legal_basis or []]
    return DatasetDocument(
        id=str(dataset.id),
        slug=dataset.slug,
        version=dataset.lock_version,
        title=dataset.title_vi,
        title_en=dataset.title_en,
        description=dataset.description_vi,
        description_en=dataset.description_en,
        keywords=(*(dataset.keywords_vi or []), *(dataset.keywords_en or [])),
        body=_join(
            dataset.purpose,
            dataset.scope,
            dataset.content,
            dataset.collection_mechanism,
            dataset.source,
            dataset.related_national_db,
            *legal,
        ),
        standards=_standard_text(by_field.get(None, ())),
        agency_names=_join(
            *(_join(a.agency.name_vi, a.agency.short_name, a.agency.code, a.agency.name_en) for a in current)
        ),
        status=dataset.status,
        sharing_class=dataset.sharing_class,
        importance=dataset.importance,
        category=dataset.db_category,
        component=dataset.arch_component,
        personal_data=dataset.personal_data,
        themes=tuple(dataset.themes or ()),
        formats=tuple(sorted({d.format for d in dataset.distributions if d.format})),
        agencies=tuple(dict.fromkeys(a.agency.code for a in current)),
        holders=tuple(sorted({str(a.agency_id) for a in current})),
        updated_at=millis(dataset.updated_at),
        fields=fields,
        keywords_en=tuple(dataset.keywords_en or ()),
    )


def _loading() -> Sequence[ExecutableOption]:
    return (
        selectinload(Dataset.fields),
        selectinload(Dataset.ownerships).joinedload(OwnershipAssignment.agency),
        selectinload(Dataset.distributions),
        selectinload(Dataset.mappings).joinedload(StandardMapping.standard),
    )


def load_documents(session: Session, ids: Iterable[uuid.UUID | str]) -> dict[str, DatasetDocument]:
    """Documents of the datasets that exist among ``ids``, read fresh from the database."""
    wanted = [uuid.UUID(str(i)) for i in ids]
    if not wanted:
        return {}
    rows = session.scalars(
        select(Dataset)
        .where(Dataset.id.in_(wanted))
        .options(*_loading())
        .execution_options(populate_existing=True)
    ).all()
    return {str(row.id): dataset_document(row) for row in rows}


def iter_documents(session: Session, batch: int = 500) -> Iterator[DatasetDocument]:
    """Every dataset, a batch at a time, so that a 100,000-dataset catalog never sits in memory."""
    ids = list(session.scalars(select(Dataset.id).order_by(Dataset.id)))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        yield from load_documents(session, chunk).values()
        session.expunge_all()

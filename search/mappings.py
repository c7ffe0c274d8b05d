"""The engines' indices as plain data: analysis settings, mappings, document bodies, bulk lines.

Shared by OpenSearch and Elasticsearch (see :mod:`search.dsl` for the queries). Text fields are
analysed twice: folded (``vi_fold``: lowercase + asciifolding, so "ma so thue" meets "mã số
thuế") and, in an ``.accent`` subfield, with diacritics kept, so that exact spelling ranks higher.
Both cut tokens with the same rule as :mod:`search.text`.

Beside them: ``acronyms`` and ``english`` hold what Python derives from the text (initials,
English stems; the same tokens the database backend stores), and in the dataset index every
public text is also copied into ``vocabulary``, analysed into syllables and pairs of adjacent
syllables ("ma so"): the vocabulary queries are cut into words with (:mod:`search.query`).
"""

from __future__ import annotations

from search.documents import DatasetDocument, FieldDocument, name_words
from search.dsl import DATASET_WEIGHTS, FIELD_WEIGHTS, Body
from search.text import ENGINE_TOKEN_SEPARATOR, fold


def index_settings(replicas: int = 0) -> Body:
    return {
        "index": {"number_of_shards": 1, "number_of_replicas": replicas, "max_result_window": 10_000},
        "analysis": {
            "tokenizer": {"vi_words": {"type": "pattern", "pattern": ENGINE_TOKEN_SEPARATOR}},
            "analyzer": {
                "vi_fold": {
                    "type": "custom",
                    "tokenizer": "vi_words",
                    "filter": ["lowercase", "asciifolding"],
                },
                "vi_accent": {"type": "custom", "tokenizer": "vi_words", "filter": ["lowercase"]},
                "vi_pairs": {
                    "type": "custom",
                    "tokenizer": "vi_words",
                    "filter": ["lowercase", "asciifolding", "vi_pair"],
                },
            },
            "filter": {
                "vi_pair": {
                    "type": "shingle",
                    "min_shingle_size": 2,
                    "max_shingle_size": 2,
                    "output_unigrams": True,
                }
            },
        },
    }


def _text(prefixes: bool = False, vocabulary: bool = False) -> Body:
    mapping: Body = {
        "type": "text",
        "analyzer": "vi_fold",
        "fields": {"accent": {"type": "text", "analyzer": "vi_accent"}},
    }
    if vocabulary:
        mapping["copy_to"] = "vocabulary"
    if prefixes:
        # Edge n-grams of every token in a hidden subfield: suggestions as you type are prefix
        # queries on the title, answered from it without scanning the terms.
        mapping["index_prefixes"] = {"min_chars": 1, "max_chars": 10}
    return mapping


_KEYWORD = {"type": "keyword"}
_DERIVED = {"type": "text", "analyzer": "vi_fold", "norms": False}
"""Tokens computed in Python (initials, English stems), only split on spaces by the analyser."""


def dataset_mappings() -> Body:
    properties: Body = {name: _text(vocabulary=True) for name in DATASET_WEIGHTS}
    properties["title"] = _text(prefixes=True, vocabulary=True)
    properties["restricted_text"] = _text()  # not in the vocabulary: it would tell restricted words
    properties["vocabulary"] = {
        "type": "text",
        "analyzer": "vi_pairs",
        "index_options": "docs",
        "norms": False,
    }
    properties.update(acronyms=_DERIVED, english=_DERIVED)
    properties.update(
        dict.fromkeys(
            (
                "id",
                "slug",
                "agency",
                "component",
                "category",
                "sharing_class",
                "importance",
                "theme",
                "format",
                "personal_data",
                "status",
                "holders",
                "title_sort",
            ),
            _KEYWORD,
        )
    )
    properties.update({"version": {"type": "long"}, "updated_at": {"type": "date"}})
    # Restricted text is indexed but never stored in _source, so no response can carry it.
    return {"dynamic": "strict", "_source": {"excludes": ["restricted_text"]}, "properties": properties}


def field_mappings() -> Body:
    properties: Body = {name: _text() for name in FIELD_WEIGHTS}
    properties.update(acronyms=_DERIVED, english=_DERIVED)
    properties.update(
        dict.fromkeys(
            (
                "id",
                "name",
                "dataset_id",
                "dataset_slug",
                "data_type",
                "personal_data",
                "agency",
                "status",
                "sharing_class",
                "holders",
                "label_sort",
            ),
            _KEYWORD,
        )
    )
    properties.update(
        {
            "dataset_version": {"type": "long"},
            "position": {"type": "integer"},
            "restricted": {"type": "boolean"},
            "updated_at": {"type": "date"},
        }
    )
    return {"dynamic": "strict", "properties": properties}


def sort_key(text: str) -> str:
    """Folded, lowercase, single-spaced: the same title order on every backend (code points)."""
    return " ".join(fold(text).split())


# Documents ---------------------------------------------------------------------------------


def dataset_source(doc: DatasetDocument) -> Body:
    return {
        "id": doc.id,
        "slug": doc.slug,
        "version": doc.version,
        "title": doc.title,
        "title_en": doc.title_en,
        "description": doc.description,
        "description_en": doc.description_en,
        # One text, as the database backend has it: a phrase may run from one keyword to the next.
        "keywords": "\n".join(doc.keywords),
        "body": doc.body,
        "standards": doc.standards,
        "agency_names": doc.agency_names,
        "fields_text": doc.public_fields_text,
        "restricted_text": doc.restricted_fields_text,
        "acronyms": doc.acronyms,
        "english": doc.english,
        "agency": list(doc.agencies),
        "component": doc.component,
        "category": doc.category,
        "sharing_class": doc.sharing_class,
        "importance": doc.importance,
        "theme": list(doc.themes),
        "format": list(doc.formats),
        "personal_data": doc.personal_data,
        "status": doc.status,
        "holders": list(doc.holders),
        "title_sort": sort_key(doc.title),
        "updated_at": doc.updated_at.isoformat(),
    }


def field_source(dataset: DatasetDocument, field: FieldDocument) -> Body:
    return {
        "id": field.id,
        "name": field.name,
        "name_text": name_words(field.name),
        "label": field.label,
        "label_en": field.label_en,
        "definition": field.definition,
        "standards": field.standards,
        "data_type": field.data_type,
        "personal_data": field.personal_data,
        "restricted": field.restricted,
        "position": field.position,
        "dataset_id": dataset.id,
        "dataset_slug": dataset.slug,
        "dataset_title": dataset.title,
        "dataset_version": dataset.version,
        "acronyms": dataset.field_acronyms(field),
        "english": dataset.field_english(field),
        "agency": list(dataset.agencies),
        "status": dataset.status,
        "sharing_class": dataset.sharing_class,
        "holders": list(dataset.holders),
        "label_sort": sort_key(field.label),
        "updated_at": dataset.updated_at.isoformat(),
    }


def bulk_actions(documents: list[DatasetDocument], datasets: str, fields: str) -> list[Body]:
    """Bulk lines: each dataset, then its fields (which carry the dataset's version, so that the
    fields of an older version can be told apart and removed)."""
    lines: list[Body] = []
    for doc in documents:
        lines += [{"index": {"_index": datasets, "_id": doc.id}}, dataset_source(doc)]
        for field in doc.fields:
            lines += [{"index": {"_index": fields, "_id": field.id}}, field_source(doc, field)]
    return lines


def delete_actions(dataset_ids: list[str], datasets: str) -> list[Body]:
    return [{"delete": {"_index": datasets, "_id": i}} for i in dataset_ids]


def stale_fields_query(documents: list[DatasetDocument], deleted: list[str]) -> Body:
    """Field documents left over from older versions of these datasets, or of deleted ones."""
    should: list[Body] = [
        {
            "bool": {
                "filter": [
                    {"term": {"dataset_id": doc.id}},
                    {"range": {"dataset_version": {"lt": doc.version}}},
                ]
            }
        }
        for doc in documents
    ]
    if deleted:
        should.append({"terms": {"dataset_id": deleted}})
    return {"query": {"bool": {"should": should, "minimum_should_match": 1}}}

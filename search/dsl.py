"""OpenSearch / Elasticsearch requests as plain data, shared by both engines (no client imported).

Only features both OpenSearch 2.19+ and Elasticsearch 8/9 have: pattern tokenizer, lowercase,
asciifolding, ``index_prefixes``, multi_match best_fields / phrase with fuzziness, bool filters,
terms / filters / global aggregations, the unified highlighter. Index definitions: :mod:`search.mappings`.

Abbreviations are expanded in Python (:func:`search.text.analyse`) rather than by a
``synonym_graph`` filter: a synonym must count as exactly the one term it stands for in
``minimum_should_match``, and the database backend must match the same documents. A graph of
synonyms inside multi_match changes the clause count the engine sees, per field.
"""

from __future__ import annotations

from typing import Any

from dictionary import concepts as C
from dictionary.visibility import (
    Atom,
    Condition,
    DatasetIn,
    FieldNamed,
    HeldBy,
    Public,
    Unrestricted,
    Visibility,
)
from search.interface import DatasetQuery, FieldQuery
from search.query import Word, WordQuery
from search.text import QueryText

Body = dict[str, Any]

DATASET_WEIGHTS = {
    "title": 6.0,
    "keywords": 4.0,
    "title_en": 3.0,
    "agency_names": 2.0,
    "standards": 2.0,
    "fields_text": 2.0,
    "description": 1.5,
    "description_en": 1.0,
    "body": 1.0,
}
FIELD_WEIGHTS = {
    "label": 6.0,
    "name_text": 4.0,
    "label_en": 3.0,
    "standards": 2.0,
    "definition": 1.5,
    "dataset_title": 1.0,
}
ACRONYM_WEIGHT = 2.0
"""Of the ``acronyms`` field (the initials of the Vietnamese text, :mod:`search.initials`)."""
ENGLISH_WEIGHT = 3.0
"""Of the ``english`` field (stems of the English text, :mod:`search.english`)."""
RESTRICTED_WEIGHTS = {"restricted_text": 1.0}
"""Matched only by principals allowed to see restricted fields; never highlighted or returned."""

DATASET_SOURCE = [
    "id",
    "slug",
    "title",
    "title_en",
    "description",
    "status",
    "sharing_class",
    "agency",
    "updated_at",
]
FIELD_SOURCE = [
    "id",
    "name",
    "label",
    "label_en",
    "definition",
    "data_type",
    "personal_data",
    "restricted",
    "dataset_id",
    "dataset_slug",
    "dataset_title",
]
DATASET_HIGHLIGHT = {"title": 0, "description": 2, "fields_text": 1}
"""Field → number of fragments (0: the whole value)."""
FIELD_HIGHLIGHT = {"label": 0, "definition": 1}
FRAGMENT_SIZE = 160
FACET_SIZE = 200


# Visibility --------------------------------------------------------------------------------


def condition_filter(condition: Condition, id_field: str) -> Body | bool:
    """A visibility condition (:mod:`dictionary.visibility`) as a filter: True is no filter at all,
    False matches nothing. ``id_field`` holds the dataset id (``id`` in dataset documents,
    ``dataset_id`` in field documents); status, class, holders and field names are indexed alike."""
    if condition.always:
        return True
    should = [_atom_filter(atom, id_field) for atom in condition.parts]
    if not should:
        return False
    return should[0] if len(should) == 1 else {"bool": {"should": should, "minimum_should_match": 1}}


def _atom_filter(atom: Atom, id_field: str) -> Body:
    if isinstance(atom, Public):
        return {
            "bool": {
                "filter": [
                    {"term": {"status": C.PUBLISHED}},
                    {"terms": {"sharing_class": list(atom.classes)}},
                ]
            }
        }
    if isinstance(atom, HeldBy):
        return {"terms": {"holders": [str(a) for a in atom.agencies]}}
    if isinstance(atom, DatasetIn):
        return {"terms": {id_field: [str(d) for d in atom.ids]}}
    if isinstance(atom, FieldNamed):
        return {
            "bool": {
                "filter": [{"term": {id_field: str(atom.dataset_id)}}, {"terms": {"name": list(atom.names)}}]
            }
        }
    if isinstance(atom, Unrestricted):
        return {"term": {"restricted": False}}
    return {"match_all": {}}


def visible_filter(visibility: Visibility, id_field: str = "id") -> Body | None:
    """Which datasets (or fields, by their dataset) a principal may see; None: all of them."""
    found = condition_filter(visibility.dataset_condition(), id_field)
    return None if found is True else found or {"bool": {"must_not": [{"match_all": {}}]}}


# Queries -----------------------------------------------------------------------------------


def _fields(weights: dict[str, float], suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{weight:g}" for name, weight in weights.items()]


def _phrase(query: str, fields: list[str], boost: float = 1.0) -> Body:
    body: Body = {"multi_match": {"query": query, "fields": fields, "type": "phrase"}}
    if boost != 1.0:
        body["multi_match"]["boost"] = boost
    return body


def _matches(word: Word, weights: dict[str, float], derived: bool) -> list[Body]:
    """A word as phrases (its syllables side by side), with its synonyms and typo corrections;
    with ``derived``, also its initials and its English stem."""
    folded = _fields(weights)
    should: list[Body] = [_phrase(word.folded, folded)]
    if word.has_diacritics:  # exact diacritics score again on the accent subfields
        should.append(_phrase(" ".join(word.typed), _fields(weights, ".accent")))
    should += [_phrase(" ".join(s), folded) for s in word.synonyms]
    should += [_phrase(v, folded, 0.5) for v in word.variants]
    if derived and word.acronym:
        should.append({"match": {"acronyms": {"query": word.acronym, "boost": ACRONYM_WEIGHT}}})
    if derived and word.english:
        should.append({"match_phrase": {"english": {"query": word.english, "boost": ENGLISH_WEIGHT}}})
    return should


def term_clause(word: Word, weights: dict[str, float], restricted: Body | bool) -> Body:
    """Matches a document that contains the word (or a synonym, initials, stem, correction)."""
    should = _matches(word, weights, derived=True)
    if restricted is not False:
        private: Body = {
            "bool": {"should": _matches(word, RESTRICTED_WEIGHTS, derived=False), "minimum_should_match": 1}
        }
        if restricted is not True:
            private["bool"]["filter"] = [restricted]
        should.append(private)
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(text: WordQuery, weights: dict[str, float], restricted: Body | bool) -> Body:
    clauses = [term_clause(w, weights, restricted) for w in text.words]
    query: Body = {"bool": {"must": [{"bool": {"should": clauses, "minimum_should_match": text.required}}]}}
    if len(text.phrase) > 1:  # the whole query side by side ranks above its words scattered
        boosts = [
            {
                "multi_match": {
                    "query": " ".join(text.phrase),
                    "fields": _fields(weights),
                    "type": "phrase",
                    "slop": 1,
                    "boost": 2,
                }
            }
        ]
        if text.has_diacritics:  # and above that, with the diacritics as typed
            boosts.append(
                {
                    "multi_match": {
                        "query": " ".join(text.typed_phrase),
                        "fields": _fields(weights, ".accent"),
                        "type": "phrase",
                        "slop": 1,
                        "boost": 2,
                    }
                }
            )
        query["bool"]["should"] = boosts
    return query


def _filters(query: DatasetQuery, visibility: Visibility, id_field: str) -> list[Body]:
    filters = [{"terms": {name: list(values)}} for name, values in query.filters]
    visible = visible_filter(visibility, id_field)
    return [visible, *filters] if visible else filters


def _sort(query: DatasetQuery, has_text: bool, title_field: str) -> list[Any]:
    if query.sort == "title":
        return [{title_field: "asc"}, {"id": "asc"}]
    if query.sort == "relevance" and has_text:
        return ["_score", {"updated_at": "desc"}, {"id": "asc"}]
    return [{"updated_at": "desc"}, {"id": "asc"}]


def _highlight(fragments: dict[str, int]) -> Body:
    fields = {
        name: {"number_of_fragments": n, "fragment_size": FRAGMENT_SIZE} for name, n in fragments.items()
    }
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "type": "unified",
        "require_field_match": False,
        "fields": fields,
    }


def search_body(query: DatasetQuery, text: WordQuery, visibility: Visibility) -> Body:
    """The search request of datasets (or fields, for a :class:`FieldQuery`)."""
    is_field = isinstance(query, FieldQuery)
    weights = FIELD_WEIGHTS if is_field else DATASET_WEIGHTS
    filters = _filters(query, visibility, "dataset_id" if is_field else "id")
    restricted: Body | bool = False
    if is_field:
        # A field document has no separate restricted text: a field the principal may not see
        # (a restricted one outside its scope and grants) is itself invisible.
        allowed = condition_filter(visibility.field_condition(), "dataset_id")
        if allowed is not True:
            filters.append(allowed or {"bool": {"must_not": [{"match_all": {}}]}})
    else:
        # The restricted text of a dataset matches only for who sees every restricted field of it.
        restricted = condition_filter(visibility.every_field_condition(), "id")
    must = [text_query(text, weights, restricted)] if text else []
    body: Body = {
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
        "_source": FIELD_SOURCE if is_field else DATASET_SOURCE,
        "query": {"bool": {"filter": filters, "must": must}},
        "sort": _sort(query, bool(text), "label_sort" if is_field else "title_sort"),
    }
    if query.facets:
        body["aggs"] = {
            f"facet_{name}": {"terms": {"field": name, "size": FACET_SIZE}} for name in query.facet_names
        }
    if query.highlight and text:
        body["highlight"] = _highlight(FIELD_HIGHLIGHT if is_field else DATASET_HIGHLIGHT)
    return body


def vocabulary_body(keys: list[str]) -> Body:
    """Which of ``keys`` (syllables, pairs "ma so") some dataset's public text holds, as one
    aggregation over the ``vocabulary`` field (:func:`search.mappings.dataset_mappings`)."""
    filters = {str(i): {"term": {"vocabulary": key}} for i, key in enumerate(keys)}
    return {"size": 0, "track_total_hits": False, "aggs": {"known": {"filters": {"filters": filters}}}}


def known_keys(keys: list[str], response: Body) -> set[str]:
    buckets = response.get("aggregations", {}).get("known", {}).get("buckets", {})
    return {keys[int(i)] for i, bucket in buckets.items() if bucket["doc_count"]}


def suggest_body(complete: QueryText, last: str | None, visibility: Visibility, limit: int) -> Body:
    """Titles that contain every complete word and a word starting with the last, unfinished one."""
    must: list[Body] = [
        {
            "bool": {
                "should": [
                    {"match": {"title": t.folded}},
                    *({"match_phrase": {"title": " ".join(s)}} for s in t.synonyms),
                ],
                "minimum_should_match": 1,
            }
        }
        for t in complete.terms
    ]
    if last:
        must.append({"prefix": {"title": {"value": last}}})
    visible = visible_filter(visibility)
    return {
        "size": limit,
        "_source": ["id", "slug", "title"],
        "query": {"bool": {"filter": [visible] if visible else [], "must": must}},
        "sort": ["_score", {"title_sort": "asc"}, {"id": "asc"}],
    }

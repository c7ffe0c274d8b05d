"""What a harvested source says that our own terms do not hold, read as it came.

For :func:`vocab.dcat_import.dataset_from_rdf`: the source's identifiers, dates, languages, spatial
coverage, standards, and its texts with their language tags. A text in a language other than
Vietnamese keeps its tag (``text_language``); languages beyond the main one and English go to
``translations``. Values equal to what the catalog says of every dataset (Vietnamese, Viet Nam) are
left empty, so our own catalog harvested back is what it was.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from vocab.dcat_terms import VIETNAMESE
from vocab.rdf_ns import ADMS, CAT, DCAT, DCT, SKOS, XSD

__all__ = ["TEXT_PROPERTIES", "main_language", "source_values", "tagged_texts"]

VIET_NAM_PLACES = {"https://sws.geonames.org/1562822/", "http://sws.geonames.org/1562822/"}
TEXT_PROPERTIES = {"title": DCT.title, "description": DCT.description, "keywords": DCAT.keyword}
"""Texts that may come in further languages, by the key they have in ``translations``."""


def tagged_texts(graph: Graph, node: Node, predicate: URIRef) -> dict[str, list[str]]:
    """The literals of ``predicate`` by language tag ('' untagged), each list sorted."""
    found: dict[str, set[str]] = {}
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal) and str(value).strip():
            found.setdefault((value.language or "").lower(), set()).add(str(value).strip())
    return {lang: sorted(values) for lang, values in sorted(found.items())}


def main_language(titles: dict[str, list[str]]) -> str | None:
    """The language the record's main texts are in: None for Vietnamese (or untagged, as our own
    and most Vietnamese sources write), else the first other tag, English last."""
    if "vi" in titles or not titles:
        return None
    if "" in titles:
        return ""
    others = [lang for lang in titles if lang != "en"]
    return others[0] if others else "en"


def source_values(graph: Graph, node: Node, notes: list[str]) -> dict[str, Any]:
    """The ``source_*``, dates, languages, coverage, standards and identifiers of a dataset."""
    identifier = graph.value(node, DCT.identifier)
    given = str(identifier).strip() if isinstance(identifier, Literal) else None
    data: dict[str, Any] = {
        # A UUID identifier becomes our id itself (Harvested.id): nothing more to keep.
        "source_identifier": None if given is None or _is_uuid(given) else given,
        "source_uri": _source_uri(graph, node),
        "issued": _stamp(graph, node, DCT.issued, notes),
        "modified": _stamp(graph, node, DCT.modified, notes),
        "languages": _as_given(graph, node, DCT.language, {str(VIETNAMESE)}),
        "coverage": _as_given(graph, node, DCT.spatial, VIET_NAM_PLACES),
        "conforms_to": _standards(graph, node),
        "other_identifiers": _other_identifiers(graph, node),
    }
    for name in ("source_identifier", "source_uri"):
        if data[name] is not None and len(data[name]) > 500:
            notes.append(f"{name} longer than 500 characters; left out")
            data[name] = None
    return data


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


def _source_uri(graph: Graph, node: Node) -> str | None:
    """Where the record comes from: the source's own source if it was harvested too, else its IRI."""
    earlier = graph.value(node, CAT.harvestedFrom)
    if isinstance(earlier, URIRef):
        return str(earlier)
    return str(node) if isinstance(node, URIRef) else None


def _stamp(graph: Graph, node: Node, predicate: URIRef, notes: list[str]) -> str | None:
    """An xsd:date / xsd:dateTime lexical form as given; anything else is noted and left out."""
    value = graph.value(node, predicate)
    if value is None:
        return None
    text = str(value).strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(text)
        except ValueError:
            continue
        if isinstance(value, Literal) and value.datatype not in (None, XSD.date, XSD.dateTime, XSD.string):
            break
        return text[:40]
    notes.append(f"{str(predicate).rsplit('/', 1)[-1]} '{text[:60]}' is not an ISO 8601 date; left out")
    return None


def _as_given(graph: Graph, node: Node, predicate: URIRef, ours: set[str]) -> list[str]:
    values = sorted({str(v).strip() for v in graph.objects(node, predicate) if str(v).strip()})
    return [] if set(values) <= ours else values


def _standards(graph: Graph, node: Node) -> list[str]:
    """URIs as given; a standard given as a node without a URI by its title, a literal as written."""
    found = set()
    for value in graph.objects(node, DCT.conformsTo):
        if isinstance(value, URIRef):
            found.add(str(value))
        elif isinstance(value, Literal):
            found.add(str(value).strip())
        else:
            title = graph.value(value, DCT.title)
            if title is not None:
                found.add(str(title).strip())
    return sorted(v for v in found if v)


def _other_identifiers(graph: Graph, node: Node) -> list[str]:
    found = set()
    for value in graph.objects(node, ADMS.identifier):
        notation = value if isinstance(value, Literal) else graph.value(value, SKOS.notation)
        if notation is not None and str(notation).strip():
            found.add(str(notation).strip())
        elif isinstance(value, URIRef):
            found.add(str(value))
    return sorted(found)

"""Reading values out of an RDF graph, forgivingly: what the DCAT import needs from any source.

Sources are not all as tidy as ours: a title may come untagged, in several languages or twice; a
number may be a string. These helpers pick one value by a fixed rule and never raise.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dictionary.services.base import slugify

__all__ = [
    "all_texts",
    "date_value",
    "flag",
    "integer",
    "last_segment",
    "plain_value",
    "slug_of",
    "texts",
    "uri_value",
]

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,198}[a-z0-9])?$")


def texts(graph: Graph, node: Node | None, predicate: URIRef) -> tuple[str | None, str | None]:
    """(Vietnamese, English) text: ``@vi`` (else untagged, else the first of any language), ``@en``."""
    if node is None:
        return None, None
    by_lang: dict[str, str] = {}
    for literal in sorted((o for o in graph.objects(node, predicate) if isinstance(o, Literal)), key=str):
        by_lang.setdefault(literal.language or "", str(literal))
    vi = by_lang.get("vi") or by_lang.get("") or next((v for k, v in by_lang.items() if k != "en"), None)
    return vi or by_lang.get("en"), by_lang.get("en")


def all_texts(graph: Graph, node: Node, predicate: URIRef, lang: str) -> list[str]:
    values = [
        str(o)
        for o in graph.objects(node, predicate)
        if isinstance(o, Literal) and (o.language == lang or (lang == "vi" and not o.language))
    ]
    return sorted(set(values))


def plain_value(graph: Graph, node: Node | None, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate) if node is not None else None
    return str(value) if isinstance(value, Literal) and str(value).strip() else None


def uri_value(graph: Graph, node: Node | None, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate) if node is not None else None
    return str(value) if isinstance(value, URIRef) else None


def flag(graph: Graph, node: Node, predicate: URIRef) -> bool:
    value = graph.value(node, predicate)
    return isinstance(value, Literal) and str(value).lower() in ("true", "1")


def integer(value: Node | None) -> int | None:
    try:
        return int(str(value)) if isinstance(value, Literal) else None
    except ValueError:
        return None


def date_value(value: Node | None) -> date | None:
    if not isinstance(value, Literal):
        return None
    python = value.toPython()
    if isinstance(python, datetime):
        return python.date()
    return python if isinstance(python, date) else None


def last_segment(node: Node | None) -> str:
    return unquote(str(node).rstrip("/").rsplit("/", 1)[-1]) if node is not None else ""


def slug_of(node: Node, title: str) -> str:
    """The last segment of the dataset URI if it is a valid slug (our own URIs), else from the title."""
    if isinstance(node, URIRef):
        last = last_segment(node)
        if SLUG.match(last):
            return last
    return slugify(title)

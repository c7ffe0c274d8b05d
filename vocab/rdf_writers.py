"""Streaming RDF serialisation: Turtle, RDF/XML, JSON-LD and N-Triples, page after page.

Why not ``Graph.serialize``: rdflib's serialisers need the whole graph at once and spend most of
their time ordering it (Turtle: 0.5 s for 25,000 triples, a single page of 100 datasets). These
writers take the triples of one page, grouped by subject, and emit a fragment that can be
concatenated with the next page's: the header (prefixes, ``<rdf:RDF>``, the JSON-LD ``@context``)
is written once by :meth:`Writer.begin`, so a 10,000-dataset catalog streams with flat memory.
Terms still come from rdflib (``URIRef``/``Literal``); escaping follows the four grammars and every
format is checked by parsing it back with rdflib to the same triples (tests/vocab).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from vocab.namespaces import PREFIXES
from vocab.rdf_buffer import TripleBuffer, TripleSink

__all__ = [
    "FORMATS",
    "RdfFormat",
    "TripleBuffer",
    "TripleSink",
    "Writer",
    "format_for",
    "parse",
    "serialize",
    "writer",
]


@dataclass(frozen=True)
class RdfFormat:
    key: str
    """The URL suffix: ``ttl``, ``rdf``, ``jsonld``, ``nt``."""
    media_type: str
    rdflib_name: str
    """The rdflib parser that reads it (for tests and the harvester)."""
    also: tuple[str, ...] = ()
    """Other media types that mean the same format (content negotiation, harvested responses)."""

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat("ttl", "text/turtle", "turtle", ("application/x-turtle", "text/n3")),
    "rdf": RdfFormat("rdf", "application/rdf+xml", "xml", ("application/xml", "text/xml")),
    "jsonld": RdfFormat("jsonld", "application/ld+json", "json-ld", ("application/json",)),
    "nt": RdfFormat("nt", "application/n-triples", "nt", ("text/plain",)),
}
SUFFIX_ALIASES = {"xml": "rdf", "json": "jsonld", "turtle": "ttl", "n3": "ttl"}
"""``.xml`` as ckanext-dcat offers it; the others forgive common spellings."""


def format_for(suffix_or_media_type: str) -> RdfFormat | None:
    """The format named by a suffix (``ttl``, ``xml``…) or a media type, or None."""
    key = suffix_or_media_type.strip().lower().split(";")[0].strip()
    key = SUFFIX_ALIASES.get(key, key)
    if key in FORMATS:
        return FORMATS[key]
    for fmt in FORMATS.values():
        if key == fmt.media_type or key in fmt.also:
            return fmt
    return None


# Terms -------------------------------------------------------------------------------------

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
for _code in [*range(0x20), 0x7F]:
    _ESCAPES.setdefault(_code, f"\\u{_code:04X}")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_TTL_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_XSD_STRING = str(XSD.string)


def _string(value: str) -> str:
    return '"' + value.translate(_ESCAPES) + '"'


def _iriref(value: str) -> str:
    if _IRI_UNSAFE.search(value):
        value = quote(value, safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{value}>"


def _bnode_id(node: BNode) -> str:
    return "b" + _BNODE_UNSAFE.sub("_", str(node))


class _Names:
    """Prefixed names for IRIs, cached: the same few predicates recur on every line."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so dcat: never shadows a longer namespace that starts like it.
        self.prefixes = sorted(((str(ns), p) for p, ns in prefixes.items()), key=lambda i: -len(i[0]))
        self._ttl: dict[str, str | None] = {}
        self._xml: dict[str, tuple[str, str] | None] = {}

    def _split(self, value: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
        for namespace, prefix in self.prefixes:
            # str.startswith, not the term's own: rdflib overrides it in Python, 10x slower.
            if str.startswith(value, namespace):
                local = value[len(namespace) :]
                if pattern.fullmatch(local):
                    return prefix, local
        return None

    def turtle(self, value: str) -> str | None:
        if value not in self._ttl:
            found = self._split(value, _TTL_LOCAL)
            _remember(self._ttl, value, f"{found[0]}:{found[1]}" if found else None)
            return self._ttl[value]
        return self._ttl[value]

    def xml(self, value: str) -> tuple[str, str] | None:
        if value not in self._xml:
            _remember(self._xml, value, self._split(value, _XML_NAME))
        return self._xml[value]


NAME_CACHE_LIMIT = 50_000
"""IRIs remembered per writer. Most IRIs of a page are unique (datasets, fields), so the cache is
emptied when full: a 10,000-dataset export must not keep every IRI it wrote."""


def _remember(cache: dict[str, Any], key: str, value: Any) -> None:
    if len(cache) >= NAME_CACHE_LIMIT:
        cache.clear()
    cache[key] = value


# Writers -----------------------------------------------------------------------------------


class Writer(Protocol):
    fmt: RdfFormat

    def begin(self) -> str: ...
    def write(self, triples: TripleBuffer) -> str: ...
    def end(self) -> str: ...


class TurtleWriter:
    fmt = FORMATS["ttl"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes

    def begin(self) -> str:
        lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in self.prefixes.items()]
        return "\n".join(lines) + "\n\n"

    def term(self, node: Node) -> str:
        if type(node) is URIRef:  # exact types, not isinstance: the hot path of every writer
            return self.iri(node)
        if type(node) is Literal:
            lexical = _string(node)
            language = node.language
            if language:
                return f"{lexical}@{language}"
            datatype = node.datatype
            if datatype is not None and not str.__eq__(datatype, _XSD_STRING):
                return f"{lexical}^^{self.iri(datatype)}"
            return lexical
        if isinstance(node, BNode):
            return "_:" + _bnode_id(node)
        return self.iri(str(node))

    def iri(self, value: str) -> str:
        return self.names.turtle(value) or _iriref(value)

    def write(self, triples: TripleBuffer) -> str:
        out: list[str] = []
        for subject, predicates in triples.subjects():
            parts = []
            for predicate, objects in predicates.items():
                verb = "a" if predicate == RDF.type else self.term(predicate)
                parts.append(f"{verb} " + ", ".join(self.term(o) for o in objects))
            out.append(self.term(subject) + " " + " ;\n    ".join(parts) + " .\n\n")
        return "".join(out)

    def end(self) -> str:
        return ""


class NTriplesWriter(TurtleWriter):
    fmt = FORMATS["nt"]

    def begin(self) -> str:
        return ""

    def iri(self, value: str) -> str:
        return _iriref(value)

    def write(self, triples: TripleBuffer) -> str:
        term = self.term
        return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


class RdfXmlWriter:
    fmt = FORMATS["rdf"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes

    def begin(self) -> str:
        declarations = "".join(f'\n   xmlns:{p}="{_attr(str(ns))}"' for p, ns in self.prefixes.items())
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}\n>\n'

    def write(self, triples: TripleBuffer) -> str:
        out: list[str] = []
        for subject, predicates in triples.subjects():
            if isinstance(subject, BNode):
                out.append(f'  <rdf:Description rdf:nodeID="{_bnode_id(subject)}">\n')
            else:
                out.append(f'  <rdf:Description rdf:about="{_attr(str(subject))}">\n')
            for predicate, objects in predicates.items():
                name = self.names.xml(str(predicate))
                if name is None:
                    raise ValueError(f"RDF/XML needs a declared prefix for the predicate {predicate}")
                element = f"{name[0]}:{name[1]}"
                out.extend(f"    {self.property(element, obj)}\n" for obj in objects)
            out.append("  </rdf:Description>\n")
        return "".join(out)

    @staticmethod
    def property(element: str, obj: Node) -> str:
        if isinstance(obj, BNode):
            return f'<{element} rdf:nodeID="{_bnode_id(obj)}"/>'
        if not isinstance(obj, Literal):
            return f'<{element} rdf:resource="{_attr(str(obj))}"/>'
        if obj.language:
            attributes = f' xml:lang="{obj.language}"'
        elif obj.datatype is not None and not str.__eq__(obj.datatype, _XSD_STRING):
            attributes = f' rdf:datatype="{_attr(str(obj.datatype))}"'
        else:
            attributes = ""
        return f"<{element}{attributes}>{_xml_text(str(obj))}</{element}>"

    def end(self) -> str:
        return "</rdf:RDF>\n"


class JsonLdWriter:
    """JSON-LD as one ``@graph`` of flat node objects with one inlined ``@context``.

    The context only declares prefixes (never a remote URL: harvesters have been broken by dead
    remote contexts, udata URIS_TO_REPLACE); ``@id`` values are always absolute IRIs.
    """

    fmt = FORMATS["jsonld"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes
        self.first = True

    def begin(self) -> str:
        context = {prefix: str(namespace) for prefix, namespace in self.prefixes.items()}
        return '{\n"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n"@graph": [\n'

    def key(self, value: str) -> str:
        return self.names.turtle(value) or value

    def value(self, node: Node) -> dict[str, str]:
        if isinstance(node, Literal):
            item = {"@value": str(node)}
            if node.language:
                item["@language"] = node.language
            elif node.datatype is not None and not str.__eq__(node.datatype, _XSD_STRING):
                item["@type"] = self.key(str(node.datatype))
            return item
        if isinstance(node, BNode):
            return {"@id": "_:" + _bnode_id(node)}
        return {"@id": str(node)}

    def write(self, triples: TripleBuffer) -> str:
        out: list[str] = []
        for subject, predicates in triples.subjects():
            node: dict[str, object] = {"@id": self.value(subject)["@id"]}
            for predicate, objects in predicates.items():
                if predicate == RDF.type and all(isinstance(o, URIRef) for o in objects):
                    node["@type"] = [self.key(str(o)) for o in objects]
                else:
                    node[self.key(str(predicate))] = [self.value(o) for o in objects]
            separator = "" if self.first else ",\n"
            self.first = False
            out.append(separator + json.dumps(node, ensure_ascii=False))
        return "".join(out)

    def end(self) -> str:
        return "\n]\n}\n"


def _attr(value: str) -> str:
    value = _XML_ILLEGAL.sub("", value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _xml_text(value: str) -> str:
    value = _XML_ILLEGAL.sub("", value)
    # A raw CR would be normalised away by every XML parser; &#13; keeps it.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


_WRITERS: dict[str, Callable[[Mapping[str, str]], Writer]] = {
    "ttl": TurtleWriter,
    "rdf": RdfXmlWriter,
    "jsonld": JsonLdWriter,
    "nt": NTriplesWriter,
}


def writer(fmt: RdfFormat, prefixes: Mapping[str, str] | None = None) -> Writer:
    """A fresh writer (writers keep state between pages: JSON-LD commas)."""
    chosen = {p: str(ns) for p, ns in (PREFIXES if prefixes is None else prefixes).items()}
    result: Writer = _WRITERS[fmt.key](chosen)
    return result


def serialize(triples: TripleBuffer | Graph, fmt: RdfFormat) -> str:
    """One whole document."""
    buffer = triples if isinstance(triples, TripleBuffer) else TripleBuffer.from_graph(triples)
    out = writer(fmt)
    return out.begin() + out.write(buffer) + out.end()


def parse(data: str | bytes, fmt: RdfFormat, base: str | None = None) -> Graph:
    """A document read with rdflib (tests, the harvester).

    rdflib 7.6's JSON-LD parser builds a ``ConjunctiveGraph`` internally and warns that the class
    is deprecated; the warning is about rdflib's own code, so it is silenced here, and only here.
    """
    graph = Graph()
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        graph.parse(data=data, format=fmt.rdflib_name, publicID=base)
    return graph

"""Streaming RDF serialisation: Turtle, RDF/XML, JSON-LD and N-Triples, page after page.

Why not ``Graph.serialize``: rdflib's serialisers need the whole graph at once and spend most of
their time ordering it (Turtle: 0.5 s for 25,000 triples, a single page of 100 datasets). These
writers take the triples of one page, grouped by subject, and emit a fragment that can be
concatenated with the next page's: the header (prefixes, ``<rdf:RDF>``, the JSON-LD ``@context``)
is written once by :meth:`Writer.begin`, so a 10,000-dataset catalog streams with flat memory.
Terms are the light values of :mod:`vocab.rdf_terms` (rdflib terms are accepted and converted);
the text of each is computed once and cached. Escaping follows the four grammars and every
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

from rdflib import Graph

from vocab.namespaces import PREFIXES
from vocab.rdf_buffer import TripleBuffer, TripleSink
from vocab.rdf_iris import RDF_TYPE
from vocab.rdf_terms import Blank, Iri, Lit, Term, from_rdflib

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
_RDF_TYPE = str(RDF_TYPE)


def _string(value: str) -> str:
    return '"' + value.translate(_ESCAPES) + '"'


def _iriref(value: str) -> str:
    if _IRI_UNSAFE.search(value):
        value = quote(value, safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{value}>"


def _bnode_id(node: str) -> str:
    return "b" + _BNODE_UNSAFE.sub("_", node)


class _Names:
    """Prefixed names for IRIs, cached: the same few predicates recur on every line."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so dcat: never shadows a longer namespace that starts like it.
        self.prefixes = sorted(((str(ns), p) for p, ns in prefixes.items()), key=lambda i: -len(i[0]))
        self._ttl: dict[str, str | None] = {}
        self._xml: dict[str, tuple[str, str] | None] = {}
        every_namespace_ends_a_path = all(ns.endswith(("/", "#")) for ns, _ in self.prefixes)
        self._by_namespace = dict(reversed(self.prefixes)) if every_namespace_ends_a_path else None

    def _split(self, value: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
        if self._by_namespace is not None:
            # A local name has no '/' or '#', so the namespace ends at the last one: one look-up
            # instead of trying every prefix on each of a page's (mostly unique) IRIs.
            end = max(value.rfind("/"), value.rfind("#")) + 1
            prefix = self._by_namespace.get(value[:end])
            local = value[end:]
            return (prefix, local) if prefix is not None and pattern.fullmatch(local) else None
        for namespace, prefix in self.prefixes:
            if value.startswith(namespace):
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
"""Terms remembered per writer. Most IRIs and texts of a page are unique (datasets, fields), so a
cache is emptied when full: a 10,000-dataset export must not keep every term it wrote."""


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
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
    """Turtle, one subject block per node; each term's text is computed once and cached, so the
    predicates, concepts, agents, flags and datatypes that repeat cost a dictionary look-up."""

    fmt = FORMATS["ttl"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes
        self._terms: dict[Term, str] = {}

    def begin(self) -> str:
        lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in self.prefixes.items()]
        return "\n".join(lines) + "\n\n"

    def term(self, node: Term) -> str:
        found = self._terms.get(node)
        if found is None:
            found = self._term(from_rdflib(node))
            _remember(self._terms, node, found)
        return found

    def _term(self, node: Term) -> str:
        if type(node) is Lit:
            lexical, language, datatype = node
            if language:
                return f"{_string(lexical)}@{language}"
            if datatype:
                return f"{_string(lexical)}^^{self.iri(datatype)}"
            return _string(lexical)
        if type(node) is Blank:
            return "_:" + _bnode_id(node)
        return self.iri(node)  # type: ignore[arg-type]

    def iri(self, value: str) -> str:
        return self.names.turtle(value) or _iriref(value)

    def write(self, triples: TripleBuffer) -> str:
        term = self.term
        out: list[str] = []
        for subject, predicates in triples.subjects():
            parts = [
                ("a " if predicate == _RDF_TYPE else term(predicate) + " ") + ", ".join(map(term, objects))
                for predicate, objects in predicates.items()
            ]
            out.append(term(subject) + " " + " ;\n    ".join(parts) + " .\n\n")
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
        out: list[str] = []
        for subject, predicates in triples.subjects():
            head = term(subject) + " "
            for predicate, objects in predicates.items():
                start = head + term(predicate) + " "
                out.extend(start + term(obj) + " .\n" for obj in objects)
        return "".join(out)


class RdfXmlWriter:
    fmt = FORMATS["rdf"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes
        self._objects: dict[Term, tuple[str, str | None]] = {}
        self._elements: dict[Term, str] = {}

    def begin(self) -> str:
        declarations = "".join(f'\n   xmlns:{p}="{_attr(str(ns))}"' for p, ns in self.prefixes.items())
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}\n>\n'

    def element(self, predicate: Term) -> str:
        found = self._elements.get(predicate)
        if found is None:
            name = self.names.xml(str(predicate))
            if name is None:
                raise ValueError(f"RDF/XML needs a declared prefix for the predicate {predicate}")
            found = self._elements[predicate] = f"{name[0]}:{name[1]}"
        return found

    def write(self, triples: TripleBuffer) -> str:
        out: list[str] = []
        append = out.append
        objects_of = self._objects
        for node, predicates in triples.subjects():
            subject = from_rdflib(node)
            if type(subject) is Blank:
                append(f'  <rdf:Description rdf:nodeID="{_bnode_id(subject)}">\n')
            else:
                append(f'  <rdf:Description rdf:about="{_attr(str(subject))}">\n')
            for predicate, objects in predicates.items():
                element = self.element(predicate)
                for obj in objects:
                    found = objects_of.get(obj)
                    if found is None:
                        found = self.property(from_rdflib(obj))
                        _remember(objects_of, obj, found)
                    head, body = found
                    if body is None:
                        append(f"    <{element}{head}/>\n")
                    else:
                        append(f"    <{element}{head}>{body}</{element}>\n")
            append("  </rdf:Description>\n")
        return "".join(out)

    @staticmethod
    def property(obj: Term) -> tuple[str, str | None]:
        """The attributes of a property element and its text (None: an empty element)."""
        if type(obj) is Blank:
            return f' rdf:nodeID="{_bnode_id(obj)}"', None
        if type(obj) is not Lit:
            return f' rdf:resource="{_attr(str(obj))}"', None
        lexical, language, datatype = obj
        if language:
            attributes = f' xml:lang="{language}"'
        elif datatype:
            attributes = f' rdf:datatype="{_attr(datatype)}"'
        else:
            attributes = ""
        return attributes, _xml_text(lexical)

    def end(self) -> str:
        return "</rdf:RDF>\n"


class JsonLdWriter:
    """JSON-LD as one ``@graph`` of flat node objects with one inlined ``@context``.

    The context only declares prefixes (never a remote URL: harvesters have been broken by dead
    remote contexts, udata URIS_TO_REPLACE); ``@id`` values are always absolute IRIs. Node objects
    are assembled from cached JSON texts of their keys and values, not ``json.dumps`` per node.
    """

    fmt = FORMATS["jsonld"]

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = _Names(prefixes)
        self.prefixes = prefixes
        self.first = True
        self._values: dict[Term, str] = {}
        self._keys: dict[Term, str] = {}

    def begin(self) -> str:
        context = {prefix: str(namespace) for prefix, namespace in self.prefixes.items()}
        return '{\n"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n"@graph": [\n'

    def key(self, value: str) -> str:
        return self.names.turtle(value) or value

    def _key(self, predicate: Term) -> str:
        found = self._keys.get(predicate)
        if found is None:
            found = self._keys[predicate] = _json(self.key(str(predicate)))
        return found

    def value(self, node: Term) -> str:
        found = self._values.get(node)
        if found is None:
            found = self._value(from_rdflib(node))
            _remember(self._values, node, found)
        return found

    def _value(self, node: Term) -> str:
        if type(node) is Lit:
            lexical, language, datatype = node
            if language:
                return '{"@value": ' + _json(lexical) + ', "@language": ' + _json(language) + "}"
            if datatype:
                return '{"@value": ' + _json(lexical) + ', "@type": ' + _json(self.key(datatype)) + "}"
            return '{"@value": ' + _json(lexical) + "}"
        return '{"@id": ' + _json(_node_id(node)) + "}"

    def write(self, triples: TripleBuffer) -> str:
        out: list[str] = []
        value = self.value
        for subject, predicates in triples.subjects():
            parts = ['{"@id": ' + _json(_node_id(from_rdflib(subject)))]
            for predicate, objects in predicates.items():
                if predicate == _RDF_TYPE and all(type(from_rdflib(o)) is Iri for o in objects):
                    types = ", ".join(_json(self.key(str(o))) for o in objects)
                    parts.append('"@type": [' + types + "]")
                else:
                    parts.append(self._key(predicate) + ": [" + ", ".join(map(value, objects)) + "]")
            separator = "" if self.first else ",\n"
            self.first = False
            out.append(separator + ", ".join(parts) + "}")
        return "".join(out)

    def end(self) -> str:
        return "\n]\n}\n"


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _node_id(node: Term) -> str:
    return "_:" + _bnode_id(node) if type(node) is Blank else str(node)


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

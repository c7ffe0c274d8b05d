"""Safe RDF terms: the only way the mappers build literals and IRIs.

Harvesters have died on one hidden control character (udata#2560), on IRIs with spaces
(data.gouv.fr#1437) and on dates with microseconds or no time zone (dkan#2688). Every literal and
IRI the catalog publishes goes through these helpers, so those mistakes cannot reach a document.

The terms are light values, not rdflib's: an :class:`Iri` is a ``str`` (its hash and equality), a
:class:`Lit` a tuple ``(lexical, lang, datatype)`` and a :class:`Blank` a ``str`` holding a blank
node's id. rdflib checks, casts and re-parses every ``URIRef``/``Literal`` it builds, which cost a
fifth of a catalog page; these helpers already made the value safe, so nothing is left to check.
The writers (vocab.rdf_writers) turn each into text once and cache it; rdflib terms appear only at
the boundaries (:func:`to_rdflib` for the SHACL gate and the tests; harvesting parses with rdflib).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Generic, NamedTuple, TypeVar, overload
from urllib.parse import quote, urlsplit

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DefinedNamespace
from rdflib.term import Node

__all__ = [
    "Blank",
    "Iri",
    "Lit",
    "Term",
    "as_date",
    "as_datetime",
    "clean_text",
    "from_rdflib",
    "given",
    "iri",
    "plain",
    "text",
    "to_rdflib",
    "typed",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = _XSD + "string"
XSD_DATE = _XSD + "date"
XSD_DATETIME = _XSD + "dateTime"


class Iri(str):
    """An absolute IRI, already safe (made by :func:`iri`, a namespace or :class:`vocab.dcat.Uris`)."""

    __slots__ = ()


class Blank(str):
    """A blank node, by its id (letters and digits only, so never equal to an :class:`Iri`)."""

    __slots__ = ()

    @classmethod
    def new(cls) -> Blank:
        """A fresh id; it starts with a letter, as an XML name must (rdflib's RDF/XML writes ids raw)."""
        return cls("b" + uuid.uuid4().hex)


class Lit(NamedTuple):
    """A literal: its lexical form, its language tag or its datatype IRI (never both)."""

    lexical: str
    lang: str | None = None
    datatype: str | None = None


Term = Iri | Lit | Blank
"""What the publishing path puts into a :class:`vocab.rdf_buffer.TripleBuffer`."""

# Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters that may not appear raw in an IRI (RFC 3987) and that rdflib warns about.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_IRI_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~-._"
_SCHEMES = ("http", "https", "mailto", "tel", "urn")


def clean_text(value: str) -> str:
    """NFC-normalised text without the characters XML 1.0 forbids (kept out of every format)."""
    return _XML_ILLEGAL.sub("", unicodedata.normalize("NFC", value)).strip()


def text(value: str | None, lang: str) -> Lit | None:
    """A language-tagged literal (every free text goes out tagged ``@vi`` or ``@en``); None if empty."""
    if value is None:
        return None
    cleaned = clean_text(value)
    return Lit(cleaned, lang) if cleaned else None


def plain(value: object) -> Lit | None:
    """An untagged string for codes and identifiers, which are not in any language."""
    if value is None:
        return None
    cleaned = clean_text(str(value))
    return Lit(cleaned) if cleaned else None


def given(value: str) -> Lit:
    """An untagged string as a source gave it (harvested values republished), only without the
    characters XML 1.0 forbids: no normalising or stripping, so it reads back as it came."""
    return Lit(_XML_ILLEGAL.sub("", value))


@functools.lru_cache(maxsize=4096)
def typed(value: object, datatype: str) -> Lit:
    """A literal with an explicit datatype (xsd:string is no datatype: RDF 1.1 plain literals).
    Cached: the same positions, sizes and flags recur on every field, and one object per value
    lets the writers find its text by identity."""
    kind = None if datatype == XSD_STRING else str(datatype)
    return Lit(clean_text(str(value)), None, kind)


@overload
def as_date(value: date) -> Lit: ...
@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: date | None) -> Lit | None: ...
def as_date(value: date | None) -> Lit | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return Lit(value.isoformat(), None, XSD_DATE)


def as_datetime(value: datetime | None) -> Lit | None:
    """xsd:dateTime in UTC, to the second, with its zone: the form every harvester accepts."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp = value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Lit(stamp, None, XSD_DATETIME)


def iri(value: str | None) -> Iri | None:
    """An absolute IRI from stored text, percent-encoding what an IRI may not contain raw.

    Returns None for anything that is not an absolute http(s)/mailto/tel/urn reference (a
    relative link would resolve to ``file:///`` in some parsers, data.gouv.fr#1102), so a bad
    value drops one triple instead of breaking the whole document.
    """
    if not value:
        return None
    candidate = clean_text(value)
    scheme = urlsplit(candidate).scheme.lower() if ":" in candidate else ""
    if scheme not in _SCHEMES:
        return None
    if scheme in ("http", "https") and not urlsplit(candidate).netloc:
        return None
    if _IRI_UNSAFE.search(candidate):
        # Encodes spaces, quotes, braces (and, as UTF-8, any non-ASCII letter); keeps delimiters
        # and existing %-escapes, so an already valid IRI never changes.
        candidate = quote(candidate, safe=_IRI_SAFE_CHARS)
    return Iri(candidate)


def to_rdflib(term: Term | Node) -> Node:
    """The rdflib term of a light one (rdflib terms pass through): the adapter's only rule."""
    if isinstance(term, Lit):
        lexical, lang, datatype = term
        return Literal(lexical, lang=lang, datatype=URIRef(datatype) if datatype else None)
    if isinstance(term, Blank):
        return BNode(str(term))
    if isinstance(term, Iri):
        return URIRef(str(term))
    return term


def from_rdflib(node: Node | Term) -> Term:
    """The light term of an rdflib one (a parsed graph, a vocabulary) for the writers."""
    if isinstance(node, (Iri, Lit, Blank)):
        return node
    if isinstance(node, Literal):
        datatype = None if node.language or node.datatype is None else str(node.datatype)
        return Lit(str(node), node.language, None if datatype == XSD_STRING else datatype)
    if isinstance(node, BNode):
        return Blank(re.sub(r"[^A-Za-z0-9]", "", str(node)) or Blank.new())
    return Iri(str(node))


T = TypeVar("T", URIRef, Iri)


class FastNamespace(Generic[T]):
    """Terms of a namespace as attributes, each built once.

    rdflib's ``Namespace`` builds (and validates) a new ``URIRef`` on every attribute access — 40,000
    times for one catalog page — and, being a ``str``, answers ``DCT.format`` with ``str.format``.
    This wrapper caches each term on first use (then it is a plain attribute) and has no string
    methods to collide with. ``term`` makes the terms: ``URIRef`` for reading graphs (harvesting),
    :class:`Iri` for publishing (vocab.rdf_iris).
    """

    def __init__(self, namespace: str | type[DefinedNamespace], term: Callable[[str], T]) -> None:
        self._namespace = str(namespace)
        self._term: Callable[[str], T] = term

    def __getattr__(self, name: str) -> T:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._term(self._namespace + name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> T:
        return getattr(self, name)

    def __str__(self) -> str:
        return self._namespace

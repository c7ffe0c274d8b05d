"""Safe RDF terms: the only way the mappers build literals and IRIs.

Harvesters have died on one hidden control character (udata#2560), on IRIs with spaces
(data.gouv.fr#1437) and on dates with microseconds or no time zone (dkan#2688). Every literal and
IRI the catalog publishes goes through these helpers, so those mistakes cannot reach a document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import overload
from urllib.parse import quote, urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import XSD, DefinedNamespace

__all__ = ["as_date", "as_datetime", "clean_text", "iri", "plain", "text", "typed"]

# Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters that may not appear raw in an IRI (RFC 3987) and that rdflib warns about.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_IRI_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~-._"
_SCHEMES = ("http", "https", "mailto", "tel", "urn")


def clean_text(value: str) -> str:
    """NFC-normalised text without the characters XML 1.0 forbids (kept out of every format)."""
    return _XML_ILLEGAL.sub("", unicodedata.normalize("NFC", value)).strip()


def text(value: str | None, lang: str) -> Literal | None:
    """A language-tagged literal (every free text goes out tagged ``@vi`` or ``@en``); None if empty."""
    if value is None:
        return None
    cleaned = clean_text(value)
    return Literal(cleaned, lang=lang) if cleaned else None


def plain(value: object) -> Literal | None:
    """An untagged string for codes and identifiers, which are not in any language."""
    if value is None:
        return None
    cleaned = clean_text(str(value))
    return Literal(cleaned) if cleaned else None


@functools.lru_cache(maxsize=4096)
def typed(value: object, datatype: URIRef) -> Literal:
    """A literal with an explicit datatype. Cached: the same positions, sizes and flags recur on
    every field, and building an rdflib Literal is slow (it parses the value back)."""
    return Literal(clean_text(str(value)), datatype=datatype)


@overload
def as_date(value: date) -> Literal: ...
@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: date | None) -> Literal | None: ...
def as_date(value: date | None) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return Literal(value.isoformat(), datatype=XSD.date)


def as_datetime(value: datetime | None) -> Literal | None:
    """xsd:dateTime in UTC, to the second, with its zone: the form every harvester accepts."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp = value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Literal(stamp, datatype=XSD.dateTime)


def iri(value: str | None) -> URIRef | None:
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
    return URIRef(candidate)


class FastNamespace:
    """Terms of a namespace as attributes, each built once.

    rdflib's ``Namespace`` builds (and validates) a new ``URIRef`` on every attribute access — 40,000
    times for one catalog page — and, being a ``str``, answers ``DCT.format`` with ``str.format``.
    This wrapper caches each term on first use and has no string methods to collide with.
    """

    def __init__(self, namespace: str | type[DefinedNamespace]) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = URIRef(self._namespace + name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)

    def __str__(self) -> str:
        return self._namespace

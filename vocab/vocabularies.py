"""The vocabularies in memory: immutable concepts and schemes, and the look-ups over them.

:mod:`vocab.skos` reads them from the SKOS files; :class:`Vocabularies` implements
:class:`dictionary.ports.ConceptLookup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from rdflib import Graph

from vocab.namespaces import SKOS, bind_prefixes

ADMIN_UNITS = "admin-units"
"""Pseudo-scheme accepted by :meth:`Vocabularies.resolve`: a unit of any ``admin-units-*`` list."""

SCHEMES = "schemes"
"""Pseudo-scheme accepted by :meth:`Vocabularies.resolve`: the URI or id of any scheme."""

FALLBACK_LANGUAGES = ("vi", "en")
"""Label languages tried, in order, when the requested one is missing."""


class VocabularyError(ValueError):
    """A vocabulary file breaks a rule the loader relies on; the catalog must not start with it."""


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, kw_only=True)
class Concept:
    """One SKOS concept. ``labels`` and ``definitions`` are keyed by language tag (``vi``, ``en``…)."""

    uri: str
    scheme: str
    code: str
    labels: Mapping[str, str] = field(default_factory=_empty, hash=False)
    definitions: Mapping[str, str] = field(default_factory=_empty, hash=False)
    broader: tuple[str, ...] = ()
    exact_matches: tuple[str, ...] = ()
    close_matches: tuple[str, ...] = ()
    broad_matches: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    period: timedelta | None = None
    rank: int | None = None
    xsd_type: str | None = None
    deprecated: bool = False
    valid_from: date | None = None
    valid_to: date | None = None

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang``, else Vietnamese, else English, else any, else the code."""
        return _pick(self.labels, lang) or self.code


@dataclass(frozen=True, kw_only=True)
class ConceptScheme:
    """A concept scheme with its concepts in display order."""

    uri: str
    id: str
    titles: Mapping[str, str] = field(default_factory=_empty, hash=False)
    descriptions: Mapping[str, str] = field(default_factory=_empty, hash=False)
    concepts: tuple[Concept, ...] = ()
    version: str | None = None
    external: bool = False
    """True for the EU tables: published by someone else, we only mirror them."""

    def title(self, lang: str = "vi") -> str:
        return _pick(self.titles, lang) or self.id


class Vocabularies:
    """Every scheme, indexed for look-ups; implements :class:`dictionary.ports.ConceptLookup`."""

    def __init__(self, schemes: Iterable[ConceptScheme], graphs: Mapping[str, Graph]) -> None:
        self._schemes: dict[str, ConceptScheme] = {}
        self._scheme_uris: dict[str, str] = {}
        self._concepts: dict[str, Concept] = {}
        self._codes: dict[str, dict[str, str]] = {}
        self._graphs = graphs  # not copied: it may parse each graph on first use (vocab.skos)
        for scheme in schemes:
            if scheme.id in self._schemes or scheme.uri in self._scheme_uris:
                raise VocabularyError(f"scheme {scheme.id} ({scheme.uri}) is defined twice")
            self._schemes[scheme.id] = scheme
            self._scheme_uris[scheme.uri] = scheme.id
            codes = self._codes[scheme.id] = {}
            for concept in scheme.concepts:
                key = concept.code.casefold()
                if key in codes:
                    raise VocabularyError(f"{scheme.id}: code {concept.code} is used twice")
                if concept.uri in self._concepts:
                    raise VocabularyError(f"{concept.uri} is in two schemes")
                codes[key] = concept.uri
                self._concepts[concept.uri] = concept
        self._admin_ids = tuple(sid for sid in self._schemes if sid.startswith(ADMIN_UNITS + "-"))
        # DCAT harvests carry EU frequency URIs; they share the period of the concept mapped to them.
        self._eu_periods = {
            match: concept.period
            for concept in self.concepts("frequencies")
            if concept.period is not None
            for match in concept.exact_matches
        }

    # -- ConceptLookup -------------------------------------------------------------------------

    def resolve(self, scheme: str, value: str) -> str | None:
        """The concept URI for ``value`` (a URI or a code, any case) in ``scheme``, or None.

        ``admin-units`` accepts a unit URI of any version of the list, or ``<scheme-id>/<code>``
        such as ``admin-units-2025/24611``; a bare code is refused there because one code can name
        different units in different versions. ``schemes`` accepts a scheme URI or id and
        returns the scheme URI.
        """
        value = value.strip()
        if not value:
            return None
        if scheme == SCHEMES:
            return self._resolve_scheme(value)
        scheme_ids = self._admin_ids if scheme == ADMIN_UNITS else (scheme,)
        concept = self._concepts.get(value)
        if concept is not None:
            return concept.uri if concept.scheme in scheme_ids else None
        if scheme == ADMIN_UNITS:
            version, _, value = value.rpartition("/")
            scheme_ids = (version,) if version in self._admin_ids else ()
        for scheme_id in scheme_ids:
            uri = self._codes.get(scheme_id, {}).get(value.casefold())
            if uri is not None:
                return uri
        return None

    def label(self, uri: str, lang: str = "vi") -> str | None:
        """The preferred label of a concept (or the title of a scheme), falling back to Vietnamese."""
        concept = self._concepts.get(uri)
        if concept is not None:
            return concept.label(lang)
        scheme_id = self._scheme_uris.get(uri)
        return self._schemes[scheme_id].title(lang) if scheme_id else None

    def update_period(self, frequency_uri: str) -> timedelta | None:
        """How long data of this frequency stays current; None for irregular, never or unknown.

        Accepts our frequency concepts and the EU frequencies they map to exactly.
        """
        concept = self._concepts.get(frequency_uri)
        if concept is not None and concept.period is not None:
            return concept.period
        return self._eu_periods.get(frequency_uri)

    # -- helpers -------------------------------------------------------------------------------

    def schemes(self) -> tuple[ConceptScheme, ...]:
        """The province's schemes (by id), then the EU tables."""
        return tuple(self._schemes.values())

    def scheme(self, scheme_id: str) -> ConceptScheme | None:
        return self._schemes.get(scheme_id)

    def concept(self, uri: str) -> Concept | None:
        return self._concepts.get(uri)

    def concepts(self, scheme_id: str) -> tuple[Concept, ...]:
        """The concepts of a scheme in display order; ``admin-units`` gives every version's units."""
        if scheme_id == ADMIN_UNITS:
            return tuple(c for sid in self._admin_ids for c in self._schemes[sid].concepts)
        scheme = self._schemes.get(scheme_id)
        return scheme.concepts if scheme else ()

    def graph_of(self, scheme_id: str) -> Graph | None:
        """A fresh graph of one scheme for publication (the caller may change it), or None."""
        source = self._graphs.get(scheme_id)
        if source is None:
            return None
        graph = bind_prefixes(Graph(bind_namespaces="core"))
        graph += source
        # The files state skos:topConceptOf only; publish the inverse too, as SKOS browsers expect.
        for concept, scheme in source.subject_objects(SKOS.topConceptOf):
            graph.add((scheme, SKOS.hasTopConcept, concept))
        return graph

    def _resolve_scheme(self, value: str) -> str | None:
        if value in self._scheme_uris:
            return value
        scheme = self._schemes.get(value) or self._schemes.get(value.casefold())
        return scheme.uri if scheme else None


def _pick(values: Mapping[str, str], lang: str) -> str | None:
    for candidate in (lang, *FALLBACK_LANGUAGES):
        if candidate in values:
            return values[candidate]
    return next(iter(values.values()), None)

"""The concepts a DCAT document points at, described inside the document itself.

Validators check the class of every object (``range.ttl``: a licence must be a
``dct:LicenseDocument``, a frequency a ``dct:Frequency``…) and harvesters show labels, but neither
dereferences URIs (ckanext-dcat#30). So every concept an export references goes out with its types,
``skos:prefLabel`` (SHACL requires one on every ``skos:Concept``) and ``skos:inScheme``.
Descriptions are computed once per concept and cached: a page repeats the same few hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from vocab.rdf_iris import DCAT, DCT, EU, SKOS
from vocab.rdf_terms import Iri, Term, plain, text
from vocab.rdf_writers import TripleBuffer, TripleSink
from vocab.vocabularies import Vocabularies

RDF_TYPE = Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MEMO_LIMIT = 20_000
"""Descriptions kept by :meth:`Terms.replay` before the memo starts again (agencies, standards)."""

EU_THEMES = str(EU["data-theme"])
EU_FREQUENCIES = str(EU["frequency"])
EU_LANGUAGE = EU["language"]
VIETNAMESE = EU["language/VIE"]
ENGLISH = EU["language/ENG"]
STABLE = EU["planned-availability/STABLE"]
PUBLIC = EU["access-right/PUBLIC"]
IANA = "https://www.iana.org/assignments/media-types/"

PUBLISHER_TYPES = Iri("http://purl.org/adms/publishertype/1.0")
LICENCE_TYPES = Iri("http://purl.org/adms/licencetype/1.0")

# Concepts of tables the catalog does not ship (planned availability) or ships only for the
# validator (ADMS, vocab/shapes/ADMS_SKOS_v1.00.rdf): their labels, as the tables give them.
_EXTERNAL_LABELS: dict[str, str] = {
    str(STABLE): "stable",
    str(EU["planned-availability"]): "Planned availability",
    "http://purl.org/adms/publishertype/NationalAuthority": "National authority",
    "http://purl.org/adms/publishertype/RegionalAuthority": "Regional authority",
    "http://purl.org/adms/publishertype/LocalAuthority": "Local authority",
    "http://purl.org/adms/licencetype/Attribution": "Attribution",
    "http://purl.org/adms/licencetype/PublicDomain": "Public domain",
    "http://purl.org/adms/licencetype/ViralEffect-ShareAlike": "Viral effect (a.k.a. Share-alike)",
    "http://purl.org/adms/licencetype/NonCommercialUseOnly": "Non-commercial use only",
    "http://purl.org/adms/licencetype/NoDerivativeWork": "No derivative work",
}

# Agency level (scheme agency-levels) → ADMS publisher type, the dct:type DCAT-AP recommends.
PUBLISHER_TYPE_OF_LEVEL = {
    "TRUNG_UONG": "NationalAuthority",
    "NGANH_DOC": "NationalAuthority",  # provincial branches of central ministries
    "TINH": "RegionalAuthority",
    "SO_NGANH": "RegionalAuthority",
    "HUYEN": "LocalAuthority",
    "XA": "LocalAuthority",
}


def licence_types(code: str) -> tuple[str, ...]:
    """ADMS licence types of an EU licence code (CC_BY_4_0 → Attribution), from its CC elements."""
    if code in ("CC0", "ODC_PDDL"):
        return ("PublicDomain",)
    if not code.startswith(("CC_BY", "ODC_BY", "ODC_BL")):
        return ()
    elements = code.removeprefix("CC_").split("_")[0]
    kinds = ["Attribution"]
    if "SA" in elements or code == "ODC_BL":
        kinds.append("ViralEffect-ShareAlike")
    if "NC" in elements:
        kinds.append("NonCommercialUseOnly")
    if "ND" in elements:
        kinds.append("NoDerivativeWork")
    return tuple(kinds)


class Terms:
    """Describes referenced concepts into a sink; one instance serves many pages."""

    def __init__(self, vocabularies: Vocabularies) -> None:
        self.vocabularies = vocabularies
        self._cache: dict[tuple[str, tuple[Iri, ...]], tuple[tuple[Term, Term, Term], ...]] = {}
        self._memo: dict[Hashable, tuple[Iri, tuple[tuple[Term, Term, Term], ...]]] = {}
        # Our concepts by the EU concept they match exactly, for Vietnamese labels of EU themes.
        self._ours_by_eu: dict[str, str] = {}
        for scheme in vocabularies.schemes():
            if scheme.external:
                continue
            for concept in scheme.concepts:
                for match in concept.exact_matches:
                    self._ours_by_eu.setdefault(match, concept.uri)
        # EU licences by the URLs they match exactly (Creative Commons, ISA…), as sources cite them.
        self._eu_licence_by_url = {
            _comparable(match): concept.uri
            for concept in vocabularies.concepts("eu-licences")
            for match in concept.exact_matches
        }

    def replay(self, sink: TripleSink, key: Hashable, build: Callable[[TripleSink], Iri]) -> Iri:
        """Add the triples ``build`` writes for ``key``, building them only the first time.

        For registry records repeated on every page (agencies, standards): the key must change
        whenever the record does (its lock version), so a memo can never serve a stale description.
        """
        found = self._memo.get(key)
        if found is not None and isinstance(sink, TripleBuffer):
            if key in sink.described:
                return found[0]
            sink.described.add(key)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            buffer = TripleBuffer()
            node = build(buffer)
            found = self._memo[key] = (node, tuple(buffer))
        node, triples = found
        for triple in triples:
            sink.add(triple)
        return node

    # Look-ups ---------------------------------------------------------------------------------

    def eu_match(self, uri: str | None, table: str) -> Iri | None:
        """The EU concept of table ``table`` (e.g. ``data-theme``) that ``uri`` maps to, or ``uri``
        itself when it already is one."""
        if not uri:
            return None
        prefix = f"{EU}{table}/"
        if uri.startswith(prefix):
            return Iri(uri)
        concept = self.vocabularies.concept(uri)
        if concept is None:
            return None
        return next((Iri(m) for m in concept.exact_matches if m.startswith(prefix)), None)

    def ours_for_eu(self, eu_uri: str) -> str | None:
        """Our concept that maps exactly to an EU concept (harvesting reads EU themes back)."""
        return self._ours_by_eu.get(eu_uri)

    def eu_licence_for(self, url: str) -> str | None:
        """The EU licence whose exact match is ``url`` (http or https, with or without a final /)."""
        return self._eu_licence_by_url.get(_comparable(url))

    def code(self, uri: str | None) -> str | None:
        concept = self.vocabularies.concept(uri) if uri else None
        return concept.code if concept else None

    # Descriptions -----------------------------------------------------------------------------

    def describe(self, sink: TripleSink, uri: str | Iri, *classes: Iri) -> Iri:
        """Add ``uri a skos:Concept, classes…`` with its labels and scheme; returns the Iri."""
        node = Iri(str(uri))
        key = (str(uri), classes)
        if isinstance(sink, TripleBuffer):
            if key in sink.described:
                return node  # already written into this page
            sink.described.add(key)
        triples = self._cache.get(key)
        if triples is None:
            triples = self._cache[key] = tuple(self._description(node, classes))
        for triple in triples:
            sink.add(triple)
        return node

    def _description(self, node: Iri, classes: tuple[Iri, ...]) -> list[tuple[Term, Term, Term]]:
        out: list[tuple[Term, Term, Term]] = [(node, RDF_TYPE, SKOS.Concept)]
        out += [(node, RDF_TYPE, cls) for cls in classes]
        concept = self.vocabularies.concept(str(node))
        if concept is not None:
            labels = dict(concept.labels)
            ours = self._ours_by_eu.get(concept.uri)
            if ours and "vi" not in labels:
                # Our scheme's Vietnamese label of the same concept (skos:exactMatch).
                labels["vi"] = self.vocabularies.label(ours, "vi") or ""
            for lang in ("vi", "en"):
                literal = text(labels.get(lang), lang)
                if literal is not None:
                    out.append((node, SKOS.prefLabel, literal))
            if not any(lang in labels for lang in ("vi", "en")):
                fallback = text(concept.label("en"), "en") or plain(concept.code)
                if fallback is not None:
                    out.append((node, SKOS.prefLabel, fallback))
            scheme = self.vocabularies.scheme(concept.scheme)
            if scheme is not None:
                out.append((node, SKOS.inScheme, Iri(scheme.uri)))
            code = plain(concept.code)
            if code is not None and not scheme_is_external(scheme):
                out.append((node, SKOS.notation, code))
            return out
        label = _EXTERNAL_LABELS.get(str(node)) or str(node).rstrip("/").rsplit("/", 1)[-1]
        literal = text(label, "en")
        if literal is not None:
            out.append((node, SKOS.prefLabel, literal))
        scheme_uri = _external_scheme(str(node))
        if scheme_uri is not None:
            out.append((node, SKOS.inScheme, scheme_uri))
        return out

    def scheme(self, sink: TripleSink, uri: str | Iri) -> Iri:
        """A concept scheme with its ``dct:title`` (mandatory for ``skos:ConceptScheme``)."""
        node = Iri(str(uri))
        sink.add((node, RDF_TYPE, SKOS.ConceptScheme))
        titles = {"en": _EXTERNAL_LABELS.get(str(node))}
        for scheme in self.vocabularies.schemes():
            if scheme.uri == str(node):
                titles = {"vi": scheme.titles.get("vi"), "en": scheme.titles.get("en")}
        for lang, title in titles.items():
            literal = text(title, lang)
            if literal is not None:
                sink.add((node, DCT.title, literal))
        return node

    # Shortcuts for the classes DCAT-AP's range shapes ask for ----------------------------------

    def theme(self, sink: TripleSink, uri: Iri) -> Iri:
        return self.describe(sink, uri)

    def frequency(self, sink: TripleSink, uri: Iri) -> Iri:
        return self.describe(sink, uri, DCT.Frequency)

    def access_rights(self, sink: TripleSink, uri: Iri) -> Iri:
        return self.describe(sink, uri, DCT.RightsStatement)

    def file_type(self, sink: TripleSink, uri: Iri) -> Iri:
        return self.describe(sink, uri, DCT.MediaTypeOrExtent)

    def language(self, sink: TripleSink, uri: Iri) -> Iri:
        return self.describe(sink, uri, DCT.LinguisticSystem)

    def availability(self, sink: TripleSink, uri: Iri = STABLE) -> Iri:
        return self.describe(sink, uri)

    def role(self, sink: TripleSink, uri: str) -> Iri:
        return self.describe(sink, uri, DCAT.Role)

    def licence(self, sink: TripleSink, uri: str) -> Iri:
        """A licence with its ADMS licence type(s), as DCAT-AP recommends for dct:LicenseDocument."""
        node = self.describe(sink, uri, DCT.LicenseDocument)
        code = self.code(uri) or str(uri).rsplit("/", 1)[-1]
        for kind in licence_types(code):
            sink.add((node, DCT.type, self.describe(sink, f"http://purl.org/adms/licencetype/{kind}")))
        return node

    def publisher_type(self, sink: TripleSink, level_uri: str | None) -> Iri | None:
        kind = PUBLISHER_TYPE_OF_LEVEL.get(self.code(level_uri) or "")
        return self.describe(sink, f"http://purl.org/adms/publishertype/{kind}") if kind else None

    @staticmethod
    def media_type(sink: TripleSink, media_type: str | None) -> Iri | None:
        """An IANA media-type URI (the form the DCAT-AP codelist check expects), typed."""
        if not media_type or "/" not in media_type or " " in media_type.strip():
            return None
        node = Iri(IANA + media_type.strip().lower())
        sink.add((node, RDF_TYPE, DCT.MediaType))
        return node


def _comparable(url: str) -> str:
    return url.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/")


def scheme_is_external(scheme: object) -> bool:
    return bool(getattr(scheme, "external", False))


def _external_scheme(uri: str) -> Iri | None:
    if uri.startswith("http://purl.org/adms/publishertype/"):
        return PUBLISHER_TYPES
    if uri.startswith("http://purl.org/adms/licencetype/"):
        return LICENCE_TYPES
    if uri.startswith(str(EU)):
        return Iri(uri.rsplit("/", 1)[0])
    return None


__all__ = ["ENGLISH", "PUBLIC", "STABLE", "VIETNAMESE", "Terms", "licence_types"]

"""Load the SKOS vocabularies into the objects of :mod:`vocab.vocabularies`.

Two sources, one model:

- the province's schemes, ``schemes/<scheme-id>.ttl``: one ``skos:ConceptScheme`` per file whose
  URI is ``https://data.lamdong.gov.vn/vocab/<scheme-id>``, concepts identified by ``skos:notation``;
- the EU authority tables in ``eu/`` (see ``eu/README.md``), exposed under the ids of
  :data:`EU_SCHEMES`, concepts identified by their authority code (``CSV``, ``CC_BY_4_0``).

Everything is parsed once per directory and cached (:func:`load_vocabularies`): the files ship
inside the package and never change while the process runs; between processes the parsed
schemes are kept on disk (:mod:`vocab.vocab_cache`).

Our own properties (namespace ``cat:``) used here: ``cat:updatePeriod`` (``xsd:duration``),
``cat:rank`` (order of sensitivity), ``cat:xsdType``, ``cat:validFrom`` / ``cat:validTo``
(``xsd:date``; ``validTo`` is the last day the concept applied) and ``cat:conceptOrder`` (an RDF
list on the scheme giving the display order; without it, concepts are ordered by code).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from vocab import vocab_cache
from vocab.namespaces import CAT, DCT, EU_ONTOLOGY, OWL, RDF, SKOS, VOCAB
from vocab.vocabularies import Concept, ConceptScheme, Vocabularies, VocabularyError

PACKAGE_DIR = Path(__file__).resolve().parent

EU_SCHEMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # scheme id: (file in eu/, Vietnamese title — the EU files have none)
        "eu-file-types": ("filetypes-skos.rdf", "Định dạng tệp (EU)"),
        "eu-licences": ("licences-skos.rdf", "Giấy phép (EU)"),
        "eu-access-rights": ("access-right-skos-ap-act.rdf", "Quyền truy cập (EU)"),
        "eu-themes": ("data-theme-skos.rdf", "Chủ đề dữ liệu (EU)"),
        "eu-frequencies": ("frequencies-skos.rdf", "Tần suất cập nhật (EU)"),
        "eu-languages": ("language.rdf", "Ngôn ngữ (EU)"),
    }
)

# Calendar periods become fixed day counts: a month is 1/12 of an average Gregorian year, rounded
# (P1M → 30 days, P3M → 91, P6M → 183, P1Y → 365). Freshness checks only need that precision.
_DAYS_PER_MONTH = 365.2425 / 12
_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)


def load_vocabularies(directory: Path | str | None = None, *, cache_dir: Path | None = None) -> Vocabularies:
    """All vocabularies under ``directory`` (default: this package), loaded once per directory.

    With ``cache_dir`` the parsed schemes are kept there between processes
    (:mod:`vocab.vocab_cache`, invalidated by the files' contents); the rdflib graphs, which only
    the publication of a scheme needs, are parsed on first use.
    """
    # Resolved so every spelling of a directory shares one entry; the default already is.
    root = Path(directory).resolve() if directory else PACKAGE_DIR
    with _LOCK:
        loaded = _LOADED.get(root)
        if loaded is None:
            loaded = _LOADED[root] = _load(root, cache_dir)
        return loaded


_LOADED: dict[Path, Vocabularies] = {}
_LOCK = threading.Lock()


def _load(directory: Path, cache_dir: Path | None) -> Vocabularies:
    files = sorted((directory / "schemes").glob("*.ttl"))
    if not files:
        raise VocabularyError(f"no scheme files in {directory / 'schemes'}")
    eu_files = {scheme_id: directory / "eu" / name for scheme_id, (name, _) in EU_SCHEMES.items()}
    for path in eu_files.values():
        if not path.is_file():
            raise VocabularyError(f"missing EU vocabulary {path}")
    sources = {path.stem: (path, "turtle") for path in files} | {
        scheme_id: (path, "xml") for scheme_id, path in eu_files.items()
    }
    cache = cache_dir / vocab_cache.CACHE_NAME if cache_dir is not None else None
    stamp = vocab_cache.fingerprint(directory, [path for path, _ in sources.values()]) if cache else ""
    schemes = vocab_cache.read_cache(cache, stamp) if cache else None
    if schemes is None:
        schemes = [read_scheme(path)[0] for path in files]
        schemes += [
            read_eu_scheme(eu_files[scheme_id], scheme_id, title_vi)[0]
            for scheme_id, (_, title_vi) in EU_SCHEMES.items()
        ]
        if cache is not None:
            vocab_cache.write_cache(cache, stamp, schemes)
    return Vocabularies(schemes, SourceGraphs(sources))


class SourceGraphs(Mapping[str, Graph]):
    """The graph of each scheme, parsed from its file the first time it is asked for."""

    def __init__(self, sources: Mapping[str, tuple[Path, str]]) -> None:
        self._sources = dict(sources)
        self._parsed: dict[str, Graph] = {}

    def __getitem__(self, scheme_id: str) -> Graph:
        graph = self._parsed.get(scheme_id)
        if graph is None:
            path, rdf_format = self._sources[scheme_id]
            # Two threads may both parse on a first use; either result is the same graph.
            graph = self._parsed[scheme_id] = Graph().parse(path, format=rdf_format)
        return graph

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def read_scheme(path: Path) -> tuple[ConceptScheme, Graph]:
    """Parse one of the province's Turtle files; its name (without ``.ttl``) is the scheme id."""
    scheme_id = path.stem
    graph = Graph().parse(path, format="turtle")
    uri = _only_scheme(graph, path)
    if uri != VOCAB[scheme_id]:
        raise VocabularyError(f"{path.name}: scheme URI {uri} should be {VOCAB[scheme_id]}")
    concepts = []
    for subject in graph.subjects(SKOS.inScheme, uri, unique=True):
        code = graph.value(subject, SKOS.notation)
        if code is None:
            raise VocabularyError(f"{path.name}: {subject} has no skos:notation")
        concepts.append(_concept(graph, subject, scheme_id, str(code)))
    scheme = ConceptScheme(
        uri=str(uri),
        id=scheme_id,
        titles=_by_language(graph, uri, DCT.title) or _by_language(graph, uri, SKOS.prefLabel),
        descriptions=_by_language(graph, uri, DCT.description),
        concepts=_ordered(graph, uri, concepts, path),
        version=_text(graph.value(uri, OWL.versionInfo)),
    )
    return scheme, graph


def read_eu_scheme(path: Path, scheme_id: str, title_vi: str) -> tuple[ConceptScheme, Graph]:
    """Parse one EU authority table (RDF/XML) as it comes from the Publications Office."""
    if not path.is_file():
        raise VocabularyError(f"missing EU vocabulary {path}")
    graph = Graph().parse(path, format="xml")
    uri = _only_scheme(graph, path)
    concepts = []
    for subject in graph.subjects(SKOS.inScheme, uri, unique=True):
        # The language table has no authority-code; its URIs end with the code in every table.
        code = graph.value(subject, EU_ONTOLOGY["authority-code"]) or str(subject).rsplit("/", 1)[-1]
        concepts.append(_concept(graph, subject, scheme_id, str(code)))
    titles = dict(_by_language(graph, uri, SKOS.prefLabel))
    titles.setdefault("vi", title_vi)
    scheme = ConceptScheme(
        uri=str(uri),
        id=scheme_id,
        titles=MappingProxyType(titles),
        concepts=_ordered(graph, uri, concepts, path),
        version=_text(graph.value(uri, OWL.versionInfo)),
        external=True,
    )
    return scheme, graph


def parse_duration(text: str) -> timedelta:
    """An ``xsd:duration`` as a timedelta, counting calendar months and years as average lengths."""
    found = _DURATION.fullmatch(text.strip())
    if found is None or text.strip() in {"P", "PT"}:
        raise ValueError(f"not a duration: {text!r}")
    part = {name: int(value or 0) for name, value in found.groupdict().items()}
    months = part["years"] * 12 + part["months"]
    return timedelta(
        days=round(months * _DAYS_PER_MONTH) + part["weeks"] * 7 + part["days"],
        hours=part["hours"],
        minutes=part["minutes"],
        seconds=part["seconds"],
    )


def _concept(graph: Graph, subject: Node, scheme_id: str, code: str) -> Concept:
    period = graph.value(subject, CAT.updatePeriod)
    rank = graph.value(subject, CAT.rank)
    deprecated = graph.value(subject, OWL.deprecated) or graph.value(subject, EU_ONTOLOGY.deprecated)
    return Concept(
        uri=str(subject),
        scheme=scheme_id,
        code=code,
        labels=_by_language(graph, subject, SKOS.prefLabel),
        definitions=_by_language(graph, subject, SKOS.definition),
        broader=_uris(graph, subject, SKOS.broader),
        exact_matches=_uris(graph, subject, SKOS.exactMatch),
        close_matches=_uris(graph, subject, SKOS.closeMatch),
        broad_matches=_uris(graph, subject, SKOS.broadMatch),
        replaced_by=_uris(graph, subject, DCT.isReplacedBy),
        period=parse_duration(str(period)) if period is not None else None,
        rank=int(rank) if isinstance(rank, Literal) else None,
        xsd_type=_text(graph.value(subject, CAT.xsdType)),
        deprecated=str(deprecated).lower() == "true",
        valid_from=_date(graph.value(subject, CAT.validFrom)),
        valid_to=_date(graph.value(subject, CAT.validTo)),
    )


def _only_scheme(graph: Graph, path: Path) -> URIRef:
    found = [s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise VocabularyError(f"{path.name}: expected one skos:ConceptScheme, found {len(found)}")
    return found[0]


def _ordered(graph: Graph, scheme: URIRef, concepts: list[Concept], path: Path) -> tuple[Concept, ...]:
    """Concepts in the order of the scheme's ``cat:conceptOrder`` list, the rest by code after."""
    by_uri = {concept.uri: concept for concept in concepts}
    listed: list[Concept] = []
    head = graph.value(scheme, CAT.conceptOrder)
    for item in Collection(graph, head) if head is not None else ():
        concept = by_uri.pop(str(item), None)
        if concept is None:
            raise VocabularyError(f"{path.name}: cat:conceptOrder lists {item}, not a concept of it")
        listed.append(concept)
    # Numeric codes (administrative units) sort by length first: provinces, districts, communes.
    rest = sorted(
        by_uri.values(),
        key=lambda c: (0, len(c.code), c.code) if c.code.isdigit() else (1, 0, c.code.casefold()),
    )
    return (*listed, *rest)


def _by_language(graph: Graph, subject: Node, predicate: URIRef) -> Mapping[str, str]:
    values: dict[str, str] = {}
    # Sorted so a (wrongly) repeated language gives the same answer on every run.
    literals = (o for o in graph.objects(subject, predicate) if isinstance(o, Literal))
    for literal in sorted(literals, key=lambda lit: (lit.language or "", str(lit))):
        values.setdefault(literal.language or "", str(literal))
    return MappingProxyType(values)


def _uris(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, URIRef)))


def _text(node: Node | None) -> str | None:
    return str(node) if node is not None else None


def _date(node: Node | None) -> date | None:
    if node is None:
        return None
    value = node.toPython() if isinstance(node, Literal) else None
    if not isinstance(value, date):
        raise VocabularyError(f"{node!r} is not an xsd:date")
    return value

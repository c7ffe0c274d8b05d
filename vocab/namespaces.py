"""Every RDF namespace the catalog uses, written once.

Python code takes namespace URIs from here (and the Turtle files declare the same ones as
prefixes), so a typo in a namespace cannot make two parts of the catalog disagree silently.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

from dictionary.concepts import VOCAB_NAMESPACE

__all__ = [
    "ADMS",
    "ADMS_STATUS",
    "CAT",
    "CSVW",
    "DCAT",
    "DCATAP",
    "DCT",
    "ELI",
    "EU",
    "EU_ONTOLOGY",
    "FOAF",
    "GSP",
    "HYDRA",
    "LOCN",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "SPDX",
    "VCARD",
    "VOCAB",
    "XSD",
    "bind_prefixes",
]

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
CSVW = Namespace("http://www.w3.org/ns/csvw#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
"""European Legislation Identifier ontology: ``eli:LegalResource`` for legal bases (DCAT-AP 3)."""
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("http://schema.org/")
"""Read only: DCAT-AP 1.x periods (schema:startDate / endDate) as many harvested sources write them."""
"""GeoSPARQL: ``gsp:wktLiteral`` for dcat:bbox and dcat:centroid."""

CAT = Namespace("https://data.lamdong.gov.vn/def/catalog#")
"""The province's own properties (architecture component, data layer, update period, rank…)."""

VOCAB = Namespace(VOCAB_NAMESPACE)
"""The province's concept schemes: ``VOCAB[f"{scheme}/{code}"]``."""

EU = Namespace("http://publications.europa.eu/resource/authority/")
"""EU Publications Office authority tables: ``EU["file-type/CSV"]``, ``EU["licence/CC_BY_4_0"]``."""

EU_ONTOLOGY = Namespace("http://publications.europa.eu/ontology/authority/")
"""Properties of the authority tables themselves (``authority-code``, ``deprecated``)."""

ADMS_STATUS = Namespace("http://purl.org/adms/status/")
"""ADMS 1.0 asset statuses (Completed, Deprecated, UnderDevelopment, Withdrawn)."""

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "dcat": DCAT,
    "dct": DCT,
    "dcatap": DCATAP,
    "skos": SKOS,
    "adms": ADMS,
    "vcard": VCARD,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "hydra": HYDRA,
    "spdx": SPDX,
    "xsd": XSD,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "csvw": CSVW,
    "locn": LOCN,
    "eli": ELI,
    "gsp": GSP,
    "cat": CAT,
    "vocab": VOCAB,
    "euauth": EU,
}
"""Prefixes bound in every graph the catalog publishes, so serialisations stay readable."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing rdflib's defaults for the same prefixes)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph

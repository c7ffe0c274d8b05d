"""The namespaces of :mod:`vocab.namespaces` as light :class:`vocab.rdf_terms.Iri` terms, for the
DCAT mappers (publishing). Each term is built once, then read as a plain attribute; the few the
writers test on every triple are module constants (``RDF_TYPE``). Same URIs as vocab.rdf_ns, which
keeps rdflib ``URIRef``s for reading graphs."""

from __future__ import annotations

from vocab import namespaces as ns
from vocab.rdf_terms import FastNamespace, Iri

ADMS = FastNamespace(ns.ADMS, Iri)
CAT = FastNamespace(ns.CAT, Iri)
CSVW = FastNamespace(ns.CSVW, Iri)
DCAT = FastNamespace(ns.DCAT, Iri)
DCATAP = FastNamespace(ns.DCATAP, Iri)
DCT = FastNamespace(ns.DCT, Iri)
ELI = FastNamespace(ns.ELI, Iri)
EU = FastNamespace(ns.EU, Iri)
FOAF = FastNamespace(ns.FOAF, Iri)
GSP = FastNamespace(ns.GSP, Iri)
HYDRA = FastNamespace(ns.HYDRA, Iri)
LOCN = FastNamespace(ns.LOCN, Iri)
ORG = FastNamespace(ns.ORG, Iri)
OWL = FastNamespace(ns.OWL, Iri)
PROV = FastNamespace(ns.PROV, Iri)
RDF = FastNamespace(ns.RDF, Iri)
SCHEMA = FastNamespace(ns.SCHEMA, Iri)
SKOS = FastNamespace(ns.SKOS, Iri)
VCARD = FastNamespace(ns.VCARD, Iri)
XSD = FastNamespace(ns.XSD, Iri)

RDF_TYPE = RDF.type
XSD_BOOLEAN = XSD.boolean
XSD_INTEGER = XSD.integer

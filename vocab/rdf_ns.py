"""The namespaces of :mod:`vocab.namespaces` as :class:`vocab.rdf_terms.FastNamespace` of rdflib
``URIRef``s, for reading graphs (harvesting, imports): ``DCT.title`` is a cached term here and
``DCT.format`` a term, not ``str.format``. Same URIs, one source: built from vocab.namespaces. The
publishing path uses the light :class:`~vocab.rdf_terms.Iri` terms of vocab.rdf_iris."""

from __future__ import annotations

from rdflib import URIRef

from vocab import namespaces as ns
from vocab.rdf_terms import FastNamespace

ADMS = FastNamespace(ns.ADMS, URIRef)
CAT = FastNamespace(ns.CAT, URIRef)
CSVW = FastNamespace(ns.CSVW, URIRef)
DCAT = FastNamespace(ns.DCAT, URIRef)
DCATAP = FastNamespace(ns.DCATAP, URIRef)
DCT = FastNamespace(ns.DCT, URIRef)
ELI = FastNamespace(ns.ELI, URIRef)
EU = FastNamespace(ns.EU, URIRef)
FOAF = FastNamespace(ns.FOAF, URIRef)
GSP = FastNamespace(ns.GSP, URIRef)
HYDRA = FastNamespace(ns.HYDRA, URIRef)
LOCN = FastNamespace(ns.LOCN, URIRef)
ORG = FastNamespace(ns.ORG, URIRef)
OWL = FastNamespace(ns.OWL, URIRef)
PROV = FastNamespace(ns.PROV, URIRef)
RDF = FastNamespace(ns.RDF, URIRef)
SCHEMA = FastNamespace(ns.SCHEMA, URIRef)
SKOS = FastNamespace(ns.SKOS, URIRef)
VCARD = FastNamespace(ns.VCARD, URIRef)
XSD = FastNamespace(ns.XSD, URIRef)

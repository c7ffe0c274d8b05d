"""The namespaces of :mod:`vocab.namespaces` as :class:`vocab.rdf_terms.FastNamespace`, for the hot
paths of the DCAT mappers (``DCT.title`` is a cached ``URIRef`` here, ``DCT.format`` a term, not
``str.format``). Same URIs, one source: built from vocab.namespaces."""

from __future__ import annotations

from vocab import namespaces as ns
from vocab.rdf_terms import FastNamespace

ADMS = FastNamespace(ns.ADMS)
CAT = FastNamespace(ns.CAT)
CSVW = FastNamespace(ns.CSVW)
DCAT = FastNamespace(ns.DCAT)
DCATAP = FastNamespace(ns.DCATAP)
DCT = FastNamespace(ns.DCT)
ELI = FastNamespace(ns.ELI)
EU = FastNamespace(ns.EU)
FOAF = FastNamespace(ns.FOAF)
GSP = FastNamespace(ns.GSP)
HYDRA = FastNamespace(ns.HYDRA)
LOCN = FastNamespace(ns.LOCN)
ORG = FastNamespace(ns.ORG)
OWL = FastNamespace(ns.OWL)
PROV = FastNamespace(ns.PROV)
RDF = FastNamespace(ns.RDF)
SCHEMA = FastNamespace(ns.SCHEMA)
SKOS = FastNamespace(ns.SKOS)
VCARD = FastNamespace(ns.VCARD)
XSD = FastNamespace(ns.XSD)

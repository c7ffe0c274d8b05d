"""The parts of a harvested dataset: distributions, contact persons, legislation, licences.

Pure functions for :mod:`vocab.dcat_import`. Sources write the same thing in many ways (a URL as a
URI or as a plain literal, a licence as an EU concept, a Creative Commons URL or a local document
with ``skos:exactMatch``); these read every form and leave a value out, with a note, only when
nothing usable was given.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dictionary.services.base import slugify
from vocab.dcat_terms import IANA, Terms
from vocab.rdf_ns import CAT, DCAT, DCT, EU, FOAF, RDF, SKOS, VCARD
from vocab.rdf_read import date_value, integer, last_segment, plain_value, texts, uri_value

__all__ = ["contact_from_rdf", "distribution_from_rdf", "legal_from_rdf", "licence_of", "web_address"]

MAX_URL = 500
"""The longest address a distribution column holds."""


def web_address(graph: Graph, node: Node | None, predicate: URIRef) -> str | None:
    """An http(s) address given as a URI or, as many CKAN exports do, as a plain literal."""
    if node is None:
        return None
    for value in sorted(graph.objects(node, predicate), key=lambda v: (not isinstance(v, URIRef), str(v))):
        text = str(value).strip()
        if (
            isinstance(value, URIRef | Literal)
            and urlsplit(text).scheme in ("http", "https")
            and urlsplit(text).netloc
        ):
            return text
    return None


def licence_of(graph: Graph, value: Node | None, terms: Terms) -> str | None:
    """The EU licence concept for a licence: the concept itself, the EU concept that names this
    URL as its exact match (Creative Commons URLs), or the EU concept the source's own licence
    document declares with ``skos:exactMatch``."""
    if value is None:
        return None
    candidates = [str(value)]
    candidates += sorted(str(m) for m in graph.objects(value, SKOS.exactMatch))
    for candidate in candidates:
        if candidate.startswith(f"{EU}licence/") and terms.vocabularies.concept(candidate):
            return candidate
        found = terms.eu_licence_for(candidate)
        if found is not None:
            return found
    return None


def distribution_from_rdf(
    graph: Graph, node: Node, access: str, terms: Terms, notes: list[str]
) -> dict[str, Any] | None:
    """One distribution as a payload, or None (noted) when it gives no address to reach the data."""
    title_vi, title_en = texts(graph, node, DCT.title)
    service = graph.value(node, DCAT.accessService)
    endpoint = web_address(graph, service, DCAT.endpointURL)
    download = web_address(graph, node, DCAT.downloadURL)
    access_url = web_address(graph, node, DCAT.accessURL) or download or endpoint
    label = title_en or title_vi or str(node)
    if access_url is None:
        notes.append(f"distribution '{label}' gives no web address (dcat:accessURL); left out")
        return None
    media = uri_value(graph, node, DCAT.mediaType) or plain_value(graph, node, DCAT.mediaType)
    file_type = uri_value(graph, node, DCT["format"])
    if file_type is not None and terms.vocabularies.concept(file_type) is None:
        notes.append(f"distribution '{label}': format {file_type} is not in the EU file-type table; left out")
        file_type = None
    given_licence = graph.value(node, DCT.license)
    licence = licence_of(graph, given_licence, terms)
    if given_licence is not None and licence is None:
        notes.append(f"distribution '{label}': licence {given_licence} matches no EU licence; left out")
    data = {
        "slug": slugify(last_segment(node))[:200]
        if isinstance(node, URIRef) and last_segment(node)
        else slugify(title_en or title_vi or "phan-phoi"),
        "kind": uri_value(graph, node, CAT.accessKind) or ("API" if endpoint else "FILE"),
        "title_vi": title_vi or title_en or (file_type or "Phân phối").rsplit("/", 1)[-1],
        "title_en": title_en,
        "description_vi": texts(graph, node, DCT.description)[0],
        "access_url": access_url,
        "download_url": download,
        "endpoint_url": endpoint,
        "endpoint_description": web_address(graph, service, DCAT.endpointDescription),
        "format": file_type,
        "media_type": media.removeprefix(IANA) if media else None,
        "licence": licence,
        "access_rights": uri_value(graph, node, DCT.accessRights) or access,
        "byte_size": integer(graph.value(node, DCAT.byteSize)),
    }
    for name in ("access_url", "download_url", "endpoint_url", "endpoint_description"):
        address = data[name]
        if isinstance(address, str) and len(address) > MAX_URL:
            notes.append(f"distribution '{label}': {name} longer than {MAX_URL} characters; left out")
            data[name] = None
    if data["access_url"] is None:
        return None
    return {key: value for key, value in data.items() if value is not None}


def contact_from_rdf(graph: Graph, node: Node) -> dict[str, Any] | None:
    """A person (vcard:Individual); an agency's own contact is not a contact point of ours."""
    if (node, RDF.type, VCARD.Individual) not in graph:
        return None
    name = texts(graph, node, VCARD.fn)[0]
    if not name:
        return None
    email = uri_value(graph, node, VCARD.hasEmail) or plain_value(graph, node, VCARD.hasEmail)
    phone = uri_value(graph, node, VCARD.hasTelephone) or plain_value(graph, node, VCARD.hasTelephone)
    data = {
        "name": name,
        "role": texts(graph, node, VCARD.role)[0],
        "email": email.removeprefix("mailto:") if email else None,
        "phone": unquote(phone.removeprefix("tel:"))[:40] if phone else None,
    }
    return {key: value for key, value in data.items() if value is not None}


def legal_from_rdf(graph: Graph, node: Node) -> dict[str, Any]:
    """A legal document; an outside one (an ELI URI) keeps its URI, republished as given."""
    data: dict[str, Any] = {
        "number": plain_value(graph, node, DCT.identifier) or last_segment(node),
        "title": texts(graph, node, DCT.title)[0],
        "issued": date_value(graph.value(node, DCT.issued)),
        "status": uri_value(graph, node, CAT.legalStatus),
        "url": uri_value(graph, node, FOAF.page),
    }
    if isinstance(node, URIRef) and "/legal/" not in str(node):
        data["uri"] = str(node)
    if isinstance(data["issued"], date):
        data["issued"] = data["issued"].isoformat()
    return {key: value for key, value in data.items() if value is not None}

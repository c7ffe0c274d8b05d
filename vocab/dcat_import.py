"""DCAT-AP back into the catalog's terms: ``dataset_from_rdf`` and friends, pure functions.

The inverse of :mod:`vocab.dcat`; the data dictionary comes back through
:mod:`vocab.dcat_import_dictionary`. They read one page's graph and return plain payloads in the
shape the services take (codes or concept URIs, agency and standard codes), so harvested data
passes the same checks as data typed into the API. Our own ``cat:`` properties are read when the
source is another instance of this catalog; any DCAT-AP source works with defaults for what the
Law on Data asks and DCAT-AP does not carry (category, importance, architecture component).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import unquote

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from dictionary import concepts as C
from dictionary.services.base import slugify
from vocab.dcat import distribution_summary
from vocab.dcat_import_dictionary import fields_from_rdf, mappings_from_rdf
from vocab.dcat_terms import IANA, Terms
from vocab.rdf_ns import CAT, DCAT, DCATAP, DCT, EU, FOAF, PROV, RDF, VCARD
from vocab.rdf_read import (
    all_texts,
    date_value,
    flag,
    integer,
    last_segment,
    plain_value,
    slug_of,
    texts,
    uri_value,
)

ACCESS_CLASS = {
    str(EU["access-right/PUBLIC"]): "MO",
    str(EU["access-right/RESTRICTED"]): "DUNG_CHUNG",
    str(EU["access-right/NON_PUBLIC"]): "DUNG_RIENG",
}
ROLE_NAMES = {C.OWNER: "owner", C.CUSTODIAN: "custodian", C.STEWARD: "steward"}
LEVEL_OF_PUBLISHER_TYPE = {
    "NationalAuthority": "TRUNG_UONG",
    "RegionalAuthority": "TINH",
    "LocalAuthority": "XA",
}


class NotImportable(ValueError):
    """The resource cannot become a catalog record (no identifier, no title…): skipped, reported."""


@dataclass(frozen=True)
class Defaults:
    """Values for what DCAT-AP does not carry but the catalog requires (DESIGN.md §2)."""

    db_category: str = "CSDL_DP"
    importance: str = "KHAC"
    arch_component: str = "DAT"
    sharing_class: str = "MO"
    owner: str | None = None
    """Agency code used when a dataset names no publisher the catalog can register."""


@dataclass
class Harvested:
    """One dataset read from RDF, as payloads for the services."""

    uri: str
    identifier: str
    slug: str
    data: dict[str, Any]
    roles: dict[str, str] = field(default_factory=dict)
    """owner / custodian / steward → agency code."""
    fields: list[dict[str, Any]] = field(default_factory=list)
    distributions: list[dict[str, Any]] = field(default_factory=list)
    mappings: list[dict[str, Any]] = field(default_factory=list)
    agencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    standards: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        """Our identifier of a harvested dataset: its own if a UUID, else derived from it, so the same
        source dataset always lands on the same record (re-harvests update, never duplicate)."""
        try:
            return uuid.UUID(self.identifier)
        except ValueError:
            return uuid.uuid5(uuid.NAMESPACE_URL, self.identifier)

    def references(self) -> set[str]:
        """Slugs of other datasets its fields point to."""
        return {f["foreign_key"]["dataset"] for f in self.fields if f.get("foreign_key")} - {self.slug}


def dataset_nodes(graph: Graph) -> list[Node]:
    """The datasets of a page, in a stable order (URIs sorted; blank nodes last)."""
    nodes = set(graph.subjects(RDF.type, DCAT.Dataset))
    return sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n)))


def dataset_from_rdf(graph: Graph, node: Node, terms: Terms, defaults: Defaults = Defaults()) -> Harvested:
    identifier = plain_value(graph, node, DCT.identifier) or (str(node) if isinstance(node, URIRef) else None)
    title_vi, title_en = texts(graph, node, DCT.title)
    if not identifier:
        raise NotImportable("missing dct:identifier (and no URI)")
    if not title_vi:
        raise NotImportable(f"{identifier}: missing dct:title")
    slug = slug_of(node, title_en or title_vi)
    description_vi, description_en = texts(graph, node, DCT.description)
    item = Harvested(uri=str(node), identifier=identifier, slug=slug, data={})
    access = uri_value(graph, node, DCT.accessRights)
    data: dict[str, Any] = {
        "slug": slug,
        "title_vi": title_vi,
        "title_en": title_en,
        "description_vi": description_vi or title_vi,
        "description_en": description_en,
        "keywords_vi": all_texts(graph, node, DCAT.keyword, "vi"),
        "keywords_en": all_texts(graph, node, DCAT.keyword, "en"),
        "themes": _ours(graph, node, DCAT.theme, terms, item.notes),
        "frequency": next(iter(_ours(graph, node, DCT.accrualPeriodicity, terms, item.notes)), None),
        "spatial": sorted(str(o) for o in graph.objects(node, CAT.administrativeUnit)),
        "version": plain_value(graph, node, DCAT.version),
        "landing_page": uri_value(graph, node, DCAT.landingPage),
        "data_updated_on": date_value(graph.value(node, CAT.dataUpdatedOn)),
        "db_category": uri_value(graph, node, CAT.databaseCategory) or defaults.db_category,
        "sharing_class": uri_value(graph, node, CAT.sharingClass)
        or ACCESS_CLASS.get(access or "", defaults.sharing_class),
        "importance": uri_value(graph, node, CAT.importance) or defaults.importance,
        "arch_component": uri_value(graph, node, CAT.architectureComponent) or defaults.arch_component,
        "data_layer": uri_value(graph, node, CAT.dataLayer),
        "sharing_mode": uri_value(graph, node, CAT.sharingMode),
        "status": uri_value(graph, node, CAT.status) or C.PUBLISHED,
        "legal_basis": [_legal(graph, doc) for doc in graph.objects(node, DCATAP.applicableLegislation)],
    }
    for name, predicate in (
        ("purpose", CAT.purpose),
        ("scope", CAT.scope),
        ("content", CAT.content),
        ("collection_mechanism", CAT.collectionMechanism),
        ("source", CAT.source),
        ("related_national_db", CAT.relatedNationalDatabase),
    ):
        data[name] = texts(graph, node, predicate)[0]
    period = graph.value(node, DCT.temporal)
    if period is not None:
        data["temporal_start"] = date_value(graph.value(period, DCAT.startDate))
        if not flag(graph, period, CAT.openEnded):
            data["temporal_end"] = date_value(graph.value(period, DCAT.endDate))
    contacts = [
        _contact(graph, c)
        for c in graph.objects(node, DCAT.contactPoint)
        if (c, RDF.type, VCARD.Individual) in graph
    ]
    data["contact_points"] = [c for c in contacts if c]
    item.data = {key: value for key, value in data.items() if value not in (None, [], "")}
    _roles(graph, node, item, defaults)
    home = URIRef(item.uri)  # where our exporter lists the mappings (cat:mapping)
    item.fields = fields_from_rdf(graph, node, home, item.standards)
    item.mappings = mappings_from_rdf(graph, home, node, item.standards)
    access_code = access or str(EU["access-right/PUBLIC"])
    item.distributions = [
        _distribution(graph, d, access_code) for d in graph.objects(node, DCAT.distribution)
    ]
    for distribution in item.distributions:
        generated = distribution_summary(terms, distribution.get("kind"), distribution.get("format"), "vi")
        if distribution.get("description_vi") == generated:
            del distribution["description_vi"]  # written by our exporter for want of one, not data
    return item


def agency_from_rdf(graph: Graph, node: Node) -> dict[str, Any] | None:
    code = plain_value(graph, node, DCT.identifier) or last_segment(node)
    name_vi, name_en = texts(graph, node, FOAF.name)
    if not code or not name_vi:
        return None
    level = uri_value(graph, node, CAT.level)
    if level is None:
        kind = uri_value(graph, node, DCT.type) or ""
        level = LEVEL_OF_PUBLISHER_TYPE.get(kind.rsplit("/", 1)[-1], "SO_NGANH")
    mailbox = uri_value(graph, node, FOAF.mbox)
    data = {
        "code": code,
        "name_vi": name_vi,
        "name_en": name_en,
        "level": level,
        "short_name": texts(graph, node, FOAF.nick)[0],
        "homepage": uri_value(graph, node, FOAF.homepage),
        "email": mailbox.removeprefix("mailto:") if mailbox else None,
    }
    return {key: value for key, value in data.items() if value is not None}


# Parts --------------------------------------------------------------------------------------


def _roles(graph: Graph, node: Node, item: Harvested, defaults: Defaults) -> None:
    publisher = graph.value(node, DCT.publisher)
    for attribution in graph.objects(node, PROV.qualifiedAttribution):
        role = ROLE_NAMES.get(uri_value(graph, attribution, DCAT.hadRole) or "")
        agent = graph.value(attribution, PROV.agent)
        if role and agent is not None:
            _agent(graph, agent, role, item)
        if role == "owner":
            since = date_value(graph.value(attribution, CAT.validFrom))
            if since is not None:
                item.data["owned_since"] = since
    if "owner" not in item.roles and publisher is not None:
        _agent(graph, publisher, "owner", item)
    if "owner" not in item.roles and defaults.owner:
        item.roles["owner"] = defaults.owner


def _agent(graph: Graph, agent: Node, role: str, item: Harvested) -> None:
    data = agency_from_rdf(graph, agent)
    if data is None:
        item.notes.append(f"{role} {agent} has no identifier or name; ignored")
        return
    item.agencies[data["code"]] = data
    item.roles[role] = data["code"]


def _distribution(graph: Graph, node: Node, access: str) -> dict[str, Any]:
    title_vi, title_en = texts(graph, node, DCT.title)
    service = graph.value(node, DCAT.accessService)
    endpoint = uri_value(graph, service, DCAT.endpointURL) if service is not None else None
    media = uri_value(graph, node, DCAT.mediaType) or plain_value(graph, node, DCAT.mediaType)
    file_type = uri_value(graph, node, DCT["format"])
    data = {
        "slug": last_segment(node)
        if isinstance(node, URIRef)
        else slugify(title_en or title_vi or "phan-phoi"),
        "kind": uri_value(graph, node, CAT.accessKind) or ("API" if endpoint else "FILE"),
        "title_vi": title_vi or title_en or (file_type or "Phân phối").rsplit("/", 1)[-1],
        "title_en": title_en,
        "description_vi": texts(graph, node, DCT.description)[0],
        "access_url": uri_value(graph, node, DCAT.accessURL),
        "download_url": uri_value(graph, node, DCAT.downloadURL),
        "endpoint_url": endpoint,
        "endpoint_description": uri_value(graph, service, DCAT.endpointDescription)
        if service is not None
        else None,
        "format": file_type,
        "media_type": media.removeprefix(IANA) if media else None,
        "licence": uri_value(graph, node, DCT.license),
        "access_rights": uri_value(graph, node, DCT.accessRights) or access,
        "byte_size": integer(graph.value(node, DCAT.byteSize)),
    }
    return {key: value for key, value in data.items() if value is not None}


def _contact(graph: Graph, node: Node) -> dict[str, Any] | None:
    """A person (vcard:Individual); an agency's own contact is not a contact point of ours."""
    name = texts(graph, node, VCARD.fn)[0]
    if not name:
        return None
    email = uri_value(graph, node, VCARD.hasEmail)
    phone = uri_value(graph, node, VCARD.hasTelephone)
    data = {
        "name": name,
        "role": texts(graph, node, VCARD.role)[0],
        "email": email.removeprefix("mailto:") if email else None,
        "phone": unquote(phone.removeprefix("tel:")) if phone else None,
    }
    return {key: value for key, value in data.items() if value is not None}


def _legal(graph: Graph, node: Node) -> dict[str, Any]:
    data = {
        "number": plain_value(graph, node, DCT.identifier) or last_segment(node),
        "title": texts(graph, node, DCT.title)[0],
        "issued": (date_value(graph.value(node, DCT.issued)) or None),
        "status": uri_value(graph, node, CAT.legalStatus),
        "url": uri_value(graph, node, FOAF.page),
    }
    if isinstance(data["issued"], date):
        data["issued"] = data["issued"].isoformat()
    return {key: value for key, value in data.items() if value is not None}


def _ours(graph: Graph, node: Node, predicate: URIRef, terms: Terms, notes: list[str]) -> list[str]:
    """Concept values as our concepts: ours as they are, EU ones through skos:exactMatch."""
    found = []
    for value in graph.objects(node, predicate):
        text = str(value)
        ours = text if terms.vocabularies.concept(text) and not text.startswith(str(EU)) else None
        ours = ours or terms.ours_for_eu(text)
        if ours is None:
            notes.append(f"{predicate}: {text} maps to none of our concepts; left out")
        elif ours not in found:
            found.append(ours)
    return sorted(found)


__all__ = [
    "Defaults",
    "Harvested",
    "NotImportable",
    "agency_from_rdf",
    "dataset_from_rdf",
    "dataset_nodes",
]

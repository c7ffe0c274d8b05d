"""DCAT-AP back into the catalog's terms: ``dataset_from_rdf`` and friends, pure functions.

The inverse of :mod:`vocab.dcat`; the data dictionary comes back through
:mod:`vocab.dcat_import_dictionary`. They read one page's graph and return plain payloads in the
shape the services take (codes or concept URIs, agency and standard codes), so harvested data
passes the same checks as data typed into the API. Our own ``cat:`` properties are read when the
source is another instance of this catalog; any DCAT-AP source works with defaults for what the
Law on Data asks and DCAT-AP does not carry (category, importance, architecture component).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from dictionary import concepts as C
from dictionary.properties import DATASET
from dictionary.services.base import slugify
from vocab.dcat import CODED_PROPERTIES, distribution_summary
from vocab.dcat import TEXT_PROPERTIES as OUR_TEXT_PROPERTIES
from vocab.dcat_import_dictionary import fields_from_rdf, mappings_from_rdf
from vocab.dcat_import_parts import contact_from_rdf, distribution_from_rdf, legal_from_rdf
from vocab.dcat_import_source import TEXT_PROPERTIES, main_language, source_values, tagged_texts
from vocab.dcat_terms import Terms
from vocab.rdf_ns import CAT, DCAT, DCATAP, DCT, EU, FOAF, PROV, RDF, SCHEMA, SKOS
from vocab.rdf_read import (
    date_value,
    flag,
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
    named_agencies: set[str] = field(default_factory=set)
    """Codes made up from a name (a blank-node publisher): matched to an agency of that name first."""
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


def _classified(graph: Graph, node: Node, defaults: Defaults, access: str | None) -> dict[str, Any]:
    """Our own coded and text properties, read back by the rule they went out with (the registry's
    generic_rdf); a record without a required classification gets the source's default."""
    fallback = {
        "db_category": defaults.db_category,
        "sharing_class": ACCESS_CLASS.get(access or "", defaults.sharing_class),
        "importance": defaults.importance,
        "arch_component": defaults.arch_component,
        "status": C.PUBLISHED,
    }
    found: dict[str, Any] = {
        name: uri_value(graph, node, URIRef(predicate)) or fallback.get(name)
        for name, predicate in CODED_PROPERTIES.items()
        if not DATASET[name].derived
    }
    ours = OUR_TEXT_PROPERTIES.items()
    return found | {name: texts(graph, node, URIRef(predicate))[0] for name, predicate in ours}


def dataset_from_rdf(graph: Graph, node: Node, terms: Terms, defaults: Defaults = Defaults()) -> Harvested:
    identifier = plain_value(graph, node, DCT.identifier) or (str(node) if isinstance(node, URIRef) else None)
    if not identifier:
        raise NotImportable("missing dct:identifier (and no URI)")
    by_property = {name: tagged_texts(graph, node, p) for name, p in TEXT_PROPERTIES.items()}
    lang = main_language(by_property["title"])
    main = {name: _in(found, lang) for name, found in by_property.items()}
    english = {name: found.get("en", []) for name, found in by_property.items()}
    if not main["title"]:
        raise NotImportable(f"{identifier}: missing dct:title")
    title_vi, title_en = main["title"][0], next(iter(english["title"]), None)
    slug = slug_of(node, title_en or title_vi)
    item = Harvested(uri=str(node), identifier=identifier, slug=slug, data={})
    description_vi = next(iter(main["description"]), None)
    if description_vi is None:
        item.notes.append("the source gives no description (dct:description in the record's language)")
    access = uri_value(graph, node, DCT.accessRights)
    data: dict[str, Any] = {
        "slug": slug,
        "title_vi": title_vi,
        "title_en": title_en,
        "description_vi": description_vi,
        "description_en": next(iter(english["description"]), None),
        "keywords_vi": main["keywords"],
        "keywords_en": english["keywords"] if lang != "en" else [],
        "text_language": lang,
        "translations": _translations(by_property, lang),
        "themes": _ours(graph, node, DCAT.theme, terms, item.notes),
        "frequency": next(iter(_ours(graph, node, DCT.accrualPeriodicity, terms, item.notes)), None),
        "spatial": sorted(str(o) for o in graph.objects(node, CAT.administrativeUnit)),
        "version": plain_value(graph, node, DCAT.version),
        "landing_page": uri_value(graph, node, DCAT.landingPage),
        "data_updated_on": date_value(graph.value(node, CAT.dataUpdatedOn)),
        "legal_basis": sorted(
            (legal_from_rdf(graph, doc) for doc in graph.objects(node, DCATAP.applicableLegislation)),
            key=lambda d: (d.get("uri", ""), d.get("number", "")),
        ),
    }
    data |= _classified(graph, node, defaults, access)
    period = graph.value(node, DCT.temporal)
    if period is not None:
        # DCAT 2 writes dcat:startDate; DCAT-AP 1.x sources (and ckanext-dcat) schema:startDate.
        start = graph.value(period, DCAT.startDate) or graph.value(period, SCHEMA.startDate)
        data["temporal_start"] = date_value(start)
        if not flag(graph, period, CAT.openEnded):
            end = graph.value(period, DCAT.endDate) or graph.value(period, SCHEMA.endDate)
            data["temporal_end"] = date_value(end)
    contacts = [contact_from_rdf(graph, c) for c in sorted(graph.objects(node, DCAT.contactPoint), key=str)]
    data["contact_points"] = [c for c in contacts if c]
    data |= source_values(graph, node, item.notes)
    item.data = {key: value for key, value in data.items() if value not in (None, [], "", {})}
    if lang == "":
        item.data["text_language"] = ""  # untagged texts stay untagged
    _roles(graph, node, item, defaults)
    home = URIRef(item.uri)  # where our exporter lists the mappings (cat:mapping)
    item.fields = fields_from_rdf(graph, node, home, item.standards)
    item.mappings = mappings_from_rdf(graph, home, node, item.standards)
    # Our exporter also names a dataset's mapped standards in dct:conformsTo: those are mappings.
    mapped = {str(s) for m in graph.objects(home, CAT.mapping) for s in graph.objects(m, CAT.standard)}
    if item.data.get("conforms_to"):
        kept = [c for c in item.data["conforms_to"] if c not in mapped]
        item.data["conforms_to"] = kept
        if not kept:
            del item.data["conforms_to"]
    access_code = access or str(EU["access-right/PUBLIC"])
    distributions = (
        distribution_from_rdf(graph, d, access_code, terms, item.notes)
        for d in sorted(graph.objects(node, DCAT.distribution), key=str)
    )
    item.distributions = unique_slugs([d for d in distributions if d is not None])
    for distribution in item.distributions:
        generated = distribution_summary(terms, distribution.get("kind"), distribution.get("format"), "vi")
        if generated is not None and distribution.get("description_vi") == generated:
            del distribution["description_vi"]  # written by our exporter for want of one, not data
    return item


def agency_from_rdf(graph: Graph, node: Node) -> dict[str, Any] | None:
    """An agent as an agency payload; a blank node's code is made up from its name (stable)."""
    name_vi, name_en = texts(graph, node, FOAF.name)
    if not name_vi:  # a publisher given as a SKOS concept (datos.gob.es)
        name_vi, name_en = texts(graph, node, SKOS.prefLabel)
    if not name_vi:
        return None
    given = plain_value(graph, node, DCT.identifier) or plain_value(graph, node, SKOS.notation)
    code = given or (last_segment(node) if isinstance(node, URIRef) else "")
    if not code or len(code) > 40:
        code = code_for_name(code or name_vi)
    level = uri_value(graph, node, CAT.level)
    if level is None:
        kind = uri_value(graph, node, DCT.type) or ""
        level = LEVEL_OF_PUBLISHER_TYPE.get(kind.rsplit("/", 1)[-1], "SO_NGANH")
    mailbox = uri_value(graph, node, FOAF.mbox) or plain_value(graph, node, FOAF.mbox)
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


def _in(found: dict[str, list[str]], lang: str | None) -> list[str]:
    """The texts in the record's main language (Vietnamese: tagged vi or untagged)."""
    if lang is None:
        return sorted(set(found.get("vi", []) + found.get("", [])))
    return found.get(lang, [])


def _translations(by_property: dict[str, dict[str, list[str]]], lang: str | None) -> dict[str, Any]:
    """Texts in languages neither the main slot nor English holds, by property then tag."""
    held = {"vi", ""} if lang is None else {lang, "en"}
    held.add("en")
    result = {}
    for name, found in by_property.items():
        others = {tag: values for tag, values in found.items() if tag not in held}
        if others:
            result[name] = others
    return result


def code_for_name(name: str) -> str:
    """An agency code for an agent known only by its name: the same name always gives the same code."""
    digest = hashlib.sha256(name.strip().casefold().encode()).hexdigest()[:8].upper()
    return f"{slugify(name)[:28].upper()}-{digest}"


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
    if isinstance(agent, BNode) and plain_value(graph, agent, DCT.identifier) is None:
        item.named_agencies.add(data["code"])


def unique_slugs(distributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distribution slugs made unique within the dataset (blank nodes titled alike)."""
    seen: set[str] = set()
    for distribution in distributions:
        slug, n = distribution["slug"], 2
        while distribution["slug"] in seen:
            distribution["slug"] = f"{slug}-{n}"
            n += 1
        seen.add(distribution["slug"])
    return distributions


def _ours(graph: Graph, node: Node, predicate: URIRef, terms: Terms, notes: list[str]) -> list[str]:
    """Concept values as our concepts: ours as they are, EU ones through skos:exactMatch."""
    found = []
    for value in graph.objects(node, predicate):
        text = str(value)
        ours = text if terms.vocabularies.concept(text) and not text.startswith(str(EU)) else None
        ours = ours or terms.ours_for_eu(text)
        if ours is None:
            notes.append(f"{_short(predicate)} {text} maps to none of our concepts; left out")
        elif ours not in found:
            found.append(ours)
    return sorted(found)


def _short(predicate: URIRef) -> str:
    return str(predicate).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


__all__ = [
    "Defaults",
    "Harvested",
    "NotImportable",
    "agency_from_rdf",
    "code_for_name",
    "dataset_from_rdf",
    "dataset_nodes",
    "unique_slugs",
]

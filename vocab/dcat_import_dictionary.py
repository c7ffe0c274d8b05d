"""The data dictionary back from DCAT: fields, their code lists and their standard mappings.

The inverse of :mod:`vocab.dcat_dictionary`, for :func:`vocab.dcat_import.dataset_from_rdf`. The
standards met on the way (code lists, mapping targets) are collected by code into the ``standards``
dict the caller passes, so that the harvester can register them before the fields that use them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from rdflib import Graph, URIRef
from rdflib.term import Node

from dictionary import concepts as C
from vocab.rdf_ns import CAT, CSVW, DCT, FOAF, OWL, RDF, SKOS
from vocab.rdf_read import date_value, flag, integer, last_segment, plain_value, slug_of, texts, uri_value

Standards = dict[str, dict[str, Any]]
"""Standard payloads by code."""


def fields_from_rdf(graph: Graph, dataset: Node, home: URIRef, standards: Standards) -> list[dict[str, Any]]:
    """The dataset's fields in position order; ``home`` is the URI its mappings hang from."""
    fields = sorted(
        graph.objects(dataset, CAT.field),
        key=lambda f: (integer(graph.value(f, CAT.position)) or 0, str(f)),
    )
    return [_field(graph, f, home, standards) for f in fields]


def mappings_from_rdf(graph: Graph, home: URIRef, source: Node, standards: Standards) -> list[dict[str, Any]]:
    """The standard mappings of ``source`` (the dataset or one of its fields), listed on ``home``."""
    nodes = [m for m in graph.objects(home, CAT.mapping) if graph.value(m, CAT.mappedFrom) == source]
    return [_mapping(graph, m, standards) for m in nodes]


def standard_from_rdf(graph: Graph, node: Node) -> dict[str, Any] | None:
    code = plain_value(graph, node, SKOS.notation) or last_segment(node)
    title_vi, title_en = texts(graph, node, DCT.title)
    if not code or not title_vi:
        return None
    data = {
        "code": code,
        "identifier": plain_value(graph, node, DCT.identifier) or code,
        "title_vi": title_vi,
        "title_en": title_en,
        "issuer": texts(graph, node, CAT.issuer)[0] or "Không rõ",
        "kind": uri_value(graph, node, CAT.standardKind) or "TECHNICAL_STANDARD",
        "status": uri_value(graph, node, CAT.legalStatus) or "UNCLEAR",
        "version": plain_value(graph, node, OWL.versionInfo),
        "issued": date_value(graph.value(node, DCT.issued)),
        "url": uri_value(graph, node, FOAF.page),
    }
    return {key: value for key, value in data.items() if value is not None}


def _field(graph: Graph, node: Node, home: URIRef, standards: Standards) -> dict[str, Any]:
    label_vi, label_en = texts(graph, node, CSVW.title)
    definition, definition_en = texts(graph, node, DCT.description)
    name = plain_value(graph, node, CSVW.name) or last_segment(node)
    data: dict[str, Any] = {
        "name": name,
        "label_vi": label_vi or name,
        "label_en": label_en,
        "definition": definition,
        "definition_en": definition_en,
        "data_type": uri_value(graph, node, CAT.dataType),
        "length": integer(graph.value(node, CAT.length)),
        "precision": integer(graph.value(node, CAT.precision)),
        "scale": integer(graph.value(node, CAT.scale)),
        "required": flag(graph, node, CSVW.required),
        "unique": flag(graph, node, CAT.unique),
        "primary_key": flag(graph, node, CAT.primaryKey),
        "restricted": flag(graph, node, CAT.restricted),
        "unit": plain_value(graph, node, CAT.unit),
        "example": plain_value(graph, node, SKOS.example),
        "personal_data": uri_value(graph, node, CAT.personalData),
    }
    for code_list in graph.objects(node, CAT.codeList):
        if (code_list, RDF.type, DCT.Standard) in graph:
            standard = standard_from_rdf(graph, code_list)
            if standard is not None:
                standards[standard["code"]] = standard
                data["code_list_standard"] = standard["code"]
        else:
            data["code_list_scheme"] = str(code_list)
    target = graph.value(node, CAT.references)
    if isinstance(target, URIRef) and "/field/" in str(target):
        dataset_uri, _, target_name = str(target).rpartition("/field/")
        data["foreign_key"] = {"dataset": slug_of(URIRef(dataset_uri), ""), "field": unquote(target_name)}
    data["mappings"] = mappings_from_rdf(graph, home, node, standards)
    return {key: value for key, value in data.items() if value is not None}


def _mapping(graph: Graph, node: Node, standards: Standards) -> dict[str, Any]:
    standard_node = graph.value(node, CAT.standard)
    standard = standard_from_rdf(graph, standard_node) if standard_node is not None else None
    if standard is not None:
        standards[standard["code"]] = standard
    data = {
        "standard": standard["code"] if standard else last_segment(standard_node),
        "relation": uri_value(graph, node, CAT.relation) or C.SKOS + "exactMatch",
        "term": plain_value(graph, node, CAT["term"]),
        "note": texts(graph, node, SKOS.note)[0],
    }
    return {key: value for key, value in data.items() if value is not None}

"""Nothing lost: what a real-world record says comes back out of our DCAT as the source said it.

For every dataset of every document in tests/vocab/data/realworld, the record is harvested and
published again, and its texts (with their language tags), keywords, dates, languages, spatial
coverage, other identifiers, standards and legislation are compared with the source graph.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dictionary.services import Context, DatasetService
from tests.factories import make_agency
from tests.vocab.test_dcat_mapping import dcat
from tests.vocab.test_harvest import harvester
from tests.vocab.test_harvest_realworld import CONTENT_TYPES, DOCUMENTS, serve_file
from vocab.dcat import dataset_to_rdf
from vocab.dcat_import import Defaults
from vocab.harvest_fetch import Fetched, read_page
from vocab.rdf_ns import ADMS, CAT, DCAT, DCATAP, DCT, RDF, SCHEMA, SKOS

WITH_DATASETS = [p for p in DOCUMENTS if "map_licenses" not in p.name]


def literals(graph: Graph, node: Node, predicate: URIRef) -> set[tuple[str, str | None]]:
    """Texts with their tags (surrounding white space is not part of a text, ours are trimmed)."""
    return {(str(o).strip(), o.language) for o in graph.objects(node, predicate) if isinstance(o, Literal)}


def moments(graph: Graph, node: Node, predicate: URIRef) -> set[object]:
    """Dates as points in time: 21:04 and 21:04:00 are the same xsd:dateTime."""
    found: set[object] = set()
    for value in graph.objects(node, predicate):
        text = str(value).strip()
        found.add(datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text))
    return found


def values(graph: Graph, node: Node, predicate: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(node, predicate)}


def notations(graph: Graph, node: Node) -> set[str]:
    found = set()
    for value in graph.objects(node, ADMS.identifier):
        notation = value if isinstance(value, Literal) else graph.value(value, SKOS.notation)
        found.add(str(notation if notation is not None else value))
    return found


def harvested(ctx: Context, path: Path) -> list[tuple[Node, Graph]]:
    """(source node, our published graph) for each dataset of the document."""
    make_agency(ctx, code="H68.06")
    ctx.session.commit()
    url, fetch = serve_file(path)
    report = harvester(ctx, fetch, defaults=Defaults(owner="H68.06")).run(url)
    assert {i.action for i in report.items} == {"created"}, report.items
    out = []
    for item in report.items:
        dataset = DatasetService(ctx).get(item.slug)  # type: ignore[arg-type]
        out.append((URIRef(item.uri), dataset_to_rdf(dataset, dcat(ctx))))
    return out


@pytest.mark.parametrize("path", WITH_DATASETS, ids=lambda p: p.name)
def test_what_the_source_said_is_published_as_it_said_it(ctx: Context, path: Path) -> None:
    source = read_page(Fetched(path.name, CONTENT_TYPES[path.suffix], path.read_bytes()))
    for source_node, ours in harvested(ctx, path):
        node = next(iter(ours.subjects(RDF.type, DCAT.Dataset)))
        assert literals(source, source_node, DCT.title) <= literals(ours, node, DCT.title), "titles"
        assert literals(source, source_node, DCAT.keyword) == literals(ours, node, DCAT.keyword), "keywords"
        source_descriptions = literals(source, source_node, DCT.description)
        assert source_descriptions == literals(ours, node, DCT.description), "descriptions, none invented"
        for predicate in (DCT.issued, DCT.modified):
            given = values(source, source_node, predicate)
            if given and all(v[:4].isdigit() for v in given):  # ISO dates only; others are noted
                assert moments(source, source_node, predicate) == moments(ours, node, predicate), predicate
        for predicate in (DCT.language, DCT.spatial):
            if values(source, source_node, predicate):
                assert values(source, source_node, predicate) == values(ours, node, predicate), predicate
        assert notations(source, source_node) <= notations(ours, node), "adms:identifier"
        assert values(source, source_node, DCATAP.applicableLegislation) == values(
            ours, node, DCATAP.applicableLegislation
        ), "legislation URIs kept as given"
        given_standards = {
            str(s) for s in source.objects(source_node, DCT.conformsTo) if not isinstance(s, Literal)
        }
        assert given_standards <= values(ours, node, DCT.conformsTo), "conformsTo"
        if isinstance(source_node, URIRef):
            assert values(ours, node, CAT.harvestedFrom) == {str(source_node)}, "the link back"
        identifier = values(source, source_node, DCT.identifier)
        assert identifier <= values(ours, node, DCT.identifier), "the source's identifier"


def test_periods_in_schema_org_form_are_kept(ctx: Context) -> None:
    path = next(p for p in DOCUMENTS if p.name == "ckanext-dcat-dataset_sweden.rdf")
    source = read_page(Fetched(path.name, CONTENT_TYPES[path.suffix], path.read_bytes()))
    period = next(source.objects(None, DCT.temporal))
    [(_, ours)] = harvested(ctx, path)
    ours_period = next(ours.objects(None, DCT.temporal))
    assert str(ours.value(ours_period, DCAT.startDate)) == str(source.value(period, SCHEMA.startDate))
    assert str(ours.value(ours_period, DCAT.endDate)) == str(source.value(period, SCHEMA.endDate))


EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"


@pytest.mark.parametrize("name", ["semic-3.0.0-hvd-ms_catalogue.ttl", "ckanext-dcat-dataset_sweden.rdf"])
def test_a_licence_outside_the_table_follows_its_exact_match(ctx: Context, name: str) -> None:
    """A local licence document with skos:exactMatch, or a Creative Commons URL the EU table matches."""
    path = next(p for p in DOCUMENTS if p.name == name)
    source = read_page(Fetched(path.name, CONTENT_TYPES[path.suffix], path.read_bytes()))
    given = {str(o) for o in source.objects(None, DCT.license)}
    assert given and not any(g.startswith(EU_LICENCE) for g in given)
    for _, ours in harvested(ctx, path):
        licences = {str(o) for o in ours.objects(None, DCT.license)}
        assert licences, "the licence was dropped"
        assert all(licence.startswith(EU_LICENCE) for licence in licences), licences

"""The DCAT-AP SHACL gate of reference/dcat.md §6, run on the demo catalog as it is published.

Gate: DCAT-AP 3.0.0 shapes.ttl, range.ttl and mdr-vocabularies.shape.ttl (the last two with the EU
vocabularies in the data graph) and the 2.1.1 shapes (dates) — 0 violations; a non-EU publisher
is the only Warning allowed from the vocabulary shapes; the demo meets every recommended
property too. Every page of the export is checked, in each of the four formats.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from dictionary.demo import load_demo
from dictionary.services import Context
from dictionary.visibility import Visibility
from tests.vocab.test_dcat_mapping import dcat
from vocab.dcat_service import DcatPublisher
from vocab.namespaces import DCAT, DCT
from vocab.rdf_writers import FORMATS, RdfFormat, parse
from vocab.shacl import PROFILE_BY_KEY, PROFILES, DcatValidator, Report

GATE = [profile.key for profile in PROFILES if profile.gate]


@pytest.fixture(scope="module")
def validator() -> DcatValidator:
    return DcatValidator()


def export_pages(ctx: Context, fmt: RdfFormat, visibility: Visibility, page_size: int) -> list[Graph]:
    publisher = DcatPublisher(ctx, dcat(ctx, visibility))
    pages, number = [], 1
    while True:
        result = publisher.catalog_page(fmt, number, page_size)
        pages.append(parse("".join(result.chunks), fmt))
        if number >= result.info.last:
            return pages
        number += 1


def assert_gate(report: Report) -> None:
    counts = report.counts()
    assert all(counts[key]["violations"] == 0 for key in GATE), [f.message for f in report.violations]
    vocabulary_warnings = [f for f in report.findings if f.profile == "vocabularies-3.0.0"]
    assert all(f.path == "dct:publisher" for f in vocabulary_warnings), [
        f.message for f in vocabulary_warnings
    ]


def test_demo_catalog_passes_the_gate_page_by_page_in_every_format(
    ctx: Context, validator: DcatValidator
) -> None:
    load_demo(ctx)
    pages = {key: export_pages(ctx, fmt, Visibility.anonymous(), page_size=5) for key, fmt in FORMATS.items()}
    recommended: Counter[str] = Counter()
    datasets = 0
    for number, page in enumerate(pages["ttl"]):
        # No blank nodes, so "the same page" is plain set equality, and one validation covers all four.
        for key in FORMATS:
            assert set(pages[key][number]) == set(page), f"page {number + 1}: {key} differs from Turtle"
        report = validator.validate(page)
        assert_gate(report)
        datasets += len(set(page.subjects(RDF.type, DCAT.Dataset)))
        recommended.update(
            f.message.split(" <", 1)[0] + " " + f.message.rsplit(">", 1)[-1]
            for f in report.findings
            if f.profile == "recommended-3.0.0"
        )
    assert len(pages["ttl"]) >= 3 and datasets >= 10, (
        "the demo publishes open datasets, several pages of them"
    )
    # Ongoing periods end at the last update, every demo service links its OpenAPI document: a
    # recommended property the demo still misses is a gap in the mapping or in the demo data.
    assert sum(recommended.values()) == 0, recommended


def test_whole_demo_catalog_including_unpublished_passes_the_gate(
    ctx: Context, validator: DcatValidator
) -> None:
    load_demo(ctx)
    publisher = DcatPublisher(ctx, dcat(ctx, Visibility.all()))
    total, chunks = publisher.full_catalog(FORMATS["ttl"], batch_size=20)
    graph = parse("".join(chunks), FORMATS["ttl"])
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == total > 30
    assert_gate(validator.validate(graph, [p for p in PROFILES if p.gate]))


def test_the_gate_catches_what_harvesters_reject(validator: DcatValidator) -> None:
    dataset, catalog = URIRef("https://x.example/dataset/a"), URIRef("https://x.example/catalog")
    distribution = URIRef("https://x.example/dataset/a/d")
    graph = Graph()
    for triple in [
        (catalog, RDF.type, DCAT.Catalog),
        (catalog, DCT.title, Literal("Danh mục", lang="vi")),
        (catalog, DCT.description, Literal("Mô tả", lang="vi")),
        (catalog, DCAT.dataset, dataset),
        (dataset, RDF.type, DCAT.Dataset),
        (dataset, DCT.description, Literal("Không có tiêu đề", lang="vi")),
        (dataset, DCT.issued, Literal("15/01/2024")),
        (dataset, DCAT.distribution, distribution),
        (distribution, RDF.type, DCAT.Distribution),
        (distribution, DCAT.byteSize, Literal("12.5", datatype=XSD.decimal)),
        (distribution, DCT.language, Literal("vi")),
    ]:
        graph.add(triple)
    report = validator.validate(graph, [PROFILE_BY_KEY[key] for key in GATE])
    messages = "\n".join(f.message for f in report.violations)
    assert not report.conforms
    assert "dcat:Catalog <https://x.example/catalog> lacks a publisher." in messages
    assert "dcat:Dataset <https://x.example/dataset/a> lacks a title." in messages
    assert "lacks an access URL" in messages
    assert "xsd:nonNegativeInteger" in messages, "byteSize follows the DCAT-AP 3.0 spec, not the 3.0.0 shape"
    assert any(f.profile == "shapes-2.1.1" and f.path == "dct:issued" for f in report.violations), messages
    assert any(f.path == "dct:language" for f in report.violations), messages

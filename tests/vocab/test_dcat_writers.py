"""The streaming RDF writers and the safe-term helpers: every format parses back to the same triples."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from vocab.rdf_ns import CAT, DCAT, DCT
from vocab.rdf_terms import as_date, as_datetime, clean_text, iri, plain, text, to_rdflib, typed
from vocab.rdf_writers import FORMATS, TripleBuffer, format_for, parse, serialize, writer

NASTY = 'Tiêu đề "trích dẫn" \\ gạch chéo\nxuống dòng\r\ttab <thẻ> & ]]> \x01\x0b ký tự lạ'


def sample(subject: str = "https://data.example.gov.vn/dataset/a") -> TripleBuffer:
    node = URIRef(subject)
    blank = BNode()
    buffer = TripleBuffer()
    for triple in [
        (node, RDF.type, DCAT.Dataset),
        (node, DCT.title, text(NASTY, "vi")),
        (node, DCT.title, text("Plain English", "en")),
        (node, DCT.identifier, plain("5f0c-ab")),
        (node, DCT.issued, as_date(date(2024, 1, 31))),
        (node, DCT.modified, as_datetime(datetime(2024, 1, 31, 8, 15, 30, 123456, tzinfo=UTC))),
        (node, DCAT.byteSize, typed(1024, XSD.nonNegativeInteger)),
        (node, CAT.completeness, Literal(90)),
        (node, DCAT.landingPage, iri("https://example.gov.vn/a page/{x}")),
        (node, CAT.administrativeUnit, URIRef("https://data.lamdong.gov.vn/vocab/admin-units-2025/68")),
        (node, CAT["term"], blank),
        (blank, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")),
        (blank, DCT.title, Literal("no language")),
    ]:
        buffer.add(triple)  # type: ignore[arg-type]
    return buffer


@pytest.mark.parametrize("key", sorted(FORMATS))
def test_each_format_parses_back_to_the_same_triples(key: str) -> None:
    buffer = sample()
    fmt = FORMATS[key]
    parsed = parse(serialize(buffer, fmt), fmt)
    assert isomorphic(parsed, buffer.to_graph())


@pytest.mark.parametrize("key", sorted(FORMATS))
def test_pages_concatenate_into_one_valid_document(key: str) -> None:
    fmt = FORMATS[key]
    first, second = sample(), sample("https://data.example.gov.vn/dataset/b")
    out = writer(fmt)
    document = out.begin() + out.write(first) + out.write(second) + out.write(TripleBuffer()) + out.end()
    parsed = parse(document, fmt)
    expected = first.to_graph() + second.to_graph()
    assert isomorphic(parsed, expected)
    if key == "ttl":
        assert document.count("@prefix dcat:") == 1
    if key == "rdf":
        assert document.count("<rdf:RDF") == 1
    if key == "jsonld":
        body = json.loads(document)
        assert isinstance(body["@context"], dict), "the context is inlined, never a remote URL"
        assert all(node["@id"].startswith(("https://", "_:")) for node in body["@graph"])


def test_literals_from_elsewhere_with_xml_illegal_characters_still_give_valid_rdf_xml() -> None:
    buffer = TripleBuffer([(URIRef("https://x.example/a"), DCT.title, Literal("a\x00b\x1fc", lang="vi"))])
    parsed = parse(serialize(buffer, FORMATS["rdf"]), FORMATS["rdf"])
    assert {str(o) for o in parsed.objects()} == {"abc"}


def test_buffer_keeps_order_and_drops_duplicates() -> None:
    buffer = sample()
    size = len(buffer)
    for triple in list(buffer):
        buffer.add(triple)
    assert len(buffer) == size
    assert next(iter(buffer))[1] == RDF.type
    assert (URIRef("https://data.example.gov.vn/dataset/a"), RDF.type, DCAT.Dataset) in buffer


def test_format_for_suffixes_and_media_types() -> None:
    assert format_for("ttl") is FORMATS["ttl"]
    assert format_for("xml") is FORMATS["rdf"]
    assert format_for("application/ld+json; charset=utf-8") is FORMATS["jsonld"]
    assert format_for("application/json") is FORMATS["jsonld"]
    assert format_for("application/n-triples") is FORMATS["nt"]
    assert format_for("text/html") is None
    assert format_for("csv") is None


def test_text_is_normalised_stripped_and_tagged() -> None:
    literal = text("  Ho\u0302̀ sơ\x0c ", "vi")
    assert literal is not None
    assert literal.lang == "vi"
    assert literal.lexical == clean_text("Hồ sơ")
    assert text("   ", "vi") is None
    assert text(None, "en") is None


def test_iris_are_made_safe_or_dropped() -> None:
    assert iri("https://a.example/x y") == URIRef("https://a.example/x%20y")
    assert iri('https://a.example/"q"<>') == URIRef("https://a.example/%22q%22%3C%3E")
    assert iri("https://a.example/ok?x=1#f") == URIRef("https://a.example/ok?x=1#f")
    assert iri("mailto:a@b.vn") == URIRef("mailto:a@b.vn")
    for bad in (
        "",
        None,
        "relative/path",
        "javascript:alert(1)",
        "https://",
        "ftp://x",
        "two urls http://a http://b",
    ):
        assert iri(bad) is None, bad


def test_dates_are_typed_utc_and_without_microseconds() -> None:
    moment = datetime(2025, 7, 1, 9, 30, 15, 999999, tzinfo=timezone(timedelta(hours=7)))
    literal = as_datetime(moment)
    assert literal is not None
    assert literal.datatype == str(XSD.dateTime)
    assert to_rdflib(literal).toPython() == datetime(2025, 7, 1, 2, 30, 15, tzinfo=UTC)
    assert to_rdflib(as_date(date(2025, 7, 1))) == Literal("2025-07-01", datatype=XSD.date)
    assert as_datetime(None) is None

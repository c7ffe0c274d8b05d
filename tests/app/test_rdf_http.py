"""The linked-data routes over HTTP: content negotiation, suffixes, Hydra paging, modified_since, 4xx."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from dictionary.services import Context, DatasetService
from tests.factories import make_agency, make_dataset
from tests.vocab.test_dcat_mapping import build
from vocab.namespaces import DCAT, HYDRA
from vocab.rdf_writers import FORMATS, format_for, parse

BASE = "https://data.example.gov.vn"


@pytest.fixture
def client(anonymous_client: FlaskClient) -> FlaskClient:
    """These tests act as an anonymous harvester (the conftest ``client`` is an administrator)."""
    return anonymous_client


def graph_of(response) -> Graph:  # type: ignore[no-untyped-def]
    fmt = format_for(response.content_type)
    assert fmt is not None, response.content_type
    return parse(response.get_data(), fmt)


@pytest.fixture
def open_catalog(ctx: Context) -> list[str]:
    """Five open published datasets (created in this order), plus a draft and a shared one."""
    owner = make_agency(ctx)
    slugs = []
    for n in range(5):
        slug = f"mo-{n}"
        make_dataset(ctx, owner=owner, slug=slug, status="PUBLISHED", sharing_class="MO")
        slugs.append(slug)
    make_dataset(ctx, owner=owner, slug="nhap", sharing_class="MO")
    make_dataset(ctx, owner=owner, slug="dung-chung", status="PUBLISHED")
    return slugs


def datasets_in(graph: Graph) -> set[str]:
    return {str(s).rsplit("/", 1)[-1] for s in graph.subjects(RDF.type, DCAT.Dataset)}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/turtle"),
        ("text/html;q=0.9,application/ld+json", "application/ld+json"),
    ],
)
def test_catalog_negotiates_the_format(
    client: FlaskClient, open_catalog: list[str], accept: str | None, expected: str
) -> None:
    response = client.get("/catalog", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.content_type == f"{expected}; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    assert datasets_in(graph_of(response)) == set(open_catalog)


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "xml", "jsonld", "nt"])
def test_suffixes_choose_the_format_whatever_the_accept_header(
    client: FlaskClient, open_catalog: list[str], suffix: str
) -> None:
    response = client.get(f"/catalog.{suffix}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.content_type.startswith(format_for(suffix).media_type)  # type: ignore[union-attr]
    assert "Accept" not in response.headers.get("Vary", "")
    assert datasets_in(graph_of(response)) == set(open_catalog)
    dataset = client.get(f"/dataset/mo-1.{suffix}")
    assert dataset.status_code == 200
    assert datasets_in(graph_of(dataset)) == {"mo-1"}


def test_unserved_formats_are_refused(client: FlaskClient, open_catalog: list[str]) -> None:
    # The catalog has no web page: a browser asking for HTML only is told what is served.
    assert client.get("/catalog", headers={"Accept": "text/html"}).status_code == 406
    assert client.get("/dataset/mo-1", headers={"Accept": "text/csv"}).status_code == 406
    unknown = client.get("/catalog.csv")
    assert unknown.status_code == 404
    assert unknown.json["code"] == 404
    assert client.get("/dataset/mo-1.pdf").status_code == 404


def test_paging_follows_hydra_with_absolute_links_and_stable_order(
    client: FlaskClient, open_catalog: list[str]
) -> None:
    seen: list[str] = []
    url = "/catalog.ttl?page=1&page_size=2"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        graph = graph_of(response)
        page = URIRef(BASE + url.replace(".ttl", ""))
        assert (page, RDF.type, HYDRA.PagedCollection) in graph
        assert graph.value(page, HYDRA.totalItems) == Literal(5)
        assert graph.value(page, HYDRA.itemsPerPage) == Literal(2)
        assert str(graph.value(page, HYDRA.last)) == f"{BASE}/catalog?page=3&page_size=2"
        assert response.headers["X-Total-Count"] == "5"
        ordered = sorted(datasets_in(graph), key=open_catalog.index)
        seen += ordered
        next_link = graph.value(page, HYDRA.next)
        assert (next_link is None) == (graph.value(page, HYDRA.nextPage) is None)
        url = str(next_link).removeprefix(BASE).replace("/catalog?", "/catalog.ttl?") if next_link else ""
        pages += 1
    assert pages == 3
    assert seen == open_catalog, "every dataset exactly once, in creation order"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page=4&page_size=2", 404),
        ("page=0", 400),
        ("page=-1", 400),
        ("page=abc", 400),
        ("page_size=0", 400),
        ("page_size=501", 400),
        ("modified_since=yesterday", 400),
    ],
)
def test_bad_pages_are_4xx(client: FlaskClient, open_catalog: list[str], query: str, status: int) -> None:
    response = client.get(f"/catalog?{query}")
    assert response.status_code == status
    assert response.json["code"] == status


def test_page_one_of_an_empty_catalog_exists(client: FlaskClient) -> None:
    response = client.get("/catalog.ttl")
    assert response.status_code == 200
    graph = graph_of(response)
    assert (URIRef(f"{BASE}/catalog"), RDF.type, DCAT.Catalog) in graph
    assert graph.value(URIRef(f"{BASE}/catalog?page=1&page_size=100"), HYDRA.totalItems) == Literal(0)


def test_modified_since_filters_and_is_kept_in_links(
    client: FlaskClient, ctx: Context, open_catalog: list[str]
) -> None:
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()  # its "+00:00" arrives as " 00:00"
    assert datasets_in(graph_of(client.get(f"/catalog.ttl?modified_since={tomorrow}"))) == set()
    assert datasets_in(graph_of(client.get("/catalog.ttl?modified_since=2000-01-01"))) == set(open_catalog)
    cut = datetime.now(UTC)
    DatasetService(ctx).update("mo-3", {"title_vi": "Đã sửa"})
    response = client.get(f"/catalog.ttl?page_size=2&modified_since={cut.isoformat().replace('+00:00', 'Z')}")
    graph = graph_of(response)
    assert datasets_in(graph) == {"mo-3"}
    links = [str(o) for o in graph.objects(None, HYDRA.first)]
    assert links and all("modified_since=" in link for link in links)


def test_dataset_document_is_404_when_not_visible(client: FlaskClient, open_catalog: list[str]) -> None:
    assert client.get("/dataset/nhap").status_code == 404
    assert client.get("/dataset/dung-chung.ttl").status_code == 404
    assert client.get("/dataset/khong-co").status_code == 404
    assert client.get("/dataset/nhap/csvw.json").status_code == 404


def test_dataset_links_its_dictionary_and_serves_it(client: FlaskClient, ctx: Context) -> None:
    build(ctx)
    response = client.get("/dataset/ho-tich")
    assert response.status_code == 200
    assert 'rel="describedby"' in response.headers["Link"]
    csvw = client.get("/dataset/ho-tich/csvw.json")
    assert csvw.status_code == 200
    assert csvw.content_type.startswith("application/csvm+json")
    assert [c["name"] for c in json.loads(csvw.data)["tableSchema"]["columns"]] == ["so_dinh_danh"]
    schema = client.get("/dataset/ho-tich/tableschema.json")
    assert schema.status_code == 200
    assert [f["name"] for f in schema.json["fields"]] == ["so_dinh_danh"]
    head = client.head("/dataset/ho-tich.jsonld")
    assert head.status_code == 200
    assert head.content_type.startswith("application/ld+json")


def test_agency_standard_and_vocabulary_documents(client: FlaskClient, ctx: Context) -> None:
    build(ctx)
    agency = client.get("/agency/H68.06.ttl")
    assert agency.status_code == 200
    assert (URIRef(f"{BASE}/agency/H68.06"), RDF.type, URIRef("http://xmlns.com/foaf/0.1/Agent")) in graph_of(
        agency
    )
    assert client.get("/agency/H68.06", headers={"Accept": "application/ld+json"}).status_code == 200
    assert client.get("/agency/NOPE").status_code == 404
    assert client.get("/standard/STD-PID.nt").status_code == 200
    assert client.get("/standard/NOPE").status_code == 404
    scheme = client.get("/vocab/themes.ttl")
    assert scheme.status_code == 200
    themes = URIRef("https://data.lamdong.gov.vn/vocab/themes")
    assert (themes, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")) in graph_of(scheme)
    concept = client.get("/vocab/themes/KINH_TE", headers={"Accept": "application/rdf+xml"})
    assert concept.status_code == 200
    assert len(graph_of(concept)) > 3
    assert client.get("/vocab/khong-co").status_code == 404
    assert client.get("/vocab/themes/KHONG_CO").status_code == 404
    assert client.get("/vocab/themes", headers={"Accept": "text/csv"}).status_code == 406


@pytest.mark.parametrize("key", sorted(FORMATS))
def test_every_format_of_a_page_parses_to_the_same_triples(
    client: FlaskClient, ctx: Context, key: str
) -> None:
    build(ctx)
    turtle = graph_of(client.get("/catalog.ttl"))
    other = graph_of(client.get(f"/catalog.{key}"))
    assert len(other) == len(turtle) > 100
    assert set(other) == set(turtle), "no blank nodes, so the triples are equal, not just isomorphic"


def test_signed_in_administrators_see_unpublished_datasets_and_restricted_fields(
    client_as: Callable[..., FlaskClient], ctx: Context, open_catalog: list[str]
) -> None:
    build(ctx)
    admin = client_as("admin")
    graph = graph_of(admin.get("/catalog.ttl"))
    assert {"nhap", "dung-chung", "ho-tich"} <= datasets_in(graph)
    assert any(str(s).endswith("/field/dan_toc") for s in graph.subjects())
    assert admin.get("/dataset/nhap").status_code == 200

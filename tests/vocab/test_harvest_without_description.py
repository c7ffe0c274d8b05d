"""A harvested record without a description keeps none (nothing invented), and every reader copes;
described here, a dataset still needs one (the registry's rule, 422 naming the field)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef

from app.extension import catalog_of
from dictionary.errors import InvalidInput
from dictionary.services import Context, DatasetService
from tests.factories import DatasetData, make_agency
from tests.vocab.ckan_portal import serve_portal, stock_package
from tests.vocab.local_site import local_site
from tests.vocab.test_dcat_mapping import dcat
from tests.vocab.test_harvest import SOURCE, foreign_page, harvester, serve
from vocab.dcat import dataset_to_rdf
from vocab.harvest_ckan import CkanHarvester
from vocab.namespaces import DCAT, DCT
from vocab.rdf_ns import RDF

BROWSER = {"Accept": "text/html"}
PAGE = f"{SOURCE}/catalog?page=1"
TITLE = "Tập dữ liệu 1.0"


def bare_page() -> Graph:
    """One page of a foreign DCAT-AP catalog whose first dataset has no dct:description."""
    graph = foreign_page(1, datasets=2)
    graph.remove((URIRef(f"{SOURCE}/dataset/p1-0"), DCT.description, None))
    return graph


def test_a_dcat_record_without_description_keeps_none_and_is_republished_without(
    app: Flask, ctx: Context, anonymous_client: FlaskClient
) -> None:
    ctx.recorder = catalog_of(app).recorder  # indexed on commit, as the application indexes
    fetch = serve({PAGE: bare_page()})
    report = harvester(ctx, fetch).run(PAGE)
    assert report.counts() == {"created": 2}, report.items
    item = next(i for i in report.items if i.slug == "p1-0")
    assert "the source gives no description" in item.message
    dataset = DatasetService(ctx).get("p1-0")
    assert dataset.description_vi is None and dataset.title_vi == TITLE
    ours = dataset_to_rdf(dataset, dcat(ctx))
    node = next(iter(ours.subjects(RDF.type, DCAT.Dataset)))
    assert list(ours.objects(node, DCT.description)) == [], "republished without dct:description"
    assert (node, DCT.title, Literal(TITLE, lang="vi")) in ours
    ctx.session.commit()

    assert harvester(ctx, fetch).run(PAGE).counts() == {"unchanged": 2}, "a re-harvest writes nothing"

    lines = {"vi": "Nguồn thu thập không cung cấp mô tả.", "en": "The source gives no description."}
    for lang, line in lines.items():
        page = anonymous_client.get(f"/dataset/p1-0?lang={lang}", headers=BROWSER)
        assert page.status_code == 200
        assert line in page.get_data(as_text=True)
    found = anonymous_client.get("/api/v1/search", query_string={"q": TITLE}).json
    assert found["items"][0]["slug"] == "p1-0", found
    shown = anonymous_client.get("/api/v1/datasets/p1-0").json
    assert shown["description_vi"] is None and shown["title_vi"] == TITLE

    # The source that gives it a description later, and takes it away again: followed both ways.
    described = bare_page()
    described.add((URIRef(f"{SOURCE}/dataset/p1-0"), DCT.description, Literal("Mô tả mới", lang="vi")))
    assert harvester(ctx, serve({PAGE: described})).run(PAGE).counts() == {"updated": 1, "unchanged": 1}
    assert DatasetService(ctx).get("p1-0").description_vi == "Mô tả mới"
    assert harvester(ctx, fetch).run(PAGE).counts() == {"updated": 1, "unchanged": 1}
    assert DatasetService(ctx).get("p1-0").description_vi is None


def test_a_ckan_package_without_notes_keeps_none_and_our_ckan_api_says_null(
    ctx: Context, anonymous_client: FlaskClient
) -> None:
    with local_site() as site:  # its pages, answered without a socket
        base = serve_portal(site, [stock_package(0, notes=""), stock_package(1)], rows=100)
        fetch = serve({site.base + path: route[2] for path, route in site.routes.items()}, "application/json")
    created = CkanHarvester(ctx, dcat(ctx).terms, fetch).run(base)
    assert created.counts() == {"created": 2}, created.items
    item = next(i for i in created.items if i.slug == "du-toan-ngan-sach-0")
    assert "the source gives no description" in item.message
    assert CkanHarvester(ctx, dcat(ctx).terms, fetch).run(base).counts() == {"unchanged": 2}
    assert DatasetService(ctx).get("du-toan-ngan-sach-0").description_vi is None
    ctx.session.commit()
    shown = anonymous_client.get("/api/3/action/package_show?id=du-toan-ngan-sach-0").json
    assert shown["success"] and shown["result"]["notes"] is None
    assert shown["result"]["title"] == "Dự toán ngân sách 0"


@pytest.fixture
def agency(ctx: Context) -> str:
    code = make_agency(ctx).code
    ctx.session.commit()
    return code


def test_described_here_a_dataset_needs_its_description(ctx: Context, agency: str) -> None:
    without = DatasetData(owner=agency)
    del without["description_vi"]
    with pytest.raises(InvalidInput) as refused:
        DatasetService(ctx).create(without)
    assert set(refused.value.errors) == {"description_vi"}
    with pytest.raises(InvalidInput) as blank:
        DatasetService(ctx).create(DatasetData(owner=agency, description_vi="  "))
    assert set(blank.value.errors) == {"description_vi"}
    made = DatasetService(ctx).create(DatasetData(owner=agency))
    with pytest.raises(InvalidInput) as cleared:
        DatasetService(ctx).update(made.slug, {"description_vi": None})
    assert set(cleared.value.errors) == {"description_vi"}


def test_rest_create_without_description_is_422_naming_the_field(client: FlaskClient, agency: str) -> None:
    without = DatasetData(owner=agency)
    del without["description_vi"]
    refused = client.post("/api/v1/datasets", json=without)
    assert refused.status_code == 422 and set(refused.json["errors"]["json"]) == {"description_vi"}
    made = client.post("/api/v1/datasets", json=DatasetData(owner=agency))
    assert made.status_code == 201
    cleared = client.patch(
        f"/api/v1/datasets/{made.json['slug']}", json={"description_vi": None}, headers={"If-Match": '"1"'}
    )
    assert cleared.status_code == 422 and "description_vi" in cleared.json["errors"]["json"]

"""/api/v1/terms, conformance reports, suggestions, and the term at /term/<code> (page and RDF)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from tests.factories import AgencyData, DatasetData, FieldData, StandardData, TermData
from vocab.namespaces import CAT, DCT

API = "/api/v1"
BASE = "https://data.example.gov.vn"  # the test settings' CATALOG_BASE_URI


@pytest.fixture
def dictionary(client) -> dict:
    """A dictionary standard, its term, and two agencies' datasets holding it, one deviating."""
    client.post(f"{API}/standards", json=StandardData(code="TDDL", kind="DICTIONARY_TERM"))
    term = TermData(code="SO_DINH_DANH", name_vi="Số định danh cá nhân", length=12, pattern=r"\d{12}",
                    standard="TDDL", synonyms=["số định danh"], abbreviations=["CCCD"])  # fmt: skip
    created = client.post(f"{API}/terms", json=term)
    assert created.status_code == 201, created.json
    owners = []
    for slug, field in (
        ("ho-tich", FieldData(name="so_dinh_danh", length=12, example="067190001234")),
        ("giay-phep", FieldData(name="cmnd_cccd", data_type="TEXT", length=20, example="123456789")),
    ):
        agency = AgencyData()
        client.post(f"{API}/agencies", json=agency)
        owners.append(agency["code"])
        field["mappings"] = [{"standard": "TDDL", "term": "SO_DINH_DANH"}]
        response = client.post(
            f"{API}/datasets", json=DatasetData(slug=slug, owner=agency["code"], fields=[field])
        )
        assert response.status_code == 201, response.json
    return {"term": created.json, "owners": owners}


def test_term_crud_with_if_match_and_history(client, dictionary) -> None:
    url = f"{API}/terms/SO_DINH_DANH"
    read = client.get(url)
    assert read.status_code == 200 and read.headers["ETag"] == '"1"'
    assert read.json["standard"] == "TDDL" and read.json["synonyms"] == ["số định danh"]
    assert client.patch(url, json={"version": "1.1"}, headers={"If-Match": ""}).status_code == 428
    assert client.patch(url, json={"version": "1.1"}, headers={"If-Match": '"7"'}).status_code == 412
    changed = client.patch(url, json={"version": "1.1", "note": "sửa phiên bản"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    history = client.get(f"{url}/history").json
    assert [(v["version"], v["lock_version"]) for v in history] == [("1.0", 1), ("1.1", 2)]
    assert history[1]["note"] == "sửa phiên bản" and history[1]["snapshot"]["version"] == "1.1"
    # Mapped by fields: not deleted, and the failed request changed nothing.
    assert client.delete(url, headers={"If-Match": '"2"'}).status_code == 409
    assert client.get(url).headers["ETag"] == '"2"'
    assert [t["code"] for t in client.get(f"{API}/terms", query_string={"q": "định danh"}).json] == [
        "SO_DINH_DANH"
    ]


def test_bad_terms_get_a_422_naming_the_field(client, dictionary) -> None:
    bad = client.post(f"{API}/terms", json=TermData(standard="NOPE", data_type="VARCHAR", pattern="(["))
    assert bad.status_code == 422
    assert {"standard", "data_type", "pattern"} <= set(bad.json["errors"]["json"])
    assert client.post(f"{API}/terms", json=TermData(code="SO_DINH_DANH", standard="TDDL")).status_code == 409
    assert client.get(f"{API}/terms", query_string={"status": "NOPE"}).status_code == 422


def test_anonymous_callers_read_but_do_not_write(anonymous_client, dictionary) -> None:
    assert anonymous_client.get(f"{API}/terms/SO_DINH_DANH").status_code == 200
    refused = anonymous_client.patch(
        f"{API}/terms/SO_DINH_DANH", json={"length": 1}, headers={"If-Match": '"1"'}
    )
    assert refused.status_code == 401


def test_conformance_per_term_dataset_and_agency(client, dictionary) -> None:
    holders = client.get(f"{API}/terms/SO_DINH_DANH/fields").json
    assert {(h["dataset"], h["verdict"]) for h in holders} == {
        ("ho-tich", "conforms"),
        ("giay-phep", "deviates"),
    }
    report = client.get(f"{API}/datasets/giay-phep/conformance").json
    assert report["summary"] == {"checked": 1, "conforming": 0, "deviating": 1, "not_checked": 0}
    kinds = {d["kind"]: d for d in report["fields"][0]["deviations"]}
    assert set(kinds) == {"data_type", "length", "pattern"}
    assert kinds["length"]["message"] == "độ dài là 20, thuật ngữ quy định 12"
    english = client.get(f"{API}/datasets/giay-phep/conformance", headers={"Accept-Language": "en"}).json
    assert {d["kind"]: d["message"] for d in english["fields"][0]["deviations"]}["length"] == (
        "the length is 20, the term says 12"
    )
    agency = client.get(f"{API}/agencies/{dictionary['owners'][1]}/conformance").json
    assert agency["summary"]["deviating"] == 1
    assert [d["dataset"] for d in agency["datasets"]] == ["giay-phep"]
    assert (
        client.get(f"{API}/agencies/{dictionary['owners'][0]}/conformance").json["summary"]["deviating"] == 0
    )
    assert client.get(f"{API}/datasets/nope/conformance").status_code == 404
    quality = client.get(f"{API}/datasets/giay-phep").json["quality"]
    assert "fields_conform" in quality["gaps"]


def test_suggestions_offer_the_mapping_to_accept(client, dictionary) -> None:
    found = client.get(f"{API}/term-suggestions", query_string={"name": "cccd_nguoi_nop"}).json
    assert found[0]["term"] == "SO_DINH_DANH"
    assert found[0]["mapping"] == {"standard": "TDDL", "term": "SO_DINH_DANH", "relation": "exactMatch"}
    # Accepting it is adding that mapping to the field.
    etag = client.get(f"{API}/datasets/ho-tich").headers["ETag"]
    added = client.post(
        f"{API}/datasets/ho-tich/fields",
        json=FieldData(name="cccd_nguoi_nop", length=12, mappings=[found[0]["mapping"]]),
        headers={"If-Match": etag},
    )
    assert added.status_code == 201
    assert {h["field"] for h in client.get(f"{API}/terms/SO_DINH_DANH/fields").json} >= {"cccd_nguoi_nop"}
    assert client.get(f"{API}/term-suggestions", query_string={"name": "ghi_chu"}).json == []


def test_the_term_page_lists_conforming_and_deviating_fields(client, dictionary) -> None:
    page = client.get("/term/SO_DINH_DANH", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "so_dinh_danh" in html and "cmnd_cccd" in html
    assert html.count("verdict-conforms") == 1 and html.count("verdict-deviates") == 1
    assert "độ dài là 20, thuật ngữ quy định 12" in html
    english = client.get("/term/SO_DINH_DANH?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Fields that hold this element" in english
    listing = client.get("/terms", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "/term/SO_DINH_DANH" in listing


def test_terms_publish_as_valid_skos_with_their_technical_definition(client, dictionary) -> None:
    response = client.get("/term/SO_DINH_DANH.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    node = URIRef(f"{BASE}/term/SO_DINH_DANH")
    scheme = URIRef(f"{BASE}/standard/TDDL")
    assert (node, RDF.type, SKOS.Concept) in graph
    assert (node, SKOS.inScheme, scheme) in graph and (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert str(graph.value(node, CAT.pattern)) == r"\d{12}"
    assert int(graph.value(node, CAT.length)) == 12
    # SKOS integrity (S14, S13): one prefLabel per language; altLabels differ from prefLabels.
    pref = list(graph.objects(node, SKOS.prefLabel))
    assert len({label.language for label in pref}) == len(pref)
    assert not set(pref) & set(graph.objects(node, SKOS.altLabel))
    assert {str(label) for label in graph.objects(node, SKOS.altLabel)} == {"số định danh", "CCCD"}
    assert graph.value(scheme, DCT.title) is not None  # a concept scheme needs its title (DCAT-AP)
    assert client.get("/term/NOPE.ttl").status_code == 404

    dataset = Graph().parse(data=client.get("/dataset/giay-phep.ttl").get_data(as_text=True), format="turtle")
    field = URIRef(f"{BASE}/dataset/giay-phep/field/cmnd_cccd")
    assert (field, SKOS.exactMatch, node) in dataset
    assert (node, SKOS.inScheme, scheme) in dataset

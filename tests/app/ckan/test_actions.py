"""Contract of each CKAN action: its envelope, its parameters, its answer, who sees what.

A small catalog made through the REST API for each test: agency A (L68.01) owns an open dataset
with a CSV and an API distribution, a shared one, a private one and a draft; agency B (L68.02)
owns one open dataset. Every expectation is read back from the REST API where it has one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.extension import catalog_of
from search.database import DatabaseBackend
from tests.factories import DatasetData, FieldData, make_agency

API = "/api/v1"
ACTION = "/api/3/action"
CSV = {
    "kind": "FILE",
    "title_vi": "Tệp CSV",
    "access_url": "https://data.example.gov.vn/dataset/x",
    "download_url": "https://data.example.gov.vn/files/x.csv",
    "format": "CSV",
    "media_type": "text/csv",
    "licence": "CC_BY_4_0",
    "access_rights": "PUBLIC",
    "byte_size": 1234,
}
SERVICE = {
    "kind": "API",
    "title_vi": "Dịch vụ chia sẻ",
    "access_url": "https://lgsp.example.gov.vn/bi-mat",
    "format": "JSON",
    "licence": "CC_BY_4_0",
    "access_rights": "PUBLIC",
}


@pytest.fixture
def catalog(app, ctx, client) -> dict[str, Any]:
    DatabaseBackend(catalog_of(app).engine).clear()
    ctx.recorder = catalog_of(app).recorder  # index at every commit, as the app does
    make_agency(ctx, code="L68.01", name_vi="Sở Thử nghiệm A", email="a@test.lamdong.gov.vn")
    make_agency(ctx, code="L68.02", name_vi="Sở Thử nghiệm B")
    ctx.session.commit()
    made = {}
    for slug, owner, sharing, status, keywords in (
        ("ho-tich-mo", "L68.01", "MO", "PUBLISHED", ["hộ tịch", "khai sinh"]),
        ("chung", "L68.01", "DUNG_CHUNG", "PUBLISHED", ["nội bộ"]),
        ("rieng", "L68.01", "DUNG_RIENG", "PUBLISHED", ["riêng"]),
        ("nhap", "L68.01", "MO", "DRAFT", ["nháp"]),
        ("gia-dat", "L68.02", "MO", "PUBLISHED", ["giá đất"]),
    ):
        body = DatasetData(
            owner=owner,
            slug=slug,
            title_vi=f"Dữ liệu {slug}",
            sharing_class=sharing,
            status=status,
            keywords_vi=keywords,
            themes=["KINH_TE"] if slug != "ho-tich-mo" else ["DAN_CU_XA_HOI", "CHINH_PHU"],
            fields=[FieldData(name="ma", label_vi="Mã")],
        )
        assert client.post(f"{API}/datasets", json=body).status_code == 201
        made[slug] = client.get(f"{API}/datasets/{slug}").json
    for distribution in (CSV, SERVICE):
        response = client.post(f"{API}/datasets/ho-tich-mo/distributions", json=distribution)
        assert response.status_code == 201, response.json
    made["ho-tich-mo"] = client.get(f"{API}/datasets/ho-tich-mo").json
    return made


def call(client, action: str, **params: Any) -> Any:
    response = client.post(f"{ACTION}/{action}", json=params)
    body = response.json
    assert body["help"].endswith(f"/api/3/action/help_show?name={action}")
    assert response.status_code == 200, body
    assert body["success"] is True
    return body["result"]


def failure(response, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.json
    assert response.json["success"] is False
    assert response.json["error"]["__type"] == kind
    return response.json["error"]


def test_package_list_and_show_follow_rest_visibility(catalog, anonymous_client, client) -> None:
    assert call(anonymous_client, "package_list") == ["gia-dat", "ho-tich-mo"]
    assert call(anonymous_client, "package_list", limit=1, offset=1) == ["ho-tich-mo"]
    for hidden in ("chung", "rieng", "nhap"):
        assert anonymous_client.get(f"{API}/datasets/{hidden}").status_code == 404
        response = anonymous_client.get(f"{ACTION}/package_show?id={hidden}")
        failure(response, 404, "Not Found Error")
    # an administrator sees everything, drafts and private datasets by name or id
    assert call(client, "package_show", id=catalog["nhap"]["id"])["state"] == "draft"
    assert call(client, "package_show", id="rieng")["private"] is True
    everything = call(client, "package_list", include_private=True, include_drafts=True)
    assert everything == sorted(catalog)


def test_package_show_maps_the_dataset(catalog, anonymous_client) -> None:
    rest = catalog["ho-tich-mo"]
    package = call(anonymous_client, "package_show", id="ho-tich-mo")
    assert (package["id"], package["name"], package["title"]) == (rest["id"], "ho-tich-mo", rest["title_vi"])
    assert package["notes"] == rest["description_vi"]
    assert package["organization"]["title"] == "Sở Thử nghiệm A"
    assert package["organization"]["name"] == "l68-01"
    assert package["author_email"] == "a@test.lamdong.gov.vn"
    assert [g["name"] for g in package["groups"]] == ["dan-cu-xa-hoi", "chinh-phu"]
    assert [t["name"] for t in package["tags"]] == ["hộ tịch", "khai sinh"]
    assert package["license_id"] == "cc-by"
    assert package["license_url"].endswith("/licence/CC_BY_4_0")
    assert package["isopen"] is True
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["Tệp CSV"]["url"] == CSV["download_url"]
    assert resources["Tệp CSV"]["format"] == "CSV"
    assert resources["Tệp CSV"]["size"] == 1234
    assert resources["Tệp CSV"]["resource_type"] == "file"
    assert resources["Dịch vụ chia sẻ"]["resource_type"] == "api"
    assert resources["Dịch vụ chia sẻ"]["url"] == SERVICE["access_url"]
    assert resources["Dịch vụ chia sẻ"]["size"] is None  # a missing value stays missing
    assert package["num_resources"] == 2
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["sharing_class"] == rest["sharing_class"]
    assert "temporal_end" not in extras  # nothing invented
    assert package["data_dictionary"][0]["id"] == "ma"


def test_resource_show(catalog, anonymous_client, client) -> None:
    distribution = catalog["ho-tich-mo"]["distributions"][0]
    resource = call(anonymous_client, "resource_show", id=distribution["id"])
    assert resource["package_id"] == catalog["ho-tich-mo"]["id"]
    failure(anonymous_client.get(f"{ACTION}/resource_show?id=not-a-uuid"), 404, "Not Found Error")
    failure(anonymous_client.get(f"{ACTION}/resource_show"), 409, "Validation Error")


def test_package_search_filters_sorts_and_counts(catalog, anonymous_client) -> None:
    everything = call(anonymous_client, "package_search")
    assert everything["count"] == 2
    by_org = call(anonymous_client, "package_search", fq="organization:l68-01")
    assert [p["name"] for p in by_org["results"]] == ["ho-tich-mo"]
    assert call(anonymous_client, "package_search", fq="-organization:l68-01")["count"] == 1
    assert call(anonymous_client, "package_search", fq="groups:kinh-te")["count"] == 1
    assert call(anonymous_client, "package_search", fq='tags:"giá đất"')["count"] == 1
    assert call(anonymous_client, "package_search", fq="res_format:csv")["count"] == 1
    assert call(anonymous_client, "package_search", fq="organization:(l68-01 OR l68-02)")["count"] == 2
    names = [p["name"] for p in call(anonymous_client, "package_search", sort="name desc")["results"]]
    assert names == ["ho-tich-mo", "gia-dat"]
    oldest = call(anonymous_client, "package_search", sort="metadata_modified asc", rows=1)["results"]
    assert oldest[0]["name"] == "gia-dat"  # ho-tich-mo changed last (its distributions)
    facets = call(anonymous_client, "package_search", **{"facet.field": ["organization", "groups"]})
    assert facets["facets"]["organization"] == {"l68-01": 1, "l68-02": 1}
    items = facets["search_facets"]["organization"]["items"]
    assert {i["display_name"] for i in items} == {"Sở Thử nghiệm A", "Sở Thử nghiệm B"}


def test_package_search_text_agrees_with_the_site_search(catalog, anonymous_client) -> None:
    site = anonymous_client.get(f"{API}/search?q=ho tich").json
    ckan = call(anonymous_client, "package_search", q="ho tich")
    assert [p["name"] for p in ckan["results"]] == [i["slug"] for i in site["items"]] == ["ho-tich-mo"]
    fielded = call(anonymous_client, "package_search", q='organization:l68-02 AND tags:"giá đất"')
    assert [p["name"] for p in fielded["results"]] == ["gia-dat"]
    assert call(anonymous_client, "package_search", q="*:*")["count"] == 2


def test_include_private_is_for_signed_in_callers(catalog, anonymous_client, client_as) -> None:
    viewer = client_as("viewer", "L68.02")
    shown = call(viewer, "package_search", include_private=True)
    rest = viewer.get(f"{API}/datasets?status=PUBLISHED").json
    assert sorted(p["name"] for p in shown["results"]) == sorted(d["slug"] for d in rest)
    assert "chung" in [p["name"] for p in shown["results"]]
    assert call(viewer, "package_search")["count"] == 2  # CKAN's default: public ones only
    assert call(anonymous_client, "package_search", include_private=True)["count"] == 2


def test_organizations_groups_and_tags(catalog, anonymous_client) -> None:
    assert call(anonymous_client, "organization_list") == ["l68-01", "l68-02"]
    listed = call(anonymous_client, "organization_list", all_fields=True, sort="package_count desc")
    assert [(o["name"], o["package_count"]) for o in listed] == [("l68-01", 1), ("l68-02", 1)]
    shown = call(anonymous_client, "organization_show", id="l68-02", include_datasets=True)
    assert [p["name"] for p in shown["packages"]] == ["gia-dat"]
    assert call(anonymous_client, "organization_show", id=shown["id"])["name"] == "l68-02"
    groups = call(anonymous_client, "group_list", all_fields=True)
    counts = {g["name"]: g["package_count"] for g in groups}
    assert counts["kinh-te"] == 1 and counts["y-te"] == 0
    group = call(anonymous_client, "group_show", id="dan-cu-xa-hoi", include_datasets=True)
    assert [p["name"] for p in group["packages"]] == ["ho-tich-mo"]
    assert call(anonymous_client, "tag_list") == ["giá đất", "hộ tịch", "khai sinh"]
    assert call(anonymous_client, "tag_list", query="gi") == ["giá đất"]
    licences = {lic["id"]: lic for lic in call(anonymous_client, "license_list")}
    assert licences["cc-by"]["url"].endswith("/licence/CC_BY_4_0")


def test_current_package_list_with_resources(catalog, anonymous_client) -> None:
    result = call(anonymous_client, "current_package_list_with_resources", limit=1)
    assert [p["name"] for p in result] == ["ho-tich-mo"]
    assert len(result[0]["resources"]) == 2
    second = call(anonymous_client, "current_package_list_with_resources", limit=1, page=2)
    assert [p["name"] for p in second] == ["gia-dat"]


def test_site_actions(anonymous_client) -> None:
    assert call(anonymous_client, "site_read") is True
    status = call(anonymous_client, "status_show")
    assert status["api_version"] == 3
    assert anonymous_client.get("/api/3").json == {"version": 3}
    assert anonymous_client.get("/api/util/status").json["site_title"] == status["site_title"]
    assert "q, fq" in call(anonymous_client, "help_show", name="package_search")


@pytest.mark.parametrize(
    ("query", "status", "kind", "field"),
    [
        ("rows=-1", 409, "Validation Error", "rows"),
        ("rows=100000", 409, "Validation Error", "rows"),
        ("rows=ten", 409, "Validation Error", "rows"),
        ("start=-5", 409, "Validation Error", "start"),
        ("sort=nonsense", 409, "Validation Error", "sort"),
        ("sort=name%20sideways", 409, "Validation Error", "sort"),
        ("include_private=maybe", 409, "Validation Error", "include_private"),
        ('facet.field=["secret"]', 409, "Validation Error", "facet.field"),
        ("facet.field=[oops", 409, "Validation Error", "facet.field"),
        ("fq=unknown_field:x", 400, "Search Query Error", None),
        ("fq=metadata_modified:[soon%20TO%20*]", 400, "Search Query Error", None),
        ("fq=organization:(a%20OR", 400, "Search Query Error", None),
        ("fq=free%20text", 400, "Search Query Error", None),
        ("q=%22unclosed", 400, "Search Query Error", None),
        ("fq=metadata_modified:[NOW-99999999999DAYS%20TO%20*]", 400, "Search Query Error", None),
        ("q=" + "(" * 5000 + "a" + ")" * 5000, 400, "Search Query Error", None),
    ],
)
def test_bad_parameters_are_ckan_errors(anonymous_client, query, status, kind, field) -> None:
    error = failure(anonymous_client.get(f"{ACTION}/package_search?{query}"), status, kind)
    assert error["message"]
    if field:
        assert error[field]


def test_bad_calls_are_ckan_errors(app, anonymous_client) -> None:
    failure(anonymous_client.get(f"{ACTION}/no_such_action"), 400, "Bad Request")
    failure(anonymous_client.post(f"{ACTION}/package_search", data="{bad", content_type="application/json"),
            400, "Bad Request")  # fmt: skip
    failure(anonymous_client.post(f"{ACTION}/package_search", json=[1, 2]), 400, "Bad Request")
    failure(anonymous_client.post(f"{ACTION}/package_show", json={}), 409, "Validation Error")
    failure(anonymous_client.post(f"{ACTION}/package_show", json={"id": ["x"]}), 409, "Validation Error")
    failure(anonymous_client.get(f"{ACTION}/package_show?id=a%00b"), 400, "Bad Request")
    nul = '{"id": "a\\u0000b"}'
    failure(anonymous_client.post(f"{ACTION}/package_show", data=nul, content_type="application/json"),
            400, "Bad Request")  # fmt: skip
    put = anonymous_client.put(f"{ACTION}/package_list")  # no route matched: the app's own 405
    assert put.status_code == 405
    assert "POST" in put.headers["Allow"]
    refused = anonymous_client.get(f"{ACTION}/package_list", headers={"Authorization": "wrong"})
    failure(refused, 403, "Authorization Error")


def test_errors_speak_the_readers_language(app, anonymous_client) -> None:
    vietnamese = anonymous_client.get(f"{ACTION}/package_search?rows=-1").json["error"]
    english = anonymous_client.get(f"{ACTION}/package_search?rows=-1&lang=en").json["error"]
    assert vietnamese["rows"] == ["Phải là số tự nhiên (0, 1, 2…)"]
    assert english["rows"] == ["Must be a natural number (0, 1, 2…)"]
    english = anonymous_client.get(f"{ACTION}/nope", headers={"Accept-Language": "en"}).json["error"]
    assert english["message"] == "Bad request: there is no action named nope"


def test_a_post_reads_without_csrf_and_writes_nothing(catalog, client) -> None:
    before = client.get(f"{API}/datasets/ho-tich-mo").headers["ETag"]
    body = json.dumps({"id": "ho-tich-mo", "title": "changed"})
    response = client.post(f"{ACTION}/package_show", data=body, content_type="application/json")
    assert response.status_code == 200
    assert client.get(f"{API}/datasets/ho-tich-mo").headers["ETag"] == before

"""Nothing leaks: REST pages and lists, search results and facet counts, the DCAT export, CSVW and
the web pages never show a private or draft dataset, a restricted field, access details or contact
data to someone without the right, and do show them to those who have it."""

from __future__ import annotations

import json

import pytest

from app.extension import catalog_of
from search.database import DatabaseBackend
from tests.factories import DatasetData, FieldData, make_agency

API = "/api/v1"
SECRETS = ("so_cccd_mat", "Số định danh bí mật", "lienhe.bimat", "bi-mat-endpoint")
"""A restricted field (name and label), a contact's e-mail address, a service endpoint."""
DISTRIBUTION = {
    "slug": "lgsp",
    "kind": "API",
    "title_vi": "Dịch vụ chia sẻ",
    "access_url": "https://lgsp.example.gov.vn/bi-mat-endpoint",
    "access_rights": "RESTRICTED",
}


@pytest.fixture
def world(app, ctx, client, client_as) -> dict:
    """Agency A owns four datasets (open, shared, private, draft); B is another department."""
    DatabaseBackend(catalog_of(app).engine).clear()
    ctx.recorder = catalog_of(app).recorder  # index at every commit, as the app does
    make_agency(ctx, code="L68.01")
    make_agency(ctx, code="L68.02")
    ctx.session.commit()
    fields = [
        FieldData(name="ten_doi_tuong", label_vi="Tên đối tượng rò rỉ"),
        FieldData(
            name="so_cccd_mat", label_vi="Số định danh bí mật", restricted=True, personal_data="CO_BAN"
        ),
    ]
    contacts = [{"name": "Đầu mối", "email": "lienhe.bimat@lamdong.gov.vn"}]
    for slug, sharing, status in (
        ("mo", "MO", "PUBLISHED"),
        ("chung", "DUNG_CHUNG", "PUBLISHED"),
        ("rieng", "DUNG_RIENG", "PUBLISHED"),
        ("nhap", "DUNG_CHUNG", "DRAFT"),
    ):
        body = DatasetData(
            owner="L68.01",
            slug=f"ro-ri-{slug}",
            title_vi=f"Kiểm tra rò rỉ {slug}",
            sharing_class=sharing,
            status=status,
            fields=fields,
            contact_points=contacts,
        )
        assert client.post(f"{API}/datasets", json=body).status_code == 201
        assert client.post(f"{API}/datasets/ro-ri-{slug}/distributions", json=DISTRIBUTION).status_code == 201
    return {
        "anonymous": app.test_client(),
        "other": client_as("viewer", "L68.02"),
        "owner": client_as("viewer", "L68.01"),
        "platform": client_as("integration"),
    }


def text_of(response) -> str:
    return response.get_data(as_text=True)


def assert_no_secrets(response) -> None:
    body = text_of(response)
    leaked = [secret for secret in SECRETS if secret in body]
    assert leaked == [], f"{response.request.path} leaks {leaked}"


def listed(client) -> list[str]:
    return sorted(d["slug"] for d in client.get(f"{API}/datasets?q=ro-ri&page_size=50").json)


# REST ---------------------------------------------------------------------------------------


def test_lists_hold_only_visible_datasets_and_count_them(world) -> None:
    assert listed(world["anonymous"]) == ["ro-ri-mo"]
    assert listed(world["other"]) == ["ro-ri-chung", "ro-ri-mo", "ro-ri-rieng"]
    assert listed(world["platform"]) == ["ro-ri-chung", "ro-ri-mo", "ro-ri-rieng"]
    assert listed(world["owner"]) == ["ro-ri-chung", "ro-ri-mo", "ro-ri-nhap", "ro-ri-rieng"]
    response = world["anonymous"].get(f"{API}/datasets?q=ro-ri")
    assert json.loads(response.headers["X-Pagination"])["total"] == 1
    assert_no_secrets(world["other"].get(f"{API}/datasets?q=ro-ri&page_size=50"))


@pytest.mark.parametrize("who", ["anonymous", "other", "platform"])
def test_pages_of_a_visible_dataset_withhold_the_restricted_parts(world, who) -> None:
    client = world[who]
    slug = "ro-ri-mo" if who == "anonymous" else "ro-ri-chung"
    page = client.get(f"{API}/datasets/{slug}")
    assert page.status_code == 200
    assert [f["name"] for f in page.json["fields"]] == ["ten_doi_tuong"]
    assert page.json["contact_points"] == [] and page.json["distributions"][0]["access_url"] is None
    assert page.json["field_count"] == 1
    for path in ("", "/fields", "/mappings", "/distributions", "/distributions/lgsp"):
        response = client.get(f"{API}/datasets/{slug}{path}")
        assert response.status_code == 200, path
        assert_no_secrets(response)
    assert client.get(f"{API}/datasets/{slug}/fields/so_cccd_mat").status_code == 404
    dictionary = client.get(f"{API}/datasets/{slug}/dictionary.csv")
    assert dictionary.status_code == 200 and "ten_doi_tuong" in text_of(dictionary)
    assert_no_secrets(dictionary)
    expected_history = 401 if who == "anonymous" else 403
    assert client.get(f"{API}/datasets/{slug}/revisions/1").status_code == expected_history


def test_a_public_download_of_an_open_dataset_stays_public(world, client) -> None:
    """Redaction withholds non-public access details only: open data is there to be downloaded."""
    download = {
        "slug": "csv",
        "kind": "FILE",
        "title_vi": "Tệp CSV công khai",
        "access_url": "https://opendata.lamdong.gov.vn/mo.csv",
        "access_rights": "PUBLIC",
    }
    assert client.post(f"{API}/datasets/ro-ri-mo/distributions", json=download).status_code == 201
    page = world["anonymous"].get(f"{API}/datasets/ro-ri-mo").json
    urls = {d["slug"]: d["access_url"] for d in page["distributions"]}
    assert urls == {"lgsp": None, "csv": "https://opendata.lamdong.gov.vn/mo.csv"}
    turtle = text_of(world["anonymous"].get("/dataset/ro-ri-mo.ttl"))
    assert "https://opendata.lamdong.gov.vn/mo.csv" in turtle and "bi-mat-endpoint" not in turtle


@pytest.mark.parametrize("who", ["anonymous", "other", "platform"])
def test_an_invisible_dataset_does_not_exist(world, who) -> None:
    client = world[who]
    hidden = ["ro-ri-nhap"] + (["ro-ri-chung", "ro-ri-rieng"] if who == "anonymous" else [])
    for slug in hidden:
        for path in ("", "/fields", "/mappings", "/distributions", "/dictionary.xlsx", "/dcat-validation"):
            assert client.get(f"{API}/datasets/{slug}{path}").status_code == 404, (slug, path)


def test_the_owning_scope_sees_everything(world) -> None:
    owner = world["owner"]
    page = owner.get(f"{API}/datasets/ro-ri-nhap").json
    assert [f["name"] for f in page["fields"]] == ["ten_doi_tuong", "so_cccd_mat"]
    assert page["contact_points"][0]["email"] == "lienhe.bimat@lamdong.gov.vn"
    assert page["distributions"][0]["access_url"].endswith("bi-mat-endpoint")
    assert "so_cccd_mat" in text_of(owner.get(f"{API}/datasets/ro-ri-nhap/dictionary.csv"))


# Search -------------------------------------------------------------------------------------


def search(client, path: str = "", **query) -> dict:
    response = client.get(
        f"{API}/search{path}", query_string={"q": "kiem tra ro ri", "page_size": 50, **query}
    )
    assert response.status_code == 200, response.json
    assert_no_secrets(response)
    return response.json


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"ro-ri-mo"}),
        ("other", {"ro-ri-mo", "ro-ri-chung", "ro-ri-rieng"}),
        ("owner", {"ro-ri-mo", "ro-ri-chung", "ro-ri-rieng", "ro-ri-nhap"}),
    ],
)
def test_search_results_and_facet_counts_follow_visibility(world, who, expected) -> None:
    found = search(world[who])
    assert {item["slug"] for item in found["items"]} == expected
    assert found["total"] == len(expected)
    for facet, values in found["facets"].items():
        counted = sum(value["count"] for value in values)
        assert counted <= len(expected) or facet in ("theme", "format"), (facet, values)
    statuses = {value["value"].rsplit("/", 1)[-1] for value in found["facets"].get("status", [])}
    assert ("DRAFT" in statuses) is (who == "owner")
    classes = {
        value["value"].rsplit("/", 1)[-1]: value["count"]
        for value in found["facets"].get("sharing_class", [])
    }
    assert set(classes) <= {"MO", "DUNG_CHUNG", "DUNG_RIENG"} and sum(classes.values()) == len(expected)


def test_restricted_fields_are_not_searchable_without_the_right(world) -> None:
    query = {"q": "so dinh danh bi mat"}
    assert search(world["anonymous"], "/fields", **query)["total"] == 0
    assert search(world["other"], "/fields", **query)["total"] == 0
    owner = world["owner"].get(f"{API}/search/fields", query_string=query).json
    assert owner["total"] >= 1
    for who in ("anonymous", "other"):
        response = world[who].get(f"{API}/search/suggest", query_string={"q": "so dinh danh bi"})
        assert_no_secrets(response)


# DCAT, CSVW and web pages -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_the_dcat_export_shows_only_visible_datasets_without_restricted_parts(world, who) -> None:
    client = world[who]
    catalog = client.get("/catalog.ttl?page_size=100")
    assert catalog.status_code == 200
    assert_no_secrets(catalog)
    body = text_of(catalog)
    assert "ro-ri-mo" in body and "ro-ri-nhap" not in body
    assert ("ro-ri-rieng" in body) is (who == "other")
    slug = "ro-ri-mo" if who == "anonymous" else "ro-ri-chung"
    for path in (
        f"/dataset/{slug}.ttl",
        f"/dataset/{slug}.jsonld",
        f"/dataset/{slug}/csvw.json",
        f"/dataset/{slug}/tableschema.json",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secrets(response)
    assert client.get("/dataset/ro-ri-nhap.ttl").status_code == 404


def test_the_owner_gets_the_full_dictionary_in_csvw(world) -> None:
    assert "so_cccd_mat" in text_of(world["owner"].get("/dataset/ro-ri-nhap/csvw.json"))


def test_web_pages_show_nothing_restricted(world) -> None:
    html = {"Accept": "text/html"}
    for path in ("/", "/search?q=kiem+tra+ro+ri", "/dataset/ro-ri-mo"):
        response = world["anonymous"].get(path, headers=html)
        assert response.status_code == 200, path
        assert_no_secrets(response)
        assert "ro-ri-rieng" not in text_of(response) and "ro-ri-nhap" not in text_of(response)
    assert world["anonymous"].get("/dataset/ro-ri-nhap", headers=html).status_code == 404

"""/api/v1/datasets over HTTP: success and error paths, ETags, history."""

from __future__ import annotations

import json

import pytest

from dictionary import concepts as C
from tests.factories import AgencyData, DatasetData, FieldData, StandardData

API = "/api/v1"


@pytest.fixture
def owner(client) -> str:
    data = AgencyData()
    assert client.post(f"{API}/agencies", json=data).status_code == 201
    return data["code"]


@pytest.fixture
def dataset(client, owner) -> dict:
    response = client.post(f"{API}/datasets", json=DatasetData(owner=owner, slug="ho-so-tthc"))
    assert response.status_code == 201, response.json
    return response.json


def test_create_returns_the_dataset_with_uris_and_etag(client, owner) -> None:
    response = client.post(
        f"{API}/datasets",
        json=DatasetData(owner=owner, fields=[FieldData(name="ma_ho_so", personal_data="KHONG")]),
    )
    assert response.status_code == 201
    body = response.json
    assert body["sharing_class"] == C.SHARED
    assert body["owner"] == owner
    assert [f["name"] for f in body["fields"]] == ["ma_ho_so"]
    assert body["quality"]["completeness"] > 0
    assert response.headers["ETag"] == '"1"'


def test_get_by_slug_and_id_and_404(client, dataset) -> None:
    assert client.get(f"{API}/datasets/{dataset['slug']}").json["id"] == dataset["id"]
    assert client.get(f"{API}/datasets/{dataset['id']}").json["slug"] == dataset["slug"]
    missing = client.get(f"{API}/datasets/khong-co")
    assert missing.status_code == 404
    assert missing.json["code"] == 404
    assert "khong-co" in missing.json["message"]


def test_list_paginates_and_filters(client, owner) -> None:
    for n in range(5):
        client.post(
            f"{API}/datasets", json=DatasetData(owner=owner, slug=f"bo-{n}", themes=["Y_TE"] if n < 2 else [])
        )
    response = client.get(f"{API}/datasets?page=2&page_size=2")
    assert response.status_code == 200
    assert [d["slug"] for d in response.json] == ["bo-2", "bo-3"]
    assert json.loads(response.headers["X-Pagination"])["total"] == 5
    themed = client.get(f"{API}/datasets?theme=Y_TE").json
    assert {d["slug"] for d in themed} == {"bo-0", "bo-1"}
    assert len(client.get(f"{API}/datasets?agency={owner}&role=owner").json) == 5


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page_size=100000", "page_size"),
        ("theme=NOT_A_THEME", "theme"),
        ("agency=NO.SUCH", "agency"),
        ("updated_since=yesterday", "updated_since"),
        ("sort=random", "sort"),
        ("role=owner", "role"),
    ],
)
def test_bad_list_queries_name_the_parameter(client, query, field) -> None:
    response = client.get(f"{API}/datasets?{query}")
    assert response.status_code == 422, response.json
    assert field in json.dumps(response.json["errors"])


def test_patch_with_etag_and_stale_etag(client, dataset) -> None:
    url = f"{API}/datasets/{dataset['slug']}"
    ok = client.patch(url, json={"title_en": "Dossiers"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 200
    assert ok.headers["ETag"] == '"2"'
    stale = client.patch(url, json={"title_en": "Other"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"2"'
    assert client.get(url).json["title_en"] == "Dossiers"


def test_invalid_values_are_422_and_write_nothing(client, dataset) -> None:
    url = f"{API}/datasets/{dataset['slug']}"
    response = client.patch(url, json={"sharing_class": "BI_MAT", "title_en": "Changed"})
    assert response.status_code == 422
    assert "sharing_class" in response.json["errors"]["json"]
    assert client.get(url).json["title_en"] == dataset["title_en"]
    assert len(client.get(f"{url}/revisions").json) == 1


def test_duplicate_slug_is_409_naming_slug(client, owner, dataset) -> None:
    response = client.post(f"{API}/datasets", json=DatasetData(owner=owner, slug=dataset["slug"]))
    assert response.status_code == 409
    assert "slug" in response.json["errors"]["json"]


def test_delete_draft_and_refuse_published(client, owner, dataset) -> None:
    published = client.post(f"{API}/datasets", json=DatasetData(owner=owner, status="PUBLISHED")).json
    assert client.delete(f"{API}/datasets/{published['slug']}").status_code == 409
    assert client.delete(f"{API}/datasets/{dataset['slug']}").status_code == 204
    assert client.get(f"{API}/datasets/{dataset['slug']}").status_code == 404


def test_fields_bulk_replace_order_and_errors(client, dataset) -> None:
    url = f"{API}/datasets/{dataset['slug']}/fields"
    body = {"fields": [FieldData(name="b"), FieldData(name="a", personal_data="NHAY_CAM")]}
    response = client.put(url, json=body)
    assert response.status_code == 200
    assert [f["name"] for f in response.json["fields"]] == ["b", "a"]
    assert response.json["personal_data"] == C.PERSONAL_SENSITIVE

    bad = client.put(url, json={"fields": [FieldData(name="a"), FieldData(name="a"), FieldData(name="9x")]})
    assert bad.status_code == 422
    assert "2" in bad.json["errors"]["json"]["fields"]  # "9x" is not a technical name
    duplicate = client.put(url, json={"fields": [FieldData(name="a"), FieldData(name="a")]})
    assert duplicate.status_code == 422
    assert "fields.1.name" in duplicate.json["errors"]["json"]
    assert [f["name"] for f in client.get(url).json] == ["b", "a"]


def test_field_crud(client, dataset) -> None:
    url = f"{API}/datasets/{dataset['slug']}/fields"
    assert client.post(url, json=FieldData(name="ho_ten")).status_code == 201
    assert client.post(url, json=FieldData(name="ho_ten")).status_code == 409
    first = client.post(url, json=FieldData(name="so_dinh_danh", position=1))
    assert first.json["position"] == 1
    changed = client.patch(f"{url}/ho_ten", json={"personal_data": "CO_BAN", "label_en": "Full name"})
    assert changed.status_code == 200
    assert changed.json["personal_data"] == C.PERSONAL_BASIC
    assert client.patch(f"{url}/ho_ten", json={"data_type": "VARCHAR"}).status_code == 422
    assert client.get(f"{url}/khong_co").status_code == 404
    assert client.delete(f"{url}/ho_ten").status_code == 204
    assert [f["name"] for f in client.get(url).json] == ["so_dinh_danh"]


def test_mappings(client, dataset) -> None:
    client.post(f"{API}/standards", json=StandardData(code="STD-PID"))
    base = f"{API}/datasets/{dataset['slug']}"
    client.post(f"{base}/fields", json=FieldData(name="so_dinh_danh"))
    created = client.post(
        f"{base}/mappings", json={"field": "so_dinh_danh", "standard": "STD-PID", "relation": "exactMatch"}
    )
    assert created.status_code == 201
    assert created.json["relation"] == C.SKOS + "exactMatch"
    assert client.post(f"{base}/mappings", json={"field": "nope", "standard": "STD-PID"}).status_code == 422
    assert client.post(f"{base}/mappings", json={"standard": "STD-NONE"}).status_code == 422
    field = client.get(f"{base}/fields/so_dinh_danh").json
    assert [m["standard"] for m in field["mappings"]] == ["STD-PID"]
    item = f"{base}/mappings/{created.json['id']}"
    stale = client.patch(item, json={"note": "x"}, headers={"If-Match": '"0"'})
    assert stale.status_code == 412
    changed = client.patch(item, json={"relation": "closeMatch", "term": "pid", "note": "Mã định danh"})
    assert changed.status_code == 200 and changed.headers["ETag"]
    assert (changed.json["relation"], changed.json["term"]) == (C.SKOS + "closeMatch", "pid")
    assert client.patch(item, json={"relation": "sameAs"}).json["errors"]["json"]["relation"]
    assert client.patch(item, json={"standard": "STD-X"}).status_code == 422, (
        "another standard is another mapping"
    )
    assert client.get(f"{base}/mappings").json[0]["note"] == "Mã định danh"
    assert client.delete(item).status_code == 204
    assert client.get(f"{base}/mappings").json == []


def test_distributions(client, dataset) -> None:
    base = f"{API}/datasets/{dataset['slug']}/distributions"
    body = {
        "kind": "FILE", "title_vi": "Tệp CSV", "access_url": "https://data.example.gov.vn/tep.csv",
        "download_url": "https://data.example.gov.vn/tep.csv", "format": "CSV", "media_type": "text/csv",
        "licence": "CC_BY_4_0", "access_rights": "PUBLIC",
    }  # fmt: skip
    created = client.post(base, json=body)
    assert created.status_code == 201
    assert created.json["format"].endswith("/file-type/CSV")
    assert client.post(base, json=body).status_code == 409
    bad = client.post(base, json={**body, "slug": "x", "access_url": "not a url", "format": "EXE"})
    assert bad.status_code == 422
    slug = created.json["slug"]
    assert client.patch(f"{base}/{slug}", json={"title_en": "CSV file"}).json["title_en"] == "CSV file"
    assert client.delete(f"{base}/{slug}").status_code == 204
    assert client.get(f"{base}/{slug}").status_code == 404


def test_ownership_assignment(client, owner, dataset) -> None:
    other = AgencyData()
    client.post(f"{API}/agencies", json=other)
    url = f"{API}/datasets/{dataset['slug']}/ownerships"
    response = client.post(url, json={"agency": other["code"], "role": "owner", "valid_from": "2030-01-01"})
    assert response.status_code == 200
    owners = [(o["agency"], o["valid_to"]) for o in response.json["ownerships"] if o["role"] == "owner"]
    assert owners == [(owner, "2030-01-01"), (other["code"], None)]
    assert (
        client.post(url, json={"agency": "NO.SUCH", "role": "owner", "valid_from": "2031-01-01"}).status_code
        == 422
    )
    assert (
        client.post(
            url, json={"agency": other["code"], "role": "boss", "valid_from": "2031-01-01"}
        ).status_code
        == 422
    )


def test_history_diff_and_restore(client, dataset) -> None:
    base = f"{API}/datasets/{dataset['slug']}"
    client.put(f"{base}/fields", json={"fields": [FieldData(name="a"), FieldData(name="b")]})
    client.delete(f"{base}/fields/b")
    revisions = client.get(f"{base}/revisions").json
    assert [r["number"] for r in revisions] == [3, 2, 1]
    diff = client.get(f"{base}/diff?from=2&to=3").json
    assert [f["name"] for f in diff["changes"]["fields"]["removed"]] == ["b"]
    assert client.get(f"{base}/diff?from=2&to=99").status_code == 404
    assert client.get(f"{base}/diff?from=x&to=1").status_code == 422
    snapshot = client.get(f"{base}/revisions/2").json["snapshot"]
    assert [f["name"] for f in snapshot["fields"]] == ["a", "b"]

    stale = client.post(f"{base}/revisions/2/restore", headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    restored = client.post(f"{base}/revisions/2/restore")
    assert restored.status_code == 200
    assert [f["name"] for f in restored.json["fields"]] == ["a", "b"]
    assert client.get(f"{base}/revisions").json[0]["number"] == 4

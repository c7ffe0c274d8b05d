"""/api/v1/agencies, /standards and /vocabularies over HTTP."""

from __future__ import annotations

import pytest

from dictionary import concepts as C
from tests.factories import AgencyData, DatasetData, StandardData

API = "/api/v1"


def test_agency_crud_and_tree(client) -> None:
    province = AgencyData(code="H68", level="TINH")
    assert client.post(f"{API}/agencies", json=province).status_code == 201
    child = AgencyData(parent="H68")
    created = client.post(f"{API}/agencies", json=child)
    assert created.status_code == 201
    assert created.json["parent"] == "H68"
    assert created.json["level"] == C.concept("agency-levels", "SO_NGANH")
    assert [a["code"] for a in client.get(f"{API}/agencies/H68/children").json] == [child["code"]]
    assert client.get(f"{API}/agencies/NOPE/children").status_code == 404
    assert client.post(f"{API}/agencies", json=province).status_code == 409
    assert [a["code"] for a in client.get(f"{API}/agencies", query_string={"q": child["name_vi"]}).json] == [
        child["code"]
    ]

    patched = client.patch(
        f"{API}/agencies/{child['code']}", json={"name_en": "Renamed"}, headers={"If-Match": '"1"'}
    )
    assert patched.status_code == 200
    assert (
        client.patch(
            f"{API}/agencies/{child['code']}", json={"name_en": "X"}, headers={"If-Match": '"1"'}
        ).status_code
        == 412
    )
    cycle = client.patch("/api/v1/agencies/H68", json={"parent": child["code"]})
    assert cycle.status_code == 422
    assert "parent" in cycle.json["errors"]["json"]


def test_agency_rejects_bad_values(client) -> None:
    bad = client.post(f"{API}/agencies", json=AgencyData(level="QUAN", parent="NONE", valid_to="2000-01-01"))
    assert bad.status_code == 422
    assert "level" in bad.json["errors"]["json"]
    dates = client.post(f"{API}/agencies", json=AgencyData(valid_from="2025-01-01", valid_to="2024-01-01"))
    assert dates.status_code == 422
    assert "valid_to" in dates.json["errors"]["json"]


def test_rename_keeps_the_former_name(client) -> None:
    agency = AgencyData(name_vi="Sở Tài nguyên và Môi trường")
    client.post(f"{API}/agencies", json=agency)
    response = client.post(
        f"{API}/agencies/{agency['code']}/rename",
        json={"name_vi": "Sở Nông nghiệp và Môi trường", "effective_on": "2025-03-01"},
    )
    assert response.status_code == 200
    assert response.json["name_vi"] == "Sở Nông nghiệp và Môi trường"
    assert response.json["events"][0]["kind"] == C.RENAMED
    assert "Tài nguyên" in response.json["events"][0]["note"]


def test_merge_reassigns_datasets_with_history(client) -> None:
    old, new = AgencyData(valid_from="2004-01-01"), AgencyData()
    client.post(f"{API}/agencies", json=old)
    client.post(f"{API}/agencies", json=new)
    dataset = client.post(
        f"{API}/datasets", json=DatasetData(owner=old["code"], owned_since="2020-01-01")
    ).json
    merged = client.post(
        f"{API}/agencies/{new['code']}/merge",
        json={"sources": [old["code"]], "effective_on": "2025-07-01", "legal_basis": "NQ 202/2025/QH15"},
    )
    assert merged.status_code == 200
    after = client.get(f"{API}/datasets/{dataset['slug']}").json
    assert after["owner"] == new["code"]
    history = [
        (o["agency"], o["valid_from"], o["valid_to"]) for o in after["ownerships"] if o["role"] == "owner"
    ]
    assert history == [(old["code"], "2020-01-01", "2025-07-01"), (new["code"], "2025-07-01", None)]
    assert client.get(f"{API}/agencies/{old['code']}").json["valid_to"] == "2025-07-01"
    again = client.post(
        f"{API}/agencies/{new['code']}/merge", json={"sources": [old["code"]], "effective_on": "2026-01-01"}
    )
    assert again.status_code == 409
    itself = client.post(
        f"{API}/agencies/{new['code']}/merge", json={"sources": [new["code"]], "effective_on": "2026-01-01"}
    )
    assert itself.status_code == 422
    assert client.delete(f"{API}/agencies/{old['code']}").status_code == 409


def test_split_routes_each_dataset_and_records_events(client) -> None:
    old, home, health = AgencyData(valid_from="2004-01-01"), AgencyData(), AgencyData()
    for agency in (old, home, health):
        client.post(f"{API}/agencies", json=agency)
    kept = client.post(f"{API}/datasets", json=DatasetData(owner=old["code"], owned_since="2020-01-01")).json
    moved = client.post(f"{API}/datasets", json=DatasetData(owner=old["code"], owned_since="2020-01-01")).json
    response = client.post(
        f"{API}/agencies/{old['code']}/split",
        json={"into": [home["code"], health["code"]], "effective_on": "2025-03-01",
              "datasets": {moved["slug"]: health["code"]}, "legal_basis": "NĐ 45/2025/NĐ-CP"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json["valid_to"] == "2025-03-01"
    assert client.get(f"{API}/datasets/{kept['slug']}").json["owner"] == home["code"]
    assert client.get(f"{API}/datasets/{moved['slug']}").json["owner"] == health["code"]
    assert client.get(f"{API}/agencies/{health['code']}").json["events"][0]["kind"] == C.SPLIT_FROM
    bad = client.post(
        f"{API}/agencies/{home['code']}/split",
        json={
            "into": [health["code"]],
            "effective_on": "2025-04-01",
            "datasets": {"khong-co": health["code"]},
        },
    )
    assert bad.status_code == 422
    assert "datasets.khong-co" in bad.json["errors"]["json"]


def test_standard_crud(client) -> None:
    data = StandardData(code="STD-ADMIN-2025")
    created = client.post(f"{API}/standards", json=data)
    assert created.status_code == 201
    assert created.json["kind"] == C.concept("standard-kinds", "TECHNICAL_STANDARD")
    assert client.post(f"{API}/standards", json=data).status_code == 409
    assert client.get(f"{API}/standards?kind=TECHNICAL_STANDARD").json[0]["code"] == "STD-ADMIN-2025"
    assert client.get(f"{API}/standards?kind=NOPE").status_code == 422
    assert client.patch(f"{API}/standards/STD-ADMIN-2025", json={"status": "SUPERSEDED"}).status_code == 200
    assert client.patch(f"{API}/standards/STD-ADMIN-2025", json={"url": "ftp//bad url"}).status_code == 422
    assert client.delete(f"{API}/standards/STD-ADMIN-2025").status_code == 204
    assert client.get(f"{API}/standards/STD-ADMIN-2025").status_code == 404


def test_standard_in_use_cannot_be_deleted(client) -> None:
    client.post(f"{API}/standards", json=StandardData(code="STD-PID"))
    owner = AgencyData()
    client.post(f"{API}/agencies", json=owner)
    dataset = client.post(f"{API}/datasets", json=DatasetData(owner=owner["code"])).json
    client.post(f"{API}/datasets/{dataset['slug']}/mappings", json={"standard": "STD-PID"})
    assert client.delete(f"{API}/standards/STD-PID").status_code == 409


def test_vocabularies(client) -> None:
    schemes = {s["id"]: s for s in client.get(f"{API}/vocabularies").json}
    assert {"sharing-classes", "arch-components", "themes", "frequencies"} <= set(schemes)
    scheme = client.get(f"{API}/vocabularies/sharing-classes").json
    assert {c["code"] for c in scheme["concepts"]} == {"DUNG_CHUNG", "DUNG_RIENG", "MO"}
    concept = client.get(f"{API}/vocabularies/sharing-classes/MO").json
    assert concept["uri"] == C.OPEN
    assert concept["label_vi"]
    assert client.get(f"{API}/vocabularies/nope").status_code == 404
    assert client.get(f"{API}/vocabularies/sharing-classes/NOPE").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/agencies/NOPE", "/api/v1/standards/NOPE", "/api/v1/nothing"])
def test_unknown_things_are_404_in_the_error_shape(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json) >= {"code", "status", "message"}

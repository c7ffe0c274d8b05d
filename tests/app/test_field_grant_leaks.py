"""A grant narrowed to some fields shows those fields and no other restricted one, on every
surface (REST, downloads, DCAT, CSVW / Table Schema, search, revisions, diffs, web pages), and
revision messages never name a field the reader may not see."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extension import catalog_of
from dictionary.models import Agency
from dictionary.services.lookup import load_dataset
from search.database import DatabaseBackend
from tests.dictionary.spreadsheet_helpers import sheet_rows
from tests.factories import DatasetData, FieldData, make_agency, make_grant, make_principal, make_standard

API = "/api/v1"
HTML = {"Accept": "text/html"}
GRANTED = ("mat_duoc", "Nhãn được cấp quyền")
HIDDEN = ("mat_khong", "Nhãn tuyệtmật", "mat_da_xoa")
"""A restricted field the grant does not name (name and label), and one removed since."""


@pytest.fixture
def world(app, ctx, client, client_as) -> dict:
    """L70.01 owns a shared and an open dataset with a public field, a restricted field that L70.02
    holds a grant on, and a restricted one that nobody outside L70.01 was granted."""
    DatabaseBackend(catalog_of(app).engine).clear()
    ctx.recorder = catalog_of(app).recorder  # index at every commit, as the app does
    for code in ("L70.01", "L70.02", "L70.03"):
        make_agency(ctx, code=code)
    make_standard(ctx, code="STD-HEP")
    ctx.session.commit()
    for slug, sharing in (("hep-chung", "DUNG_CHUNG"), ("hep-mo", "MO")):
        body = DatasetData(
            owner="L70.01",
            slug=slug,
            title_vi=f"Kiểm tra cấp quyền {slug}",
            sharing_class=sharing,
            status="PUBLISHED",
            fields=[
                FieldData(name="ten_cong_khai", label_vi="Tên công khai"),
                FieldData(name="mat_duoc", label_vi="Nhãn được cấp quyền", restricted=True),
                FieldData(name="mat_da_xoa", label_vi="Sẽ bị xoá", restricted=True),
            ],
        )
        assert client.post(f"{API}/datasets", json=body).status_code == 201
        # Revisions whose messages name restricted fields: added, changed, mapped, removed.
        etag = {"If-Match": client.get(f"{API}/datasets/{slug}").headers["ETag"]}
        hidden = FieldData(name="mat_khong", label_vi="Nhãn tuyệtmật", restricted=True)
        response = client.post(f"{API}/datasets/{slug}/fields", json=hidden, headers=etag)
        assert response.status_code == 201, response.json
        for method, path, payload in (
            ("patch", "/fields/mat_khong", {"definition": "Định nghĩa tuyệtmật"}),
            ("patch", "/fields/mat_duoc", {"definition": "Định nghĩa được xem"}),
            ("post", "/mappings", {"field": "mat_khong", "standard": "STD-HEP", "term": "x"}),
            ("delete", "/fields/mat_da_xoa", None),
        ):
            etag = {"If-Match": client.get(f"{API}/datasets/{slug}").headers["ETag"]}
            response = getattr(client, method)(f"{API}/datasets/{slug}{path}", json=payload, headers=etag)
            assert response.status_code in (200, 201, 204), (path, response.json)
    grantee_agency = ctx.session.scalar(select(Agency.id).where(Agency.code == "L70.02"))
    requester = make_principal(ctx, "viewer", "L70.02")
    for slug in ("hep-chung", "hep-mo"):
        dataset = client.get(f"{API}/datasets/{slug}").json
        make_grant(ctx, grantee_agency, load_dataset(ctx.session, dataset["id"]), ["mat_duoc"], requester.id)
    return {
        "anonymous": app.test_client(),
        "grantee": client_as("viewer", "L70.02"),
        "outsider": client_as("viewer", "L70.03"),
        "owner": client_as("viewer", "L70.01"),
    }


def body(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, (response.request.path, response.status_code)
    return response.get_data(as_text=True)


def assert_hidden(text: str, where: str) -> None:
    leaked = [secret for secret in HIDDEN if secret in text]
    assert leaked == [], f"{where} leaks {leaked}"


# REST ---------------------------------------------------------------------------------------


def test_the_grantee_gets_the_granted_field_only(world) -> None:
    grantee = world["grantee"]
    page = grantee.get(f"{API}/datasets/hep-chung").json
    assert [f["name"] for f in page["fields"]] == ["ten_cong_khai", "mat_duoc"]
    assert page["field_count"] == 2
    for path in ("", "/fields", "/mappings", "/dictionary.csv"):
        text = body(grantee.get(f"{API}/datasets/hep-chung{path}"))
        assert_hidden(text, path)
    assert "mat_duoc" in body(grantee.get(f"{API}/datasets/hep-chung/dictionary.csv"))
    assert grantee.get(f"{API}/datasets/hep-chung/fields/mat_duoc").status_code == 200
    assert grantee.get(f"{API}/datasets/hep-chung/fields/mat_khong").status_code == 404
    workbook = grantee.get(f"{API}/datasets/hep-chung/dictionary.xlsx")
    names = [row[0] for row in sheet_rows(workbook.data)[2:]]
    assert names == ["ten_cong_khai", "mat_duoc"]


def test_the_owner_still_gets_every_field(world) -> None:
    owner = world["owner"]
    names = [f["name"] for f in owner.get(f"{API}/datasets/hep-chung/fields").json]
    assert names == ["ten_cong_khai", "mat_duoc", "mat_khong"]
    assert "mat_khong" in body(owner.get("/dataset/hep-chung/csvw.json"))
    assert [m["field"] for m in owner.get(f"{API}/datasets/hep-chung/mappings").json] == ["mat_khong"]


# DCAT, CSVW, Table Schema -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", "/csvw.json", "/tableschema.json"])
def test_linked_data_shows_the_granted_field_only(world, suffix) -> None:
    text = body(world["grantee"].get(f"/dataset/hep-chung{suffix}"))
    assert "mat_duoc" in text
    assert_hidden(text, suffix)


# Search -------------------------------------------------------------------------------------


def test_field_search_finds_the_granted_field_only(world) -> None:
    def found(who: str, q: str) -> list[str]:
        response = world[who].get(f"{API}/search/fields", query_string={"q": q, "page_size": 50})
        if who != "owner":
            assert_hidden(body(response), f"field search {q!r}")
        return sorted(item["name"] for item in response.json["items"])

    assert found("grantee", "nhan duoc cap quyen") == ["mat_duoc", "mat_duoc"]
    assert found("grantee", "nhan tuyetmat") == []
    assert found("outsider", "nhan duoc cap quyen") == []
    assert found("owner", "nhan tuyetmat") == ["mat_khong", "mat_khong"]


def test_a_hidden_field_does_not_make_its_dataset_findable(world) -> None:
    def found(who: str) -> list[str]:
        response = world[who].get(f"{API}/search", query_string={"q": "tuyetmat", "page_size": 50})
        assert "tuyệtmật" not in body(response).lower(), "never highlighted"
        return sorted(item["slug"] for item in response.json["items"])

    assert found("grantee") == []
    assert found("outsider") == []
    assert found("anonymous") == []
    assert found("owner") == ["hep-chung", "hep-mo"]


# Revisions, diffs and their messages --------------------------------------------------------


@pytest.mark.parametrize("who", ["grantee", "outsider"])
def test_revision_messages_do_not_name_hidden_fields(world, who) -> None:
    response = world[who].get(f"{API}/datasets/hep-chung/revisions?page_size=50")
    messages = [r["message"] for r in response.json]
    assert len(messages) == 6
    assert_hidden(body(response), "revisions")
    assert sum("trường hạn chế / restricted field" in m for m in messages) == (
        3 if who == "grantee" else 4
    ), messages
    assert any(m.endswith("mat_duoc") for m in messages) is (who == "grantee")


def test_the_owner_reads_the_messages_whole(world) -> None:
    messages = [r["message"] for r in world["owner"].get(f"{API}/datasets/hep-chung/revisions").json]
    assert any(m.endswith("mat_khong") for m in messages)
    assert any(m.endswith("mat_da_xoa") for m in messages)


def test_a_revision_and_a_diff_for_the_grantee_hold_the_granted_field_only(world) -> None:
    grantee = world["grantee"]
    for number in range(1, 7):
        response = grantee.get(f"{API}/datasets/hep-chung/revisions/{number}")
        assert_hidden(body(response), f"revision {number}")
        assert "mat_duoc" in [f["name"] for f in response.json["snapshot"]["fields"]]
    diff = grantee.get(f"{API}/datasets/hep-chung/diff?from=1&to=6")
    assert_hidden(body(diff), "diff")
    assert world["outsider"].get(f"{API}/datasets/hep-chung/revisions/2").status_code == 403
    owner_diff = body(world["owner"].get(f"{API}/datasets/hep-chung/diff?from=1&to=6"))
    assert "mat_khong" in owner_diff and "mat_da_xoa" in owner_diff


# Web pages ----------------------------------------------------------------------------------


def test_the_dataset_page_of_an_open_dataset_names_no_hidden_field_to_anyone(world) -> None:
    for who in ("anonymous", "outsider", "grantee"):
        text = body(world[who].get("/dataset/hep-mo", headers=HTML))
        assert_hidden(text, f"/dataset/hep-mo as {who}")
        assert "trường hạn chế / restricted field" in text, who
    assert "mat_duoc" in body(world["grantee"].get("/dataset/hep-mo", headers=HTML))
    assert "mat_khong" in body(world["owner"].get("/dataset/hep-mo", headers=HTML))


@pytest.mark.parametrize("who", ["grantee", "outsider"])
def test_the_history_page_and_its_diff_name_no_hidden_field(world, who) -> None:
    text = body(world[who].get("/dataset/hep-chung/history?from=1&to=6", headers=HTML))
    assert_hidden(text, f"history as {who}")
    assert ("mat_duoc" in text) is (who == "grantee")


# References -----------------------------------------------------------------------------------


def test_a_reference_to_a_hidden_field_is_left_out(world, client) -> None:
    """The grantee's own dataset refers to both restricted fields of hep-chung: it reads only the
    reference to the granted one (REST, web page, CSVW)."""
    body_ = DatasetData(
        owner="L70.02",
        slug="hep-tham-chieu",
        status="PUBLISHED",
        fields=[
            FieldData(name="ref_duoc", foreign_key={"dataset": "hep-chung", "field": "mat_duoc"}),
            FieldData(name="ref_khong", foreign_key={"dataset": "hep-chung", "field": "mat_khong"}),
        ],
    )
    assert client.post(f"{API}/datasets", json=body_).status_code == 201
    grantee = world["grantee"]
    fields = grantee.get(f"{API}/datasets/hep-tham-chieu/fields").json
    assert [f["foreign_key"] for f in fields] == [{"dataset": "hep-chung", "field": "mat_duoc"}, None]
    assert grantee.get(f"{API}/datasets/hep-tham-chieu/fields/ref_khong").json["foreign_key"] is None
    for path in (f"{API}/datasets/hep-tham-chieu", "/dataset/hep-tham-chieu/csvw.json"):
        assert_hidden(body(grantee.get(path)), path)
    page = body(grantee.get("/dataset/hep-tham-chieu", headers=HTML))
    assert "hep-chung.mat_duoc" in page
    assert_hidden(page, "the dataset page")
    owner_fields = world["owner"].get(f"{API}/datasets/hep-tham-chieu/fields").json
    assert owner_fields[1]["foreign_key"] == {"dataset": "hep-chung", "field": "mat_khong"}

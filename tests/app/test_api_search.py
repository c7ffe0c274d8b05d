"""/api/v1/search over HTTP: datasets, fields, suggestions, argument errors, visibility by token,
writes becoming searchable at once, and the fallback to the database when the engine is down."""

from __future__ import annotations

import json

import pytest

from app.api.search import ENGINE_UNAVAILABLE
from app.extension import catalog_of
from dictionary import concepts as C
from dictionary.services import DatasetService
from search.database import DatabaseBackend
from search.opensearch import opensearch_backend
from search.service import SearchService
from tests.factories import DatasetData
from tests.search.catalog import Catalog, build_catalog

API = "/api/v1/search"


@pytest.fixture
def catalog(app, ctx) -> Catalog:  # type: ignore[no-untyped-def]
    """The search test catalog, indexed as the application indexes: with every commit."""
    DatabaseBackend(catalog_of(app).engine).clear()
    ctx.recorder = catalog_of(app).recorder
    return build_catalog(ctx)


def slugs(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["slug"].rsplit("-", 1)[0] for item in response.json["items"]]


def test_search_datasets_with_facets_highlights_and_paging(anonymous_client, catalog) -> None:
    response = anonymous_client.get(API, query_string={"q": "ma so thue", "page_size": 2})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["engine"] == "database" and body["degraded"] is False
    assert slugs(response)[0] == "mst"
    assert body["items"][0]["highlights"]["title"] == [
        "<mark>Mã</mark> <mark>số</mark> <mark>thuế</mark> doanh nghiệp"
    ]
    assert body["page_size"] == 2 and len(body["items"]) <= 2
    assert json.loads(response.headers["X-Pagination"])["total"] == body["total"]
    agencies = {f["value"]: f for f in body["facets"]["agency"]}
    assert agencies[catalog.agencies["tc"].code]["label"] == "Sở Tài chính"
    themes = {f["value"]: f["label"] for f in anonymous_client.get(API).json["facets"]["theme"]}
    assert themes[C.concept("themes", "KINH_TE")]


def test_filters_take_codes_or_uris(anonymous_client, catalog) -> None:
    by_code = anonymous_client.get(
        API, query_string={"theme": ["DAN_CU_XA_HOI", "NONG_NGHIEP"], "sort": "title"}
    )
    by_uri = anonymous_client.get(
        API,
        query_string={
            "theme": [C.concept("themes", "DAN_CU_XA_HOI"), C.concept("themes", "NONG_NGHIEP")],
            "sort": "title",
        },
    )
    assert by_code.json["items"] == by_uri.json["items"]
    assert set(slugs(by_code)) == {"cccd", "cccd-abbr", "bhxh", "tau", "thuyloi"}
    agency = anonymous_client.get(API, query_string={"agency": catalog.agencies["ca"].code})
    assert set(slugs(agency)) == {"cccd", "cccd-abbr"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": 0}, "page"),
        ({"page_size": 101}, "page_size"),
        ({"page": 200, "page_size": 100}, "page"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"theme": "KHONG_CO"}, "theme"),
        ({"agency": "bad code!"}, "agency"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_arguments_are_422_naming_the_parameter(anonymous_client, query, field) -> None:
    response = anonymous_client.get(API, query_string=query)
    assert response.status_code == 422, response.json
    assert field in json.dumps(response.json["errors"])


def test_search_fields_and_suggest(anonymous_client, catalog) -> None:
    fields = anonymous_client.get(f"{API}/fields", query_string={"q": "so dinh danh"})
    assert fields.status_code == 200
    assert fields.json["items"][0]["name"] == "so_dinh_danh"
    assert fields.json["items"][0]["dataset_slug"] == catalog.datasets["cccd"].slug
    typed = anonymous_client.get(f"{API}/fields", query_string={"data_type": "DECIMAL"})
    assert typed.json["total"] == 0  # the only decimal field is restricted
    suggest = anonymous_client.get(f"{API}/suggest", query_string={"q": "mã số th"})
    assert suggest.status_code == 200
    assert suggest.json["suggestions"][0]["slug"] == catalog.datasets["mst"].slug
    assert anonymous_client.get(f"{API}/suggest").status_code == 422


def test_visibility_follows_the_caller(anonymous_client, client_as, catalog) -> None:
    staff = client_as("viewer", catalog.agencies["ca"].code, scopes=("read",))
    query = {"q": "thu nhập hằng tháng"}
    assert anonymous_client.get(API, query_string=query).json["total"] == 0
    assert slugs(staff.get(API, query_string=query)) == ["cccd"]
    assert anonymous_client.get(f"{API}/fields", query_string={"q": "thu nhap"}).json["total"] == 0
    assert staff.get(f"{API}/fields", query_string={"q": "thu nhap"}).json["total"] == 1
    assert anonymous_client.get(API, query_string={"q": "thanh tra"}).json["total"] == 0


def test_a_write_is_searchable_at_once(anonymous_client, ctx, catalog) -> None:
    DatasetService(ctx).create(
        DatasetData(
            owner=catalog.agencies["tn"].code,
            slug="rung-phong-ho",
            title_vi="Rừng phòng hộ đầu nguồn",
            status="PUBLISHED",
            sharing_class="MO",
        )
    )
    assert slugs(anonymous_client.get(API, query_string={"q": "rung phong ho"})) == ["rung-phong"]


def test_falls_back_to_the_database_when_the_engine_is_down(app, anonymous_client, client, catalog) -> None:
    search = catalog_of(app).search
    down = opensearch_backend("http://127.0.0.1:9", "catalog", timeout=1)  # nothing listens on port 9
    original = search.service
    search.service = SearchService(down, search.database)
    try:
        response = anonymous_client.get(API, query_string={"q": "dak nong"})
        assert response.status_code == 200
        assert response.json["degraded"] is True and response.json["engine"] == "database"
        # The public learns that the engine is down, not where it lives or what it said.
        assert response.json["reason"] == ENGINE_UNAVAILABLE
        assert slugs(response) == ["daknong"]
        suggest = anonymous_client.get(f"{API}/suggest", query_string={"q": "dak"})
        assert suggest.json["degraded"] is True and suggest.json["suggestions"]
        assert suggest.json["reason"] == ENGINE_UNAVAILABLE
        # Administrators get the engine's own error, to act on it.
        detailed = client.get(API, query_string={"q": "dak nong"}).json["reason"]
        assert "unreachable" in detailed and "127.0.0.1:9" in detailed
    finally:
        search.service = original
        down.close()


@pytest.mark.parametrize("updated", [None, "2026-11-26T08:30:00.123456+00:00"])
@pytest.mark.parametrize("score", [None, 3.25])
def test_hits_built_as_plain_dicts_are_what_the_documented_schemas_give(updated, score) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from app.api.schemas.search import DatasetHitSchema, FieldHitSchema
    from app.api.search import hit_body
    from search.interface import DatasetHit, FieldHit

    marks = {"title": ("<mark>Hộ</mark> tịch", "…"), "description": ()}
    dataset = DatasetHit(
        id="d1", slug="ho-tich", title="Hộ tịch", title_en=None, description="Sổ hộ tịch", status="s",
        sharing_class="c", agencies=("H68.11", "H68"), score=score, highlights=marks,
        updated_at=datetime.fromisoformat(updated) if updated else None,
    )  # fmt: skip
    field = FieldHit(
        id="f1", name="so_cccd", label="Số CCCD", label_en="ID number" if score else None, definition=None,
        data_type="STRING" if score else None, personal_data=None, restricted=bool(score), dataset_id="d1",
        dataset_slug="ho-tich", dataset_title="Hộ tịch", score=score, highlights=marks,
    )  # fmt: skip
    assert json.dumps(hit_body(dataset), sort_keys=True) == json.dumps(
        DatasetHitSchema().dump(dataset), sort_keys=True
    )
    assert json.dumps(hit_body(field), sort_keys=True) == json.dumps(
        FieldHitSchema().dump(field), sort_keys=True
    )


def test_the_search_answer_validates_against_its_schema(anonymous_client, catalog) -> None:  # type: ignore[no-untyped-def]
    from app.api.schemas.search import DatasetResultsSchema, FieldResultsSchema

    for path, schema in (
        (API + "?q=ma+so+thue", DatasetResultsSchema()),
        (API + "/fields", FieldResultsSchema()),
    ):
        body = anonymous_client.get(path).json
        assert body["items"], path
        assert schema.validate(body) == {}
        assert set(body) == set(schema.fields)

"""Malformed bodies at every write endpoint get a 4xx, never a 500, and change nothing.

The endpoints come from the app's URL map, so a new write endpoint is covered without editing
this file; only its path parameters need a value in ``PATH_VALUES``.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extension import catalog_of
from dictionary.models import Base
from tests.factories import AgencyData, DatasetData, FieldData, StandardData

API = "/api/v1"
WRITE_METHODS = ("POST", "PUT", "PATCH")


@pytest.fixture
def catalog(client) -> dict[str, str]:
    """One of everything, so that every path parameter names something that exists."""
    agency = AgencyData()
    assert client.post(f"{API}/agencies", json=agency).status_code == 201
    client.post(f"{API}/standards", json=StandardData(code="STD-X"))
    dataset = client.post(
        f"{API}/datasets",
        json=DatasetData(owner=agency["code"], slug="bo-du-lieu", fields=[FieldData(name="ma")]),
    ).json
    distribution = client.post(
        f"{API}/datasets/bo-du-lieu/distributions",
        json={"kind": "API", "title_vi": "Dịch vụ", "access_url": "https://lgsp.example.gov.vn/api",
              "access_rights": "RESTRICTED"},
    ).json  # fmt: skip
    mapping = client.post(f"{API}/datasets/bo-du-lieu/mappings", json={"standard": "STD-X"}).json
    source = client.post(
        f"{API}/harvest/sources",
        json={"name": "Cổng dữ liệu", "url": "https://opendata.example.gov.vn/", "kind": "ckan",
              "owner": agency["code"]},
    ).json  # fmt: skip
    return {
        "code": agency["code"],
        "slug": dataset["slug"],
        "name": "ma",
        "dist": distribution["slug"],
        "mapping_id": mapping["id"],
        "number": "1",
        "source_id": source["id"],
    }


def write_routes(app) -> list[tuple[str, str]]:
    """Every write under /api/v1 that takes a JSON body, per the URL map and its OpenAPI entry."""
    spec = app.test_client().get("/api/openapi.json").json["paths"]
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API):
            continue
        operations = spec[re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)]
        for method in sorted(set(rule.methods or ()) & set(WRITE_METHODS)):
            body = operations[method.lower()].get("requestBody", {})
            if "application/json" in body.get("content", {}):
                routes.append((method, rule.rule))
    return sorted(routes)


def fill(rule: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[-1]
        if name == "code" and "/standards/" in rule:
            return "STD-X"
        return values.get(name, "x")

    return re.sub(r"<([^>]+)>", value, rule)


def row_counts(app) -> dict[str, int]:
    session = catalog_of(app).sessionmaker()
    try:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }
    finally:
        session.close()


BAD_BODIES: list[tuple[str, bytes]] = [
    ("not json", b"{not json"),
    ("truncated", b'{"title_vi": "abc'),
    ("a list", b"[1, 2, 3]"),
    ("a string", b'"hello"'),
    ("null", b"null"),
    ("a number", b"42"),
    ("empty", b""),
    (
        "wrong types",
        json.dumps(
            {
                "title_vi": 5,
                "name": [],
                "code": {},
                "fields": "x",
                "sources": 3,
                "valid_from": "31/12/2025",
                "page": "x",
                "agency": None,
            }
        ).encode(),
    ),
    ("unknown keys", json.dumps({"zzz": 1, "__class__": "x"}).encode()),
    ("deep nesting", ("[" * 5000 + "]" * 5000).encode()),
    ("bad unicode", b'{"title_vi": "\\ud800"}'),
    ("huge numbers", json.dumps({"length": 10**400, "position": -1, "byte_size": -5}).encode()),
]


def test_every_write_route_is_covered(app, catalog) -> None:
    routes = write_routes(app)
    assert len(routes) >= 15
    for _method, rule in routes:
        for name in re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule):
            assert name in catalog, f"add a value for <{name}> of {rule} to the catalog fixture"


@pytest.mark.parametrize(("label", "body"), BAD_BODIES, ids=[label for label, _ in BAD_BODIES])
def test_bad_bodies_everywhere(app, client, catalog, label, body) -> None:
    before = row_counts(app)
    for method, rule in write_routes(app):
        url = fill(rule, catalog)
        response = client.open(url, method=method, data=body, content_type="application/json")
        assert 400 <= response.status_code < 500, (
            method,
            url,
            label,
            response.status_code,
            response.data[:300],
        )
        assert response.is_json and "message" in response.json, (method, url, label)
    assert row_counts(app) == before


def test_body_over_the_limit_is_413(app, client, catalog) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"title_vi": "x" * (limit + 10)})
    response = client.post(f"{API}/datasets", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json["code"] == 413


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_bodies_never_500(app, client, catalog, data) -> None:
    routes = write_routes(app)
    method, rule = data.draw(st.sampled_from(routes))
    body = data.draw(
        json_values
        | st.fixed_dictionaries(
            {},
            optional=dict.fromkeys(
                (
                    "title_vi",
                    "name",
                    "code",
                    "fields",
                    "owner",
                    "sharing_class",
                    "kind",
                    "sources",
                    "effective_on",
                    "access_url",
                    "standard",
                    "relation",
                    "agency",
                    "role",
                    "valid_from",
                ),
                json_values,
            ),
        )
    )
    response = client.open(fill(rule, catalog), method=method, json=body)
    assert response.status_code < 500, (method, rule, body, response.data[:300])


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/api/v1/datasets/%00", {}),
        ("GET", "/api/v1/datasets?q=%00", {}),
        ("GET", "/api/v1/search?q=a%00b", {}),
        ("POST", "/api/v1/agencies", {"json": {"code": "A\u0000B", "name_vi": "Sở", "level": "SO_NGANH"}}),
        ("POST", "/access/requests/new", {"data": {"dataset": "\x00", "title_vi": ""}}),
        ("GET", "/dataset/a%00b", {"headers": {"Accept": "text/html"}}),
    ],
)
def test_text_no_database_stores_is_400_not_500(client, method, path, kwargs) -> None:
    """A NUL character (PostgreSQL refuses it) or a lone surrogate, anywhere in a request."""
    response = client.open(path, method=method, **kwargs)
    assert response.status_code == 400, (path, response.status_code, response.get_data(as_text=True)[:300])

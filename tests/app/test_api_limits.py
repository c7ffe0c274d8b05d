"""Bounds of what a request may carry, and what a wrong method gets.

The integers come from the OpenAPI document and the methods from the URL map, so a new parameter
or route is covered without editing this file.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from app.api.schemas.common import MAX_INT
from dictionary.errors import PreconditionRequired, StaleVersion
from tests.factories import AgencyData, DatasetData, FieldData, StandardData

API = "/api/v1"
HUGE = 2**63
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def spec_of(client) -> dict[str, Any]:
    return client.get("/api/openapi.json").json


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@pytest.fixture
def existing(client) -> dict[str, str]:
    """Path values naming things that exist: access rules look some up before the arguments."""
    agency = AgencyData()
    assert client.post(f"{API}/agencies", json=agency).status_code == 201
    assert client.post(f"{API}/standards", json=StandardData(code="STD-X")).status_code == 201
    dataset = DatasetData(owner=agency["code"], slug="bo-du-lieu", fields=[FieldData(name="ma")])
    assert client.post(f"{API}/datasets", json=dataset).status_code == 201
    return {"code": agency["code"], "slug": "bo-du-lieu", "name": "ma", "number": "1"}


def path_with(
    template: str, parameters: list[dict[str, Any]], values: dict[str, str], huge: str | None = None
) -> str:
    """The template filled in from ``values`` (HUGE for the one named ``huge``), uuids, else a word."""
    kinds = {p["name"]: p["schema"] for p in parameters if p["in"] == "path"}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == huge:
            return str(HUGE)
        if name == "code" and template.startswith(f"{API}/standards/"):
            return "STD-X"
        if name in values:
            return values[name]
        return str(uuid.uuid4()) if kinds.get(name, {}).get("format") == "uuid" else "x"

    return re.sub(r"{([^}]+)}", value, template)


def operations_of(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], list]]:
    """(method, template, operation, its parameters with those declared for the whole path)."""
    for template, item in spec["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield (
                    method.upper(),
                    template,
                    operation,
                    item.get("parameters", []) + operation.get("parameters", []),
                )


def integer_parameters(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], list]]:
    for method, template, _, parameters in operations_of(spec):
        for parameter in parameters:
            if parameter.get("schema", {}).get("type") == "integer":
                yield method, template, parameter, parameters


def integer_properties(
    spec: dict[str, Any], schema: dict[str, Any], where: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path in the body, schema) of every integer a request body may hold, nested ones included."""
    schema = resolve(spec, schema)
    for name, prop in schema.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        value = resolve(spec, prop)
        if value.get("type") == "integer":
            yield (*where, name), value
        elif value.get("type") == "object" and "properties" in value:
            yield from integer_properties(spec, value, (*where, name))
        elif value.get("type") == "array":
            yield from integer_properties(spec, value.get("items", {}), (*where, name, "0"))


def body_with(path: tuple[str, ...], value: int) -> Any:
    head, *rest = path
    inner = value if not rest else body_with(tuple(rest), value)
    return [inner] if head == "0" else {head: inner}


def test_every_integer_is_bounded_in_the_document(client) -> None:
    spec = spec_of(client)
    parameters = list(integer_parameters(spec))
    assert len(parameters) >= 25, "pagination, revision and request numbers, diffs, limits…"
    for method, template, parameter, _ in parameters:
        assert parameter["schema"].get("maximum") is not None, (method, template, parameter["name"])
        assert parameter["schema"]["maximum"] <= MAX_INT, (method, template, parameter["name"])
    bodies = 0
    for method, template, operation, _ in operations_of(spec):
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        for where, prop in integer_properties(spec, content["schema"]) if content else ():
            bodies += 1
            assert prop.get("maximum") is not None, (method, template, where)
            assert prop["maximum"] <= MAX_INT, (method, template, where)
    assert bodies >= 10, "field lengths, precisions, positions, byte sizes, token days…"


def test_every_integer_parameter_refuses_2_to_the_63(client, existing) -> None:
    for method, template, parameter, parameters in integer_parameters(spec_of(client)):
        name = parameter["name"]
        if parameter["in"] == "path":
            # Past the route's converter: no such resource, whatever the method.
            response = client.open(path_with(template, parameters, existing, huge=name), method=method)
            assert response.status_code == 404, (method, template, name, response.status_code)
            continue
        assert parameter["in"] == "query", (template, parameter)
        url = path_with(template, parameters, existing)
        response = client.open(url, method=method, query_string={name: str(HUGE)}, json={})
        assert response.status_code == 422, (method, template, name, response.status_code)
        assert name in response.json["errors"]["query"], (method, template, response.json)
        assert f"query.{name}" in response.json["message"]


def test_every_integer_in_a_body_refuses_2_to_the_63(client, existing) -> None:
    spec = spec_of(client)
    checked = 0
    for method, template, operation, parameters in operations_of(spec):
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        for where, _ in integer_properties(spec, content["schema"]) if content else ():
            url = path_with(template, parameters, existing)
            response = client.open(url, method=method, json=body_with(where, HUGE),
                                   headers={"If-Match": '"1"'})  # fmt: skip
            assert response.status_code == 422, (method, template, where, response.status_code)
            errors: Any = response.json["errors"]["json"]
            for key in where:
                errors = errors[key]
            assert any("less than or equal to" in message for message in errors), (template, where)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("url", ["/api/v1/datasets?page=9223372036854775807", "/api/v1/audit?page=1000001"])
def test_a_page_past_the_last_possible_is_422(client, url: str) -> None:
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert list(response.json["errors"]["query"]) == ["page"]
    assert response.json["message"] == "Invalid values: query.page"
    vietnamese = client.get(url)
    assert vietnamese.json["message"] == "Giá trị không hợp lệ: query.page", "Vietnamese by default"


def test_every_wrong_method_is_405_with_allow(app, client) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API):
            continue
        url = re.sub(
            r"<(?:([^:>]+):)?([^>]+)>",
            lambda m: {"int": "1", "uuid": str(uuid.uuid4())}.get(m.group(1) or "", "x"),
            rule.rule,
        )
        allowed_here = {m for r in app.url_map.iter_rules() if r.rule == rule.rule for m in r.methods or ()}
        for method in set(METHODS) - allowed_here:
            response = client.open(url, method=method)
            assert response.status_code == 405, (method, url, response.status_code)
            allow = {m.strip() for m in response.headers["Allow"].split(",")}
            assert allowed_here <= allow and method not in allow, (method, url, allow)
            assert response.json["code"] == 405 and response.json["message"]
            checked += 1
    assert checked >= 50


@pytest.mark.parametrize(("error", "status"), [(PreconditionRequired(7), 428), (StaleVersion(7, '"6"'), 412)])
def test_a_missing_or_stale_if_match_answers_with_the_current_etag(app, error, status) -> None:
    with app.test_request_context(f"{API}/datasets/x", method="PATCH", headers={"Accept-Language": "en"}):
        response = app.make_response(app.handle_user_exception(error))
    assert response.status_code == status
    assert response.headers["ETag"] == '"7"'
    assert response.json["code"] == status and response.json["message"] == error.message


def test_text_refuses_control_characters_no_xml_output_could_carry(client, existing) -> None:
    response = client.patch(
        f"{API}/datasets/{existing['slug']}", json={"title_vi": "Hộ tịch\x1e", "purpose": "tab\tand\nlines"},
        headers={"If-Match": client.get(f"{API}/datasets/{existing['slug']}").headers["ETag"]},
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json["errors"]["json"]) == ["title_vi"]
    # The dictionary still exports as a workbook (the .xlsx refuses such characters).
    assert client.get(f"{API}/datasets/{existing['slug']}/dictionary.xlsx").status_code == 200

"""The OpenAPI document covers every endpoint, schema and error response, and is valid."""

from __future__ import annotations

import re

from openapi_spec_validator import validate

API = "/api/v1"


def spec_path(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


def test_document_is_valid_openapi(client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.json)


def test_every_api_route_is_documented(app, client) -> None:
    paths = client.get("/api/openapi.json").json["paths"]
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API):
            continue
        documented = paths.get(spec_path(rule.rule))
        assert documented is not None, f"{rule.rule} is missing from the OpenAPI document"
        for method in set(rule.methods or ()) - {"HEAD", "OPTIONS"}:
            assert method.lower() in documented, f"{method} {rule.rule} is not documented"


def test_every_operation_documents_success_and_errors(client) -> None:
    spec = client.get("/api/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            where = f"{method.upper()} {path}"
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), where
            assert "default" in responses, f"{where} has no default error response"
            assert operation.get("summary"), f"{where} has no summary (the view's docstring)"
            if "{" in path:
                assert "404" in responses, f"{where} does not document 404"
            if method in ("post", "put", "patch") and "requestBody" in operation:
                assert "422" in responses, f"{where} does not document 422"
            if method in ("put", "patch", "delete") and path.startswith(API + "/datasets/{slug}"):
                assert "412" in responses, f"{where} does not document 412"
                names = {p["name"] for p in operation.get("parameters", [])}
                assert "If-Match" in names, f"{where} does not document If-Match"


def test_error_shape_is_a_documented_schema(client) -> None:
    spec = client.get("/api/openapi.json").json
    error = spec["components"]["schemas"]["Error"]
    assert {"code", "status", "message", "errors"} <= set(error["properties"])

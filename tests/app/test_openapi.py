"""The OpenAPI document covers every endpoint, schema and error response, and is valid."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from openapi_spec_validator import validate

API = "/api/v1"
SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REFRESH = "catalog openapi docs/openapi.json"


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
                names = {p["name"] for p in operation.get("parameters", [])}
                assert "If-Match" in names, f"{where} does not document If-Match"


def test_if_match_is_required_and_its_refusals_carry_the_etag(client) -> None:
    spec = client.get("/api/openapi.json").json
    guarded = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            if_match = [p for p in operation.get("parameters", []) if p["name"] == "If-Match"]
            if not if_match:
                continue
            where = f"{method.upper()} {path}"
            assert if_match[0]["required"] is True, where
            for status in ("412", "428"):
                assert status in operation["responses"], f"{where} does not document {status}"
                assert "ETag" in operation["responses"][status]["headers"], f"{where} {status} lacks ETag"
            guarded += 1
    assert guarded >= 20


def test_error_shape_is_a_documented_schema(client) -> None:
    spec = client.get("/api/openapi.json").json
    error = spec["components"]["schemas"]["Error"]
    assert {"code", "status", "message", "errors"} <= set(error["properties"])


def as_snapshot(spec: dict) -> str:
    """The document as ``catalog openapi`` writes it."""
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_the_committed_snapshot_is_the_live_document(client) -> None:
    """docs/openapi.json is what clients are generated from and what reviews see change."""
    live = as_snapshot(client.get("/api/openapi.json").json)
    committed = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    if live != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                live.splitlines(keepends=True),
                "docs/openapi.json (committed)",
                "/api/openapi.json (live)",
                n=2,
            )
        )
        lines = diff.splitlines()
        shown = "\n".join(lines[:120]) + (f"\n… {len(lines) - 120} more lines" if len(lines) > 120 else "")
        raise AssertionError(
            f"The OpenAPI document changed. If the change is intended, refresh the snapshot with\n"
            f"    {REFRESH}\nand commit it.\n\n{shown}"
        )

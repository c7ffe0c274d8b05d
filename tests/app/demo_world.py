"""The demo catalog in an app of its own, with real path parameters for every API route.

The conformance and generated-client tests read a whole catalog with its nulls (agencies without
an e-mail, datasets without an end date…), not the empty database the other tests start from, so
they get their own SQLite file, loaded once per module and left alone by the per-test emptying.
Besides the demo, an access request goes through the whole workflow (opinion, approval: a grant
and notifications), so that those routes have something to show.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from app import create_app
from app.config import Settings
from app.extension import catalog_of
from dictionary.demo import load_demo
from dictionary.models import Base
from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService
from tests.factories import make_principal, make_token

API = "/api/v1"
HEALTH = "H68.11"
"""Sở Y tế: owns co-so-kcb-nguoi-hanh-nghe (published, shared) in the demo catalog."""
AGRICULTURE = "H68.06"
"""Sở Nông nghiệp và Môi trường: outside the health department's scope, so it must ask."""
REQUESTED = "co-so-kcb-nguoi-hanh-nghe"


@dataclass
class DemoWorld:
    app: Flask
    admin_token: str
    paths: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """OpenAPI path template → real values of its path parameters, e.g. ``{"slug": "ho-tich"}``."""
    queries: dict[str, dict[str, str]] = field(default_factory=dict)
    """Path template → query arguments that name real things (which revisions to compare…)."""

    def admin(self) -> FlaskClient:
        client = self.app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.admin_token}"
        return client


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 for the block: clients that speak HTTP themselves
    (ckanapi, a generated OpenAPI client, a harvester) need a real server."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=f"served-{server.server_port}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def build_demo_world(folder: Path) -> DemoWorld:
    settings = Settings(
        env="testing",
        database_url=f"sqlite:///{folder / 'demo.db'}",
        instance_path=folder,
        secret_key="demo-world-secret-key-that-is-long-enough-0123",
        base_uri="https://data.example.gov.vn",
    )
    app = create_app(settings)
    app.config["TESTING"] = True
    Base.metadata.create_all(catalog_of(app).engine)
    session = catalog_of(app).sessionmaker()
    try:
        ctx = Context(
            session=session,
            concepts=catalog_of(app).vocabularies,
            recorder=catalog_of(app).recorder,
            actor="demo-world",
        )
        load_demo(ctx)
        _harvest_source(ctx)
        tokens = {
            who: make_token(ctx, make_principal(ctx, role, agency))
            for who, (role, agency) in {
                "admin": ("admin", None),
                "requester": ("editor", AGRICULTURE),
                "steward": ("steward", HEALTH),
                "approver": ("approver", None),
            }.items()
        }
        session.commit()
    finally:
        session.close()
    catalog_of(app).search.rebuild()
    world = DemoWorld(app, tokens["admin"])
    _request_and_grant(app, tokens)
    _campaign(app, tokens)
    world.paths = _real_path_values(world.admin())
    world.queries = {
        f"{API}/datasets/{{slug}}/diff": {"from": "1", "to": "1"},
        f"{API}/access/check": {"agency": AGRICULTURE, "dataset": REQUESTED},
        f"{API}/search/suggest": {"q": "dan"},
        f"{API}/search/terms": {"q": "ma so thue"},
    }
    return world


def _harvest_source(ctx: Context) -> None:
    """A harvest source with one finished job, so that their GETs have real ids (nothing is fetched)."""
    sources = HarvestSourceService(ctx)
    source = sources.create(
        {
            "name": "Cổng dữ liệu mở (thử)",
            "url": "https://opendata.example.vn/",
            "kind": "ckan",
            "owner": HEALTH,
        }
    )
    item = {
        "uri": "https://opendata.example.vn/dataset/x",
        "identifier": None,
        "slug": None,
        "action": "failed",
        "message": "the record could not be processed",
    }
    sources.finish(
        sources.start(source, "cli"), {"counts": {"failed": 1}, "items": [item], "pages": []}, None
    )


def _as(app: Flask, token: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _request_and_grant(app: Flask, tokens: dict[str, str]) -> None:
    today = date.today()
    request = {
        "dataset": REQUESTED,
        "purpose": "Đối chiếu cơ sở hành nghề với hồ sơ thanh tra",
        "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=180)).isoformat(),
        "legal_basis": "Điều 12 QĐ 43/2022/QĐ-UBND",
    }
    created = _as(app, tokens["requester"]).post(f"{API}/access/requests", json=request)
    assert created.status_code == 201, created.json
    number = created.json["number"]
    opinion = _as(app, tokens["steward"]).post(
        f"{API}/access/requests/{number}/opinion", json={"opinion": "agree", "comment": "Đồng ý"}
    )
    assert opinion.status_code == 200, opinion.json
    approved = _as(app, tokens["approver"]).post(f"{API}/access/requests/{number}/approve", json={})
    assert approved.status_code == 201, approved.json


def _campaign(app: Flask, tokens: dict[str, str]) -> None:
    """A documentation campaign on every agency's data, opened by the coordinator."""
    body = {
        "title": "Hoàn thiện từ điển dữ liệu",
        "min_completeness": 90,
        "personal_data_assessed": True,
        "deadline": (date.today() + timedelta(days=30)).isoformat(),
    }
    created = _as(app, tokens["approver"]).post(f"{API}/campaigns", json=body)
    assert created.status_code == 201, created.json


def _ok(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.json


def _real_path_values(admin: FlaskClient) -> dict[str, list[dict[str, str]]]:
    """A few real values for each path template, read through the API as an administrator."""
    datasets = _ok(admin, f"{API}/datasets?page_size=200")
    # Datasets with fields, mappings and distributions, of several kinds and owners.
    slugs = [*[d["slug"] for d in datasets if d["field_count"]][:4], REQUESTED]
    per_dataset = {slug: _ok(admin, f"{API}/datasets/{slug}") for slug in slugs}
    agencies = [a["code"] for a in _ok(admin, f"{API}/agencies?page_size=200")]
    parents = [code for code in agencies if _ok(admin, f"{API}/agencies/{code}/children")][:2]
    standards = [s["code"] for s in _ok(admin, f"{API}/standards?page_size=5")]
    terms = [t["code"] for t in _ok(admin, f"{API}/terms?page_size=5")]
    schemes = _ok(admin, f"{API}/vocabularies")
    scheme = next(s for s in schemes if s["id"] == "data-types")
    concepts = [c["code"] for c in _ok(admin, f"{API}/vocabularies/{scheme['id']}")["concepts"]][:3]
    numbers = [str(r["number"]) for r in _ok(admin, f"{API}/access/requests")]
    users = [u["email"] for u in _ok(admin, f"{API}/users")]
    campaigns = [str(c["number"]) for c in _ok(admin, f"{API}/campaigns")]
    sources = [s["id"] for s in _ok(admin, f"{API}/harvest/sources")]
    jobs = [
        {"source_id": s, "job_id": j["id"]}
        for s in sources
        for j in _ok(admin, f"{API}/harvest/sources/{s}/jobs")
    ]
    paths: dict[str, list[dict[str, str]]] = {
        "/datasets/{slug}": [{"slug": slug} for slug in slugs],
        "/datasets/{slug}/revisions/{number}": [
            {"slug": slug, "number": str(r["number"])}
            for slug in slugs
            for r in _ok(admin, f"{API}/datasets/{slug}/revisions")[:2]
        ],
        "/datasets/{slug}/fields/{name}": [
            {"slug": slug, "name": f["name"]} for slug, d in per_dataset.items() for f in d["fields"][:3]
        ],
        "/datasets/{slug}/distributions/{dist}": [
            {"slug": slug, "dist": x["slug"]} for slug, d in per_dataset.items() for x in d["distributions"]
        ],
        "/datasets/{slug}/mappings/{mapping_id}": [
            {"slug": slug, "mapping_id": m["id"]}
            for slug in slugs
            for m in _ok(admin, f"{API}/datasets/{slug}/mappings")[:2]
        ],
        "/agencies/{code}": [{"code": code} for code in [*agencies[:4], *parents]],
        "/standards/{code}": [{"code": code} for code in standards],
        "/terms/{code}": [{"code": code} for code in terms],
        "/vocabularies/{scheme_id}": [{"scheme_id": s["id"]} for s in [*schemes[:4], scheme]],
        "/vocabularies/{scheme_id}/{code}": [{"scheme_id": scheme["id"], "code": code} for code in concepts],
        "/access/requests/{number}": [{"number": n} for n in numbers],
        "/access/grants/{number}": [{"number": n} for n in numbers],
        "/users/{name}": [{"name": email} for email in users],
        "/campaigns/{number}": [{"number": n} for n in campaigns],
        "/harvest/sources/{source_id}": [{"source_id": s} for s in sources],
        "/harvest/sources/{source_id}/jobs/{job_id}": jobs,
    }
    return {API + template: values for template, values in paths.items() if values}


def values_for(paths: dict[str, list[dict[str, str]]], template: str) -> list[dict[str, str]]:
    """Real values for a template: its own, or those of the longest template it extends
    (``/datasets/{slug}/fields`` takes the slugs of ``/datasets/{slug}``)."""
    names = set(re.findall(r"{([^}]+)}", template))
    if not names:
        return []
    candidates = [known for known in paths if template.startswith(known)]
    for known in sorted(candidates, key=len, reverse=True):
        if names <= set(paths[known][0]):
            return [{name: value[name] for name in names} for value in paths[known]]
    return []


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"{([^}]+)}", lambda match: values[match.group(1)], template)


def iter_gets(
    spec: dict[str, Any], paths: dict[str, list[dict[str, str]]]
) -> Iterator[tuple[str, dict[str, str]]]:
    """(template, path values) for every GET of the document, once per set of real path values."""
    for template, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        if "{" not in template:
            yield template, {}
            continue
        for values in values_for(paths, template):
            yield template, values

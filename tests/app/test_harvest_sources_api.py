"""/api/v1/harvest/sources (administrators, If-Match), the web pages of sources and job reports
(CSRF, "run now"), and ``catalog harvest sources``."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService
from tests.factories import make_agency
from tests.vocab.ckan_portal import serve_portal, stock_package
from tests.vocab.local_site import local_site
from tests.vocab.test_harvest import SOURCE as FOREIGN
from tests.vocab.test_harvest import foreign_page
from vocab.rdf_writers import FORMATS, serialize

SOURCE = {
    "name": "Cổng dữ liệu mở Cần Thơ",
    "url": "https://opendata.cantho.gov.vn/",
    "kind": "ckan",
    "owner": "T001.H68",
}


def test_sources_crud_with_if_match_for_administrators_only(
    client: FlaskClient, client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    make_agency(ctx, code="T001.H68")
    ctx.session.commit()
    assert client_as("editor", "T001.H68").get("/api/v1/harvest/sources").status_code == 403

    created = client.post("/api/v1/harvest/sources", json=SOURCE | {"schedule": "weekly"})
    assert created.status_code == 201, created.json
    assert created.headers["ETag"] == '"1"'
    body = created.json
    assert body["owner"] == "T001.H68" and body["time_limit"] == 600 and body["page_limit"] == 100
    item = f"/api/v1/harvest/sources/{body['id']}"

    assert client.patch(item, json={"schedule": "daily"}).status_code == 428
    assert client.patch(item, json={"schedule": "daily"}, headers={"If-Match": '"9"'}).status_code == 412
    changed = client.patch(item, json={"schedule": "daily"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.json["schedule"] == "daily"

    refused = client.post("/api/v1/harvest/sources", json=SOURCE | {"kind": "sparql", "time_limit": 0})
    assert refused.status_code == 422 and set(refused.json["errors"]["json"]) == {"kind", "time_limit"}
    duplicate = client.post("/api/v1/harvest/sources", json=SOURCE)
    assert duplicate.status_code == 409 and "name" in duplicate.json["errors"]["json"]
    own = client.post(
        "/api/v1/harvest/sources", json=SOURCE | {"name": "x", "url": "https://data.example.gov.vn/catalog"}
    )
    assert own.status_code == 422 and "url" in own.json["errors"]["json"]

    assert client.get(f"{item}/jobs").json == []
    assert client.get(f"{item}/jobs/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.delete(item, headers={"If-Match": '"2"'}).status_code == 204
    assert client.get(item).status_code == 404


def test_cli_adds_lists_runs_and_runs_due(app: Flask, ctx: Context) -> None:
    from app.cli_harvest import harvest

    make_agency(ctx, code="T001.H68")
    ctx.session.commit()
    runner = app.test_cli_runner()
    with local_site() as site:
        base = serve_portal(site, [stock_package(n) for n in range(2)], rows=100)
        added = runner.invoke(
            harvest,
            [
                "sources",
                "add",
                "--name",
                "Cần Thơ",
                "--url",
                base,
                "--kind",
                "ckan",
                "--owner",
                "T001.H68",
                "--schedule",
                "daily",
            ],
        )
        assert added.exit_code == 0, added.output
        source_id = added.output.split()[0]
        listed = runner.invoke(harvest, ["sources", "list"])
        assert "Cần Thơ" in listed.output and "never run" in listed.output
        due = runner.invoke(harvest, ["sources", "run-due"])
        assert due.exit_code == 0 and "succeeded (schedule): 2 created" in due.output, due.output
        assert "No source is due." in runner.invoke(harvest, ["sources", "run-due"]).output
        again = runner.invoke(harvest, ["sources", "run", source_id])
        assert again.exit_code == 0 and "2 unchanged" in again.output
        shown = runner.invoke(harvest, ["sources", "show", source_id])
        assert "owner T001.H68, schedule daily" in shown.output and shown.output.count("succeeded") >= 2
        refused = runner.invoke(
            harvest, ["sources", "add", "--name", "x", "--url", "ftp://x", "--owner", "NOPE"]
        )
        assert refused.exit_code == 1 and "url:" in refused.output and "owner:" in refused.output
        unknown = runner.invoke(harvest, ["sources", "show", "0000aaaa-0000-4000-8000-000000000000"])
        assert (
            unknown.exit_code == 1
            and "does not exist" in unknown.output
            and "Traceback" not in unknown.output
        )


def test_post_jobs_runs_the_source_now_and_answers_its_report(
    client: FlaskClient, client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    make_agency(ctx, code="T001.H68")
    ctx.session.commit()
    body = serialize(foreign_page(1, datasets=2), FORMATS["ttl"]).encode()
    with local_site() as site:
        url = site.page("/catalog.ttl", body)
        created = client.post(
            "/api/v1/harvest/sources",
            json={"name": "Sở TNMT", "url": url, "kind": "dcat", "owner": "T001.H68"},
        ).json
        jobs = f"/api/v1/harvest/sources/{created['id']}/jobs"
        assert client_as("editor", "T001.H68").post(jobs).status_code == 403
        ran = client.post(jobs)
        assert ran.status_code == 201, ran.json
        assert ran.json["status"] == "succeeded" and ran.json["trigger"] == "manual"
        assert ran.json["counts"] == {"created": 2}
        assert {i["uri"] for i in ran.json["items"]} == {f"{FOREIGN}/dataset/p1-0", f"{FOREIGN}/dataset/p1-1"}
        assert ran.headers["Location"].endswith(f"{jobs}/{ran.json['id']}")
        assert client.get(ran.headers["Location"]).json["counts"] == {"created": 2}
        again = client.post(jobs)
        assert again.status_code == 201 and again.json["counts"] == {"unchanged": 2}
        assert site.requested == ["/catalog.ttl", "/catalog.ttl"]

        service = HarvestSourceService(ctx)
        running = service.start(service.get(uuid.UUID(created["id"])), "schedule")
        ctx.session.commit()
        busy = client.post(jobs, headers={"Accept-Language": "en"})
        assert busy.status_code == 409 and busy.json["message"] == "A run of this source is in progress"
        assert client.post(f"{jobs}?lang=vi").json["message"] != busy.json["message"], (
            "in the reader's language"
        )
        assert len(site.requested) == 2, "a refused run fetches nothing"
        assert running.status == "running"
    assert client.post("/api/v1/harvest/sources/0000aaaa-0000-4000-8000-000000000000/jobs").status_code == 404

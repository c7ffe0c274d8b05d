"""``catalog export dcat``, ``catalog validate dcat``, ``catalog harvest`` and their REST twins."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from rdflib.namespace import RDF

from app.cli import main
from app.cli_dcat import export_group, harvest, validate_group
from dictionary.services import Context
from tests.vocab.test_dcat_mapping import build
from tests.vocab.test_harvest import foreign_page
from vocab.namespaces import DCAT
from vocab.rdf_writers import FORMATS, parse, serialize


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {".ttl": "text/turtle"}  # noqa: RUF012 - the stdlib handler reads a class attribute

    def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
        return None


@pytest.fixture
def source(tmp_path: Path) -> Iterator[str]:
    """Another portal's DCAT-AP catalog, two Turtle pages, over real HTTP on localhost."""
    site = tmp_path / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for number, next_number in ((1, 2), (2, None)):
        text = serialize(foreign_page(number, next_number=next_number), FORMATS["ttl"])
        for n in (1, 2):
            text = text.replace(f"https://source.example.org/catalog?page={n}", f"{base}/page{n}.ttl")
        (site / f"page{number}.ttl").write_text(text, encoding="utf-8")
    url = f"{base}/page1.ttl"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


def test_commands_are_registered() -> None:
    runner = CliRunner()
    for command in (["export", "dcat", "--help"], ["validate", "dcat", "--help"], ["harvest", "--help"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("key", sorted(FORMATS))
def test_export_writes_the_published_catalog(app: Flask, ctx: Context, tmp_path: Path, key: str) -> None:
    build(ctx)
    target = tmp_path / f"catalog.{key}"
    result = app.test_cli_runner().invoke(
        export_group, ["dcat", "--format", key, "-o", str(target), "--batch-size", "1"]
    )
    assert result.exit_code == 0, result.output
    graph = parse(target.read_bytes(), FORMATS[key])
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert not any(str(s).endswith("/field/dan_toc") for s in graph.subjects()), "anonymous view only"


def test_validate_reports_each_shape_file(app: Flask, ctx: Context) -> None:
    build(ctx)
    runner = app.test_cli_runner()
    result = runner.invoke(validate_group, ["dcat"])
    assert result.exit_code == 0, result.output
    for key in ("shapes-3.0.0", "range-3.0.0", "vocabularies-3.0.0", "shapes-2.1.1", "recommended-3.0.0"):
        assert key in result.output
    everything = runner.invoke(validate_group, ["dcat", "--all"])
    assert everything.exit_code == 0, everything.output
    assert "Checked 1 dataset(s)" in everything.output
    one = runner.invoke(validate_group, ["dcat", "--dataset", "ho-tich", "--warnings"])
    assert one.exit_code == 0, one.output
    assert "warning [vocabularies-3.0.0]" in one.output and "dct:publisher" in one.output


def test_harvest_over_http_with_dry_run(app: Flask, ctx: Context, source: str) -> None:
    runner = app.test_cli_runner()
    dry = runner.invoke(harvest, [source, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "2 page(s)" in dry.output and "4 would be created" in dry.output
    real = runner.invoke(harvest, [source])
    assert real.exit_code == 0, real.output
    assert "Summary: 4 created" in real.output
    assert "Summary: 4 unchanged" in runner.invoke(harvest, [source]).output


def test_harvest_refuses_this_catalog_itself(app: Flask) -> None:
    result = app.test_cli_runner().invoke(harvest, ["https://data.example.gov.vn/catalog"])
    assert result.exit_code != 0
    assert "own" in result.output


def test_rest_harvest_is_for_administrators(
    client: FlaskClient, anonymous_client: FlaskClient, source: str
) -> None:
    assert anonymous_client.post("/api/v1/harvest", json={"url": source}).status_code == 401
    dry = client.post("/api/v1/harvest", json={"url": source, "dry_run": True})
    assert dry.status_code == 200, dry.json
    assert dry.json["counts"] == {"would be created": 4}
    done = client.post("/api/v1/harvest", json={"url": source})
    assert done.json["counts"] == {"created": 4}
    assert len(done.json["pages"]) == 2
    assert client.post("/api/v1/harvest", json={"url": "ftp://x.example/c"}).status_code == 422


def test_rest_validation_of_one_dataset(
    client: FlaskClient, anonymous_client: FlaskClient, ctx: Context
) -> None:
    build(ctx)
    response = anonymous_client.get("/api/v1/datasets/ho-tich/dcat-validation")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["conforms"] is True and body["violations"] == 0
    assert body["profiles"]["shapes-3.0.0"] == {"violations": 0, "warnings": 0}
    assert all(r["message"] and r["severity"] in ("Warning", "Info") for r in body["results"])
    quick = client.get("/api/v1/datasets/ho-tich/dcat-validation?recommended=false").json
    assert "recommended-3.0.0" not in quick["profiles"]
    assert anonymous_client.get("/api/v1/datasets/khong-co/dcat-validation").status_code == 404

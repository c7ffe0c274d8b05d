"""Optimistic locking over HTTP: every write to a versioned record names the version it edited.

Datasets (with their fields, mappings, distributions, owners and revisions), agencies and
standards carry an ETag. A write without If-Match (or with ``*``) is refused with 428 and the
current ETag, a weak or stale one with 412; a write that waits too long for another is a 503
with Retry-After. None of them writes anything.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from app import create_app
from app.extension import catalog_of
from tests.factories import AgencyData, DatasetData, FieldData, StandardData

API = "/api/v1"
VERSIONED = re.compile(r"^/api/v1/(datasets|agencies|standards)/<")


@pytest.fixture
def world(client) -> dict[str, Any]:
    """A dataset with a field, a mapping, a distribution and two revisions; agencies; a standard."""
    agencies = [AgencyData() for _ in range(4)]
    for agency in agencies:
        assert client.post(f"{API}/agencies", json=agency).status_code == 201
    standard = StandardData()
    assert client.post(f"{API}/standards", json=standard).status_code == 201
    dataset = client.post(f"{API}/datasets", json=DatasetData(owner=agencies[0]["code"])).json
    slug = dataset["slug"]
    assert client.post(f"{API}/datasets/{slug}/fields", json=FieldData(name="ma_so")).status_code == 201
    mapping = client.post(
        f"{API}/datasets/{slug}/mappings", json={"standard": standard["code"], "field": "ma_so"}
    ).json
    distribution = {
        "slug": "tep-csv", "kind": "FILE", "title_vi": "Tệp CSV",
        "access_url": "https://data.example.gov.vn/tep.csv", "access_rights": "PUBLIC",
    }  # fmt: skip
    assert client.post(f"{API}/datasets/{slug}/distributions", json=distribution).status_code == 201
    return {"slug": slug, "agencies": [a["code"] for a in agencies], "standard": standard["code"],
            "mapping": mapping["id"]}  # fmt: skip


def writes(world: dict[str, Any]) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """(method, rule) → (path, request arguments) of every write to a versioned record, each valid
    but for its missing If-Match."""
    slug, (_owner, a1, a2, a3), std = world["slug"], world["agencies"], world["standard"]
    csv_file = {"file": (io.BytesIO("ten_truong,nhan\r\nmoi,Mới\r\n".encode()), "tu-dien.csv")}
    # fmt: off
    return {
        ("PATCH", "/api/v1/agencies/<code>"): (f"/agencies/{a1}", {"json": {"name_en": "Renamed"}}),
        ("DELETE", "/api/v1/agencies/<code>"): (f"/agencies/{a3}", {}),
        ("POST", "/api/v1/agencies/<code>/rename"): (
            f"/agencies/{a1}/rename", {"json": {"name_vi": "Tên mới", "effective_on": "2026-01-01"}}),
        ("POST", "/api/v1/agencies/<code>/merge"): (
            f"/agencies/{a1}/merge", {"json": {"sources": [a2], "effective_on": "2026-01-01"}}),
        ("POST", "/api/v1/agencies/<code>/split"): (
            f"/agencies/{a2}/split", {"json": {"into": [a1], "effective_on": "2026-01-01"}}),
        ("PATCH", "/api/v1/datasets/<slug>"): (f"/datasets/{slug}", {"json": {"title_en": "Blind"}}),
        ("DELETE", "/api/v1/datasets/<slug>"): (f"/datasets/{slug}", {}),
        ("POST", "/api/v1/datasets/<slug>/ownerships"): (
            f"/datasets/{slug}/ownerships", {"json": {"agency": a1, "role": "custodian",
                                                      "valid_from": "2026-01-01"}}),
        ("POST", "/api/v1/datasets/<slug>/revisions/<int:number>/restore"): (
            f"/datasets/{slug}/revisions/1/restore", {}),
        ("POST", "/api/v1/datasets/<slug>/fields"): (f"/datasets/{slug}/fields", {"json": FieldData()}),
        ("PUT", "/api/v1/datasets/<slug>/fields"): (
            f"/datasets/{slug}/fields", {"json": {"fields": [FieldData()]}}),
        ("PATCH", "/api/v1/datasets/<slug>/fields/<name>"): (
            f"/datasets/{slug}/fields/ma_so", {"json": {"label_vi": "Mã số mới"}}),
        ("DELETE", "/api/v1/datasets/<slug>/fields/<name>"): (f"/datasets/{slug}/fields/ma_so", {}),
        ("POST", "/api/v1/datasets/<slug>/mappings"): (
            f"/datasets/{slug}/mappings", {"json": {"standard": std}}),
        ("PATCH", "/api/v1/datasets/<slug>/mappings/<uuid:mapping_id>"): (
            f"/datasets/{slug}/mappings/{world['mapping']}", {"json": {"note": "Ghi chú"}}),
        ("DELETE", "/api/v1/datasets/<slug>/mappings/<uuid:mapping_id>"): (
            f"/datasets/{slug}/mappings/{world['mapping']}", {}),
        ("POST", "/api/v1/datasets/<slug>/distributions"): (
            f"/datasets/{slug}/distributions", {"json": {"slug": "api", "kind": "API", "title_vi": "API",
                                                         "access_url": "https://api.example.gov.vn",
                                                         "access_rights": "PUBLIC"}}),
        ("PATCH", "/api/v1/datasets/<slug>/distributions/<dist>"): (
            f"/datasets/{slug}/distributions/tep-csv", {"json": {"title_vi": "Tệp"}}),
        ("DELETE", "/api/v1/datasets/<slug>/distributions/<dist>"): (
            f"/datasets/{slug}/distributions/tep-csv", {}),
        ("POST", "/api/v1/datasets/<slug>/dictionary/import"): (
            f"/datasets/{slug}/dictionary/import?dry_run=false", {"data": csv_file}),
        ("PATCH", "/api/v1/standards/<code>"): (f"/standards/{std}", {"json": {"title_en": "Blind"}}),
        ("DELETE", "/api/v1/standards/<code>"): (f"/standards/{std}", {}),
    }
    # fmt: on


OTHER_GUARDS = {
    # It writes terms, not the standard (whose version a term's edit does not change): the dry
    # run's confirmation token guards it (428 without, 412 stale), tests/dictionary/test_term_import.py.
    ("POST", "/api/v1/standards/<code>/terms/import"),
}


def test_the_table_covers_every_write_to_a_versioned_record(app: Flask, world) -> None:
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if VERSIONED.match(rule.rule)
        for method in rule.methods or ()
        if method in ("POST", "PUT", "PATCH", "DELETE")
    }
    assert routes == set(writes(world)) | OTHER_GUARDS


@pytest.mark.parametrize("if_match", [None, "*"])
def test_every_write_without_a_version_is_428_and_writes_nothing(client, world, if_match) -> None:
    client.auto_if_match = False
    for (method, _rule), (path, kwargs) in writes(world).items():
        owner = re.match(r"^/(datasets|agencies|standards)/[^/?]+", path).group(0)  # type: ignore[union-attr]
        before = client.get(API + owner)
        headers = {} if if_match is None else {"If-Match": if_match}
        response = client.open(API + path, method=method, headers=headers, **kwargs)
        assert response.status_code == 428, (method, path, response.json)
        assert response.headers["ETag"] == before.headers["ETag"], (method, path)
        assert "If-Match" in response.json["message"]
        after = client.get(API + owner)
        assert after.headers["ETag"] == before.headers["ETag"] and after.json == before.json, (method, path)


def test_weak_and_stale_etags_are_412(client, world) -> None:
    path = f"{API}/datasets/{world['slug']}"
    etag = client.get(path).headers["ETag"]
    for given in (f"W/{etag}", '"1"', '"99999999999999999999"', "garbage"):
        response = client.patch(path, json={"title_en": "No"}, headers={"If-Match": given})
        assert response.status_code == 412 and response.headers["ETag"] == etag, given
    listed = client.patch(path, json={"title_en": "Yes"}, headers={"If-Match": f'"1", {etag}'})
    assert listed.status_code == 200 and listed.headers["ETag"] != etag


def test_a_write_waiting_past_the_lock_timeout_is_503_and_writes_nothing(app: Flask, client, world) -> None:
    """Another transaction holds the dataset; the write gives up after the lock timeout."""
    impatient = create_app(replace(catalog_of(app).settings, lock_timeout_ms=300))
    impatient.config["TESTING"] = True
    impatient.test_client_class = type(client)
    path = f"{API}/datasets/{world['slug']}"
    etag = client.get(path).headers["ETag"]
    engine = catalog_of(app).engine
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite's one write lock
            else:
                connection.execute(text("SELECT 1 FROM dataset FOR UPDATE"))
            held.set()
            release.wait(10)
            connection.rollback()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        writer = impatient.test_client()
        writer.environ_base.update(client.environ_base)
        response = writer.patch(path, json={"title_en": "Late"}, headers={"If-Match": etag})
    finally:
        release.set()
        holder.join()
        catalog_of(impatient).engine.dispose()
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "1"
    assert "SELECT" not in response.get_data(as_text=True) and "locked" not in response.json["message"]
    assert client.get(path).json["title_en"] != "Late" and client.get(path).headers["ETag"] == etag


def test_every_read_of_a_dataset_part_carries_the_etag_a_write_of_it_needs(client, world) -> None:
    """A client that reads the fields (or a mapping, a distribution) can write them back."""
    slug = world["slug"]
    etag = client.get(f"{API}/datasets/{slug}").headers["ETag"]
    for part in ("fields", "fields/ma_so", "mappings", "distributions", "distributions/tep-csv"):
        assert client.get(f"{API}/datasets/{slug}/{part}").headers.get("ETag") == etag, part
    client.auto_if_match = False
    fields = client.get(f"{API}/datasets/{slug}/fields")
    replaced = client.put(f"{API}/datasets/{slug}/fields", json={"fields": [FieldData(name="moi")]},
                          headers={"If-Match": fields.headers["ETag"]})  # fmt: skip
    assert replaced.status_code == 200

"""The CKAN Action API read by the standard CKAN client, ckanapi, as harvesters read it.

The demo catalog is served on 127.0.0.1 (as the generated-client test serves it) and read through
``ckanapi.RemoteCKAN`` the ways ckanext-harvest's CKAN harvester (package_search paged by
``start`` with ``sort=id asc`` and ``fq=metadata_modified:[… TO *]``, then organization_show and
group_show of what the packages name), udata's CKAN backend (status, package_list, package_show
of each name, ``q=organization:… AND tags:…`` with rows=1000) and ``ckanapi dump datasets`` do.
What comes back is compared with what the REST API gives for the same datasets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.app.demo_world import API, REQUESTED, DemoWorld, build_demo_world, served

pytestmark = pytest.mark.own_database  # its own SQLite file, whatever CATALOG_TEST_DATABASE says

ckanapi = pytest.importorskip("ckanapi")

CKANAPI = Path(sys.executable).with_name("ckanapi")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DemoWorld:
    return build_demo_world(Path(tmp_path_factory.mktemp("ckan")))


@pytest.fixture(scope="module")
def base_url(world: DemoWorld) -> Iterator[str]:
    with served(world.app) as url:
        yield url


@pytest.fixture
def remote(base_url: str) -> Iterator[Any]:
    with ckanapi.RemoteCKAN(base_url, user_agent="catalog-tests") as client:
        yield client


def rest_open_datasets(world: DemoWorld) -> dict[str, dict[str, Any]]:
    """What the REST API shows anonymously: the published open datasets, in full."""
    anonymous = world.app.test_client()
    listed = anonymous.get(f"{API}/datasets?page_size=200").json
    return {d["slug"]: anonymous.get(f"{API}/datasets/{d['slug']}").json for d in listed}


def harvest_pages(remote: Any, rows: int, fq: str | None = None) -> list[dict[str, Any]]:
    """ckanext-harvest's gather stage: page by ``start`` until an empty page, sorted by id."""
    params: dict[str, Any] = {"rows": rows, "start": 0, "sort": "id asc"}
    if fq:
        params["fq"] = fq
    packages: list[dict[str, Any]] = []
    previous = None
    while True:
        page = remote.action.package_search(**params)
        assert page != previous, "the paging does not move (ckanext-harvest stops the source)"
        previous = page
        if not page["results"]:
            return packages
        packages.extend(page["results"])
        params["start"] += rows


def test_harvester_paging_gets_every_visible_dataset_exactly_once(world: DemoWorld, remote: Any) -> None:
    expected = rest_open_datasets(world)
    packages = harvest_pages(remote, rows=7)
    names = [p["name"] for p in packages]
    assert len(expected) > 7 * 3  # several pages
    assert sorted(names) == sorted(expected)  # none missing, none twice
    assert len(set(names)) == len(names)
    ids = [p["id"] for p in packages]
    assert ids == sorted(ids)  # sort=id asc, across pages
    counts = {remote.action.package_search(rows=0)["count"], len(expected)}
    assert len(counts) == 1


def test_package_show_of_each_matches_the_rest_api(world: DemoWorld, remote: Any) -> None:
    expected = rest_open_datasets(world)
    for name in remote.action.package_list():
        package = remote.action.package_show(id=name)
        rest = expected[name]
        assert package["id"] == rest["id"]
        assert package["title"] == rest["title_vi"]
        assert package["notes"] == rest["description_vi"]
        assert package["url"] == (rest["landing_page"] or "")
        assert package["private"] is False
        assert package["state"] == "active"
        assert package["type"] == "dataset"
        assert package["organization"]["extras"][0] == {"key": "code", "value": rest["owner"]}
        assert package["owner_org"] == package["organization"]["id"]
        assert [t["name"] for t in package["tags"]] == list(
            dict.fromkeys(rest["keywords_vi"] + rest["keywords_en"])
        )
        assert {r["id"] for r in package["resources"]} == {d["id"] for d in rest["distributions"]}
        by_id = {d["id"]: d for d in rest["distributions"]}
        for resource in package["resources"]:
            distribution = by_id[resource["id"]]
            assert resource["url"] == (distribution["download_url"] or distribution["access_url"])
            assert resource["mimetype"] == distribution["media_type"]
            assert resource["size"] == distribution["byte_size"]
            assert resource["format"] == (distribution["format"] or "").rsplit("/", 1)[-1]
        assert [f["id"] for f in package["data_dictionary"]] == [f["name"] for f in rest["fields"]]
        modified = datetime.fromisoformat(rest["updated_at"]).astimezone(UTC).replace(tzinfo=None)
        assert package["metadata_modified"] == modified.isoformat(timespec="microseconds")
        extras = {e["key"]: e["value"] for e in package["extras"]}
        assert extras["sharing_class"] == rest["sharing_class"]
        assert json.loads(extras["theme"]) == rest["themes"]
        # by id too, as the harvester's import stage refers to it
        assert remote.action.package_show(id=package["id"])["name"] == name


def test_incremental_harvest_returns_only_what_changed(world: DemoWorld, remote: Any) -> None:
    before = harvest_pages(remote, rows=50)
    time.sleep(0.01)
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    changed = before[3]["name"]
    admin = world.admin()
    etag = admin.get(f"{API}/datasets/{changed}").headers["ETag"]
    response = admin.patch(f"{API}/datasets/{changed}", json={"version": "9.9"}, headers={"If-Match": etag})
    assert response.status_code == 200, response.json
    # ckanext-harvest's filter: metadata_modified since the last run, in Solr syntax
    recent = harvest_pages(remote, rows=5, fq=f"metadata_modified:[{since} TO *]")
    assert [p["name"] for p in recent] == [changed]
    assert recent[0]["version"] == "9.9"
    assert harvest_pages(remote, rows=5, fq=f"metadata_modified:{{{since} TO NOW]") == recent


def test_organizations_and_groups_as_the_harvester_fetches_them(remote: Any) -> None:
    packages = harvest_pages(remote, rows=100)
    organizations = remote.action.organization_list(all_fields=True)
    by_id = {o["id"]: o for o in organizations}
    for package in packages:
        shown = remote.action.organization_show(id=package["owner_org"])
        assert shown["name"] == package["organization"]["name"]
        assert shown["package_count"] == by_id[shown["id"]]["package_count"]
        for group in package["groups"]:
            assert remote.action.group_show(id=group["name"])["id"] == group["id"]
    owned = {o["name"]: o["package_count"] for o in organizations if o["package_count"]}
    assert sum(owned.values()) == len(packages)
    one = max(owned, key=owned.__getitem__)
    filtered = harvest_pages(remote, rows=3, fq=f"organization:{one}")
    assert len(filtered) == owned[one]
    assert {p["organization"]["name"] for p in filtered} == {one}
    excluded = harvest_pages(remote, rows=50, fq=f"-organization:{one}")
    assert len(excluded) == len(packages) - owned[one]


def test_udata_backend_calls(base_url: str, remote: Any) -> None:
    import requests

    status = requests.get(f"{base_url}/api/util/status", timeout=10).json()
    assert status["api_version"] == 3
    names = remote.action.package_list()
    package = remote.action.package_show(id=names[0])
    organization = package["organization"]["name"]
    tag = package["tags"][0]["name"]
    found = remote.action.package_search(q=f'organization:{organization} AND tags:"{tag}"', rows=1000)
    assert package["name"] in [p["name"] for p in found["results"]]
    for result in found["results"]:
        assert result["organization"]["name"] == organization
        assert tag in [t["name"] for t in result["tags"]]
    for resource in package["resources"]:
        assert resource["resource_type"] in ("file", "api")
        assert isinstance(resource["description"], str)
        assert remote.action.resource_show(id=resource["id"])["url"] == resource["url"]


def test_get_only_client_and_facets(base_url: str) -> None:
    with ckanapi.RemoteCKAN(base_url, get_only=True) as client:
        answer = client.action.package_search(rows=0, **{"facet.field": json.dumps(["res_format", "groups"])})
    formats = answer["facets"]["res_format"]
    assert formats and all(count > 0 for count in formats.values())
    csv = formats.get("CSV")
    assert csv is not None
    with ckanapi.RemoteCKAN(base_url) as client:
        assert client.action.package_search(fq="res_format:CSV", rows=0)["count"] == csv


def test_restricted_datasets_only_for_who_may_see_them(world: DemoWorld, base_url: str, remote: Any) -> None:
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id=REQUESTED)
    assert REQUESTED not in remote.action.package_list()
    staff = ckanapi.RemoteCKAN(base_url, apikey=world.admin_token)  # CKAN's bare-token header
    assert staff.action.package_show(id=REQUESTED)["private"] is True
    private = staff.action.package_search(include_private=True, fq=f"name:{REQUESTED}")
    assert [p["name"] for p in private["results"]] == [REQUESTED]
    assert staff.action.package_search(fq=f"name:{REQUESTED}")["count"] == 0  # CKAN's default
    anonymous = remote.action.package_search(include_private=True, fq=f"name:{REQUESTED}")
    assert anonymous["count"] == 0  # ignored for anonymous callers
    with pytest.raises(ckanapi.NotAuthorized):
        ckanapi.RemoteCKAN(base_url, apikey="not-a-token").action.package_list()


def test_errors_come_as_ckan_errors(remote: Any) -> None:
    with pytest.raises(ckanapi.ValidationError) as invalid:
        remote.action.package_search(rows=-1)
    assert "rows" in invalid.value.error_dict
    with pytest.raises(ckanapi.ValidationError) as too_many:
        remote.action.package_search(rows=100000)
    assert "rows" in too_many.value.error_dict
    with pytest.raises(ckanapi.ValidationError) as sort:
        remote.action.package_search(sort="nonsense")
    assert "sort" in sort.value.error_dict
    with pytest.raises(ckanapi.SearchQueryError):
        remote.action.package_search(fq="metadata_modified:[yesterday TO *]")
    with pytest.raises(ckanapi.NotFound):
        remote.action.organization_show(id="no-such-org")
    with pytest.raises(ckanapi.CKANAPIError):
        remote.call_action("no_such_action")


def test_ckanapi_dump_datasets_of_the_whole_catalog(world: DemoWorld, base_url: str, tmp_path: Path) -> None:
    output = tmp_path / "datasets.jsonl"
    done = subprocess.run(  # noqa: S603 - our own virtualenv's ckanapi, against our own server
        [str(CKANAPI), "dump", "datasets", "--all", "-r", base_url, "-O", str(output), "-p", "1", "-q"],
        capture_output=True, text=True, timeout=300, check=False,
        # the dump starts its workers as "ckanapi …", found on the PATH
        env={**os.environ, "PATH": f"{CKANAPI.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    dumped = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert sorted(p["name"] for p in dumped) == sorted(rest_open_datasets(world))

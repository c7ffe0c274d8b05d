"""The demo catalog as an anonymous API caller meets it after a fresh ``make run``.

``GET /api/v1/datasets`` without credentials lists the published open datasets only (DESIGN §6);
the demo publishes more than 30 of them, and none carries personal data or a restricted field.
"""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from dictionary import concepts as C
from dictionary.demo import load_demo
from dictionary.services import Context

API = "/api/v1"


def test_anonymous_callers_see_at_least_thirty_open_datasets(
    ctx: Context, anonymous_client: FlaskClient
) -> None:
    load_demo(ctx)
    response = anonymous_client.get(f"{API}/datasets?page_size=200")
    assert response.status_code == 200
    listed = response.json
    assert len(listed) >= 30
    assert json.loads(response.headers["X-Pagination"])["total"] == len(listed)
    assert {item["sharing_class"] for item in listed} == {C.OPEN}
    assert {item["status"] for item in listed} == {C.PUBLISHED}
    assert {item["personal_data"] for item in listed} == {C.PERSONAL_NONE}
    # What a new user's first `curl /api/v1/datasets` shows: all of them, on the default page.
    first = anonymous_client.get(f"{API}/datasets")
    assert json.loads(first.headers["X-Pagination"])["total"] == len(listed)
    assert [item["slug"] for item in first.json] == [item["slug"] for item in listed]


def test_no_open_dataset_has_a_personal_or_restricted_field(
    ctx: Context, anonymous_client: FlaskClient, client: FlaskClient
) -> None:
    load_demo(ctx)
    listed = anonymous_client.get(f"{API}/datasets?page_size=200").json
    owners = set()
    for item in listed:
        # Restricted fields are redacted for anonymous callers: read the whole dictionary as an
        # administrator, and check that the public sees all of it.
        whole = client.get(f"{API}/datasets/{item['slug']}").json
        assert whole["fields"], item["slug"]
        flagged = [
            f["name"] for f in whole["fields"] if f["personal_data"] != C.PERSONAL_NONE or f["restricted"]
        ]
        assert flagged == [], item["slug"]
        public = anonymous_client.get(f"{API}/datasets/{item['slug']}").json
        assert [f["name"] for f in public["fields"]] == [f["name"] for f in whole["fields"]]
        files = [d for d in public["distributions"] if d["access_rights"].endswith("/PUBLIC")]
        assert files, f"{item['slug']} has no public distribution"
        owners.add(whole["owner"])
    assert len(owners) >= 8, "open data comes from many agencies"

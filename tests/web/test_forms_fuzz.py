"""Whatever a browser (or someone pretending to be one) posts to a page, the answer is never a 500.

The form routes come from the URL map (every POST outside the API), so a new form is covered
without editing this file; its path parameters need a value in ``PATH_VALUES``. The posts are made
as an administrator with a token (no CSRF token needed, every rule passes), so they reach the
form handling itself rather than stopping at the guard.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.dictionary.hostile_files import shared_strings_bomb
from tests.factories import AgencyData, DatasetData, FieldData

API = "/api/v1"
FORM_KEYS = (
    "action", "title_vi", "title_en", "description_vi", "owner", "status", "sharing_class",
    "importance", "db_category", "arch_component", "themes", "keywords_vi", "frequency",
    "data_updated_on", "temporal_start", "lock_version", "name", "label_vi", "data_type", "length",
    "position", "required", "personal_data", "restricted", "standard", "term", "relation", "mapping",
    "field", "distribution", "kind", "access_url", "access_rights", "format", "dataset", "purpose",
    "legal_basis", "period_start", "period_end", "fields", "opinion", "comment", "reason", "next",
    "email", "password",
)  # fmt: skip
"""Names the forms read, and a few they do not."""

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "1e999", "NaN", "2025-02-30",
                     "31/12/2025", "javascript:alert(1)", "http://", "MO", "DRAFT", "STRING",
                     "publish", "delete", "add", "save", "approve", "agree", "x" * 5000, "\x00",
                     "Đắk Nông", "ma", "bo-du-lieu"]),
)  # fmt: skip
forms = st.dictionaries(st.sampled_from(FORM_KEYS), st.one_of(odd_text, st.lists(odd_text, max_size=3)))


@pytest.fixture
def world(client: FlaskClient, client_as: Callable[..., FlaskClient]) -> dict[str, Any]:
    """One of everything a form's URL can name: a dataset with a field, request 1 and grant 1."""
    owner, other = AgencyData(), AgencyData()
    for agency in (owner, other):
        assert client.post(f"{API}/agencies", json=agency).status_code == 201
    for slug in ("bo-du-lieu", "bo-thu-hai"):
        dataset = DatasetData(
            owner=owner["code"], slug=slug, status="PUBLISHED", sharing_class="DUNG_CHUNG",
            fields=[FieldData(name="ma")],
        )  # fmt: skip
        assert client.post(f"{API}/datasets", json=dataset).status_code == 201
    requester = client_as("editor", other["code"])
    today = datetime.now(UTC).date()
    for slug in ("bo-du-lieu", "bo-thu-hai"):
        asked = requester.post(
            f"{API}/access/requests",
            json={"dataset": slug, "purpose": "Đối chiếu", "legal_basis": "NĐ 47/2020",
                  "period_start": today.isoformat(), "period_end": (today + timedelta(days=30)).isoformat()},
        )  # fmt: skip
        assert asked.status_code == 201, asked.json
    opinion = client_as("steward", owner["code"]).post(
        f"{API}/access/requests/1/opinion", json={"opinion": "agree"}
    )
    assert opinion.status_code == 200, opinion.json
    approved = client_as("approver").post(f"{API}/access/requests/1/approve", json={})
    assert approved.status_code == 201, approved.json
    # "Run now" is among the fuzzed forms: the source's port refuses at once (nothing leaves the host).
    source = client.post(
        f"{API}/harvest/sources",
        json={"name": "Cổng dữ liệu", "url": "http://127.0.0.1:9/catalog.ttl", "kind": "dcat",
              "owner": owner["code"], "time_limit": 5},
    )  # fmt: skip
    assert source.status_code == 201, source.json
    # Only agency staff ask for access; everything else is posted as the administrator.
    return {
        "slug": "bo-du-lieu",
        "name": "ma",
        "number": "1",
        "token": "khong-co-that",
        "source_id": source.json["id"],
        "requester": requester,
    }


def form_routes(app: Flask) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or ()) and not rule.rule.startswith(("/api/", "/login", "/logout"))
    )


def fill(rule: str, values: dict[str, Any]) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda match: values.get(match.group(1), "x"), rule)


def test_every_form_route_is_known(app: Flask) -> None:
    routes = form_routes(app)
    assert len(routes) >= 10
    for rule in routes:
        for name in re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule):
            known = ("slug", "name", "number", "token", "source_id")
            assert name in known, f"give <{name}> of {rule} a value in world()"


# too_slow: on a loaded 2-core machine drawing a form can take seconds; the test is about the answers.
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_posted_forms_never_500(app: Flask, client: FlaskClient, world: dict[str, Any], data) -> None:
    rule = data.draw(st.sampled_from(form_routes(app)))
    form = data.draw(forms)
    caller = world["requester"] if rule == "/access/requests/new" else client
    response = caller.post(fill(rule, world), data=form, headers={"Accept": "text/html"})
    assert response.status_code < 500, (rule, form, response.get_data(as_text=True)[:300])


def test_an_upload_that_is_not_a_spreadsheet_is_a_message(client: FlaskClient, world: dict[str, Any]) -> None:
    for content in (b"", b"\x00\x01PK\x03\x04garbage", "tên,kiểu\n".encode("utf-16"), b"a" * 10_000):
        response = client.post(
            "/dataset/bo-du-lieu/import",
            data={"action": "preview", "file": (io.BytesIO(content), "tu-dien.xlsx")},
            content_type="multipart/form-data",
            headers={"Accept": "text/html"},
        )
        assert 200 <= response.status_code < 500, (content[:20], response.status_code)


def test_an_over_budget_upload_is_a_message_naming_the_limit(
    client: FlaskClient, world: dict[str, Any]
) -> None:
    for lang, intro, detail in (
        ("vi", "Tệp vượt quá giới hạn", "Các chuỗi dùng chung vượt quá 10.000.000 ký tự"),
        ("en", "The file is over a limit", "The shared strings exceed 10,000,000 characters"),
    ):
        client.set_cookie("lang", lang)
        response = client.post(
            "/dataset/bo-du-lieu/import",
            data={"action": "preview", "file": (io.BytesIO(shared_strings_bomb()), "tu-dien.xlsx")},
            content_type="multipart/form-data",
            headers={"Accept": "text/html"},
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and intro in page
        assert detail in page  # the limit named in the reader's language, its number as they write it

"""Fixtures of the web-page tests: the demo catalog walked once, page by page, in both languages.

:func:`site` loads the demo catalog (Lâm Đồng after the 2025 mergers), then follows every link of
the pages from the home page, as an anonymous visitor and as a steward of the Department of
Health, in Vietnamese and in English. The pages are kept as text, so the
quality and translation tests read them without rendering them again; the walk also records
which endpoints it reached, so a page nobody links to is noticed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from werkzeug.exceptions import HTTPException

from app.extension import catalog_of
from app.rdf import split_suffix
from dictionary.demo import load_demo
from dictionary.models import Agency, Base, Principal
from dictionary.services import Context, FieldService
from tests.factories import field_inputs, make_agency, make_dataset, make_principal, make_token
from tests.web.html import links, parse

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
"""What a browser sends: HTML first, anything else at a lower quality."""

STEWARD_AGENCY = "H68.11"
"""Sở Y tế tỉnh Lâm Đồng: owns social-assistance and e-health datasets with restricted fields."""

PAGES_AT_URIS = frozenset(
    {"rdf.dataset", "rdf.agency", "rdf.standard", "rdf.vocabulary", "rdf.vocabulary_concept"}
)
"""Routes of app.rdf that answer browsers with the web page of the resource."""

START = (
    "/",
    "/login",
    "/search?type=fields",
    "/search?q=ma+so+thue",
    "/search?q=doanh+nghiep",
    "/dataset/tro-giup-xa-hoi-hang-thang",
    "/dataset/tiem-chung-ho-so-suc-khoe",
    "/dataset/tro-giup-xa-hoi-hang-thang/history?from=1&to=3",
    # The workflow pages nobody links to for these viewers (the demo has no request or grant, the
    # audit log is for administrators): reached as the error pages they get. tests/web/test_forms.py
    # draws them with data, as their users see them.
    "/audit",
    "/access/requests/1",
    "/access/grants/1",
    "/access/requests/1/letter.pdf",
    "/governance",  # the coordinator's dashboard, for the approver (tests/web/test_forms_governance.py)
    "/campaigns/new",  # the coordinator's form, and a campaign (tests/web/test_forms_campaigns.py)
    "/campaigns/1",
)
"""Where the walk starts: besides the home page, datasets with restricted fields (one a draft)."""

PER_ENDPOINT = 6
"""Pages kept per endpoint and viewer: enough to meet every template branch, not all 600 pages."""


@dataclass(frozen=True)
class Page:
    url: str
    endpoint: str
    lang: str
    viewer: str
    status: int
    html: str
    headers: dict[str, str]


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    endpoints: set[str] = field(default_factory=set)

    def find(self, viewer: str, lang: str, endpoint: str) -> list[Page]:
        return [p for p in self.pages if p.viewer == viewer and p.lang == lang and p.endpoint == endpoint]


def empty_catalog(engine: Engine) -> None:
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " CASCADE"))
        else:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608 - names from our metadata


def page_endpoint(app: Flask, url: str) -> str | None:
    """The endpoint of a web page, or None for API calls, files and RDF documents."""
    path = urlsplit(url).path
    if path.startswith(("/api/", "/static/")):
        return None
    try:
        endpoint, args = app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return None
    if endpoint.startswith("web.") or endpoint == "auth.login":
        return str(endpoint)
    if endpoint in PAGES_AT_URIS and split_suffix(str(args.get("name", "")))[1] is None:
        return str(endpoint)
    return None


def walk(app: Flask, client: FlaskClient, viewer: str, lang: str, site: Site) -> None:
    client.set_cookie("lang", lang)
    queue: deque[str] = deque(START)
    seen: set[str] = set(queue)
    kept: dict[str, int] = {}
    while queue:
        url = queue.popleft()
        endpoint = page_endpoint(app, url)
        if endpoint is None or kept.get(endpoint, 0) >= PER_ENDPOINT:
            continue
        kept[endpoint] = kept.get(endpoint, 0) + 1
        response = client.get(url, headers=BROWSER)
        body = response.get_data(as_text=True)
        site.pages.append(
            Page(url, endpoint, lang, viewer, response.status_code, body, dict(response.headers))
        )
        site.endpoints.add(endpoint)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for href in links(parse(body)):
            target = href.split("#", 1)[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target.startswith("/") or "lang=" in target:
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)


@pytest.fixture(scope="session")
def site(app: Flask) -> Iterator[Site]:
    engine: Engine = catalog_of(app).engine
    empty_catalog(engine)
    session = catalog_of(app).sessionmaker()
    try:
        ctx = Context(
            session=session,
            concepts=catalog_of(app).vocabularies,
            recorder=catalog_of(app).recorder,
            actor="demo",
        )
        load_demo(ctx)
        token = make_token(ctx, make_principal(ctx, "steward", STEWARD_AGENCY))
    finally:
        session.close()
    catalog_of(app).search.rebuild()
    found = Site()
    for viewer in ("anonymous", "steward"):
        for lang in ("vi", "en"):
            client = app.test_client()
            if viewer == "steward":
                client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            walk(app, client, viewer, lang, found)
    yield found


# The editing and workflow pages (tests/web/test_forms*.py): a small catalog and its people ----------

PASSWORD = "mat-khau-dai-du-12345"


@dataclass
class World:
    owner: Agency
    other: Agency
    slug: str
    people: dict[str, Principal]


@pytest.fixture
def world(ctx: Context) -> World:
    owner, other = make_agency(ctx), make_agency(ctx)
    dataset = make_dataset(ctx, owner, status="PUBLISHED")
    FieldService(ctx).replace_all(
        dataset.slug, field_inputs({"name": "ma_ho", "label_vi": "Mã hộ", "data_type": "STRING"})
    )
    people = {
        "editor": make_principal(ctx, "editor", owner.code, password=PASSWORD),
        "steward": make_principal(ctx, "steward", owner.code, password=PASSWORD),
        "outsider": make_principal(ctx, "editor", other.code, password=PASSWORD),
        "approver": make_principal(ctx, "approver", password=PASSWORD),
        "admin": make_principal(ctx, "admin", password=PASSWORD),
    }
    ctx.session.commit()
    return World(owner, other, dataset.slug, people)


Login = Callable[[str], FlaskClient]


@pytest.fixture
def login(app: Flask, world: World) -> Iterator[Login]:
    """A browser-like client signed in through the login form (a session cookie and its CSRF token)."""

    def sign_in(who: str) -> FlaskClient:
        client = app.test_client()
        client.get("/login")
        token = _csrf(client)
        response = client.post(
            "/login",
            data={"email": world.people[who].email, "password": PASSWORD, "csrf_token": token, "next": "/"},
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        return client

    yield sign_in


def _csrf(client: FlaskClient) -> str:
    with client.session_transaction() as session:
        if "csrf" not in session:
            session["csrf"] = "t" * 40
        return str(session["csrf"])


def post(client: FlaskClient, url: str, data: dict[str, object], **kwargs: object):  # type: ignore[no-untyped-def]
    return client.post(url, data={**data, "csrf_token": _csrf(client)}, headers=BROWSER, **kwargs)

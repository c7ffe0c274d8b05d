"""End-to-end fixtures: the real app served on 127.0.0.1, driven by headless Chromium (Playwright).

One server per test module: a fresh SQLite file with the demo catalog (Lâm Đồng, 2025) and a
few users who sign in through the login form. Chromium is Debian's (``/usr/bin/chromium``, or
``CATALOG_TEST_CHROMIUM``); without it the tests skip, or fail under
``CATALOG_REQUIRE_SERVICES=1``. Each step saves a screenshot under ``ci-artifacts/screenshots``,
the folder the CI script prints, runs axe-core on the page (WCAG 2.1 A/AA, no violation allowed)
and saves its HTML under ``ci-artifacts/html``, which ``.ci/run`` hands to the Nu Html Checker in
one batch (tests/e2e/checks.py).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from app import create_app
from app.config import Settings
from app.extension import catalog_of
from dictionary.demo import load_demo
from dictionary.models import Base
from dictionary.services import Context
from dictionary.services.campaigns import CampaignService
from tests.conftest import need_service
from tests.e2e.checks import AXE, axe_violations, save_html
from tests.factories import make_principal

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "ci-artifacts" / "screenshots"
PASSWORD = "mat-khau-thu-nghiem-2025"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEALTH = "H68.11"
"""Sở Y tế: owns co-so-kcb-nguoi-hanh-nghe (published, shared) in the demo catalog."""
AGRICULTURE = "H68.06"
"""Sở Nông nghiệp và Môi trường: outside the health department's scope, so it must ask."""


@dataclass
class LiveServer:
    url: str
    app: Any
    emails: dict[str, str] = field(default_factory=dict)


def chromium_path() -> str:
    path = os.environ.get("CATALOG_TEST_CHROMIUM") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        need_service(
            "Chromium", f"no executable at {path} (apt-get install chromium, or CATALOG_TEST_CHROMIUM)"
        )
    return path


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    chromium_path()  # skip before paying for the demo catalog
    folder = tmp_path_factory.mktemp("e2e")
    settings = Settings(
        env="testing",
        database_url=f"sqlite:///{folder / 'catalog.db'}",
        instance_path=folder,
        secret_key="e2e-secret-key-that-is-long-enough-0123456789",
        base_uri="https://data.example.gov.vn",
        session_cookie_secure=False,  # plain http on 127.0.0.1
    )
    app = create_app(settings)
    Base.metadata.create_all(catalog_of(app).engine)
    session = catalog_of(app).sessionmaker()
    people = {
        "editor": ("editor", HEALTH),
        "steward": ("steward", HEALTH),
        "requester": ("editor", AGRICULTURE),
        "approver": ("approver", None),
        "admin": ("admin", None),
    }
    emails: dict[str, str] = {}
    try:
        ctx = Context(
            session=session,
            concepts=catalog_of(app).vocabularies,
            recorder=catalog_of(app).recorder,
            actor="e2e",
        )
        load_demo(ctx)
        # A campaign on Sở Y tế's data, for the accessibility crawl of its pages (opened before the
        # e2e people exist, so that no journey meets its notifications).
        deadline = datetime.now(UTC).date() + timedelta(days=30)
        CampaignService(ctx).open(
            {
                "title": "Đánh giá dữ liệu cá nhân",
                "personal_data_assessed": True,
                "min_completeness": 90,
                "agencies": [HEALTH],
                "deadline": deadline,
            }
        )
        for who, (role, agency) in people.items():
            emails[who] = make_principal(ctx, role, agency, password=PASSWORD, name=f"E2E {who}").email
        session.commit()
    finally:
        session.close()
    catalog_of(app).search.rebuild()
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, emails)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        catalog_of(app).engine.dispose()


@pytest.fixture(scope="module")
def browser(live_server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


class Shots:
    """Numbered full-page screenshots of one test: ``<test>-01-<step>.png``."""

    def __init__(self, name: str) -> None:
        self.prefix = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        self.count = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Any, step: str) -> None:
        self.count += 1
        name = f"{self.prefix}-{self.count:02d}-{step}"
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        save_html(page, name)
        if AXE.is_file():  # tests/e2e/test_accessibility.py requires it; the journeys use it if there
            found = axe_violations(page)
            assert not found, f"{name}: axe-core found\n" + "\n".join(found)


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name.removeprefix("test_"))


class Visitor:
    """One person in their own browser context (own cookies), signing in through the login page.

    The browser's language is ``en-US``, as stock Chrome on Windows and headless Chromium send to
    Vietnamese readers: every page must still come in Vietnamese until English is chosen."""

    def __init__(self, browser: Any, server: LiveServer, shots: Shots) -> None:
        self.context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.server = server
        self.shots = shots

    def go(self, path: str) -> Any:
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return self.page

    def sign_in(self, who: str) -> None:
        page = self.go("/login?next=/workspace")
        page.fill("input[name=email]", self.server.emails[who])
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/workspace")

    def shot(self, step: str) -> None:
        self.shots(self.page, step)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(browser: Any, live_server: LiveServer, shots: Shots) -> Iterator[Any]:
    """``visitor()`` opens a new person's browser; all are closed after the test."""
    opened: list[Visitor] = []

    def open_one() -> Visitor:
        opened.append(Visitor(browser, live_server, shots))
        return opened[-1]

    yield open_one
    for one in opened:
        one.close()

"""``/api/docs`` renders with no network but this server's (a government LAN without a CDN).

Chromium runs with every host name but 127.0.0.1 unresolvable; the page must still draw the
operations of the OpenAPI document, ask nothing of another host, keep the site's CSP and ``lang``,
and pass axe-core (WCAG 2.1 AA) with an operation opened, at 1280 and 320 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.checks import NARROW, axe_violations, horizontal_overflow, need_checkers, save_html
from tests.e2e.conftest import LAUNCH_ARGS, SCREENSHOTS, LiveServer, chromium_path

pytestmark = pytest.mark.browser

OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
"""Chromium's resolver answers 'not found' for every name except the test server's address."""


@pytest.fixture(scope="module")
def offline_browser(live_server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=[*LAUNCH_ARGS, OFFLINE]
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def test_api_docs_render_offline_from_this_server(offline_browser: Any, live_server: LiveServer) -> None:
    need_checkers()
    context = offline_browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    try:
        failed = None
        try:
            page.goto("https://cdn.example.net/swagger-ui.css", timeout=5_000)
        except Exception as error:  # the resolver's refusal is what is checked
            failed = str(error)
        assert failed and "ERR_NAME_NOT_RESOLVED" in failed, "outside hosts must be unreachable here"
        page.close()  # its failed navigation must not interrupt the next one
        page = context.new_page()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        hosts.clear()

        response = page.goto(f"{live_server.url}/api/docs?lang=vi")
        assert response is not None and response.status == 200
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert page.get_attribute("html", "lang") == "vi"
        operations = page.locator(".swagger-ui .opblock")
        operations.first.wait_for(state="visible")
        assert operations.count() > 40, "every operation of the document is drawn"
        assert hosts == {urlsplit(live_server.url).netloc}, f"asked other hosts: {hosts}"

        page.locator(".swagger-ui .opblock-summary").first.click()
        opened = ".swagger-ui .opblock.is-open .responses-wrapper"
        page.locator(opened).first.wait_for()
        page.screenshot(path=str(SCREENSHOTS / "api-docs-offline-1280.png"), full_page=False)
        found = axe_violations(page)
        # The Nu checker gets the page as this server sends it. The DOM Swagger UI builds at run
        # time is the vendor's (links inside buttons, <pre> inside <small>); axe checks it above.
        save_html(page, "api-docs-offline", content=response.text())
        page.set_viewport_size({"width": NARROW, "height": 640})
        overflow = horizontal_overflow(page)
        found += [f"at {NARROW} px: {item}" for item in axe_violations(page)]
        page.screenshot(path=str(SCREENSHOTS / "api-docs-offline-320.png"), full_page=False)
        assert not found, "\n".join(found)
        assert overflow <= 0, f"the document is {overflow} px wider than {NARROW} px"
    finally:
        context.close()

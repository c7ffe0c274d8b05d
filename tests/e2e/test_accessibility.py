"""WCAG 2.1 AA and HTML validity of every page, public and staff, in Vietnamese and English.

For each page, signed out and signed in: axe-core finds no violation (at 1280 px and at 320 px),
the document does not scroll sideways at 320 px (reflow, 1.4.10), and the Nu Html Checker finds no
error in the saved document (one run over all of them). Staff pages are photographed at 1280 and
390 px into ``ci-artifacts/screenshots``. Each test lists every finding of every page at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.checks import (
    NARROW,
    Findings,
    axe_violations,
    horizontal_overflow,
    need_checkers,
    save_html,
    slug_of,
    vnu_errors,
)
from tests.e2e.conftest import PASSWORD, SCREENSHOTS, LiveServer

pytestmark = pytest.mark.browser

OPEN = "co-so-luu-tru-du-lich"
"""Published and open in the demo catalog."""
SHARED = "co-so-kcb-nguoi-hanh-nghe"
"""Published, shared, owned by the Department of Health, where the editor works."""

PUBLIC = [
    "/",
    "/search?q=du+lich",
    "/search?q=dan+cu&theme=SOCI",
    "/search?q=so+dinh+danh",  # the terms of the shared data dictionary in a group of their own
    f"/dataset/{OPEN}",
    "/agencies",
    "/standards",
    "/vocab",
    "/vocab/themes",
    "/statistics",
    "/login",
]
STAFF = [
    "/workspace",
    "/datasets/new",
    f"/dataset/{SHARED}",
    f"/dataset/{SHARED}/edit",
    f"/dataset/{SHARED}/fields",
    f"/dataset/{SHARED}/dictionary",
    f"/dataset/{SHARED}/mappings",
    f"/dataset/{SHARED}/distributions",
    f"/dataset/{SHARED}/import",
    f"/dataset/{SHARED}/history",
    "/access/requests",
    "/access/inbox",
    "/access/grants",
    "/campaigns",
    "/campaigns/1",  # opened in tests/e2e/conftest.py
    "/campaigns/tasks",
]
ADMIN = ["/audit", "/terms/import", "/campaigns/new"]
REQUESTER = [f"/access/requests/new?dataset={SHARED}"]


@pytest.fixture
def context_of(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    opened: list[Any] = []

    def open_one(who: str | None) -> Any:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        opened.append(context)
        page = context.new_page()
        if who:
            page.goto(f"{live_server.url}/login")
            page.fill("input[name=email]", live_server.emails[who])
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/workspace")
        return page

    yield open_one
    for context in opened:
        context.close()


def _first_link(page: Any, prefix: str) -> str | None:
    href = page.eval_on_selector_all(
        f"main a[href^='{prefix}']", "links => links.length ? links[0].getAttribute('href') : null"
    )
    return str(href) if href else None


def _check(page: Any, url: str, path: str, name: str, findings: Findings, *, photograph: bool) -> Any:
    """One page at 1280 px then at 320 px; its HTML saved for the Nu checker."""
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url + path)
    assert response is not None and response.status == 200, (path, response and response.status)
    findings.add(name, axe_violations(page))
    saved = save_html(page, name)
    if photograph:
        page.screenshot(path=str(SCREENSHOTS / f"staff-{slug_of(name)}-1280.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SCREENSHOTS / f"staff-{slug_of(name)}-390.png"), full_page=True)
    page.set_viewport_size({"width": NARROW, "height": 640})
    overflow = horizontal_overflow(page)
    if overflow > 0:
        findings.add(name, [f"reflow: the document is {overflow} px wider than {NARROW} px"])
    findings.add(name, [f"at {NARROW} px: {item}" for item in axe_violations(page)])
    return saved


def _crawl(pages: list[tuple[Any, str, list[str], bool]], url: str) -> None:
    findings = Findings()
    saved = []
    for page, who, paths, photograph in pages:
        for lang in ("vi", "en"):
            for path in paths:
                joined = path + ("&" if "?" in path else "?") + f"lang={lang}"
                name = f"{who}-{lang}{path}"
                saved.append(_check(page, url, joined, name, findings, photograph=photograph))
    for line in vnu_errors(saved):
        findings.add("vnu " + line.split(":", 1)[0], [line])
    assert findings.count() == 0, f"{findings.count()} findings\n{findings.report()}"


def test_public_pages_signed_out(context_of: Any, live_server: LiveServer) -> None:
    need_checkers()
    page = context_of(None)
    page.goto(f"{live_server.url}/standards")
    standard = _first_link(page, "/standard/")
    page.goto(f"{live_server.url}/agencies")
    agency = _first_link(page, "/agency/")
    page.goto(f"{live_server.url}/vocab/themes")
    concept = _first_link(page, "/vocab/themes/")
    extra = [p for p in (standard, agency, concept) if p]
    assert len(extra) == 3, "the demo catalog has standards, agencies and themes to link to"
    _crawl([(page, "anonymous", PUBLIC + extra, False)], live_server.url)


def test_staff_pages_signed_in(context_of: Any, live_server: LiveServer) -> None:
    need_checkers()
    editor = context_of("editor")
    editor.goto(f"{live_server.url}/dataset/{SHARED}/fields")
    field = _first_link(editor, f"/dataset/{SHARED}/fields/")
    assert field, "the shared dataset has fields to edit"
    _crawl(
        [
            (editor, "editor", [*STAFF, field.split("#")[0]], True),
            (context_of("admin"), "admin", ADMIN, True),
            (context_of("requester"), "requester", REQUESTER, True),
        ],
        live_server.url,
    )


def test_facets_apply_by_their_visible_button_and_ticking_keeps_the_focus(
    context_of: Any, live_server: LiveServer
) -> None:
    """WCAG 3.2.2 (no change of context on input) and 2.4.7 (the button shows its focus)."""
    page = context_of(None)
    page.goto(f"{live_server.url}/search?q=du+lich")
    before = page.url
    box = page.locator("form.facets input[type=checkbox]").first
    box_id = box.get_attribute("id")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(500)  # time enough for a submit-on-change script to navigate
    assert box.is_checked() and page.url == before, "ticking a filter must not reload the page"
    assert page.evaluate("document.activeElement.id") == box_id, "the focus stays on the box"
    button = page.get_by_role("button", name="Áp dụng bộ lọc")
    box_size = button.bounding_box()
    assert button.is_visible() and box_size is not None and box_size["width"] > 40
    button.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Áp dụng bộ lọc"
    assert outline != "none", "the focused button shows its focus"
    button.click()
    page.wait_for_load_state()
    name = box.get_attribute("name")
    assert page.url != before and f"{name}=" in page.url


def test_the_editing_tabs_mark_the_current_one(context_of: Any, live_server: LiveServer) -> None:
    page = context_of("editor")
    for part, tab in (("fields", "Trường dữ liệu"), ("distributions", "Phân phối")):
        page.goto(f"{live_server.url}/dataset/{SHARED}/{part}")
        current = page.locator("nav.edit-tabs a[aria-current=page]")
        assert current.count() == 1 and current.inner_text() == tab
        styles = current.evaluate("a => [getComputedStyle(a).borderTopWidth, getComputedStyle(a).display]")
        assert styles == ["4px", "block"], "the current tab is drawn as one, not as a bullet"

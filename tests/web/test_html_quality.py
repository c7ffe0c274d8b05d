"""Every page is valid HTML5 and meets the basic accessibility rules; the stylesheet's colours contrast.

The rules checked on every page of the walk (tests/web/conftest.py), both languages, both viewers:
no HTML5 parse error (html5lib, strict); ``<html lang>`` is the page's language; one ``h1``;
headings never skip a level; the landmarks header, nav, main, footer; a skip link to ``#main``;
every form control has a label; ids are unique; column headers have ``scope``; images have
``alt``; links have text; no inline script, style or event handler (the Content-Security-Policy
forbids them, and the header is checked too).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import html5lib
import pytest

from tests.web.conftest import Page, Site
from tests.web.html import parse, text_of

CSS = Path(__file__).resolve().parents[2] / "app" / "static" / "css" / "catalog.css"


def html_pages(site: Site) -> list[Page]:
    pages = [page for page in site.pages if page.headers.get("Content-Type", "").startswith("text/html")]
    assert len(pages) > 40, "the walk should have met many pages"
    return pages


def test_every_page_parses_without_an_html5_error(site: Site) -> None:
    for page in html_pages(site):
        try:
            parse(page.html, strict=True)
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{page.url} ({page.viewer}, {page.lang}): {error}")


def test_structure_and_landmarks(site: Site) -> None:
    for page in html_pages(site):
        where = f"{page.url} ({page.viewer}, {page.lang})"
        root = parse(page.html)
        assert root.get("lang") == page.lang, where
        assert len(list(root.iter("h1"))) == 1, f"{where}: exactly one h1"
        for tag in ("header", "nav", "main", "footer"):
            assert root.find(f".//{tag}") is not None, f"{where}: no <{tag}>"
        main = root.find(".//main")
        assert main is not None and main.get("id") == "main", where
        skip = next(iter(root.iter("a")))
        assert skip.get("href") == "#main" and text_of(skip), f"{where}: the first link skips to the content"
        levels = [
            int(e.tag[1]) for e in root.iter() if isinstance(e.tag, str) and re.fullmatch(r"h[1-6]", e.tag)
        ]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{where}: heading h{after} follows h{before}"
        assert root.find(".//head/title") is not None and text_of(root.find(".//head/title")), where


def test_every_control_is_labelled(site: Site) -> None:
    for page in html_pages(site):
        root = parse(page.html)
        labelled_ids = {label.get("for") for label in root.iter("label") if label.get("for")}
        wrapped = {
            id(control) for label in root.iter("label") for control in label.iter() if control is not label
        }
        for control in [*root.iter("input"), *root.iter("select"), *root.iter("textarea")]:
            if control.get("type") in ("hidden", "submit", "button", "reset"):
                continue
            named = control.get("aria-label") or control.get("aria-labelledby")
            assert control.get("id") in labelled_ids or id(control) in wrapped or named, (
                f"{page.url} ({page.lang}): unlabelled <{control.tag} name={control.get('name')}>"
            )
        for button in root.iter("button"):
            assert text_of(button) or button.get("aria-label"), f"{page.url}: a button without text"


def test_ids_tables_images_links(site: Site) -> None:
    for page in html_pages(site):
        where = f"{page.url} ({page.viewer}, {page.lang})"
        root = parse(page.html)
        ids = Counter(e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id"))
        assert not [i for i, n in ids.items() if n > 1], f"{where}: duplicate ids {ids.most_common(3)}"
        for table in root.iter("table"):
            for th in table.iter("th"):
                scoped = th.get("scope") in ("col", "row", "colgroup")
                assert scoped, f"{where}: <th> without scope: {text_of(th)[:40]}"
        for image in root.iter("img"):
            assert image.get("alt") is not None, f"{where}: <img> without alt"
        for link in root.iter("a"):
            assert text_of(link) or link.get("aria-label"), f"{where}: empty link to {link.get('href')}"
        targets = {f"#{i}" for i in ids}
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith("#"):
                assert href in targets, f"{where}: link to a missing {href}"


def test_no_inline_code_and_a_strict_content_security_policy(site: Site) -> None:
    for page in html_pages(site):
        where = f"{page.url} ({page.lang})"
        assert "default-src 'self'" in page.headers.get("Content-Security-Policy", ""), where
        assert page.headers.get("X-Content-Type-Options") == "nosniff", where
        root = parse(page.html)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, f"{where}: inline handler {handlers} on <{element.tag}>"
            assert "style" not in element.attrib, f"{where}: inline style on <{element.tag}>"
        for script in root.iter("script"):
            assert script.get("src") and not (script.text or "").strip(), f"{where}: inline script"
        assert not list(root.iter("style")), f"{where}: inline <style>"


def test_the_api_keeps_its_own_headers(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/datasets")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


# Colours -------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_declared_colour_pairs_reach_wcag_aa() -> None:
    css = CSS.read_text(encoding="utf-8")
    colours = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", css))
    pairs = re.findall(r"contrast:\s*(--[\w-]+)\s+on\s+(--[\w-]+)", css)
    assert len(pairs) >= 10
    for text, background in pairs:
        ratio = contrast(colours[text], colours[background])
        assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_colours_come_from_the_declared_palette() -> None:
    """Outside :root every colour is a var(--…): a new colour must join the palette (and its pairs)."""
    css = CSS.read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    body = re.sub(r":root\s*\{[^}]*\}", "", body, count=1)
    raw = re.findall(r"(?:color|background(?:-color)?|border(?:-\w+)?)\s*:[^;]*#[0-9a-fA-F]{3,6}", body)
    assert not raw, raw

"""Every page exists in Vietnamese (the default) and English, with no string left untranslated.

Vietnamese is the source language: templates and app/web carry Vietnamese msgids and
app/translations/en holds their English. Four nets catch a forgotten string:

1. the catalog: every msgid that extraction finds (babel.cfg) is in the .po, translated, not fuzzy,
   with the same placeholders, and the committed .mo says exactly what the .po says;
2. the sources: no literal words in a template outside ``_()`` / ``{% trans %}``, and no Vietnamese
   string in app/web outside a gettext call (so extraction cannot miss one);
3. the pages: on every English page of the walk, no Vietnamese msgid shows, and no label, legend,
   button, column header, caption or accessible name contains a Vietnamese letter, except inside
   an element marked ``lang="vi"`` (data that exists only in Vietnamese, marked for screen readers);
4. the choice of language: ``?lang=``, remembered in a cookie, else Vietnamese (``Accept-Language``
   only for the API).
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import Environment

from app.web.templating import fmt_date, fmt_datetime, fmt_number
from dictionary.services import Context
from tests.factories import make_dataset
from tests.web.conftest import BROWSER, Site
from tests.web.html import VIETNAMESE_LETTERS, parse, text_of, texts_outside_lang, with_lang

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "app" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
TEMPLATES = ROOT / "app" / "web" / "templates"
WEB = ROOT / "app" / "web"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog() -> dict[str, str | tuple[str, ...]]:
    with PO.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in read_po(handle) if m.id}


# 1. The catalog ------------------------------------------------------------------------------


def test_every_entry_is_translated_with_its_placeholders() -> None:
    with PO.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    assert len(messages) > 200
    for message in messages:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(s.strip() for s in strings), f"untranslated: {ids[0]!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {ids[0]!r}"
        for text in strings:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ids[0])), ids[0]


def test_the_committed_mo_is_the_compiled_po() -> None:
    def plain(value: object) -> object:
        return value if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]

    with PO.open("rb") as po, MO.open("rb") as mo:
        source = {plain(m.id): plain(m.string) for m in read_po(po) if m.id}
        compiled = {plain(m.id): plain(m.string) for m in read_mo(mo) if m.id}
    assert compiled == source, "run: pybabel compile -d app/translations"


def test_the_catalog_holds_exactly_the_strings_of_the_sources() -> None:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    extracted = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords
        )
    }
    known = set(catalog())
    assert not extracted - known, (
        f"not in the .po (run pybabel extract + update): {sorted(extracted - known)}"
    )
    assert not known - extracted, f"obsolete in the .po: {sorted(known - extracted)}"


# 2. The sources ------------------------------------------------------------------------------

LANGUAGE_NEUTRAL = frozenset(
    {"Tiếng", "Việt", "English", "Turtle", "JSON", "LD", "RDF", "XML", "N", "Triples", "DOCTYPE", "html"}
)
"""Words that are the same in both languages: the names of the languages in the switch (each in
its own language) and of RDF formats."""


def test_templates_have_no_literal_text_outside_translations() -> None:
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
        source = re.sub(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}", "", source, flags=re.S)
        source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\x00", source, flags=re.S)
        source = re.sub(r"<[^<>]*>", " ", source)
        source = re.sub(r"&\w+;|&#\d+;", " ", source)
        words = {word for word in re.findall(r"[^\W\d_]+", source) if word not in LANGUAGE_NEUTRAL}
        assert not words, f"{path.name}: literal text outside _() or trans: {sorted(words)}"
    # The regular expressions above must see the templates as Jinja does: they all compile.
    environment = Environment(extensions=["jinja2.ext.i18n"])  # noqa: S701 - only parsed, never rendered
    for path in TEMPLATES.rglob("*.html"):
        environment.parse(path.read_text(encoding="utf-8"))


def _gettext_arguments(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        # N_ marks a string for extraction, translated where it is shown (app/web/messages.py).
        names = {"_", "_l", "N_", "gettext", "ngettext", "lazy_gettext"}
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
            found.update(id(arg) for arg in node.args)
    return found


def test_vietnamese_strings_in_the_web_code_go_through_gettext() -> None:
    for path in sorted(WEB.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }  # fmt: skip
        translated = _gettext_arguments(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and VIETNAMESE_LETTERS.search(node.value)
            ):
                if id(node) in docstrings or id(node) in translated:
                    continue
                # Attribute docstrings (a string right after an assignment) document, they show nothing.
                assert node.value.strip().endswith((".", ")", ":")) or "\n" in node.value, (
                    f"{path.name}:{node.lineno}: {node.value!r} is shown without translation"
                )


# 3. The pages --------------------------------------------------------------------------------

CHROME = ("legend", "button", "caption", "dt")
"""Elements that hold interface words only (labels and options may carry names of agencies, which
in English still contain Vietnamese place names: "Department of Health, Lâm Đồng")."""


def _vietnamese_fragments() -> list[str]:
    fragments = []
    for msgid in catalog():
        for piece in PLACEHOLDER.split(msgid):
            part = piece.strip(" :.,()")
            if len(part) >= 3 and VIETNAMESE_LETTERS.search(part):
                fragments.append(part)
    return sorted(set(fragments), key=len, reverse=True)


def test_english_pages_show_no_vietnamese_interface_text(site: Site) -> None:
    fragments = _vietnamese_fragments()
    pages = [page for page in site.pages if page.lang == "en"]
    assert len({page.endpoint for page in pages}) >= 10
    for page in pages:
        root = parse(page.html)
        assert root.get("lang") == "en", page.url
        shown = " ".join(text for _element, text in texts_outside_lang(root, "vi"))
        for fragment in fragments:
            assert not re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", shown), (
                f"{page.url} ({page.viewer}): untranslated {fragment!r}"
            )
        for element, lang in with_lang(root):
            if lang == "vi" or not isinstance(element.tag, str):
                continue
            names = [
                element.get(attribute) or "" for attribute in ("aria-label", "placeholder", "title", "alt")
            ]
            if element.tag in CHROME or (element.tag == "th" and element.get("scope") == "col"):
                names.append("".join(t for _e, t in texts_outside_lang(element, "vi")))
            for name in names:
                assert not VIETNAMESE_LETTERS.search(name), f"{page.url}: <{element.tag}> says {name!r}"


def test_vietnamese_pages_are_marked_vietnamese(site: Site) -> None:
    for page in (page for page in site.pages if page.lang == "vi"):
        root = parse(page.html)
        assert root.get("lang") == "vi", page.url
        nav = root.find(".//nav[@class='main-nav']")
        assert nav is not None and "Trang chủ" in text_of(nav), page.url


# 4. Choosing the language ----------------------------------------------------------------------


def lang_of(client: FlaskClient, url: str = "/", **headers: str) -> str:
    response = client.get(url, headers={**BROWSER, **headers})
    assert response.status_code == 200
    return str(parse(response.get_data(as_text=True)).get("lang"))


def test_vietnamese_by_default_and_english_on_request(anonymous_client: FlaskClient) -> None:
    assert lang_of(anonymous_client) == "vi"
    assert lang_of(anonymous_client, "/?lang=xx") == "vi"
    response = anonymous_client.get("/?lang=en", headers=BROWSER)
    assert parse(response.get_data(as_text=True)).get("lang") == "en"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert "Cookie" in response.headers["Vary"]
    assert lang_of(anonymous_client, "/agencies") == "en", "the choice is remembered"
    assert lang_of(anonymous_client, "/agencies?lang=vi") == "vi"
    assert lang_of(anonymous_client, "/standards") == "vi"


def test_pages_are_vietnamese_whatever_the_browser_sends(app: Flask) -> None:
    # Stock Chrome on Windows and headless Chromium send en-US to Vietnamese readers.
    for header in ("en-US,en;q=0.9", "en-GB", "fr-FR", "vi-VN,vi;q=0.9,en;q=0.8"):
        assert lang_of(app.test_client(), **{"Accept-Language": header}) == "vi", header
    client = app.test_client()
    client.set_cookie("lang", "en")
    assert lang_of(client, **{"Accept-Language": "vi"}) == "en", "an explicit choice wins"


def test_the_api_answers_in_the_language_its_caller_asks_for(app: Flask) -> None:
    client = app.test_client()
    english = client.get("/api/v1/datasets/khong-co", headers={"Accept-Language": "en-US"})
    default = client.get("/api/v1/datasets/khong-co")
    chosen = client.get("/api/v1/datasets/khong-co?lang=en")
    assert english.status_code == default.status_code == chosen.status_code == 404
    assert english.json["message"] == chosen.json["message"] == "Dataset khong-co does not exist"
    assert default.json["message"] == "Bộ dữ liệu khong-co không tồn tại"
    assert set(english.json) == set(default.json), "the same machine-readable shape"
    assert "Accept-Language" in english.headers["Vary"]
    client.set_cookie("lang", "en")
    assert client.get("/api/v1/datasets/khong-co").json["message"] == default.json["message"], (
        "a browser's remembered page language does not change a program's answers"
    )


def test_dates_and_numbers_follow_the_language(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        assert fmt_date(date(2025, 7, 1)) == "1 Jul 2025"
        assert fmt_number(1234567) == "1,234,567"
    with app.test_request_context("/?lang=vi"):
        assert fmt_date(date(2025, 7, 1)) == "01/07/2025"
        assert fmt_date(date(2027, 12, 30)) == "30/12/2027", "four-digit years"
        assert fmt_number(1234567) == "1.234.567"


def test_times_are_shown_in_the_provinces_time(app: Flask) -> None:
    late_utc = datetime(2027, 6, 30, 16, 59, 59, tzinfo=UTC)  # 23:59:59 on 30/6 in Hồ Chí Minh City
    with app.test_request_context("/?lang=vi"):
        assert fmt_datetime(late_utc) == "23:59, 30/06/2027"
        assert fmt_date(late_utc) == "30/06/2027"
        assert fmt_date(late_utc + timedelta(seconds=1)) == "01/07/2027"
    with app.test_request_context("/?lang=en"):
        assert fmt_datetime(late_utc) == "30 Jun 2027, 23:59"


def test_concept_labels_come_in_the_page_language(anonymous_client: FlaskClient, ctx: Context) -> None:
    make_dataset(ctx, status="PUBLISHED", sharing_class="MO", themes=["KINH_TE"])
    vietnamese = anonymous_client.get("/?lang=vi", headers=BROWSER).get_data(as_text=True)
    english = anonymous_client.get("/?lang=en", headers=BROWSER).get_data(as_text=True)
    assert "Kinh tế và tài chính" in vietnamese and "Economy and finance" not in vietnamese
    assert "Economy and finance" in english and "Kinh tế và tài chính" not in english

"""Select boxes of the editing forms: plain-text options, escaped once, no real value preselected.

An ``<option>`` holds text only, so a bilingual label (``<span lang="en">…</span>`` elsewhere on a
page) must arrive as its text; a required select starts on an empty "— chọn —" placeholder, and a
form posted with it untouched is refused beside the control, writing nothing.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from sqlalchemy import select

from dictionary.models import Dataset, Distribution
from dictionary.services import Context
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse


def _select(root: Element, name: str) -> Element:
    found = [s for s in root.iter("select") if s.get("name") == name]
    assert len(found) == 1, name
    return found[0]


def _selected(select: Element) -> list[str]:
    return [o.get("value") or "" for o in select.iter("option") if o.get("selected") is not None]


def _distributions(ctx: Context, slug: str) -> int:
    ctx.session.rollback()  # see what the request committed, not this session's snapshot
    dataset = ctx.session.scalars(select(Dataset).where(Dataset.slug == slug)).one()
    return len(ctx.session.scalars(select(Distribution).where(Distribution.dataset_id == dataset.id)).all())


def test_distribution_options_are_plain_text_and_nothing_is_preselected(
    login: Login, world: World
) -> None:
    editor = login("editor")
    for lang in ("vi", "en"):
        editor.set_cookie("lang", lang)
        html = editor.get(f"/dataset/{world.slug}/distributions", headers=BROWSER).get_data(as_text=True)
        assert "&lt;span" not in html and "&amp;" not in html
        root = parse(html, strict=True)
        for name in ("format", "access_rights", "licence", "kind"):
            select = _select(root, name)
            options = list(select.iter("option"))
            assert len(options) > 2, name
            assert all(len(o) == 0 for o in options), f"{name}: an option with markup inside"
        for name in ("kind", "access_rights"):  # required: the placeholder, with an empty value
            select = _select(root, name)
            first = next(select.iter("option"))
            assert (first.get("value"), first.get("selected") is not None) == ("", True), name
            assert _selected(select) == [""], name
            assert select.get("required") is not None, name


def test_an_untouched_required_select_is_refused_and_nothing_is_written(
    ctx: Context, login: Login, world: World
) -> None:
    editor = login("editor")
    before = _distributions(ctx, world.slug)
    response = post(
        editor,
        f"/dataset/{world.slug}/distributions",
        {
            "kind": "",
            "title_vi": "Dịch vụ tra cứu",
            "access_url": "https://api.example.gov.vn/ho",
            "access_rights": "",
            "lock_version": "2",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="f-kind-error"' in html and 'id="f-access_rights-error"' in html
    assert _distributions(ctx, world.slug) == before


def test_new_dataset_owner_starts_on_the_placeholder_and_is_required(login: Login, world: World) -> None:
    admin = login("admin")
    root = parse(admin.get("/datasets/new", headers=BROWSER).get_data(as_text=True), strict=True)
    for name in ("owner", "db_category", "sharing_class", "importance", "arch_component"):
        assert _selected(_select(root, name)) == [""], name
    response = post(admin, "/datasets/new", {"title_vi": "Sổ mới", "description_vi": "Mô tả.", "owner": ""})
    assert response.status_code == 200
    assert 'id="f-owner-error"' in response.get_data(as_text=True)


def test_unit_names_with_an_apostrophe_are_escaped_once(login: Login, world: World) -> None:
    editor = login("editor")
    html = editor.get(f"/dataset/{world.slug}/edit", headers=BROWSER).get_data(as_text=True)
    assert "&amp;#39;" not in html
    spatial = _select(parse(html, strict=True), "spatial")
    texts = [o.text or "" for o in spatial.iter("option")]
    assert any("Đắk R'Lấp" in t for t in texts), "the 2004 district list names Đắk R'Lấp"

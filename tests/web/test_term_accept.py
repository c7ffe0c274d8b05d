"""One-click accept of a suggested term, on the field page and on the import page."""

from __future__ import annotations

from sqlalchemy import func, select

from app.web.imports import HINTS_KEY
from dictionary.models import Revision, StandardMapping
from tests.factories import make_standard, make_term
from tests.web.conftest import BROWSER, Login, World, post


def _register(ctx) -> None:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="MA_HO", name_vi="Mã hộ", name_en="Household code")
    ctx.session.commit()


def _counts(ctx) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    ctx.session.expire_all()
    mappings = ctx.session.scalar(
        select(func.count()).select_from(StandardMapping).where(StandardMapping.term == "MA_HO")
    )
    revisions = ctx.session.scalar(select(func.count()).select_from(Revision))
    return mappings or 0, revisions or 0


def test_the_field_page_offers_the_term_and_accepting_writes_one_revision(
    ctx, login: Login, world: World
) -> None:
    _register(ctx)
    editor = login("editor")
    page = editor.get(f"/dataset/{world.slug}/fields/ma_ho", headers=BROWSER).get_data(as_text=True)
    section = page.split('id="term-suggestions"')[1].split("</section>")[0]
    assert f'action="/dataset/{world.slug}/fields/ma_ho/accept-term"' in section
    assert 'name="term" value="MA_HO"' in section and 'name="csrf_token"' in section
    version = section.split('name="lock_version" value="')[1].split('"')[0]
    before = _counts(ctx)
    response = post(editor, f"/dataset/{world.slug}/fields/ma_ho/accept-term",
                    {"term": "MA_HO", "lock_version": version, "back": "field"})  # fmt: skip
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/dataset/{world.slug}/fields/ma_ho")
    assert _counts(ctx) == (before[0] + 1, before[1] + 1)
    mapping = ctx.session.scalar(select(StandardMapping).where(StandardMapping.term == "MA_HO"))
    assert (
        mapping is not None and mapping.relation.endswith("#exactMatch") and mapping.standard.code == "TDDL"
    )
    again = editor.get(response.headers["Location"], headers=BROWSER).get_data(as_text=True)
    assert "MA_HO" in again and 'id="term-suggestions"' not in again  # it holds the term now
    assert "Đã ghi" in again


def test_accepting_needs_the_right_to_edit_and_the_csrf_token(ctx, login: Login, world: World) -> None:
    _register(ctx)
    outsider = login("outsider")
    refused = post(
        outsider, f"/dataset/{world.slug}/fields/ma_ho/accept-term", {"term": "MA_HO", "lock_version": "1"}
    )
    assert refused.status_code in (403, 404)
    editor = login("editor")
    no_token = editor.post(
        f"/dataset/{world.slug}/fields/ma_ho/accept-term", data={"term": "MA_HO"}, headers=BROWSER
    )
    assert no_token.status_code == 403
    stale = post(
        editor, f"/dataset/{world.slug}/fields/ma_ho/accept-term", {"term": "MA_HO", "lock_version": "999"}
    )
    assert stale.status_code == 303
    assert _counts(ctx)[0] == 0


def test_the_import_page_offers_the_fields_an_import_added(ctx, login: Login, world: World) -> None:
    _register(ctx)
    editor = login("editor")
    with editor.session_transaction() as session:
        session[HINTS_KEY] = {"slug": world.slug, "fields": ["ma_ho"]}
    page = editor.get(f"/dataset/{world.slug}/import", headers=BROWSER).get_data(as_text=True)
    section = page.split('id="accept-terms"')[1].split("</section>")[0]
    assert 'name="back" value="import"' in section and 'value="MA_HO"' in section
    version = section.split('name="lock_version" value="')[1].split('"')[0]
    response = post(editor, f"/dataset/{world.slug}/fields/ma_ho/accept-term",
                    {"term": "MA_HO", "lock_version": version, "back": "import"})  # fmt: skip
    assert response.headers["Location"].endswith(f"/dataset/{world.slug}/import")
    assert 'id="accept-terms"' not in editor.get(response.headers["Location"], headers=BROWSER).get_data(
        as_text=True
    )

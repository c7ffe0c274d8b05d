"""The page /terms/import: upload, see the diff, confirm; a change in between is refused."""

from __future__ import annotations

import io

from dictionary.services.terms import TermService
from tests.dictionary.test_term_import import term_csv, term_row
from tests.factories import make_standard, make_term
from tests.web.conftest import BROWSER, Login, World, post

PHONE_20 = term_csv([term_row(ma="SO_DIEN_THOAI", do_dai=20)])


def _register(ctx) -> None:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", length=15)
    ctx.session.commit()


def _check(admin, content: bytes):  # type: ignore[no-untyped-def]
    data = {"action": "check", "dictionary": "TDDL", "file": (io.BytesIO(content), "thuat-ngu.csv")}
    return post(admin, "/terms/import", data, content_type="multipart/form-data")


def _hidden(page: str, name: str) -> str:
    return page.split(f'name="{name}" value="')[1].split('"', maxsplit=1)[0]


def test_upload_diff_confirm(ctx, login: Login, world: World) -> None:
    _register(ctx)
    admin = login("admin")
    assert 'value="TDDL"' in admin.get("/terms/import", headers=BROWSER).get_data(as_text=True)
    page = _check(admin, PHONE_20).get_data(as_text=True)
    changes = page.split('id="term-changes"')[1].split("</table>")[0]
    assert "SO_DIEN_THOAI" in changes and "<code>do_dai</code>" in changes and ">15<" in changes
    assert TermService(ctx).get("SO_DIEN_THOAI").length == 15  # a dry run
    form = {"action": "apply", "dictionary": "TDDL", "upload": _hidden(page, "upload"),
            "confirmation": _hidden(page, "confirmation")}  # fmt: skip
    applied = post(admin, "/terms/import", form)
    assert applied.status_code == 303
    assert "Đã nhập thuật ngữ" in admin.get(applied.headers["Location"], headers=BROWSER).get_data(
        as_text=True
    )
    ctx.session.expire_all()
    assert TermService(ctx).get("SO_DIEN_THOAI").length == 20


def test_a_change_between_check_and_apply_is_refused(ctx, login: Login, world: World) -> None:
    _register(ctx)
    admin = login("admin")
    page = _check(admin, PHONE_20).get_data(as_text=True)
    TermService(ctx).update("SO_DIEN_THOAI", {"unit": "số"}, note="meanwhile")
    form = {"action": "apply", "dictionary": "TDDL", "upload": _hidden(page, "upload"),
            "confirmation": _hidden(page, "confirmation")}  # fmt: skip
    refused = post(admin, "/terms/import", form)
    assert refused.status_code == 200 and "không có gì được ghi" in refused.get_data(as_text=True)
    ctx.session.expire_all()
    assert TermService(ctx).get("SO_DIEN_THOAI").length == 15


def test_errors_are_listed_and_the_page_is_for_administrators(ctx, login: Login, world: World) -> None:
    _register(ctx)
    page = _check(login("admin"), term_csv([term_row(ma="SO_DIEN_THOAI", do_dai="dài")])).get_data(
        as_text=True
    )
    assert 'id="import-rejected"' in page and 'name="confirmation"' not in page
    assert login("editor").get("/terms/import", headers=BROWSER).status_code == 403

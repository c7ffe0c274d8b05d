"""The editing, import, access and audit pages through the test client (no browser).

Each page is drawn in both languages and checked like the pages of the walk (valid HTML5, one
h1, every control labelled, no untranslated interface text); the forms are posted as a browser
does, with the session's CSRF token, and their refusals land beside the controls.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app import auth
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import VIETNAMESE_LETTERS, parse, text_of, texts_outside_lang


def check_page(html: str, lang: str, where: str) -> None:
    """The rules of tests/web/test_html_quality.py and test_i18n.py for one page."""
    root = parse(html, strict=True)
    assert root.get("lang") == lang, where
    assert len(list(root.iter("h1"))) == 1, f"{where}: one h1"
    labelled = {label.get("for") for label in root.iter("label") if label.get("for")}
    wrapped = {id(c) for label in root.iter("label") for c in label.iter() if c is not label}
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    for control in [*root.iter("input"), *root.iter("select"), *root.iter("textarea")]:
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        named = (control.get("aria-labelledby") or "").split()  # a table's cell: its row and column
        assert control.get("id") in labelled or id(control) in wrapped or (named and set(named) <= ids), (
            f"{where}: unlabelled {control.get('name')}"
        )
    for form in root.iter("form"):
        if (form.get("method") or "get").lower() == "post":
            names = [i.get("name") for i in form.iter("input")]
            assert "csrf_token" in names, f"{where}: a form without the CSRF token"
    if lang == "en":
        for element in [*root.iter("legend"), *root.iter("button"), *root.iter("label"), *root.iter("th")]:
            if element.tag == "th" and element.get("scope") != "col":
                continue
            shown = " ".join(t for _e, t in texts_outside_lang(element, "vi"))
            assert not VIETNAMESE_LETTERS.search(shown), f"{where}: <{element.tag}> says {shown!r}"


def pages_of(world: World) -> dict[str, list[str]]:
    slug = world.slug
    return {
        "editor": [
            "/workspace",
            "/datasets/new",
            f"/dataset/{slug}/edit",
            f"/dataset/{slug}/fields",
            f"/dataset/{slug}/fields/ma_ho",
            f"/dataset/{slug}/mappings",
            f"/dataset/{slug}/distributions",
            f"/dataset/{slug}/import",
        ],
        "outsider": [
            "/access/requests",
            "/access/inbox",
            "/access/grants",
            f"/access/requests/new?dataset={slug}",
            "/access/overdue",
        ],
        "approver": ["/access/overdue", "/access/inbox"],
        "admin": ["/audit", "/audit?verify=1"],
    }


def test_every_page_renders_in_both_languages(login: Login, world: World) -> None:
    for who, urls in pages_of(world).items():
        client = login(who)
        for lang in ("vi", "en"):
            client.set_cookie("lang", lang)
            for url in urls:
                response = client.get(url, headers=BROWSER)
                assert response.status_code == 200, (who, url, response.status_code)
                check_page(response.get_data(as_text=True), lang, f"{url} ({who}, {lang})")


def test_editors_edit_only_their_agency_and_do_not_publish(login: Login, world: World) -> None:
    outsider = login("outsider")
    assert outsider.get(f"/dataset/{world.slug}/edit", headers=BROWSER).status_code == 403  # seen, not theirs
    editor = login("editor")
    page = editor.get(f"/dataset/{world.slug}/edit", headers=BROWSER).get_data(as_text=True)
    assert 'name="status"' not in page and 'value="publish"' not in page
    response = post(editor, f"/dataset/{world.slug}/edit", {"action": "publish", "lock_version": "1"})
    assert response.status_code == 403
    steward = login("steward").get(f"/dataset/{world.slug}/edit", headers=BROWSER).get_data(as_text=True)
    assert 'name="status"' in steward


def test_a_new_dataset_with_a_missing_title_shows_the_error_beside_it(login: Login, world: World) -> None:
    editor = login("editor")
    editor.set_cookie("lang", "en")
    data = {
        "owner": world.owner.code,
        "title_vi": "",
        "description_vi": "Mô tả",
        "db_category": "CSDL_DP",
        "sharing_class": "DUNG_CHUNG",
        "importance": "KHAC",
        "arch_component": "DAT",
    }
    response = post(editor, "/datasets/new", data)
    assert response.status_code == 200
    root = parse(response.get_data(as_text=True))
    control = root.find(".//input[@id='f-title_vi']")
    assert control is not None and control.get("aria-invalid") == "true"
    error = root.find(".//*[@id='f-title_vi-error']")
    assert error is not None and "required" in text_of(error)
    # Described here, a dataset needs its description (only a harvested one may lack it).
    bare = post(editor, "/datasets/new", data | {"title_vi": "Sổ hộ nghèo", "description_vi": ""})
    error = parse(bare.get_data(as_text=True)).find(".//*[@id='f-description_vi-error']")
    assert bare.status_code == 200 and error is not None and "required" in text_of(error)
    response = post(editor, "/datasets/new", data | {"title_vi": "Sổ hộ nghèo"})
    assert response.status_code == 303 and "/fields" in response.headers["Location"]


def test_a_stale_form_shows_the_current_values_beside_yours(login: Login, world: World) -> None:
    editor, steward = login("editor"), login("steward")
    page = editor.get(f"/dataset/{world.slug}/edit", headers=BROWSER).get_data(as_text=True)
    version = re.search(r'name="lock_version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    form = {name: parse(page).find(f".//*[@name='{name}']") for name in ("title_vi", "description_vi")}
    base = {
        "title_vi": form["title_vi"].get("value"),  # type: ignore[union-attr]
        "description_vi": text_of(form["description_vi"]),  # type: ignore[arg-type]
        "db_category": "CSDL_DP",
        "sharing_class": "DUNG_CHUNG",
        "importance": "KHAC",
        "arch_component": "DAT",
    }
    first = post(
        steward,
        f"/dataset/{world.slug}/edit",
        base | {"title_vi": "Tên của người quản lý", "lock_version": version},
    )
    assert first.status_code == 303
    second = post(
        editor,
        f"/dataset/{world.slug}/edit",
        base | {"title_vi": "Tên của biên tập viên", "lock_version": version},
    )
    assert second.status_code == 200
    html = second.get_data(as_text=True)
    assert "Tên của người quản lý" in html and "Tên của biên tập viên" in html
    assert re.findall(r'name="lock_version" value="(\d+)"', html) == [str(int(version) + 1)], html


def test_fields_mappings_and_distributions_are_added_and_removed(login: Login, world: World) -> None:
    editor = login("editor")
    fields = f"/dataset/{world.slug}/fields"
    version = "2"
    bad = post(editor, fields, {"name": "2 sai", "label_vi": "Sai", "lock_version": version})
    assert bad.status_code == 200 and 'id="f-name-error"' in bad.get_data(as_text=True)
    good = post(
        editor,
        fields,
        {"name": "ten_chu_ho", "label_vi": "Tên chủ hộ", "required": "on", "lock_version": version},
    )
    assert good.status_code == 303
    assert "ten_chu_ho" in editor.get(fields, headers=BROWSER).get_data(as_text=True)
    removed = post(editor, f"{fields}/ten_chu_ho", {"action": "delete", "lock_version": "3"})
    assert removed.status_code == 303
    distributions = f"/dataset/{world.slug}/distributions"
    added = post(
        editor,
        distributions,
        {
            "kind": "API",
            "title_vi": "Dịch vụ tra cứu",
            "access_url": "https://api.example.gov.vn/ho",
            "access_rights": "NON_PUBLIC",
            "lock_version": "4",
        },
    )
    assert added.status_code == 303, added.get_data(as_text=True)[:2000]


def test_access_request_opinion_approval_and_revocation(login: Login, world: World) -> None:
    outsider = login("outsider")
    today = date.today()
    form = {
        "dataset": world.slug,
        "purpose": "Đối soát hộ nghèo",
        "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=90)).isoformat(),
        "legal_basis": "Nghị định 47/2020/NĐ-CP",
    }
    response = post(outsider, "/access/requests/new", form)
    assert response.status_code == 303
    url = response.headers["Location"]
    steward = login("steward")
    assert url.rsplit("/", 1)[-1] in steward.get("/access/inbox", headers=BROWSER).get_data(as_text=True)
    assert post(steward, url, {"action": "opinion", "opinion": "agree"}).status_code == 303
    approver = login("approver")
    assert post(approver, url, {"action": "approve"}).status_code == 303
    grants = outsider.get("/access/grants", headers=BROWSER).get_data(as_text=True)
    assert world.slug in grants or "Quyền khai thác số 1" in grants
    refused = post(outsider, "/access/grants/1", {"reason": "x"})
    assert refused.status_code == 403
    assert post(approver, "/access/grants/1", {"reason": "Hết nhu cầu"}).status_code == 303


def test_forms_without_the_csrf_token_are_refused(login: Login, world: World) -> None:
    editor = login("editor")
    response = editor.post(
        f"/dataset/{world.slug}/fields", data={"name": "x", "label_vi": "X"}, headers=BROWSER
    )
    assert response.status_code == 403


def test_the_audit_page_is_for_administrators(login: Login, world: World) -> None:
    assert login("editor").get("/audit", headers=BROWSER).status_code == 403
    page = login("admin").get("/audit?verify=1", headers=BROWSER).get_data(as_text=True)
    assert 'id="chain-check"' in page and "auth.login" in page
    assert auth.CSRF_HEADER  # the forms use the field; the header is for scripts

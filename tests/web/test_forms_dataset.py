"""The full description form of a dataset, distributions and mappings edited in place, notifications.

The forms are posted as a browser posts them (the choices' values read from the drawn page, the
session's CSRF token); what was stored is read back through the REST API, as a client would.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from dictionary.models import Notification
from dictionary.services import Context, DatasetService, DistributionService, MappingService
from tests.factories import make_standard
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse, text_of
from tests.web.test_forms import check_page


def _page(client: FlaskClient, url: str) -> tuple[str, Element]:
    response = client.get(url, headers=BROWSER)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    return html, parse(html)


def _choice(root: Element, name: str, code: str) -> str:
    """The value a browser posts for the concept ``code`` among the choices of the control ``name``."""
    select = root.find(f".//select[@name='{name}']")
    if select is not None:
        values = [option.get("value") or "" for option in select.iter("option")]
    else:
        values = [i.get("value") or "" for i in root.iter("input") if i.get("name") == name]
    return next(value for value in values if value.endswith("/" + code))


def _version(html: str) -> str:
    found = re.search(r'name="lock_version" value="(\d+)"', html)
    return found.group(1) if found else ""


def _stored(client: FlaskClient, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/datasets/{slug}")
    assert response.status_code == 200
    return response.get_json()  # type: ignore[no-any-return]


def _as_browser_posts(form: Element) -> list[tuple[str, str]]:
    """What a browser sends for a form as drawn: ticked boxes, selected options, text areas with CRLF."""
    sent: list[tuple[str, str]] = []
    for element in form.iter():
        name = element.get("name")
        if not name or element.tag == "button":
            continue
        if element.tag == "input" and element.get("type") == "checkbox":
            if element.get("checked") is not None:
                sent.append((name, element.get("value") or "on"))
        elif element.tag == "input":
            sent.append((name, element.get("value") or ""))
        elif element.tag == "textarea":
            sent.append((name, "".join(element.itertext()).replace("\n", "\r\n")))
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and element.get("multiple") is None and options:
                chosen = options[:1]
            sent.extend((name, o.get("value") or "") for o in chosen)
    return sent


def _full_form(root: Element, html: str, world: World) -> dict[str, Any]:
    """Every control of the description form filled in, two rows of each repeated group."""
    return {
        "lock_version": _version(html),
        "title_vi": "Sổ theo dõi hộ nghèo, hộ cận nghèo",
        "title_en": "Register of poor and near-poor households",
        "description_vi": "Danh sách hộ nghèo, hộ cận nghèo theo kết quả rà soát hằng năm của các xã.",
        "description_en": "Poor and near-poor households from the communes' yearly review.",
        "purpose": "Phục vụ chi trả trợ giúp xã hội và giảm nghèo.",
        "scope": "Các hộ gia đình trên địa bàn tỉnh.",
        "content": "Thông tin hộ, thành viên, mức độ thiếu hụt.",
        "collection_mechanism": "Rà soát hằng năm, cập nhật khi có biến động.",
        "source": "Ủy ban nhân dân cấp xã.",
        "db_category": _choice(root, "db_category", "CSDL_DP"),
        "sharing_class": _choice(root, "sharing_class", "DUNG_CHUNG"),
        "importance": _choice(root, "importance", "KHAC"),
        "arch_component": _choice(root, "arch_component", "DAT"),
        "data_layer": _choice(root, "data_layer", "MASTER"),
        "sharing_mode": _choice(root, "sharing_mode", "THEO_YEU_CAU"),
        "related_national_db": "Cơ sở dữ liệu quốc gia về dân cư",
        "themes": ["", _choice(root, "themes", "KINH_TE"), _choice(root, "themes", "MOI_TRUONG")],
        "keywords_vi": "hộ nghèo, giảm nghèo",
        "keywords_en": "poverty, social protection",
        "frequency": _choice(root, "frequency", "ANNUAL"),
        "data_updated_on": "2026-10-01",
        "temporal_start": "2021-01-01",
        "temporal_end": "2025-12-31",
        "spatial": ["", _choice(root, "spatial", "admin-units-2025/68")],
        "legal_basis-rows": "3",
        "legal_basis-0-number": "47/2020/NĐ-CP",
        "legal_basis-0-title": "Nghị định về quản lý, kết nối và chia sẻ dữ liệu số",
        "legal_basis-0-issued": "2020-04-09",
        "legal_basis-0-status": _choice(root, "legal_basis-0-status", "SUPERSEDED"),
        "legal_basis-1-number": "194/2025/NĐ-CP",
        "legal_basis-1-status": _choice(root, "legal_basis-0-status", "IN_FORCE"),
        "legal_basis-1-url": "https://vanban.chinhphu.vn/194-2025",
        "legal_basis-2-number": "",  # the blank row a browser posts too
        "contact_points-rows": "2",
        "contact_points-0-name": "Nguyễn Thị Hoa",
        "contact_points-0-role": "Chuyên viên Phòng Bảo trợ xã hội",
        "contact_points-0-email": "nthoa@lamdong.gov.vn",
        "contact_points-0-phone": "0263 3822 111",
        "contact_points-0-agency": world.owner.code,
        "contact_points-1-name": "Phòng Bảo trợ xã hội",
        "contact_points-1-email": "btxh@lamdong.gov.vn",
        "version": "2.1",
        "landing_page": "https://sld.lamdong.gov.vn/ho-ngheo",
    }


def test_the_full_description_is_stored_and_drawn_again(login: Login, world: World) -> None:
    editor = login("editor")
    url = f"/dataset/{world.slug}/edit"
    html, root = _page(editor, url)
    response = post(editor, url, _full_form(root, html, world))
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    stored = _stored(editor, world.slug)
    assert stored["title_en"] == "Register of poor and near-poor households"
    assert stored["purpose"] == "Phục vụ chi trả trợ giúp xã hội và giảm nghèo."
    assert stored["collection_mechanism"].startswith("Rà soát hằng năm")
    assert stored["source"] == "Ủy ban nhân dân cấp xã."
    assert stored["data_layer"].endswith("/MASTER") and stored["sharing_mode"].endswith("/THEO_YEU_CAU")
    assert stored["related_national_db"] == "Cơ sở dữ liệu quốc gia về dân cư"
    assert sorted(uri.rsplit("/", 1)[-1] for uri in stored["themes"]) == ["KINH_TE", "MOI_TRUONG"]
    assert stored["keywords_en"] == ["poverty", "social protection"]
    assert stored["frequency"].endswith("/ANNUAL")
    assert (stored["data_updated_on"], stored["temporal_start"], stored["temporal_end"]) == (
        "2026-10-01",
        "2021-01-01",
        "2025-12-31",
    )
    assert [uri.rsplit("/", 2)[-2:] for uri in stored["spatial"]] == [["admin-units-2025", "68"]]
    documents = [
        (d["number"], d.get("issued"), d["status"].rsplit("/", 1)[-1]) for d in stored["legal_basis"]
    ]
    assert documents == [
        ("47/2020/NĐ-CP", "2020-04-09", "SUPERSEDED"),
        ("194/2025/NĐ-CP", None, "IN_FORCE"),
    ]
    assert stored["legal_basis"][1]["url"] == "https://vanban.chinhphu.vn/194-2025"
    contacts = [(c["name"], c["email"], c["phone"], c["agency"]) for c in stored["contact_points"]]
    assert contacts == [
        ("Nguyễn Thị Hoa", "nthoa@lamdong.gov.vn", "0263 3822 111", world.owner.code),
        ("Phòng Bảo trợ xã hội", "btxh@lamdong.gov.vn", None, None),
    ]
    assert (stored["version"], stored["landing_page"]) == ("2.1", "https://sld.lamdong.gov.vn/ho-ngheo")
    assert stored["status"].endswith("/PUBLISHED")  # an editor's form has no status: left alone
    # Drawn again: every stored value is in its control.
    html, root = _page(editor, url)
    themes = [i for i in root.iter("input") if i.get("name") == "themes" and i.get("checked") is not None]
    checked = [i.get("value") or "" for i in themes]
    assert sorted(v.rsplit("/", 1)[-1] for v in checked) == ["KINH_TE", "MOI_TRUONG"]
    assert root.find(".//input[@name='contact_points-1-email']").get("value") == "btxh@lamdong.gov.vn"  # type: ignore[union-attr]
    assert root.find(".//input[@name='legal_basis-0-issued']").get("value") == "2020-04-09"  # type: ignore[union-attr]
    assert root.find(".//input[@name='temporal_end']").get("value") == "2025-12-31"  # type: ignore[union-attr]
    assert text_of(root.find(".//textarea[@name='scope']")) == "Các hộ gia đình trên địa bàn tỉnh."  # type: ignore[arg-type]
    # Saved again unchanged: nothing to write, no new version.
    before = _stored(editor, world.slug)["lock_version"]
    assert post(editor, url, _full_form(root, html, world)).status_code == 303
    assert _stored(editor, world.slug)["lock_version"] == before
    # Emptied controls clear their values.
    emptied = {"purpose": "", "themes": [""], "keywords_en": "", "temporal_end": ""}
    cleared = _full_form(root, html, world) | emptied
    assert post(editor, url, cleared).status_code == 303
    stored = _stored(editor, world.slug)
    assert (stored["purpose"], stored["themes"], stored["keywords_en"], stored["temporal_end"]) == (
        None,
        [],
        [],
        None,
    )


def test_a_form_saved_as_drawn_changes_nothing(ctx: Context, login: Login, world: World) -> None:
    DatasetService(ctx).update(
        world.slug,
        {
            "description_vi": "Dòng thứ nhất.\nDòng thứ hai.",
            "spatial": ["admin-units-2025/68", "admin-units-2004/68"],
            "keywords_en": ["poverty"],
            "temporal_start": date(2021, 1, 1),
            "legal_basis": [{"number": "47/2020/NĐ-CP", "issued": date(2020, 4, 9), "status": "SUPERSEDED"}],
            "contact_points": [
                {"name": "Trần Văn Nam", "email": "tvnam@lamdong.gov.vn", "agency": world.owner.code},
                {"name": "Lê Thị Lan", "phone": "0263 3811 222"},
            ],
        },
    )
    ctx.session.commit()
    for who in ("editor", "steward"):
        client = login(who)
        url = f"/dataset/{world.slug}/edit"
        before = _stored(client, world.slug)
        _html, root = _page(client, url)
        form = root.find(".//form[@class='edit-form']")
        assert form is not None
        response = client.post(url, data=MultiDict(_as_browser_posts(form)), headers=BROWSER)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        assert _stored(client, world.slug) == before, who


@pytest.mark.parametrize(
    ("changes", "control"),
    [
        ({"data_updated_on": "31/02/2026"}, "data_updated_on"),
        ({"temporal_end": "2020-01-01"}, "temporal_end"),  # before the start: the service refuses
        ({"landing_page": "sld.lamdong.gov.vn/ho-ngheo"}, "landing_page"),
        ({"themes": ["", "CHU_DE_KHONG_CO"]}, "themes"),  # an unknown concept
        ({"frequency": "MOI_GIO"}, "frequency"),
        ({"contact_points-1-email": "btxh@"}, "contact_points-1-email"),
        ({"contact_points-0-agency": "KHONG.CO"}, "contact_points-0-agency"),  # an unknown agency
        ({"legal_basis-0-issued": "2020-13-01"}, "legal_basis-0-issued"),
        ({"legal_basis-1-url": "vanban.chinhphu.vn"}, "legal_basis-1-url"),
        ({"legal_basis-0-status": "CON_HIEU_LUC"}, "legal_basis-0-status"),
    ],
)
def test_an_invalid_value_is_shown_beside_its_control_and_nothing_is_written(
    login: Login, world: World, changes: dict[str, Any], control: str
) -> None:
    editor = login("editor")
    editor.set_cookie("lang", "en")
    url = f"/dataset/{world.slug}/edit"
    before = _stored(editor, world.slug)
    html, root = _page(editor, url)
    response = post(editor, url, _full_form(root, html, world) | changes)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html, "en", f"{url} {control}")
    root = parse(html)
    error = root.find(f".//*[@id='f-{control}-error']")
    assert error is not None and text_of(error), html
    element = root.find(f".//*[@id='f-{control}']")
    assert element is not None
    assert element.get("aria-invalid") == "true" or element.get("aria-describedby") == f"f-{control}-error"
    assert root.find(".//*[@id='form-errors']") is not None  # the summary above the form too
    assert root.find(".//input[@name='title_vi']").get("value") == "Sổ theo dõi hộ nghèo, hộ cận nghèo"  # type: ignore[union-attr]
    after = _stored(editor, world.slug)
    assert (after["lock_version"], after["title_vi"], after["contact_points"]) == (
        before["lock_version"],
        before["title_vi"],
        before["contact_points"],
    )


def test_contact_rows_are_added_and_removed_without_javascript(login: Login, world: World) -> None:
    editor = login("editor")
    url = f"/dataset/{world.slug}/edit"
    html, root = _page(editor, url)
    names = {i.get("name") for i in root.iter("input")}
    assert "contact_points-0-name" in names and "contact_points-1-name" not in names  # one blank row
    form = _full_form(root, html, world)
    form = {key: value for key, value in form.items() if not key.startswith("contact_points-")}
    form |= {"contact_points-0-name": "Trần Văn Nam", "contact_points-0-email": "tvnam@lamdong.gov.vn"}
    more = post(editor, url, form | {"action": "add-contact_points"})
    assert more.status_code == 200  # drawn again, nothing saved
    root = parse(more.get_data(as_text=True))
    assert root.find(".//input[@name='contact_points-0-name']").get("value") == "Trần Văn Nam"  # type: ignore[union-attr]
    assert root.find(".//input[@name='contact_points-1-name']") is not None
    assert root.find(".//*[@id='form-errors']") is None
    assert _stored(editor, world.slug)["contact_points"] == []
    second = {"contact_points-1-name": "Lê Thị Lan", "contact_points-1-phone": "0263 3811 222"}
    assert post(editor, url, form | second).status_code == 303
    stored = _stored(editor, world.slug)["contact_points"]
    assert [c["name"] for c in stored] == ["Lê Thị Lan", "Trần Văn Nam"]  # listed by name
    html, root = _page(editor, url)
    drawn = {
        name: i.get("value") or ""
        for i in root.iter("input")
        if (name := i.get("name") or "").startswith("contact_points-") and i.get("type") != "checkbox"
    }
    assert drawn["contact_points-2-name"] == ""  # the blank row to type into
    nam = next(key for key, value in drawn.items() if value == "Trần Văn Nam").split("-")[1]
    form["lock_version"] = _version(html)
    removed = form | drawn | {f"contact_points-{nam}-remove": "on"}
    assert post(editor, url, removed).status_code == 303
    assert [c["name"] for c in _stored(editor, world.slug)["contact_points"]] == ["Lê Thị Lan"]


def test_a_new_dataset_takes_the_whole_description(login: Login, world: World) -> None:
    editor = login("editor")
    html, root = _page(editor, "/datasets/new")
    form = _full_form(root, html, world) | {"owner": world.owner.code, "title_vi": "Sổ hộ nghèo mới"}
    response = post(editor, "/datasets/new", form)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    slug = response.headers["Location"].split("/dataset/", 1)[1].split("/", 1)[0]
    stored = _stored(editor, slug)
    assert stored["status"].endswith("/DRAFT") and stored["purpose"].startswith("Phục vụ")
    assert len(stored["contact_points"]) == 2 and len(stored["legal_basis"]) == 2


def test_a_stale_form_lists_the_other_changes_of_rows_and_lists(login: Login, world: World) -> None:
    editor, steward = login("editor"), login("steward")
    url = f"/dataset/{world.slug}/edit"
    html, root = _page(editor, url)
    form = _full_form(root, html, world)
    assert post(steward, url, form | {"keywords_en": "households"}).status_code == 303
    response = post(editor, url, form | {"contact_points-1-name": "Phòng Giảm nghèo"})
    assert response.status_code == 200
    table = parse(response.get_data(as_text=True)).find(".//section[@aria-labelledby='stale-title']")
    assert table is not None
    shown = text_of(table)
    assert "households" in shown and "Phòng Giảm nghèo" in shown
    assert _version(response.get_data(as_text=True)) == str(int(form["lock_version"]) + 1)


def test_a_stale_form_keeps_untouched_inputs_current_and_names_who_changed_what(
    login: Login, world: World
) -> None:
    editor, steward = login("editor"), login("steward")
    url = f"/dataset/{world.slug}/edit"
    _html, root = _page(editor, url)
    drawn = root.find(".//form[@class='edit-form']")
    assert drawn is not None
    as_drawn = MultiDict(_as_browser_posts(drawn))
    # The steward changes the English description meanwhile, through the same form.
    theirs = MultiDict(as_drawn)
    theirs.setlist("description_en", ["Changed by the steward"])
    theirs["csrf_token"] = _csrf_of(steward, url)
    assert steward.post(url, data=theirs, headers=BROWSER).status_code == 303
    # The editor saves the form opened before, with only the title changed.
    mine = MultiDict(as_drawn)
    mine.setlist("title_vi", ["Tên do biên tập viên sửa"])
    mine["csrf_token"] = _csrf_of(editor, url)
    response = editor.post(url, data=mine, headers=BROWSER)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    notice = parse(html).find(".//section[@id='stale']")
    assert notice is not None
    said = text_of(notice)
    assert "Mô tả tiếng Anh" in said, "names what the other person changed"
    assert "Tên tiếng Việt" not in said, "the title was changed by nobody else: no conflict to show"
    again = parse(html).find(".//form[@class='edit-form']")
    assert again is not None
    resent = MultiDict(_as_browser_posts(again))
    assert resent["title_vi"] == "Tên do biên tập viên sửa", "the user's own change is kept"
    assert resent["description_en"] == "Changed by the steward", "an untouched input shows the current value"
    resent["csrf_token"] = _csrf_of(editor, url)
    assert editor.post(url, data=resent, headers=BROWSER).status_code == 303
    stored = _stored(editor, world.slug)
    assert stored["title_vi"] == "Tên do biên tập viên sửa"
    assert stored["description_en"] == "Changed by the steward", "re-saving wrote back no stale value"


def _csrf_of(client: FlaskClient, url: str) -> str:
    found = re.search(
        r'name="csrf_token" value="([^"]+)"', client.get(url, headers=BROWSER).get_data(as_text=True)
    )
    assert found is not None
    return found.group(1)


# Distributions and mappings, edited in place -----------------------------------------------------


def test_a_distribution_is_edited_in_place(ctx: Context, login: Login, world: World) -> None:
    added = {"kind": "API", "title_vi": "Dịch vụ tra cứu hộ", "access_url": "https://api.example.gov.vn/ho",
             "access_rights": "NON_PUBLIC"}  # fmt: skip
    DistributionService(ctx).add(world.slug, added)
    ctx.session.commit()
    editor = login("editor")
    url = f"/dataset/{world.slug}/distributions"
    _listed, root = _page(editor, url)
    link = next(a.get("href") for a in root.iter("a") if "edit=" in (a.get("href") or ""))
    _html, root = _page(editor, link)
    for lang in ("vi", "en"):
        editor.set_cookie("lang", lang)
        check_page(editor.get(link, headers=BROWSER).get_data(as_text=True), lang, link)
    assert root.find(".//input[@name='title_vi']").get("value") == "Dịch vụ tra cứu hộ"  # type: ignore[union-attr]
    form = {
        element.get("name"): element.get("value") or ""
        for element in root.find(".//form[@class='edit-form']").iter("input")  # type: ignore[union-attr]
        if element.get("name")
    }
    form["kind"] = _choice(root, "kind", "API")
    form["access_rights"] = _choice(root, "access_rights", "NON_PUBLIC")
    assert form["action"] == "update"
    bad = post(editor, url, form | {"access_url": "api.example.gov.vn"})
    assert bad.status_code == 200 and 'id="f-access_url-error"' in bad.get_data(as_text=True)
    edited = form | {"title_en": "Household lookup service", "media_type": "application/json"}
    assert post(editor, url, edited).status_code == 303
    distributions = editor.get(f"/api/v1/datasets/{world.slug}/distributions").get_json()
    assert len(distributions) == 1
    assert (distributions[0]["title_en"], distributions[0]["media_type"]) == (
        "Household lookup service",
        "application/json",
    )
    assert distributions[0]["access_url"] == "https://api.example.gov.vn/ho"  # untouched values stay


def test_a_mapping_is_edited_in_place(ctx: Context, login: Login, world: World) -> None:
    standard = make_standard(ctx)
    mapping = MappingService(ctx).add(world.slug, {"standard": standard.code, "field": "ma_ho", "term": "ma"})
    ctx.session.commit()
    editor = login("editor")
    url = f"/dataset/{world.slug}/mappings"
    html, root = _page(editor, f"{url}?edit={mapping.id}")
    check_page(html, "vi", url)
    assert root.find(".//input[@name='term']").get("value") == "ma"  # type: ignore[union-attr]
    form = {"action": "update", "mapping": str(mapping.id), "lock_version": _version(html)}
    edited = form | {"term": "MaHoGiaDinh", "relation": "closeMatch", "note": "Theo QCVN"}
    assert post(editor, url, edited).status_code == 303
    stored = editor.get(f"/api/v1/datasets/{world.slug}/mappings").get_json()
    assert [(m["field"], m["term"], m["relation"].rsplit("#", 1)[-1], m["note"]) for m in stored] == [
        ("ma_ho", "MaHoGiaDinh", "closeMatch", "Theo QCVN")
    ]


# Notifications in the workspace ------------------------------------------------------------------


def test_notifications_are_shown_and_marked_read(ctx: Context, login: Login, world: World) -> None:
    steward = world.people["steward"]
    for number, kind in ((1, "request.submitted"), (2, "request.approved")):
        ctx.session.add(
            Notification(
                recipient_id=steward.id,
                kind=kind,
                message=f"Yêu cầu khai thác số {number}",
                link=f"/api/v1/access/requests/{number}",
                request_number=number,
            )
        )
    ctx.session.commit()
    client = login("steward")
    client.set_cookie("lang", "en")
    html, root = _page(client, "/workspace")
    check_page(html, "en", "/workspace")
    section = root.find(".//section[@aria-labelledby='s-notifications']")
    assert section is not None
    shown = text_of(section)
    assert "New access request" in shown and "Request approved" in shown and "2 unread" in shown
    assert "/access/requests/1" in html
    assert login("editor").get("/workspace", headers=BROWSER).get_data(as_text=True).count("unread") == 0
    refused = client.post("/workspace/notifications/read", headers=BROWSER)
    assert refused.status_code == 403  # no CSRF token
    response = post(client, "/workspace/notifications/read", {})
    assert response.status_code == 303 and response.headers["Location"].endswith("/workspace#s-notifications")
    assert client.get("/api/v1/notifications?unread=true").get_json() == []
    html, root = _page(client, "/workspace")
    assert "Marked 2 notification(s) as read." in html
    assert "unread" not in text_of(root.find(".//section[@aria-labelledby='s-notifications']"))  # type: ignore[arg-type]
    assert 'action="/workspace/notifications/read"' not in html  # nothing left to mark

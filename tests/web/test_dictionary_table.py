"""The whole-dictionary editor (/dataset/<slug>/dictionary) through the test client, without
JavaScript: the table drawn from the registry, one save of many changes as one revision, add /
delete / reorder, per-cell errors that keep what was typed, a stale save, and who may use it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from dictionary.models import Dataset, Revision
from dictionary.properties import FIELD
from dictionary.services import Context, FieldService
from tests.factories import field_inputs, make_principal
from tests.web.conftest import BROWSER, PASSWORD, Login, World, post
from tests.web.html import parse, text_of
from tests.web.test_forms import check_page

HIDDEN = ("csrf_token",)


def _url(world: World) -> str:
    return f"/dataset/{world.slug}/dictionary"


def _form(html: str) -> dict[str, Any]:
    """What a browser would post from the page, as drawn (every control, ticked boxes only)."""
    root = parse(html)
    form = root.find(".//form[@class='dictionary-form']")
    assert form is not None
    data: dict[str, Any] = {}
    for control in (c for c in form.iter() if c.tag in ("input", "select", "textarea")):
        name = control.get("name")
        if not name or name in HIDDEN:
            continue
        if control.tag == "select":
            chosen = [o.get("value") or "" for o in control.iter("option") if o.get("selected") is not None]
            data[name] = chosen[0] if chosen else ""
        elif control.tag == "textarea":
            data[name] = text_of(control)
        elif control.get("type") == "checkbox":
            if control.get("checked") is not None:
                data[name] = "on"
        elif control.get("type") != "submit":
            data[name] = control.get("value") or ""
    return data


def _ten_fields(ctx: Context, world: World) -> None:
    FieldService(ctx).replace_all(
        world.slug,
        field_inputs(
            *({"name": f"truong_{n}", "label_vi": f"Trường {n}", "data_type": "STRING"} for n in range(10))
        ),
    )
    ctx.session.commit()


def _revisions(ctx: Context, world: World) -> int:
    ctx.session.expire_all()
    dataset = ctx.session.scalars(select(Dataset).where(Dataset.slug == world.slug)).one()
    return int(ctx.session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0)


def _fields(ctx: Context, world: World) -> list[Any]:
    ctx.session.expire_all()
    return list(ctx.session.scalars(select(Dataset).where(Dataset.slug == world.slug)).one().fields)


def test_the_table_has_a_column_per_attribute_of_the_registry(login: Login, world: World) -> None:
    editor = login("editor")
    for lang in ("vi", "en"):
        editor.set_cookie("lang", lang)
        response = editor.get(_url(world), headers=BROWSER)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        check_page(html, lang, f"dictionary ({lang})")
        root = parse(html)
        columns = [th.get("id") for th in root.iter("th") if (th.get("id") or "").startswith("d-col-")]
        # The two header rows: the row's own columns and the sections, then an attribute each.
        assert columns == ["d-col-field", "d-col-position", "d-col-delete"] + [
            f"d-col-{prop.name}" for prop in FIELD.writable()
        ]
        for prop in FIELD.writable():  # the stored field's row holds every attribute, named by row + column
            control = root.find(f".//*[@name='r-0-{prop.name}']")
            assert control is not None, prop.name
            assert control.get("aria-labelledby") == f"d-0-head d-col-{prop.name}"
        assert root.find(".//*[@name='r-0-original']").get("value") == "ma_ho"  # type: ignore[union-attr]
        assert root.find(".//div[@class='table-wrap dictionary-wrap']").get("tabindex") == "0"  # type: ignore[union-attr]


def test_ten_fields_changed_in_one_post_make_one_revision(login: Login, world: World, ctx: Context) -> None:
    _ten_fields(ctx, world)
    before = _revisions(ctx, world)
    editor = login("editor")
    data = _form(editor.get(_url(world), headers=BROWSER).get_data(as_text=True))
    for n in range(1, 11):  # row n - 1 is truong_<n - 1>
        data[f"r-{n - 1}-label_en"] = f"Field {n}"
        data[f"r-{n - 1}-definition"] = f"Định nghĩa {n}"
    data["r-3-required"] = "on"
    data["r-4-length"] = "20"
    response = post(editor, _url(world), data)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    assert _revisions(ctx, world) == before + 1
    fields = _fields(ctx, world)
    assert [f.label_en for f in fields] == [f"Field {n}" for n in range(1, 11)]
    assert fields[3].required and fields[4].length == 20
    assert "10" in editor.get(_url(world), headers=BROWSER).get_data(as_text=True)


def test_rows_are_added_deleted_reordered_and_renamed_in_one_save(
    login: Login, world: World, ctx: Context
) -> None:
    _ten_fields(ctx, world)
    editor = login("editor")
    page = editor.get(_url(world), headers=BROWSER).get_data(as_text=True)
    data = _form(page)
    rows = int(data["rows"])
    assert rows == 12  # ten fields and two blank rows
    data["r-2-delete"] = "on"  # truong_2 goes
    data["r-9-position"] = "1"  # truong_9 first, before truong_0 drawn at 1
    data["r-1-name"] = "truong_mot"  # truong_1 renamed, keeps its record
    data |= {
        "r-10-name": "truong_moi",
        "r-10-label_vi": "Trường mới",
        "r-10-data_type": data["r-1-data_type"],
    }
    ids = {f.name: f.id for f in _fields(ctx, world)}
    response = post(editor, _url(world), data)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    fields = _fields(ctx, world)
    names = [f.name for f in fields]
    assert names == [
        "truong_9",
        "truong_0",
        "truong_mot",
        *[f"truong_{n}" for n in range(3, 9)],
        "truong_moi",
    ]
    assert fields[2].id == ids["truong_1"] and [f.position for f in fields] == list(range(1, 11))


def test_without_javascript_add_rows_posts_back_more_blank_rows_and_saves_nothing(
    login: Login, world: World, ctx: Context
) -> None:
    before = _revisions(ctx, world)
    editor = login("editor")
    data = _form(editor.get(_url(world), headers=BROWSER).get_data(as_text=True))
    data |= {"r-0-label_vi": "Đang gõ", "action": "add-rows"}
    response = post(editor, _url(world), data)
    assert response.status_code == 200
    form = _form(response.get_data(as_text=True))
    assert form["rows"] == "5" and form["r-0-label_vi"] == "Đang gõ" and form["r-4-name"] == ""
    assert _revisions(ctx, world) == before


def test_an_error_in_one_cell_is_shown_beside_it_and_keeps_every_typed_value(
    login: Login, world: World, ctx: Context
) -> None:
    _ten_fields(ctx, world)
    before = _revisions(ctx, world)
    editor = login("editor")
    data = _form(editor.get(_url(world), headers=BROWSER).get_data(as_text=True))
    typed = {f"r-{n}-label_en": f"Typed {n}" for n in range(10)}
    wrong_name = {"r-10-name": "2 sai", "r-10-label_vi": "Sai"}  # the schema refuses: not a field name
    response = post(editor, _url(world), data | typed | wrong_name)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    cell = parse(html).find(".//input[@id='d-10-name']")
    assert (
        cell is not None
        and cell.get("aria-invalid") == "true"
        and cell.get("aria-describedby") == "d-10-name-error"
    )
    assert 'href="#d-10-name"' in html  # the summary above the table links to the cell
    assert _form(html) == data | typed | wrong_name
    editor.set_cookie("lang", "en")
    scale = {"r-5-precision": "3", "r-5-scale": "5"}  # the service refuses: scale above precision
    response = post(editor, _url(world), data | typed | scale)
    html = response.get_data(as_text=True)
    root = parse(html)
    error = root.find(".//*[@id='d-5-scale-error']")
    assert error is not None and text_of(error) == "must not exceed Precision"
    assert root.find(".//input[@id='d-5-scale']").get("aria-invalid") == "true"  # type: ignore[union-attr]
    assert _form(html) == data | typed | scale
    assert _revisions(ctx, world) == before


def test_a_stale_save_is_refused_with_a_conflict_and_loses_nothing(
    login: Login, world: World, ctx: Context
) -> None:
    editor, steward = login("editor"), login("steward")
    data = _form(editor.get(_url(world), headers=BROWSER).get_data(as_text=True))
    theirs = _form(steward.get(_url(world), headers=BROWSER).get_data(as_text=True))
    assert post(steward, _url(world), theirs | {"r-0-label_en": "Theirs"}).status_code == 303
    before = _revisions(ctx, world)
    mine = data | {"r-0-label_en": "Mine", "r-1-name": "truong_cua_toi", "r-1-label_vi": "Của tôi"}
    response = post(editor, _url(world), mine)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="stale"' in html and _revisions(ctx, world) == before
    redrawn = _form(html)
    assert redrawn["r-0-label_en"] == "Mine" and redrawn["r-1-name"] == "truong_cua_toi"
    assert redrawn["lock_version"] == str(int(data["lock_version"]) + 1)  # saving again overwrites knowingly
    assert post(editor, _url(world), redrawn).status_code == 303
    assert _fields(ctx, world)[0].label_en == "Mine"


def test_only_editors_of_the_owner_use_it(app: Any, login: Login, world: World, ctx: Context) -> None:
    before = _revisions(ctx, world)
    world.people["other_steward"] = make_principal(ctx, "steward", world.other.code, password=PASSWORD)
    ctx.session.commit()
    outsider = login("other_steward")
    assert outsider.get(_url(world), headers=BROWSER).status_code == 403
    assert post(outsider, _url(world), {"rows": "0", "lock_version": "2"}).status_code == 403
    anonymous = app.test_client()
    response = anonymous.get(_url(world), headers=BROWSER)
    assert response.status_code == 401 and "ma_ho" not in response.get_data(as_text=True)
    response = anonymous.post(_url(world), data={"rows": "0", "lock_version": "2"}, headers=BROWSER)
    assert response.status_code == 401
    assert _revisions(ctx, world) == before
    fields_page = login("editor").get(f"/dataset/{world.slug}/fields", headers=BROWSER).get_data(as_text=True)
    assert f'href="{_url(world)}"' in fields_page  # linked from the tabs and the list of fields

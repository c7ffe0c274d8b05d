"""The web forms draw a control for every property of the registry, and the field form edits
every attribute of a field (read back through the REST API, as a client would)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from dictionary.properties import DATASET, DISTRIBUTION, FIELD, Kind
from dictionary.services import Context, FieldService
from tests.factories import make_dataset, make_standard, registry_values
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse


def _names(client: FlaskClient, url: str) -> set[str]:
    response = client.get(url, headers=BROWSER)
    assert response.status_code == 200, url
    root = parse(response.get_data(as_text=True))
    controls = (element for tag in ("input", "select", "textarea") for element in root.iter(tag))
    return {element.get("name") or "" for element in controls}


def test_the_dataset_form_has_every_writable_property(login: Login, world: World) -> None:
    steward, editor = login("steward"), login("editor")
    wanted = {prop.name for prop in DATASET.writable()} - {"slug"}
    drawn = _names(steward, f"/dataset/{world.slug}/edit")
    grouped = {name for name in drawn if "-" in name}
    plain = drawn | {name.split("-")[0] for name in grouped}
    assert wanted - plain == set()
    assert "status" not in _names(editor, f"/dataset/{world.slug}/edit"), "publishing is for stewards"


@pytest.mark.parametrize(("registry", "part"), [(FIELD, "fields"), (DISTRIBUTION, "distributions")])
def test_the_part_forms_have_every_writable_property(login: Login, world: World, registry, part) -> None:  # type: ignore[no-untyped-def]
    drawn = _names(login("editor"), f"/dataset/{world.slug}/{part}")
    assert {prop.name for prop in registry.writable()} - drawn - {"slug"} == set()


def test_the_field_form_edits_every_attribute(login: Login, world: World, ctx: Context) -> None:
    target = make_dataset(ctx, world.owner)
    standard = make_standard(ctx)
    ctx.session.commit()
    editor = login("editor")
    fields = f"/dataset/{world.slug}/fields"
    sent = registry_values(FIELD, ctx, name="so_the", code_list_standard=standard.code)
    form: dict[str, object] = {}
    for name, value in sent.items():
        if FIELD[name].kind is Kind.BOOLEAN:
            form[name] = "on" if value else ""
        elif not isinstance(value, list):
            form[name] = str(value)
    form["foreign_key"] = f"{target.slug}/ma_ho_khong_co"
    refused = post(editor, fields, form | {"lock_version": "2"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert 'id="f-foreign_key-error"' in page, "the error is shown beside its control"
    assert editor.get(f"/api/v1/datasets/{world.slug}/fields/so_the").status_code == 404
    target_field = "truong_dich"
    FieldService(ctx).add(target.slug, {"name": target_field, "label_vi": "Đích"})
    ctx.session.commit()
    form["foreign_key"] = f"{target.slug}/{target_field}"
    added = post(editor, fields, form | {"lock_version": "2"})
    assert added.status_code == 303, added.get_data(as_text=True)[:3000]
    stored = editor.get(f"/api/v1/datasets/{world.slug}/fields/so_the").get_json()
    for prop in FIELD.writable():
        if prop.kind is Kind.REFERENCE:
            continue
        value, given = stored[prop.name], sent[prop.name]
        assert value == given or str(value).endswith(f"/{given}"), (prop.name, given, value)
    assert stored["foreign_key"] == {"dataset": target.slug, "field": target_field}
    assert stored["code_list_standard"] == standard.code
    # Cleared in the edit form, a value is cleared (an empty control is no "leave it alone").
    version = editor.get(f"/api/v1/datasets/{world.slug}").headers["ETag"].strip('"')
    cleared = post(editor, f"{fields}/so_the", form | {"unit": "", "example": "", "lock_version": version})
    assert cleared.status_code == 303
    again = editor.get(f"/api/v1/datasets/{world.slug}/fields/so_the").get_json()
    assert again["unit"] is None and again["example"] is None and again["label_en"] == sent["label_en"]

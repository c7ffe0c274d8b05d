"""Terms as spreadsheets over HTTP: template, a dictionary's terms, import with dry run and confirmation."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.dictionary import hostile_files as H
from tests.dictionary.test_term_import import DEFINITION, term_csv, term_row
from tests.factories import make_standard, make_term

API = "/api/v1"


@pytest.fixture
def dictionary(ctx) -> str:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", length=15)
    return "TDDL"


def upload(client, content: bytes, query: str = "", headers=None):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/standards/TDDL/terms/import{query}",
        data={"file": (io.BytesIO(content), "thuat-ngu.csv")},
        content_type="multipart/form-data",
        headers=headers or {},
    )


PHONE_20 = term_csv([term_row(ma="SO_DIEN_THOAI", do_dai=20)])


def test_downloads_are_public(anonymous_client, dictionary) -> None:
    workbook = anonymous_client.get(f"{API}/standards/TDDL/terms.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.data)).worksheets[0]
    assert sheet["A1"].value == "ma" and sheet["A2"].value == "code" and sheet["A3"].value == "SO_DIEN_THOAI"
    csv = anonymous_client.get(f"{API}/standards/TDDL/terms.csv")
    assert csv.mimetype == "text/csv" and csv.data.startswith("\ufeffma,ten,".encode())
    assert anonymous_client.get(f"{API}/terms-template.csv").data.decode("utf-8-sig").count("\r\n") == 2
    assert anonymous_client.get(f"{API}/standards/KHONG_CO/terms.csv").status_code == 404


def test_dry_run_then_apply_with_the_confirmation(client, dictionary) -> None:
    dry = upload(client, PHONE_20)
    assert dry.status_code == 200, dry.json
    body = dry.json
    assert body["dry_run"] and not body["applied"]
    assert body["diff"]["changed"][0]["changes"][0] == {
        "property": "length", "column": "do_dai", "before": 15, "after": 20,
    }  # fmt: skip
    assert client.get(f"{API}/terms/SO_DIEN_THOAI").json["length"] == 15
    applied = upload(client, PHONE_20, f"?dry_run=false&confirmation={body['confirmation']}")
    assert applied.status_code == 200 and applied.json["applied"], applied.json
    assert client.get(f"{API}/terms/SO_DIEN_THOAI").json["length"] == 20
    assert len(client.get(f"{API}/terms/SO_DIEN_THOAI/history").json) == 2


def test_a_change_in_between_is_412_and_no_token_is_428(client, dictionary) -> None:
    token = upload(client, PHONE_20).json["confirmation"]
    etag = client.get(f"{API}/terms/SO_DIEN_THOAI").headers["ETag"]
    changed = client.patch(f"{API}/terms/SO_DIEN_THOAI", json={"unit": "số"}, headers={"If-Match": etag})
    assert changed.status_code == 200
    stale = upload(client, PHONE_20, f"?dry_run=false&confirmation={token}", {"Accept-Language": "en"})
    assert stale.status_code == 412 and "changed since the dry run" in stale.json["message"]
    assert upload(client, PHONE_20, "?dry_run=false").status_code == 428
    assert client.get(f"{API}/terms/SO_DIEN_THOAI").json["length"] == 15


def test_errors_are_422_located_in_the_readers_language(client, dictionary) -> None:
    row = term_row(ma="MOI", ten="Mới", dinh_nghia=DEFINITION, trang_thai="IN_FORCE", do_dai="dài")
    content = term_csv([row])
    response = upload(client, content, headers={"Accept-Language": "vi"})
    assert response.status_code == 422
    (error,) = response.json["report"]["errors"]
    assert (error["row"], error["column"], error["cell"]) == (3, "do_dai", "D3")
    assert response.json["message"] == "Tệp có 1 lỗi; chưa có gì được ghi"


def test_only_administrators_import_and_hostile_files_are_413(client, client_as, dictionary) -> None:
    editor = client_as("approver")
    assert upload(editor, PHONE_20).status_code == 403
    bomb = upload(client, H.cell_bomb_row())
    assert bomb.status_code == 413 and bomb.json["limit"]["code"] == "row_cells"

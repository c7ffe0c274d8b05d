"""The dictionary spreadsheet endpoints over HTTP: downloads, template, import with dry run."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.dictionary import hostile_files as H
from tests.dictionary.spreadsheet_helpers import csv_bytes, make_dictionary, row, sheet_rows, xlsx_bytes

API = "/api/v1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def dataset(ctx) -> str:  # type: ignore[no-untyped-def]
    return make_dictionary(ctx).slug


def upload(client, content: bytes, *, name: str = "tu-dien.xlsx", query: str = "", headers=None):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/datasets/ho-so/dictionary/import{query}",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
        headers=headers or {},
    )


def test_workbook_download(client, dataset) -> None:
    response = client.get(f"{API}/datasets/{dataset}/dictionary.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"] == 'attachment; filename="ho-so-tu-dien-du-lieu.xlsx"'
    assert response.headers["ETag"] == '"1"'
    workbook = load_workbook(io.BytesIO(response.data))
    assert [values[0] for values in workbook.worksheets[0].iter_rows(values_only=True)][2:] == [
        "ma_ho_so", "so_dinh_danh", "dan_toc", "le_phi"
    ]  # fmt: skip


def test_csv_download_has_a_bom(client, dataset) -> None:
    response = client.get(f"{API}/datasets/{dataset}/dictionary.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbften_truong,nhan,")


def test_blank_templates(client) -> None:
    workbook = client.get(f"{API}/dictionary-template.xlsx")
    assert workbook.status_code == 200 and workbook.mimetype == XLSX and "ETag" not in workbook.headers
    assert len(sheet_rows(workbook.data)) == 2
    assert client.get(f"{API}/dictionary-template.csv").data.decode("utf-8-sig").count("\r\n") == 2


@pytest.mark.parametrize("suffix", ["dictionary.xlsx", "dictionary.csv", "dictionary/import"])
def test_unknown_dataset_is_404(client, suffix) -> None:
    method = client.post if suffix.endswith("import") else client.get
    kwargs = {"data": {"file": (io.BytesIO(b"x"), "x.csv")}} if suffix.endswith("import") else {}
    response = method(f"{API}/datasets/khong-co/{suffix}", **kwargs)
    assert response.status_code == 404 and response.json["code"] == 404


def test_import_is_a_dry_run_by_default(client, dataset) -> None:
    content = client.get(f"{API}/datasets/{dataset}/dictionary.csv").data
    changed = content.replace("Dân tộc,".encode(), "Dân tộc (sửa),".encode())
    response = upload(client, changed, name="sua.csv")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["dry_run"] and not body["applied"] and body["format"] == "csv" and body["errors"] == []
    assert body["diff"]["changed"] == [
        {"name": "dan_toc", "changes": {"label_vi": {"from": "Dân tộc", "to": "Dân tộc (sửa)"}}}
    ]
    assert response.headers["ETag"] == '"1"'
    fields = client.get(f"{API}/datasets/{dataset}/fields").json
    assert fields[2]["label_vi"] == "Dân tộc"


def test_import_applies_with_if_match(client, dataset) -> None:
    content = client.get(f"{API}/datasets/{dataset}/dictionary.xlsx").data
    rows = sheet_rows(content)[2:]
    rows[0][1] = "Mã số hồ sơ"
    response = upload(client, xlsx_bytes(rows), query="?dry_run=false", headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.json
    assert response.json["applied"] and response.json["revision"] == 2
    assert response.headers["ETag"] == '"2"'
    assert client.get(f"{API}/datasets/{dataset}/fields/ma_ho_so").json["label_vi"] == "Mã số hồ sơ"
    revisions = client.get(f"{API}/datasets/{dataset}/revisions").json
    assert revisions[0]["message"].startswith("Nhập từ điển từ tệp / dictionary imported: tu-dien.xlsx")

    stale = upload(client, xlsx_bytes(rows), query="?dry_run=false", headers={"If-Match": '"1"'})
    assert stale.status_code == 412 and stale.headers["ETag"] == '"2"'


def test_invalid_rows_are_422_with_rows_and_columns_and_nothing_is_written(client, dataset) -> None:
    rows = [row(ten_truong="ma_ho_so", nhan="Mã", kieu="VARCHAR"), row(ten_truong="x y", nhan="X")]
    response = upload(client, xlsx_bytes(rows), query="?dry_run=false", headers={"Accept-Language": "en-US"})
    assert response.status_code == 422
    body = response.json
    assert body["code"] == 422 and "2 error(s)" in body["message"]
    vietnamese = upload(client, xlsx_bytes(rows), query="?dry_run=false")
    assert "Tệp có 2 lỗi; chưa có gì được ghi" in vietnamese.json["message"]
    assert body["errors"]["files"]["file"][0].startswith("row 3, column kieu: “VARCHAR” is not a data type")
    # The located errors follow the caller's language too (Vietnamese without a usable header).
    errors = vietnamese.json["errors"]["files"]["file"]
    assert errors[0].startswith("dòng 3, cột kieu: “VARCHAR” không phải là một kiểu dữ liệu")
    assert vietnamese.json["report"]["errors"][1]["text"] == errors[1]
    assert body["report"]["errors"][0]["message"].startswith("“VARCHAR” is not a data type")
    located = [(error["row"], error["column"], error["cell"]) for error in body["report"]["errors"]]
    assert located == [(3, "kieu", "F3"), (4, "ten_truong", "A4")]
    assert len(client.get(f"{API}/datasets/{dataset}/fields").json) == 4
    assert len(client.get(f"{API}/datasets/{dataset}/revisions").json) == 1


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b'{"file": "abc"}', "application/json"),
        (b"{not json", "application/json"),
        (b"[" * 5000 + b"]" * 5000, "application/json"),
        (b"ten_truong,nhan\r\na,b\r\n", "text/csv"),
        (b"", "multipart/form-data; boundary=xyz"),
    ],
    ids=["json", "bad-json", "deep-json", "raw-csv", "empty-multipart"],
)
def test_a_body_without_a_file_part_is_422(client, dataset, data, content_type) -> None:
    response = client.post(
        f"{API}/datasets/{dataset}/dictionary/import", data=data, content_type=content_type
    )
    assert response.status_code == 422, response.data
    assert "files.file" in response.json["message"]


def test_not_a_spreadsheet_is_422_whatever_its_name(client, dataset) -> None:
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="tu-dien.xlsx")
    assert response.status_code == 422
    assert "không phải sổ Excel (.xlsx)" in response.json["errors"]["files"]["file"][0]  # Vietnamese: default


def test_csv_named_xlsx_is_read_as_csv(client, dataset) -> None:
    response = upload(client, csv_bytes([row(ten_truong="moi", nhan="Mới")], delimiter=";"), name="x.xlsx")
    assert response.status_code == 200 and response.json["format"] == "csv"
    assert [field["name"] for field in response.json["diff"]["added"]] == ["moi"]


def test_upload_over_the_limit_is_413(app, client, dataset) -> None:
    # Encoded by hand: the test client spools a large multipart body to a temporary file that it
    # never closes, which the warnings-as-errors run would report against the next test.
    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
    body = head + b"x" * app.config["MAX_CONTENT_LENGTH"] + b"\r\n--b--\r\n"
    url = f"{API}/datasets/{dataset}/dictionary/import"
    response = client.post(url, data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413 and response.json["code"] == 413


def test_anonymous_callers_may_not_import(app, client, dataset) -> None:
    content = xlsx_bytes([row(ten_truong="moi", nhan="Mới")])
    response = upload(app.test_client(), content, query="?dry_run=false")
    assert response.status_code == 401
    assert len(client.get(f"{API}/datasets/{dataset}/fields").json) == 4


@pytest.mark.parametrize("case", H.CASES, ids=[case.name for case in H.CASES])
def test_hostile_workbooks_are_refused_naming_the_limit_and_nothing_is_written(client, dataset, case) -> None:
    response = upload(client, case.build(), query="?dry_run=false", headers={"Accept-Language": "en"})
    assert response.status_code == case.status, response.json
    body = response.json
    assert body["code"] == case.status and case.message in body["message"]
    assert case.message in body["errors"]["files"]["file"][0]
    if case.status == 413:
        assert body["limit"]["code"] in ("row_cells", "string_chars", "rows", "ratio", "token_bytes")
        assert body["limit"]["max"] > 0 and case.message in body["message"]
    else:
        assert body["report"]["errors"][0]["row"] is None
    assert len(client.get(f"{API}/datasets/{dataset}/fields").json) == 4
    assert len(client.get(f"{API}/datasets/{dataset}/revisions").json) == 1


def test_an_over_budget_csv_is_413(client, dataset) -> None:
    content = ("ten_truong,nhan\r\n" + "," * 20_000 + "\r\n").encode()
    response = upload(client, content, name="rong.csv", headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert response.json["message"] == "The sheet has more than 16,384 cells in row 2"
    assert response.json["limit"] == {"code": "row_cells", "max": 16_384, "row": 2}

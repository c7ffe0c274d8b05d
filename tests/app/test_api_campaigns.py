"""The campaigns API: read for agency staff and the coordinator, write for the coordinator only;
422 naming the field, 409 for a campaign closed already, the report as CSV and Excel."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from dictionary.services import FieldService
from tests.factories import field_inputs, make_agency, make_dataset

API = "/api/v1/campaigns"


@pytest.fixture
def agencies(ctx) -> dict:
    health, other = make_agency(ctx, code="H68.11"), make_agency(ctx, code="H68.20")
    make_dataset(ctx, owner=health, slug="tiem-chung", status="PUBLISHED")
    FieldService(ctx).replace_all(
        "tiem-chung", field_inputs({"name": "ma", "label_vi": "Mã", "personal_data": "KHONG"})
    )
    make_dataset(ctx, owner=health, slug="nhap", title_vi="Bản nháp của Sở Y tế")  # a draft
    make_dataset(ctx, owner=other, slug="khac", status="PUBLISHED")
    ctx.session.commit()
    return {"health": health, "other": other}


def body(**overrides: object) -> dict[str, object]:
    return {
        "title": "Đánh giá dữ liệu cá nhân",
        "personal_data_assessed": True,
        "deadline": (date.today() + timedelta(days=14)).isoformat(),
    } | overrides


def test_only_the_coordinator_writes_and_staff_read(agencies, client_as, anonymous_client) -> None:
    coordinator, steward = client_as("approver"), client_as("steward", "H68.11")
    outsider = client_as("editor", "H68.20")
    assert anonymous_client.get(API).status_code == 401
    assert client_as("integration").get(API).status_code == 403
    assert steward.post(API, json=body()).status_code == 403
    created = coordinator.post(API, json=body())
    assert created.status_code == 201, created.json
    assert created.json | {"deadline_at": None, "remind_at": None, "opened_at": None, "opened_by": None} == {
        "number": 1, "title": "Đánh giá dữ liệu cá nhân", "description": None, "min_completeness": None,
        "personal_data_assessed": True, "agencies": [], "deadline_on": body()["deadline"], "reminder_days": 3,
        "reminded_at": None, "closed_at": None, "closed_by": None, "open": True,
        "deadline_at": None, "remind_at": None, "opened_at": None, "opened_by": None,
    }  # fmt: skip
    assert [c["number"] for c in steward.get(API).json] == [1]
    progress = coordinator.get(f"{API}/1").json
    assert (progress["datasets"], progress["met"], progress["missed"]) == (3, 1, 2)
    assert sorted(t["dataset"] for t in progress["tasks"]) == ["khac", "nhap"]
    # Counts are per agency for everyone; the task list names only datasets the reader may see.
    assert sorted(t["dataset"] for t in outsider.get(f"{API}/1").json["tasks"]) == ["khac"]
    assert [t["dataset"] for t in steward.get(f"{API}/tasks").json] == ["nhap"]
    assert [t["dataset"] for t in outsider.get(f"{API}/tasks").json] == ["khac"]
    assert anonymous_client.get(f"{API}/1").status_code == 401
    assert steward.post(f"{API}/1/close").status_code == 403

    closed = coordinator.post(f"{API}/1/close")
    assert closed.status_code == 200 and closed.json["open"] is False
    assert coordinator.post(f"{API}/1/close").status_code == 409
    assert coordinator.get(f"{API}/2").status_code == 404


def test_bad_input_names_the_field(agencies, client_as) -> None:
    coordinator = client_as("approver")
    past = coordinator.post(API, json=body(deadline="2020-01-01", agencies=["X.9"]))
    assert past.status_code == 422 and set(past.json["errors"]["json"]) == {"deadline", "agencies"}
    none = coordinator.post(API, json=body(personal_data_assessed=False), headers={"Accept-Language": "vi"})
    assert none.status_code == 422 and "min_completeness" in none.json["errors"]["json"]
    assert "mục tiêu" in none.json["errors"]["json"]["min_completeness"][0]
    high = coordinator.post(API, json=body(min_completeness=101, reminder_days=-1))
    assert high.status_code == 422 and set(high.json["errors"]["json"]) == {
        "min_completeness",
        "reminder_days",
    }


def test_the_report_downloads_as_csv_and_excel(agencies, client_as) -> None:
    coordinator = client_as("approver")
    coordinator.post(API, json=body(agencies=["H68.11"]))
    coordinator.post(f"{API}/1/close")
    csv = coordinator.get(f"{API}/1/report.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data().decode("utf-8-sig").splitlines()
    assert lines[1].startswith("H68.11,") and lines[1].endswith(",2,1,1") and len(lines) == 2
    xlsx = client_as("viewer", "H68.20").get(f"{API}/1/report.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [cell.value for cell in sheet[2]][2:] == [2, 1, 1]

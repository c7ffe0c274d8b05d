"""The access register over HTTP: every step of two dossiers and the decision-API answers, in the
order they happened, each tied to its audit event; filters; the CSV and Excel downloads agree."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import openpyxl

from dictionary.services.access import PROVINCE_TIME
from tests.app.test_access_workflow import API, request_body, world  # noqa: F401 - the fixture

REGISTER = f"{API}/access/register"


def build_history(world) -> tuple[int, int]:  # noqa: F811 - the fixture's name
    granted = world["requester"].post(f"{API}/access/requests", json=request_body()).json["number"]
    world["steward"].post(f"{API}/access/requests/{granted}/opinion", json={"opinion": "agree"})
    assert world["approver"].post(f"{API}/access/requests/{granted}/approve", json={}).status_code == 201
    assert world["platform"].get(f"{API}/access/check?agency=H68.04&dataset=tiem-chung").json["allowed"]
    revoked = world["approver"].post(f"{API}/access/grants/{granted}/revoke", json={"reason": "Hết nhu cầu"})
    assert revoked.status_code == 200
    refused = world["requester"].post(f"{API}/access/requests", json=request_body("benh-vien")).json["number"]
    body = {"reason": "Dữ liệu nhạy cảm", "legal_basis": "ND194"}
    assert world["approver"].post(f"{API}/access/requests/{refused}/reject", json=body).status_code == 200
    return granted, refused


def test_every_step_is_registered_in_order_with_its_audit_event(world) -> None:  # noqa: F811
    granted, refused = build_history(world)
    entries = world["approver"].get(REGISTER).json
    steps = [(e["number"], e["kind"]) for e in entries]
    assert steps == [
        (granted, "request"),
        (granted, "opinion"),
        (granted, "decision"),
        (granted, "grant"),
        (granted, "letter"),
        (granted, "check"),
        (granted, "revocation"),
        (refused, "request"),
        (refused, "decision"),
    ]
    assert [e["agency"] for e in entries] == ["H68.04"] * len(entries)
    assert {e["owner"] for e in entries if e["kind"] != "check"} == {"H68.11"}
    assert entries[-1]["detail"] == "rejected: Dữ liệu nhạy cảm"
    assert entries[6]["detail"] == "Hết nhu cầu"
    # Each row names the chained event that records it.
    audit = {e["seq"]: e["hash"] for e in world["admin"].get(f"{API}/audit?page_size=200").json}
    assert all(audit[e["audit_seq"]] == e["audit_hash"] for e in entries)
    seqs = [e["audit_seq"] for e in entries]
    assert seqs == sorted(seqs)


def test_filters_by_dataset_agency_and_period(world) -> None:  # noqa: F811
    _granted, refused = build_history(world)
    approver = world["approver"]
    only = approver.get(f"{REGISTER}?dataset=benh-vien").json
    assert {e["number"] for e in only} == {refused}
    assert len(approver.get(f"{REGISTER}?agency=H68.11").json) == 9  # the owner is a party too
    assert approver.get(f"{REGISTER}?agency=H68").json == []  # the committee above is not
    # The register's days are the province's (UTC+7): after 17:00 UTC it is already tomorrow there.
    province_today = datetime.now(PROVINCE_TIME).date()
    yesterday = (province_today - timedelta(days=1)).isoformat()
    assert approver.get(f"{REGISTER}?until={yesterday}").json == []
    today = province_today.isoformat()
    assert len(approver.get(f"{REGISTER}?since={yesterday}&until={today}").json) == 9
    backwards = approver.get(f"{REGISTER}?since={today}&until={yesterday}")
    assert backwards.status_code == 422 and "until" in backwards.json["errors"]["query"]
    assert approver.get(f"{REGISTER}?dataset=khong-co").status_code == 404


def test_the_downloads_hold_the_same_rows(world) -> None:  # noqa: F811
    build_history(world)
    approver = world["approver"]
    entries = approver.get(REGISTER).json
    as_csv = approver.get(f"{REGISTER}.csv")
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    assert as_csv.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(as_csv.data.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm / Time (UTC)" and len(rows) == len(entries) + 1
    assert [r[1] for r in rows[1:]] == [e["kind"] for e in entries]
    assert [r[9] for r in rows[1:]] == [e["audit_hash"] for e in entries]
    as_xlsx = approver.get(f"{REGISTER}.xlsx?dataset=tiem-chung")
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in values[1:]] == [e["kind"] for e in entries if e["dataset"] == "tiem-chung"]


def test_the_register_is_for_the_approver_and_administrators(world) -> None:  # noqa: F811
    for who in ("requester", "steward", "platform"):
        assert world[who].get(REGISTER).status_code == 403
    assert world["admin"].get(REGISTER).status_code == 200

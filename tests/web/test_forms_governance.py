"""The governance parts of the access pages: due dates per step, the refusal form that asks for a
legal basis (the error beside its control), the decision letter to download, the overdue list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import update

from app.extension import catalog_of
from dictionary.models import AccessStep
from tests.factories import make_standard
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse


def file_request(login: Login, world: World) -> str:
    today = date.today()
    response = post(
        login("outsider"),
        "/access/requests/new",
        {
            "dataset": world.slug,
            "purpose": "Đối soát hộ nghèo",
            "period_start": today.isoformat(),
            "period_end": (today + timedelta(days=90)).isoformat(),
            "legal_basis": "Nghị định 194/2025/NĐ-CP",
        },
    )
    assert response.status_code == 303
    return response.headers["Location"]


def test_a_refusal_names_its_legal_basis(app, ctx, login: Login, world: World) -> None:
    law = make_standard(ctx, code="ND194", identifier="194/2025/NĐ-CP", kind="REGULATION")
    url = file_request(login, world)
    approver = login("approver")
    page = approver.get(url, headers=BROWSER).get_data(as_text=True)
    assert "Thời hạn xử lý" in page and "2 ngày làm việc" in page
    options = [o.get("value") for o in parse(page).iter("option") if o.get("value")]
    assert options == [law.code]  # the register's regulations only
    refused = post(approver, url, {"action": "reject", "reason": "Dữ liệu nhạy cảm"})
    assert refused.status_code == 200
    answer = parse(refused.get_data(as_text=True))
    control = [d for d in answer.iter("div") if "has-error" in (d.get("class") or "")]
    assert any(c.find(".//select") is not None for c in control)  # the error sits by the select
    with_basis = {"action": "reject", "reason": "Dữ liệu nhạy cảm", "legal_basis": "ND194"}
    assert post(approver, url, with_basis).status_code == 303
    decided = login("outsider").get(url, headers=BROWSER).get_data(as_text=True)
    assert "194/2025/NĐ-CP" in decided and "Dữ liệu nhạy cảm" in decided


def test_the_letter_downloads_after_an_approval(login: Login, world: World) -> None:
    url = file_request(login, world)
    assert post(login("steward"), url, {"action": "opinion", "opinion": "agree"}).status_code == 303
    assert post(login("approver"), url, {"action": "approve"}).status_code == 303
    outsider = login("outsider")
    page = outsider.get(url, headers=BROWSER).get_data(as_text=True)
    letter_url = f"{url}/letter.pdf"
    assert urlsplit(letter_url).path in page
    letter = outsider.get(letter_url)
    assert letter.status_code == 200 and letter.mimetype == "application/pdf"
    assert letter.data.startswith(b"%PDF-")


def test_the_overdue_page_lists_late_steps_for_the_approver(app, login: Login, world: World) -> None:
    url = file_request(login, world)
    number = int(url.rsplit("/", 1)[-1])
    approver = login("approver")
    overdue = approver.get("/access/overdue", headers=BROWSER).get_data(as_text=True)
    assert f"/access/requests/{number}" not in overdue
    with catalog_of(app).engine.begin() as connection:  # the opinion was due yesterday
        connection.execute(update(AccessStep).values(due_at=datetime.now(UTC) - timedelta(days=1)))
    page = approver.get("/access/overdue", headers=BROWSER).get_data(as_text=True)
    assert f"/access/requests/{number}" in page
    owed = login("steward").get("/access/overdue", headers=BROWSER).get_data(as_text=True)
    assert f"/access/requests/{number}" in owed  # the owner's steward owes the opinion

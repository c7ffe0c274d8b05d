"""The coordinator's dashboard: per owning agency, datasets, completeness, stale data and overdue
access steps; the page shows the numbers the API gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from app.extension import catalog_of
from dictionary.models import AccessStep, Dataset
from tests.app.test_access_workflow import API, request_body, world  # noqa: F401 - the fixture
from tests.web.conftest import BROWSER
from tests.web.html import parse, text_of


def test_the_dashboard_counts_per_owner_and_the_page_agrees(app, world) -> None:  # noqa: F811
    assert world["requester"].post(f"{API}/access/requests", json=request_body()).status_code == 201
    with catalog_of(app).engine.begin() as connection:
        # The opinion on H68.11's data was due yesterday; one of its datasets is stale, one complete.
        connection.execute(update(AccessStep).values(due_at=datetime.now(UTC) - timedelta(days=1)))
        connection.execute(
            update(Dataset).where(Dataset.slug == "tiem-chung").values(update_due_on=date(2020, 1, 1))
        )
        connection.execute(update(Dataset).where(Dataset.slug == "benh-vien").values(completeness=95))
        connection.execute(update(Dataset).where(Dataset.slug == "tiem-chung").values(completeness=41))
        connection.execute(update(Dataset).where(Dataset.slug == "ngan-sach").values(completeness=30))
    figures = world["approver"].get(f"{API}/access/dashboard").json
    by_code = {f["code"]: f for f in figures}
    assert [f["code"] for f in figures] == ["H68.04", "H68.11"]  # least complete first
    assert by_code["H68.11"] | {"name": None} == {
        "code": "H68.11",
        "name": None,
        "datasets": 2,
        "average_completeness": 68,
        "below_target": 1,
        "stale": 1,
        "overdue_steps": 1,
    }
    assert (by_code["H68.04"]["datasets"], by_code["H68.04"]["overdue_steps"]) == (1, 0)
    assert world["requester"].get(f"{API}/access/dashboard").status_code == 403

    page = world["approver"].get("/governance", headers=BROWSER)
    assert page.status_code == 200
    rows = parse(page.get_data(as_text=True)).findall(".//table[@class='dashboard']/tbody/tr")
    shown = [[text_of(cell) for cell in row.findall("td")] for row in rows]
    expected = [
        [
            str(f["datasets"]),
            str(f["average_completeness"]),
            str(f["below_target"]),
            str(f["stale"]),
            str(f["overdue_steps"]),
        ]
        for f in figures
    ]
    assert shown == expected

"""Campaign pages: the coordinator's form (CSRF, each error beside its control), the campaign page
with the API's numbers, closing it, and the steward's "my tasks" linked from the workspace."""

from __future__ import annotations

from datetime import date, timedelta

from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse, text_of


def open_form(world: World, **overrides: object) -> dict[str, object]:
    return {
        "title": "Đánh giá dữ liệu cá nhân 2027",
        "min_completeness": "90",
        "agencies": [world.owner.code],
        "deadline": (date.today() + timedelta(days=20)).isoformat(),
        "reminder_days": "2",
    } | overrides


def test_the_coordinator_opens_a_campaign_and_the_steward_sees_the_task(login: Login, world: World) -> None:
    approver = login("approver")
    assert "Mở chiến dịch mới" in approver.get("/campaigns", headers=BROWSER).get_data(as_text=True)
    refused = post(approver, "/campaigns/new", open_form(world, min_completeness="", deadline="2020-01-01"))
    assert refused.status_code == 200
    page = parse(refused.get_data(as_text=True))
    errors = {
        d.find(".//input").get("name") for d in page.iter("div") if "has-error" in (d.get("class") or "")
    }
    assert errors == {"min_completeness", "deadline"}
    assert (
        approver.post("/campaigns/new", data=open_form(world), headers=BROWSER).status_code == 403
    )  # no CSRF
    opened = post(approver, "/campaigns/new", open_form(world))
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/campaigns/1")

    shown = approver.get("/campaigns/1", headers=BROWSER)
    rows = parse(shown.get_data(as_text=True)).findall(".//table[@class='progress']/tbody/tr")
    figures = approver.get("/api/v1/campaigns/1").json
    assert [[text_of(c) for c in row.findall("td")] for row in rows] == [
        [str(a["datasets"]), str(a["met"]), str(a["missed"]), f"{a['percent']}%"] for a in figures["agencies"]
    ]
    assert figures["agencies"][0]["code"] == world.owner.code and figures["missed"] == 1

    steward = login("steward")
    workspace = steward.get("/workspace", headers=BROWSER).get_data(as_text=True)
    assert 'href="/campaigns/tasks"' in workspace and "Chiến dịch hoàn thiện mô tả mới" in workspace
    tasks = steward.get("/campaigns/tasks", headers=BROWSER).get_data(as_text=True)
    assert f'href="/dataset/{world.slug}"' in tasks and "mức đầy đủ dưới mục tiêu" in tasks
    assert "Kết thúc chiến dịch" not in steward.get("/campaigns/1", headers=BROWSER).get_data(as_text=True)
    assert post(steward, "/campaigns/1/close", {}).status_code == 403
    assert post(login("outsider"), "/campaigns/new", open_form(world)).status_code == 403

    closed = post(approver, "/campaigns/1/close", {})
    assert closed.status_code == 303
    after = approver.get("/campaigns/1", headers=BROWSER).get_data(as_text=True)
    assert "Báo cáo khi kết thúc" in after and "Kết thúc chiến dịch và chốt báo cáo" not in after
    again = post(approver, "/campaigns/1/close", {})
    assert again.status_code == 200 and "Chiến dịch số 1 đã kết thúc" in again.get_data(as_text=True)
    assert f'href="/dataset/{world.slug}"' not in steward.get("/campaigns/tasks", headers=BROWSER).get_data(
        as_text=True
    )


def test_the_pages_are_english_too(login: Login, world: World) -> None:
    approver = login("approver")
    page = approver.get("/campaigns/new?lang=en", headers=BROWSER).get_data(as_text=True)
    assert "Open a campaign" in page and "Minimum completeness" in page

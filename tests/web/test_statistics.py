"""The public summary (page and API): counts only what anonymous visitors may see — a shared, a
private and a draft dataset are in no count —, access requests as aggregates, charts with a data
table each, linked from the home page."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dictionary.governance.calendar import VIETNAM
from dictionary.services import AgencyService
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from tests.factories import make_agency, make_dataset, make_principal
from tests.web.conftest import BROWSER
from tests.web.html import parse, text_of

SVG = "{http://www.w3.org/2000/svg}"


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM).astimezone(UTC)


def test_the_public_summary_counts_only_what_the_public_sees(ctx, anonymous_client, client) -> None:
    make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
    make_agency(ctx, code="H68.01", parent="H68", valid_from="2004-01-01", name_vi="Sở Mở Dữ Liệu")
    make_agency(ctx, code="H68.99", parent="H68", valid_from="2004-01-01", name_vi="Sở Kín Đáo")
    public, hidden = AgencyService(ctx).get("H68.01"), AgencyService(ctx).get("H68.99")
    make_dataset(ctx, owner=public, slug="mo", status="PUBLISHED", sharing_class="MO", themes=["KINH_TE"])
    make_dataset(
        ctx, owner=hidden, slug="dung-chung", status="PUBLISHED", themes=["Y_TE"], arch_component="PLT"
    )
    make_dataset(
        ctx, owner=hidden, slug="rieng", status="PUBLISHED", sharing_class="DUNG_RIENG", themes=["Y_TE"]
    )
    make_dataset(ctx, owner=hidden, slug="nhap-mo", sharing_class="MO", themes=["Y_TE"])  # a draft
    # One request taken to a decision: filed Monday 09:00, opinion Tuesday, approved Wednesday.
    accounts = AccountService(ctx)
    people = {
        "requester": make_principal(ctx, "viewer", "H68.01"),
        "steward": make_principal(ctx, "steward", "H68.99"),
        "approver": make_principal(ctx, "approver"),
    }

    def access(who: str, at: datetime) -> AccessService:
        return AccessService(ctx, accounts.actor_for(people[who]), now=lambda: at)

    request = access("requester", local(2026, 11, 2, 9)).submit(
        {
            "dataset": "dung-chung",
            "purpose": "Đối chiếu",
            "fields": [],
            "period_start": date(2026, 11, 2),
            "period_end": date(2026, 12, 31),
            "legal_basis": "194/2025/NĐ-CP",
        }
    )
    access("steward", local(2026, 11, 3, 10)).give_opinion(request.number, "agree", None)
    access("approver", local(2026, 11, 4, 15)).approve(request.number)

    summary = anonymous_client.get("/api/v1/statistics").json
    assert client.get("/api/v1/statistics").json == summary  # the same for every caller
    assert summary["datasets"] == 1
    assert [(a["code"], a["datasets"]) for a in summary["by_agency"]] == [("H68.01", 1)]
    for part in ("by_sharing_class", "by_component", "by_theme", "completeness"):
        assert sum(row["count"] for row in summary[part]) == 1, part
    assert len(summary["by_theme"]) == 1  # Y_TE, the hidden datasets' theme, is not there
    assert summary["fresh"] + summary["stale"] + summary["freshness_unknown"] == 1
    assert {row["state"]: row["count"] for row in summary["requests"]}["approved"] == 1
    times = {"closed": 1, "average_working_days": 1.0, "average_allowed": 2.0, "on_time": 1, "late": 0}
    assert summary["steps"] == [{"kind": "opinion"} | times, {"kind": "decision"} | times]

    home = anonymous_client.get("/", headers=BROWSER).get_data(as_text=True)
    assert 'href="/statistics"' in home
    page = anonymous_client.get("/statistics", headers=BROWSER)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "H68.99" not in html and "Kín Đáo" not in html and "Y tế" not in html
    document = parse(html)
    charts = document.findall(f".//{SVG}svg")
    assert len(charts) == 7 and all(svg.get("role") == "img" for svg in charts)
    assert all(svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None for svg in charts)
    tables = {t.get("id"): t for t in document.iter("table") if t.get("id")}
    assert len(tables) == 7  # a data table for every chart
    agency_rows = [[text_of(c) for c in row] for row in tables["c-agency-data"].findall("tbody/tr")]
    assert agency_rows == [["Sở Mở Dữ Liệu", "1"]]
    english = anonymous_client.get("/statistics?lang=en", headers=BROWSER).get_data(as_text=True)
    assert "Datasets by owner agency" in english

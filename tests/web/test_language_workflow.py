"""The access workflow and its dead ends, read as a civil servant reads them: in the page's
language, with labels, agency names and Vietnamese dates, and a way on where a page could stop."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask.testing import FlaskClient

from dictionary.models import AccessGrant
from dictionary.services import Context
from tests.factories import make_dataset
from tests.web.conftest import BROWSER, Login, World, post
from tests.web.html import parse, text_of

SIGN_IN_HINT = "Đăng nhập để xem dữ liệu dùng chung"


def _page_text(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers=BROWSER)
    assert response.status_code == status, url
    return text_of(parse(response.get_data(as_text=True)))


def _request_form(world: World, **changes: str) -> dict[str, object]:
    today = date.today()
    return {
        "dataset": world.slug,
        "purpose": "Đối chiếu hộ nghèo khi xét trợ cấp",
        "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=90)).isoformat(),
        "legal_basis": "Quyết định 43/2022/QĐ-UBND",
        "fields": "ma_ho",
        **changes,
    }


def test_an_anonymous_visitor_reads_an_open_datasets_history(
    anonymous_client: FlaskClient, ctx: Context
) -> None:
    dataset = make_dataset(ctx, status="PUBLISHED", sharing_class="MO")
    ctx.session.commit()
    shown = _page_text(anonymous_client, f"/dataset/{dataset.slug}/history")
    assert "Tạo mới bộ dữ liệu" in shown, "the history line is a sentence, not the stored code"
    shared = make_dataset(ctx, status="PUBLISHED", sharing_class="DUNG_CHUNG")
    ctx.session.commit()
    assert anonymous_client.get(f"/dataset/{shared.slug}/history", headers=BROWSER).status_code == 404


def test_where_staff_would_see_more_an_anonymous_visitor_is_told_to_sign_in(
    anonymous_client: FlaskClient, login: Login, world: World
) -> None:
    assert SIGN_IN_HINT in _page_text(anonymous_client, f"/dataset/{world.slug}", 404)
    assert SIGN_IN_HINT in _page_text(anonymous_client, "/search?q=ho+ngheo")
    steward = login("steward")
    assert SIGN_IN_HINT not in _page_text(steward, "/search?q=ho+ngheo")
    assert SIGN_IN_HINT not in _page_text(steward, "/dataset/khong-co", 404)


def test_request_errors_states_and_notifications_read_in_the_page_language(
    login: Login, world: World, ctx: Context
) -> None:
    outsider = login("outsider")
    backwards = _request_form(world, period_start="2030-05-10", period_end="2030-05-01")
    refused = post(outsider, "/access/requests/new", backwards)
    assert refused.status_code == 200
    said = text_of(parse(refused.get_data(as_text=True)))
    assert "không được trước Ngày bắt đầu khai thác" in said
    assert "period_start" not in said and "must not" not in said
    english = post(outsider, "/access/requests/new?lang=en", backwards)
    assert "must not be before Start of use" in text_of(parse(english.get_data(as_text=True)))
    outsider.get("/?lang=vi", headers=BROWSER)

    unknown = post(outsider, "/access/requests/new", _request_form(world, fields="ma_ho, khong_co"))
    assert "bộ dữ liệu không có trường “khong_co”" in text_of(parse(unknown.get_data(as_text=True)))

    filed = post(outsider, "/access/requests/new", _request_form(world))
    assert filed.status_code == 303
    number = filed.headers["Location"].rsplit("/", 1)[1]
    again = post(outsider, "/access/requests/new", _request_form(world))
    assert f"Yêu cầu số {number} cho bộ dữ liệu này vẫn đang được xử lý" in text_of(
        parse(again.get_data(as_text=True))
    )

    approver_page = _page_text(login("approver"), f"/access/requests/{number}")
    assert "chỉ có thể phê duyệt sau khi cơ quan chủ quản cho ý kiến" in approver_page

    steward = login("steward")
    workspace = _page_text(steward, "/workspace")
    assert f"yêu cầu số {number} của {world.other.name_vi} xin khai thác" in workspace
    assert world.other.code not in workspace.split("Thông báo", 1)[1], "the agency by name, not code"
    english_workspace = _page_text(steward, "/workspace?lang=en")
    assert f"request {number}: {world.other.name_en or world.other.name_vi} asks to use" in english_workspace


def test_a_grant_lasts_through_the_last_day_in_the_provinces_time(
    login: Login, world: World, ctx: Context
) -> None:
    outsider, steward, approver = login("outsider"), login("steward"), login("approver")
    filed = post(outsider, "/access/requests/new", _request_form(world, period_end="2027-06-30"))
    number = filed.headers["Location"].rsplit("/", 1)[1]
    url = f"/access/requests/{number}"
    assert post(steward, url, {"action": "opinion", "opinion": "agree"}).status_code == 303
    assert post(approver, url, {"action": "approve"}).status_code == 303
    grant = ctx.session.query(AccessGrant).filter_by(number=int(number)).one()
    assert grant.expires_at == datetime(2027, 6, 30, 16, 59, 59, tzinfo=UTC), "23:59:59 ICT on 30/6/2027"
    shown = _page_text(approver, f"/access/grants/{number}")
    assert "30/06/2027" in shown and "01/07/2027" not in shown

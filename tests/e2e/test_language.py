"""A stock browser (language en-US) gets Vietnamese pages, forms and error messages; English only
when chosen (?lang=en or the switch), and then every one of them in English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import Visitor

pytestmark = pytest.mark.browser

Open = Callable[[], Visitor]
OUTSIDE = "co-so-kcb-nguoi-hanh-nghe"
"""Shared, owned by the Department of Health; the requester works in agriculture."""


def _file_backwards(page, lang: str = "") -> None:  # type: ignore[no-untyped-def]
    page.fill("#f-purpose", "Đối chiếu cơ sở khám chữa bệnh.")
    page.fill("#f-period_start", (date.today() + timedelta(days=30)).isoformat())
    page.fill("#f-period_end", date.today().isoformat())
    page.fill("#f-legal_basis", "Quyết định 43/2022/QĐ-UBND")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_load_state()


def test_an_en_us_browser_reads_vietnamese_until_it_chooses_english(visitor: Open) -> None:
    anonymous = visitor()
    assert anonymous.page.evaluate("navigator.language") == "en-US"
    page = anonymous.go("/")
    assert page.get_attribute("html", "lang") == "vi"
    assert "Tìm kiếm" in page.inner_text("body")
    anonymous.shot("home-en-us-browser")

    page = anonymous.go("/login")
    page.fill("input[name=email]", "khong-co@lamdong.gov.vn")
    page.fill("input[name=password]", "sai-mat-khau-123")
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    assert "Sai địa chỉ e-mail hoặc mật khẩu." in page.inner_text("[role=alert]")
    anonymous.shot("login-error-vi")

    page = anonymous.go("/login?lang=en")
    assert page.get_attribute("html", "lang") == "en"
    page = anonymous.go("/")
    assert page.get_attribute("html", "lang") == "en", "the choice is remembered"
    anonymous.shot("home-en")


def test_form_errors_come_in_the_pages_language(visitor: Open) -> None:
    requester = visitor()
    requester.sign_in("requester")
    page = requester.go(f"/access/requests/new?dataset={OUTSIDE}")
    assert page.get_attribute("html", "lang") == "vi"
    _file_backwards(page)
    said = page.inner_text("#form-errors")
    assert "không được trước Ngày bắt đầu khai thác" in said
    assert "period_start" not in said and "must" not in said
    requester.shot("request-error-vi")

    page = requester.go(f"/access/requests/new?dataset={OUTSIDE}&lang=en")
    assert page.get_attribute("html", "lang") == "en"
    _file_backwards(page)
    said = page.inner_text("#form-errors")
    assert "must not be before Start of use" in said
    requester.shot("request-error-en")

    page = requester.go(f"/access/requests/new?dataset={OUTSIDE}&lang=vi")
    page.fill("#f-purpose", "Đối chiếu cơ sở khám chữa bệnh.")
    page.fill("#f-period_start", date.today().isoformat())
    page.fill("#f-period_end", (date.today() + timedelta(days=60)).isoformat())
    page.fill("#f-legal_basis", "Quyết định 43/2022/QĐ-UBND")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url("**/access/requests/*")
    number = page.url.rsplit("/", 1)[-1]
    page = requester.go(f"/access/requests/new?dataset={OUTSIDE}")
    page.fill("#f-purpose", "Lần nữa.")
    page.fill("#f-period_start", date.today().isoformat())
    page.fill("#f-period_end", (date.today() + timedelta(days=60)).isoformat())
    page.fill("#f-legal_basis", "Quyết định 43/2022/QĐ-UBND")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_load_state()
    assert f"Yêu cầu số {number} cho bộ dữ liệu này vẫn đang được xử lý" in page.inner_text("#form-errors")
    requester.shot("request-still-open-vi")

"""The four journeys of issue 6 in a real browser: search, editing, dictionary import, access.

Each journey runs against the live server of tests/e2e/conftest.py (demo catalog) and leaves a
screenshot of every page it meets in ci-artifacts/screenshots.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from app.extension import catalog_of
from dictionary.models import Dataset, Revision
from dictionary.services import Context
from dictionary.services.dictionary_import import DictionaryFileService
from tests.e2e.conftest import LiveServer, Visitor

pytestmark = pytest.mark.browser

Open = Callable[[], Visitor]
IMPORTED = "co-so-kcb-nguoi-hanh-nghe"
"""Published, shared, owned by the Department of Health (H68.11), where the editor works."""


def test_search_without_diacritics_and_open_the_result(visitor: Open) -> None:
    anonymous = visitor()
    page = anonymous.go("/")
    anonymous.shot("home")
    page.fill("#q", "co so luu tru du lich")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?*")
    anonymous.shot("results")
    result = page.get_by_role("link", name="Cơ sở lưu trú du lịch").first
    result.click()
    page.wait_for_url("**/dataset/co-so-luu-tru-du-lich")
    assert "lưu trú du lịch" in page.inner_text("h1")
    anonymous.shot("dataset")
    page.get_by_role("link", name="English").first.click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    anonymous.shot("dataset-en")


def test_create_a_dataset_and_its_fields(visitor: Open, live_server: LiveServer) -> None:
    editor = visitor()
    editor.sign_in("editor")
    page = editor.page
    editor.shot("workspace")
    page.get_by_role("link", name="Tạo cơ sở dữ liệu mới").click()
    page.wait_for_url("**/datasets/new")
    page.select_option("#f-owner", "H68.11")
    for required in ("db_category", "sharing_class", "importance", "arch_component"):
        select = f"#f-{required}"
        assert page.input_value(select) == "", f"{required} starts on the placeholder, not a real value"
        page.select_option(select, index=1)
    page.fill("#f-title_vi", "")
    page.fill("#f-description_vi", "Sổ theo dõi các ca bệnh truyền nhiễm trên địa bàn tỉnh.")
    page.click("form.edit-form button[type=submit]")
    assert page.locator("#f-title_vi-error").is_visible()  # the error stands beside its control
    editor.shot("new-dataset-error")
    page.fill("#f-title_vi", "Sổ theo dõi bệnh truyền nhiễm")
    page.fill("#f-title_en", "Communicable disease register")
    page.fill("#f-keywords_vi", "bệnh truyền nhiễm, dịch tễ")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url("**/fields")
    editor.shot("fields-empty")
    for name, label in (("ma_ca_benh", "Mã ca bệnh"), ("ngay_phat_hien", "Ngày phát hiện")):
        page.fill("#f-name", name)
        page.fill("#f-label_vi", label)
        page.check("input[name=required]")
        page.click("form.edit-form button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("table.fields-list code", has_text=name).is_visible()
    editor.shot("fields-added")
    # The whole dictionary in one table, with JavaScript: two fields changed, eight added in place
    # (the button keeps the focus flow: the new row's name), one save, one revision.
    page.get_by_role("link", name="Sửa cả từ điển", exact=True).click()
    page.wait_for_url("**/dictionary")
    slug = page.url.rsplit("/", 2)[-2]
    revisions = _revision_count(live_server, slug)
    for _row in range(6):  # two blank rows are drawn; six more
        page.get_by_role("button", name="Thêm dòng").click()
    assert page.evaluate("document.activeElement.id") == "d-9-name"
    page.fill("#d-0-label_en", "Case number")
    page.fill("#d-1-label_en", "Date found")
    for index in range(2, 10):
        page.fill(f"#d-{index}-name", f"truong_{index}")
        page.fill(f"#d-{index}-label_vi", f"Trường {index}")
    page.get_by_role("button", name="Lưu cả từ điển").click()
    page.wait_for_load_state()
    assert page.locator("#dictionary-table tbody th code").count() == 10
    assert _revision_count(live_server, slug) == revisions + 1
    editor.shot("dictionary-table")
    page.get_by_role("link", name="Xem trang cơ sở dữ liệu").click()
    page.wait_for_load_state()
    assert "Sổ theo dõi bệnh truyền nhiễm" in page.inner_text("h1")
    assert page.get_by_text("ngay_phat_hien").first.is_visible()
    editor.shot("dataset-page")


def _revision_count(server: LiveServer, slug: str) -> int:
    session = catalog_of(server.app).sessionmaker()
    try:
        dataset = session.scalars(select(Dataset).where(Dataset.slug == slug)).one()
        return int(session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0)
    finally:
        session.close()


def _workbooks(server: LiveServer) -> tuple[bytes, bytes]:
    """The dataset's exported dictionary twice: one with an unknown data type, one with a new field."""
    session = catalog_of(server.app).sessionmaker()
    try:
        ctx = Context(session=session, concepts=catalog_of(server.app).vocabularies)
        exported = DictionaryFileService(ctx).export(IMPORTED, "xlsx").content
    finally:
        session.close()

    def edited(change: Callable[[Any], None]) -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(exported))
        change(book.worksheets[0])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def bad(sheet: Any) -> None:
        sheet["F4"] = "KIEU_KHONG_CO"  # column kieu (data_type) of the second field

    def good(sheet: Any) -> None:
        sheet.append(
            [
                "ghi_chu_kiem_tra",
                "Ghi chú kiểm tra",
                "Inspection note",
                "Ghi chú của đoàn kiểm tra.",
                None,
                "STRING",
                500,
            ]
        )

    return edited(bad), edited(good)


def test_import_a_dictionary_rejected_then_fixed_and_applied(
    visitor: Open, live_server: LiveServer, tmp_path: Any
) -> None:
    bad, good = _workbooks(live_server)
    (tmp_path / "tu-dien-loi.xlsx").write_bytes(bad)
    (tmp_path / "tu-dien.xlsx").write_bytes(good)
    editor = visitor()
    editor.sign_in("editor")
    page = editor.go(f"/dataset/{IMPORTED}/import")
    editor.shot("import-form")
    page.set_input_files("#f-file", str(tmp_path / "tu-dien-loi.xlsx"))
    page.get_by_role("button", name="Kiểm tra (chưa ghi)").click()
    page.wait_for_load_state()
    assert page.locator("#import-rejected").is_visible()
    errors = page.locator("table.import-errors tbody tr")
    assert errors.count() == 1
    assert errors.first.locator("th").inner_text() == "4"
    assert "kieu" in errors.first.inner_text()
    assert page.get_by_role("button", name="Áp dụng thay đổi").count() == 0  # nothing can be applied
    editor.shot("import-rejected")
    page.set_input_files("#f-file", str(tmp_path / "tu-dien.xlsx"))
    page.get_by_role("button", name="Kiểm tra (chưa ghi)").click()
    page.wait_for_load_state()
    assert page.locator("#import-ok").is_visible()
    assert "ghi_chu_kiem_tra" in page.inner_text("dl.facts")
    editor.shot("import-dry-run")
    page.get_by_role("button", name="Áp dụng thay đổi").click()
    page.wait_for_url("**/fields")
    assert page.locator("table.fields-list code", has_text="ghi_chu_kiem_tra").is_visible()
    editor.shot("import-applied")


def test_request_access_approve_and_see_the_grant(visitor: Open) -> None:
    requester = visitor()
    requester.sign_in("requester")
    page = requester.go(f"/dataset/{IMPORTED}")
    requester.shot("dataset-outside-scope")
    page.get_by_role("link", name="Yêu cầu quyền khai thác").click()
    page.wait_for_url("**/access/requests/new*")
    page.fill("#f-purpose", "Đối chiếu cơ sở khám chữa bệnh với giấy phép môi trường.")
    page.fill("#f-period_start", date.today().isoformat())
    page.fill("#f-period_end", (date.today() + timedelta(days=180)).isoformat())
    page.fill("#f-legal_basis", "Nghị định 47/2020/NĐ-CP, điều 11")
    requester.shot("request-form")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_url("**/access/requests/*")
    number = page.url.rsplit("/", 1)[-1]
    assert page.inner_text("#request-status") == "Chờ ý kiến cơ quan chủ quản"
    assert "2 ngày làm việc" in page.locator("#s-steps").locator("xpath=..").inner_text()  # the deadline
    requester.shot("request-sent")

    steward = visitor()
    steward.sign_in("steward")
    page = steward.go("/access/inbox")
    steward.shot("steward-inbox")
    page.get_by_role("link", name=f"Yêu cầu số {number}").click()
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    assert page.inner_text("#request-status") == "Chờ phê duyệt"
    steward.shot("steward-opinion")

    approver = visitor()
    approver.sign_in("approver")
    page = approver.go("/access/inbox")
    approver.shot("approver-inbox")
    page.get_by_role("link", name=f"Yêu cầu số {number}").click()
    page.get_by_role("button", name="Phê duyệt").click()
    page.wait_for_load_state()
    assert page.inner_text("#request-status") == "Đã phê duyệt"
    assert page.get_by_role("link", name="Tải quyết định (PDF)").is_visible()
    approver.shot("approved")
    page = approver.go("/governance")
    assert page.locator("table.dashboard tbody tr").count() > 0 and page.locator("svg.chart").is_visible()
    approver.shot("coordinator-dashboard")
    approver.go("/access/overdue")
    approver.shot("overdue")

    page = requester.go("/access/grants")
    row = page.locator("table.grants tbody tr", has_text=f"Quyền khai thác số {number}")
    assert "Đang hiệu lực" in row.inner_text()
    requester.shot("grant-list")
    row.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.inner_text("#grant-state") == "Đang hiệu lực"
    requester.shot("grant")

    admin = visitor()
    admin.sign_in("admin")
    page = admin.go("/audit?verify=1")
    assert page.locator("#chain-check").is_visible()
    admin.shot("audit")

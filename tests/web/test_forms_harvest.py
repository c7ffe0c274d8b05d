"""The web pages of harvest sources and job reports: admin only, CSRF on forms, "run now"."""

from __future__ import annotations

from tests.vocab.ckan_portal import serve_portal, stock_package
from tests.vocab.local_site import local_site
from tests.web.conftest import Login, World, post

SOURCE = {"name": "Cổng dữ liệu mở Cần Thơ", "kind": "ckan"}


def test_the_web_pages_add_a_source_run_it_now_and_show_the_report(world: World, login: Login) -> None:
    assert login("editor").get("/harvest/sources").status_code == 403
    browser = login("admin")
    page = browser.get("/harvest/sources")
    assert page.status_code == 200 and "Các nguồn thu thập" in page.get_data(as_text=True)
    english = browser.get("/harvest/sources?lang=en").get_data(as_text=True)
    assert "<h1>Harvest sources</h1>" in english and "Add a harvest source" in english
    browser.get("/harvest/sources?lang=vi")  # the choice is remembered: back to Vietnamese
    with local_site() as site:
        base = serve_portal(site, [stock_package(n) for n in range(3)], rows=100)
        assert (
            browser.post(
                "/harvest/sources", data=SOURCE | {"url": base, "owner": world.owner.code}
            ).status_code
            == 403
        ), "no CSRF token"
        added = post(
            browser,
            "/harvest/sources",
            SOURCE | {"url": base, "owner": world.owner.code},
            follow_redirects=True,
        )
        assert added.status_code == 200 and "Chạy ngay" in added.get_data(as_text=True)
        source_id = added.request.path.rsplit("/", 1)[-1]
        report = post(browser, f"/harvest/sources/{source_id}/run", {}, follow_redirects=True)
    text = report.get_data(as_text=True)
    assert report.status_code == 200 and "Báo cáo thu thập" in text
    assert "Hoàn thành" in text and "Tạo mới: 3" in text and "du-toan-ngan-sach-2" in text
    jobs = browser.get(f"/harvest/sources/{source_id}").get_data(as_text=True)
    assert "Quản trị viên" in jobs and "Tạo mới: 3" in jobs

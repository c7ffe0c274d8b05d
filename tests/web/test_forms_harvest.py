"""The web pages of harvest sources and job reports: admin only, CSRF on forms, "run now"."""

from __future__ import annotations

from sqlalchemy import delete as delete_rows

from dictionary.models import HarvestJob
from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService
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


def test_a_source_is_edited_against_its_version_and_deleted_after_a_confirmation(
    world: World, login: Login, ctx: Context
) -> None:
    service = HarvestSourceService(ctx)
    source = service.create(
        {"name": "Cổng A", "url": "https://a.example.org/", "kind": "ckan", "owner": world.owner.code}
    )
    ctx.session.commit()
    edit = f"/harvest/sources/{source.id}/edit"
    assert login("editor").get(edit).status_code == 403
    browser = login("admin")
    form = browser.get(edit).get_data(as_text=True)
    assert 'value="Cổng A"' in form and 'value="https://a.example.org/"' in form
    assert 'name="lock_version" value="1"' in form
    assert "Edit harvest source" in browser.get(f"{edit}?lang=en").get_data(as_text=True)
    browser.get(f"{edit}?lang=vi")
    fields = {"name": "Cổng B", "url": "https://b.example.org/", "kind": "dcat", "owner": world.owner.code,
              "schedule": "weekly", "time_limit": "900", "page_limit": "5"}  # fmt: skip
    assert browser.post(edit, data=fields | {"lock_version": "1"}).status_code == 403, "no CSRF token"
    stale = post(browser, edit, fields | {"lock_version": "0"}).get_data(as_text=True)
    assert "Người khác vừa sửa nguồn này" in stale and 'value="Cổng A"' in stale, (
        "reloaded with the stored one"
    )
    refused = post(browser, edit, fields | {"lock_version": "1", "page_limit": "0"}).get_data(as_text=True)
    assert "Chưa lưu được" in refused and 'value="Cổng B"' in refused, "drawn again as posted"
    saved = post(browser, edit, fields | {"lock_version": "1"}, follow_redirects=True)
    assert saved.request.path == f"/harvest/sources/{source.id}" and "Cổng B" in saved.get_data(as_text=True)
    ctx.session.expire_all()
    changed = service.get(source.id)
    assert (changed.kind, changed.schedule, changed.page_limit, changed.lock_version) == (
        "dcat",
        "weekly",
        5,
        2,
    )

    delete = f"/harvest/sources/{source.id}/delete"
    confirm = browser.get(delete).get_data(as_text=True)
    assert "Xoá nguồn “Cổng B”" in confirm and 'name="lock_version" value="2"' in confirm
    assert browser.post(delete, data={"lock_version": "2"}).status_code == 403, "no CSRF token"
    service.start(changed, "schedule")
    ctx.session.commit()
    running = post(browser, delete, {"lock_version": "2"}, follow_redirects=True).get_data(as_text=True)
    assert "Nguồn này đang có một lần chạy chưa kết thúc" in running
    ctx.session.execute(delete_rows(HarvestJob))  # the run is over
    ctx.session.commit()
    stale_delete = post(browser, delete, {"lock_version": "1"}, follow_redirects=True)
    assert stale_delete.request.path == delete and "Người khác vừa sửa nguồn này" in stale_delete.get_data(
        as_text=True
    )
    done = post(browser, delete, {"lock_version": "2"}, follow_redirects=True)
    assert done.request.path == "/harvest/sources" and "Đã xoá nguồn thu thập “Cổng B”" in done.get_data(
        as_text=True
    )
    assert browser.get(edit).status_code == 404

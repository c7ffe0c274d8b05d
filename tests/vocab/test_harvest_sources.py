"""Stored harvest sources run as jobs: a stock CKAN 2.10 portal, the schedule, the time limit,
change detection, removal at the source, duplicates and ownership conflicts."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import Conflict, InvalidInput
from dictionary.models import Agency, Dataset, HarvestJob, Revision
from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService, next_run
from tests.factories import make_agency, make_dataset
from tests.vocab.ckan_portal import ORG, serve_portal, stock_package
from tests.vocab.local_site import local_site
from tests.vocab.test_dcat_mapping import dcat
from vocab.harvest_runs import HarvestRunner

T0 = datetime(2026, 1, 31, 2, 0, tzinfo=UTC)


def source(ctx: Context, url: str, **values: object) -> uuid.UUID:
    data = {"name": f"Nguồn {url}", "url": url, "kind": "ckan", "owner": "T001.H68"} | values
    return HarvestSourceService(ctx).create(data).id


def runner(ctx: Context, rows: int = 2) -> HarvestRunner:
    return HarvestRunner(ctx, dcat(ctx).terms, ckan_rows=rows)


def revisions(ctx: Context) -> int:
    return ctx.session.scalar(select(func.count()).select_from(Revision)) or 0


def test_a_stock_ckan_portal_is_harvested_then_unchanged_then_retired_where_gone(ctx: Context) -> None:
    make_agency(ctx, code="T001.H68")
    packages = [stock_package(n) for n in range(5)]
    with local_site() as site:
        source_id = source(ctx, serve_portal(site, packages, rows=2))
        job = runner(ctx).run(source_id)
        assert job.status == "succeeded", (job.reason, job.items)
        assert job.counts == {"created": 5}
        assert len(job.pages) == 3 and all("sort=id+asc" in page for page in job.pages)

        dataset = ctx.session.scalar(select(Dataset).where(Dataset.slug == "du-toan-ngan-sach-3"))
        assert dataset is not None
        assert str(dataset.id) == packages[3]["id"], "a UUID package id is kept as ours"
        assert dataset.source_identifier is None
        assert (dataset.issued, dataset.modified) == (
            packages[3]["metadata_created"],
            packages[3]["metadata_modified"],
        )
        assert dataset.source_uri == f"{site.base}/dataset/du-toan-ngan-sach-3"
        assert dataset.title_vi == "Dự toán ngân sách 3" and dataset.title_en is None
        assert sorted(dataset.keywords_vi) == ["budget", "ngân sách"]
        assert dataset.landing_page is None and dataset.version == "1.0"
        owner = dataset.current_assignment(C.OWNER)
        assert owner is not None and owner.agency.name_vi == ORG["title"]
        formats = {d.title_vi: (d.format, d.licence, d.byte_size) for d in dataset.distributions}
        assert formats["Bảng dự toán"][0] is not None and formats["Bảng dự toán"][0].endswith("/CSV")
        assert formats["Bảng dự toán"][1] is not None and formats["Bảng dự toán"][1].endswith("CC_BY_4_0")
        assert formats["Bảng dự toán"][2] == 20480
        assert formats["Bản đồ"][2] is None, "a missing size stays missing"
        assert [c.name for c in dataset.contact_points] == ["Phòng Ngân sách"]

        before = revisions(ctx)
        again = runner(ctx).run(source_id)
        assert again.counts == {"unchanged": 5} and revisions(ctx) == before, (
            "an unchanged record writes nothing"
        )
        agencies = ctx.session.scalar(select(func.count()).select_from(Agency))
        assert agencies == 2, "the organization is created once and reused"

        serve_portal(site, packages[:2] + packages[3:], rows=2)  # package 2 is gone from the portal
        gone = runner(ctx).run(source_id)
    assert gone.counts == {"unchanged": 4, "withdrawn": 1}, gone.items
    retired = ctx.session.scalar(select(Dataset).where(Dataset.slug == "du-toan-ngan-sach-2"))
    assert retired is not None and retired.status == C.RETIRED, "removed at the source: retired, not deleted"


def test_duplicates_and_ownership_conflicts_are_item_errors(ctx: Context) -> None:
    owner = make_agency(ctx, code="T001.H68")
    mine = make_dataset(ctx, owner, slug="cua-toi")
    twin = stock_package(1)
    packages = [stock_package(0), stock_package(2, id=str(mine.id), name="cua-toi-o-nguon"), twin]
    with local_site() as site:
        base = serve_portal(site, packages, rows=5)
        answer = site.routes[next(iter(site.routes))]
        site.routes[next(iter(site.routes))] = (
            answer[0],
            answer[1],
            answer[2].replace(b'"results": [', b'"results": [' + _json(twin) + b", "),
        )
        job = runner(ctx, rows=5).run(source(ctx, base))
    failed = {item["identifier"]: item["message"] for item in job.items if item["action"] == "failed"}
    assert "duplicate identifier" in failed[twin["id"]]
    assert "described here" in failed[str(mine.id)] and "not overwritten" in failed[str(mine.id)]
    assert job.counts == {"created": 2, "failed": 2} and job.status == "succeeded"
    assert ctx.session.get(Dataset, mine.id).title_vi != packages[1]["title"]  # type: ignore[union-attr]


def _json(package: dict[str, object]) -> bytes:
    import json

    return json.dumps(package).encode()


def test_which_sources_are_due_with_a_fixed_clock(ctx: Context) -> None:
    make_agency(ctx, code="T001.H68")
    service = HarvestSourceService(ctx, now=lambda: T0)
    ids = {
        schedule: source(ctx, f"https://{schedule}.example.org/", kind="dcat", schedule=schedule)
        for schedule in ("manual", "daily", "weekly", "monthly")
    }
    assert {s.schedule for s in service.due()} == {"daily", "weekly", "monthly"}, "never run: due at once"
    for source_id in ids.values():
        job = HarvestSourceService(ctx, now=lambda: T0).start(service.get(source_id), "schedule")
        HarvestSourceService(ctx, now=lambda: T0).finish(job, {}, None)

    def due_at(moment: datetime) -> set[str]:
        return {s.schedule for s in HarvestSourceService(ctx, now=lambda: moment).due()}

    assert due_at(T0 + timedelta(hours=23)) == set()
    assert due_at(T0 + timedelta(days=1)) == {"daily"}
    assert due_at(T0 + timedelta(days=7)) == {"daily", "weekly"}
    assert next_run("monthly", T0) == datetime(2026, 2, 28, 2, 0, tzinfo=UTC), "31 January → 28 February"
    assert due_at(datetime(2026, 2, 28, 2, 0, tzinfo=UTC)) == {"daily", "weekly", "monthly"}


def test_a_running_job_past_its_deadline_is_marked_failed_and_a_source_runs_once_at_a_time(
    ctx: Context,
) -> None:
    make_agency(ctx, code="T001.H68")
    source_id = source(ctx, "https://slow.example.org/", kind="dcat", schedule="daily", time_limit=60)
    service = HarvestSourceService(ctx, now=lambda: T0)
    job = service.start(service.get(source_id), "schedule")
    with pytest.raises(Conflict):
        HarvestSourceService(ctx, now=lambda: T0 + timedelta(seconds=30)).start(
            service.get(source_id), "manual"
        )
    assert HarvestSourceService(ctx, now=lambda: T0 + timedelta(days=2)).due() == [], (
        "running: not started twice"
    )

    assert HarvestSourceService(ctx, now=lambda: T0 + timedelta(seconds=61)).fail_stale() == [], "grace"
    later = HarvestSourceService(ctx, now=lambda: T0 + timedelta(seconds=121))
    assert [j.id for j in later.fail_stale()] == [job.id]
    stale = ctx.session.get(HarvestJob, job.id)
    assert stale is not None and stale.status == "failed" and stale.finished_at == T0 + timedelta(seconds=121)
    assert stale.reason is not None and "time limit (60 s)" in stale.reason


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.mark.parametrize("kind", ["dcat", "ckan"])
def test_a_source_that_never_answers_fails_the_job_within_its_time_limit(
    ctx: Context, silent_server: str, kind: str
) -> None:
    make_agency(ctx, code="T001.H68")
    source_id = source(ctx, f"{silent_server}/catalog", kind=kind, time_limit=1)
    started = time.monotonic()
    job = runner(ctx).run(source_id)
    assert time.monotonic() - started < 5, "the run ends at its time limit, not at urllib's"
    assert job.status == "failed" and job.finished_at is not None
    assert job.reason is not None and "no answer within 1 s" in job.reason, job.reason
    assert "Traceback" not in job.reason and "Error" not in job.reason


def test_a_source_is_checked_when_registered(ctx: Context) -> None:
    make_agency(ctx, code="T001.H68")
    with pytest.raises(InvalidInput) as refused:
        HarvestSourceService(ctx).create(
            {
                "name": "x",
                "url": "file:///etc/passwd",
                "kind": "sparql",
                "owner": "NOPE",
                "schedule": "hourly",
                "time_limit": 0,
                "page_limit": 10**6,
            }
        )
    assert set(refused.value.errors) == {"url", "kind", "owner", "schedule", "time_limit", "page_limit"}


def test_a_ckan_source_stops_at_its_page_limit_and_then_retires_nothing(ctx: Context) -> None:
    make_agency(ctx, code="T001.H68")
    with local_site() as site:
        source_id = source(ctx, serve_portal(site, [stock_package(n) for n in range(5)], rows=2))
        runner(ctx).run(source_id)
        HarvestSourceService(ctx).update(source_id, {"page_limit": 1})
        job = runner(ctx).run(source_id)
    assert job.status == "succeeded" and job.stopped == "page limit reached (1 pages)"
    assert job.counts == {"unchanged": 2}, "an incomplete read withdraws nothing"
    assert len(site.requested) == 3 + 1


def test_the_time_limit_also_bounds_the_writes(ctx: Context) -> None:
    from tests.vocab.test_harvest import serve
    from vocab.harvest_ckan import CkanHarvester

    make_agency(ctx, code="T001.H68")
    with local_site() as site:
        serve_portal(site, [stock_package(n) for n in range(4)], rows=10)
        pages = {site.base + path: route[2] for path, route in site.routes.items()}
    ticks = iter([0.0, 1.0, 2.0, 3.0, 4.0, 50.0, 60.0, 61.0])
    harvester = CkanHarvester(
        ctx,
        dcat(ctx).terms,
        serve(pages, "application/json"),
        timeout=60,
        clock=lambda: next(ticks),
        withdraw_missing=True,
    )
    harvester.rows = 10
    report = harvester.run(site.base)
    assert report.counts() == {"created": 2}
    assert report.stopped == "time limit reached (60 s) with 2 records not yet written; the next run goes on"

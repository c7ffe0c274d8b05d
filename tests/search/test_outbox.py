"""Indexing through the outbox: written with the data, applied after commit, retried with backoff.

The fault tests stop the engine, write datasets, bring it back and check that the index converges
with nothing lost: for real against OpenSearch (behind a proxy this test stops and restarts), and
against the database backend behind a switch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.extension import catalog_of
from dictionary.models import Dataset, OutboxEntry
from dictionary.services import AgencyService, Context, DatasetService
from dictionary.visibility import Visibility
from search.database import DatabaseBackend
from search.documents import DatasetDocument, load_documents
from search.interface import DatasetQuery, SearchBackend, SearchUnavailable
from search.opensearch import opensearch_backend
from search.outbox import OutboxApplier, SearchRecorder, outbox_status, rebuild
from tests.conftest import need_service
from tests.factories import DatasetData, make_agency
from tests.search.catalog import unique_index
from tests.search.proxy import Proxy

EVERYONE = Visibility.all()


class Switch:
    """A backend that can be switched off: every call then fails as an unreachable engine does."""

    def __init__(self, backend: SearchBackend) -> None:
        self.backend, self.up, self.name = backend, True, backend.name

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if not self.up:
            raise SearchUnavailable("switched off")
        return getattr(self.backend, name)


def titles(backend: SearchBackend) -> set[str]:
    backend.refresh()
    return {
        hit.title for hit in backend.search(DatasetQuery.build(page_size=100, facets=False), EVERYONE).hits
    }


def database_titles(session) -> set[str]:  # type: ignore[no-untyped-def]
    return set(session.scalars(select(Dataset.title_vi)))


def write_while_down(ctx: Context) -> None:
    """Creates, changes and deletes, each its own committed unit of work."""
    owner = make_agency(ctx)
    service = DatasetService(ctx)
    for n in range(5):
        service.create(
            DatasetData(owner=owner.code, slug=f"bo-{n}", title_vi=f"Bộ dữ liệu số {n}", status="PUBLISHED")
        )
    service.update("bo-1", {"title_vi": "Bộ dữ liệu đã đổi tên"})
    service.create(DatasetData(owner=owner.code, slug="nhap", title_vi="Bản nháp sẽ xoá"))
    service.delete("nhap")


def pending(session) -> int:  # type: ignore[no-untyped-def]
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "dataset"))
        or 0
    )


def converge(ctx: Context, sessions, target: SearchBackend, switch_on, switch_off) -> None:  # type: ignore[no-untyped-def]
    """The fault scenario itself, the same for every backend."""
    applier = OutboxApplier(sessions, target, base_delay=timedelta(seconds=0))
    ctx.recorder = SearchRecorder(database=None, outbox=True, after_commit=applier.apply_pending)
    switch_off()
    write_while_down(ctx)  # every write succeeds although each apply after commit fails
    expected = database_titles(ctx.session)
    assert len(expected) == 5 and "Bộ dữ liệu đã đổi tên" in expected
    status = outbox_status(ctx.session)
    assert status["pending"] == pending(ctx.session) >= 7 and status["failing"] >= 1
    assert status["last_error"]
    switch_on()
    report = applier.apply_pending(force=True)
    assert report.failed == 0 and report.applied >= 7
    assert pending(ctx.session) == 0
    assert titles(target) == expected


def test_database_backend_converges_after_an_outage(app, ctx) -> None:  # type: ignore[no-untyped-def]
    database = DatabaseBackend(catalog_of(app).engine)
    database.clear()
    switch = Switch(database)
    sessions = catalog_of(app).sessionmaker
    converge(ctx, sessions, switch, lambda: setattr(switch, "up", True), lambda: setattr(switch, "up", False))  # type: ignore[arg-type]


@pytest.fixture
def proxied_opensearch() -> Iterator[tuple[Proxy, SearchBackend]]:
    url = os.environ.get("CATALOG_TEST_OPENSEARCH_URL")
    if not url:
        need_service("OpenSearch", "set CATALOG_TEST_OPENSEARCH_URL (see .ci/start-opensearch.sh)")
    parts = urlsplit(str(url))
    proxy = Proxy(parts.hostname or "127.0.0.1", parts.port or 9200)
    proxy.start()
    backend = opensearch_backend(proxy.url, unique_index(), timeout=2)
    backend.ensure()
    yield proxy, backend
    proxy.start() if proxy._listener is None else None
    backend.drop()
    backend.close()
    proxy.stop()


@pytest.mark.opensearch
def test_opensearch_converges_after_an_outage(app, ctx, proxied_opensearch) -> None:  # type: ignore[no-untyped-def]
    proxy, backend = proxied_opensearch
    converge(ctx, catalog_of(app).sessionmaker, backend, proxy.start, proxy.stop)


def test_failures_back_off_exponentially(app, ctx) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    switch = Switch(DatabaseBackend(catalog_of(app).engine))
    switch.up = False
    sessions = catalog_of(app).sessionmaker
    applier = OutboxApplier(sessions, switch, base_delay=timedelta(seconds=10), clock=lambda: now)  # type: ignore[arg-type]
    ctx.recorder = SearchRecorder(database=None, outbox=True)
    make_agency(ctx)
    DatasetService(ctx).create(DatasetData(owner=make_agency(ctx).code))
    delays = []
    for _ in range(3):
        assert applier.apply_pending(force=True).failed == 1
        ctx.session.expire_all()
        entry = ctx.session.scalar(select(OutboxEntry))
        delays.append(entry.next_attempt_at - now)
    assert delays == [timedelta(seconds=10), timedelta(seconds=20), timedelta(seconds=40)]
    assert entry.attempts == 3 and "switched off" in entry.last_error
    assert applier.apply_pending().skipped == "backoff"  # not due yet: nothing is tried
    switch.up = True
    assert applier.apply_pending().skipped == "backoff"
    now += timedelta(seconds=41)
    assert applier.apply_pending().applied == 1
    assert applier.apply_pending().applied == 0


def test_database_index_changes_with_the_data(app, ctx) -> None:  # type: ignore[no-untyped-def]
    database = DatabaseBackend(catalog_of(app).engine)
    database.clear()
    ctx.recorder = SearchRecorder(database, outbox=False)
    owner = make_agency(ctx, name_vi="Sở Y tế")
    DatasetService(ctx).create(
        DatasetData(owner=owner.code, slug="tiem-chung", title_vi="Tiêm chủng mở rộng")
    )
    assert titles(database) == {"Tiêm chủng mở rộng"}
    with pytest.raises(Exception, match="owner"):
        DatasetService(ctx).create(DatasetData(owner="KHONG.CO", title_vi="Không được lưu"))
    assert titles(database) == {"Tiêm chủng mở rộng"}  # the failed write left nothing, index included
    assert pending(ctx.session) == 0  # no engine, no outbox
    # An agency's new name is searchable at once: datasets carry their owners' names.
    AgencyService(ctx).rename(
        owner.code, name_vi="Sở Y tế tỉnh Lâm Đồng", effective_on=datetime(2026, 1, 1).date()
    )
    hits = database.search(DatasetQuery.build("lam dong"), EVERYONE).hits
    assert [h.title for h in hits] == ["Tiêm chủng mở rộng"]
    DatasetService(ctx).delete("tiem-chung")
    assert titles(database) == set()


def test_rebuild_pauses_the_applier_and_keeps_changes_made_meanwhile(app, ctx) -> None:  # type: ignore[no-untyped-def]
    sessions = catalog_of(app).sessionmaker
    target = DatabaseBackend(catalog_of(app).engine)
    applier = OutboxApplier(sessions, target)
    ctx.recorder = SearchRecorder(database=None, outbox=True)
    owner = make_agency(ctx)
    DatasetService(ctx).create(DatasetData(owner=owner.code, title_vi="Trước khi dựng lại"))

    class Slow:
        """Writes a dataset while the rebuild runs, as a concurrent request would."""

        name = "database"

        def rebuild(self, documents: Iterable[DatasetDocument]) -> int:
            count = target.rebuild(documents)
            assert applier.apply_pending().skipped == "rebuilding"
            DatasetService(ctx).create(DatasetData(owner=owner.code, title_vi="Trong khi dựng lại"))
            return count

    assert rebuild(sessions, Slow(), applier) == 1  # type: ignore[arg-type]
    assert titles(target) == {"Trước khi dựng lại", "Trong khi dựng lại"}
    assert pending(ctx.session) == 0


def test_an_older_copy_sent_late_is_corrected(app, ctx) -> None:  # type: ignore[no-untyped-def]
    """Two appliers race: ours loads version 1, another commits and sends version 2 first, then
    ours lands version 1 on top. Ours looks again after sending and repairs it."""
    sessions = catalog_of(app).sessionmaker
    target = DatabaseBackend(catalog_of(app).engine)
    target.clear()
    ctx.recorder = SearchRecorder(database=None, outbox=True)
    owner = make_agency(ctx)
    DatasetService(ctx).create(DatasetData(owner=owner.code, slug="dua", title_vi="Phiên bản một"))

    class Racing:
        name = "database"
        raced = False

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(target, name)

        def index(self, documents: Iterable[DatasetDocument]) -> int:
            documents = list(documents)
            if not self.raced:
                self.raced = True
                with sessions() as other:
                    other_ctx = Context(
                        session=other, concepts=ctx.concepts, recorder=SearchRecorder(None, outbox=False)
                    )
                    DatasetService(other_ctx).update("dua", {"title_vi": "Phiên bản hai"})
                    target.index(
                        load_documents(other, [other_ctx.session.scalar(select(Dataset.id))]).values()
                    )
            return target.index(documents)

    assert OutboxApplier(sessions, Racing()).apply_pending().applied == 1  # type: ignore[arg-type]
    assert titles(target) == {"Phiên bản hai"}


@pytest.mark.opensearch
def test_a_slow_engine_takes_index_writes_while_searches_give_up(app, ctx, proxied_opensearch) -> None:  # type: ignore[no-untyped-def]
    """A busy node: searches fall back to the database after the short timeout, while a bulk
    write waits for the node (a failed write would only come back through the outbox, to time
    out again)."""
    proxy, _ = proxied_opensearch
    write_while_down(ctx)
    ids = ctx.session.scalars(select(Dataset.id)).all()
    documents = list(load_documents(ctx.session, ids).values())
    backend = opensearch_backend(proxy.url, unique_index(), timeout=0.5)
    backend.ensure()
    try:
        proxy.delay = 1.0
        assert backend.index(documents) == len(documents) == 5
        with pytest.raises(SearchUnavailable):
            backend.search(DatasetQuery.build(page_size=10, facets=False), EVERYONE)
        proxy.delay = 0.0
        assert titles(backend) == database_titles(ctx.session)
    finally:
        proxy.delay = 0.0
        backend.drop()
        backend.close()

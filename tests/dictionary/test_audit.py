"""The audit log: every write becomes a chained event in the same transaction; tampering is found.

Runs on the configured test database (SQLite by default, PostgreSQL with
CATALOG_TEST_DATABASE=postgres), so the tamper tests cover both.
"""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import func, select, text

from app.extension import catalog_of
from dictionary.errors import InvalidInput
from dictionary.models import AuditChainHead, AuditEvent
from dictionary.services import DatasetService, DistributionService
from dictionary.services.audit import (
    GENESIS,
    Anchor,
    AuditContext,
    AuditLog,
    event_hash,
    record,
    set_context,
    verify,
)
from tests.factories import make_agency, make_dataset, make_principal, make_token

DISTRIBUTION = {
    "kind": "API",
    "title_vi": "Dịch vụ LGSP",
    "access_url": "https://lgsp.example.gov.vn/api",
    "access_rights": "RESTRICTED",
}


def events(session, **where) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.seq)
    for name, value in where.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return list(session.scalars(query))


def test_writes_become_a_valid_chain(ctx) -> None:
    dataset = make_dataset(ctx, slug="ho-tich")
    chain = events(ctx.session)
    assert {(e.action, e.object_type) for e in chain} >= {
        ("create", "agency"),
        ("create", "dataset"),
        ("create", "ownership_assignment"),
    }
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
    assert chain[0].prev_hash == GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(chain))
    created = events(ctx.session, object_type="dataset", action="create")[0]
    assert created.object_id == str(dataset.id)
    assert created.after["slug"] == "ho-tich" and created.before is None
    report = verify(ctx.session)
    assert report.ok and report.checked == len(chain) == report.head_seq


def test_an_update_keeps_only_what_changed(ctx) -> None:
    dataset = make_dataset(ctx, title_vi="Tên cũ")
    DatasetService(ctx).update(dataset.slug, {"title_vi": "Tên mới"})
    update = events(ctx.session, object_type="dataset", action="update")[-1]
    assert update.before == {"title_vi": "Tên cũ"} or update.before["title_vi"] == "Tên cũ"
    assert update.after["title_vi"] == "Tên mới"
    assert "updated_at" not in update.after and "lock_version" not in update.after


def test_orphans_removed_from_a_list_are_logged_as_deletes(ctx) -> None:
    dataset = make_dataset(ctx)
    DistributionService(ctx).add(dataset.slug, DISTRIBUTION)
    added = events(ctx.session, object_type="distribution", action="create")
    assert len(added) == 1
    DistributionService(ctx).delete(dataset.slug, added[0].after["slug"])
    deleted = events(ctx.session, object_type="distribution", action="delete")
    assert [e.object_id for e in deleted] == [added[0].object_id]
    assert deleted[0].before["access_url"] == DISTRIBUTION["access_url"]


def test_a_failed_write_logs_nothing(ctx) -> None:
    owner = make_agency(ctx)
    before = ctx.session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(InvalidInput):
        DatasetService(ctx).create(
            {
                "title_vi": "X",
                "description_vi": "Y",
                "owner": owner.code,
                "db_category": "NOPE",
                "sharing_class": "MO",
                "importance": "KHAC",
                "arch_component": "DAT",
            }
        )
    assert ctx.session.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert verify(ctx.session).ok


def test_secrets_never_reach_the_log(ctx) -> None:
    agency = make_agency(ctx)
    principal = make_principal(ctx, "editor", agency.code, password="mật khẩu đủ dài 123")
    secret = make_token(ctx, principal)
    logged = " ".join(str(e.after) for e in events(ctx.session))
    assert principal.password_hash not in logged and secret not in logged
    token_event = events(ctx.session, object_type="api_token")[0]
    assert token_event.after["token_hash"] == "[redacted]"


def test_actor_and_request_id_are_recorded(ctx) -> None:
    set_context(
        ctx.session, AuditContext("Trần Thị B <b@lamdong.gov.vn>", agency="H68.06", request_id="req-42")
    )
    make_agency(ctx)
    record(ctx.session, "access.check", "dataset", "ds-1", after={"allowed": False})
    ctx.session.commit()
    last = events(ctx.session)[-1]
    assert (last.actor, last.agency, last.request_id, last.action) == (
        "Trần Thị B <b@lamdong.gov.vn>",
        "H68.06",
        "req-42",
        "access.check",
    )
    assert verify(ctx.session).ok


# Tampering ----------------------------------------------------------------------------------


@pytest.fixture
def chain(ctx, app) -> int:
    """A committed chain of a few dozen events; its length."""
    dataset = make_dataset(ctx)
    for n in range(3):
        DatasetService(ctx).update(dataset.slug, {"title_vi": f"Tên {n}"})
    ctx.session.close()
    return ctx.session.scalar(select(func.count()).select_from(AuditEvent))


def _raw(app, sql: str, **params) -> None:
    with catalog_of(app).engine.begin() as connection:
        connection.execute(text(sql), params)


def _verify(app, *anchors, expect_head=None):
    session = catalog_of(app).sessionmaker()
    try:
        return AuditLog(session).verify(anchors, expect_head)
    finally:
        session.close()


def test_untouched_chain_verifies(app, chain) -> None:
    report = _verify(app)
    assert report.ok and report.checked == chain


def test_an_altered_event_is_found(app, chain) -> None:
    _raw(app, "UPDATE audit_event SET actor = 'someone else' WHERE seq = :seq", seq=3)
    report = _verify(app)
    assert not report.ok and report.broken_seq == 3 and "altered" in report.problem


def test_an_altered_and_rehashed_event_breaks_the_next_link(app, chain) -> None:
    session = catalog_of(app).sessionmaker()
    row = session.get(AuditEvent, 4)
    values = {column: getattr(row, column) for column in AuditEvent.__table__.columns.keys()}  # noqa: SIM118
    values["after"] = {"forged": True}
    forged = event_hash(values)
    session.close()
    _raw(app, "UPDATE audit_event SET after = NULL, hash = :hash WHERE seq = 4", hash=forged)
    report = _verify(app)
    assert not report.ok and report.broken_seq in (4, 5)


def test_a_deleted_event_is_found(app, chain) -> None:
    _raw(app, "DELETE FROM audit_event WHERE seq = :seq", seq=5)
    report = _verify(app)
    assert not report.ok and report.broken_seq == 5 and "missing" in report.problem


def test_a_deleted_tail_is_found(app, chain) -> None:
    _raw(app, "DELETE FROM audit_event WHERE seq = :seq", seq=chain)
    report = _verify(app)
    assert not report.ok and report.broken_seq == chain
    assert report.problem.startswith(f"the chain ends at event {chain - 1} but its head names event {chain}")


def test_events_past_the_head_are_found(app, chain) -> None:
    _raw(app, "UPDATE audit_chain_head SET seq = :seq", seq=chain - 2)
    report = _verify(app)
    assert not report.ok and report.broken_seq == chain - 1
    assert f"continues past its head (event {chain - 2}) to event {chain}" in report.problem


def test_a_replaced_head_hash_is_found(app, chain) -> None:
    _raw(app, "UPDATE audit_chain_head SET hash = :hash", hash="f" * 64)
    report = _verify(app)
    assert not report.ok and report.broken_seq == chain and "head's hash" in report.problem


def test_events_deleted_under_their_head_are_found(app, chain) -> None:
    _raw(app, "DELETE FROM audit_event")
    report = _verify(app)
    assert not report.ok and f"the chain is empty but its head names event {chain}" in report.problem


def test_a_missing_head_row_is_found(app, chain) -> None:
    _raw(app, "DELETE FROM audit_chain_head")
    report = _verify(app)
    assert not report.ok and f"head row is missing but there are {chain} events" in report.problem


def test_a_rebuilt_chain_is_found_against_a_recorded_head(app, chain) -> None:
    head = _verify(app).head_hash
    _raw(app, "DELETE FROM audit_event")
    _raw(app, "DELETE FROM audit_chain_head")
    assert _verify(app).ok  # an empty log is consistent with itself…
    assert not _verify(app, expect_head=head).ok  # …but not with the head written down earlier


# Anchors ------------------------------------------------------------------------------------


def _rewind(app, seq: int) -> None:
    """Delete the events after ``seq`` and point the head at ``seq``: consistent with itself."""
    session = catalog_of(app).sessionmaker()
    last = session.get(AuditEvent, seq).hash
    session.close()
    _raw(app, "DELETE FROM audit_event WHERE seq > :seq", seq=seq)
    _raw(app, "UPDATE audit_chain_head SET seq = :seq, hash = :hash", seq=seq, hash=last)


def test_an_intact_chain_gives_an_anchor_for_its_head(app, chain) -> None:
    report = _verify(app)
    assert report.anchor == Anchor(chain, report.head_hash)
    assert _verify(app, report.anchor).ok and _verify(app, report.anchor).anchors == 1


def test_an_anchor_stays_valid_after_legitimate_writes(ctx, app, chain) -> None:
    anchor = _verify(app).anchor
    make_dataset(ctx, slug="sau-moc-neo")
    report = _verify(app, anchor)
    assert report.ok and report.checked > chain
    assert _verify(app, expect_head=anchor.hash).ok  # the older --expect-head form as well


def test_a_deleted_tail_with_a_rewound_head_fails_against_an_anchor(app, chain) -> None:
    anchor = _verify(app).anchor
    _rewind(app, chain - 3)
    assert _verify(app).ok  # the database alone cannot tell…
    report = _verify(app, anchor)  # …the anchor kept outside it can
    assert not report.ok and report.broken_seq == chain - 2
    assert report.problem == f"event {chain} (anchored) is missing: the chain ends at {chain - 3}"
    assert not _verify(app, expect_head=anchor.hash).ok


def test_a_wiped_chain_fails_against_an_anchor(app, chain) -> None:
    anchor = _verify(app).anchor
    _raw(app, "DELETE FROM audit_event")
    _raw(app, "DELETE FROM audit_chain_head")
    report = _verify(app, anchor)
    assert not report.ok and report.problem == f"the chain is empty but an anchor says {chain} events existed"


def test_a_rebuilt_chain_fails_against_an_anchor(app, chain) -> None:
    """Every event rewritten and rehashed, head included: each link holds, the anchored hash does not."""
    anchor = _verify(app).anchor
    session = catalog_of(app).sessionmaker()
    rows = [
        {column: getattr(row, column) for column in AuditEvent.__table__.columns.keys()}  # noqa: SIM118
        for row in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
    ]
    session.close()
    prev = GENESIS
    for row in rows:
        row["actor"], row["prev_hash"] = "kẻ giả mạo", prev
        row["hash"] = prev = event_hash(row)
    for row in rows:
        _raw(
            app,
            "UPDATE audit_event SET actor = :actor, prev_hash = :prev_hash, hash = :hash WHERE seq = :seq",
            **{key: row[key] for key in ("actor", "prev_hash", "hash", "seq")},
        )
    _raw(app, "UPDATE audit_chain_head SET hash = :hash", hash=prev)
    assert _verify(app).ok  # consistent with itself
    report = _verify(app, anchor)
    assert not report.ok and report.broken_seq == chain
    assert report.problem == f"event {chain} (anchored) was rewritten: its hash is not the anchored one"


def test_an_event_altered_before_the_anchor_is_named_first(app, chain) -> None:
    anchor = _verify(app).anchor
    _raw(app, "UPDATE audit_event SET actor = 'someone else' WHERE seq = 2")
    report = _verify(app, anchor)
    assert not report.ok and report.broken_seq == 2 and "altered" in report.problem


def test_a_deleted_anchored_event_is_named(app, chain) -> None:
    session = catalog_of(app).sessionmaker()
    anchor = Anchor(5, session.get(AuditEvent, 5).hash)
    session.close()
    _raw(app, "DELETE FROM audit_event WHERE seq = 5")
    report = _verify(app, anchor)
    assert not report.ok and report.problem.startswith("event 5 (anchored) is missing: the chain jumps to 6")


def test_a_wrong_anchor_fails(app, chain) -> None:
    report = _verify(app, Anchor(3, "a" * 64))
    assert not report.ok and report.broken_seq == 3 and "(anchored) was rewritten" in report.problem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "SEQ:HASH"),
        ("42", "SEQ:HASH"),
        ("abc:" + "0" * 64, "SEQ:HASH"),
        ("0:" + "0" * 64, "from 1 on"),
        ("-1:" + "0" * 64, "from 1 on"),
        ("42:" + "0" * 63, "64 hexadecimal digits"),
        ("42:" + "g" * 64, "64 hexadecimal digits"),
    ],
)
def test_a_malformed_anchor_is_refused_with_the_reason(text, reason) -> None:
    with pytest.raises(ValueError, match=reason):
        Anchor.parse(text)


def test_an_anchor_reads_back_what_it_prints() -> None:
    anchor = Anchor(42, "ab" * 32)
    assert Anchor.parse(f" {str(anchor).upper()} ") == anchor and str(anchor) == "42:" + "ab" * 32


# Concurrency --------------------------------------------------------------------------------


def test_concurrent_writers_extend_one_chain(app) -> None:
    """Appends are serialised (the head row's lock on PostgreSQL, the database's write lock on
    SQLite): no two events share a sequence number or a parent."""
    from tests.conftest import _accounts_context

    setup = _accounts_context(app)
    owner = make_agency(setup)
    setup.session.close()
    failures: list[BaseException] = []

    def writer(n: int) -> None:
        ctx = _accounts_context(app)
        try:
            for i in range(5):
                make_dataset(ctx, owner=ctx.session.merge(owner), slug=f"song-song-{n}-{i}")
        except BaseException as error:
            failures.append(error)
        finally:
            ctx.session.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    report = _verify(app)
    assert report.ok, report.problem
    session = catalog_of(app).sessionmaker()
    assert session.get(AuditChainHead, 1).seq == report.checked
    session.close()

"""The audit log over HTTP and from the shell: who did what is recorded, administrators query and
export it, and ``catalog audit verify`` finds an altered or deleted event (on the configured test
database: SQLite, or PostgreSQL with CATALOG_TEST_DATABASE=postgres)."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from app.cli import main
from app.extension import catalog_of
from tests.factories import AgencyData, DatasetData

API = "/api/v1"


@pytest.fixture
def logged(client) -> dict:
    """A few writes through the API, as the administrator of the ``client`` fixture."""
    client.post(f"{API}/agencies", json=AgencyData(code="H68.04"))
    dataset = client.post(
        f"{API}/datasets",
        json=DatasetData(owner="H68.04", slug="ngan-sach"),
        headers={"X-Request-Id": "req-tao-moi"},
    ).json
    client.patch(f"{API}/datasets/ngan-sach", json={"title_en": "Budget"})
    return dataset


def test_writes_name_the_principal_agency_and_request(client, client_as, logged) -> None:
    created = client.get(f"{API}/audit?object_type=dataset&action=create").json
    assert len(created) == 1 and created[0]["object_id"] == logged["id"]
    assert created[0]["actor"].endswith("<admin@test.lamdong.gov.vn>")
    assert created[0]["request_id"] == "req-tao-moi"
    editor = client_as("editor", "H68.04", name="Lê Văn Biên Tập", email="btv@stc.lamdong.gov.vn")
    editor.patch(f"{API}/datasets/ngan-sach", json={"title_en": "Provincial budget"})
    update = client.get(f"{API}/audit?actor=btv@stc&object_type=dataset").json[0]
    assert (update["agency"], update["before"]["title_en"], update["after"]["title_en"]) == (
        "H68.04",
        "Budget",
        "Provincial budget",
    )
    revision = client.get(f"{API}/datasets/ngan-sach/revisions").json[0]
    assert revision["author"] == "Lê Văn Biên Tập <btv@stc.lamdong.gov.vn>"


def test_the_log_pages_newest_first_and_filters(client, logged) -> None:
    response = client.get(f"{API}/audit?page_size=2")
    assert response.status_code == 200
    seqs = [event["seq"] for event in response.json]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == 2
    total = json.loads(response.headers["X-Pagination"])["total"]
    assert total == client.get(f"{API}/audit/verify").json["checked"]
    assert client.get(f"{API}/audit?since=2999-01-01T00:00:00Z").json == []
    assert client.get(f"{API}/audit?since=yesterday").status_code == 422


def test_export_streams_json_lines_and_csv_and_is_itself_logged(client, logged) -> None:
    lines = client.get(f"{API}/audit/export").get_data(as_text=True).splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    assert all(later["prev_hash"] == earlier["hash"] for earlier, later in itertools.pairwise(events))
    exported = client.get(f"{API}/audit/export?format=csv&object_type=dataset")
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert rows and {row["object_type"] for row in rows} == {"dataset"}
    assert client.get(f"{API}/audit?action=audit.export").json[0]["after"]["format"] == "csv"


def test_a_read_export_gives_its_connection_back(app, client, logged) -> None:
    """Flask ends the request before the body streams; the export must still end its transaction
    (else the connection stays checked out, idle in a transaction, until garbage collection)."""
    pool = catalog_of(app).engine.pool
    with client.get(f"{API}/audit/export") as response:
        assert response.get_data(as_text=True)
    assert pool.checkedout() == 0


def test_only_administrators_read_the_log(client_as, anonymous_client, logged) -> None:
    assert anonymous_client.get(f"{API}/audit").status_code == 401
    assert client_as("approver").get(f"{API}/audit/export").status_code == 403
    assert client_as("agency_admin", "H68.04").get(f"{API}/audit/verify").status_code == 403


# catalog audit verify -----------------------------------------------------------------------


@pytest.fixture
def cli(database_url, monkeypatch) -> CliRunner:
    monkeypatch.setenv("CATALOG_DATABASE_URL", database_url)
    return CliRunner()


def _tamper(app, sql: str, **params) -> None:
    with catalog_of(app).engine.begin() as connection:
        connection.execute(text(sql), params)


def test_verify_passes_on_an_intact_log(cli, logged) -> None:
    result = cli.invoke(main, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")


@pytest.mark.parametrize(
    "tampering",
    [
        ("altered", "UPDATE audit_event SET actor = 'ai đó khác' WHERE seq = 2", 2),
        ("altered json", "UPDATE audit_event SET after = NULL WHERE seq = 3", 3),
        ("deleted", "DELETE FROM audit_event WHERE seq = 2", 2),
    ],
)
def test_verify_finds_an_altered_or_deleted_event(app, cli, logged, tampering) -> None:
    label, sql, seq = tampering
    _tamper(app, sql)
    result = cli.invoke(main, ["audit", "verify"])
    assert result.exit_code == 1, (label, result.output)
    assert f"BROKEN at event {seq}" in result.output


def test_verify_finds_a_cut_off_tail_and_a_rebuilt_chain(app, cli, logged) -> None:
    head = cli.invoke(main, ["audit", "verify"]).output.split()[-1].partition(":")[2]
    _tamper(app, "DELETE FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)")
    assert cli.invoke(main, ["audit", "verify"]).exit_code == 1
    _tamper(app, "DELETE FROM audit_event")
    _tamper(app, "DELETE FROM audit_chain_head")
    assert cli.invoke(main, ["audit", "verify"]).exit_code == 0  # consistent with itself…
    assert cli.invoke(main, ["audit", "verify", "--expect-head", head]).exit_code == 1  # …not with the record


def test_the_api_reports_the_same(app, client, logged) -> None:
    _tamper(app, "UPDATE audit_event SET object_id = 'khac' WHERE seq = 1")
    report = client.get(f"{API}/audit/verify").json
    assert (report["ok"], report["broken_seq"], report["anchor"]) == (False, 1, None)


# catalog audit anchor, verify --anchor ------------------------------------------------------


def _anchor(cli) -> str:
    result = cli.invoke(main, ["audit", "anchor"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _rewind(app, seq: int) -> None:
    """Delete the events after ``seq`` and point the head at ``seq``, as someone covering tracks would."""
    _tamper(app, "DELETE FROM audit_event WHERE seq > :seq", seq=seq)
    _tamper(
        app,
        "UPDATE audit_chain_head SET seq = :seq, hash = (SELECT hash FROM audit_event WHERE seq = :seq)",
        seq=seq,
    )


def test_anchor_prints_seq_and_hash_of_the_head(cli, logged) -> None:
    anchor = _anchor(cli)
    seq, _, digest = anchor.partition(":")
    verified = cli.invoke(main, ["audit", "verify"]).output
    assert seq.isdigit() and len(digest) == 64 and verified.endswith(f"head {anchor}\n")


def test_an_anchor_stays_valid_after_legitimate_writes(cli, client, logged) -> None:
    old = _anchor(cli)
    client.patch(f"{API}/datasets/ngan-sach", json={"title_en": "Provincial budget"})
    assert _anchor(cli) != old
    result = cli.invoke(main, ["audit", "verify", "--anchor", old, "--anchor", _anchor(cli)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ") and "2 anchors hold" in result.output
    # The older --expect-head HASH now means the same, so it too survives a write.
    assert cli.invoke(main, ["audit", "verify", "--expect-head", old.partition(":")[2]]).exit_code == 0


def test_a_deleted_tail_with_a_rewound_head_fails_against_the_anchor(app, cli, logged) -> None:
    anchor = _anchor(cli)
    seq = int(anchor.partition(":")[0])
    _rewind(app, seq - 2)
    assert cli.invoke(main, ["audit", "verify"]).exit_code == 0  # the database agrees with itself
    result = cli.invoke(main, ["audit", "verify", "--anchor", anchor])
    assert result.exit_code == 1
    assert f"event {seq} (anchored) is missing: the chain ends at {seq - 2}" in result.output


def test_a_wiped_chain_fails_against_the_anchor(app, cli, logged) -> None:
    anchor = _anchor(cli)
    _tamper(app, "DELETE FROM audit_event")
    _tamper(app, "DELETE FROM audit_chain_head")
    result = cli.invoke(main, ["audit", "verify", "--anchor", anchor])
    assert result.exit_code == 1
    assert f"the chain is empty but an anchor says {anchor.partition(':')[0]} events existed" in result.output
    empty = cli.invoke(main, ["audit", "anchor"])
    assert empty.exit_code == 1 and "nothing to anchor" in empty.output


def test_a_rewritten_event_fails_and_gets_no_anchor(app, cli, logged) -> None:
    anchor = _anchor(cli)
    _tamper(app, "UPDATE audit_event SET actor = 'ai đó khác' WHERE seq = 2")
    result = cli.invoke(main, ["audit", "verify", "--anchor", anchor])
    assert result.exit_code == 1 and "BROKEN at event 2: event 2 was altered" in result.output
    refused = cli.invoke(main, ["audit", "anchor"])  # an anchor would vouch for the altered chain
    assert refused.exit_code == 1 and refused.stdout == "" and "BROKEN at event 2" in refused.output


@pytest.mark.parametrize("text", ["42", "x:" + "0" * 64, "0:" + "0" * 64, "7:abc"])
def test_a_malformed_anchor_is_a_usage_error(cli, logged, text) -> None:
    result = cli.invoke(main, ["audit", "verify", "--anchor", text])
    assert result.exit_code == 2
    assert "Invalid value for '--anchor'" in result.output and "is not an anchor" in result.output


def test_the_api_checks_anchors_too(app, client, logged) -> None:
    intact = client.get(f"{API}/audit/verify").json
    anchor = intact["anchor"]
    assert intact["ok"] and anchor == f"{intact['head_seq']}:{intact['head_hash']}"
    seq = intact["head_seq"]
    _rewind(app, seq - 1)
    assert client.get(f"{API}/audit/verify").json["ok"] is True
    report = client.get(f"{API}/audit/verify", query_string={"anchor": [anchor]}).json
    assert (report["ok"], report["anchors"]) == (False, 1)
    assert report["problem"] == f"event {seq} (anchored) is missing: the chain ends at {seq - 1}"
    malformed = client.get(f"{API}/audit/verify?anchor=42")
    assert malformed.status_code == 422 and "is not an anchor" in malformed.get_data(as_text=True)

"""Concurrent writers against a real multi-worker server: one winner per version, nothing lost.

A gunicorn server with four worker processes serves a fresh database (SQLite, or PostgreSQL with
``CATALOG_TEST_DATABASE=postgres``). Twenty threads send the same write with the same ETag at
once; exactly one may succeed and the others must get 412, the stored state must be the winner's,
one revision per success, and the audit chain must still verify.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli import main
from tests.conftest import create_postgres_database

WRITERS = 20
API = "/api/v1"


@dataclass
class Live:
    base: str
    token: str
    env: dict[str, str]

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        data, all_headers = None, {"Authorization": f"Bearer {self.token}", **(headers or {})}
        if isinstance(body, bytes):
            data = body
        elif body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=all_headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - 127.0.0.1 only
                status, answer, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, answer, raw = error.code, dict(error.headers), error.read()
        kind = answer.get("Content-Type", "")
        return status, answer, json.loads(raw) if "json" in kind and raw else raw


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("live")
    if os.environ.get("CATALOG_TEST_DATABASE") == "postgres":
        url = create_postgres_database(f"catalog_live_{uuid.uuid4().hex[:8]}")
    else:
        url = f"sqlite:///{folder / 'live.db'}"
    env = {
        "CATALOG_DATABASE_URL": url,
        "CATALOG_INSTANCE_PATH": str(folder),
        "CATALOG_SECRET_KEY": secrets.token_urlsafe(48),
        "CATALOG_ENV": "testing",
    }
    runner = CliRunner()
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
        made = runner.invoke(main, ["users", "create", "--email", "qt@lamdong.gov.vn", "--name", "QT",
                                    "--role", "admin", "--no-password"])  # fmt: skip
        assert made.exit_code == 0, made.output
        issued = runner.invoke(main, ["tokens", "create", "--email", "qt@lamdong.gov.vn", "--name", "live",
                                      "--scope", "write"])  # fmt: skip
        assert issued.exit_code == 0, issued.output
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own console script
        [sys.executable, "-c", "from app.cli import main; main()", "serve", "--port", str(port),
         "--workers", "4"],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    server_live = Live(f"http://127.0.0.1:{port}", issued.stdout.strip(), env)
    try:
        for _ in range(300):
            try:
                if server_live.call("GET", f"{API}/me")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        _seed(server_live)
        yield server_live
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
        assert "Traceback" not in output, output[-3000:]


def _seed(live: Live) -> None:
    assert live.call("POST", f"{API}/agencies", {"code": "LIVE.01", "name_vi": "Sở Thử nghiệm",
                                                  "level": "SO_NGANH"})[0] == 201  # fmt: skip


def _dataset(live: Live, fields: int = 10) -> tuple[str, str]:
    slug = f"song-song-{uuid.uuid4().hex[:6]}"
    status, _, body = live.call("POST", f"{API}/datasets", {
        "slug": slug, "title_vi": "Ghi song song", "description_vi": "Thử nhiều người ghi cùng lúc",
        "db_category": "CSDL_NGANH", "sharing_class": "DUNG_CHUNG", "importance": "QUAN_TRONG",
        "arch_component": "DAT", "owner": "LIVE.01",
        "fields": [{"name": f"goc_{i}", "label_vi": f"Trường gốc {i}"} for i in range(fields)],
    })  # fmt: skip
    assert status == 201, body
    status, headers, _ = live.call("GET", f"{API}/datasets/{slug}")
    return slug, headers["ETag"]


def _at_once(work: Any) -> list[Any]:
    """Run ``work(i)`` for every writer, all released by one barrier."""
    barrier = threading.Barrier(WRITERS)

    def run(index: int) -> Any:
        barrier.wait()
        return work(index)

    with ThreadPoolExecutor(WRITERS) as pool:
        return list(pool.map(run, range(WRITERS)))


def _revisions(live: Live, slug: str) -> int:
    status, headers, _ = live.call("GET", f"{API}/datasets/{slug}/revisions?page_size=1")
    assert status == 200
    return int(json.loads(headers["X-Pagination"])["total"])


def _one_winner(statuses: list[int], success: int) -> None:
    assert Counter(statuses) == {success: 1, 412: WRITERS - 1}, Counter(statuses)


def _audit_verifies(live: Live) -> None:
    verified = subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", "audit", "verify"],
        env={**os.environ, **live.env}, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_concurrent_patches_with_one_etag_have_one_winner(live: Live) -> None:
    slug, etag = _dataset(live)
    before = _revisions(live, slug)
    results = _at_once(lambda i: live.call("PATCH", f"{API}/datasets/{slug}",
                                           {"title_en": f"Writer {i}"}, {"If-Match": etag}))  # fmt: skip
    _one_winner([status for status, _, _ in results], 200)
    winner = next(body for status, _, body in results if status == 200)
    current = live.call("GET", f"{API}/datasets/{slug}")
    assert current[2]["title_en"] == winner["title_en"]
    assert current[1]["ETag"] == f'"{int(etag.strip(chr(34))) + 1}"'
    for status, headers, _ in results:
        if status == 412:
            assert headers["ETag"] == current[1]["ETag"]  # the loser is told the version to reload
    assert _revisions(live, slug) == before + 1
    _audit_verifies(live)


def test_concurrent_dictionary_replaces_keep_exactly_the_winners_dictionary(live: Live) -> None:
    slug, etag = _dataset(live)
    before = _revisions(live, slug)

    def replace(index: int) -> tuple[int, dict[str, str], Any]:
        fields = [{"name": f"w{index}_f{n}", "label_vi": f"Người ghi {index}, trường {n}"} for n in range(30)]
        return live.call("PUT", f"{API}/datasets/{slug}/fields", {"fields": fields}, {"If-Match": etag})

    results = _at_once(replace)
    _one_winner([status for status, _, _ in results], 200)
    winner = next(index for index, (status, _, _) in enumerate(results) if status == 200)
    stored = live.call("GET", f"{API}/datasets/{slug}/fields")[2]
    assert [(f["position"], f["name"]) for f in stored] == [(n + 1, f"w{winner}_f{n}") for n in range(30)]
    assert _revisions(live, slug) == before + 1
    _audit_verifies(live)


def test_concurrent_dictionary_imports_apply_once(live: Live) -> None:
    slug, etag = _dataset(live)
    template = live.call("GET", f"{API}/datasets/{slug}/dictionary.csv")[2].decode("utf-8-sig")
    before = _revisions(live, slug)

    def upload(index: int) -> tuple[int, dict[str, str], Any]:
        rows = list(csv.reader(io.StringIO(template)))
        header = rows[0]
        label = header.index("nhan")
        for row in rows[2:]:  # two header lines: the keys, then their names
            if len(row) > label and row[label]:
                row[label] = f"{row[label]} (bản {index})"
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        body, content_type = _multipart("file", "tu-dien.csv", out.getvalue().encode("utf-8-sig"))
        return live.call("POST", f"{API}/datasets/{slug}/dictionary/import?dry_run=false", body,
                         {"If-Match": etag, "Content-Type": content_type})  # fmt: skip

    results = _at_once(upload)
    applied = [i for i, (status, _, body) in enumerate(results) if status == 200 and body.get("applied")]
    assert len(applied) == 1, [(status, body) for status, _, body in results]
    assert Counter(status for status, _, _ in results) == {200: 1, 412: WRITERS - 1}
    labels = {f["label_vi"] for f in live.call("GET", f"{API}/datasets/{slug}/fields")[2]}
    assert all(label.endswith(f"(bản {applied[0]})") for label in labels), labels
    assert _revisions(live, slug) == before + 1
    _audit_verifies(live)


def test_a_write_without_if_match_is_refused_with_the_current_etag(live: Live) -> None:
    slug, etag = _dataset(live)
    status, headers, body = live.call("PATCH", f"{API}/datasets/{slug}", {"title_en": "Blind write"})
    assert status == 428 and headers["ETag"] == etag and "If-Match" in body["message"]
    assert live.call("GET", f"{API}/datasets/{slug}")[2]["title_en"] != "Blind write"


def _multipart(name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"

"""Search under concurrent load: requests per second and latency at 1, 4 and 16 connections.

    python benchmarks/search_load.py                         # 10,000 datasets, every engine available
    python benchmarks/search_load.py --engines database --connections 1,4,16 --seconds 20

``benchmarks/search.py`` times one request at a time through the Flask test client; this one
serves the catalog as it runs in production, ``catalog serve`` (gunicorn, ``--workers`` processes,
2 by default: the 2-core machine of issue 14), and loads it over HTTP from a client that costs
little CPU (one asyncio process, kept-alive connections when the server keeps them, reconnecting
when it closes them, as gunicorn's sync workers do). The queries are the mix of
``benchmarks/search.py`` (``QUERIES``), sent round-robin; the catalog is the same generated one.

For OpenSearch it also sends, at the same concurrency, the requests the API sends to the engine for
the same queries (recorded through the test client once the vocabulary of their words is known, as
it is after the first asking; timed together per query) straight to the engine's ``_search``: the
reference the API is compared with (issue 14: at most 2x at 1 and 4 connections).

Each level runs ``--seconds`` after a warm-up; the figures are requests per second, p50/p95/p99
in ms (from sending the request to reading the whole answer, connection set-up included), and the
server's memory and the CPU time its processes spent per answer (gunicorn's arbiter and workers,
from /proc): on a shared machine the milliseconds measure the other jobs too, while the CPU time
per answer says what the server itself needs (two cores give at most 2,000 / that requests/s).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

# benchmarks/search.py (its catalog generator, queries and scratch databases) under a name that
# does not shadow the ``search`` package; registered so that spawned children unpickle its functions.
_spec = importlib.util.spec_from_file_location("search_benchmark", HERE / "search.py")
assert _spec is not None and _spec.loader is not None
search_benchmark = importlib.util.module_from_spec(_spec)
sys.modules["search_benchmark"] = search_benchmark
_spec.loader.exec_module(search_benchmark)


@dataclass
class Request:
    method: str
    target: str
    body: bytes = b""


@dataclass
class Level:
    connections: int
    seconds: float
    latencies: list[float]
    errors: int

    def summary(self) -> dict[str, float]:
        cuts = (
            statistics.quantiles(self.latencies, n=100, method="inclusive") if len(self.latencies) > 1 else []
        )
        at = (lambda q: cuts[q - 1]) if cuts else (lambda q: float("nan"))
        return {
            "rps": len(self.latencies) / self.seconds,
            "p50": at(50),
            "p95": at(95),
            "p99": at(99),
            "errors": self.errors,
        }


# The client ----------------------------------------------------------------------------------


async def _exchange(host: str, port: int, request: Request, conn: list[Any]) -> int:
    """One request on the connection in ``conn`` (opened, or re-opened, when needed); the status."""
    if not conn:
        conn.extend(await asyncio.open_connection(host, port))
    reader, writer = conn
    head = (
        f"{request.method} {request.target} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Accept: application/json\r\nConnection: keep-alive\r\n"
    )
    if request.body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(request.body)}\r\n"
    writer.write(head.encode() + b"\r\n" + request.body)
    header = await reader.readuntil(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
    if fields.get("connection", "").lower() == "close" or not fields:
        writer.close()
        conn.clear()
    return status


Job = list[Request]
"""What one sample times: an API request, or the engine requests the API sent for one query."""


async def _load(host: str, port: int, jobs: list[Job], connections: int, seconds: float) -> Level:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal errors
        conn: list[Any] = []
        n = offset
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            statuses = []
            try:
                for request in jobs[n % len(jobs)]:
                    statuses.append(await _exchange(host, port, request, conn))
            except (OSError, asyncio.IncompleteReadError):
                statuses.append(0)
                conn.clear()
            if all(status == 200 for status in statuses):
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
            n += connections
        if conn:
            conn[1].close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(connections)))
    return Level(connections, time.perf_counter() - started, latencies, errors)


def load(url: str, jobs: list[Job], connections: int, seconds: float) -> Level:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    asyncio.run(_load(host, port, jobs, connections, min(2.0, seconds / 4)))  # warm-up
    return asyncio.run(_load(host, port, jobs, connections, seconds))


# The server ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tree(pid: int) -> list[int]:
    """A process and its children (gunicorn's arbiter and workers)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(c) for c in children.read().split()]
        except OSError:
            continue
    return found


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of the server now, in MB."""
    total = 0
    for current in _tree(pid):
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def _tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the server's processes have used so far."""
    ticks = 0
    for current in _tree(pid):
        try:
            with open(f"/proc/{current}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


class Server:
    """``catalog serve`` on a free local port, stopped at the end."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [str(Path(sys.executable).parent / "catalog"), "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [*command, "--workers", str(workers)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()

    def _wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"catalog serve stopped: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                level = load(self.url, [[Request("GET", "/api/v1/search?q=dat")]], 1, 0.5)
                if level.latencies:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("catalog serve did not answer in time")

    def memory(self) -> float:
        return _tree_rss_mb(self.process.pid)

    def cpu(self) -> float:
        return _tree_cpu_seconds(self.process.pid)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def api_requests() -> list[Job]:
    return [[Request("GET", "/api/v1/search?" + urlencode(query))] for query in search_benchmark.QUERIES]


def engine_requests(database_url: str, workdir: str, settings: dict[str, Any]) -> list[Job]:
    """Per query, the requests the API sends to the engine for it once the vocabulary of its
    words is known (asked the first time, then kept for a minute: :mod:`search.known_keys`):
    recorded through the test client on the second asking, sent one after the other as one sample."""
    from app import create_app
    from app.extension import catalog_of

    app = create_app(search_benchmark.settings(database_url, Path(workdir), **settings))
    backend = catalog_of(app).search.backend
    send = backend.transport.request
    recorded: list[Job] = []

    def recording(method: str, path: str, body: Any = None, params: Any = None) -> Any:
        if path.endswith("/_search"):
            target = path + ("?" + urlencode(params) if params else "")
            recorded[-1].append(Request(method, target, json.dumps(body, ensure_ascii=False).encode()))
        return send(method, path, body, params)

    backend.transport.request = recording
    client = app.test_client()
    for (request,) in api_requests():
        recorded.append([])
        assert client.get(request.target).status_code == 200  # the vocabulary of its words, kept
        recorded[-1].clear()
        assert client.get(request.target).status_code == 200
    backend.close()
    catalog_of(app).engine.dispose()
    return recorded


def build(database_url: str, engine: str, opensearch_url: str, workdir: str, index: str) -> float:
    """In a child: the index of ``engine`` built over the generated catalog; seconds."""
    from app import create_app
    from app.extension import catalog_of
    from search.outbox import rebuild

    extra = {"search_engine": "opensearch", "search_url": opensearch_url, "search_index": index}
    app = create_app(
        search_benchmark.settings(database_url, Path(workdir), **(extra if engine == "opensearch" else {}))
    )
    search = catalog_of(app).search
    started = time.perf_counter()
    rebuild(catalog_of(app).sessionmaker, search.backend if engine == "opensearch" else search.database)
    catalog_of(app).engine.dispose()
    return time.perf_counter() - started


def measure_engine(
    engine: str, database_url: str, args: argparse.Namespace, workdir: Path
) -> list[dict[str, Any]]:
    index = f"bench_{uuid.uuid4().hex[:8]}"
    seconds = search_benchmark.in_child(build, database_url, engine, args.opensearch_url, str(workdir), index)
    print(f"  {engine:<10} index built in {seconds:.1f} s", flush=True)
    env = {
        "CATALOG_DATABASE_URL": database_url,
        "CATALOG_INSTANCE_PATH": str(workdir),
        "CATALOG_SECRET_KEY": "load-benchmark-" + "x" * 40,
        "CATALOG_ENV": "production",
        "CATALOG_SEARCH_ENGINE": "database",
    }
    if engine == "opensearch":
        env |= {
            "CATALOG_SEARCH_ENGINE": "opensearch",
            "CATALOG_SEARCH_URL": args.opensearch_url,
            "CATALOG_SEARCH_INDEX": index,
        }
    rows = []
    server = Server(env, args.workers)
    try:
        requests = api_requests()
        raw: list[Job] = []
        if engine == "opensearch":
            raw = search_benchmark.in_child(
                engine_requests,
                database_url,
                str(workdir),
                {"search_engine": "opensearch", "search_url": args.opensearch_url, "search_index": index},
            )
        for connections in args.connections:
            before = server.cpu()
            level = load(server.url, requests, connections, args.seconds)
            cpu_ms = (server.cpu() - before) * 1000 / max(1, len(level.latencies))
            row = {
                "engine": engine,
                "connections": connections,
                **level.summary(),
                "server_mb": server.memory(),
                "cpu_ms": cpu_ms,
            }
            if raw and connections in (1, 4):
                engine_level = load(args.opensearch_url, raw, connections, args.seconds).summary()
                row["raw_p50"], row["raw_rps"] = engine_level["p50"], engine_level["rps"]
            rows.append(row)
            _print_row(row)
    finally:
        server.stop()
        if engine == "opensearch":
            _drop_index(args.opensearch_url, index)
    return rows


def _drop_index(url: str, index: str) -> None:
    import urllib.request

    for name in (f"{index}_v*", f"{index}_fields_v*"):
        request = urllib.request.Request(f"{url.rstrip('/')}/{name}", method="DELETE")  # noqa: S310
        try:
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
        except OSError as error:
            print(f"  could not drop {name}: {error}", file=sys.stderr)


def _print_row(row: dict[str, Any]) -> None:
    raw = ""
    if "raw_p50" in row:
        raw = (
            f"   engine alone: p50 {row['raw_p50']:5.1f} ms, {row['raw_rps']:5.0f} req/s "
            f"(API p50 = {row['p50'] / row['raw_p50']:.1f}x)"
        )
    print(
        f"  {row['engine']:<10} {row['connections']:>3} conn  {row['rps']:6.0f} req/s   "
        f"p50 {row['p50']:6.1f} ms   "
        f"p95 {row['p95']:6.1f} ms   p99 {row['p99']:6.1f} ms   errors {row['errors']}   "
        f"server {row['server_mb']:4.0f} MB, {row['cpu_ms']:.1f} ms CPU per answer{raw}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    option = parser.add_argument
    option("--size", type=int, default=10_000, help="datasets generated (default 10,000)")
    option("--engines", help="comma-separated: database (SQLite), postgres, opensearch")
    option("--connections", default="1,4,16", type=lambda s: [int(c) for c in s.split(",")])
    option("--seconds", type=float, default=15.0, help="measured seconds per level")
    option("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    option("--opensearch-url", default=os.environ.get("CATALOG_TEST_OPENSEARCH_URL"))
    option("--postgres-url", default=os.environ.get("CATALOG_TEST_POSTGRES_URL"))
    option("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engines = (
        [e.strip().replace("sqlite", "database") for e in args.engines.split(",")]
        if args.engines
        else ["database"]
        + ["postgres"] * bool(args.postgres_url)
        + ["opensearch"] * bool(args.opensearch_url)
    )
    print(
        f"Search load on {os.cpu_count()} CPUs, {args.workers} gunicorn workers, {args.size:,} datasets, "
        f"{args.seconds:g} s per level; load average at start {os.getloadavg()[0]:.1f}"
    )
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="catalog-load-") as folder:
        workdir = Path(folder)
        scratch = search_benchmark.Scratch(args.size, args, workdir)
        urls: dict[str, str] = {}
        try:
            for engine in engines:
                source = "postgres" if engine == "postgres" else "database"
                if source not in urls:
                    urls[source] = scratch.url(source)
                    search_benchmark.in_child(
                        search_benchmark.populate, urls[source], args.size, str(workdir)
                    )
                rows += measure_engine(engine, urls[source], args, workdir)
        finally:
            scratch.drop()
    print(
        "\n| engine | connections | req/s | p50 ms | p95 ms | p99 ms | server CPU ms per answer "
        "| engine alone p50 ms | API / engine |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = f"{r['p50'] / r['raw_p50']:.1f}x" if "raw_p50" in r else ""
        raw = f"{r['raw_p50']:.1f}" if "raw_p50" in r else ""
        print(
            f"| {r['engine']} | {r['connections']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['cpu_ms']:.1f} | {raw} | {ratio} |"
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""Start-up benchmark: ``catalog --help`` and the first HTTP answer of ``catalog serve``.

    python benchmarks/startup.py [--rounds 7]

Each figure is printed beside its reference, measured in the same run and interleaved (one of each
per round, in rotating order), so a busy machine slows both alike and the ratio stays meaningful:

- ``catalog --help`` against ``python -c pass`` (the interpreter alone);
- ``catalog serve --workers 1``, from the command to the first ``200`` of ``GET /api/v1/datasets``
  (database, vocabularies and API included), against a minimal Flask app answering ``/`` under
  the same gunicorn with one worker;
- the first answer without the vocabulary cache (``CATALOG_CACHE_DIR`` pointed at an empty
  directory each time), to show what the cache saves.

Python's bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX``, even when the environment
says ``PYTHONDONTWRITEBYTECODE``), as it is for an installed service: compiling the sources again
in every process would add about half a second to every figure but the references.

Peak memory is the serving process's own high-water mark (``VmHWM``), read just before it stops.
Targets (issue 14): ``--help`` ≤ 0.5 s, first answer ≤ 1 s and ≤ 4× the minimal Flask app.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

MINIMAL_APP = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return {"ok": True}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_once(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    return time.perf_counter() - started


def first_answer(argv: list[str], env: dict[str, str], url_path: str, port: int) -> tuple[float, int]:
    """Seconds from starting the server to its first 200 at ``url_path``, and its peak RSS (kB)."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own commands
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{argv[0]} exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{url_path}", timeout=5) as answer:
                    if answer.status == 200:
                        elapsed = time.perf_counter() - started
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.005)
        return elapsed, peak_rss_kb(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def peak_rss_kb(pid: int) -> int:
    """The high-water mark of the process and its children (the gunicorn worker)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    for one in pids:
        status = Path(f"/proc/{one}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--before",
        help="the catalog command of an earlier version (another checkout's .venv/bin/catalog), "
        "measured in the same rounds",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="catalog-startup-"))
    (work / "minimal_app.py").write_text(MINIMAL_APP, "utf-8")
    env = {
        **os.environ,
        "CATALOG_ENV": "development",
        "CATALOG_INSTANCE_PATH": str(work / "instance"),
        "CATALOG_DATABASE_URL": f"sqlite:///{work / 'catalog.db'}",
        "CATALOG_SEARCH_ENGINE": "database",
        "PYTHONPATH": str(work),
        # Bytecode as an installed service has it (pip compiles on install), kept out of the tree.
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
    }
    for name in ("CATALOG_CACHE_DIR", "CATALOG_SEARCH_URL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    catalog = str(BIN / "catalog")
    subprocess.run([catalog, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    def cold_env() -> dict[str, str]:
        return {**env, "CATALOG_CACHE_DIR": tempfile.mkdtemp(dir=work, prefix="cold-cache-")}

    def serve(environment: dict[str, str], command: str = catalog) -> tuple[float, int]:
        port = free_port()
        argv = [command, "serve", "--dev", "--workers", "1", "--port", str(port)]
        return first_answer(argv, environment, "/api/v1/datasets", port)

    def minimal() -> tuple[float, int]:
        port = free_port()
        argv = [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}", "minimal_app:app"]
        return first_answer(argv, env, "/", port)

    subjects: dict[str, Callable[[], tuple[float, int]]] = {
        "python -c pass": lambda: (run_once([sys.executable, "-c", "pass"], env), 0),
        "catalog --help": lambda: (run_once([catalog, "--help"], env), 0),
        "minimal Flask app, first answer": minimal,
        "catalog serve, first answer": lambda: serve(env),
        "catalog serve, first answer, cold cache": lambda: serve(cold_env()),
    }
    references = {
        "catalog --help": "python -c pass",
        "catalog serve, first answer": "minimal Flask app, first answer",
        "catalog serve, first answer, cold cache": "catalog serve, first answer",
    }
    if args.before:
        before = args.before
        subjects["before: catalog --help"] = lambda: (run_once([before, "--help"], env), 0)
        subjects["before: catalog serve, first answer"] = lambda: serve(env, before)
        references["before: catalog --help"] = "catalog --help"
        references["before: catalog serve, first answer"] = "catalog serve, first answer"
    serve(env)  # builds the vocabulary cache and warms the file-system cache
    times: dict[str, list[float]] = {name: [] for name in subjects}
    memory: dict[str, int] = dict.fromkeys(subjects, 0)
    names = list(subjects)
    for round_number in range(args.rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            elapsed, rss = subjects[name]()
            times[name].append(elapsed)
            memory[name] = max(memory[name], rss)

    def median(name: str) -> float:
        return statistics.median(times[name])

    print(f"Start-up, {args.rounds} interleaved rounds, {os.cpu_count()} CPUs (seconds)")
    print(f"{'':42} {'min':>7} {'p50':>7} {'p95':>7} {'peak RSS':>9}  ratio")
    for name in names:
        values = sorted(times[name])
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        rss = f"{memory[name] / 1024:.0f} MB" if memory[name] else "-"
        reference = references.get(name)
        ratio = f"{median(name) / median(reference):.1f}× {reference}" if reference else ""
        print(f"{name:42} {values[0]:7.3f} {median(name):7.3f} {p95:7.3f} {rss:>9}  {ratio}")
    help_ok = median("catalog --help") <= 0.5
    serve_ok = median("catalog serve, first answer") <= 1.0
    serve_ratio = median("catalog serve, first answer") / median("minimal Flask app, first answer")
    print(
        f"targets: --help ≤ 0.5 s {'met' if help_ok else 'NOT met'}; first answer ≤ 1 s "
        f"{'met' if serve_ok else 'NOT met'}; ≤ 4× minimal Flask {'met' if serve_ratio <= 4 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()

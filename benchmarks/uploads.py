"""Hostile dictionary uploads against the import's budget: how fast, and how much memory.

    python benchmarks/uploads.py [--cases cell-bomb-row,legitimate-2000-rows]

Builds each hostile workbook of ``tests/dictionary/hostile_files.py`` and a legitimate dictionary of
2,000 fields (every column filled), then imports each through
``POST /api/v1/datasets/<slug>/dictionary/import`` (the Flask test client, an administrator's
token, a temporary SQLite database) in a fresh process, so that the peak memory is that case's
own: the child resets its peak RSS after start-up (``/proc/self/clear_refs``) and reports the
growth of the peak during the request. Goal: every hostile case refused in under 2 s with under
100 MB of growth.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]

LEGITIMATE = "legitimate-2000-rows"
GOAL_SECONDS, GOAL_MB = 2.0, 100.0


def legitimate() -> bytes:
    from tests.dictionary.spreadsheet_helpers import row, xlsx_bytes

    rows = [
        row(
            ten_truong=f"truong_{n}", nhan=f"Trường số {n} của hồ sơ", nhan_en=f"Field {n}",
            dinh_nghia="Định nghĩa của trường, đủ dài để giống một từ điển thật. " * 3,
            dinh_nghia_en="The field's definition, long enough to look real. " * 3,
            kieu="STRING", do_dai=100, bat_buoc="x" if n % 2 else None, vi_du=f"Giá trị {n}",
            du_lieu_ca_nhan="KHONG", anh_xa="STD-PID:closeMatch:SoDinhDanh" if n % 10 == 0 else None,
        )
        for n in range(2000)
    ]  # fmt: skip
    return xlsx_bytes(rows)


def builders() -> dict[str, object]:
    from tests.dictionary.hostile_files import CASES

    return {case.name: case.build for case in CASES} | {LEGITIMATE: legitimate}


def _memory(field: str) -> float:
    """VmRSS or VmHWM (peak) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str) -> None:
    """One import in this process; prints its outcome, wall time and peak memory growth as JSON."""
    from app import create_app
    from app.config import Settings
    from app.extension import catalog_of
    from dictionary.models import Base
    from dictionary.services import Context
    from tests.dictionary.spreadsheet_helpers import csv_bytes, make_dictionary, row
    from tests.factories import make_principal, make_token

    workdir = Path(tempfile.mkdtemp(prefix="uploads-bench-"))
    settings = Settings(
        env="testing",
        database_url=f"sqlite:///{workdir / 'catalog.db'}",
        instance_path=workdir,
        secret_key="benchmark-secret-key-that-is-long-enough-0123",  # noqa: S106 - a throwaway app
    )
    app = create_app(settings)
    Base.metadata.create_all(catalog_of(app).engine)
    session = catalog_of(app).sessionmaker()
    ctx = Context(session=session, concepts=catalog_of(app).vocabularies, actor="benchmark")
    slug = make_dictionary(ctx).slug
    token = make_token(ctx, make_principal(ctx, "admin"))
    session.commit()
    session.close()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    url = f"/api/v1/datasets/{slug}/dictionary/import"

    def post(content: bytes):  # type: ignore[no-untyped-def]
        return client.post(url, data={"file": (io.BytesIO(content), "tu-dien.xlsx")})

    post(csv_bytes([row(ten_truong="khoi_dong", nhan="Khởi động")]))  # lazy imports, caches
    content = Path(path).read_bytes()
    gc.collect()
    clear = Path("/proc/self/clear_refs")
    if clear.exists():
        clear.write_text("5")  # the peak RSS starts again from the current RSS
    baseline = _memory("VmRSS") if clear.exists() else _memory("VmHWM")
    started = time.perf_counter()
    response = post(content)
    seconds = time.perf_counter() - started
    body = response.get_json() or {}
    limit = (body.get("limit") or {}).get("code")
    outcome = f"{response.status_code} {limit}" if limit else str(response.status_code)
    if response.status_code == 200:
        outcome += f" ({len(body['diff']['added'])} fields added, dry run)"
    elif not limit:
        outcome += " " + str(body.get("message", ""))[:40]
    print(json.dumps({"outcome": outcome, "seconds": seconds, "growth": _memory("VmHWM") - baseline}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    cases = builders()
    names = args.cases.split(",") if args.cases else list(cases)
    print(f"{'case':<24} {'size':>8}  {'outcome':<44} {'wall':>7} {'memory':>8}  goal")
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            path = Path(folder) / f"{name}.xlsx"
            path.write_bytes(cases[name]())  # type: ignore[operator]
            command = [sys.executable, __file__, "--child", str(path)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own script
            if result.returncode != 0:
                print(f"{name:<24} failed:\n{result.stderr[-2000:]}")
                failed = True
                continue
            measured = json.loads(result.stdout.strip().splitlines()[-1])
            hostile = name != LEGITIMATE
            met = measured["seconds"] < GOAL_SECONDS and measured["growth"] < GOAL_MB
            failed |= hostile and not met
            goal = ("met" if met else "MISSED") if hostile else "-"
            print(
                f"{name:<24} {path.stat().st_size / 1024:>6.0f} KB  {measured['outcome']:<44} "
                f"{measured['seconds']:>6.2f}s {measured['growth']:>5.0f} MB  {goal}"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

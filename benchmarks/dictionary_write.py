"""Whole-dictionary writes: the time of ``PUT /api/v1/datasets/<slug>/fields`` with 2,000 fields.

    python benchmarks/dictionary_write.py [--fields 2000] [--runs 5] [--engines sqlite,postgres]

Each engine gets a fresh database (SQLite in a temporary folder; PostgreSQL a scratch database made
with the role of ``CATALOG_TEST_POSTGRES_URL`` and dropped afterwards) and the full app: audit chain,
search (database backend) and revisions, as in production. It creates one dataset, then times,
through the Flask test client and with a correct If-Match each time:

- the first replace (2,000 new fields, each with a mapping onto a standard);
- a replace that changes every field's label (2,000 updates);
- a replace that drops half the fields and adds as many new ones;
- a replace with nothing changed.

It prints the median and the worst of ``--runs`` rounds per case and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.extension import catalog_of  # noqa: E402 - after the path is set


def _fields(count: int, label: str, offset: int = 0) -> list[dict[str, Any]]:
    types = ["STRING", "TEXT", "INTEGER", "DECIMAL", "DATE", "BOOLEAN"]
    return [
        {
            "name": f"truong_{offset + index:05d}",
            "label_vi": f"{label} {offset + index}",
            "data_type": types[index % len(types)],
            "length": 50 if index % len(types) == 0 else None,
            "required": index % 3 == 0,
            "personal_data": "KHONG",
            "mappings": [{"standard": "BENCH", "term": f"term-{index}"}],
        }
        for index in range(count)
    ]


def _app(url: str, instance: Path) -> Any:
    from app import create_app
    from app.config import Settings
    from dictionary import migrations

    settings = Settings(
        env="testing", database_url=url, instance_path=instance,
        secret_key=secrets.token_urlsafe(48), base_uri="https://data.example.gov.vn",
    )  # fmt: skip
    application = create_app(settings)
    migrations.upgrade(catalog_of(application).engine)
    return application


def _client(application: Any) -> Any:
    from dictionary.services import Context
    from tests.factories import make_agency, make_principal, make_standard, make_token

    session = catalog_of(application).sessionmaker()
    ctx = Context(session=session, concepts=catalog_of(application).vocabularies)
    make_agency(ctx, code="BENCH.AG")
    make_standard(ctx, code="BENCH")
    token = make_token(ctx, make_principal(ctx, "admin", email="bench@example.gov.vn"))
    session.close()
    client = application.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _put(client: Any, slug: str, fields: list[dict[str, Any]]) -> float:
    etag = client.get(f"/api/v1/datasets/{slug}").headers["ETag"]
    start = time.perf_counter()
    response = client.put(
        f"/api/v1/datasets/{slug}/fields", json={"fields": fields}, headers={"If-Match": etag}
    )
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"PUT answered {response.status_code}: {response.get_data(as_text=True)[:500]}")
    return elapsed


def measure(engine: str, url: str, count: int, runs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        application = _app(url, Path(folder))
        client = _client(application)
        times: dict[str, list[float]] = {"create": [], "update all": [], "half new": [], "unchanged": []}
        for run in range(runs):
            slug = f"bench-{run}"
            response = client.post("/api/v1/datasets", json={
                "slug": slug, "title_vi": "Đo hiệu năng", "description_vi": "Bộ dữ liệu đo",
                "db_category": "CSDL_NGANH", "sharing_class": "DUNG_CHUNG", "importance": "QUAN_TRONG",
                "arch_component": "DAT", "owner": "BENCH.AG",
            })  # fmt: skip
            if response.status_code != 201:
                raise SystemExit(f"POST answered {response.status_code}: {response.get_data(as_text=True)}")
            times["create"].append(_put(client, slug, _fields(count, "Trường")))
            times["update all"].append(_put(client, slug, _fields(count, "Nhãn mới")))
            half = _fields(count // 2, "Nhãn mới") + _fields(count // 2, "Thêm", offset=count)
            times["half new"].append(_put(client, slug, half))
            times["unchanged"].append(_put(client, slug, half))
        catalog_of(application).engine.dispose()
        print(f"  ({engine}: {runs} rounds done)", file=sys.stderr)
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fields", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    results = {}
    for engine in args.engines.split(","):
        if engine == "sqlite":
            folder = tempfile.mkdtemp()
            results[engine] = measure(engine, f"sqlite:///{folder}/bench.db", args.fields, args.runs)
        elif engine == "postgres":
            admin_url = os.environ.get("CATALOG_TEST_POSTGRES_URL")
            if not admin_url:
                print("postgres: skipped (set CATALOG_TEST_POSTGRES_URL)", file=sys.stderr)
                continue
            from tests.conftest import create_postgres_database

            name = f"catalog_bench_{uuid.uuid4().hex[:8]}"
            try:
                results[engine] = measure(engine, create_postgres_database(name), args.fields, args.runs)
            finally:
                _drop(admin_url, name)
    print(f"\nWhole-dictionary replace, {args.fields} fields, {args.runs} rounds (seconds)\n")
    print("| engine | case | median | worst |\n|---|---|---:|---:|")
    for engine, times in results.items():
        for case, values in times.items():
            print(f"| {engine} | {case} | {statistics.median(values):.3f} | {max(values):.3f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of the process: {peak:.0f} MB")


def _drop(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


if __name__ == "__main__":
    main()

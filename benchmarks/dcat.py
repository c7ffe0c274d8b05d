"""DCAT export benchmark: streamed page-by-page output against the naive one-Graph way.

    python benchmarks/dcat.py [--datasets 10000] [--fields 15] [--skip-naive]

Generates a catalog in a temporary SQLite database (bulk inserts: every dataset published and
open, with an owner, a custodian, a contact, a CSV download, an API service, ``--fields`` fields
and field-level mappings), then prints, each measured in a fresh process so peak memory is its own:

- the full export in each format, streamed (``catalog export dcat``'s code path): seconds, peak RSS
  above start-up, output size; and, for Turtle, naive (every dataset mapped into one rdflib Graph,
  then ``Graph.serialize``);
- one page of 100 datasets (page 50) in each format, through the HTTP route, beside the
  string-join limit (the same document's lines, already Python strings, joined: the floor of any
  writer) and the ratio of the two, each run's route timed next to its join (interleaved, so a
  loaded machine slows both); and the same page done naively (rdflib Graph, ``Graph.serialize``).

The naive full export of 10,000 datasets takes about half an hour and 2.7 GB on a 2-core machine;
``--skip-naive`` leaves it out.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VOCAB = "https://data.lamdong.gov.vn/vocab/"
EU = "http://publications.europa.eu/resource/authority/"
TYPES = ["STRING", "TEXT", "INTEGER", "DECIMAL", "DATE", "DATETIME", "CODE", "BOOLEAN"]
THEMES = ["KINH_TE", "MOI_TRUONG", "Y_TE", "GIAO_THONG", "NONG_NGHIEP", "DAN_CU_XA_HOI"]


def generate(url: str, datasets: int, fields: int) -> None:
    """Bulk-insert a synthetic catalog (bypasses the services: 150,000 fields in seconds)."""
    from sqlalchemy import create_engine, insert

    from dictionary.models import (
        Agency,
        Base,
        ContactPoint,
        Dataset,
        Distribution,
        Field,
        OwnershipAssignment,
        Standard,
        StandardMapping,
    )

    engine = create_engine(url)
    Base.metadata.create_all(engine)
    start = datetime(2025, 7, 1, tzinfo=UTC)
    agencies = [
        {
            "id": uuid.uuid4(),
            "code": f"H68.{n:02d}",
            "name_vi": f"Sở thử nghiệm {n}",
            "name_en": f"Test department {n}",
            "level": VOCAB + "agency-levels/SO_NGANH",
            "email": f"so{n}@lamdong.gov.vn",
            "homepage": f"https://so{n}.lamdong.gov.vn",
        }
        for n in range(1, 21)
    ] + [
        {
            "id": uuid.uuid4(),
            "code": "H68",
            "name_vi": "Ủy ban nhân dân tỉnh Lâm Đồng",
            "name_en": "Lam Dong Provincial People's Committee",
            "level": VOCAB + "agency-levels/TINH",
        }
    ]
    standards = [
        {
            "id": uuid.uuid4(),
            "code": f"STD-B{n}",
            "identifier": f"QCVN {100 + n}:2017/BTTTT",
            "title_vi": f"Quy chuẩn thử nghiệm {n}",
            "title_en": f"Test regulation {n}",
            "issuer": "Bộ TT&TT",
            "kind": VOCAB + "standard-kinds/TECHNICAL_STANDARD",
            "status": VOCAB + "legal-statuses/IN_FORCE",
        }
        for n in range(5)
    ]
    with engine.begin() as connection:
        connection.execute(insert(Agency), _uniform(agencies))
        connection.execute(insert(Standard), _uniform(standards))
        for offset in range(0, datasets, 500):
            rows, owners, contacts, dists, items, maps = [], [], [], [], [], []
            for n in range(offset, min(offset + 500, datasets)):
                ident, slug = uuid.uuid4(), f"bo-du-lieu-{n:05d}"
                moment = start + timedelta(minutes=n)
                rows.append(
                    {
                        "id": ident,
                        "slug": slug,
                        "created_at": moment,
                        "updated_at": moment,
                        "title_vi": f"Cơ sở dữ liệu thử nghiệm số {n}",
                        "title_en": f"Test database {n}",
                        "description_vi": "Cơ sở dữ liệu dùng chung sinh tự động cho đo hiệu năng xuất DCAT.",
                        "description_en": "Generated shared database for the DCAT export benchmark.",
                        "db_category": VOCAB + "db-categories/CSDL_DP",
                        "sharing_class": VOCAB + "sharing-classes/MO",
                        "importance": VOCAB + "importance/KHAC",
                        "personal_data": VOCAB + "personal-data/KHONG",
                        "arch_component": VOCAB + "arch-components/DAT",
                        "status": VOCAB + "statuses/PUBLISHED",
                        "themes": [VOCAB + "themes/" + THEMES[n % len(THEMES)]],
                        "keywords_vi": ["thử nghiệm", f"nhóm {n % 50}"],
                        "keywords_en": ["benchmark"],
                        "frequency": VOCAB + "frequencies/MONTHLY",
                        "spatial": [VOCAB + "admin-units-2025/68"],
                        "temporal_start": date(2020, 1, 1),
                        "legal_basis": [],
                        "version": "1.0",
                        "completeness": 80,
                        "quality_gaps": [],
                        "lock_version": 1,
                    }
                )
                owner = agencies[n % 20]["id"]
                owners += [
                    {
                        "id": uuid.uuid4(),
                        "dataset_id": ident,
                        "agency_id": owner,
                        "role": VOCAB + "ownership-roles/OWNER",
                        "valid_from": date(2025, 7, 1),
                    },
                    {
                        "id": uuid.uuid4(),
                        "dataset_id": ident,
                        "agency_id": agencies[(n + 1) % 20]["id"],
                        "role": VOCAB + "ownership-roles/CUSTODIAN",
                        "valid_from": date(2025, 7, 1),
                    },
                ]
                contacts.append(
                    {
                        "id": uuid.uuid4(),
                        "dataset_id": ident,
                        "name": "Nguyễn Văn A",
                        "email": "a@lamdong.gov.vn",
                        "agency_id": owner,
                    }
                )
                dists += [
                    {
                        "id": uuid.uuid4(),
                        "dataset_id": ident,
                        "slug": "tep-csv",
                        "kind": VOCAB + "access-kinds/FILE",
                        "title_vi": "Tệp CSV",
                        "title_en": "CSV file",
                        "created_at": moment,
                        "updated_at": moment,
                        "access_url": f"https://data.lamdong.gov.vn/dataset/{slug}",
                        "download_url": f"https://data.lamdong.gov.vn/files/{slug}.csv",
                        "format": EU + "file-type/CSV",
                        "media_type": "text/csv",
                        "licence": EU + "licence/CC_BY_4_0",
                        "access_rights": EU + "access-right/PUBLIC",
                        "byte_size": 1000 + n,
                    },
                    {
                        "id": uuid.uuid4(),
                        "dataset_id": ident,
                        "slug": "api",
                        "kind": VOCAB + "access-kinds/API",
                        "title_vi": "API",
                        "title_en": "API",
                        "created_at": moment,
                        "updated_at": moment,
                        "access_url": f"https://data.lamdong.gov.vn/api/{slug}",
                        "endpoint_url": f"https://data.lamdong.gov.vn/api/{slug}",
                        "format": EU + "file-type/JSON",
                        "media_type": "application/json",
                        "licence": EU + "licence/CC_BY_4_0",
                        "access_rights": EU + "access-right/PUBLIC",
                    },
                ]
                for position in range(1, fields + 1):
                    field_id = uuid.uuid4()
                    kind = TYPES[position % len(TYPES)]
                    items.append(
                        {
                            "id": field_id,
                            "dataset_id": ident,
                            "position": position,
                            "name": f"truong_{position:02d}",
                            "label_vi": f"Trường số {position}",
                            "label_en": f"Field {position}",
                            "definition": "Ý nghĩa của trường dữ liệu sinh tự động.",
                            "data_type": VOCAB + "data-types/" + kind,
                            "length": 100 if kind == "STRING" else None,
                            "required": position == 1,
                            "unique": position == 1,
                            "primary_key": position == 1,
                            "restricted": False,
                            "personal_data": VOCAB + "personal-data/KHONG",
                            "created_at": moment,
                            "updated_at": moment,
                        }
                    )
                    if position <= 2:
                        maps.append(
                            {
                                "id": uuid.uuid4(),
                                "dataset_id": ident,
                                "field_id": field_id,
                                "standard_id": standards[position]["id"],
                                "term": f"Phần tử {position}",
                                "relation": "http://www.w3.org/2004/02/skos/core#exactMatch",
                            }
                        )
            for model, batch in (
                (Dataset, rows),
                (OwnershipAssignment, owners),
                (ContactPoint, contacts),
                (Distribution, dists),
                (Field, items),
                (StandardMapping, maps),
            ):
                connection.execute(insert(model), _uniform(batch))
    engine.dispose()


def _uniform(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """executemany needs the same keys in every row."""
    keys = {key for row in rows for key in row}
    return [{key: row.get(key) for key in keys} for row in rows]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _app(url: str):  # type: ignore[no-untyped-def]
    from app import create_app
    from app.config import Settings

    settings = Settings(
        env="testing",
        database_url=url,
        instance_path=Path(tempfile.mkdtemp()),
        base_uri="https://data.example.gov.vn",
    )
    return create_app(settings)


def measure(mode: str, url: str, out: str, key: str = "ttl") -> dict[str, object]:
    """Runs in a child process; returns wall and CPU seconds and peak RSS for one way of exporting."""
    app = _app(url)
    baseline = _peak_mb()
    with app.app_context():
        from app.cli_dcat import dcat_publisher
        from vocab.rdf_writers import FORMATS

        with dcat_publisher("benchmark") as publisher:
            started, cpu = time.perf_counter(), time.process_time()
            if mode == "streamed":
                with open(out, "w", encoding="utf-8") as handle:
                    _total, chunks = publisher.full_catalog(FORMATS[key], batch_size=100)
                    for chunk in chunks:
                        handle.write(chunk)
            else:
                from dictionary.services.publication import PublicationFilter
                from vocab.dcat import new_graph
                from vocab.dcat_catalog import catalog_page_to_rdf

                where = PublicationFilter(publisher.visibility)
                state = publisher.state(where)
                graph = new_graph()
                for batch in publisher.publication.batches(where, 100):
                    catalog_page_to_rdf(batch, publisher.dcat, state, None, graph)
                graph.serialize(out, format="turtle", encoding="utf-8")
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 2),
        "peak_mb": round(_peak_mb(), 1),
        "baseline_mb": round(baseline, 1),
        "bytes": os.path.getsize(out),
    }


def join_limit(body: bytes, repeats: int = 5) -> float:
    """Seconds to join the document's lines, already Python strings (best of ``repeats``)."""
    lines = body.decode("utf-8").splitlines(keepends=True)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        "".join(lines)
        best = min(best, time.perf_counter() - started)
    return best


def page_latencies(url: str, page: int, runs: int = 5, naive: bool = True) -> dict[str, dict[str, float]]:
    """One page of 100 through the Flask route (WSGI in process, anonymous), and done naively."""
    from rdflib import Graph

    from app.rdf import dcat_context
    from dictionary.services.publication import PublicationFilter
    from vocab.dcat_catalog import PageInfo, catalog_page_to_rdf
    from vocab.rdf_writers import FORMATS

    app = _app(url)
    client = app.test_client()
    results: dict[str, dict[str, float]] = {}
    for key, fmt in FORMATS.items():
        route, joins, naive_runs = [], [], []
        client.get(f"/catalog.{key}?page={page}&page_size=100").get_data()  # warm caches
        for _ in range(runs):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/catalog.{key}?page={page}&page_size=100")
            body = response.get_data()
            route.append((time.perf_counter() - started, time.process_time() - cpu))
            assert response.status_code == 200, response.status_code
            joins.append(join_limit(body))
        with app.app_context():
            from app.cli_dcat import dcat_publisher

            with dcat_publisher("benchmark") as publisher:
                for _ in range(runs if naive else 0):
                    started, cpu = time.perf_counter(), time.process_time()
                    where = PublicationFilter(publisher.visibility)
                    state = publisher.state(where)
                    datasets = publisher.publication.page(where, page, 100)
                    graph = Graph()
                    ctx = dcat_context(publisher.visibility)
                    catalog_page_to_rdf(datasets, ctx, state, PageInfo(page, 100, state.total), graph)
                    graph.serialize(format=fmt.rdflib_name)
                    naive_runs.append((time.perf_counter() - started, time.process_time() - cpu))
        results[key] = {
            "wall": statistics.median(t for t, _ in route),
            "cpu": statistics.median(c for _, c in route),
            "join": statistics.median(joins),
            "ratio": statistics.median(t / j for (t, _), j in zip(route, joins, strict=True)),
            "naive_wall": statistics.median(t for t, _ in naive_runs) if naive_runs else float("nan"),
            "naive_cpu": statistics.median(c for _, c in naive_runs) if naive_runs else float("nan"),
            "bytes": len(body),
            "lines": body.count(b"\n"),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--fields", type=int, default=15)
    parser.add_argument("--skip-naive", action="store_true", help="Skip the naive full export (slow, GBs).")
    parser.add_argument("--keep", help="Generate into (or reuse) this SQLite file.")
    parser.add_argument("--measure", choices=["streamed", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--format", default="ttl", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        with tempfile.NamedTemporaryFile(suffix="." + args.format, delete=False) as handle:
            out = handle.name
        print(json.dumps(measure(args.measure, args.db, out, args.format)))
        os.unlink(out)
        return
    database = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dcat-bench-")) / "catalog.db"
    url = f"sqlite:///{database}"
    size = f"{args.datasets} datasets x {args.fields} fields"
    if not database.exists():
        started = time.perf_counter()
        generate(url, args.datasets, args.fields)
        print(f"Generated {size} in {time.perf_counter() - started:.1f} s ({os.cpu_count()} CPUs)")
    print(f"Load average before the run: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    full = {}
    runs = [("streamed", key) for key in ("ttl", "rdf", "jsonld", "nt")]
    for mode, key in runs + ([] if args.skip_naive else [("naive", "ttl")]):
        command = [sys.executable, __file__, "--measure", mode, "--format", key, "--db", url]
        child = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - our own script
        figures = full[mode if key == "ttl" else key] = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"Full export {key:>6}, {mode:>8}: {figures['seconds']:>7} s wall, {figures['cpu']:>7} s CPU, "
            f"peak RSS {figures['peak_mb']} MB, {figures['peak_mb'] - figures['baseline_mb']:.0f} MB above "
            f"start-up ({figures['baseline_mb']} MB), {figures['bytes'] / 1e6:.0f} MB"
        )
    if "naive" in full:
        streamed, naive = full["streamed"], full["naive"]
        print(
            f"  streamed: {naive['seconds'] / streamed['seconds']:.1f}x faster (wall), "
            f"{naive['cpu'] / streamed['cpu']:.1f}x (CPU), peak memory above start-up "
            f"{streamed['peak_mb'] - streamed['baseline_mb']:.0f} MB streamed, "
            f"{naive['peak_mb'] - naive['baseline_mb']:.0f} MB naive"
        )
    page = max(1, min(50, args.datasets // 100))
    print(f"One page of 100 datasets (page {page}), median of 5, seconds wall / CPU:")
    for key, f in page_latencies(url, page, naive=not args.skip_naive).items():
        print(
            f"  {key:>6}: route {f['wall']:.3f} / {f['cpu']:.3f}   join limit {f['join'] * 1000:.2f} ms "
            f"({f['lines']} lines)   route/join {f['ratio']:.0f}x   naive {f['naive_wall']:.3f} / "
            f"{f['naive_cpu']:.3f}   {f['bytes'] / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()

"""CKAN Action API benchmark: a harvester paging through package_search, and package_show.

    python benchmarks/ckan.py [--datasets 2000] [--fields 15] [--rows 100] [--shows 200]

Generates a catalog in a temporary SQLite database with the DCAT benchmark's generator (bulk
inserts: every dataset published and open, with owner, custodian, contact, a CSV download, an API
service and ``--fields`` fields), then, through the Flask test client (HTTP handling included,
no network), prints:

- ckanext-harvest's gather: ``package_search`` with ``sort=id asc`` and ``rows``, paged by
  ``start`` to the end: latency percentiles per page, datasets per second, and the same with an
  incremental ``fq=metadata_modified:[… TO *]`` and with facets on organization, groups, tags
  and res_format;
- a free-text ``q`` (answered by the site search) with facets;
- ``package_show`` of ``--shows`` datasets by name: latency percentiles;
- the peak memory of the process.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _dcat_benchmark() -> Any:
    """benchmarks/dcat.py, for its catalog generator (loaded by path: ``search`` is a package here)."""
    spec = importlib.util.spec_from_file_location("dcat_benchmark", Path(__file__).with_name("dcat.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def percentiles(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    cut = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return f"p50 {cut[49]:7.1f} ms  p95 {cut[94]:7.1f} ms  p99 {cut[98]:7.1f} ms  max {ms[-1]:7.1f} ms"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def harvest(client: Any, rows: int, **extra: Any) -> tuple[list[float], int, float]:
    """Pages of package_search until an empty one: per-page seconds, packages, total seconds."""
    params = {"rows": rows, "start": 0, "sort": "id asc", **extra}
    latencies, seen = [], 0
    started = time.perf_counter()
    while True:
        elapsed, response = timed(lambda: client.post("/api/3/action/package_search", json=params))
        assert response.status_code == 200, response.json
        latencies.append(elapsed)
        results = response.json["result"]["results"]
        if not results:
            return latencies, seen, time.perf_counter() - started
        seen += len(results)
        params["start"] += rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--fields", type=int, default=15)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--shows", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ckan-bench-"))
    url = f"sqlite:///{workdir / 'catalog.db'}"
    dcat = _dcat_benchmark()
    elapsed, _ = timed(lambda: dcat.generate(url, args.datasets, args.fields))
    size = f"{args.datasets} datasets x {args.fields} fields"
    print(f"Generated {size} in {elapsed:.1f} s ({os.cpu_count()} CPUs)")
    app = dcat._app(url)
    from app.extension import catalog_of

    elapsed, _ = timed(catalog_of(app).search.rebuild)
    print(f"Search index built in {elapsed:.1f} s; peak RSS after start-up {peak_mb():.0f} MB")
    client = app.test_client()

    latencies, seen, total = harvest(client, args.rows)
    pages = f"{len(latencies)} requests, {seen} packages"
    print(f"package_search, {args.rows} a page, sort=id asc, all pages ({pages}):")
    print(f"  {percentiles(latencies)}   {seen / total:.0f} datasets/s")
    since = "2025-07-01T00:00:00Z"
    latencies, seen, total = harvest(client, args.rows, fq=f"metadata_modified:[{since} TO *]")
    print(f"  fq=metadata_modified:[{since} TO *]: {percentiles(latencies)}   {seen / total:.0f} datasets/s")
    facets = ["organization", "groups", "tags", "res_format"]
    latencies, seen, total = harvest(client, args.rows, **{"facet.field": facets})
    print(f"  with facet.field={facets}: {percentiles(latencies)}   {seen / total:.0f} datasets/s")

    queries = ["dữ liệu", "dan cu", "giao thong", "moi truong quan trac"]
    text = []
    for q in queries * 5:
        elapsed, response = timed(
            lambda q=q: client.post("/api/3/action/package_search", json={"q": q, "facet.field": facets})
        )
        assert response.status_code == 200, response.json
        text.append(elapsed)
    print(f"package_search with q (site search) and facets, {len(text)} requests: {percentiles(text)}")

    names = client.get("/api/3/action/package_list").json["result"]
    step = max(1, len(names) // args.shows)
    shows = []
    for name in names[::step][: args.shows]:
        elapsed, response = timed(lambda name=name: client.get(f"/api/3/action/package_show?id={name}"))
        assert response.status_code == 200, response.json
        shows.append(elapsed)
    print(f"package_show, {len(shows)} datasets by name: {percentiles(shows)}")
    print(f"Peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()

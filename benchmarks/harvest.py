"""Harvest benchmark: throughput of a paged DCAT-AP source and of the same catalog as a CKAN portal,
each served over local HTTP.

    python benchmarks/harvest.py [--datasets 2000] [--page-size 100] [--source dcat|ckan|both] [--rerun]

Generates a foreign DCAT-AP catalog in Turtle (Hydra pages; each dataset with an English title,
keywords in two languages, a blank-node publisher, a period, ELI legislation, two distributions
with a Creative Commons licence) and the same datasets as CKAN 2.10 ``package_search`` pages
(an organization, tags, two resources, ``cc-by``), serves them from http.server on 127.0.0.1 and
harvests each into a fresh SQLite catalog (``--rerun``: a second run that finds them unchanged).
Prints datasets per second, per-page time percentiles (reading the page plus writing its
datasets), per-dataset write percentiles and peak memory (RSS of the process so far) per run.
"""

from __future__ import annotations

import argparse
import json
import resource
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.extension import catalog_of  # noqa: E402 - after the path is set
from tests.vocab.local_site import local_site  # noqa: E402

PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcatap: <http://data.europa.eu/r5r/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def page(base: str, number: int, size: int, total: int) -> bytes:
    lines = [PREFIXES]
    for n in range((number - 1) * size, min(number * size, total)):
        uri = f"<{base}/dataset/d{n}>"
        lines.append(
            f"""{uri} a dcat:Dataset ; dct:identifier "bench-{n}" ;
  dct:title "Benchmark dataset {n}"@en, "Tập dữ liệu {n}"@vi ;
  dct:description "Generated for the harvest benchmark"@en ;
  dcat:keyword "alpha"@en, "beta"@en, "dữ liệu"@vi ;
  dct:issued "2024-01-0{1 + n % 9}"^^xsd:date ;
  dct:publisher [ a foaf:Agent ; foaf:name "Publisher {n % 10}" ] ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ] ;
  dcatap:applicableLegislation <http://data.europa.eu/eli/reg_impl/2023/138/oj> ;
  dcat:distribution <{base}/dataset/d{n}/csv>, <{base}/dataset/d{n}/api> .
<{base}/dataset/d{n}/csv> a dcat:Distribution ; dct:title "CSV"@en ;
  dcat:accessURL <{base}/files/d{n}.csv> ; dcat:downloadURL <{base}/files/d{n}.csv> ;
  dct:license <http://creativecommons.org/licenses/by/3.0/> .
<{base}/dataset/d{n}/api> a dcat:Distribution ; dct:title "API"@en ; dcat:accessURL "{base}/api/d{n}" .
"""
        )
    pages = (total + size - 1) // size
    view = f"<{base}/catalog/{number}> a hydra:PartialCollectionView"
    if number < pages:
        view += f' ; hydra:next "{base}/catalog/{number + 1}"'
    lines.append(view + " .\n")
    return "".join(lines).encode()


def ckan_page(base: str, start: int, size: int, total: int) -> bytes:
    """The same datasets as :func:`page`, as a stock CKAN 2.10 package_search answer (sorted by id)."""
    results = []
    for n in sorted(range(total), key=lambda n: f"bench-{n:06d}")[start : start + size]:
        results.append(
            {
                "id": f"bench-{n:06d}",
                "name": f"tap-du-lieu-{n}",
                "title": f"Tập dữ liệu {n}",
                "notes": "Generated for the harvest benchmark",
                "state": "active",
                "private": False,
                "type": "dataset",
                "license_id": "cc-by",
                "url": "",
                "version": None,
                "metadata_created": f"2024-01-0{1 + n % 9}T00:00:00.000000",
                "metadata_modified": f"2024-01-0{1 + n % 9}T00:00:00.000000",
                "organization": {
                    "id": f"org-{n % 10}",
                    "name": f"publisher-{n % 10}",
                    "title": f"Publisher {n % 10}",
                    "is_organization": True,
                },
                "tags": [{"name": "alpha"}, {"name": "beta"}, {"name": "dữ liệu"}],
                "groups": [],
                "extras": [],
                "resources": [
                    {
                        "id": f"r{n}-csv",
                        "name": "CSV",
                        "format": "CSV",
                        "url": f"{base}/files/d{n}.csv",
                        "position": 0,
                        "resource_type": None,
                        "description": "",
                    },
                    {
                        "id": f"r{n}-api",
                        "name": "API",
                        "format": "",
                        "url": f"{base}/api/d{n}",
                        "position": 1,
                        "resource_type": "api",
                        "description": "",
                    },
                ],
            }
        )
    answer = {"success": True, "result": {"count": total, "results": results}}
    return json.dumps(answer, ensure_ascii=False).encode()


def app(url: str, instance: Path) -> Any:
    from app import create_app
    from app.config import Settings
    from dictionary import migrations

    settings = Settings(
        env="testing",
        database_url=url,
        instance_path=instance,
        secret_key=secrets.token_urlsafe(48),
        base_uri="https://data.example.gov.vn",
    )
    application = create_app(settings)
    migrations.upgrade(catalog_of(application).engine)
    return application


def run(application: Any, url: str, label: str, count: int, kind: str) -> None:
    from dictionary.services import Context
    from tests.vocab.test_dcat_mapping import dcat
    from vocab.dcat_import import Defaults
    from vocab.harvest import Harvester
    from vocab.harvest_ckan import CkanHarvester

    session = catalog_of(application).sessionmaker()
    ctx = Context(session=session, concepts=catalog_of(application).vocabularies)
    harvester = (CkanHarvester if kind == "ckan" else Harvester)(
        ctx, dcat(ctx).terms, defaults=Defaults(owner="BENCH.AG"), max_pages=10_000, timeout=86_400
    )
    writes: list[float] = []
    fetches: list[float] = []
    first_write: list[float] = []
    apply, fetch = harvester._apply, harvester.fetch

    def timed(*args: Any) -> Any:
        start = time.perf_counter()
        first_write.append(start)
        try:
            return apply(*args)
        finally:
            writes.append(time.perf_counter() - start)

    def fetched(page_url: str, *, timeout: float) -> Any:
        fetches.append(time.perf_counter())
        return fetch(page_url, timeout=timeout)

    harvester._apply = timed  # type: ignore[method-assign]
    harvester.fetch = fetched
    start = time.perf_counter()
    report = harvester.run(url)
    elapsed = time.perf_counter() - start
    session.close()
    # A page's time: reading it (until the next page is asked for) plus writing its datasets.
    # (every page is read before the first write, so the last read ends when writing starts)
    read_end = [*fetches[1:], first_write[0] if first_write else start + elapsed]
    size = max(1, (count + len(fetches) - 1) // len(fetches))
    pages = [
        (end - begin) + sum(writes[i * size : (i + 1) * size])
        for i, (begin, end) in enumerate(zip(fetches, read_end, strict=True))
    ]
    per_page = statistics.quantiles(pages, n=100) if len(pages) > 1 else pages * 99
    per_item = statistics.quantiles(writes, n=100)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {count} datasets in {elapsed:.1f} s = {count / elapsed:.1f} datasets/s; "
        f"page ({size}) p50 {per_page[49]:.1f} s, p95 {per_page[94]:.1f} s; "
        f"write p50 {per_item[49] * 1000:.0f} ms, p95 {per_item[94] * 1000:.0f} ms; "
        f"peak RSS {peak:.0f} MB; {report.counts()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--source", choices=("dcat", "ckan", "both"), default="both")
    parser.add_argument("--rerun", action="store_true", help="Harvest each source a second time (unchanged).")
    args = parser.parse_args()
    from dictionary.services import Context
    from tests.factories import make_agency
    from vocab.harvest_ckan import CkanHarvester, package_search_url

    CkanHarvester.rows = args.page_size
    kinds = ("dcat", "ckan") if args.source == "both" else (args.source,)
    with local_site() as site:
        pages = (args.datasets + args.page_size - 1) // args.page_size
        for number in range(1, pages + 1):
            site.page(f"/catalog/{number}", page(site.base, number, args.page_size, args.datasets))
        for start in range(0, args.datasets + 1, args.page_size):
            body = ckan_page(site.base, start, args.page_size, args.datasets)
            site.page(package_search_url("", start, args.page_size), body, "application/json")
        for kind in kinds:
            with tempfile.TemporaryDirectory() as tmp:
                application = app(f"sqlite:///{tmp}/harvest.db", Path(tmp))
                session = catalog_of(application).sessionmaker()
                make_agency(
                    Context(session=session, concepts=catalog_of(application).vocabularies), code="BENCH.AG"
                )
                session.commit()
                session.close()
                url = f"{site.base}/catalog/1" if kind == "dcat" else site.base
                run(application, url, f"{kind.upper()} first run (create)", args.datasets, kind)
                if args.rerun:
                    run(application, url, f"{kind.upper()} second run (unchanged)", args.datasets, kind)


if __name__ == "__main__":
    main()

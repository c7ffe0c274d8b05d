"""DCAT harvest benchmark: throughput of a paged DCAT-AP source served over local HTTP.

    python benchmarks/harvest.py [--datasets 2000] [--page-size 100]

Generates a foreign DCAT-AP catalog in Turtle (Hydra pages; each dataset with an English title,
keywords in two languages, a blank-node publisher, a period, ELI legislation, two distributions
with a Creative Commons licence), serves it from http.server on 127.0.0.1 and harvests it into a
fresh SQLite catalog twice: the first run creates every dataset, the second finds them unchanged.
Prints datasets per second, per-dataset write time percentiles and peak memory for each run.
"""

from __future__ import annotations

import argparse
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


def app(url: str, instance: Path) -> Any:
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


def run(application: Any, url: str, label: str, count: int) -> None:
    from dictionary.services import Context
    from tests.vocab.test_dcat_mapping import dcat
    from vocab.dcat_import import Defaults
    from vocab.harvest import Harvester

    session = catalog_of(application).sessionmaker()
    ctx = Context(session=session, concepts=catalog_of(application).vocabularies)
    harvester = Harvester(
        ctx, dcat(ctx).terms, defaults=Defaults(owner="BENCH.AG"), max_pages=10_000, timeout=86_400
    )
    timings: list[float] = []
    apply = harvester._apply

    def timed(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return apply(*args)
        finally:
            timings.append(time.perf_counter() - start)

    harvester._apply = timed  # type: ignore[method-assign]
    start = time.perf_counter()
    report = harvester.run(url)
    elapsed = time.perf_counter() - start
    session.close()
    quantiles = statistics.quantiles(timings, n=100)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {count} datasets in {elapsed:.1f} s = {count / elapsed:.1f} datasets/s; "
        f"write p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, "
        f"p99 {quantiles[98] * 1000:.0f} ms; peak RSS {peak:.0f} MB; {report.counts()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    from dictionary.services import Context
    from tests.factories import make_agency

    with tempfile.TemporaryDirectory() as tmp, local_site() as site:
        pages = (args.datasets + args.page_size - 1) // args.page_size
        for number in range(1, pages + 1):
            site.page(f"/catalog/{number}", page(site.base, number, args.page_size, args.datasets))
        application = app(f"sqlite:///{tmp}/harvest.db", Path(tmp))
        session = catalog_of(application).sessionmaker()
        make_agency(Context(session=session, concepts=catalog_of(application).vocabularies), code="BENCH.AG")
        session.commit()
        session.close()
        run(application, f"{site.base}/catalog/1", "first run (create)", args.datasets)
        run(application, f"{site.base}/catalog/1", "second run (unchanged)", args.datasets)


if __name__ == "__main__":
    main()

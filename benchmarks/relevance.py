"""Relevance benchmark: the judged queries of ``relevance_queries.csv`` over the demo catalog.

    python benchmarks/relevance.py                          # this checkout, every engine available
    python benchmarks/relevance.py --before /tmp/main-tree  # and another checkout (git main) beside it
    python benchmarks/relevance.py --engines sqlite,opensearch

For each checkout (each in a process of its own, importing that checkout's code) it loads the demo
catalog (``dictionary/demo``) into a scratch SQLite file, indexes it on each engine (``sqlite``:
the database backend on that file; ``postgres``: the database backend in a scratch database on
the server of ``CATALOG_TEST_POSTGRES_URL``, dropped afterwards; ``opensearch``: indices of its own
on ``CATALOG_TEST_OPENSEARCH_URL``), runs every query as an administrator (who sees every
dataset: the judgements cover the whole demo) and prints, per engine and kind of query,
precision@5, recall@10, MRR and nDCG@10, the share of negative queries (which must find nothing)
that found something, and the latency percentiles of the searches (the backend call, no HTTP).

The judged set (``relevance_queries.csv``: query, kind, the relevant slugs) was written by reading
the demo datasets' titles, descriptions, keywords and fields: a dataset is relevant when it is
about what the query names (binary judgements, no grades); acronyms are judged relevant when the
dataset spells the acronym's expansion out; the negative queries name things no demo dataset is
about, many of them built of syllables the demo does contain.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = HERE / "relevance_queries.csv"
KINDS = ("accented", "unaccented", "acronym", "typo", "english", "field")
METRICS = ("p@5", "r@5", "r@10", "mrr", "ndcg@10")


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: frozenset[str]


def judged_queries(path: Path = QUERIES) -> list[Judged]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Judged(row["query"], row["kind"], frozenset(row["relevant"].split()))
            for row in csv.DictReader(handle)
        ]


def scores(ranked: list[str], relevant: frozenset[str]) -> dict[str, float]:
    """precision@5, recall@5, recall@10, reciprocal rank and nDCG@10 (binary gains) of one ranking.

    recall@5 is capped (the relevant found in the top 5 over min(5, relevant)), so a query with
    seven relevant datasets can reach 1 in five places."""
    hits = [slug in relevant for slug in ranked]
    first = next((i for i, hit in enumerate(hits) if hit), None)
    dcg = sum(1 / math.log2(i + 2) for i, hit in enumerate(hits[:10]) if hit)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return {
        "p@5": sum(hits[:5]) / 5,
        "r@5": sum(hits[:5]) / min(5, len(relevant)),
        "r@10": sum(hits[:10]) / len(relevant),
        "mrr": 0.0 if first is None else 1 / (first + 1),
        "ndcg@10": dcg / ideal,
    }


def summarise(rankings: dict[str, list[str]], judged: list[Judged]) -> dict[str, Any]:
    """Mean scores per kind and overall (positive queries), and the negatives that found something."""
    by_kind: dict[str, list[dict[str, float]]] = {}
    negatives = [q for q in judged if not q.relevant]
    for query in judged:
        if query.relevant:
            by_kind.setdefault(query.kind, []).append(scores(rankings[query.query], query.relevant))
    every = [s for kind in by_kind.values() for s in kind]
    mean = {
        name: {metric: statistics.fmean(s[metric] for s in found) for metric in found[0]}
        for name, found in [*by_kind.items(), ("all", every)]
    }
    return {
        "mean": mean,
        "negatives_with_results": sum(1 for q in negatives if rankings[q.query]) / len(negatives),
        "failed": sorted(
            q.query for q in judged if q.relevant and not set(rankings[q.query][:10]) & q.relevant
        ),
        "found_by_negatives": sorted(q.query for q in negatives if rankings[q.query]),
    }


# Measuring (in a process that imports the checkout under test) ----------------------------------


def demo_documents(folder: Path) -> list[Any]:
    """The demo catalog loaded into a SQLite file in ``folder``, as search documents."""
    from app import create_app
    from app.config import Settings
    from app.extension import catalog_of
    from dictionary.demo import load_demo
    from dictionary.models import Base
    from dictionary.services import Context
    from search.documents import iter_documents

    settings = Settings(
        env="testing",
        database_url=f"sqlite:///{folder / 'demo.db'}",
        instance_path=folder,
        secret_key="relevance-benchmark-secret-key-long-enough-0123",  # noqa: S106 - a scratch app
    )
    app = create_app(settings)
    Base.metadata.create_all(catalog_of(app).engine)
    session = catalog_of(app).sessionmaker()
    try:
        ctx = Context(session=session, concepts=catalog_of(app).vocabularies, actor="relevance")
        load_demo(ctx)
        session.commit()
        return list(iter_documents(session))
    finally:
        session.close()


def rank(
    backend: Any, judged: list[Judged], documents: list[Any]
) -> tuple[dict[str, list[str]], list[float]]:
    """Every query's ranking (slugs, best first, up to 20) as an administrator, and the latencies."""
    from dictionary.visibility import Visibility
    from search.interface import DatasetQuery

    slugs = {doc.id: doc.slug for doc in documents}
    everything = Visibility.all()
    rankings, latencies = {}, []
    for query in judged:
        started = time.perf_counter()
        results = backend.search(DatasetQuery.build(query.query, page_size=20), everything)
        latencies.append((time.perf_counter() - started) * 1000)
        rankings[query.query] = [slugs[hit.id] for hit in results.hits]
    return rankings, latencies


def backends(engines: list[str], folder: Path) -> Any:
    """(name, backend, cleanup) for each engine that can run here."""
    from sqlalchemy import create_engine, make_url, text

    from search.database import DatabaseBackend

    for engine in engines:
        if engine == "sqlite":
            yield engine, DatabaseBackend(create_engine(f"sqlite:///{folder / 'demo.db'}")), None
        elif engine == "postgres" and os.environ.get("CATALOG_TEST_POSTGRES_URL"):
            url = make_url(os.environ["CATALOG_TEST_POSTGRES_URL"])
            name = f"relevance_{uuid.uuid4().hex[:8]}"
            admin = create_engine(url, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            scratch = create_engine(url.set(database=name))

            def drop(scratch: Any = scratch, admin: Any = admin, name: str = name) -> None:
                scratch.dispose()
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))

            yield engine, DatabaseBackend(scratch), drop
        elif engine == "opensearch" and os.environ.get("CATALOG_TEST_OPENSEARCH_URL"):
            from search.opensearch import opensearch_backend

            backend = opensearch_backend(
                os.environ["CATALOG_TEST_OPENSEARCH_URL"], f"relevance_{uuid.uuid4().hex[:8]}", timeout=60
            )
            yield engine, backend, lambda backend=backend: (backend.drop(), backend.close())
        elif engine == "stock" and os.environ.get("CATALOG_TEST_OPENSEARCH_URL"):
            baseline = StockBaseline(os.environ["CATALOG_TEST_OPENSEARCH_URL"])
            yield engine, baseline, baseline.drop


class StockBaseline:
    """The demo indexed the way a stock catalog indexes it, as the reference for our backends.

    OpenSearch's ``standard`` tokenizer with ``lowercase`` and ``asciifolding`` (so "ho tich"
    finds "hộ tịch", syllable by syllable), one text per property, and a ``multi_match`` with
    CKAN's default minimum-should-match (``2<-1 5<80%``) and its title boost. No phrases, no
    initials, no typo correction, no English stemming: what CKAN's Solr schema or udata's
    Elasticsearch mapping give a Vietnamese catalog out of the box.
    """

    name = "stock"
    FIELDS = ("title^3", "title_en^3", "keywords^2", "description", "description_en", "fields", "body")

    def __init__(self, url: str) -> None:
        from opensearchpy import OpenSearch

        self.client = OpenSearch(hosts=[url], timeout=60)
        self.index = f"relevance_stock_{uuid.uuid4().hex[:8]}"

    def rebuild(self, documents: list[Any]) -> None:
        from opensearchpy.helpers import bulk

        text = {"type": "text", "analyzer": "folded"}
        self.client.indices.create(
            index=self.index,
            body={
                "settings": {
                    "number_of_replicas": 0,
                    "analysis": {
                        "analyzer": {
                            "folded": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": ["lowercase", "asciifolding"],
                            }
                        }
                    },
                },
                "mappings": {"properties": {name.split("^")[0]: text for name in self.FIELDS}},
            },
        )
        bulk(
            self.client,
            (
                {
                    "_index": self.index,
                    "_id": doc.id,
                    "title": doc.title,
                    "title_en": doc.title_en or "",
                    "keywords": " ; ".join(doc.keywords),
                    "description": doc.description,
                    "description_en": doc.description_en or "",
                    "fields": " ; ".join(f"{f.label} {f.name} {f.definition or ''}" for f in doc.fields),
                    "body": f"{doc.body} {doc.agency_names} {doc.standards}",
                }
                for doc in documents
            ),
        )

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.index)

    def search(self, query: Any, visibility: Any) -> Any:
        from types import SimpleNamespace

        body = {
            "size": query.page_size,
            "_source": False,
            "query": {
                "multi_match": {
                    "query": query.text,
                    "fields": list(self.FIELDS),
                    "type": "best_fields",
                    "minimum_should_match": "2<-1 5<80%",
                }
            },
        }
        answer = self.client.search(index=self.index, body=body)
        return SimpleNamespace(hits=[SimpleNamespace(id=hit["_id"]) for hit in answer["hits"]["hits"]])

    def drop(self) -> None:
        self.client.indices.delete(index=self.index, ignore_unavailable=True)
        self.client.close()


def measure(engines: list[str]) -> dict[str, Any]:
    judged = judged_queries()
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="relevance-") as folder:
        documents = demo_documents(Path(folder))
        for name, backend, cleanup in backends(engines, Path(folder)):
            try:
                backend.rebuild(documents)
                backend.refresh()
                rank(backend, judged[:5], documents)  # warm up caches and connections
                rankings, latencies = rank(backend, judged, documents)
                cuts = statistics.quantiles(latencies, n=100)
                found[name] = summarise(rankings, judged) | {
                    "latency_ms": {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]},
                    "rankings": rankings,
                }
            finally:
                if cleanup:
                    cleanup()
    return found


# Reporting ------------------------------------------------------------------------------------


def _child(root: Path, engines: list[str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "--root", str(root)]
    command += ["--engines", ",".join(engines)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"measuring {root} failed")
    return json.loads(done.stdout.splitlines()[-1])


def report(runs: dict[str, dict[str, Any]]) -> None:
    labels = list(runs)
    engines = list(dict.fromkeys(engine for run in runs.values() for engine in run))
    print(f"{len(judged_queries())} judged queries over the demo catalog; columns: {' | '.join(labels)}")
    for engine in engines:
        print(f"\n== {engine}")
        print(f"{'kind':<12}" + "".join(f"{m:>22}" for m in METRICS))
        for kind in (*KINDS, "all"):
            cells = []
            for metric in METRICS:
                values = [
                    runs[label].get(engine, {}).get("mean", {}).get(kind, {}).get(metric) for label in labels
                ]
                cells.append(" → ".join("—" if v is None else f"{v:.3f}" for v in values))
            print(f"{kind:<12}" + "".join(f"{cell:>22}" for cell in cells))
        negatives = [runs[label].get(engine, {}).get("negatives_with_results") for label in labels]
        print("negatives with results: " + " → ".join("—" if v is None else f"{v:.0%}" for v in negatives))
        for label in labels:
            run = runs[label].get(engine)
            if not run:
                continue
            latency = run["latency_ms"]
            print(
                f"[{label}] latency p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms, "
                f"p99 {latency['p99']:.1f} ms; "
                f"nothing relevant in the top 10: {', '.join(run['failed']) or '—'}; "
                f"negatives that found something: {', '.join(run['found_by_negatives']) or '—'}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite,postgres,opensearch,stock")
    parser.add_argument("--before", type=Path, help="another checkout (e.g. a worktree of git main)")
    parser.add_argument("--json", type=Path, help="also write the figures (and rankings) here")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    engines = args.engines.split(",")
    if args.measure:
        # Import the checkout under test, not this one (nor benchmarks/search.py as "search").
        mine = {str(ROOT), str(HERE)}
        sys.path[:] = [str(args.root.resolve())] + [
            p for p in sys.path if str(Path(p or ".").resolve()) not in mine
        ]
        print(json.dumps(measure(engines), ensure_ascii=False))
        return
    runs = {}
    if args.before:
        runs["before"] = _child(args.before, engines)
    runs["after"] = _child(ROOT, engines)
    report(runs)
    if args.json:
        args.json.write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

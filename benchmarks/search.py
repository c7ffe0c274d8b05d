"""Search benchmark: index build time, /api/v1/search latency (p50/p95/p99) and peak memory.

    python benchmarks/search.py                        # 1,000 and 10,000 datasets (under 5 minutes)
    python benchmarks/search.py --sizes 100000 --engines database,opensearch
    python benchmarks/search.py --engines postgres --postgres-url postgresql+psycopg://u:p@host/any

For each size it generates a catalog by bulk inserts into a fresh database (realistic Vietnamese
titles, descriptions and fields; 80 % published, mixed sharing classes), times ``catalog search
rebuild`` on each engine, then sends a mix of realistic anonymous queries (without diacritics,
abbreviations, a typo, facet filters, paging, browsing; every one with facets) through the Flask
test client: the figures are the server's time without the network.

Engines: ``database`` (alias ``sqlite``: the database backend on a SQLite file, or on the empty
scratch database ``--database-url``, whose tables are dropped), ``postgres`` (the database backend
on a database created on the server of ``--postgres-url`` and dropped afterwards) and
``opensearch`` (indexing the catalog of the former). By default: database, plus postgres and
opensearch when their URL is given or set (``CATALOG_TEST_POSTGRES_URL``, ``..._OPENSEARCH_URL``).
Each generation and each engine runs in a process of its own: its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

# Run as a script, this file would shadow the package it measures (both are called "search"):
# put the repository, not benchmarks/, first on the path.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]

from sqlalchemy import create_engine, insert, make_url, text  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Settings  # noqa: E402
from app.extension import catalog_of  # noqa: E402
from dictionary import concepts as C  # noqa: E402
from dictionary.models import Agency, Base, Dataset, Distribution, Field, OwnershipAssignment  # noqa: E402
from search.outbox import rebuild  # noqa: E402

SUBJECTS = """đất đai|hộ tịch|doanh nghiệp|hộ kinh doanh|tàu cá|cán bộ công chức|thủ tục hành chính|giấy phép
xây dựng|bảo hiểm xã hội|căn cước công dân|trường học|cơ sở y tế|dịch vụ công trực tuyến|tài nguyên nước|
khoáng sản|giao thông vận tải|quy hoạch sử dụng đất|người có công|hộ nghèo|an toàn thực phẩm|giá đất|thuế
thu nhập cá nhân|hóa đơn điện tử|văn bản quy phạm pháp luật|di tích lịch sử|du lịch|rừng phòng hộ|cây
trồng|vật nuôi|dân cư|lao động việc làm|người khuyết tật|trẻ em|thiên tai|giấy phép lái xe|công trình thủy
lợi|chợ|khu công nghiệp|hợp tác xã|đăng ký kinh doanh|mã số thuế|cấp nước sạch|điện lực|bưu chính|trạm y
tế|tiêm chủng|học sinh sinh viên|giáo viên|thư viện|nhà ở xã hội""".replace("\n", " ").split("|")


def _split(text: str, separator: str = "|") -> list[str]:
    """A list written as text (one item a line, or separated): a long list stays a few lines."""
    return [item.strip() for item in text.strip().replace("\n", separator).split(separator)]


PREFIXES = _split("Cơ sở dữ liệu|Danh mục|Hồ sơ|Sổ theo dõi|Danh sách|Báo cáo|Thông tin|Dữ liệu")
PLACES = [  # most titles name no place
    *_split("tỉnh Lâm Đồng|cấp xã|năm 2025|khu vực Đắk Nông|phường Bảo Lộc|giai đoạn 2021-2025"),
    *_split("thành phố Đà Lạt|xã Đắk Mil|||"),
]
FIELDS = [
    (name, label)
    for name, label in (
        pair.split(":")
        for pair in _split("""
ma_so_thue:Mã số thuế|ho_ten:Họ và tên|ngay_sinh:Ngày sinh|so_dinh_danh:Số định danh cá nhân
dia_chi:Địa chỉ thường trú|so_dien_thoai:Số điện thoại|ma_xa:Mã đơn vị hành chính cấp xã
dien_tich:Diện tích|so_thua:Số thửa đất|so_to:Số tờ bản đồ|ngay_cap:Ngày cấp|co_quan_cap:Cơ quan cấp
trang_thai:Trạng thái|ghi_chu:Ghi chú|ten_doanh_nghiep:Tên doanh nghiệp|nganh_nghe:Ngành nghề kinh doanh
von_dieu_le:Vốn điều lệ|so_giay_phep:Số giấy phép|toa_do:Tọa độ|thu_nhap:Thu nhập hằng tháng
so_tau:Số hiệu tàu cá|cong_suat:Công suất máy""")
    )
]
THEMES = _split("KINH_TE DAN_CU_XA_HOI MOI_TRUONG NONG_NGHIEP Y_TE GIAO_DUC_VAN_HOA GIAO_THONG TU_PHAP", " ")
COMPONENTS = _split("DAT APP SVC PLT INF GOV", " ")
QUERIES = [
    dict(parse_qsl(line))
    for line in _split(
        """
q=ma so thue
q=đất đai
q=dat dai lam dong
q=cccd
q=ho tich
q=giấy phép xây dựng
q=bhxh
q=thu tuc hanh chinh
q=doanh nghiepp
q=tàu cá&theme=NONG_NGHIEP
q=danh sach ho ngheo
q=quy hoach su dung dat
q=
q=y te&page=2
q=trường học cấp xã
q=giay phep lai xe
q=du lich
q=khoang san&sort=title
q=hoa don dien tu
q=nguoi co cong
theme=KINH_TE
q=dak nong
sort=updated&status=PUBLISHED
q=tthc
q=so dinh danh ca nhan
"""
    )
]
"""What people send, one query string a line: words without diacritics, abbreviations, a typo,
facet filters, paging, sorting, and browsing without words (``q=``)."""


def generate(session: Any, count: int, seed: int = 7) -> None:
    """``count`` datasets with owners, 3-12 fields and a distribution each, by bulk inserts."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    agencies = [
        {
            "id": uuid.uuid4(),
            "code": f"B{n:03d}.H68",
            "name_vi": f"Sở {rng.choice(SUBJECTS)} số {n}",
            "level": C.concept("agency-levels", "SO_NGANH"),
        }
        for n in range(60)
    ]
    session.execute(insert(Agency), agencies)
    for start in range(0, count, 2000):
        datasets, fields, owners, distributions = [], [], [], []
        for n in range(start, min(count, start + 2000)):
            subject = rng.choice(SUBJECTS)
            title = " ".join(filter(None, [rng.choice(PREFIXES), subject, rng.choice(PLACES)]))
            dataset_id = uuid.uuid4()
            datasets.append(
                {
                    "id": dataset_id,
                    "slug": f"bo-{n}",
                    "title_vi": title,
                    "title_en": None,
                    "description_vi": f"Thu thập, cập nhật và chia sẻ dữ liệu về {subject} phục vụ quản lý "
                    f"nhà nước và cung cấp dịch vụ công; liên quan {rng.choice(SUBJECTS)}.",
                    "db_category": C.concept("db-categories", "CSDL_DP"),
                    "sharing_class": rng.choices([C.OPEN, C.SHARED, C.PRIVATE], [50, 35, 15])[0],
                    "importance": C.concept("importance", rng.choice(["COT_LOI", "QUAN_TRONG", "KHAC"])),
                    "personal_data": rng.choice(C.PERSONAL_DATA_ORDER),
                    "arch_component": C.concept("arch-components", rng.choice(COMPONENTS)),
                    "themes": [C.concept("themes", t) for t in rng.sample(THEMES, rng.randint(1, 2))],
                    "keywords_vi": [subject],
                    "keywords_en": [],
                    "spatial": [],
                    "legal_basis": [],
                    "status": rng.choices([C.PUBLISHED, C.DRAFT, C.RETIRED], [80, 10, 10])[0],
                    "updated_at": now - timedelta(minutes=n),
                    "quality_gaps": [],
                }
            )
            owners.append(
                {
                    "dataset_id": dataset_id,
                    "agency_id": rng.choice(agencies)["id"],
                    "role": C.OWNER,
                    "valid_from": date(2025, 7, 1),
                }
            )
            for position, (name, label) in enumerate(rng.sample(FIELDS, rng.randint(3, 12)), 1):
                fields.append(
                    {
                        "dataset_id": dataset_id,
                        "position": position,
                        "name": name,
                        "label_vi": label,
                        "data_type": C.concept("data-types", "STRING"),
                        "restricted": name == "thu_nhap",
                    }
                )
            distributions.append(
                {
                    "dataset_id": dataset_id,
                    "slug": "tep",
                    "kind": C.concept("access-kinds", "FILE"),
                    "title_vi": "Tệp dữ liệu",
                    "access_url": f"https://data.example.gov.vn/{n}",
                    "access_rights": "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
                    "format": "http://publications.europa.eu/resource/authority/file-type/"
                    + rng.choice(["CSV", "JSON", "XLSX", "XML"]),
                }
            )
        batches = {Dataset: datasets, OwnershipAssignment: owners, Field: fields, Distribution: distributions}
        for model, rows in batches.items():  # parents first
            session.execute(insert(model), rows)
        session.commit()


def settings(database_url: str, workdir: Path, **extra: Any) -> Settings:
    return Settings(
        env="testing", database_url=database_url, instance_path=workdir, secret_key="x" * 40, **extra
    )


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def populate(database_url: str, size: int, workdir: str) -> dict[str, float]:
    """In a child process: empty the database and generate ``size`` datasets."""
    app = create_app(settings(database_url, Path(workdir)))
    engine = catalog_of(app).engine
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    started = time.perf_counter()
    with catalog_of(app).sessionmaker() as session:
        generate(session, size)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return {"seconds": elapsed, "peak_mb": peak_mb()}


def measure(app: Any, requests: int) -> tuple[list[float], int]:
    client = app.test_client()
    degraded = 0
    for query in QUERIES:  # warm-up: connections, caches, the first compiled statements
        client.get("/api/v1/search", query_string=query)
    samples = []
    for n in range(requests):
        started = time.perf_counter()
        response = client.get("/api/v1/search", query_string=QUERIES[n % len(QUERIES)])
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.json
        degraded += bool(response.json["degraded"])
    return samples, degraded


def engine_overhead(app: Any, backend: Any, requests: int) -> dict[str, float]:
    """The API against the engine alone, for the same request bodies, interleaved.

    Each query is sent once through the API while the backend's transport records what it sends
    (one body, or two when a word needs the typo pass); then, alternately, the query through the
    API and the recorded bodies straight to the engine on the same kept-alive transport.
    """
    client = app.test_client()
    send = backend.transport.request
    recorded: dict[int, list[tuple[Any, ...]]] = {}
    for number, query in enumerate(QUERIES):
        calls: list[tuple[Any, ...]] = []

        def recording(method: str, path: str, body: Any = None, params: Any = None) -> Any:
            calls.append((method, path, body, params))  # noqa: B023 - used before the next query
            return send(method, path, body, params)

        backend.transport.request = recording
        try:
            client.get("/api/v1/search", query_string=query)
        finally:
            backend.transport.request = send
        recorded[number] = [call for call in calls if call[1].endswith("/_search")]
    api, raw = [], []
    for n in range(requests):
        number = n % len(QUERIES)
        started = time.perf_counter()
        client.get("/api/v1/search", query_string=QUERIES[number])
        api.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        for call in recorded[number]:
            send(*call)
        raw.append((time.perf_counter() - started) * 1000)
    return {"api_p50": statistics.median(api), "raw_p50": statistics.median(raw)}


def _opensearch_memory(url: str, index: str) -> str:
    """The engine's side: size of the index on disk and the JVM heap in use after the queries."""

    def get(path: str) -> Any:
        with urllib.request.urlopen(url.rstrip("/") + path, timeout=30) as response:  # noqa: S310
            return json.load(response)

    store = get(f"/{index}*/_stats/store")["_all"]["primaries"]["store"]["size_in_bytes"]
    heap = sum(n["jvm"]["mem"]["heap_used_in_bytes"] for n in get("/_nodes/stats/jvm")["nodes"].values())
    return f"index {store / 2**20:.0f} MB, JVM heap {heap / 2**20:.0f} MB"


def bench(database_url: str, engine: str, opensearch_url: str, requests: int, workdir: str) -> dict[str, Any]:
    """In a child process: build the index of ``engine`` and time the queries."""
    index, extra = f"bench_{uuid.uuid4().hex[:8]}", {}
    if engine == "opensearch":
        extra = {"search_engine": "opensearch", "search_url": opensearch_url, "search_index": index}
    app = create_app(settings(database_url, Path(workdir), **extra))
    search = catalog_of(app).search
    backend = search.backend if engine == "opensearch" else search.database
    try:
        started = time.perf_counter()
        rebuild(catalog_of(app).sessionmaker, backend)
        build = time.perf_counter() - started
        samples, degraded = measure(app, requests)
        note = ""
        if engine == "opensearch":
            overhead = engine_overhead(app, backend, requests)
            note = (
                f"{_opensearch_memory(opensearch_url, index)}; API p50 {overhead['api_p50']:.1f} ms vs "
                f"the same bodies sent to the engine {overhead['raw_p50']:.1f} ms: "
                f"{overhead['api_p50'] / overhead['raw_p50']:.1f}x (interleaved, one connection)"
            )
    finally:
        if engine == "opensearch":
            backend.drop()
            backend.close()
        catalog_of(app).engine.dispose()
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    percentiles = {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}
    return {
        "build": build,
        **percentiles,
        "requests": len(samples),
        "degraded": degraded,
        "peak_mb": peak_mb(),
        "note": note,
    }


def in_child(function: Any, *args: Any) -> Any:
    """``function(*args)`` in a fresh interpreter: its peak memory is its own, not the last run's."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


@dataclass
class Scratch:
    """The databases of one catalog size: the catalog's own (SQLite or ``--database-url``), and a
    PostgreSQL one created on ``--postgres-url`` for the postgres engine, dropped at the end."""

    size: int
    args: argparse.Namespace
    workdir: Path
    created: str | None = None

    def url(self, source: str) -> str:
        if source == "database":
            return self.args.database_url or f"sqlite:///{self.workdir / f'bench-{self.size}.db'}"
        self.created = f"catalog_bench_{os.getpid()}_{self.size}"
        self._server(f'DROP DATABASE IF EXISTS "{self.created}"', f'CREATE DATABASE "{self.created}"')
        url = make_url(self.args.postgres_url).set(database=self.created)
        return url.render_as_string(hide_password=False)

    def drop(self) -> None:
        # Without FORCE: the children have closed their connections, and PostgreSQL stops an
        # autovacuum worker by itself, which FORCE would try (and, not as superuser, fail) to kill.
        if self.created:
            try:
                self._server(f'DROP DATABASE IF EXISTS "{self.created}"')
            except SQLAlchemyError as error:
                print(f"  could not drop the scratch database {self.created}: {error}", file=sys.stderr)

    def _server(self, *statements: str) -> None:
        server = create_engine(self.args.postgres_url, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
        server.dispose()


def run(size: int, engines: list[str], args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    scratch = Scratch(size, args, workdir)
    urls: dict[str, str] = {}
    generated: dict[str, float] = {}
    print(f"\n{size:,} datasets")
    try:
        for engine in engines:
            source = "postgres" if engine == "postgres" else "database"  # OpenSearch reads the latter
            if source not in urls:
                urls[source] = scratch.url(source)
                made = in_child(populate, urls[source], size, str(workdir))
                generated[source] = made["seconds"]
                print(
                    f"  {source:<10}  generated in {made['seconds']:6.1f} s   peak {made['peak_mb']:6.0f} MB"
                )
            r = in_child(bench, urls[source], engine, args.opensearch_url, args.requests, str(workdir))
            print(
                f"  {engine:<10}  build {r['build']:7.1f} s   p50 {r['p50']:6.1f} ms   "
                f"p95 {r['p95']:6.1f} ms   p99 {r['p99']:6.1f} ms   peak {r['peak_mb']:6.0f} MB   "
                f"({r['requests']} requests, {r['degraded']} degraded) {r['note']}",
                flush=True,
            )
            rows.append({"size": size, "engine": engine, "generate": generated[source], **r})
    finally:
        scratch.drop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    option = parser.add_argument
    option("--sizes", default="1000,10000", help="comma-separated catalog sizes (default 1000,10000)")
    option("--engines", help="comma-separated: database (or sqlite), postgres, opensearch")
    option("--requests", type=int, default=500, help="measured requests per engine and size")
    option("--opensearch-url", default=os.environ.get("CATALOG_TEST_OPENSEARCH_URL"))
    option(
        "--postgres-url",
        default=os.environ.get("CATALOG_TEST_POSTGRES_URL"),
        help="server for scratch databases",
    )
    option("--database-url", help="SQLAlchemy URL of an empty scratch database instead of SQLite")
    args = parser.parse_args()
    default = (
        ["database"] + ["postgres"] * bool(args.postgres_url) + ["opensearch"] * bool(args.opensearch_url)
    )
    engines = (
        [e.strip().replace("sqlite", "database") for e in args.engines.split(",")]
        if args.engines
        else default
    )
    urls = {"database": "-", "postgres": args.postgres_url, "opensearch": args.opensearch_url}
    for engine in engines:
        if not urls.get(engine):
            parser.error(f"engine {engine!r}: unknown, or its URL is missing")
    print(f"Search benchmark on {os.cpu_count()} CPUs: {', '.join(engines)}; {args.requests} requests each")
    rows = []
    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            rows += run(size, engines, args, Path(workdir))
    print("\n| datasets | engine | generate s | build s | p50 ms | p95 ms | p99 ms | peak MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['size']:,} | {r['engine']} | {r['generate']:.1f} | {r['build']:.1f} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['p99']:.1f} | {r['peak_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()

"""Search benchmark: index build time and /api/v1/search latency (p50/p95/p99) by catalog size.

    python benchmarks/search.py                          # 1,000 and 10,000 datasets, database backend
    python benchmarks/search.py --sizes 1000,10000,100000 --opensearch-url http://127.0.0.1:9250
    python benchmarks/search.py --database-url postgresql+psycopg://catalog:catalog@127.0.0.1/bench

For each size it generates a catalog straight into a fresh database (realistic Vietnamese titles,
descriptions and fields; 80 % published, mixed sharing classes), times ``catalog search rebuild``
on the database backend (and on OpenSearch when a URL is given, also read from
``CATALOG_TEST_OPENSEARCH_URL``), then sends a mix of realistic anonymous queries (without
diacritics, abbreviations, typos, facet filters, paging, empty browsing; every one with facets)
through the Flask test client, so the figures are the server's time without the network.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

# Run as a script, this file would shadow the package it measures (both are called "search"):
# put the repository, not benchmarks/, first on the path.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]

from sqlalchemy import insert  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Settings  # noqa: E402
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
PREFIXES = [
    "Cơ sở dữ liệu",
    "Danh mục",
    "Hồ sơ",
    "Sổ theo dõi",
    "Danh sách",
    "Báo cáo",
    "Thông tin",
    "Dữ liệu",
]
PLACES = [
    "tỉnh Lâm Đồng",
    "cấp xã",
    "năm 2025",
    "khu vực Đắk Nông",
    "phường Bảo Lộc",
    "giai đoạn 2021-2025",
    "thành phố Đà Lạt",
    "xã Đắk Mil",
    "",
    "",
    "",
]
FIELDS = [
    ("ma_so_thue", "Mã số thuế"),
    ("ho_ten", "Họ và tên"),
    ("ngay_sinh", "Ngày sinh"),
    ("so_dinh_danh", "Số định danh cá nhân"),
    ("dia_chi", "Địa chỉ thường trú"),
    ("so_dien_thoai", "Số điện thoại"),
    ("ma_xa", "Mã đơn vị hành chính cấp xã"),
    ("dien_tich", "Diện tích"),
    ("so_thua", "Số thửa đất"),
    ("so_to", "Số tờ bản đồ"),
    ("ngay_cap", "Ngày cấp"),
    ("co_quan_cap", "Cơ quan cấp"),
    ("trang_thai", "Trạng thái"),
    ("ghi_chu", "Ghi chú"),
    ("ten_doanh_nghiep", "Tên doanh nghiệp"),
    ("nganh_nghe", "Ngành nghề kinh doanh"),
    ("von_dieu_le", "Vốn điều lệ"),
    ("so_giay_phep", "Số giấy phép"),
    ("toa_do", "Tọa độ"),
    ("thu_nhap", "Thu nhập hằng tháng"),
    ("so_tau", "Số hiệu tàu cá"),
    ("cong_suat", "Công suất máy"),
]
THEMES = [
    "KINH_TE",
    "DAN_CU_XA_HOI",
    "MOI_TRUONG",
    "NONG_NGHIEP",
    "Y_TE",
    "GIAO_DUC_VAN_HOA",
    "GIAO_THONG",
    "TU_PHAP",
]
COMPONENTS = ["DAT", "APP", "SVC", "PLT", "INF", "GOV"]
QUERIES = [
    {"q": "ma so thue"},
    {"q": "đất đai"},
    {"q": "dat dai lam dong"},
    {"q": "cccd"},
    {"q": "ho tich"},
    {"q": "giấy phép xây dựng"},
    {"q": "bhxh"},
    {"q": "thu tuc hanh chinh"},
    {"q": "doanh nghiepp"},
    {"q": "tàu cá", "theme": "NONG_NGHIEP"},
    {"q": "danh sach ho ngheo"},
    {"q": "quy hoach su dung dat"},
    {},
    {"q": "y te", "page": 2},
    {"q": "trường học cấp xã"},
    {"q": "giay phep lai xe"},
    {"q": "du lich"},
    {"q": "khoang san", "sort": "title"},
    {"q": "hoa don dien tu"},
    {"q": "nguoi co cong"},
    {"theme": "KINH_TE"},
    {"q": "dak nong"},
    {"sort": "updated", "status": "PUBLISHED"},
    {"q": "tthc"},
    {"q": "so dinh danh ca nhan"},
]


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
        for model, rows in (
            (Dataset, datasets),
            (OwnershipAssignment, owners),
            (Field, fields),
            (Distribution, distributions),
        ):
            session.execute(insert(model), rows)
        session.commit()


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   p99 {cuts[98]:6.1f} ms"


def measure(app: Any, requests: int) -> tuple[list[float], int]:
    client = app.test_client()
    degraded = 0
    for query in QUERIES:  # warm-up: connections, caches, JIT-less Python paths
        client.get("/api/v1/search", query_string=query)
    samples = []
    for n in range(requests):
        started = time.perf_counter()
        response = client.get("/api/v1/search", query_string=QUERIES[n % len(QUERIES)])
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.json
        degraded += bool(response.json["degraded"])
    return samples, degraded


def run(size: int, args: argparse.Namespace, workdir: Path) -> None:
    database_url = args.database_url or f"sqlite:///{workdir / f'bench-{size}.db'}"
    base = Settings(env="testing", database_url=database_url, instance_path=workdir, secret_key="x" * 40)
    app = create_app(base)
    engine = app.extensions["catalog.engine"]
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    sessions = app.extensions["catalog.sessionmaker"]
    started = time.perf_counter()
    with sessions() as session:
        generate(session, size)
    print(f"\n{size:,} datasets ({engine.dialect.name}), generated in {time.perf_counter() - started:.1f} s")
    search = app.extensions["catalog.search"]
    started = time.perf_counter()
    rebuild(sessions, search.database)
    print(f"  database    index build {time.perf_counter() - started:7.1f} s")
    samples, _ = measure(app, args.requests)
    print(f"  database    /api/v1/search  {percentiles(samples)}   ({len(samples)} requests)")
    if args.opensearch_url:
        index = f"bench_{uuid.uuid4().hex[:8]}"
        settings = Settings(
            **{
                **base.__dict__,
                "search_engine": "opensearch",
                "search_url": args.opensearch_url,
                "search_index": index,
            }
        )
        engine_app = create_app(settings)
        backend = engine_app.extensions["catalog.search"].backend
        try:
            started = time.perf_counter()
            rebuild(engine_app.extensions["catalog.sessionmaker"], backend)
            print(f"  opensearch  index build {time.perf_counter() - started:7.1f} s")
            samples, degraded = measure(engine_app, args.requests)
            print(
                f"  opensearch  /api/v1/search  {percentiles(samples)}   "
                f"({len(samples)} requests, {degraded} degraded)"
            )
        finally:
            backend.drop()
            backend.close()
        engine_app.extensions["catalog.engine"].dispose()
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated catalog sizes (default 1000,10000)"
    )
    parser.add_argument("--requests", type=int, default=500, help="measured requests per backend and size")
    parser.add_argument("--opensearch-url", default=os.environ.get("CATALOG_TEST_OPENSEARCH_URL"))
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL of an empty scratch database")
    args = parser.parse_args()
    print(f"Search benchmark on {os.cpu_count()} CPUs; OpenSearch: {args.opensearch_url or 'not given'}")
    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            run(size, args, Path(workdir))


if __name__ == "__main__":
    main()

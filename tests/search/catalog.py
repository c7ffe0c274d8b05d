"""A small, realistic catalog for the search tests, built through the domain services.

Besides the datasets a search should find, it holds decoys that share single syllables with them
("Số tàu cá", "Giấy khai sinh", "Công trình thủy lợi", "Diện tích hồ chứa" beside "hộ tịch",
"Đắk Nông cũ" beside "dân cư"), names only their initials reach ("Tai nạn giao thông": TNGT), a
pair that differs only by diacritics ("thuế" tax / "thuê" rent), a draft, a dataset shared with
staff only, and a restricted field.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask

from app.extension import catalog_of
from dictionary.models import Agency, Dataset
from dictionary.services import Context, DatasetService, DistributionService
from search.documents import DatasetDocument, load_documents
from tests.conftest import empty_database
from tests.factories import DatasetData, FieldData, make_agency


def field(name: str, label: str, data_type: str = "STRING", **extra: Any) -> dict[str, Any]:
    return FieldData(name=name, label_vi=label, label_en=None, definition=None, data_type=data_type, **extra)


# key: (owner, title, description, extra attributes)
DATASETS: dict[str, tuple[str, str, str, dict[str, Any]]] = {
    "mst": (
        "tc",
        "Mã số thuế doanh nghiệp",
        "Thông tin đăng ký thuế của các doanh nghiệp trên địa bàn tỉnh.",
        {
            "title_en": "Enterprise tax codes",
            "description_en": "Tax registration of enterprises and household businesses.",
            "keywords_vi": ["thuế", "doanh nghiệp"],
            "fields": [field("ma_so_thue", "Mã số thuế"), field("ten_doanh_nghiep", "Tên doanh nghiệp")],
        },
    ),
    "dkkd": (
        "tc",
        "Đăng ký kinh doanh hộ cá thể",
        "Hồ sơ của hộ kinh doanh cá thể.",
        {"title_en": "Household business registration"},
    ),
    "scattered": ("tc", "Kinh doanh vận tải đã đăng ký", "Tổng hợp theo quý.", {}),
    "cccd": (
        "ca",
        "Căn cước công dân",
        "Dữ liệu về căn cước của người cư trú tại tỉnh.",
        {
            "themes": ["DAN_CU_XA_HOI"],
            "fields": [
                field("so_dinh_danh", "Số định danh cá nhân", personal_data="CO_BAN"),
                field("ho_ten", "Họ và tên", personal_data="CO_BAN"),
                field(
                    "thu_nhap",
                    "Thu nhập hằng tháng",
                    "DECIMAL",
                    length=None,
                    precision=15,
                    scale=0,
                    personal_data="NHAY_CAM",
                    restricted=True,
                ),
            ],
        },
    ),
    "cccd_abbr": (
        "ca",
        "Hồ sơ cấp đổi CCCD",
        "Tiếp nhận và trả kết quả cấp đổi thẻ.",
        {"themes": ["DAN_CU_XA_HOI"]},
    ),
    "daknong": (
        "tn",
        "Cơ sở dữ liệu đất đai Đắk Nông",
        "Dữ liệu địa chính các xã thuộc tỉnh Đắk Nông cũ, người dân tra cứu trực tuyến.",
        {"themes": ["MOI_TRUONG"]},
    ),
    "tau": (
        "tn",
        "Số tàu cá đăng ký",
        "Danh sách tàu cá và giấy phép khai thác thủy sản.",
        {"themes": ["NONG_NGHIEP"]},
    ),
    "khaisinh": (
        "tp",
        "Giấy khai sinh",
        "Đăng ký khai sinh tại Ủy ban nhân dân cấp xã.",
        {"themes": ["TU_PHAP"]},
    ),
    "thuyloi": ("tn", "Công trình thủy lợi", "Hồ chứa, kênh mương và trạm bơm.", {"themes": ["NONG_NGHIEP"]}),
    "thue_dat": ("tc", "Tiền thuế đất hằng năm", "Nghĩa vụ tài chính về đất.", {}),
    "thue_dat2": ("tc", "Tiền thuê đất hằng năm", "Nghĩa vụ tài chính về đất.", {}),
    "bhxh": (
        "bh",
        "Người tham gia BHXH",
        "Danh sách người lao động đóng bảo hiểm.",
        {"themes": ["DAN_CU_XA_HOI"]},
    ),
    "hoadon": ("tc", "Hóa đơn điện tử", "Hóa đơn có mã của cơ quan thuế, thuế suất GTGT & phí <VAT>.", {}),
    "hotich": ("tp", "Sổ đăng ký hộ tịch", "Kết hôn, nhận cha mẹ con.", {}),
    "dientich": ("tn", "Diện tích hồ chứa nước", "Dung tích và diện tích mặt hồ.", {}),
    "dancu": ("tp", "Dân cư theo thôn", "Số dân cư các thôn cũ và mới.", {}),
    "tainan": ("tp", "Tai nạn giao thông đường bộ", "Số vụ theo tháng.", {}),
    "quantrac": ("tn", "Quan trắc tài nguyên và môi trường", "Kết quả quan trắc định kỳ.", {}),
    "draft": ("tp", "Hồ sơ thanh tra nội bộ", "Kết luận thanh tra.", {"status": "DRAFT"}),
    "shared": ("tp", "Cán bộ công chức viên chức", "Hồ sơ cán bộ.", {"sharing_class": "DUNG_CHUNG"}),
}
PUBLIC = [key for key, (*_, extra) in DATASETS.items() if key not in ("draft", "shared")]
AGENCIES = {
    "tc": ("Sở Tài chính", "STC"),
    "ca": ("Công an tỉnh", "CAT"),
    "tn": ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    "tp": ("Sở Tư pháp", "STP"),
    "bh": ("Bảo hiểm xã hội tỉnh", "BHXHT"),
}


@dataclass
class Catalog:
    agencies: dict[str, Agency]
    datasets: dict[str, Dataset]
    documents: list[DatasetDocument]

    def id(self, key: str) -> str:
        return str(self.datasets[key].id)

    def key_of(self, dataset_id: str) -> str:
        return next(key for key, dataset in self.datasets.items() if str(dataset.id) == dataset_id)

    def keys(self, hits: Any) -> list[str]:
        return [self.key_of(hit.id if hasattr(hit, "title") else hit.dataset_id) for hit in hits]


def build_catalog(ctx: Context) -> Catalog:
    """Create the catalog (agencies with unique codes, so leftovers of other tests never clash)."""
    run = f"{random.randrange(10**6):06d}"
    agencies = {
        key: make_agency(ctx, code=f"{key.upper()}{run}.H68", name_vi=name, short_name=short)
        for key, (name, short) in AGENCIES.items()
    }
    datasets: dict[str, Dataset] = {}
    service = DatasetService(ctx)
    for key, (owner, title, description, extra) in DATASETS.items():
        data = DatasetData(
            owner=agencies[owner].code,
            title_vi=title,
            title_en=extra.get("title_en"),
            description_vi=description,
            description_en=extra.get("description_en"),
            slug=f"{key.replace('_', '-')}-{run}",
            status=extra.get("status", "PUBLISHED"),
            sharing_class=extra.get("sharing_class", "MO"),
            themes=extra.get("themes", ["KINH_TE"]),
            keywords_vi=extra.get("keywords_vi", []),
            fields=extra.get("fields", []),
        )
        datasets[key] = service.create(data)
    distributions = DistributionService(ctx)
    distributions.add(
        datasets["mst"].slug,
        {
            "kind": "FILE",
            "title_vi": "Tệp CSV",
            "format": "CSV",
            "access_url": "https://data.example.gov.vn/mst.csv",
            "access_rights": "PUBLIC",
        },
    )
    distributions.add(
        datasets["hoadon"].slug,
        {
            "kind": "API",
            "title_vi": "API hóa đơn",
            "format": "JSON",
            "access_url": "https://api.example.gov.vn/hoa-don",
            "access_rights": "PUBLIC",
        },
    )
    documents = load_documents(ctx.session, [d.id for d in datasets.values()])
    return Catalog(agencies, datasets, [documents[str(d.id)] for d in datasets.values()])


def catalog_for(app: Flask) -> Catalog:
    """Build the catalog in a session of its own (fixtures of wider scope than a test), in an
    emptied database: a class fixture runs before the per-test emptying, so it would otherwise
    build on what the worker's previous test left (a tampered audit chain, for one)."""
    empty_database(app)
    session = catalog_of(app).sessionmaker()
    try:
        ctx = Context(
            session=session,
            concepts=catalog_of(app).vocabularies,
            actor="tester",
            clock=lambda: date(2026, 11, 26),
        )
        return build_catalog(ctx)
    finally:
        session.close()


def unique_index(prefix: str = "catalog_test") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"

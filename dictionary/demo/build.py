"""Small builders that keep the demo data modules short and uniform: datasets, distributions,
contacts and legal bases here, fields (data elements) in :mod:`dictionary.demo.fields`.

Every builder returns the plain payload the services take over the API (codes, not URIs; the
services resolve and validate them), so the demo exercises exactly the rules a client meets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import Any

VOCAB = "https://data.lamdong.gov.vn/vocab/"
LAM_DONG_2025 = VOCAB + "admin-units-2025/68"
"""Tỉnh Lâm Đồng in the 2025 list (QĐ 19/2025/QĐ-TTg): the merged province."""
DAK_NONG_2004 = VOCAB + "admin-units-2004/67"
"""Tỉnh Đắk Nông in the 2004 list (QĐ 124/2004/QĐ-TTg); code retired on 1/7/2025."""
LAM_DONG_2004 = VOCAB + "admin-units-2004/68"
BINH_THUAN_2004 = VOCAB + "admin-units-2004/60"
DAK_NONG_ERA = (LAM_DONG_2025, DAK_NONG_2004)
"""Spatial coverage of a Đắk Nông-era dataset: tagged 67 (2004 list) and queryable under 68."""
WHOLE_PROVINCE = (LAM_DONG_2025, DAK_NONG_2004, LAM_DONG_2004, BINH_THUAN_2004)

PORTAL = "https://data.lamdong.gov.vn"
LGSP = "https://lgsp.lamdong.gov.vn"
NDOP = "https://ndop.lamdong.gov.vn/agent"
MAIL = "lamdong.gov.vn"

MappingSpec = tuple[str | None, ...]
"""``(standard, relation)``, ``(standard, relation, term)`` or ``(standard, relation, term, note)``."""


def mappings(specs: Iterable[MappingSpec]) -> list[dict[str, str | None]]:
    result = []
    for spec in specs:
        standard, relation, *rest = spec
        item = {"standard": standard, "relation": relation}
        if rest:
            item["term"] = rest[0]
        if len(rest) > 1:
            item["note"] = rest[1]
        result.append(item)
    return result


# Datasets, distributions, contacts, legal bases --------------------------------------------------


def law(number: str, title: str, issued: str | None, status: str, url: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"number": number, "title": title, "issued": issued, "status": status}
    if url:
        item["url"] = url
    return item


def contact(
    name: str, role: str, mailbox: str, agency: str, phone_number: str | None = None
) -> dict[str, Any]:
    """A fictitious contact officer (đầu mối) of a current agency."""
    return {"name": name, "role": role, "email": f"{mailbox}@{MAIL}", "phone": phone_number, "agency": agency}


def lgsp(slug: str, title_vi: str, title_en: str, fmt: str = "JSON") -> dict[str, Any]:
    """A service published on the provincial integration platform (LGSP), for shared data."""
    media = {"JSON": "application/json", "XML": "application/xml"}[fmt]
    return {
        "slug": "lgsp",
        "kind": "LGSP_SERVICE",
        "title_vi": title_vi,
        "title_en": title_en,
        "description_vi": "Dịch vụ chia sẻ qua LGSP tỉnh; cấp tài khoản kết nối theo NĐ 194/2025/NĐ-CP.",
        "access_url": f"{LGSP}/services/{slug}",
        "endpoint_url": f"{LGSP}/api/v1/{slug}",
        "endpoint_description": f"{LGSP}/api/v1/{slug}/openapi.json",
        "format": fmt,
        "media_type": media,
        "access_rights": "RESTRICTED",
    }


def ndop(slug: str, title_vi: str, title_en: str) -> dict[str, Any]:
    """A service reached through the NDOP Agent Node (national data coordination platform)."""
    return {
        "slug": "ndop",
        "kind": "NDOP_SERVICE",
        "title_vi": title_vi,
        "title_en": title_en,
        "description_vi": "Khai thác qua Agent Node kết nối Nền tảng điều phối dữ liệu quốc gia (NDOP).",
        "access_url": f"{NDOP}/services/{slug}",
        "endpoint_url": f"{NDOP}/api/{slug}",
        "format": "JSON",
        "media_type": "application/json",
        "access_rights": "RESTRICTED",
    }


def download(slug: str, fmt: str, size: int, title_vi: str | None = None) -> dict[str, Any]:
    """An open-data file on the provincial data portal, CC BY 4.0."""
    media = {
        "CSV": "text/csv",
        "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "GEOJSON": "application/geo+json",
        "SHP": "application/zip",
        "PDF": "application/pdf",
        "JSON": "application/json",
    }[fmt]
    ext = {"SHP": "shp.zip"}.get(fmt, fmt.lower())
    return {
        "slug": f"tep-{fmt.lower()}",
        "kind": "FILE",
        "title_vi": title_vi or f"Tệp dữ liệu mở ({fmt})",
        "title_en": f"Open data file ({fmt})",
        "access_url": f"{PORTAL}/dataset/{slug}",
        "download_url": f"{PORTAL}/files/{slug}.{ext}",
        "format": fmt,
        "media_type": media,
        "licence": "CC_BY_4_0",
        "access_rights": "PUBLIC",
        "byte_size": size,
    }


def open_api(slug: str) -> dict[str, Any]:
    return {
        "slug": "api",
        "kind": "API",
        "title_vi": "API dữ liệu mở",
        "title_en": "Open data API",
        "access_url": f"{PORTAL}/api/open/{slug}",
        "endpoint_url": f"{PORTAL}/api/open/{slug}",
        "endpoint_description": f"{PORTAL}/api/open/{slug}/openapi.json",
        "format": "JSON",
        "media_type": "application/json",
        "licence": "CC_BY_4_0",
        "access_rights": "PUBLIC",
    }


def db_view(slug: str, title_vi: str, title_en: str) -> dict[str, Any]:
    """A read-only database view inside the owner's network, for private (dùng riêng) data."""
    return {
        "slug": "csdl-view",
        "kind": "DB_VIEW",
        "title_vi": title_vi,
        "title_en": title_en,
        "description_vi": "Khung nhìn chỉ đọc trong mạng truyền số liệu chuyên dùng; chỉ đơn vị chủ quản.",
        "access_url": f"{PORTAL}/dataset/{slug}#truy-cap",
        "format": "CSV",
        "media_type": "text/csv",
        "access_rights": "NON_PUBLIC",
    }


DATE_KEYS = ("temporal_start", "temporal_end", "data_updated_on", "owned_since")


@dataclass
class DemoDataset:
    """One dataset of the demo: the create payload plus what is added after creation."""

    ref: str
    """Row of vietnam-context.md §5.2, e.g. DS01 (DS35 is the district example); OD01-OD20 are the
    open data added beyond §5.2 (``datasets_open_*``)."""
    payload: dict[str, Any]
    distributions: list[dict[str, Any]] = dc_field(default_factory=list)
    mappings: list[dict[str, str | None]] = dc_field(default_factory=list)
    """Dataset-level standard mappings."""

    @property
    def slug(self) -> str:
        return str(self.payload["slug"])

    def references(self) -> set[str]:
        """Slugs of the other datasets its fields point to (they must be created first)."""
        return {
            item["foreign_key"]["dataset"]
            for item in self.payload.get("fields", [])
            if "foreign_key" in item and item["foreign_key"]["dataset"] != self.slug
        }


def dataset(
    ref: str,
    *,
    distributions: Sequence[dict[str, Any]] = (),
    standards: Sequence[MappingSpec] = (),
    **payload: Any,
) -> DemoDataset:
    """A dataset payload with the defaults most provincial shared databases share."""
    data: dict[str, Any] = {
        "db_category": "CSDL_DP",
        "sharing_class": "DUNG_CHUNG",
        "importance": "KHAC",
        "arch_component": "DAT",
        "status": "PUBLISHED",
        "version": "1.0",
        "spatial": list(DAK_NONG_ERA),
    }
    data.update(payload)
    for key in DATE_KEYS:
        if isinstance(data.get(key), str):
            data[key] = date.fromisoformat(data[key])
    for key in ("spatial", "themes", "keywords_vi", "keywords_en"):
        if key in data:
            data[key] = list(data[key])
    return DemoDataset(ref, data, [dict(d) for d in distributions], mappings(standards))

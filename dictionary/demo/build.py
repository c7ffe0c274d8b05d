"""Small builders that keep the demo data modules short and uniform.

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


def mappings(specs: Iterable[MappingSpec]) -> list[dict[str, str]]:
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


def field(
    name: str,
    label_vi: str,
    label_en: str,
    data_type: str | None = "STRING",
    length: int | None = None,
    *,
    d: str | None = None,
    d_en: str | None = None,
    pd: str | None = "KHONG",
    req: bool = False,
    pk: bool = False,
    unique: bool = False,
    prec: int | None = None,
    scale: int | None = None,
    ex: str | None = None,
    unit: str | None = None,
    cl: str | None = None,
    fk: str | None = None,
    maps: Sequence[MappingSpec] = (),
    restricted: bool | None = None,
) -> dict[str, Any]:
    """One field (data element) as the field API takes it.

    ``pd`` is the personal-data category of Decree 356/2025 (KHONG, CO_BAN, NHAY_CAM, or None when
    not yet assessed); sensitive fields are restricted unless said otherwise. ``cl`` names the
    standard whose code list gives the allowed values; ``fk`` is ``"dataset-slug.field_name"``.
    """
    item: dict[str, Any] = {
        "name": name,
        "label_vi": label_vi,
        "label_en": label_en,
        "data_type": data_type,
        "personal_data": pd,
        "required": req or pk,
        "primary_key": pk,
        "unique": unique,
        "restricted": pd == "NHAY_CAM" if restricted is None else restricted,
    }
    optional = {
        "length": length,
        "precision": prec,
        "scale": scale,
        "definition": d,
        "definition_en": d_en,
        "example": ex,
        "unit": unit,
        "code_list_standard": cl,
    }
    item.update({key: value for key, value in optional.items() if value is not None})
    if fk:
        dataset, _, target = fk.partition(".")
        item["foreign_key"] = {"dataset": dataset, "field": target}
    if maps:
        item["mappings"] = mappings(maps)
    return item


# Fields that recur across datasets -------------------------------------------------------------


def pid(name: str = "so_dinh_danh", label_vi: str = "Số định danh cá nhân", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Số định danh cá nhân 12 chữ số do Bộ Công an cấp (Luật Căn cước 2023).")
    kw.setdefault(
        "d_en", "12-digit personal identification number issued by the Ministry of Public Security."
    )
    kw.setdefault("ex", "067190001234")
    kw.setdefault(
        "maps",
        [("STD-PID", "exactMatch", "Số định danh cá nhân"), ("STD-CITIZEN", "closeMatch", "SoDinhDanh")],
    )
    label_en = kw.pop("label_en", "Personal identification number")
    return field(name, label_vi, label_en, "STRING", 12, pd="CO_BAN", **kw)


def full_name(name: str = "ho_ten", label_vi: str = "Họ, chữ đệm và tên", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Họ, chữ đệm và tên khai sinh, viết có dấu theo giấy tờ tùy thân.")
    kw.setdefault("ex", "Y Bhim Niê")
    kw.setdefault("maps", [("STD-CITIZEN", "exactMatch", "HoVaTen")])
    return field(name, label_vi, kw.pop("label_en", "Full name"), "STRING", 100, pd="CO_BAN", **kw)


def birth_date(name: str = "ngay_sinh", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Ngày, tháng, năm sinh theo giấy khai sinh.")
    kw.setdefault(
        "maps",
        [("STD-CITIZEN", "exactMatch", "NgayThangNamSinh"), ("STD-ISO8601", "closeMatch", "calendar date")],
    )
    kw.setdefault("ex", "1988-05-17")
    return field(name, "Ngày sinh", "Date of birth", "DATE", pd="CO_BAN", **kw)


def sex(name: str = "gioi_tinh", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Giới tính: 1 Nam, 2 Nữ, 3 Chưa xác định.")
    return field(
        name,
        "Giới tính",
        "Sex",
        "CODE",
        1,
        pd="CO_BAN",
        cl="STD-BHYT-XML",
        ex="2",
        maps=[("STD-BHYT-XML", "closeMatch", "GIOI_TINH"), ("STD-CITIZEN", "broadMatch", "GioiTinh")],
        **kw,
    )


def ethnicity(name: str = "dan_toc", **kw: Any) -> dict[str, Any]:
    """Dân tộc is sensitive personal data (Decree 356/2025 art. 4: nguồn gốc chủng tộc, dân tộc)."""
    kw.setdefault("d", "Mã dân tộc 2 chữ số theo danh mục 54 dân tộc (01 Kinh, 12 Ê Đê, 20 M'Nông, 28 Mạ…).")
    return field(
        name,
        "Dân tộc",
        "Ethnic group",
        "CODE",
        2,
        pd="NHAY_CAM",
        cl="STD-ETHNIC",
        ex="20",
        maps=[("STD-ETHNIC", "exactMatch", "Mã dân tộc"), ("STD-CITIZEN", "closeMatch", "DanToc")],
        **kw,
    )


def commune(
    name: str = "ma_xa", label_vi: str = "Mã xã/phường", label_en: str = "Commune code", **kw: Any
) -> dict[str, Any]:
    """A commune code of the 2025 list; the code list version travels with the field."""
    kw.setdefault("d", "Mã đơn vị hành chính cấp xã theo QĐ 19/2025/QĐ-TTg (danh mục 2025, 5 chữ số).")
    kw.setdefault("maps", [("STD-ADMIN-2025", "exactMatch", "Mã đơn vị hành chính cấp xã")])
    kw.setdefault("ex", "24611")
    return field(name, label_vi, label_en, "CODE", 5, cl="STD-ADMIN-2025", **kw)


def commune_2004(name: str = "ma_xa_cu", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Mã xã trước 1/7/2025 theo QĐ 124/2004/QĐ-TTg; giữ để tra cứu dữ liệu cũ.")
    kw.setdefault("maps", [("STD-ADMIN-2004", "exactMatch", "Mã đơn vị hành chính cấp xã")])
    kw.setdefault("ex", "24664")
    return field(
        name, "Mã xã (danh mục 2004)", "Commune code (2004 list)", "CODE", 5, cl="STD-ADMIN-2004", **kw
    )


def agency_id(name: str, label_vi: str, label_en: str, **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Mã định danh điện tử của cơ quan, đơn vị theo QĐ 20/2020/QĐ-TTg.")
    kw.setdefault("maps", [("STD-ORGID", "exactMatch", "Mã định danh điện tử cơ quan, tổ chức")])
    kw.setdefault("ex", "H68.06")
    return field(name, label_vi, label_en, "STRING", 40, **kw)


def day(name: str, label_vi: str, label_en: str, d: str | None = None, **kw: Any) -> dict[str, Any]:
    kw.setdefault("maps", [("STD-ISO8601", "exactMatch", "calendar date (YYYY-MM-DD)")])
    return field(name, label_vi, label_en, kw.pop("data_type", "DATE"), d=d, **kw)


def moment(name: str, label_vi: str, label_en: str, d: str | None = None, **kw: Any) -> dict[str, Any]:
    kw.setdefault("maps", [("STD-ISO8601", "exactMatch", "date and time with offset")])
    return field(name, label_vi, label_en, "DATETIME", d=d, **kw)


def enterprise_code(name: str, label_vi: str, label_en: str, **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Mã số doanh nghiệp/hợp tác xã (trùng mã số thuế), tham chiếu CSDL doanh nghiệp.")
    kw.setdefault("fk", "doanh-nghiep-htx-ho-kinh-doanh.ma_so_doanh_nghiep")
    kw.setdefault("ex", "6400123456")
    return field(name, label_vi, label_en, "STRING", 14, **kw)


def area(name: str, label_vi: str, label_en: str, unit: str = "m2", **kw: Any) -> dict[str, Any]:
    return field(
        name,
        label_vi,
        label_en,
        "DECIMAL",
        prec=kw.pop("prec", 12),
        scale=kw.pop("scale", 1),
        unit=unit,
        **kw,
    )


def money(name: str, label_vi: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return field(name, label_vi, label_en, "DECIMAL", prec=kw.pop("prec", 18), scale=0, unit="VND", **kw)


def shape(
    name: str = "hinh_hoc", label_vi: str = "Hình học", label_en: str = "Geometry", **kw: Any
) -> dict[str, Any]:
    kw.setdefault("d", "Hình học vùng/đường trong hệ tọa độ VN-2000, kinh tuyến trục 108°30' (Lâm Đồng).")
    kw.setdefault("maps", [("STD-GEO", "exactMatch", "VN-2000")])
    return field(name, label_vi, label_en, "GEOMETRY", **kw)


def point(
    name: str = "toa_do", label_vi: str = "Tọa độ", label_en: str = "Coordinates", **kw: Any
) -> dict[str, Any]:
    kw.setdefault("d", "Tọa độ điểm (kinh độ, vĩ độ) theo WGS84.")
    kw.setdefault("maps", [("STD-GEO", "closeMatch", "WGS84 point")])
    kw.setdefault("ex", "POINT(107.69 12.00)")
    return field(name, label_vi, label_en, "POINT", **kw)


def status_field(values: str, name: str = "trang_thai", **kw: Any) -> dict[str, Any]:
    return field(name, "Trạng thái", "Status", "CODE", 20, d=f"Trạng thái: {values}.", req=True, **kw)


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
    """Row of vietnam-context.md §5.2, e.g. DS01 (DS35 is the district example)."""
    payload: dict[str, Any]
    distributions: list[dict[str, Any]] = dc_field(default_factory=list)
    mappings: list[dict[str, str]] = dc_field(default_factory=list)
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

"""Builders of fields (data elements), and of the fields that recur across the demo datasets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dictionary.demo.build import MappingSpec, mappings
from dictionary.demo.terms import NATIONAL, PROVINCIAL, PROVINCIAL_TERMS


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


def held(term: str, relation: str = "exactMatch") -> MappingSpec:
    """The mapping that says a field holds a term of the shared data dictionary (dictionary.demo.terms)."""
    standard = PROVINCIAL if term in PROVINCIAL_TERMS else NATIONAL
    return (standard, relation, term)


# Fields that recur across datasets -------------------------------------------------------------


def pid(name: str = "so_dinh_danh", label_vi: str = "Số định danh cá nhân", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Số định danh cá nhân 12 chữ số do Bộ Công an cấp (Luật Căn cước 2023).")
    kw.setdefault(
        "d_en", "12-digit personal identification number issued by the Ministry of Public Security."
    )
    kw.setdefault("ex", "067190001234")
    kw.setdefault(
        "maps",
        [("STD-PID", "exactMatch", "Số định danh cá nhân"), ("STD-CITIZEN", "closeMatch", "SoDinhDanh"),
         held("SO_DINH_DANH_CA_NHAN")],
    )  # fmt: skip
    label_en = kw.pop("label_en", "Personal identification number")
    stored = kw.pop("data_type", "STRING"), kw.pop("length", 12)
    return field(name, label_vi, label_en, *stored, pd="CO_BAN", **kw)


def full_name(name: str = "ho_ten", label_vi: str = "Họ, chữ đệm và tên", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Họ, chữ đệm và tên khai sinh, viết có dấu theo giấy tờ tùy thân.")
    kw.setdefault("ex", "Y Bhim Niê")
    kw.setdefault("maps", [("STD-CITIZEN", "exactMatch", "HoVaTen")])
    return field(name, label_vi, kw.pop("label_en", "Full name"), "STRING", 100, pd="CO_BAN", **kw)


def birth_date(name: str = "ngay_sinh", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Ngày, tháng, năm sinh theo giấy khai sinh.")
    kw.setdefault(
        "maps",
        [("STD-CITIZEN", "exactMatch", "NgayThangNamSinh"), ("STD-ISO8601", "closeMatch", "calendar date"),
         held("NGAY_SINH")],
    )  # fmt: skip
    kw.setdefault("ex", "1988-05-17")
    stored = kw.pop("data_type", "DATE"), kw.pop("length", None)
    return field(name, "Ngày sinh", "Date of birth", *stored, pd="CO_BAN", **kw)


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
        maps=[
            ("STD-BHYT-XML", "closeMatch", "GIOI_TINH"),
            ("STD-CITIZEN", "broadMatch", "GioiTinh"),
            held("GIOI_TINH"),
        ],
        **kw,
    )


def ethnicity(name: str = "dan_toc", **kw: Any) -> dict[str, Any]:
    """Dân tộc is sensitive personal data (Decree 356/2025 art. 4: nguồn gốc chủng tộc, dân tộc)."""
    kw.setdefault("d", "Mã dân tộc 2 chữ số theo danh mục 54 dân tộc (01 Kinh, 12 Ê Đê, 20 M'Nông, 28 Mạ…).")
    kw.setdefault("cl", "STD-ETHNIC")
    kw.setdefault("ex", "20")
    stored = kw.pop("data_type", "CODE"), kw.pop("length", 2)
    return field(
        name,
        "Dân tộc",
        "Ethnic group",
        *stored,
        pd="NHAY_CAM",
        maps=[("STD-ETHNIC", "exactMatch", "Mã dân tộc"), ("STD-CITIZEN", "closeMatch", "DanToc"),
              held("MA_DAN_TOC")],
        **kw,
    )  # fmt: skip


def commune(
    name: str = "ma_xa", label_vi: str = "Mã xã/phường", label_en: str = "Commune code", **kw: Any
) -> dict[str, Any]:
    """A commune code of the 2025 list; the code list version travels with the field."""
    kw.setdefault("d", "Mã đơn vị hành chính cấp xã theo QĐ 19/2025/QĐ-TTg (danh mục 2025, 5 chữ số).")
    kw.setdefault(
        "maps", [("STD-ADMIN-2025", "exactMatch", "Mã đơn vị hành chính cấp xã"), held("MA_DVHC_CAP_XA")]
    )
    kw.setdefault("ex", "24611")
    stored = kw.pop("data_type", "CODE"), kw.pop("length", 5)
    return field(name, label_vi, label_en, *stored, cl="STD-ADMIN-2025", **kw)


def commune_2004(name: str = "ma_xa_cu", **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Mã xã trước 1/7/2025 theo QĐ 124/2004/QĐ-TTg; giữ để tra cứu dữ liệu cũ.")
    kw.setdefault("maps", [("STD-ADMIN-2004", "exactMatch", "Mã đơn vị hành chính cấp xã")])
    kw.setdefault("ex", "24664")
    return field(
        name, "Mã xã (danh mục 2004)", "Commune code (2004 list)", "CODE", 5, cl="STD-ADMIN-2004", **kw
    )


def agency_id(name: str, label_vi: str, label_en: str, **kw: Any) -> dict[str, Any]:
    kw.setdefault("d", "Mã định danh điện tử của cơ quan, đơn vị theo QĐ 20/2020/QĐ-TTg.")
    kw.setdefault(
        "maps",
        [("STD-ORGID", "exactMatch", "Mã định danh điện tử cơ quan, tổ chức"), held("MA_DINH_DANH_CO_QUAN")],
    )
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
    kw.setdefault("maps", [held("MA_SO_THUE" if name == "ma_so_thue" else "MA_SO_DOANH_NGHIEP")])
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

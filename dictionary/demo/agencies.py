"""Agencies of the demo: Đắk Nông before 2025, the new Lâm Đồng after, and the lineage between them.

Sources: vietnam-context.md §5.1 (departments before 3/2025 [mem]; after 3/2025 per NĐ 45/2025/NĐ-CP
and the Lâm Đồng reorganisation reported by laodong.vn) and §4 (NQ 202/2025/QH15: Đắk Nông, Bình
Thuận and Lâm Đồng → tỉnh Lâm Đồng from 1/7/2025; district level abolished by NQ 203/2025/QH15;
communes per NQ 1671/NQ-UBTVQH15). The 1/3/2025 department mergers follow the ministry mergers the
note lists (TN&MT + NN&PTNT → NN&MT; KH&ĐT → Tài chính; GTVT → Xây dựng; TT&TT → KH&CN; LĐ-TB&XH →
Nội vụ, social protection → Y tế; Ban Dân tộc → Sở Dân tộc và Tôn giáo).

Synthesised [syn]: the e-ID codes (real QĐ 20/2020 codes were not looked up; "H67.xx" for Đắk Nông
units, "H68.xx" for Lâm Đồng, "H68" for the provincial People's Committee), e-mail addresses, and
the commune agencies chosen to receive the abolished districts' data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# Đắk Nông (code 67 in the 2004 list), before 1/7/2025.
DN_UBND, DN_VP, DN_SNV, DN_STP = "H67", "H67.01", "H67.02", "H67.03"
DN_SKHDT, DN_STC, DN_SCT, DN_SNNPTNT = "H67.04", "H67.05", "H67.06", "H67.07"
DN_SGTVT, DN_SXD, DN_STNMT, DN_STTTT = "H67.08", "H67.09", "H67.10", "H67.11"
DN_SLDTBXH, DN_SVHTTDL, DN_SKHCN, DN_SGDDT = "H67.12", "H67.13", "H67.14", "H67.15"
DN_SYT, DN_TTR, DN_BDT, DN_SNGV, DN_BQLKCN = "H67.16", "H67.17", "H67.18", "H67.19", "H67.20"
DN_SNNMT = "H67.21"  # established 1/3/2025
DN_CA = "H67.40"
DN_GIA_NGHIA, DN_DAK_MIL = "H67.41", "H67.43"

# Lâm Đồng (code 68), from 1/7/2025.
LD_UBND, LD_VP, LD_SNV, LD_STP, LD_STC = "H68", "H68.01", "H68.02", "H68.03", "H68.04"
LD_SCT, LD_SNNMT, LD_SXD, LD_SKHCN = "H68.05", "H68.06", "H68.07", "H68.08"
LD_SVHTTDL, LD_SGDDT, LD_SYT, LD_TTR = "H68.09", "H68.10", "H68.11", "H68.12"
LD_SDTTG, LD_SNGV, LD_BQLKCN, LD_CA = "H68.13", "H68.14", "H68.15", "H68.40"
LD_BAC_GIA_NGHIA, LD_DUC_LAP, LD_NHAN_CO = "H68.60", "H68.61", "H68.62"

DAK_NONG_FOUNDED = "2004-01-01"
MARCH_2025 = "2025-03-01"
JULY_2025 = "2025-07-01"


def agency(
    code: str,
    short: str | None,
    name_vi: str,
    name_en: str,
    *,
    level: str = "SO_NGANH",
    parent: str | None = None,
    since: str = DAK_NONG_FOUNDED,
    homepage: str | None = None,
    email: str | None = None,
) -> dict[str, Any]:
    data = {
        "code": code,
        "short_name": short,
        "name_vi": name_vi,
        "name_en": name_en,
        "level": level,
        "parent": parent,
        "valid_from": date.fromisoformat(since),
        "homepage": homepage,
        "email": email,
    }
    return {key: value for key, value in data.items() if value is not None}


def _dn(code: str, short: str, name_vi: str, name_en: str, **kw: Any) -> dict[str, Any]:
    return agency(code, short, f"{name_vi} tỉnh Đắk Nông", f"{name_en}, Đắk Nông", parent=DN_UBND, **kw)


def _ld(code: str, short: str, name_vi: str, name_en: str, mailbox: str, **kw: Any) -> dict[str, Any]:
    return agency(
        code,
        short,
        f"{name_vi} tỉnh Lâm Đồng",
        f"{name_en}, Lâm Đồng",
        parent=LD_UBND,
        since=JULY_2025,
        email=f"{mailbox}@lamdong.gov.vn",
        **kw,
    )


AGENCIES: list[dict[str, Any]] = [
    # Đắk Nông: the People's Committee first (parents before children).
    agency(
        DN_UBND,
        "UBND tỉnh ĐN",
        "Ủy ban nhân dân tỉnh Đắk Nông",
        "People's Committee of Đắk Nông Province",
        level="TINH",
        homepage="https://daknong.gov.vn",
    ),
    _dn(DN_VP, "VP", "Văn phòng Ủy ban nhân dân", "Office of the People's Committee"),
    _dn(DN_SNV, "SNV", "Sở Nội vụ", "Department of Home Affairs"),
    _dn(DN_STP, "STP", "Sở Tư pháp", "Department of Justice"),
    _dn(DN_SKHDT, "SKHĐT", "Sở Kế hoạch và Đầu tư", "Department of Planning and Investment"),
    _dn(DN_STC, "STC", "Sở Tài chính", "Department of Finance"),
    _dn(DN_SCT, "SCT", "Sở Công Thương", "Department of Industry and Trade"),
    _dn(
        DN_SNNPTNT,
        "SNN&PTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Department of Agriculture and Rural Development",
    ),
    _dn(DN_SGTVT, "SGTVT", "Sở Giao thông vận tải", "Department of Transport"),
    _dn(DN_SXD, "SXD", "Sở Xây dựng", "Department of Construction"),
    _dn(DN_STNMT, "STN&MT", "Sở Tài nguyên và Môi trường", "Department of Natural Resources and Environment"),
    _dn(DN_STTTT, "STT&TT", "Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    _dn(
        DN_SLDTBXH,
        "SLĐTB&XH",
        "Sở Lao động - Thương binh và Xã hội",
        "Department of Labour, Invalids and Social Affairs",
    ),
    _dn(
        DN_SVHTTDL, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"
    ),
    _dn(DN_SKHCN, "SKH&CN", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    _dn(DN_SGDDT, "SGDĐT", "Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    _dn(DN_SYT, "SYT", "Sở Y tế", "Department of Health"),
    _dn(DN_TTR, "TTR", "Thanh tra", "Provincial Inspectorate"),
    _dn(DN_BDT, "BDT", "Ban Dân tộc", "Committee for Ethnic Minority Affairs"),
    _dn(DN_SNGV, "SNGV", "Sở Ngoại vụ", "Department of Foreign Affairs"),
    _dn(DN_BQLKCN, "BQLKCN", "Ban Quản lý các Khu công nghiệp", "Industrial Parks Management Board"),
    _dn(
        DN_SNNMT,
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        since=MARCH_2025,
    ),
    agency(DN_CA, "CA tỉnh ĐN", "Công an tỉnh Đắk Nông", "Đắk Nông Provincial Police", level="NGANH_DOC"),
    agency(
        DN_GIA_NGHIA,
        "UBND TP Gia Nghĩa",
        "Ủy ban nhân dân thành phố Gia Nghĩa",
        "People's Committee of Gia Nghĩa City",
        level="HUYEN",
        parent=DN_UBND,
    ),
    agency(
        DN_DAK_MIL,
        "UBND huyện Đắk Mil",
        "Ủy ban nhân dân huyện Đắk Mil",
        "People's Committee of Đắk Mil District",
        level="HUYEN",
        parent=DN_UBND,
    ),
    # Lâm Đồng after the merger of the three provinces.
    agency(
        LD_UBND,
        "UBND tỉnh",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
        "People's Committee of Lâm Đồng Province",
        level="TINH",
        since=JULY_2025,
        homepage="https://lamdong.gov.vn",
        email="ubnd@lamdong.gov.vn",
    ),
    _ld(LD_VP, "VP", "Văn phòng Ủy ban nhân dân", "Office of the Provincial People's Committee", "vpubnd"),
    _ld(LD_SNV, "SNV", "Sở Nội vụ", "Department of Home Affairs", "snv"),
    _ld(LD_STP, "STP", "Sở Tư pháp", "Department of Justice", "stp"),
    _ld(LD_STC, "STC", "Sở Tài chính", "Department of Finance", "stc"),
    _ld(LD_SCT, "SCT", "Sở Công Thương", "Department of Industry and Trade", "sct"),
    _ld(
        LD_SNNMT,
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "snnmt",
    ),
    _ld(LD_SXD, "SXD", "Sở Xây dựng", "Department of Construction", "sxd"),
    _ld(LD_SKHCN, "SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "skhcn"),
    _ld(
        LD_SVHTTDL,
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "svhttdl",
    ),
    _ld(LD_SGDDT, "SGDĐT", "Sở Giáo dục và Đào tạo", "Department of Education and Training", "sgddt"),
    _ld(LD_SYT, "SYT", "Sở Y tế", "Department of Health", "syt"),
    _ld(LD_TTR, "TTR", "Thanh tra", "Provincial Inspectorate", "thanhtra"),
    _ld(
        LD_SDTTG, "SDTTG", "Sở Dân tộc và Tôn giáo", "Department of Ethnic Minorities and Religions", "sdttg"
    ),
    _ld(LD_SNGV, "SNGV", "Sở Ngoại vụ", "Department of Foreign Affairs", "sngv"),
    _ld(
        LD_BQLKCN, "BQLKCN", "Ban Quản lý các Khu công nghiệp", "Industrial Parks Management Board", "bqlkcn"
    ),
    agency(
        LD_CA,
        "CA tỉnh",
        "Công an tỉnh Lâm Đồng",
        "Lâm Đồng Provincial Police",
        level="NGANH_DOC",
        since=JULY_2025,
    ),
    agency(
        LD_BAC_GIA_NGHIA,
        "UBND P. Bắc Gia Nghĩa",
        "Ủy ban nhân dân phường Bắc Gia Nghĩa",
        "People's Committee of Bắc Gia Nghĩa Ward",
        level="XA",
        parent=LD_UBND,
        since=JULY_2025,
    ),
    agency(
        LD_DUC_LAP,
        "UBND xã Đức Lập",
        "Ủy ban nhân dân xã Đức Lập",
        "People's Committee of Đức Lập Commune",
        level="XA",
        parent=LD_UBND,
        since=JULY_2025,
    ),
    agency(
        LD_NHAN_CO,
        "UBND xã Nhân Cơ",
        "Ủy ban nhân dân xã Nhân Cơ",
        "People's Committee of Nhân Cơ Commune",
        level="XA",
        parent=LD_UBND,
        since=JULY_2025,
    ),
]

ND45 = "NĐ 45/2025/NĐ-CP; Nghị quyết của HĐND tỉnh Đắk Nông về sắp xếp cơ quan chuyên môn"
NQ202 = "NQ 202/2025/QH15"
NQ_COMMUNES = "NQ 202/2025/QH15; NQ 203/2025/QH15; NQ 1671/NQ-UBTVQH15"

LINEAGE: list[dict[str, Any]] = [
    # 1/3/2025: departments merged after the ministries (NĐ 45/2025/NĐ-CP).
    {"step": "merge", "sources": [DN_STNMT, DN_SNNPTNT], "into": DN_SNNMT, "on": MARCH_2025, "basis": ND45},
    {"step": "merge", "sources": [DN_SKHDT], "into": DN_STC, "on": MARCH_2025, "basis": ND45},
    {"step": "merge", "sources": [DN_SGTVT], "into": DN_SXD, "on": MARCH_2025, "basis": ND45},
    {"step": "merge", "sources": [DN_STTTT], "into": DN_SKHCN, "on": MARCH_2025, "basis": ND45},
    # Sở LĐ-TB&XH split: social protection to Sở Y tế, the rest (merit, labour) to Sở Nội vụ.
    {
        "step": "assign",
        "dataset": "tro-giup-xa-hoi-hang-thang",
        "agency": DN_SYT,
        "role": "owner",
        "on": MARCH_2025,
        "note": "Chức năng bảo trợ xã hội chuyển từ Sở LĐ-TB&XH sang Sở Y tế (NĐ 45/2025/NĐ-CP)",
    },
    {"step": "merge", "sources": [DN_SLDTBXH], "into": DN_SNV, "on": MARCH_2025, "basis": ND45},
    # Ban Dân tộc becomes Sở Dân tộc và Tôn giáo and takes religious affairs from Sở Nội vụ.
    {
        "step": "rename",
        "code": DN_BDT,
        "name_vi": "Sở Dân tộc và Tôn giáo tỉnh Đắk Nông",
        "name_en": "Department of Ethnic Minorities and Religions, Đắk Nông",
        "on": MARCH_2025,
        "basis": ND45,
    },
    {
        "step": "assign",
        "dataset": "co-so-ton-giao-tin-nguong",
        "agency": DN_BDT,
        "role": "owner",
        "on": MARCH_2025,
        "note": "Quản lý nhà nước về tôn giáo chuyển từ Sở Nội vụ (Ban Tôn giáo) sang Sở DT&TG",
    },
    # 1/7/2025: Đắk Nông merged into Lâm Đồng; every unit into its counterpart.
    *[
        {"step": "merge", "sources": [source], "into": target, "on": JULY_2025, "basis": NQ202}
        for source, target in [
            (DN_VP, LD_VP),
            (DN_SNV, LD_SNV),
            (DN_STP, LD_STP),
            (DN_STC, LD_STC),
            (DN_SCT, LD_SCT),
            (DN_SNNMT, LD_SNNMT),
            (DN_SXD, LD_SXD),
            (DN_SKHCN, LD_SKHCN),
            (DN_SVHTTDL, LD_SVHTTDL),
            (DN_SGDDT, LD_SGDDT),
            (DN_SYT, LD_SYT),
            (DN_TTR, LD_TTR),
            (DN_BDT, LD_SDTTG),
            (DN_SNGV, LD_SNGV),
            (DN_BQLKCN, LD_BQLKCN),
            (DN_CA, LD_CA),
        ]
    ],
    # Districts abolished: their data goes to the commune that took over the district centre
    # (Thị trấn Đắk Mil became part of Xã Đức Lập; Nghĩa Đức ward of Bắc Gia Nghĩa, admin-units-2025).
    {
        "step": "merge",
        "sources": [DN_GIA_NGHIA],
        "into": LD_BAC_GIA_NGHIA,
        "on": JULY_2025,
        "basis": NQ_COMMUNES,
    },
    {"step": "merge", "sources": [DN_DAK_MIL], "into": LD_DUC_LAP, "on": JULY_2025, "basis": NQ_COMMUNES},
    {"step": "merge", "sources": [DN_UBND], "into": LD_UBND, "on": JULY_2025, "basis": NQ202},
]

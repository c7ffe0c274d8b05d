"""The shared data dictionary of the demo: terms the demo's fields hold, and the two dictionaries.

Sources, as the reference notes (vietnam-context.md §1.1, §2, §3, §5) give them: Decision
2439/QĐ-TTg (04/11/2025) issued the national Từ điển dữ liệu dùng chung v1.0, but its text was
not at hand when this demo was written, so no term here claims to reproduce its wording or its
codes: every ``source_vi`` says which text the definition rests on instead, and where even that
text was not read, it says so. Term codes are the catalog's own (upper-case folded names).
Formats: the 12-digit personal number (Luật Căn cước 2023; structure NĐ 137/2015/NĐ-CP), 5-digit
commune codes (QĐ 19/2025/QĐ-TTg), 2-digit ethnic codes (QĐ 121-TCTK/PPCĐ), the enterprise code
that is also the tax code (10 digits, 13 with a branch suffix written ``-NNN``).
"""

from __future__ import annotations

from typing import Any

from dictionary.demo.agencies import LD_SKHCN
from dictionary.demo.standards import standard

NATIONAL = "STD-TDDLDC"
PROVINCIAL = "STD-TDDL-LD"
NOT_AT_HAND = (
    " Văn bản Từ điển dữ liệu dùng chung (QĐ 2439/QĐ-TTg) không có sẵn khi lập dữ liệu mẫu: "
    "mã và định nghĩa chính thức của phần tử chưa được đối chiếu."
)

DICTIONARIES: list[dict[str, Any]] = [
    standard(
        NATIONAL,
        "2439/QĐ-TTg",
        "Từ điển dữ liệu dùng chung phiên bản 1.0 (kèm Khung kiến trúc dữ liệu quốc gia)",
        "Shared data dictionary, version 1.0 (with the National Data Architecture Framework)",
        "Thủ tướng Chính phủ",
        "DICTIONARY_TERM",
        issued="2025-11-04",
        version="1.0",
    ),
    standard(
        PROVINCIAL,
        "TDDL-LĐ",
        "Từ điển dữ liệu dùng chung của tỉnh Lâm Đồng (phần bổ sung của tỉnh)",
        "Lâm Đồng's additions to the shared data dictionary",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
        "DICTIONARY_TERM",
        version="0.1",
    ),
]


def term(code: str, name_vi: str, name_en: str, definition_vi: str, **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "name_vi": name_vi,
        "name_en": name_en,
        "definition_vi": definition_vi,
        "standard": values.pop("standard", NATIONAL),
        "status": values.pop("status", "IN_FORCE"),
        "version": values.pop("version", "1.0"),
    }
    data.update(values)
    return data


TERMS: list[dict[str, Any]] = [
    term(
        "SO_DINH_DANH_CA_NHAN", "Số định danh cá nhân", "Personal identification number",
        "Dãy số tự nhiên gồm 12 chữ số do Bộ Công an cấp cho mỗi công dân Việt Nam, không lặp lại giữa "
        "các công dân; đồng thời là số thẻ căn cước (căn cước công dân).",
        definition_en="The 12-digit number the Ministry of Public Security gives each citizen, unique to "
        "them; "
        "also the number of the identity card.",
        data_type="STRING", length=12, pattern=r"\d{12}", format_vi="12 chữ số, giữ số 0 ở đầu",
        personal_data="CO_BAN",
        rules_vi="Lưu dạng chuỗi (không lưu dạng số: mất số 0 đầu). Bỏ khoảng trắng trước khi kiểm tra. "
        "Không dùng số chứng minh nhân dân 9 chữ số thay thế.",
        synonyms=["số định danh", "mã định danh cá nhân", "số căn cước", "số căn cước công dân", "số CCCD"],
        abbreviations=["CCCD", "ĐDCN"], examples=["067190001234"],
        source_vi="Luật Căn cước 26/2023/QH15; cấu trúc theo NĐ 137/2015/NĐ-CP (vietnam-context §3, STD-PID)."
        + NOT_AT_HAND,
    ),
    term(
        "MA_DVHC_CAP_XA", "Mã đơn vị hành chính cấp xã", "Commune-level administrative unit code",
        "Mã số của xã, phường, đặc khu trong Bảng danh mục và mã số các đơn vị hành chính Việt Nam.",
        definition_en="The code of a commune, ward or special zone in the list of Vietnam's "
        "administrative units.",
        data_type="CODE", length=5, pattern=r"\d{5}", format_vi="5 chữ số",
        code_list_standard="STD-ADMIN-2025",
        rules_vi="Dùng danh mục hiện hành (từ 1/7/2025: QĐ 19/2025/QĐ-TTg); mã của danh mục 2004 lưu "
        "ở trường riêng để tra cứu dữ liệu cũ.",
        synonyms=["mã xã", "mã phường", "mã xã/phường", "mã đơn vị hành chính xã"],
        abbreviations=["ĐVHC"], examples=["24611"],
        source_vi="QĐ 19/2025/QĐ-TTg (danh mục 2025, 3.321 xã, 5 chữ số; vietnam-context §3, STD-ADMIN-2025)."
        + NOT_AT_HAND,
    ),
    term(
        "MA_DVHC_CAP_XA_2004", "Mã đơn vị hành chính cấp xã (danh mục 2004)",
        "Commune code (2004 list)",
        "Mã xã theo danh mục ban hành kèm QĐ 124/2004/QĐ-TTg, không còn áp dụng từ 1/7/2025.",
        data_type="CODE", length=5, pattern=r"\d{5}", code_list_standard="STD-ADMIN-2004",
        synonyms=["mã xã cũ"], examples=["24664"], status="SUPERSEDED", superseded_by="MA_DVHC_CAP_XA",
        source_vi="QĐ 124/2004/QĐ-TTg (vietnam-context §3, STD-ADMIN-2004)." + NOT_AT_HAND,
    ),
    term(
        "MA_SO_DOANH_NGHIEP", "Mã số doanh nghiệp", "Enterprise code",
        "Dãy số do Hệ thống thông tin quốc gia về đăng ký doanh nghiệp tạo, cấp cho doanh nghiệp khi thành "
        "lập; đồng thời là mã số thuế của doanh nghiệp.",
        definition_en="The number the national business registration system gives an enterprise; it is also "
        "its tax code.",
        data_type="STRING", length=14, pattern=r"\d{10}(-\d{3})?",
        format_vi="10 chữ số; đơn vị phụ thuộc thêm hậu tố -NNN (13 chữ số)",
        synonyms=["mã doanh nghiệp", "mã số hợp tác xã", "mã số đăng ký kinh doanh"],
        abbreviations=["MSDN"], examples=["6400123456", "6400123456-001"],
        source_vi="Luật Doanh nghiệp 59/2020/QH14, điều 29 (mã số doanh nghiệp); định dạng theo "
        "vietnam-context §5.2 (DS10) [ghi nhớ, chưa đối chiếu văn bản]." + NOT_AT_HAND,
    ),
    term(
        "MA_SO_THUE", "Mã số thuế", "Tax identification number",
        "Dãy số do cơ quan thuế cấp cho người nộp thuế để quản lý thuế; với doanh nghiệp trùng mã số doanh "
        "nghiệp.",
        data_type="STRING", length=14, pattern=r"\d{10}(-\d{3})?", format_vi="10 hoặc 13 chữ số (-NNN)",
        synonyms=["mã số người nộp thuế"], abbreviations=["MST"], examples=["6400123456"],
        source_vi="Luật Quản lý thuế 38/2019/QH14 (điều khoản chưa đối chiếu)." + NOT_AT_HAND,
    ),
    term(
        "NGAY_SINH", "Ngày sinh", "Date of birth",
        "Ngày, tháng, năm sinh của cá nhân theo giấy khai sinh.",
        data_type="DATE", pattern=r"\d{4}-\d{2}-\d{2}", format_vi="YYYY-MM-DD (ISO 8601)",
        personal_data="CO_BAN",
        rules_vi="Khi chỉ biết năm sinh, ghi rõ trong quy tắc của trường; không lưu dạng chuỗi dd/mm/yyyy.",
        synonyms=["ngày tháng năm sinh", "ngày sinh công dân"], examples=["1988-05-17"],
        source_vi="QCVN 109:2017/BTTTT (phần tử NgayThangNamSinh) và ISO 8601 (vietnam-context §3)."
        + NOT_AT_HAND,
    ),
    term(
        "GIOI_TINH", "Giới tính", "Sex",
        "Giới tính của cá nhân: 1 Nam, 2 Nữ, 3 Chưa xác định.",
        data_type="CODE", length=1, pattern="[123]", code_list_standard="STD-BHYT-XML",
        personal_data="CO_BAN",
        synonyms=["phái"], examples=["1", "2"],
        source_vi="Bảng mã giới tính của QĐ 130/QĐ-BYT (sửa đổi bởi QĐ 4750/QĐ-BYT) như vietnam-context §3 "
        "ghi; QCVN 109:2017 có phần tử GioiTinh riêng." + NOT_AT_HAND,
    ),
    term(
        "MA_DAN_TOC", "Mã dân tộc", "Ethnic group code",
        "Mã của dân tộc theo Danh mục các dân tộc Việt Nam (54 dân tộc, 2 chữ số).",
        data_type="CODE", length=2, pattern=r"\d{2}", code_list_standard="STD-ETHNIC",
        personal_data="NHAY_CAM",
        rules_vi="Dữ liệu cá nhân nhạy cảm (NĐ 356/2025 điều 4: nguồn gốc dân tộc): chỉ trong phạm vi được "
        "phép. Lưu mã, không lưu tên dân tộc.",
        synonyms=["dân tộc", "thành phần dân tộc"], examples=["01", "20"],
        source_vi="QĐ 121-TCTK/PPCĐ (02/3/1979); có hai thứ tự mã đang lưu hành, cần đối chiếu "
        "(vietnam-context §3, STD-ETHNIC)." + NOT_AT_HAND,
    ),
    term(
        "MA_DINH_DANH_CO_QUAN", "Mã định danh điện tử cơ quan, tổ chức", "Electronic agency identifier",
        "Mã định danh điện tử của cơ quan, tổ chức phục vụ kết nối, chia sẻ dữ liệu.",
        data_type="STRING", length=40, synonyms=["mã định danh cơ quan", "mã cơ quan"], examples=["H68.06"],
        source_vi="QĐ 20/2020/QĐ-TTg (vietnam-context §3, STD-ORGID)." + NOT_AT_HAND,
    ),
    term(
        "SO_DIEN_THOAI", "Số điện thoại", "Telephone number",
        "Số điện thoại liên hệ (di động hoặc cố định) trong nước.",
        data_type="STRING", length=15, pattern=r"0\d{9,10}", format_vi="bắt đầu bằng 0, 10-11 chữ số",
        personal_data="CO_BAN", synonyms=["điện thoại", "số di động"], abbreviations=["SĐT", "ĐT"],
        examples=["0263382xxxx"], standard=PROVINCIAL, provincial=True, maintainer=LD_SKHCN,
        source_vi="Bổ sung của tỉnh; quy tắc định dạng là quy ước của danh mục này, không lấy từ văn bản "
        "quốc gia.",
    ),
    term(
        "THU_DIEN_TU", "Địa chỉ thư điện tử", "E-mail address",
        "Địa chỉ thư điện tử liên hệ.",
        data_type="STRING", length=254, pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+",
        synonyms=["email", "thư điện tử"],
        examples=["vanthu@lamdong.gov.vn"], standard=PROVINCIAL, provincial=True, maintainer=LD_SKHCN,
        source_vi="Bổ sung của tỉnh; độ dài 254 theo giới hạn của RFC 5321.",
    ),
    term(
        "MA_THUA_DAT", "Mã thửa đất", "Land parcel identifier",
        "Mã định danh thửa đất ghép từ mã xã, số tờ bản đồ và số thửa.",
        data_type="STRING", length=20, synonyms=["mã thửa", "số hiệu thửa đất"], examples=["24611-12-345"],
        standard=PROVINCIAL, provincial=True, maintainer=LD_SKHCN, status="DRAFT", version="0.1",
        source_vi="Dự thảo của tỉnh theo cách ghép ghi ở vietnam-context §5.2 (DS13) [ghi nhớ]; mã định danh "
        "thửa đất quốc gia chưa đối chiếu.",
    ),
]  # fmt: skip

PROVINCIAL_TERMS = frozenset(item["code"] for item in TERMS if item["standard"] == PROVINCIAL)

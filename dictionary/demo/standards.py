"""The register of standards of the demo catalog.

Sources: vietnam-context.md §3 (the nineteen STD-* codes, their identifiers, issuers and subjects;
tags [src]/[mem] as given there) and §2 for statuses. Issue dates are given only where the note or
the decision number states them. Added for the §5.3 "maps to" column [mem]: ISO 8601, ISO 3166-1,
the national database of administrative procedures (NĐ 63/2010/NĐ-CP), online public-service levels
(NĐ 42/2022/NĐ-CP), land categories (Luật Đất đai 2024), enterprise types (Luật Doanh nghiệp 2020)
and social-assistance groups (NĐ 20/2021/NĐ-CP). Kinds: REGULATION, CODE_LIST, TECHNICAL_STANDARD,
DICTIONARY_TERM; statuses: IN_FORCE, SUPERSEDED, UNCLEAR.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def standard(  # noqa: PLR0917 - the register below reads as positional rows
    code: str,
    identifier: str,
    title_vi: str,
    title_en: str,
    issuer: str,
    kind: str,
    status: str = "IN_FORCE",
    *,
    issued: str | None = None,
    version: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "identifier": identifier,
        "title_vi": title_vi,
        "title_en": title_en,
        "issuer": issuer,
        "kind": kind,
        "status": status,
    }
    if issued:
        data["issued"] = date.fromisoformat(issued)
    if version:
        data["version"] = version
    if url:
        data["url"] = url
    return data


TTG = "Thủ tướng Chính phủ"
BTTTT = "Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)"

STANDARDS: list[dict[str, Any]] = [
    standard(
        "STD-ADMIN-2025",
        "19/2025/QĐ-TTg",
        "Bảng danh mục và mã số các đơn vị hành chính Việt Nam (2025)",
        "List and codes of Vietnam's administrative units (2025, two levels)",
        TTG,
        "CODE_LIST",
        version="2025",
        url="https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/7/19ttg.signed.pdf",
    ),
    standard(
        "STD-ADMIN-2004",
        "124/2004/QĐ-TTg",
        "Bảng danh mục và mã số các đơn vị hành chính Việt Nam (2004)",
        "List and codes of Vietnam's administrative units (2004, three levels)",
        TTG,
        "CODE_LIST",
        "SUPERSEDED",
        issued="2004-07-08",
        version="2004",
    ),
    standard(
        "STD-ORGID",
        "20/2020/QĐ-TTg",
        "Mã định danh điện tử của các cơ quan, tổ chức phục vụ kết nối, chia sẻ dữ liệu",
        "Electronic identifiers of agencies and organisations for data sharing",
        TTG,
        "REGULATION",
        issued="2020-07-22",
    ),
    standard(
        "STD-DOCX",
        "QCVN 102:2016/BTTTT",
        "Quy chuẩn kỹ thuật quốc gia về cấu trúc mã định danh và định "
        "dạng dữ liệu gói tin phục vụ kết nối các hệ thống quản lý văn bản và điều hành",
        "Identifier structure and message format between document-management systems (edXML)",
        BTTTT,
        "TECHNICAL_STANDARD",
        version="2016, Sửa đổi 1:2022",
        url="https://luatvietnam.vn/thong-tin/thong-tu-01-2022-tt-btttt-sua-doi-1-2022-qcvn-102-2016-btttt-ve-cau-truc-ma-dinh-danh-216994-d1.html",
    ),
    standard(
        "STD-CITIZEN",
        "QCVN 109:2017/BTTTT",
        "Quy chuẩn kỹ thuật quốc gia về cấu trúc thông điệp dữ liệu "
        "công dân trao đổi với cơ sở dữ liệu quốc gia về dân cư",
        "Citizen data model and messages exchanged with the national population database",
        BTTTT,
        "TECHNICAL_STANDARD",
        version="2017",
        url="https://data.gov.vn/vi/web/guest/news/-/asset_publisher/FRkblAs8yr3H/content/tieu-chuan-qcvn109",
    ),
    standard(
        "STD-DVCQG",
        "QCVN 120:2019/BTTTT",
        "Cấu trúc gói tin phục vụ kết nối Cổng dịch vụ công quốc gia",
        "Packet structure for connecting to the National Public Service Portal",
        BTTTT,
        "TECHNICAL_STANDARD",
        "UNCLEAR",
        version="2019",
    ),
    standard(
        "STD-ITSTD",
        "39/2017/TT-BTTTT",
        "Danh mục tiêu chuẩn kỹ thuật về ứng dụng công nghệ thông tin trong cơ quan nhà nước",
        "List of technical standards for IT use in state agencies",
        BTTTT,
        "TECHNICAL_STANDARD",
        "UNCLEAR",
        url="https://thuvienphapluat.vn/van-ban/EN/Cong-nghe-thong-tin/Circular-39-2017-TT-BTTTT-List-of-technical-standards-application-of-information-technology-authorities/409940/tieng-anh.aspx",
    ),
    standard(
        "STD-NDBCONN",
        "13/2017/TT-BTTTT",
        "Yêu cầu kỹ thuật về kết nối các hệ thống thông tin, cơ sở dữ liệu với cơ sở dữ liệu quốc gia",
        "Technical requirements for connecting systems to national databases",
        BTTTT,
        "TECHNICAL_STANDARD",
    ),
    standard(
        "STD-ETHNIC",
        "121-TCTK/PPCĐ",
        "Danh mục các dân tộc Việt Nam",
        "List of Vietnam's 54 ethnic groups",
        "Tổng cục Thống kê",
        "CODE_LIST",
        issued="1979-03-02",
    ),
    standard(
        "STD-NATION",
        "07/2016/TT-BCA",
        "Danh mục mã quốc tịch (Phụ lục 2)",
        "Nationality codes (Annex 2)",
        "Bộ Công an",
        "CODE_LIST",
    ),
    standard(
        "STD-OCC",
        "34/2020/QĐ-TTg",
        "Danh mục nghề nghiệp Việt Nam",
        "Vietnam occupation classification",
        TTG,
        "CODE_LIST",
        issued="2020-11-26",
    ),
    standard(
        "STD-VSIC",
        "27/2018/QĐ-TTg",
        "Hệ thống ngành kinh tế Việt Nam (VSIC 2018)",
        "Vietnam Standard Industrial Classification 2018",
        TTG,
        "CODE_LIST",
        version="2018",
    ),
    standard(
        "STD-ICD10",
        "4469/QĐ-BYT",
        "Bảng phân loại quốc tế mã hóa bệnh tật, nguyên nhân tử vong ICD-10",
        "ICD-10 classification of diseases",
        "Bộ Y tế",
        "CODE_LIST",
        issued="2020-10-28",
        version="ICD-10",
    ),
    standard(
        "STD-BHYT-XML",
        "130/QĐ-BYT (sửa đổi bởi 4750/QĐ-BYT)",
        "Chuẩn và định dạng dữ liệu đầu ra phục "
        "vụ giám định, thanh toán chi phí khám bệnh, chữa bệnh bảo hiểm y tế",
        "Health-insurance XML output tables",
        "Bộ Y tế",
        "TECHNICAL_STANDARD",
    ),
    standard(
        "STD-PID",
        "Luật Căn cước 26/2023/QH15; NĐ 137/2015/NĐ-CP",
        "Số định danh cá nhân",
        "Personal identification number (12 digits)",
        "Quốc hội; Chính phủ",
        "DICTIONARY_TERM",
    ),
    standard(
        "STD-EDU",
        "01/2017/QĐ-TTg",
        "Danh mục giáo dục, đào tạo của hệ thống giáo dục quốc dân",
        "Classification of education and training of the national education system",
        TTG,
        "CODE_LIST",
    ),
    standard(
        "STD-SEC",
        "TCVN 11930:2017",
        "Yêu cầu cơ bản về an toàn hệ thống thông tin theo cấp độ",
        "Information-system security requirements by level (1-5)",
        "Bộ Khoa học và Công nghệ",
        "TECHNICAL_STANDARD",
        version="2017",
    ),
    standard(
        "STD-GEO",
        "VN-2000; ISO 19115",
        "Hệ quy chiếu và hệ tọa độ quốc gia VN-2000; siêu dữ liệu địa lý",
        "VN-2000 national coordinate reference system; geographic metadata",
        "Bộ Tài nguyên và Môi trường; ISO",
        "TECHNICAL_STANDARD",
    ),
    standard(
        "STD-MDR",
        "ISO/IEC 11179; DCAT-AP 3.0",
        "Đăng ký siêu dữ liệu; từ vựng danh mục dữ liệu",
        "Metadata registries; data catalog vocabulary",
        "ISO/IEC; W3C / Ủy ban châu Âu",
        "TECHNICAL_STANDARD",
        version="DCAT-AP 3.0",
    ),
    # Added for the "maps to" column of the field lists [mem].
    standard(
        "STD-ISO8601",
        "ISO 8601-1:2019",
        "Biểu diễn ngày và giờ",
        "Date and time representation",
        "ISO",
        "TECHNICAL_STANDARD",
        version="2019",
    ),
    standard(
        "STD-ISO3166",
        "ISO 3166-1",
        "Mã quốc gia (alpha-2), dùng trong QCVN 109 Phụ lục H",
        "Country codes (alpha-2), as used by QCVN 109 Annex H",
        "ISO",
        "CODE_LIST",
    ),
    standard(
        "STD-TTHC",
        "63/2010/NĐ-CP",
        "Cơ sở dữ liệu quốc gia về thủ tục hành chính: mã và lĩnh vực TTHC",
        "National database of administrative procedures: procedure codes and domains",
        "Chính phủ",
        "CODE_LIST",
        issued="2010-06-08",
    ),
    standard(
        "STD-DVC-LEVEL",
        "42/2022/NĐ-CP",
        "Mức độ dịch vụ công trực tuyến (toàn trình, một phần)",
        "Levels of online public services (full, partial)",
        "Chính phủ",
        "REGULATION",
    ),
    standard(
        "STD-LANDTYPE",
        "Luật Đất đai 31/2024/QH15",
        "Phân loại đất và ký hiệu loại đất",
        "Land categories and their symbols",
        "Quốc hội",
        "CODE_LIST",
        issued="2024-01-18",
    ),
    standard(
        "STD-ENTERPRISE",
        "Luật Doanh nghiệp 59/2020/QH14",
        "Loại hình doanh nghiệp",
        "Types of enterprise",
        "Quốc hội",
        "REGULATION",
        issued="2020-06-17",
    ),
    standard(
        "STD-SOCIAL",
        "20/2021/NĐ-CP",
        "Đối tượng và mức trợ giúp xã hội hằng tháng",
        "Groups and rates of monthly social assistance",
        "Chính phủ",
        "REGULATION",
        issued="2021-03-15",
    ),
]

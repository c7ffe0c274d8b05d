"""Open data of tourism, culture, sport and education: OD15-OD17, beyond the rows of §5.2.

OD15 lists the tourist areas of the merged province (Đà Lạt and the Tuyền Lâm lake, Mũi Né, the Đắk
Nông Geopark around Tà Đùng; §5.2 local colour [mem]) and does not repeat DS25 (heritage sites)
or DS26 (accommodation). OD16 was Sở VHTTDL Đắk Nông's and passed to Lâm Đồng on 1/7/2025 (§4).
OD17 is the public face of DS21: the school network with aggregate counts of classes, pupils and
teachers and nothing about any pupil. Sources: §4, §5; Luật Du lịch 09/2017/QH14, Luật Thể dục, thể
thao 77/2006/QH11, Luật Thư viện 46/2019/QH14, Luật Giáo dục 43/2019/QH14 and the national-standard
levels of schools (mức 1, mức 2) [mem]. Places are real examples; codes, figures, contacts [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SVHTTDL, LD_SGDDT, LD_SVHTTDL
from dictionary.demo.build import (
    LAM_DONG_2025,
    VOCAB,
    WHOLE_PROVINCE,
    contact,
    dataset,
    download,
    law,
    open_api,
)
from dictionary.demo.fields import agency_id, area, commune, field, money, point

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
LUAT_TDTT = law("77/2006/QH11", "Luật Thể dục, thể thao", "2006-11-29", "IN_FORCE")
LUAT_THU_VIEN = law("46/2019/QH14", "Luật Thư viện", "2019-11-21", "IN_FORCE")
EDU = [("STD-EDU", "exactMatch", "Cấp học, trình độ đào tạo")]
TOURIST_COMMUNES = [VOCAB + "admin-units-2025/24781", VOCAB + "admin-units-2025/22918",
                    VOCAB + "admin-units-2025/24637"]

OD15 = dataset(
    "OD15",
    slug="khu-diem-du-lich",
    title_vi="Khu du lịch, điểm du lịch",
    title_en="Tourist areas and attractions",
    description_vi="Khu du lịch quốc gia, khu du lịch cấp tỉnh và điểm du lịch được công nhận trên địa bàn "
    "tỉnh Lâm Đồng (Hồ Tuyền Lâm, Langbiang, Mũi Né, hồ Tà Đùng…) với loại hình, quyết định công nhận, vị "
    "trí, giá vé, giờ mở cửa và sức chứa.",
    description_en="Recognised national and provincial tourist areas and attractions with type, location, "
    "ticket price, opening hours and capacity.",
    purpose="Quảng bá du lịch; ứng dụng bản đồ du lịch số; quản lý điểm đến.",
    scope="Khu, điểm du lịch được công nhận hoặc đang hoạt động trên địa bàn tỉnh Lâm Đồng.",
    content="Mã, tên, loại, loại hình, quyết định công nhận, vị trí, giá vé, giờ mở cửa, sức chứa, mô tả.",
    collection_mechanism="Cập nhật khi công nhận, thay đổi giá vé, giờ mở cửa; rà soát hằng quý.",
    source="Sở Văn hóa, Thể thao và Du lịch; ban quản lý khu, điểm du lịch.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", related_national_db="CSDL du lịch",
    themes=["KINH_TE", "GIAO_DUC_VAN_HOA", "VUNG_DIA_PHUONG"],
    keywords_vi=["du lịch", "điểm đến", "Đà Lạt", "Mũi Né", "khu du lịch quốc gia"],
    keywords_en=["tourism", "attractions", "destinations", "Da Lat"],
    frequency="QUARTERLY", temporal_start="2025-07-01", data_updated_on="2026-10-10",
    spatial=[LAM_DONG_2025, *TOURIST_COMMUNES],
    legal_basis=[L.LUAT_DU_LICH, *L.OPEN_DATA], owner=LD_SVHTTDL, owned_since="2025-07-01",
    contact_points=[contact("Mai Xuân Bách", "Phòng Quản lý du lịch", "mxbach.svhttdl", LD_SVHTTDL)],
    fields=[
        field("ma_diem", "Mã khu, điểm du lịch", "Attraction code", "STRING", 15, pk=True, unique=True,
              ex="DL-68-0107", d="Mã trong CSDL du lịch của tỉnh."),
        field("ten", "Tên khu, điểm du lịch", "Name", "STRING", 255, req=True,
              ex="Khu du lịch quốc gia Hồ Tuyền Lâm", d="Tên theo quyết định công nhận."),
        field("cap_cong_nhan", "Cấp công nhận", "Recognition", "CODE", 25,
              d="KHU_DU_LICH_QUOC_GIA, KHU_DU_LICH_TINH, DIEM_DU_LICH, CHUA_CONG_NHAN."),
        field("loai_hinh", "Loại hình", "Type of tourism", "CODE", 20,
              d="SINH_THAI, VAN_HOA_LICH_SU, NGHI_DUONG_BIEN, NONG_NGHIEP, CONG_DONG, MAO_HIEM."),
        field("so_quyet_dinh", "Quyết định công nhận", "Recognising decision", "STRING", 30,
              d="Số quyết định công nhận khu, điểm du lịch."),
        commune(ex="24781"),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa chỉ hoặc mô tả vị trí."),
        point(ex="POINT(108.42 11.89)"),
        money("gia_ve", "Giá vé người lớn", "Adult ticket", d="Giá vé tham quan một lượt cho người lớn."),
        field("gio_mo_cua", "Giờ mở cửa", "Opening hours", "STRING", 50, ex="07:00-17:00",
              d="Giờ đón khách."),
        field("suc_chua", "Sức chứa", "Capacity", "INTEGER", unit="lượt khách/ngày",
              d="Sức chứa tối đa theo phương án được duyệt."),
        field("don_vi_quan_ly", "Đơn vị quản lý, khai thác", "Operator", "STRING", 255,
              d="Ban quản lý hoặc doanh nghiệp quản lý, khai thác."),
        field("website", "Trang web", "Web site", "STRING", 255, d="Trang thông tin của khu, điểm du lịch."),
        field("mo_ta", "Giới thiệu", "Description", "TEXT",
              d="Giới thiệu ngắn (vi, en), giấy phép CC BY 4.0."),
    ],
    distributions=[download("khu-diem-du-lich", "GEOJSON", 640_000),
                   download("khu-diem-du-lich", "CSV", 210_000),
                   open_api("khu-diem-du-lich")],
    standards=[("STD-GEO", "closeMatch", "WGS84 point")],
)

OD16 = dataset(
    "OD16",
    slug="thiet-che-van-hoa-the-thao",
    title_vi="Thiết chế văn hóa, thể thao",
    title_en="Cultural and sports facilities",
    description_vi="Trung tâm văn hóa, thư viện, bảo tàng, sân vận động, nhà thi đấu, bể bơi và trung tâm "
    "văn hóa - thể thao cấp xã, với đơn vị quản lý, vị trí, quy mô, sức chứa và giờ phục vụ.",
    description_en="Cultural centres, libraries, museums, stadiums, sports halls and pools with operator, "
    "location, size, capacity and opening hours.",
    purpose="Công khai thiết chế phục vụ người dân; quy hoạch mạng lưới; theo dõi hiệu quả sử dụng.",
    scope="Thiết chế cấp tỉnh và cấp xã: Đắk Nông cũ từ 2019; toàn tỉnh Lâm Đồng từ 1/7/2025.",
    content="Mã, tên, loại, cấp và đơn vị quản lý, vị trí, diện tích, sức chứa, năm sử dụng, tình trạng.",
    collection_mechanism="Rà soát hằng năm với UBND cấp xã và đơn vị sự nghiệp trực thuộc Sở.",
    source="Sở Văn hóa, Thể thao và Du lịch; UBND cấp xã.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["GIAO_DUC_VAN_HOA"],
    keywords_vi=["thiết chế văn hóa", "thư viện", "sân vận động", "nhà thi đấu", "thể thao"],
    keywords_en=["cultural facilities", "libraries", "sports facilities"],
    frequency="ANNUAL", temporal_start="2019-01-01", data_updated_on="2025-12-15", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_TDTT, LUAT_THU_VIEN, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_SVHTTDL,
    owned_since="2019-01-01",
    contact_points=[contact("K'Thị Hoa", "Phòng Quản lý văn hóa và gia đình", "kthoa.svhttdl", LD_SVHTTDL)],
    fields=[
        field("ma_thiet_che", "Mã thiết chế", "Facility code", "STRING", 15, pk=True, unique=True,
              ex="TC-68-0241", d="Mã thiết chế trong danh mục của Sở."),
        field("ten", "Tên thiết chế", "Name", "STRING", 255, req=True, ex="Thư viện tỉnh (cơ sở Gia Nghĩa)",
              d="Tên thiết chế."),
        field("loai", "Loại thiết chế", "Facility type", "CODE", 20, req=True,
              d="TRUNG_TAM_VAN_HOA, THU_VIEN, BAO_TANG, SAN_VAN_DONG, NHA_THI_DAU, BE_BOI, TT_VHTT_XA."),
        field("cap_quan_ly", "Cấp quản lý", "Level", "CODE", 5, d="TINH hoặc XA."),
        agency_id("don_vi_quan_ly", "Đơn vị quản lý", "Managing agency"),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa chỉ của thiết chế."),
        point(),
        area("dien_tich_khuon_vien", "Diện tích khuôn viên", "Site area", d="Diện tích khuôn viên."),
        field("suc_chua", "Sức chứa", "Capacity", "INTEGER", unit="chỗ",
              d="Số chỗ ngồi khán đài, hội trường."),
        field("nam_su_dung", "Năm đưa vào sử dụng", "Year opened", "INTEGER", d="Năm đưa vào sử dụng."),
        field("gio_phuc_vu", "Giờ phục vụ", "Opening hours", "STRING", 100, ex="07:30-21:00 (thứ Hai nghỉ)",
              d="Giờ mở cửa phục vụ người dân."),
        field("tinh_trang", "Tình trạng", "Condition", "CODE", 15, d="TOT, XUONG_CAP, DANG_SUA_CHUA."),
    ],
    distributions=[download("thiet-che-van-hoa-the-thao", "CSV", 48_000),
                   download("thiet-che-van-hoa-the-thao", "GEOJSON", 120_000)],
)

OD17 = dataset(
    "OD17",
    slug="mang-luoi-truong-hoc",
    title_vi="Mạng lưới trường mầm non, phổ thông và giáo dục thường xuyên",
    title_en="School network: pre-school, general and continuing education",
    description_vi="Danh sách trường mầm non, tiểu học, THCS, THPT, trường liên cấp và trung tâm giáo dục "
    "nghề nghiệp - giáo dục thường xuyên với loại hình, địa chỉ, liên hệ của trường, mức đạt chuẩn quốc gia "
    "và số lớp, học sinh, giáo viên tổng hợp theo năm học; không có dữ liệu của từng học sinh.",
    description_en="Schools with type, address, school contact, national-standard level and aggregate counts "
    "of classes, pupils and teachers per school year; nothing about individual pupils.",
    purpose="Phụ huynh tra cứu trường; công khai quy mô giáo dục; quy hoạch mạng lưới trường lớp.",
    scope="Cơ sở giáo dục mầm non, phổ thông, GDNN-GDTX của tỉnh Lâm Đồng từ năm học 2025-2026.",
    content="Mã, tên, cấp học, loại hình, xã, địa chỉ, liên hệ, số lớp, học sinh, giáo viên, đạt chuẩn.",
    collection_mechanism="Trích từ CSDL ngành giáo dục sau ngày chốt số liệu đầu năm học (30/9).",
    source="CSDL ngành giáo dục (bộ Trường học, lớp học, học sinh).",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="CSDL ngành giáo dục", themes=["GIAO_DUC_VAN_HOA"],
    keywords_vi=["trường học", "mạng lưới trường lớp", "tuyển sinh", "trường chuẩn quốc gia"],
    keywords_en=["schools", "school network", "enrolment"],
    frequency="ANNUAL", temporal_start="2025-09-01", data_updated_on="2026-10-15", spatial=[LAM_DONG_2025],
    legal_basis=[L.LUAT_GIAO_DUC, *L.OPEN_DATA], owner=LD_SGDDT, owned_since="2025-07-01",
    contact_points=[contact("Trần Thị Ánh Tuyết", "Phòng Kế hoạch - Tài chính", "ttatuyet.sgddt", LD_SGDDT)],
    fields=[
        field("ma_truong", "Mã trường", "School code", "STRING", 20, pk=True, ex="68000712",
              d="Mã trường trong CSDL ngành giáo dục."),
        field("nam_hoc", "Năm học", "School year", "STRING", 9, pk=True, ex="2026-2027",
              d="Năm học của số liệu."),
        field("ten_truong", "Tên trường", "School name", "STRING", 255, req=True, ex="Trường THPT Chu Văn An",
              d="Tên trường theo quyết định thành lập."),
        field("cap_hoc", "Cấp học", "Education level", "CODE", 5, cl="STD-EDU", maps=EDU,
              d="Mầm non, tiểu học, THCS, THPT, liên cấp, GDNN-GDTX."),
        field("loai_hinh", "Loại hình", "Ownership", "CODE", 10, d="CONG_LAP, TU_THUC, DAN_LAP."),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa chỉ điểm trường chính."),
        field("dien_thoai", "Điện thoại của trường", "School telephone", "STRING", 15,
              d="Số điện thoại văn phòng nhà trường."),
        field("website", "Trang web", "Web site", "STRING", 255, d="Trang thông tin điện tử của trường."),
        field("so_lop", "Số lớp", "Classes", "INTEGER", unit="lớp", d="Số lớp (nhóm lớp) đầu năm học."),
        field("so_hoc_sinh", "Số học sinh", "Pupils", "INTEGER", unit="học sinh",
              d="Tổng số học sinh đầu năm học (số tổng hợp)."),
        field("so_giao_vien", "Số giáo viên", "Teachers", "INTEGER", unit="người",
              d="Số giáo viên trực tiếp giảng dạy."),
        field("muc_dat_chuan", "Mức đạt chuẩn quốc gia", "National standard", "CODE", 10,
              d="CHUA_DAT, MUC_1, MUC_2."),
        point(),
    ],
    distributions=[download("mang-luoi-truong-hoc", "CSV", 240_000),
                   download("mang-luoi-truong-hoc", "XLSX", 310_000), open_api("mang-luoi-truong-hoc")],
    standards=[("STD-EDU", "relatedMatch")],
)

DATASETS = [OD15, OD16, OD17]

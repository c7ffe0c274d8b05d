"""Demo datasets of culture, tourism, construction and transport: DS25-DS28 of vietnam-context.md §5.2.

DS25 covers the Đắk Nông UNESCO Global Geopark (§5.2 local colour [mem]); DS28 was owned by Sở
Giao thông vận tải Đắk Nông, merged into Sở Xây dựng on 1/3/2025 (§4). Sources: §5.2 [syn]; Luật
Du lịch 09/2017/QH14, Luật Xây dựng 50/2014/QH13, Luật Di sản văn hóa 45/2024/QH15 [mem].
Records and contacts are synthesised [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SGTVT, DN_SVHTTDL, DN_SXD, LD_SVHTTDL, LD_SXD
from dictionary.demo.build import VOCAB, contact, dataset, download, law, lgsp, open_api
from dictionary.demo.fields import (
    agency_id,
    area,
    commune,
    day,
    enterprise_code,
    field,
    full_name,
    pid,
    point,
    shape,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
LUAT_DI_SAN = law("45/2024/QH15", "Luật Di sản văn hóa", "2024-11-23", "IN_FORCE")
LUAT_DUONG_BO = law("35/2024/QH15", "Luật Đường bộ", "2024-06-27", "IN_FORCE")
GEOPARK_COMMUNES = [VOCAB + "admin-units-2025/24611", VOCAB + "admin-units-2025/24631",
                    VOCAB + "admin-units-2025/24637"]

DS25 = dataset(
    "DS25",
    slug="di-tich-cong-vien-dia-chat",
    title_vi="Di tích và điểm di sản Công viên địa chất Đắk Nông",
    title_en="Heritage sites and geosites of the Đắk Nông Geopark",
    description_vi="Di tích lịch sử - văn hóa đã xếp hạng và các điểm di sản địa chất của Công viên địa "
    "chất toàn cầu UNESCO Đắk Nông (hang động núi lửa Krông Nô, thác Đray Sáp, hồ Tà Đùng…), kèm tuyến tham "
    "quan.",
    description_en="Ranked heritage sites and the geosites of the UNESCO Global Geopark Đắk Nông, with "
    "routes.",
    purpose="Bảo tồn, quảng bá di sản; phục vụ du lịch và giáo dục; báo cáo tái thẩm định UNESCO.",
    scope="Di tích cấp tỉnh, cấp quốc gia và các điểm di sản trong vùng công viên địa chất.",
    content="Tên, loại, cấp xếp hạng, quyết định, vị trí, mô tả giá trị, hình ảnh, tuyến tham quan.",
    collection_mechanism="Cập nhật khi xếp hạng, khảo sát bổ sung điểm di sản; rà soát hằng năm.",
    source="Ban quản lý Công viên địa chất; hồ sơ xếp hạng di tích.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="CSDL di sản văn hóa", themes=["GIAO_DUC_VAN_HOA", "VUNG_DIA_PHUONG"],
    keywords_vi=["di tích", "công viên địa chất", "UNESCO", "du lịch"],
    keywords_en=["heritage", "geopark", "UNESCO", "tourism"],
    frequency="ANNUAL", temporal_start="2020-07-07", data_updated_on="2025-10-01",
    spatial=[VOCAB + "admin-units-2025/68", VOCAB + "admin-units-2004/67", *GEOPARK_COMMUNES],
    legal_basis=[LUAT_DI_SAN, *L.DATA_SHARING], owner=DN_SVHTTDL, owned_since="2020-08-01",
    contact_points=[contact("K'Thị Hoa", "Phòng Quản lý di sản", "kthoa.svhttdl", LD_SVHTTDL)],
    fields=[
        field("ma_di_san", "Mã di sản", "Site code", "STRING", 20, pk=True, unique=True, ex="GS-KN-03",
              d="Mã di tích hoặc điểm di sản địa chất trong danh mục của tỉnh."),
        field("ten", "Tên di tích, điểm di sản", "Name", "STRING", 255, req=True, ex="Hang động núi lửa C3",
              d="Tên di tích hoặc điểm di sản."),
        field("loai", "Loại", "Type", "CODE", 20,
              d="DI_TICH_LICH_SU, DI_TICH_KIEN_TRUC, DIEM_DI_SAN_DIA_CHAT."),
        field("cap_xep_hang", "Cấp xếp hạng", "Ranking", "CODE", 20,
              d="QUOC_GIA_DAC_BIET, QUOC_GIA, TINH, CHUA_XEP_HANG."),
        field("so_quyet_dinh", "Quyết định xếp hạng", "Ranking decision", "STRING", 30,
              d="Số quyết định xếp hạng di tích."),
        day("ngay_xep_hang", "Ngày xếp hạng", "Ranked on",
            d="Ngày ký quyết định xếp hạng."),
        commune(),
        point(),
        field("mo_ta", "Mô tả giá trị", "Description", "TEXT",
              d="Mô tả giá trị lịch sử, văn hóa, địa chất của điểm di sản."),
        field("tuyen_tham_quan", "Tuyến tham quan", "Route", "STRING", 100,
              ex="Tuyến 1: Hành trình về miền lửa thiêng",
              d="Tuyến tham quan của Công viên địa chất có điểm này."),
        field("hinh_anh", "Hình ảnh", "Picture", "STRING", 500,
              d="Đường dẫn ảnh đại diện (giấy phép CC BY 4.0)."),
    ],
    distributions=[download("di-tich-cong-vien-dia-chat", "GEOJSON", 820_000),
                   download("di-tich-cong-vien-dia-chat", "CSV", 120_000)],
    standards=[("STD-GEO", "closeMatch", "ISO 19115")],
)

DS26 = dataset(
    "DS26",
    slug="co-so-luu-tru-du-lich",
    title_vi="Cơ sở lưu trú du lịch",
    title_en="Tourist accommodation",
    description_vi="Khách sạn, resort, nhà nghỉ, homestay đã được công nhận hạng hoặc thông báo đủ điều "
    "kiện kinh doanh lưu trú du lịch.",
    description_en="Hotels, resorts, guesthouses and homestays registered for tourist accommodation.",
    purpose="Quảng bá du lịch; quản lý, thống kê lượt khách.",
    scope="Cơ sở lưu trú tại Đắk Nông cũ.",
    content="Tên, loại hình, hạng, số buồng, địa chỉ, liên hệ, vị trí, tổ chức kinh doanh.",
    collection_mechanism="Cập nhật khi công nhận, thu hồi, thay đổi; rà soát hằng quý.",
    source="Sở Văn hóa, Thể thao và Du lịch.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", related_national_db="CSDL du lịch",
    themes=["KINH_TE", "GIAO_DUC_VAN_HOA"], keywords_vi=["lưu trú", "khách sạn", "homestay", "du lịch"],
    keywords_en=["accommodation", "hotels", "tourism"],
    frequency="QUARTERLY", temporal_start="2018-01-01", data_updated_on="2026-10-01",
    legal_basis=[L.LUAT_DU_LICH, *L.DATA_SHARING], owner=DN_SVHTTDL, owned_since="2019-01-01",
    contact_points=[contact("Mai Xuân Bách", "Phòng Quản lý du lịch", "mxbach.svhttdl", LD_SVHTTDL)],
    fields=[
        field("ma_co_so", "Mã cơ sở", "Establishment code", "STRING", 20, pk=True, unique=True,
              d="Mã cơ sở lưu trú trong CSDL du lịch."),
        field("ten_co_so", "Tên cơ sở", "Name", "STRING", 255, req=True,
              d="Tên thương mại của cơ sở lưu trú."),
        field("loai_hinh", "Loại hình", "Type", "CODE", 12,
              d="KHACH_SAN, RESORT, NHA_NGHI, HOMESTAY, BIET_THU."),
        field("hang_sao", "Hạng sao", "Stars", "INTEGER",
              d="Hạng sao được công nhận (1-5); trống nếu chưa xếp hạng."),
        field("so_buong", "Số buồng", "Rooms", "INTEGER",
              d="Tổng số buồng lưu trú."),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255,
              d="Địa chỉ chi tiết của cơ sở."),
        field("dien_thoai", "Điện thoại cơ sở", "Telephone", "STRING", 15,
              d="Số điện thoại lễ tân, đặt phòng của cơ sở."),
        field("website", "Trang web", "Web site", "STRING", 255,
              d="Trang thông tin điện tử của cơ sở."),
        point(),
        enterprise_code("to_chuc_kinh_doanh", "Tổ chức kinh doanh", "Operator"),
        day("ngay_cong_nhan", "Ngày công nhận", "Recognised on",
            d="Ngày quyết định công nhận hạng hoặc tiếp nhận thông báo."),
    ],
    distributions=[download("co-so-luu-tru-du-lich", "CSV", 56_000), open_api("co-so-luu-tru-du-lich")],
)

DS27 = dataset(
    "DS27",
    slug="giay-phep-xay-dung",
    title_vi="Giấy phép xây dựng",
    title_en="Construction permits",
    description_vi="Giấy phép xây dựng do Sở Xây dựng và UBND cấp huyện (đến 30/6/2025), UBND cấp xã (từ "
    "1/7/2025) cấp, gắn với thửa đất trong CSDL địa chính.",
    description_en="Construction permits, linked to the cadastral parcels.",
    purpose="Quản lý trật tự xây dựng; liên thông với địa chính, thuế; thống kê nhà ở.",
    scope="Giấy phép xây dựng cấp trên địa bàn Đắk Nông cũ từ năm 2015.",
    content="Giấy phép, loại công trình, chủ đầu tư, thửa đất, quy mô, cơ quan cấp.",
    collection_mechanism="Ghi nhận khi cấp phép qua Hệ thống thông tin giải quyết TTHC.",
    source="Hồ sơ cấp phép xây dựng.",
    data_layer="TXN", sharing_mode="THEO_YEU_CAU",
    related_national_db="CSDLQG về hoạt động xây dựng", themes=["KINH_TE", "VUNG_DIA_PHUONG"],
    keywords_vi=["giấy phép xây dựng", "công trình", "nhà ở"], keywords_en=["building permits"],
    frequency="WEEKLY", temporal_start="2015-01-01", data_updated_on="2026-11-21",
    legal_basis=[L.LUAT_XAY_DUNG, *L.DATA_SHARING], owner=DN_SXD, owned_since="2017-01-01",
    contact_points=[contact("Cao Văn Đức", "Phòng Quản lý hoạt động xây dựng", "cvduc.sxd", LD_SXD)],
    fields=[
        field("so_giay_phep", "Số giấy phép", "Permit number", "STRING", 30, pk=True, unique=True,
              ex="215/GPXD",
              d="Số giấy phép xây dựng do cơ quan có thẩm quyền cấp."),
        field("loai_cong_trinh", "Loại công trình", "Building type", "CODE", 20,
              d="NHA_O_RIENG_LE, DAN_DUNG, CONG_NGHIEP…"),
        full_name("chu_dau_tu", "Chủ đầu tư", label_en="Developer",
                  d="Tên chủ đầu tư (với cá nhân là dữ liệu cá nhân)."),
        # The licensing software predates the 12-digit number and still takes 9-digit CMND numbers.
        pid("so_dinh_danh_chu_dau_tu", "Số định danh chủ đầu tư", data_type="TEXT", length=20),
        field("ma_thua", "Mã thửa đất", "Parcel", "STRING", 20, fk="thua-dat-ho-so-dia-chinh.ma_thua",
              d="Thửa đất xây dựng trong CSDL địa chính."),
        commune(),
        field("dia_chi_cong_trinh", "Địa chỉ công trình", "Site address", "STRING", 255,
              d="Địa chỉ nơi xây dựng công trình."),
        area("dien_tich_xay_dung", "Diện tích xây dựng", "Footprint",
             d="Diện tích chiếm đất của công trình."),
        area("tong_dien_tich_san", "Tổng diện tích sàn", "Floor area",
             d="Tổng diện tích sàn xây dựng."),
        field("so_tang", "Số tầng", "Storeys", "INTEGER",
              d="Số tầng trên mặt đất."),
        field("chieu_cao", "Chiều cao", "Height", "DECIMAL", prec=6, scale=2, unit="m",
              d="Chiều cao công trình tính từ cốt nền."),
        day("ngay_cap", "Ngày cấp", "Issued on", req=True,
            d="Ngày ký giấy phép xây dựng."),
        agency_id("co_quan_cap", "Cơ quan cấp phép", "Issuing agency"),
        status_field("CON_HIEU_LUC, DIEU_CHINH, THU_HOI, HET_HIEU_LUC"),
    ],
    distributions=[lgsp("giay-phep-xay-dung", "Dịch vụ tra cứu giấy phép xây dựng", "Permit lookup")],
)

DS28 = dataset(
    "DS28",
    slug="ket-cau-ha-tang-giao-thong",
    title_vi="Kết cấu hạ tầng giao thông đường bộ",
    title_en="Road and bridge assets",
    description_vi="Tuyến đường tỉnh, quốc lộ ủy thác, đường huyện cũ và cầu trên địa bàn, kèm cấp kỹ "
    "thuật, kết cấu mặt, tình trạng và hình học tuyến (lớp GIS).",
    description_en="Provincial roads and bridges with technical class, pavement, condition and geometry.",
    purpose="Quản lý, bảo trì tài sản kết cấu hạ tầng giao thông; công khai mạng lưới đường.",
    scope="Đường tỉnh, đường huyện (cũ), cầu trên các tuyến đó tại Đắk Nông cũ.",
    content="Tuyến, loại tài sản, cấp quản lý, chiều dài, bề rộng, kết cấu, tải trọng, tình trạng.",
    collection_mechanism="Kiểm định, khảo sát hằng năm; cập nhật sau mỗi dự án.",
    source="Sở Giao thông vận tải (đến 28/2/2025); Sở Xây dựng.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="CSDL kết cấu hạ tầng giao thông", themes=["GIAO_THONG"],
    keywords_vi=["giao thông", "đường bộ", "cầu", "GIS"], keywords_en=["roads", "bridges", "GIS"],
    frequency="ANNUAL", temporal_start="2019-01-01", data_updated_on="2025-06-30",
    legal_basis=[LUAT_DUONG_BO, *L.DATA_SHARING], owner=DN_SGTVT, owned_since="2019-01-01",
    contact_points=[contact("Cao Văn Đức", "Phòng Quản lý kết cấu hạ tầng giao thông", "cvduc.sxd", LD_SXD)],
    fields=[
        field("ma_tai_san", "Mã tài sản", "Asset code", "STRING", 20, pk=True, unique=True, ex="DT681-KM12",
              d="Mã tài sản: số hiệu tuyến và lý trình."),
        field("loai_tai_san", "Loại tài sản", "Asset type", "CODE", 5, d="DUONG hoặc CAU."),
        field("ten_tuyen", "Tên tuyến", "Route name", "STRING", 255, req=True, ex="Quốc lộ 14",
              d="Tên tuyến đường hoặc tên cầu."),
        field("cap_quan_ly", "Cấp quản lý", "Road class", "CODE", 3, d="QL, DT, DH (cũ), DX, DD."),
        field("chieu_dai", "Chiều dài", "Length", "DECIMAL", prec=8, scale=2, unit="km",
              d="Chiều dài đoạn tuyến hoặc cầu."),
        field("be_rong_mat", "Bề rộng mặt", "Pavement width", "DECIMAL", prec=5, scale=2, unit="m",
              d="Bề rộng mặt đường xe chạy."),
        field("ket_cau_mat", "Kết cấu mặt", "Pavement", "CODE", 10, d="BTN, BTXM, LANG_NHUA, CAP_PHOI, DAT."),
        field("tai_trong", "Tải trọng thiết kế", "Design load", "DECIMAL", prec=6, scale=1, unit="tấn"),
        field("nam_su_dung", "Năm đưa vào sử dụng", "Year opened", "INTEGER"),
        field("tinh_trang", "Tình trạng", "Condition", "CODE", 10, d="TOT, TRUNG_BINH, KEM, RAT_KEM."),
        shape(),
    ],
    distributions=[download("ket-cau-ha-tang-giao-thong", "SHP", 23_400_000),
                   download("ket-cau-ha-tang-giao-thong", "GEOJSON", 29_100_000)],
    standards=[("STD-GEO", "exactMatch", "VN-2000")],
)

DATASETS = [DS25, DS26, DS27, DS28]

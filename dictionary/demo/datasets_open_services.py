"""Open data of public services: OD18-OD20, open-data additions beyond the rows of §5.2.

OD18 (pharmacies meeting Good Pharmacy Practice) was Sở Y tế Đắk Nông's; it names the pharmacy, not
the pharmacist in charge, whose name is personal data (Decree 356/2025) and stays in the licensing
records. OD20 was kept by Sở Thông tin và Truyền thông Đắk Nông, merged into Sở Khoa học và Công
nghệ Đắk Nông on 1/3/2025 and into Sở KH&CN Lâm Đồng on 1/7/2025 (§4). OD19 starts with the merged
province (transport passed to Sở Xây dựng on 1/3/2025). Sources: §4, §5; Luật Dược 105/2016/QH13,
Thông tư 02/2018/TT-BYT (GPP), Luật Đường bộ 35/2024/QH15, NĐ 158/2024/NĐ-CP (road transport), Luật
Bưu chính 49/2010/QH12, Luật Viễn thông 24/2023/QH15 [mem]. Routes and places are real examples;
codes, figures and contacts [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_STTTT, DN_SYT, LD_SKHCN, LD_SXD, LD_SYT
from dictionary.demo.build import WHOLE_PROVINCE, contact, dataset, download, law, open_api
from dictionary.demo.datasets_culture import LUAT_DUONG_BO
from dictionary.demo.fields import commune, day, enterprise_code, field, money, point, shape, status_field

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
LUAT_DUOC = law("105/2016/QH13", "Luật Dược", "2016-04-06", "IN_FORCE")
TT02_2018 = law("02/2018/TT-BYT", "Thông tư quy định về Thực hành tốt cơ sở bán lẻ thuốc", "2018-01-22",
                "IN_FORCE")
ND158_2024 = law("158/2024/NĐ-CP", "Nghị định quy định về hoạt động vận tải đường bộ", "2024-12-18",
                 "IN_FORCE")
LUAT_BUU_CHINH = law("49/2010/QH12", "Luật Bưu chính", "2010-06-17", "IN_FORCE")
LUAT_VIEN_THONG = law("24/2023/QH15", "Luật Viễn thông", "2023-11-24", "IN_FORCE")

OD18 = dataset(
    "OD18",
    slug="co-so-ban-le-thuoc-gpp",
    title_vi="Cơ sở bán lẻ thuốc đạt Thực hành tốt (GPP)",
    title_en="Retail pharmacies meeting Good Pharmacy Practice (GPP)",
    description_vi="Nhà thuốc, quầy thuốc, tủ thuốc trạm y tế được cấp giấy chứng nhận đủ điều kiện kinh "
    "doanh dược và đánh giá đáp ứng GPP, với phạm vi kinh doanh, địa chỉ và hạn đánh giá định kỳ, để người "
    "dân mua thuốc ở cơ sở hợp pháp. Không công bố người chịu trách nhiệm chuyên môn.",
    description_en="Licensed pharmacies and drug counters meeting GPP, with scope, address and next "
    "inspection date; the pharmacist in charge is not published.",
    purpose="Công khai cơ sở bán lẻ thuốc hợp pháp; hỗ trợ thanh tra, hậu kiểm.",
    scope="Đắk Nông cũ từ 2018; toàn tỉnh Lâm Đồng từ 1/7/2025.",
    content="Cơ sở, loại hình, giấy chứng nhận, ngày và hạn đánh giá GPP, phạm vi, địa chỉ, tình trạng.",
    collection_mechanism="Cập nhật khi cấp, điều chỉnh, thu hồi giấy chứng nhận và sau mỗi đợt đánh giá GPP.",
    source="Hồ sơ cấp giấy chứng nhận đủ điều kiện kinh doanh dược của Sở Y tế.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", related_national_db="CSDL dược quốc gia",
    themes=["Y_TE"], keywords_vi=["nhà thuốc", "quầy thuốc", "GPP", "kinh doanh dược"],
    keywords_en=["pharmacies", "GPP", "drug retail"],
    frequency="MONTHLY", temporal_start="2018-01-01", data_updated_on="2026-11-12", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_DUOC, TT02_2018, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_SYT, owned_since="2018-01-01",
    contact_points=[contact("Lâm Quang Vinh", "Phòng Nghiệp vụ Dược", "lqvinh.syt", LD_SYT)],
    fields=[
        field("ma_co_so", "Mã cơ sở", "Outlet code", "STRING", 20, pk=True, unique=True, ex="GPP-68-01532",
              d="Mã cơ sở bán lẻ thuốc trong danh mục của Sở Y tế."),
        field("ten_co_so", "Tên cơ sở", "Outlet name", "STRING", 255, req=True, ex="Nhà thuốc Hồng Phúc",
              d="Tên cơ sở theo giấy chứng nhận đủ điều kiện kinh doanh dược."),
        field("loai_hinh", "Loại hình", "Outlet type", "CODE", 15, req=True,
              d="NHA_THUOC, QUAY_THUOC, TU_THUOC_TYT."),
        field("so_gcn", "Số giấy chứng nhận", "Certificate number", "STRING", 30, ex="215/ĐKKDD-LĐ",
              d="Số giấy chứng nhận đủ điều kiện kinh doanh dược."),
        day("ngay_cap_gcn", "Ngày cấp giấy chứng nhận", "Certified on", "Ngày cấp giấy chứng nhận."),
        day("ngay_danh_gia_gpp", "Ngày đánh giá GPP", "GPP assessed on",
            "Ngày đánh giá đáp ứng GPP gần nhất."),
        day("han_danh_gia", "Hạn đánh giá định kỳ", "Next assessment due", "Hạn đánh giá định kỳ (3 năm)."),
        field("pham_vi_kinh_doanh", "Phạm vi kinh doanh", "Scope of business", "STRING", 255,
              d="Bán lẻ thuốc thành phẩm, thuốc phải kiểm soát đặc biệt…"),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa điểm kinh doanh."),
        point(),
        status_field("HOAT_DONG, TAM_NGUNG, THU_HOI"),
    ],
    distributions=[download("co-so-ban-le-thuoc-gpp", "CSV", 410_000), open_api("co-so-ban-le-thuoc-gpp")],
)

OD19 = dataset(
    "OD19",
    slug="tuyen-xe-buyt",
    title_vi="Tuyến xe buýt",
    title_en="Bus routes",
    description_vi="Các tuyến xe buýt nội tỉnh và liền kề của tỉnh Lâm Đồng sau hợp nhất (Đà Lạt - Sân bay "
    "Liên Khương, Đà Lạt - Bảo Lộc, Phan Thiết - Mũi Né, Gia Nghĩa - Đắk Mil…) với lộ trình, cự ly, giờ hoạt "
    "động, giãn cách, giá vé và đơn vị khai thác.",
    description_en="Bus routes of the merged Lâm Đồng province with itinerary, length, hours, headway, fare "
    "and operator.",
    purpose="Thông tin cho hành khách, ứng dụng bản đồ; quản lý mạng lưới vận tải hành khách công cộng.",
    scope="Tuyến xe buýt do UBND tỉnh công bố, đang khai thác hoặc tạm ngừng, trên địa bàn tỉnh Lâm Đồng.",
    content="Mã, tên, điểm đầu, cuối, lộ trình, cự ly, giờ hoạt động, giãn cách, số chuyến, giá vé, đơn vị.",
    collection_mechanism="Cập nhật khi công bố, điều chỉnh tuyến; rà soát hằng quý với đơn vị khai thác.",
    source="Sở Xây dựng (quản lý vận tải từ 1/3/2025); đơn vị khai thác tuyến.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["GIAO_THONG"],
    keywords_vi=["xe buýt", "vận tải hành khách công cộng", "lộ trình", "giá vé"],
    keywords_en=["bus routes", "public transport", "timetable"],
    frequency="QUARTERLY", temporal_start="2025-07-01", data_updated_on="2026-09-01", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_DUONG_BO, ND158_2024, *L.OPEN_DATA], owner=LD_SXD, owned_since="2025-07-01",
    contact_points=[contact("Cao Văn Đức", "Phòng Quản lý vận tải", "cvduc.sxd", LD_SXD)],
    fields=[
        field("ma_tuyen", "Mã tuyến", "Route code", "STRING", 10, pk=True, unique=True, ex="LD-05",
              d="Số hiệu tuyến do UBND tỉnh công bố."),
        field("ten_tuyen", "Tên tuyến", "Route name", "STRING", 255, req=True,
              ex="Đà Lạt - Sân bay Liên Khương", d="Tên tuyến (điểm đầu - điểm cuối)."),
        field("diem_dau", "Điểm đầu", "Origin", "STRING", 255, d="Điểm đầu tuyến."),
        field("diem_cuoi", "Điểm cuối", "Terminus", "STRING", 255, d="Điểm cuối tuyến."),
        field("lo_trinh", "Lộ trình", "Itinerary", "TEXT", d="Các tuyến đường xe đi qua, theo chiều đi."),
        field("cu_ly", "Cự ly", "Length", "DECIMAL", prec=6, scale=1, unit="km", d="Cự ly toàn tuyến."),
        field("gio_hoat_dong", "Giờ hoạt động", "Operating hours", "STRING", 30, ex="05:30-19:00",
              d="Giờ xuất bến chuyến đầu và chuyến cuối."),
        field("gian_cach", "Giãn cách chuyến", "Headway", "INTEGER", unit="phút",
              d="Thời gian giữa hai chuyến liên tiếp giờ cao điểm."),
        field("so_chuyen_ngay", "Số chuyến trong ngày", "Trips per day", "INTEGER", unit="chuyến",
              d="Số chuyến ngày thường, cả hai chiều."),
        money("gia_ve", "Giá vé toàn tuyến", "Full-route fare", d="Giá vé lượt cho toàn tuyến."),
        enterprise_code("don_vi_khai_thac", "Đơn vị khai thác", "Operator",
                        d="Doanh nghiệp, hợp tác xã khai thác tuyến (mã số trong CSDL doanh nghiệp)."),
        shape("hinh_hoc_lo_trinh", "Lộ trình (hình học)", "Route geometry"),
        status_field("HOAT_DONG, TAM_NGUNG, DANG_DAU_THAU"),
    ],
    distributions=[download("tuyen-xe-buyt", "GEOJSON", 3_100_000), download("tuyen-xe-buyt", "CSV", 26_000),
                   open_api("tuyen-xe-buyt")],
    standards=[("STD-GEO", "exactMatch", "VN-2000")],
)

OD20 = dataset(
    "OD20",
    slug="diem-buu-dien-van-hoa-wifi-cong-cong",
    title_vi="Điểm Bưu điện - Văn hóa xã và điểm Wi-Fi công cộng miễn phí",
    title_en="Commune post-and-culture points and free public Wi-Fi",
    description_vi="Điểm Bưu điện - Văn hóa xã, bưu cục tiếp nhận hồ sơ và trả kết quả TTHC qua dịch vụ bưu "
    "chính công ích, và điểm Wi-Fi công cộng miễn phí tại trụ sở, chợ, quảng trường, điểm du lịch, với dịch "
    "vụ, giờ phục vụ và đơn vị vận hành.",
    description_en="Commune post-and-culture points, post offices handling administrative dossiers, and free "
    "public Wi-Fi hotspots with services, hours and operator.",
    purpose="Thu hẹp khoảng cách số; người dân tìm điểm nộp hồ sơ qua bưu chính và điểm truy cập Internet.",
    scope="Đắk Nông cũ từ 2019; toàn tỉnh Lâm Đồng từ 1/7/2025.",
    content="Điểm, loại, xã, địa chỉ, vị trí, đơn vị vận hành, tên mạng, tốc độ, giờ phục vụ, dịch vụ.",
    collection_mechanism="Doanh nghiệp bưu chính, viễn thông báo cáo 6 tháng một lần; Sở tổng hợp.",
    source="Bưu điện tỉnh; doanh nghiệp viễn thông; UBND cấp xã.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    themes=["KHOA_HOC_CONG_NGHE", "VUNG_DIA_PHUONG"],
    keywords_vi=["bưu điện văn hóa xã", "Wi-Fi công cộng", "bưu chính công ích", "chuyển đổi số"],
    keywords_en=["post offices", "public Wi-Fi", "digital inclusion"],
    frequency="SEMIANNUAL", temporal_start="2019-01-01", data_updated_on="2026-07-10", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_BUU_CHINH, LUAT_VIEN_THONG, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_STTTT,
    owned_since="2019-01-01",
    contact_points=[contact("Đặng Hoài Nam", "Phòng Bưu chính, Viễn thông", "dhnam.skhcn", LD_SKHCN)],
    fields=[
        field("ma_diem", "Mã điểm", "Site code", "STRING", 15, pk=True, unique=True, ex="BDVHX-24664",
              d="Mã điểm trong danh mục của Sở."),
        field("ten_diem", "Tên điểm", "Name", "STRING", 255, req=True,
              ex="Điểm Bưu điện - Văn hóa xã Đức Lập",
              d="Tên điểm phục vụ hoặc vị trí điểm Wi-Fi."),
        field("loai_diem", "Loại điểm", "Site type", "CODE", 15, req=True,
              d="BDVHX, BUU_CUC, WIFI_CONG_CONG."),
        commune(ex="24664"),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa chỉ điểm."),
        point(),
        field("don_vi_van_hanh", "Đơn vị vận hành", "Operator", "STRING", 255,
              d="Doanh nghiệp bưu chính hoặc viễn thông vận hành điểm."),
        field("ten_mang_wifi", "Tên mạng Wi-Fi", "Wi-Fi network name", "STRING", 32, ex="LamDong-FreeWiFi",
              d="Tên mạng (SSID) của điểm Wi-Fi công cộng."),
        field("toc_do", "Tốc độ tối đa", "Maximum speed", "INTEGER", unit="Mbps",
              d="Tốc độ truy cập tối đa cam kết."),
        field("gio_phuc_vu", "Giờ phục vụ", "Opening hours", "STRING", 50, ex="07:00-19:00",
              d="Giờ mở cửa hoặc giờ phát sóng."),
        field("dich_vu", "Dịch vụ", "Services", "STRING", 255,
              d="Bưu chính công ích, tiếp nhận và trả kết quả TTHC, sách báo, Internet…"),
        status_field("HOAT_DONG, TAM_NGUNG"),
    ],
    distributions=[download("diem-buu-dien-van-hoa-wifi-cong-cong", "CSV", 72_000),
                   download("diem-buu-dien-van-hoa-wifi-cong-cong", "GEOJSON", 190_000)],
    standards=[("STD-GEO", "closeMatch", "WGS84 point")],
)

DATASETS = [OD18, OD19, OD20]

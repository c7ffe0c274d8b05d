"""Open data of the economy: OD06-OD10, open-data additions beyond the rows of §5.2.

Industrial parks (Ban Quản lý các KCN), enterprise-registration statistics and market prices (Sở Tài
chính, which took over Sở Kế hoạch và Đầu tư on 1/3/2025), hydropower reservoir levels (Sở Công
Thương; Lâm Đồng's rivers feed the Đa Nhim, Đại Ninh, Hàm Thuận - Đa Mi and Đồng Nai cascades
[mem]) and the border gates with Cambodia of former Đắk Nông (Bu Prăng, Đắk Peur; §5.2 local colour
[mem]). OD08 and OD10 were Đắk Nông's and passed to Lâm Đồng on 1/7/2025 (§4); the others start with
the merged province. Statistics are aggregates (no enterprise owner, no traveller). Sources: §4,
§5; Luật Giá 16/2023/QH15, NĐ 35/2022/NĐ-CP (industrial parks), NĐ 114/2018/NĐ-CP (dam safety), Luật
Tài nguyên nước 28/2023/QH15, NĐ 112/2014/NĐ-CP (land border gates) [mem]. Figures [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SNGV, DN_STC, LD_BQLKCN, LD_SCT, LD_SNGV, LD_STC
from dictionary.demo.build import DAK_NONG_ERA, WHOLE_PROVINCE, contact, dataset, download, law, open_api
from dictionary.demo.fields import (
    area,
    commune,
    day,
    enterprise_code,
    field,
    moment,
    point,
    shape,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
ND35_2022 = law("35/2022/NĐ-CP", "Nghị định quy định về quản lý khu công nghiệp và khu kinh tế", "2022-05-28",
                "IN_FORCE")
LUAT_GIA = law("16/2023/QH15", "Luật Giá", "2023-06-19", "IN_FORCE")
LUAT_TAI_NGUYEN_NUOC = law("28/2023/QH15", "Luật Tài nguyên nước", "2023-11-27", "IN_FORCE")
ND114_2018 = law("114/2018/NĐ-CP", "Nghị định về quản lý an toàn đập, hồ chứa nước", "2018-09-04", "IN_FORCE")
LUAT_BIEN_GIOI = law("06/2003/QH11", "Luật Biên giới quốc gia", "2003-06-17", "IN_FORCE")
ND112_2014 = law("112/2014/NĐ-CP", "Nghị định quy định về quản lý cửa khẩu biên giới đất liền", "2014-11-21",
                 "IN_FORCE")
MONTH = [("STD-ISO8601", "closeMatch", "calendar month (YYYY-MM)")]

OD06 = dataset(
    "OD06",
    slug="khu-cong-nghiep",
    title_vi="Khu công nghiệp: quy hoạch, hạ tầng và tỷ lệ lấp đầy",
    title_en="Industrial parks: planning, infrastructure and occupancy",
    description_vi="Các khu công nghiệp trên địa bàn tỉnh Lâm Đồng sau hợp nhất (Tâm Thắng, Nhân Cơ, Lộc "
    "Sơn, Phú Hội, Hàm Kiệm, Sơn Mỹ…) với quyết định thành lập, diện tích, tỷ lệ lấp đầy, số dự án, ngành ưu "
    "tiên và ranh giới, phục vụ xúc tiến đầu tư.",
    description_en="Industrial parks of the merged Lâm Đồng province with area, occupancy, projects, "
    "priority industries and boundaries, for investment promotion.",
    purpose="Xúc tiến đầu tư; công khai quỹ đất công nghiệp còn trống; theo dõi xử lý nước thải tập trung.",
    scope="Khu công nghiệp đã thành lập hoặc có trong quy hoạch tỉnh thời kỳ 2021-2030.",
    content="Mã, tên, quyết định, diện tích, lấp đầy, dự án, ngành ưu tiên, chủ đầu tư hạ tầng, ranh giới.",
    collection_mechanism="Cập nhật hằng quý từ báo cáo của chủ đầu tư hạ tầng và hồ sơ dự án.",
    source="Ban Quản lý các Khu công nghiệp tỉnh.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="Hệ thống thông tin quốc gia về đầu tư", themes=["KINH_TE", "VUNG_DIA_PHUONG"],
    keywords_vi=["khu công nghiệp", "tỷ lệ lấp đầy", "xúc tiến đầu tư", "FDI"],
    keywords_en=["industrial parks", "occupancy", "investment promotion"],
    frequency="QUARTERLY", temporal_start="2025-07-01", data_updated_on="2026-10-10", spatial=WHOLE_PROVINCE,
    legal_basis=[L.LUAT_DAU_TU, ND35_2022, *L.OPEN_DATA], owner=LD_BQLKCN, owned_since="2025-07-01",
    contact_points=[contact("Nguyễn Hữu Phước", "Phòng Quản lý đầu tư", "nhphuoc.bqlkcn", LD_BQLKCN)],
    fields=[
        field("ma_kcn", "Mã khu công nghiệp", "Park code", "STRING", 12, pk=True, unique=True, ex="KCN-68-05",
              d="Mã khu công nghiệp trong danh mục của Ban Quản lý."),
        field("ten_kcn", "Tên khu công nghiệp", "Park name", "STRING", 255, req=True,
              ex="Khu công nghiệp Phú Hội", d="Tên theo quyết định thành lập."),
        field("quyet_dinh_thanh_lap", "Quyết định thành lập", "Establishing decision", "STRING", 50,
              d="Số quyết định chủ trương đầu tư hoặc thành lập khu công nghiệp."),
        area("dien_tich_quy_hoach", "Diện tích quy hoạch", "Planned area", unit="ha", prec=10, scale=2,
             d="Tổng diện tích theo quy hoạch được duyệt."),
        area("dien_tich_cho_thue", "Đất công nghiệp cho thuê", "Leasable land", unit="ha", prec=10, scale=2,
             d="Diện tích đất công nghiệp có thể cho thuê."),
        area("dien_tich_da_thue", "Đất đã cho thuê", "Leased land", unit="ha", prec=10, scale=2,
             d="Diện tích đất công nghiệp đã cho thuê, cho thuê lại."),
        field("ty_le_lap_day", "Tỷ lệ lấp đầy", "Occupancy", "DECIMAL", prec=5, scale=2, unit="%",
              d="Đất đã cho thuê chia cho đất công nghiệp có thể cho thuê."),
        field("so_du_an_trong_nuoc", "Số dự án trong nước", "Domestic projects", "INTEGER", unit="dự án",
              d="Số dự án đầu tư trong nước còn hiệu lực."),
        field("so_du_an_fdi", "Số dự án FDI", "Foreign-invested projects", "INTEGER", unit="dự án",
              d="Số dự án có vốn đầu tư nước ngoài còn hiệu lực."),
        field("nganh_uu_tien", "Ngành ưu tiên thu hút", "Priority industries", "STRING", 100, cl="STD-VSIC",
              ex="10,16,22,27", maps=[("STD-VSIC", "closeMatch", "Mã ngành cấp 2")],
              d="Mã ngành cấp 2 (VSIC 2018) ưu tiên thu hút, cách nhau bằng dấu phẩy."),
        enterprise_code("chu_dau_tu_ha_tang", "Chủ đầu tư hạ tầng", "Infrastructure developer",
                        d="Doanh nghiệp đầu tư kinh doanh hạ tầng (mã số trong CSDL doanh nghiệp)."),
        field("xu_ly_nuoc_thai", "Có trạm xử lý nước thải tập trung", "Central waste-water plant", "BOOLEAN",
              d="Đúng nếu trạm xử lý nước thải tập trung đã vận hành."),
        commune(ex="24751"),
        shape("ranh_gioi", "Ranh giới khu công nghiệp", "Park boundary"),
        status_field("DANG_HOAT_DONG, DANG_XAY_DUNG, QUY_HOACH"),
    ],
    distributions=[download("khu-cong-nghiep", "GEOJSON", 2_350_000),
                   download("khu-cong-nghiep", "CSV", 9_000),
                   open_api("khu-cong-nghiep")],
    standards=[("STD-GEO", "exactMatch", "VN-2000")],
)

OD07 = dataset(
    "OD07",
    slug="thong-ke-doanh-nghiep-thanh-lap-moi",
    title_vi="Doanh nghiệp thành lập mới, quay lại hoạt động và rút lui khỏi thị trường",
    title_en="Enterprises founded, resumed and exiting the market",
    description_vi="Số doanh nghiệp thành lập mới, vốn và lao động đăng ký, doanh nghiệp quay lại hoạt động, "
    "tạm ngừng kinh doanh và giải thể theo tháng, ngành kinh tế cấp 1 và loại hình; số liệu trước 7/2025 "
    "được tách theo ba tỉnh cũ để so sánh.",
    description_en="Monthly counts of enterprises founded, resumed, suspended and dissolved, with registered "
    "capital and jobs, by industry section and enterprise type.",
    purpose="Theo dõi môi trường kinh doanh; phục vụ báo cáo kinh tế - xã hội và nhà nghiên cứu.",
    scope="Doanh nghiệp có trụ sở tại tỉnh Lâm Đồng (gồm Đắk Nông, Bình Thuận cũ) từ năm 2021.",
    content="Kỳ, ngành cấp 1, loại hình, khu vực tỉnh cũ, số doanh nghiệp theo tình trạng, vốn, lao động.",
    collection_mechanism="Tổng hợp từ Hệ thống thông tin quốc gia về đăng ký doanh nghiệp ngày 5 hằng tháng.",
    source="Phòng Đăng ký kinh doanh, Sở Tài chính; Hệ thống thông tin quốc gia về đăng ký doanh nghiệp.",
    sharing_class="MO", data_layer="AGG", sharing_mode="DONG_GOI",
    related_national_db="CSDLQG về đăng ký doanh nghiệp", themes=["KINH_TE"],
    keywords_vi=["doanh nghiệp thành lập mới", "đăng ký kinh doanh", "giải thể", "thống kê"],
    keywords_en=["business demography", "new enterprises", "statistics"],
    frequency="MONTHLY", temporal_start="2021-01-01", data_updated_on="2026-11-08", spatial=WHOLE_PROVINCE,
    legal_basis=[L.LUAT_DOANH_NGHIEP, *L.OPEN_DATA], owner=LD_STC, owned_since="2025-07-01",
    contact_points=[contact("Trương Thị Mỹ Linh", "Phòng Đăng ký kinh doanh", "ttmlinh.stc", LD_STC)],
    fields=[
        field("ky_bao_cao", "Kỳ báo cáo", "Reporting month", "STRING", 7, pk=True, ex="2026-10", maps=MONTH,
              d="Tháng báo cáo, dạng YYYY-MM."),
        field("nganh_cap_1", "Ngành kinh tế cấp 1", "Industry section", "CODE", 1, pk=True, cl="STD-VSIC",
              ex="C", maps=[("STD-VSIC", "exactMatch", "Mã ngành cấp 1")],
              d="Mã ngành cấp 1 (A-U) VSIC 2018."),
        field("loai_hinh", "Loại hình doanh nghiệp", "Enterprise type", "CODE", 10, pk=True,
              cl="STD-ENTERPRISE", maps=[("STD-ENTERPRISE", "exactMatch", "Loại hình doanh nghiệp")],
              d="TNHH_1TV, TNHH_2TV, CO_PHAN, HOP_DANH, TU_NHAN."),
        field("khu_vuc_tinh_cu", "Khu vực tỉnh cũ", "Former province", "CODE", 2, pk=True,
              cl="STD-ADMIN-2004", ex="67",
              maps=[("STD-ADMIN-2004", "exactMatch", "Mã đơn vị hành chính cấp tỉnh")],
              d="60 Bình Thuận, 67 Đắk Nông, 68 Lâm Đồng (danh mục 2004): nối chuỗi số liệu trước 7/2025."),
        field("so_thanh_lap_moi", "Số doanh nghiệp thành lập mới", "Founded", "INTEGER", unit="doanh nghiệp",
              d="Doanh nghiệp được cấp giấy chứng nhận đăng ký lần đầu trong kỳ."),
        field("von_dang_ky_moi", "Vốn đăng ký mới", "Registered capital", "DECIMAL", prec=14, scale=1,
              unit="tỷ đồng", d="Tổng vốn điều lệ đăng ký của doanh nghiệp thành lập mới."),
        field("lao_dong_dang_ky", "Lao động đăng ký", "Registered jobs", "INTEGER", unit="người",
              d="Số lao động đăng ký của doanh nghiệp thành lập mới."),
        field("so_quay_lai", "Số doanh nghiệp quay lại hoạt động", "Resumed", "INTEGER", unit="doanh nghiệp",
              d="Doanh nghiệp đăng ký tiếp tục kinh doanh trước thời hạn trong kỳ."),
        field("so_tam_ngung", "Số doanh nghiệp tạm ngừng", "Suspended", "INTEGER", unit="doanh nghiệp",
              d="Doanh nghiệp đăng ký tạm ngừng kinh doanh có thời hạn."),
        field("so_giai_the", "Số doanh nghiệp giải thể", "Dissolved", "INTEGER", unit="doanh nghiệp",
              d="Doanh nghiệp hoàn tất thủ tục giải thể trong kỳ."),
    ],
    distributions=[download("thong-ke-doanh-nghiep-thanh-lap-moi", "CSV", 520_000),
                   download("thong-ke-doanh-nghiep-thanh-lap-moi", "XLSX", 610_000),
                   open_api("thong-ke-doanh-nghiep-thanh-lap-moi")],
    standards=[("STD-VSIC", "relatedMatch"), ("STD-ENTERPRISE", "relatedMatch")],
)

OD08 = dataset(
    "OD08",
    slug="gia-thi-truong-hang-hoa",
    title_vi="Giá thị trường hàng hóa, dịch vụ thiết yếu",
    title_en="Market prices of essential goods and services",
    description_vi="Giá bán lẻ, bán buôn bình quân, thấp nhất, cao nhất của hàng hóa, dịch vụ thiết yếu "
    "(lương thực, thực phẩm, phân bón, vật liệu xây dựng, xăng dầu, cà phê nhân, sầu riêng…) thu thập tại "
    "các chợ, đại lý trên địa bàn theo kỳ báo cáo giá thị trường.",
    description_en="Average, lowest and highest retail and wholesale prices of essential goods and services "
    "collected at markets and dealers.",
    purpose="Công khai giá thị trường; phục vụ điều hành, bình ổn giá và người dân, doanh nghiệp tham khảo.",
    scope="Đắk Nông cũ từ 2020; toàn tỉnh Lâm Đồng từ 1/7/2025.",
    content="Mặt hàng, nhóm, quy cách, đơn vị tính, ngày, nơi thu thập, giá bình quân, thấp nhất, cao nhất.",
    collection_mechanism="Thu thập ngày 15 và cuối tháng tại các điểm điều tra giá; công bố hằng tháng.",
    source="Báo cáo giá thị trường của Sở Tài chính; điểm điều tra giá tại các xã, phường.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["KINH_TE", "NONG_NGHIEP"],
    keywords_vi=["giá thị trường", "giá cả", "bình ổn giá", "giá cà phê", "vật liệu xây dựng"],
    keywords_en=["market prices", "consumer prices", "coffee price"],
    frequency="MONTHLY", temporal_start="2020-01-01", data_updated_on="2026-11-20", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_GIA, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_STC, owned_since="2020-01-01",
    contact_points=[contact("Lương Văn Thành", "Phòng Quản lý giá và công sản", "lvthanh.stc", LD_STC)],
    fields=[
        field("ma_mat_hang", "Mã mặt hàng", "Item code", "STRING", 15, pk=True, ex="NS-CAPHE-NHAN",
              d="Mã mặt hàng trong danh mục báo cáo giá của tỉnh."),
        field("ten_mat_hang", "Tên mặt hàng", "Item", "STRING", 255, req=True, ex="Cà phê nhân xô (Robusta)",
              d="Tên hàng hóa, dịch vụ."),
        field("nhom_hang", "Nhóm hàng", "Group", "CODE", 20,
              d="LUONG_THUC, THUC_PHAM, NONG_SAN, VAT_TU_NONG_NGHIEP, VLXD, NHIEN_LIEU, DICH_VU."),
        field("quy_cach", "Quy cách", "Specification", "STRING", 100, ex="Độ ẩm ≤ 13%",
              d="Quy cách, chất lượng, nhãn hiệu của mặt hàng."),
        field("don_vi_tinh", "Đơn vị tính", "Unit of sale", "STRING", 20, ex="đồng/kg",
              d="Đơn vị tính của giá."),
        day("ngay_thu_thap", "Ngày thu thập", "Collected on", "Ngày thu thập giá.", pk=True),
        commune("ma_xa_thu_thap", "Địa bàn thu thập", "Collection commune", pk=True),
        field("loai_gia", "Loại giá", "Price type", "CODE", 10, d="BAN_LE hoặc BAN_BUON."),
        field("gia_binh_quan", "Giá bình quân", "Average price", "DECIMAL", prec=14, scale=0, unit="VND",
              req=True, d="Giá bình quân của các điểm điều tra, theo đơn vị tính."),
        field("gia_thap_nhat", "Giá thấp nhất", "Lowest price", "DECIMAL", prec=14, scale=0, unit="VND",
              d="Giá thấp nhất ghi nhận trong kỳ."),
        field("gia_cao_nhat", "Giá cao nhất", "Highest price", "DECIMAL", prec=14, scale=0, unit="VND",
              d="Giá cao nhất ghi nhận trong kỳ."),
        field("ty_le_thay_doi", "Biến động so với kỳ trước", "Change on previous period", "DECIMAL", prec=6,
              scale=2, unit="%", d="Tỷ lệ thay đổi giá bình quân so với kỳ báo cáo trước."),
    ],
    distributions=[download("gia-thi-truong-hang-hoa", "CSV", 3_400_000),
                   download("gia-thi-truong-hang-hoa", "XLSX", 2_900_000),
                   open_api("gia-thi-truong-hang-hoa")],
)

OD09 = dataset(
    "OD09",
    slug="muc-nuoc-ho-chua-thuy-dien",
    title_vi="Mực nước và lưu lượng xả hồ chứa thủy điện",
    title_en="Hydropower reservoir levels and discharges",
    description_vi="Mực nước hồ, dung tích, lưu lượng về hồ và lưu lượng xả của các hồ chứa thủy điện trên "
    "địa bàn (Đa Nhim, Đại Ninh, Hàm Thuận, Đồng Nai 3, Đồng Nai 4, Đắk R'Tih…), công bố để người dân vùng "
    "hạ du theo dõi trong mùa mưa lũ.",
    description_en="Water levels, storage, inflow and discharge of hydropower reservoirs, published for "
    "downstream residents during the flood season.",
    purpose="Cảnh báo xả lũ cho vùng hạ du; giám sát vận hành liên hồ chứa; phòng chống thiên tai.",
    scope="Hồ chứa thủy điện có đập cấp II trở lên trên địa bàn tỉnh Lâm Đồng.",
    content="Hồ, thời điểm, mực nước hồ, dâng bình thường, mực nước chết, dung tích, lưu lượng, cửa xả.",
    collection_mechanism="Chủ hồ truyền tự động mỗi giờ; mỗi 15 phút khi vận hành xả lũ.",
    source="Hệ thống giám sát vận hành hồ chứa; báo cáo của các công ty thủy điện.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_BO", themes=["NANG_LUONG", "MOI_TRUONG"],
    keywords_vi=["thủy điện", "hồ chứa", "mực nước", "xả lũ", "hạ du"],
    keywords_en=["hydropower", "reservoirs", "water level", "flood release"],
    frequency="CONTINUOUS", temporal_start="2025-07-01", data_updated_on="2026-11-26", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_TAI_NGUYEN_NUOC, ND114_2018, *L.OPEN_DATA], owner=LD_SCT, owned_since="2025-07-01",
    contact_points=[contact("Bùi Quang Khải", "Phòng Quản lý năng lượng", "bqkhai.sct", LD_SCT)],
    fields=[
        field("ma_ho", "Mã hồ chứa", "Reservoir code", "STRING", 15, pk=True, ex="TD-DONGNAI3",
              d="Mã hồ chứa thủy điện trong danh mục của Sở Công Thương."),
        moment("thoi_diem", "Thời điểm quan trắc", "Observed at",
               "Thời điểm số liệu (giờ tròn; 15 phút khi xả lũ).",
               pk=True),
        field("ten_ho", "Tên hồ chứa", "Reservoir", "STRING", 255, req=True, ex="Hồ thủy điện Đồng Nai 3",
              d="Tên hồ chứa, nhà máy thủy điện."),
        field("muc_nuoc_ho", "Mực nước hồ", "Water level", "DECIMAL", prec=7, scale=2, unit="m", req=True,
              d="Cao độ mực nước thượng lưu (hệ cao độ quốc gia)."),
        field("muc_nuoc_dbt", "Mực nước dâng bình thường", "Normal water level", "DECIMAL", prec=7, scale=2,
              unit="m", d="Mực nước dâng bình thường theo thiết kế."),
        field("muc_nuoc_chet", "Mực nước chết", "Dead water level", "DECIMAL", prec=7, scale=2, unit="m",
              d="Mực nước chết theo thiết kế."),
        field("dung_tich", "Dung tích hiện tại", "Storage", "DECIMAL", prec=10, scale=2, unit="triệu m3",
              d="Dung tích hồ ứng với mực nước hiện tại."),
        field("luu_luong_ve", "Lưu lượng về hồ", "Inflow", "DECIMAL", prec=10, scale=2, unit="m3/s",
              d="Lưu lượng nước đến hồ."),
        field("luu_luong_qua_nha_may", "Lưu lượng qua nhà máy", "Turbine discharge", "DECIMAL",
              prec=10, scale=2, unit="m3/s", d="Lưu lượng chạy máy phát điện."),
        field("luu_luong_xa_tran", "Lưu lượng xả tràn", "Spillway discharge", "DECIMAL", prec=10, scale=2,
              unit="m3/s", d="Lưu lượng xả qua tràn, cống xả đáy."),
        field("so_cua_xa_mo", "Số cửa xả đang mở", "Open gates", "INTEGER", unit="cửa",
              d="Số cửa van tràn đang mở."),
        commune(ex="24781"),
        point(ex="POINT(108.02 11.80)"),
    ],
    distributions=[open_api("muc-nuoc-ho-chua-thuy-dien"),
                   download("muc-nuoc-ho-chua-thuy-dien", "CSV", 18_700_000, "Số liệu theo giờ (CSV)")],
)

OD10 = dataset(
    "OD10",
    slug="cua-khau-bien-gioi",
    title_vi="Cửa khẩu biên giới Việt Nam - Campuchia",
    title_en="Border gates on the Vietnam–Cambodia border",
    description_vi="Cửa khẩu quốc tế Bu Prăng, cửa khẩu chính Đắk Peur và các cửa khẩu phụ, lối mở trên "
    "tuyến biên giới với tỉnh Mondulkiri (Campuchia), với cửa khẩu đối diện, giờ làm việc và số liệu tổng "
    "hợp lượt người, phương tiện, kim ngạch xuất nhập khẩu theo năm.",
    description_en="Border gates with Mondulkiri (Cambodia): counterpart gates, opening hours and yearly "
    "aggregates of crossings and trade.",
    purpose="Công khai thông tin cửa khẩu cho doanh nghiệp, du khách; theo dõi giao thương biên giới.",
    scope="Tuyến biên giới thuộc Đắk Nông cũ (nay thuộc tỉnh Lâm Đồng).",
    content="Cửa khẩu, loại, cửa khẩu đối diện, vị trí, văn bản mở, giờ làm việc, lượt qua lại, kim ngạch.",
    collection_mechanism="Tổng hợp hằng năm từ báo cáo của lực lượng chức năng tại cửa khẩu.",
    source="Sở Ngoại vụ; Ban Chỉ huy Bộ đội Biên phòng tỉnh; Hải quan cửa khẩu.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["QUOC_TE", "KINH_TE"],
    keywords_vi=["cửa khẩu", "biên giới", "Campuchia", "Bu Prăng", "xuất nhập khẩu"],
    keywords_en=["border gates", "Cambodia", "cross-border trade"],
    frequency="ANNUAL", temporal_start="2018-01-01", data_updated_on="2026-01-31", spatial=DAK_NONG_ERA,
    legal_basis=[LUAT_BIEN_GIOI, ND112_2014, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_SNGV,
    owned_since="2018-01-01",
    contact_points=[contact("Điểu Thị Bích", "Phòng Quản lý biên giới", "dtbich.sngv", LD_SNGV)],
    fields=[
        field("ma_cua_khau", "Mã cửa khẩu", "Gate code", "STRING", 15, pk=True, ex="CK-BUPRANG",
              d="Mã cửa khẩu trong danh mục của tỉnh."),
        field("nam", "Năm số liệu", "Year", "INTEGER", pk=True, ex="2025", d="Năm của số liệu tổng hợp."),
        field("ten_cua_khau", "Tên cửa khẩu", "Gate name", "STRING", 255, req=True,
              ex="Cửa khẩu quốc tế Bu Prăng", d="Tên cửa khẩu phía Việt Nam."),
        field("loai_cua_khau", "Loại cửa khẩu", "Gate type", "CODE", 10, d="QUOC_TE, CHINH, PHU, LOI_MO."),
        field("cua_khau_doi_dien", "Cửa khẩu đối diện", "Counterpart gate", "STRING", 255, ex="Đắk Đam",
              d="Cửa khẩu đối diện phía Campuchia."),
        field("quoc_gia_tiep_giap", "Quốc gia tiếp giáp", "Neighbouring country", "CODE", 2, cl="STD-ISO3166",
              ex="KH", maps=[("STD-ISO3166", "exactMatch", "alpha-2")], d="Mã quốc gia 2 chữ cái."),
        commune(),
        point(ex="POINT(107.45 12.27)"),
        field("van_ban_mo", "Văn bản mở, nâng cấp", "Opening act", "STRING", 100,
              d="Văn bản mở hoặc nâng cấp cửa khẩu."),
        field("gio_lam_viec", "Giờ làm việc", "Opening hours", "STRING", 50, ex="07:00-17:00",
              d="Giờ làm việc của cửa khẩu."),
        field("luot_nguoi", "Lượt người xuất nhập cảnh", "Persons crossing", "INTEGER", unit="lượt",
              d="Tổng lượt người xuất cảnh, nhập cảnh trong năm (số tổng hợp)."),
        field("luot_phuong_tien", "Lượt phương tiện", "Vehicles crossing", "INTEGER", unit="lượt",
              d="Tổng lượt phương tiện xuất, nhập trong năm."),
        field("kim_ngach", "Kim ngạch xuất nhập khẩu", "Trade value", "DECIMAL", prec=14, scale=2,
              unit="triệu USD", d="Tổng kim ngạch xuất khẩu và nhập khẩu qua cửa khẩu trong năm."),
    ],
    distributions=[download("cua-khau-bien-gioi", "CSV", 4_000),
                   download("cua-khau-bien-gioi", "GEOJSON", 7_000)],
    standards=[("STD-ISO3166", "relatedMatch")],
)

DATASETS = [OD06, OD07, OD08, OD09, OD10]

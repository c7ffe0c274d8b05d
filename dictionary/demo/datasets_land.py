"""Demo datasets of land, minerals and environment: DS13-DS17 of vietnam-context.md §5.2.

DS13 follows the §5.3 field list (thửa đất & hồ sơ địa chính) and keeps the pre-2025 commune code
beside the 2025 one (versioned code lists, §4). DS16 reflects the bauxite mining and the Nhân Cơ
alumina plant of former Đắk Nông (§5.2 local colour [mem]). Sources: §5.2/§5.3 [syn]; Luật Đất đai
31/2024/QH15, Luật Bảo vệ môi trường 72/2020/QH14, VN-2000 (STD-GEO) [mem]. Records [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_STNMT, LD_SNNMT
from dictionary.demo.build import VOCAB, contact, dataset, download, law, lgsp, open_api
from dictionary.demo.fields import (
    area,
    commune,
    commune_2004,
    day,
    enterprise_code,
    field,
    moment,
    pid,
    point,
    shape,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
LAND_TYPE = [("STD-LANDTYPE", "exactMatch", "Ký hiệu loại đất")]
LUAT_KHOANG_SAN = law("54/2024/QH15", "Luật Địa chất và khoáng sản", "2024-11-29", "IN_FORCE")
NHAN_CO = VOCAB + "admin-units-2025/24751"
OWNER_CONTACT = [contact("Lê Thị Kim Oanh", "Phó Giám đốc Văn phòng Đăng ký đất đai", "ltkoanh.snnmt",
                         LD_SNNMT,
                         "0263 3823 204")]
ENV_CONTACT = [contact("Hà Văn Sơn", "Trưởng phòng Môi trường", "hvson.snnmt", LD_SNNMT)]

DS13 = dataset(
    "DS13",
    slug="thua-dat-ho-so-dia-chinh",
    title_vi="Thửa đất và hồ sơ địa chính",
    title_en="Land parcels and cadastral records",
    description_vi="Cơ sở dữ liệu địa chính: thửa đất, người sử dụng đất, giấy chứng nhận và biến động, kết "
    "nối với CSDLQG về đất đai. Mỗi thửa giữ cả mã xã theo danh mục 2004 và danh mục 2025.",
    description_en="Cadastral database: parcels, land users, certificates and changes, linked to the "
    "national land database; each parcel keeps both its 2004 and 2025 commune codes.",
    purpose="Quản lý đất đai, cấp giấy chứng nhận, định giá, thu nghĩa vụ tài chính; dữ liệu chủ về địa "
    "chính.",
    scope="Toàn bộ thửa đất đã đo đạc bản đồ địa chính chính quy tại Đắk Nông cũ.",
    content="Thửa đất, loại đất, diện tích, nguồn gốc, thời hạn, người sử dụng, giấy chứng nhận, hình thửa.",
    collection_mechanism="Văn phòng Đăng ký đất đai cập nhật biến động hằng ngày; đồng bộ lên CSDLQG về đất "
    "đai.",
    source="Hồ sơ địa chính; bản đồ địa chính hệ VN-2000.",
    importance="COT_LOI", data_layer="MASTER", sharing_mode="DONG_BO",
    related_national_db="CSDLQG về đất đai", themes=["MOI_TRUONG", "KINH_TE"],
    keywords_vi=["địa chính", "thửa đất", "giấy chứng nhận", "sổ đỏ"],
    keywords_en=["cadastre", "land parcel", "land-use right certificate"],
    frequency="DAILY", temporal_start="2012-01-01", data_updated_on="2026-09-30",
    legal_basis=[L.LUAT_DAT_DAI, L.QD20_2025, *L.PERSONAL_DATA, *L.DATA_SHARING],
    owner=DN_STNMT, owned_since="2019-01-01", contact_points=OWNER_CONTACT,
    fields=[
        field("ma_thua", "Mã thửa", "Parcel id", "STRING", 20, pk=True, unique=True, ex="24611-012-0345",
              d="Mã thửa duy nhất: mã xã + số tờ bản đồ + số thửa.",
              maps=[("STD-LANDTYPE", "relatedMatch", "Mã thửa đất")]),
        commune(),
        commune_2004(),
        field("so_to_ban_do", "Số tờ bản đồ", "Map sheet", "INTEGER", req=True, ex="12",
              d="Số thứ tự tờ bản đồ địa chính trong xã."),
        field("so_thua", "Số thửa", "Parcel number", "INTEGER", req=True, ex="345",
              d="Số thứ tự thửa đất trong tờ bản đồ."),
        area("dien_tich", "Diện tích", "Area", d="Diện tích thửa theo bản đồ địa chính.", req=True),
        field("loai_dat", "Loại đất", "Land category", "CODE", 5, cl="STD-LANDTYPE", ex="CLN",
              d="Ký hiệu loại đất, ví dụ ONT, ODT, LUC, CLN, RSX.", maps=LAND_TYPE),
        field("thoi_han_su_dung", "Thời hạn sử dụng", "Term of use", "STRING", 10, ex="2064-10-15",
              d="Ngày hết hạn sử dụng (YYYY-MM-DD) hoặc LAU_DAI."),
        field("nguon_goc_su_dung", "Nguồn gốc sử dụng", "Origin of use", "CODE", 10,
              d="Nhà nước giao đất, cho thuê đất, công nhận quyền sử dụng đất…"),
        field("so_phat_hanh_gcn", "Số phát hành GCN", "Certificate serial", "STRING", 20, ex="DK 123456",
              d="Số phát hành (số seri) của giấy chứng nhận quyền sử dụng đất."),
        pid("chu_su_dung", "Người sử dụng đất", label_en="Land user",
            d="Số định danh cá nhân, hoặc mã số doanh nghiệp nếu là tổ chức.",
            maps=[("STD-PID", "closeMatch", "Số định danh cá nhân", "Tổ chức dùng mã số doanh nghiệp")]),
        shape("hinh_thua", "Hình thửa", "Parcel geometry"),
        moment("ngay_cap_nhat", "Ngày cập nhật", "Updated at", "Thời điểm cập nhật biến động gần nhất."),
    ],
    distributions=[lgsp("dia-chinh", "Dịch vụ tra cứu thông tin thửa đất", "Parcel lookup service")],
    standards=[("STD-GEO", "exactMatch", "VN-2000"), ("STD-LANDTYPE", "closeMatch")],
)

DS14 = dataset(
    "DS14",
    slug="bang-gia-dat",
    title_vi="Bảng giá đất",
    title_en="Land price table",
    description_vi="Bảng giá đất áp dụng từ 1/1/2026 cho các tuyến đường, khu vực, vị trí trên địa bàn Đắk "
    "Nông cũ, theo Luật Đất đai 2024 (bảng giá đất điều chỉnh hằng năm).",
    description_en="Land prices by street, zone and position applicable from 1 January 2026.",
    purpose="Căn cứ tính tiền sử dụng đất, thuế, phí, bồi thường; công khai cho người dân.",
    scope="Đất ở, đất nông nghiệp, đất phi nông nghiệp tại các xã, phường thuộc Đắk Nông cũ.",
    content="Khu vực, tuyến đường, đoạn, loại đất, vị trí, đơn giá.",
    collection_mechanism="Ban hành hằng năm theo quyết định của UBND tỉnh.",
    source="Quyết định ban hành bảng giá đất của UBND tỉnh.",
    sharing_class="MO", data_layer="REF", sharing_mode="DONG_GOI",
    related_national_db="CSDLQG về đất đai", themes=["KINH_TE", "MOI_TRUONG"],
    keywords_vi=["giá đất", "bảng giá đất"], keywords_en=["land prices"],
    frequency="ANNUAL", temporal_start="2026-01-01", temporal_end="2026-12-31", data_updated_on="2026-01-01",
    legal_basis=[L.LUAT_DAT_DAI, *L.DATA_SHARING], owner=DN_STNMT, owned_since="2020-01-01",
    contact_points=OWNER_CONTACT,
    fields=[
        field("ma_vi_tri", "Mã vị trí", "Position code", "STRING", 20, pk=True, unique=True,
              ex="24611-ODT-015-1",
              d="Mã vị trí giá: mã xã, loại đất, số thứ tự đoạn đường và vị trí."),
        commune(),
        field("tuyen_duong", "Tuyến đường, khu vực", "Street or zone", "STRING", 255, req=True,
              ex="Đường 23/3",
              d="Tên tuyến đường hoặc khu vực áp dụng giá."),
        field("doan_tu", "Đoạn từ", "From", "STRING", 255,
              d="Điểm đầu của đoạn đường áp dụng giá."),
        field("doan_den", "Đoạn đến", "To", "STRING", 255,
              d="Điểm cuối của đoạn đường áp dụng giá."),
        field("loai_dat", "Loại đất", "Land category", "CODE", 5, cl="STD-LANDTYPE", maps=LAND_TYPE,
              d="Ký hiệu loại đất áp dụng giá."),
        field("vi_tri", "Vị trí", "Position", "INTEGER", d="Vị trí 1-4 theo khoảng cách tới đường."),
        field("don_gia", "Đơn giá", "Price", "DECIMAL", prec=14, scale=0, unit="VND/m2",
              d="Giá đất theo m²."),
        field("so_quyet_dinh", "Quyết định", "Decision", "STRING", 30, ex="35/2025/QĐ-UBND",
              d="Số hiệu quyết định của UBND tỉnh ban hành hoặc điều chỉnh bảng giá."),
        shape("hinh_hoc", "Đoạn đường", "Street segment"),
    ],
    distributions=[download("bang-gia-dat", "XLSX", 2_450_000), download("bang-gia-dat", "CSV", 1_930_000)],
)

DS15 = dataset(
    "DS15",
    slug="quy-hoach-su-dung-dat",
    title_vi="Quy hoạch, kế hoạch sử dụng đất",
    title_en="Land-use plans",
    description_vi="Bản đồ quy hoạch sử dụng đất thời kỳ 2021-2030 và kế hoạch sử dụng đất hằng năm cấp "
    "huyện (đến 2025) của Đắk Nông cũ, dạng lớp GIS.",
    description_en="Land-use plan 2021-2030 and annual land-use plans (GIS layers) of former Đắk Nông.",
    purpose="Công khai quy hoạch; căn cứ giao đất, cho thuê đất, chuyển mục đích.",
    scope="8 huyện, thành phố của Đắk Nông cũ (danh mục 2004).",
    content="Khoanh đất quy hoạch, loại đất, diện tích, quyết định phê duyệt.",
    collection_mechanism="Cập nhật khi quy hoạch được phê duyệt hoặc điều chỉnh.",
    source="Hồ sơ quy hoạch sử dụng đất được phê duyệt.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="CSDLQG về đất đai", themes=["MOI_TRUONG", "VUNG_DIA_PHUONG"],
    keywords_vi=["quy hoạch sử dụng đất", "GIS"], keywords_en=["land-use plan", "GIS"],
    frequency="ANNUAL", temporal_start="2021-01-01", temporal_end="2030-12-31", data_updated_on="2025-02-15",
    legal_basis=[L.LUAT_DAT_DAI, *L.DATA_SHARING], owner=DN_STNMT, owned_since="2021-06-01",
    contact_points=OWNER_CONTACT,
    fields=[
        field("ma_khoanh", "Mã khoanh", "Zone id", "STRING", 20, pk=True, unique=True,
              d="Mã khoanh đất quy hoạch."),
        field("ky_quy_hoach", "Kỳ quy hoạch", "Plan period", "STRING", 9, ex="2021-2030",
              d="Thời kỳ quy hoạch."),
        field("loai_dat_quy_hoach", "Loại đất quy hoạch", "Planned land use", "CODE", 5, cl="STD-LANDTYPE",
              maps=LAND_TYPE,
              d="Loại đất theo quy hoạch được duyệt."),
        area("dien_tich", "Diện tích", "Area", unit="ha", prec=10, scale=2,
             d="Diện tích khoanh đất."),
        field("ma_huyen_cu", "Mã huyện (danh mục 2004)", "District code (2004)", "CODE", 3,
              cl="STD-ADMIN-2004",
              ex="663", d="Mã huyện theo danh mục 2004 (cấp huyện không còn từ "
              "1/7/2025).", maps=[("STD-ADMIN-2004", "exactMatch", "Mã đơn vị hành chính cấp huyện")]),
        commune(),
        field("so_quyet_dinh", "Quyết định phê duyệt", "Approving decision", "STRING", 30,
              d="Quyết định phê duyệt quy hoạch hoặc kế hoạch."),
        day("ngay_phe_duyet", "Ngày phê duyệt", "Approved on",
            d="Ngày phê duyệt."),
        field("nam_ke_hoach", "Năm kế hoạch", "Plan year", None),
        shape(),
    ],
    distributions=[download("quy-hoach-su-dung-dat", "SHP", 48_000_000),
                   download("quy-hoach-su-dung-dat", "GEOJSON", 61_500_000)],
    standards=[("STD-GEO", "exactMatch", "ISO 19115")],
)

DS16 = dataset(
    "DS16",
    slug="giay-phep-khoang-san",
    title_vi="Giấy phép thăm dò, khai thác khoáng sản (bô-xít…)",
    title_en="Mineral exploration and mining licences (bauxite…)",
    description_vi="Giấy phép thăm dò, khai thác khoáng sản do UBND tỉnh cấp và thông tin các mỏ bô-xít "
    "phục vụ Nhà máy Alumin Nhân Cơ do Bộ cấp, kèm ranh giới mỏ, trữ lượng và công suất.",
    description_en="Mineral exploration and mining licences, including bauxite mines supplying the Nhân Cơ "
    "alumina plant, with boundaries, reserves and capacity.",
    purpose="Quản lý hoạt động khoáng sản, thu tiền cấp quyền khai thác, bảo vệ khoáng sản chưa khai thác.",
    scope="Giấy phép còn hiệu lực và đã hết hạn từ 2010 trên địa bàn Đắk Nông cũ.",
    content="Giấy phép, loại khoáng sản, tổ chức được cấp, diện tích, trữ lượng, công suất, thời hạn, ranh "
    "giới.",
    collection_mechanism="Cập nhật khi cấp, gia hạn, thu hồi giấy phép; báo cáo định kỳ của tổ chức khai "
    "thác.",
    source="Hồ sơ cấp phép khoáng sản; báo cáo hoạt động khoáng sản.",
    importance="QUAN_TRONG", data_layer="MASTER", sharing_mode="THEO_YEU_CAU",
    related_national_db="CSDL địa chất và khoáng sản", themes=["MOI_TRUONG", "KINH_TE", "NANG_LUONG"],
    keywords_vi=["khoáng sản", "bô-xít", "giấy phép khai thác", "Nhân Cơ"],
    keywords_en=["mining licence", "bauxite", "minerals"],
    frequency="MONTHLY", temporal_start="2010-01-01", data_updated_on="2026-11-05",
    spatial=[VOCAB + "admin-units-2025/68", VOCAB + "admin-units-2004/67", NHAN_CO],
    legal_basis=[LUAT_KHOANG_SAN, *L.DATA_SHARING], owner=DN_STNMT, owned_since="2019-01-01",
    contact_points=[contact("Phan Anh Dũng", "Phòng Khoáng sản", "padung.snnmt", LD_SNNMT)],
    fields=[
        field("so_giay_phep", "Số giấy phép", "Licence number", "STRING", 30, pk=True, unique=True,
              ex="12/GP-UBND", d="Số hiệu giấy phép thăm dò hoặc khai thác khoáng sản."),
        field("loai_giay_phep", "Loại giấy phép", "Licence type", "CODE", 10, d="THAM_DO hoặc KHAI_THAC.",
              req=True),
        field("loai_khoang_san", "Loại khoáng sản", "Mineral", "CODE", 20,
              d="BO_XIT, DA_XAY_DUNG, CAT_XAY_DUNG, SET_GACH_NGOI, NUOC_KHOANG…", ex="BO_XIT"),
        enterprise_code("to_chuc_duoc_cap", "Tổ chức được cấp phép", "Licensee"),
        area("dien_tich", "Diện tích khu vực", "Licensed area", unit="ha", prec=10, scale=2,
             d="Diện tích khu vực được phép thăm dò hoặc khai thác."),
        field("tru_luong", "Trữ lượng", "Reserves", "DECIMAL", prec=14, scale=0, unit="tấn",
              d="Trữ lượng được phép khai thác."),
        field("cong_suat", "Công suất khai thác", "Capacity", "DECIMAL", prec=12, scale=0, unit="tấn/năm",
              d="Công suất khai thác được cấp phép."),
        day("ngay_cap", "Ngày cấp", "Issued on", req=True,
            d="Ngày ký giấy phép."),
        day("ngay_het_han", "Ngày hết hạn", "Expires on",
            d="Ngày giấy phép hết hạn."),
        commune(),
        shape("ranh_gioi_mo", "Ranh giới khu vực", "Licence boundary"),
        status_field("CON_HIEU_LUC, HET_HAN, THU_HOI, TRA_LAI"),
    ],
    distributions=[lgsp("khoang-san", "Dịch vụ dữ liệu giấy phép khoáng sản", "Mineral licences service")],
)

DS17 = dataset(
    "DS17",
    slug="quan-trac-moi-truong",
    title_vi="Quan trắc môi trường tự động",
    title_en="Automatic environmental monitoring",
    description_vi="Số liệu từ các trạm quan trắc tự động, liên tục chất lượng nước mặt, không khí và nước "
    "thải (bao gồm trạm của Nhà máy Alumin Nhân Cơ), truyền về Sở theo thời gian thực.",
    description_en="Real-time readings of automatic air, surface-water and waste-water monitoring stations.",
    purpose="Cảnh báo ô nhiễm; công khai chất lượng môi trường; giám sát nguồn thải lớn.",
    scope="Các trạm quan trắc tự động trên địa bàn Đắk Nông cũ.",
    content="Trạm, thời điểm, chỉ tiêu, giá trị, ngưỡng quy chuẩn, vượt ngưỡng.",
    collection_mechanism="Truyền tự động mỗi 5 phút; dữ liệu được kiểm tra, làm sạch hằng ngày.",
    source="Hệ thống trạm quan trắc tự động, liên tục.",
    sharing_class="MO", data_layer="BIG", sharing_mode="DONG_BO",
    related_national_db="CSDL môi trường quốc gia", themes=["MOI_TRUONG", "Y_TE"],
    keywords_vi=["quan trắc", "chất lượng không khí", "nước thải", "môi trường"],
    keywords_en=["environmental monitoring", "air quality", "water quality"],
    frequency="CONTINUOUS", temporal_start="2018-01-01", data_updated_on="2026-11-26",
    legal_basis=[L.LUAT_BVMT, *L.DATA_SHARING], owner=DN_STNMT, owned_since="2018-01-01",
    contact_points=ENV_CONTACT,
    fields=[
        field("ma_tram", "Mã trạm", "Station code", "STRING", 20, pk=True, ex="KK-GN-01",
              d="Mã trạm quan trắc tự động."),
        moment("thoi_diem", "Thời điểm đo", "Measured at", "Thời điểm của giá trị trung bình 5 phút.",
               pk=True),
        field("ten_tram", "Tên trạm", "Station name", "STRING", 255,
              d="Tên và vị trí mô tả của trạm."),
        field("loai_tram", "Loại trạm", "Station type", "CODE", 12, d="KHONG_KHI, NUOC_MAT, NUOC_THAI."),
        field("chi_tieu", "Chỉ tiêu", "Parameter", "CODE", 10, req=True, ex="PM2_5",
              d="PM2_5, PM10, SO2, NO2, CO, O3, PH, COD, BOD5, TSS, AMONI…"),
        field("gia_tri", "Giá trị", "Value", "DECIMAL", prec=12, scale=3, req=True,
              d="Giá trị trung bình 5 phút của chỉ tiêu."),
        field("don_vi", "Đơn vị", "Unit", "STRING", 20, ex="µg/m3",
              d="Đơn vị đo của chỉ tiêu."),
        field("nguong_quy_chuan", "Ngưỡng quy chuẩn", "Limit", "DECIMAL", prec=12, scale=3,
              d="Giá trị giới hạn theo quy chuẩn kỹ thuật quốc gia áp dụng."),
        field("vuot_nguong", "Vượt ngưỡng", "Exceeds limit", "BOOLEAN",
              d="Đúng nếu giá trị vượt ngưỡng quy chuẩn."),
        point(),
        commune(),
    ],
    distributions=[open_api("quan-trac-moi-truong"),
                   download("quan-trac-moi-truong", "CSV", 152_000_000, "Số liệu trung bình giờ (CSV)")],
)

DATASETS = [DS13, DS14, DS15, DS16, DS17]

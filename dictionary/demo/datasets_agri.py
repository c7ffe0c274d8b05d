"""Demo datasets of agriculture and forestry: DS18-DS20 of vietnam-context.md §5.2.

DS19 follows the §5.3 field list (mã số vùng trồng: cà phê, hồ tiêu, sầu riêng, mắc ca) and points
at DS10 for the representative co-operative or enterprise. These datasets were owned by Sở NN&PTNT
Đắk Nông, which merged with Sở TN&MT into Sở NN&MT Đắk Nông on 1/3/2025 and then into Sở NN&MT Lâm
Đồng on 1/7/2025 (§4). Sources: §5.2/§5.3 [syn]; Luật Lâm nghiệp 16/2017/QH14, Luật Trồng trọt
31/2018/QH14, ISO 3166-1 via QCVN 109 Annex H [mem]; export-market codes real, records [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SNNPTNT, LD_SNNMT
from dictionary.demo.build import contact, dataset, download, law, lgsp, open_api
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
QD_OCOP = law("148/QĐ-TTg", "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình OCOP",
              "2023-02-24", "IN_FORCE")

DS18 = dataset(
    "DS18",
    slug="rung-chu-rung-diem-chay",
    title_vi="Rừng, chủ rừng và điểm cháy rừng",
    title_en="Forest inventory, forest owners and fire alerts",
    description_vi="Hiện trạng rừng theo lô, khoảnh, tiểu khu; chủ rừng; và điểm nguy cơ cháy phát hiện từ "
    "ảnh vệ tinh do Chi cục Kiểm lâm theo dõi trong mùa khô.",
    description_en="Forest status by compartment, forest owners and satellite fire alerts.",
    purpose="Quản lý, bảo vệ rừng; phòng cháy chữa cháy rừng; chi trả dịch vụ môi trường rừng.",
    scope="Rừng và đất lâm nghiệp tại Đắk Nông cũ.",
    content="Lô rừng, loại rừng, mục đích, diện tích, trữ lượng, chủ rừng, điểm cháy.",
    collection_mechanism="Theo dõi diễn biến rừng hằng năm; điểm cháy cập nhật hằng ngày mùa khô.",
    source="Chi cục Kiểm lâm; hệ thống cảnh báo cháy rừng từ ảnh vệ tinh.",
    data_layer="MASTER", sharing_mode="THEO_YEU_CAU",
    related_national_db="CSDL lâm nghiệp (FRMS)", themes=["NONG_NGHIEP", "MOI_TRUONG"],
    keywords_vi=["rừng", "chủ rừng", "cháy rừng", "kiểm lâm"], keywords_en=["forest", "fire alert"],
    frequency="DAILY", temporal_start="2016-01-01", data_updated_on="2026-11-26",
    legal_basis=[L.LUAT_LAM_NGHIEP, *L.DATA_SHARING], owner=DN_SNNPTNT, owned_since="2016-01-01",
    contact_points=[contact("Nông Văn Thắng", "Chi cục Kiểm lâm", "nvthang.kiemlam", LD_SNNMT,
                            "0263 3829 115")],
    fields=[
        field("ma_lo", "Mã lô rừng", "Compartment id", "STRING", 20, pk=True, unique=True, ex="1532-4-12",
              d="Tiểu khu - khoảnh - lô."),
        field("tieu_khu", "Tiểu khu", "Sub-zone", "STRING", 6,
              d="Số hiệu tiểu khu rừng."),
        field("khoanh", "Khoảnh", "Compartment", "STRING", 4,
              d="Số hiệu khoảnh trong tiểu khu."),
        commune(),
        field("loai_rung", "Nguồn gốc rừng", "Forest origin", "CODE", 10, d="TU_NHIEN hoặc TRONG."),
        field("muc_dich", "Mục đích sử dụng", "Purpose", "CODE", 10, d="DAC_DUNG, PHONG_HO, SAN_XUAT."),
        area("dien_tich", "Diện tích", "Area", unit="ha", prec=10, scale=2,
             d="Diện tích lô rừng."),
        field("tru_luong_go", "Trữ lượng gỗ", "Timber stock", "DECIMAL", prec=12, scale=1, unit="m3",
              d="Trữ lượng gỗ ước tính của lô."),
        field("chu_rung", "Chủ rừng", "Forest owner", "STRING", 255, pd="CO_BAN",
              d="Tên tổ chức, hộ gia đình hoặc cá nhân được giao rừng (với cá nhân là dữ liệu cá nhân)."),
        field("loai_chu_rung", "Loại chủ rừng", "Owner type", "CODE", 10,
              d="Loại chủ rừng: BQL rừng, doanh nghiệp, cộng đồng, hộ gia đình…"),
        moment("thoi_diem_chay", "Thời điểm phát hiện điểm cháy", "Fire alert time",
               d="Thời điểm vệ tinh phát hiện điểm cháy gần nhất trong lô."),
        point("toa_do_diem_chay", "Tọa độ điểm cháy", "Fire alert location"),
        shape("hinh_lo", "Ranh giới lô", "Compartment boundary"),
    ],
    distributions=[lgsp("rung", "Dịch vụ dữ liệu rừng và cảnh báo cháy", "Forest and fire alerts service")],
)

DS19 = dataset(
    "DS19",
    slug="ma-so-vung-trong",
    title_vi="Mã số vùng trồng (cà phê, hồ tiêu, sầu riêng)",
    title_en="Crop-area codes (coffee, pepper, durian)",
    description_vi="Mã số vùng trồng được cấp cho cà phê, hồ tiêu, sầu riêng, mắc ca phục vụ truy xuất "
    "nguồn gốc và xuất khẩu chính ngạch (đặc biệt sầu riêng sang Trung Quốc).",
    description_en="Crop-area codes issued for coffee, pepper, durian and macadamia, for traceability and "
    "export.",
    purpose="Truy xuất nguồn gốc; đáp ứng yêu cầu của thị trường nhập khẩu; quản lý vùng nguyên liệu.",
    scope="Vùng trồng tại các xã thuộc Đắk Nông cũ (Đắk Mil, Đắk Song, Krông Nô…).",
    content="Mã vùng trồng, cây trồng, thị trường, diện tích, số hộ, tổ chức đại diện, vị trí, trạng thái.",
    collection_mechanism="Cập nhật khi cấp, kiểm tra giám sát, tạm dừng hoặc thu hồi mã.",
    source="Chi cục Trồng trọt và Bảo vệ thực vật; Cục Bảo vệ thực vật.",
    data_layer="MASTER", sharing_mode="THEO_YEU_CAU",
    related_national_db="Hệ thống thông tin mã số vùng trồng của Cục Bảo vệ thực vật",
    themes=["NONG_NGHIEP", "KINH_TE", "QUOC_TE"],
    keywords_vi=["mã số vùng trồng", "sầu riêng", "cà phê", "hồ tiêu", "xuất khẩu"],
    keywords_en=["crop-area code", "durian", "coffee", "pepper", "export"],
    frequency="QUARTERLY", temporal_start="2021-01-01", data_updated_on="2026-09-30",
    legal_basis=[L.LUAT_TRONG_TROT, *L.DATA_SHARING], owner=DN_SNNPTNT, owned_since="2021-03-01",
    contact_points=[contact("H'Ngọc Êban", "Chi cục Trồng trọt và BVTV", "hngoc.ttbvtv", LD_SNNMT)],
    fields=[
        field("ma_vung_trong", "Mã số vùng trồng", "Crop-area code", "STRING", 30, pk=True, unique=True,
              ex="VN-DNOR-0123", d="Mã do cơ quan bảo vệ thực vật cấp."),
        field("cay_trong", "Loại cây trồng", "Crop", "CODE", 10, req=True,
              d="CA_PHE, HO_TIEU, SAU_RIENG, MAC_CA."),
        field("thi_truong", "Thị trường xuất khẩu", "Export markets", "CODE", 20, cl="STD-ISO3166",
              ex="CN,US,JP",
              d="Mã quốc gia 2 chữ cái, cách nhau bằng dấu phẩy.",
              maps=[("STD-ISO3166", "exactMatch", "alpha-2"), ("STD-CITIZEN", "closeMatch", "Phụ lục H")]),
        area("dien_tich_ha", "Diện tích", "Area", unit="ha", prec=10, scale=2,
             d="Tổng diện tích vùng trồng được cấp mã."),
        field("so_ho", "Số hộ tham gia", "Households", "INTEGER",
              d="Số hộ sản xuất tham gia vùng trồng."),
        enterprise_code("to_chuc_dai_dien", "Tổ chức đại diện", "Representative organisation",
                        d="HTX hoặc doanh nghiệp đại diện vùng trồng (mã số trong CSDL doanh nghiệp)."),
        commune(),
        point("toa_do_tam", "Tọa độ tâm", "Centroid"),
        day("ngay_cap", "Ngày cấp", "Issued on",
            d="Ngày cấp mã số vùng trồng."),
        status_field("HIEU_LUC, TAM_DUNG, THU_HOI"),
    ],
    distributions=[lgsp("vung-trong", "Dịch vụ tra cứu mã số vùng trồng", "Crop-area code lookup")],
    standards=[("STD-ISO3166", "relatedMatch")],
)

DS20 = dataset(
    "DS20",
    slug="san-pham-ocop",
    title_vi="Sản phẩm OCOP",
    title_en="OCOP products",
    description_vi="Sản phẩm được công nhận, phân hạng theo Chương trình Mỗi xã một sản phẩm (OCOP), như cà "
    "phê rang xay, hồ tiêu, mắc ca, sầu riêng sấy của Đắk Nông cũ.",
    description_en="Products rated under the One Commune One Product (OCOP) programme.",
    purpose="Quảng bá, xúc tiến thương mại; theo dõi thời hạn công nhận.",
    scope="Sản phẩm OCOP 3-5 sao còn hiệu lực hoặc đã hết hạn từ 2019.",
    content="Sản phẩm, chủ thể, nhóm, số sao, quyết định công nhận, thời hạn.",
    collection_mechanism="Cập nhật sau mỗi đợt đánh giá, phân hạng.",
    source="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    related_national_db="Hệ thống thông tin OCOP", themes=["NONG_NGHIEP", "KINH_TE"],
    keywords_vi=["OCOP", "đặc sản", "mỗi xã một sản phẩm"], keywords_en=["OCOP", "local products"],
    frequency="ANNUAL", temporal_start="2019-01-01", data_updated_on="2025-12-20",
    legal_basis=[QD_OCOP, *L.DATA_SHARING], owner=DN_SNNPTNT, owned_since="2019-06-01",
    contact_points=[contact("Tạ Thu Trang", "Chi cục Phát triển nông thôn", "tttrang.snnmt", LD_SNNMT)],
    fields=[
        field("ma_san_pham", "Mã sản phẩm", "Product code", "STRING", 20, pk=True, unique=True,
              ex="OCOP-67-0042",
              d="Mã sản phẩm OCOP của tỉnh."),
        field("ten_san_pham", "Tên sản phẩm", "Product name", "STRING", 255, req=True,
              ex="Cà phê rang xay Đắk Mil",
              d="Tên thương mại của sản phẩm."),
        enterprise_code("chu_the", "Chủ thể", "Producer"),
        field("nhom_san_pham", "Nhóm sản phẩm", "Product group", "CODE", 20,
              d="THUC_PHAM, DO_UONG, THAO_DUOC…"),
        field("so_sao", "Số sao", "Star rating", "INTEGER", d="Hạng 3 đến 5 sao.", ex="4"),
        field("nam_cong_nhan", "Năm công nhận", "Year rated", "INTEGER",
              d="Năm sản phẩm được công nhận hạng sao."),
        field("so_quyet_dinh", "Quyết định công nhận", "Decision", "STRING", 30,
              d="Số quyết định công nhận."),
        day("ngay_het_han", "Ngày hết hạn", "Expires on", "Hết hạn sau 36 tháng kể từ ngày công nhận."),
        commune(),
        field("hinh_anh", "Hình ảnh", "Picture", "STRING", 500,
              d="Đường dẫn ảnh sản phẩm."),
    ],
    distributions=[download("san-pham-ocop", "CSV", 38_000), open_api("san-pham-ocop")],
)

DATASETS = [DS18, DS19, DS20]

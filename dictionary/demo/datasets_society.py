"""Demo datasets of ethnic and religious affairs, inspection and population: DS31-DS34 of §5.2.

DS34 (citizen data from the national population database) is reached only through NDOP and owned
by the Provincial Police; its ``so_dinh_danh`` is the target of foreign keys from DS08, DS09 and
DS24. DS31 and DS32 are drafts of the new Sở Dân tộc và Tôn giáo (Ban Dân tộc renamed on 1/3/2025;
religious affairs moved from Sở Nội vụ), and DS32 is deliberately incomplete. Aggregated ethnicity
(the main group of a village) is not personal data; a person's ethnicity is (Decree 356/2025).
Sources: vietnam-context.md §5.2 [syn], §2.3 (QĐ 20/2025/QĐ-TTg lists "thanh tra, khiếu nại, tố
cáo" and "kế hoạch phát triển vùng đồng bào DTTS" among important data), §3 (QCVN 109:2017);
Luật Tín ngưỡng, tôn giáo 02/2016/QH14, Luật Thanh tra 11/2022/QH15, Luật Tố cáo 25/2018/QH14,
Luật Căn cước 26/2023/QH15 [mem]. Records and contacts [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_BDT, DN_CA, DN_SNV, DN_TTR, LD_CA, LD_SDTTG, LD_TTR
from dictionary.demo.build import contact, dataset, db_view, lgsp, ndop
from dictionary.demo.fields import (
    agency_id,
    area,
    birth_date,
    commune,
    commune_2004,
    day,
    ethnicity,
    field,
    full_name,
    money,
    pid,
    point,
    sex,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
CITIZEN = "STD-CITIZEN"

DS31 = dataset(
    "DS31",
    slug="thon-buon-dong-bao-dtts",
    title_vi="Thôn, buôn vùng đồng bào dân tộc thiểu số",
    title_en="Ethnic-minority villages and programmes",
    description_vi="Thôn, buôn, bon vùng đồng bào dân tộc thiểu số (M'Nông, Ê Đê, Mạ…) với phân định khu "
    "vực, tỷ lệ hộ nghèo và kinh phí Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào DTTS.",
    description_en="Ethnic-minority villages with their area classification, poverty rate and national "
    "target programme funding.",
    purpose="Xây dựng, theo dõi kế hoạch phát triển vùng đồng bào DTTS; phân bổ kinh phí chương trình.",
    scope="Thôn, buôn, bon thuộc các xã vùng DTTS của Đắk Nông cũ.",
    content="Thôn, xã, khu vực, số hộ, hộ DTTS, hộ nghèo, dân tộc chủ yếu, dự án, kinh phí.",
    collection_mechanism="UBND cấp xã báo cáo hằng năm; rà soát hộ nghèo cuối năm.",
    source="Báo cáo của UBND cấp xã; kết quả rà soát hộ nghèo.",
    importance="QUAN_TRONG", data_layer="AGG", sharing_mode="THEO_YEU_CAU", status="DRAFT",
    related_national_db="CSDL về công tác dân tộc", themes=["DAN_CU_XA_HOI", "VUNG_DIA_PHUONG"],
    keywords_vi=["dân tộc thiểu số", "thôn buôn", "hộ nghèo", "MTQG 1719"],
    keywords_en=["ethnic minorities", "villages", "poverty"],
    frequency="ANNUAL", temporal_start="2021-01-01", data_updated_on="2025-05-30",
    legal_basis=[L.QD20_2025, *L.DATA_SHARING], owner=DN_BDT, owned_since="2021-01-01",
    contact_points=[contact("Y Thuận Bkrông", "Phòng Chính sách dân tộc", "ythuan.sdttg", LD_SDTTG)],
    fields=[
        field("ma_thon", "Mã thôn, buôn", "Village code", "STRING", 12, pk=True, unique=True,
              ex="24664-BU-03",
              d="Mã thôn, buôn, bon: mã xã và số thứ tự."),
        field("ten_thon", "Tên thôn, buôn", "Village name", "STRING", 100, req=True, ex="Bon Bu Đắk",
              d="Tên thôn, buôn, bon."),
        commune(),
        commune_2004(),
        field("khu_vuc", "Khu vực", "Area class", "CODE", 3, d="Phân định vùng DTTS: I, II, III."),
        field("dac_biet_kho_khan", "Thôn đặc biệt khó khăn", "Extremely disadvantaged", "BOOLEAN"),
        field("so_ho", "Số hộ", "Households", "INTEGER",
              d="Tổng số hộ."),
        field("so_ho_dtts", "Số hộ DTTS", "Ethnic-minority households", "INTEGER",
              d="Số hộ đồng bào dân tộc thiểu số."),
        field("ty_le_ho_ngheo", "Tỷ lệ hộ nghèo", "Poverty rate", "DECIMAL", prec=5, scale=2, unit="%"),
        field("dan_toc_chu_yeu", "Dân tộc chủ yếu", "Main ethnic group", "CODE", 2, cl="STD-ETHNIC", ex="20",
              d="Dân tộc đông nhất trong thôn (số liệu tổng hợp, không phải dữ liệu cá nhân).",
              maps=[("STD-ETHNIC", "exactMatch", "Mã dân tộc")]),
        field("du_an", "Dự án thụ hưởng", "Programme projects", "TEXT"),
        money("kinh_phi", "Kinh phí hỗ trợ", "Funding"),
        point(),
    ],
    distributions=[lgsp("thon-buon-dtts", "Dịch vụ dữ liệu thôn, buôn vùng DTTS", "Villages service")],
)

DS32 = dataset(
    "DS32",
    slug="co-so-ton-giao-tin-nguong",
    title_vi="Cơ sở tôn giáo, tín ngưỡng",
    title_en="Religious establishments",
    description_vi="Cơ sở thờ tự của các tổ chức tôn giáo và cơ sở tín ngưỡng đã đăng ký.",
    scope="Cơ sở tại Đắk Nông cũ.",
    sharing_class="DUNG_RIENG", db_category="CSDL_NOI_BO", data_layer="MASTER", status="DRAFT",
    version="0.3", themes=["DAN_CU_XA_HOI"], keywords_vi=["tôn giáo", "tín ngưỡng"],
    data_updated_on="2024-12-31", legal_basis=[L.LUAT_TIN_NGUONG], owner=DN_SNV, owned_since="2018-01-01",
    fields=[
        field("ma_co_so", "Mã cơ sở", "Establishment code", "STRING", 20, pk=True),
        field("ten_co_so", "Tên cơ sở", "Name", "STRING", 255, req=True),
        field("ton_giao", "Tôn giáo", "Religion", "CODE", 2, d="Tôn giáo của cơ sở thờ tự.",
              maps=[(CITIZEN, "closeMatch", "TonGiao")]),
        field("to_chuc_ton_giao", "Tổ chức tôn giáo", "Religious organisation", "STRING", 255),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", None),
        full_name("nguoi_dai_dien", "Người đại diện", label_en="Representative", d=None),
        area("dien_tich", "Diện tích khuôn viên", "Grounds area"),
        field("nam_thanh_lap", "Năm thành lập", "Founded", None),
        field("giay_chung_nhan", "Giấy chứng nhận đăng ký", "Registration", "STRING", 30),
        point(),
    ],
    distributions=[db_view("co-so-ton-giao-tin-nguong", "Khung nhìn cơ sở tôn giáo", "Establishments view")],
)

DS33 = dataset(
    "DS33",
    slug="thanh-tra-khieu-nai-to-cao",
    title_vi="Thanh tra, tiếp công dân, khiếu nại, tố cáo",
    title_en="Inspections, complaints and denunciations",
    description_vi="Đơn khiếu nại, tố cáo, kiến nghị, phản ánh và kết quả xử lý; danh mục cuộc thanh tra. "
    "Thông tin người tố cáo được bảo vệ theo Luật Tố cáo và chỉ Thanh tra tỉnh được xem.",
    description_en="Complaints, denunciations and petitions with their handling, and inspection records.",
    purpose="Theo dõi giải quyết đơn thư, tránh chồng chéo; báo cáo Thanh tra Chính phủ.",
    scope="Đơn thư gửi cơ quan hành chính cấp tỉnh, cấp xã từ năm 2018.",
    content="Đơn, loại đơn, người gửi, lĩnh vực, cơ quan có thẩm quyền, kết quả, thời hạn.",
    collection_mechanism="Nhập khi tiếp nhận đơn; cập nhật theo từng bước xử lý.",
    source="Phần mềm quản lý công tác tiếp công dân, xử lý đơn thư.",
    sharing_class="DUNG_RIENG", importance="QUAN_TRONG", arch_component="APP", data_layer="TXN",
    sharing_mode="THEO_YEU_CAU_DAC_THU", related_national_db="CSDLQG về khiếu nại, tố cáo",
    themes=["CHINH_PHU", "TU_PHAP"], keywords_vi=["khiếu nại", "tố cáo", "thanh tra", "tiếp công dân"],
    keywords_en=["complaints", "denunciations", "inspection"],
    frequency="MONTHLY", temporal_start="2018-01-01", data_updated_on="2026-10-28",
    legal_basis=[L.LUAT_THANH_TRA, L.LUAT_TO_CAO, *L.PERSONAL_DATA, *L.DATA_SHARING],
    owner=DN_TTR, owned_since="2018-01-01",
    contact_points=[contact("Huỳnh Tấn Phát", "Phòng Tiếp công dân, xử lý đơn", "htphat.thanhtra", LD_TTR)],
    fields=[
        field("ma_don", "Mã đơn", "Petition id", "STRING", 20, pk=True, unique=True, ex="KNTC-2026-01234",
              d="Mã đơn trong phần mềm xử lý đơn thư."),
        field("loai_don", "Loại đơn", "Type", "CODE", 10, req=True,
              d="KHIEU_NAI, TO_CAO, KIEN_NGHI, PHAN_ANH."),
        day("ngay_nhan", "Ngày nhận", "Received on", req=True,
            d="Ngày cơ quan nhận đơn."),
        full_name("nguoi_gui", "Người gửi đơn", label_en="Petitioner", restricted=True,
                  d="Họ tên người gửi; danh tính người tố cáo phải được giữ bí mật."),
        pid("so_dinh_danh_nguoi_gui", "Số định danh người gửi", restricted=True),
        field("noi_dung", "Tóm tắt nội dung", "Summary", "TEXT", pd="NHAY_CAM",
              d="Nội dung có thể chứa thông tin nhạy cảm (sức khỏe, tội phạm)."),
        field("linh_vuc", "Lĩnh vực", "Domain", "CODE", 20, d="DAT_DAI, CHINH_SACH, TU_PHAP, THAM_NHUNG…"),
        agency_id("co_quan_bi_khieu_nai", "Cơ quan bị khiếu nại", "Agency complained about"),
        agency_id("co_quan_tham_quyen", "Cơ quan có thẩm quyền", "Competent agency"),
        field("ket_qua", "Kết quả giải quyết", "Outcome", "CODE", 12, d="DUNG, SAI, DUNG_MOT_PHAN, RUT_DON."),
        day("ngay_giai_quyet", "Ngày giải quyết", "Resolved on",
            d="Ngày ban hành quyết định hoặc kết luận giải quyết."),
        status_field("TIEP_NHAN, DANG_XU_LY, DA_GIAI_QUYET, CHUYEN_DON, LUU_DON"),
    ],
    distributions=[db_view("thanh-tra-khieu-nai-to-cao", "Khung nhìn đơn thư (chỉ Thanh tra tỉnh)",
                           "Petitions view (Inspectorate only)")],
)

DS34 = dataset(
    "DS34",
    slug="cong-dan-csdlqg-dan-cu",
    title_vi="Thông tin công dân khai thác từ CSDLQG về dân cư",
    title_en="Citizen data from the national population database",
    description_vi="Thông tin công dân do Công an tỉnh cung cấp qua NDOP từ CSDLQG về dân cư, dùng để xác "
    "thực và làm giàu dữ liệu của các CSDL chuyên ngành; không lưu bản sao ngoài phạm vi được phép.",
    description_en="Citizen data served by the Provincial Police from the national population database "
    "through NDOP, to authenticate and enrich sector databases.",
    purpose="Xác thực thông tin công dân, không yêu cầu người dân cung cấp lại; làm sạch dữ liệu (Đề án 06).",
    scope="Công dân có nơi thường trú, tạm trú trên địa bàn tỉnh.",
    content="Số định danh, họ tên, ngày sinh, giới tính, dân tộc, tôn giáo, quốc tịch, nơi cư trú, quan hệ.",
    collection_mechanism="Không sao chép: truy vấn theo yêu cầu qua NDOP; nhật ký truy vấn được lưu.",
    source="CSDLQG về dân cư (Bộ Công an).",
    db_category="CSDL_QG", importance="COT_LOI", arch_component="EXT", data_layer="MASTER",
    sharing_mode="THEO_YEU_CAU", related_national_db="CSDLQG về dân cư",
    themes=["DAN_CU_XA_HOI", "CHINH_PHU"], keywords_vi=["dân cư", "công dân", "căn cước", "VNeID", "NDOP"],
    keywords_en=["population", "citizens", "identity"],
    frequency="CONTINUOUS", temporal_start="2021-07-01", data_updated_on="2026-11-26",
    legal_basis=[L.LUAT_CAN_CUOC, L.ND278_2025, *L.PERSONAL_DATA, L.LUAT_DU_LIEU],
    owner=DN_CA, owned_since="2021-07-01",
    contact_points=[contact("Thiếu tá Trần Quang Huy", "Phòng Cảnh sát QLHC về trật tự xã hội", "tqhuy.pc06",
                            LD_CA)],
    fields=[
        pid(pk=True, unique=True),
        full_name(),
        birth_date(),
        sex(),
        ethnicity(),
        field("ton_giao", "Tôn giáo", "Religion", "CODE", 2, pd="NHAY_CAM", d="Mã tôn giáo (QCVN 109).",
              maps=[(CITIZEN, "exactMatch", "TonGiao")]),
        field("quoc_tich", "Quốc tịch", "Nationality", "CODE", 2, pd="CO_BAN", cl="STD-ISO3166", ex="VN",
              d="Mã quốc gia ISO 3166-1 alpha-2.",
              maps=[(CITIZEN, "exactMatch", "QuocTich"), ("STD-ISO3166", "exactMatch", "alpha-2")]),
        field("que_quan", "Quê quán", "Home town", "STRING", 255, pd="CO_BAN",
              d="Quê quán ghi trong CSDLQG về dân cư.", maps=[(CITIZEN, "exactMatch", "QueQuan")]),
        commune("noi_thuong_tru", "Nơi thường trú (mã xã)", "Permanent residence", pd="CO_BAN",
                maps=[(CITIZEN, "closeMatch", "ThuongTru"), ("STD-ADMIN-2025", "exactMatch")]),
        field("noi_o_hien_tai", "Nơi ở hiện tại", "Current address", "STRING", 255, pd="CO_BAN",
              d="Địa chỉ nơi ở hiện tại.", maps=[(CITIZEN, "exactMatch", "NoiOHienTai")]),
        pid("so_dinh_danh_cha", "Số định danh của cha", label_en="Father's identification number",
            maps=[(CITIZEN, "closeMatch", "Cha.SoDinhDanh")]),
        pid("so_dinh_danh_me", "Số định danh của mẹ", label_en="Mother's identification number",
            maps=[(CITIZEN, "closeMatch", "Me.SoDinhDanh")]),
        pid("so_dinh_danh_vo_chong", "Số định danh vợ/chồng", label_en="Spouse's identification number",
            maps=[(CITIZEN, "closeMatch", "VoChong.SoDinhDanh")]),
        field("tinh_trang_hon_nhan", "Tình trạng hôn nhân", "Marital status", "CODE", 1, pd="CO_BAN",
              d="1 Chưa kết hôn, 2 Đã kết hôn, 3 Ly hôn, 4 Góa.",
              maps=[(CITIZEN, "exactMatch", "TinhTrangHonNhan")]),
    ],
    distributions=[ndop("dan-cu", "Dịch vụ xác thực, khai thác thông tin công dân qua NDOP",
                        "Citizen data service through NDOP")],
    standards=[(CITIZEN, "exactMatch", None, "Thông điệp theo QCVN 109:2017/BTTTT"),
               ("STD-NDBCONN", "closeMatch"), ("STD-PID", "exactMatch")],
)

DATASETS = [DS31, DS32, DS33, DS34]

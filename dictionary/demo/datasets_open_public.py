"""Open data of government and justice: OD01-OD05, open-data additions beyond the rows of §5.2.

The merged province publishes these of its own accord (Luật Tiếp cận thông tin 2016 art. 17; Luật
Dữ liệu 2024; NĐ 194/2025/NĐ-CP on open data), so they carry no personal data: statistics instead
of dossiers, organisations instead of people, counts of households instead of lists. OD01, OD02 and
OD05 start with the new province on 1/7/2025; OD03 and OD04 were Đắk Nông's and passed to the Lâm
Đồng departments by the 1/7/2025 merger (vietnam-context.md §4). OD02 follows the 124 commune-level
units of NQ 1671/NQ-UBTVQH15 and the Bắc Gia Nghĩa lineage of §4 (24611 + 24612 + 24619 + 24622).
Sources: §2, §4, §5.1 [src/mem as tagged there]; QĐ 766/QĐ-TTg (Bộ chỉ số phục vụ người dân, doanh
nghiệp), Luật Công chứng 46/2024/QH15, Luật Luật sư, Luật Đấu giá tài sản, Luật Thanh tra
11/2022/QH15 (publishing inspection conclusions), Luật Tổ chức chính quyền địa phương 72/2025/QH15
[mem]. Figures, codes of records, addresses and contact officers are synthesised [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_STP, DN_TTR, LD_BAC_GIA_NGHIA, LD_SNV, LD_STP, LD_TTR, LD_VP
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
from dictionary.demo.fields import (
    agency_id,
    area,
    commune,
    commune_2004,
    day,
    field,
    money,
    point,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
QD766_2022 = law("766/QĐ-TTg", "Quyết định phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng "
                 "phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời "
                 "gian thực trên môi trường điện tử", "2022-06-23", "IN_FORCE")
NQ1671_2025 = law("1671/NQ-UBTVQH15", "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lâm "
                  "Đồng năm 2025", "2025-06-16", "IN_FORCE")
LUAT_CQDP = law("72/2025/QH15", "Luật Tổ chức chính quyền địa phương", "2025-06-16", "IN_FORCE")
LUAT_CONG_CHUNG = law("46/2024/QH15", "Luật Công chứng", "2024-11-26", "IN_FORCE")
LUAT_LUAT_SU = law("65/2006/QH11", "Luật Luật sư", "2006-06-29", "IN_FORCE")
LUAT_DAU_GIA = law("01/2016/QH14", "Luật Đấu giá tài sản", "2016-11-17", "IN_FORCE")
MONTH = [("STD-ISO8601", "closeMatch", "calendar month (YYYY-MM)")]
TTHC_DOMAIN = [("STD-TTHC", "exactMatch", "Lĩnh vực")]
BAC_GIA_NGHIA = VOCAB + "admin-units-2025/24611"

OD01 = dataset(
    "OD01",
    slug="thong-ke-giai-quyet-tthc",
    title_vi="Kết quả giải quyết thủ tục hành chính theo cơ quan và tháng",
    title_en="Administrative procedure processing statistics by agency and month",
    description_vi="Số liệu tổng hợp hằng tháng về tiếp nhận, giải quyết hồ sơ thủ tục hành chính của các "
    "sở, ngành và UBND cấp xã, theo lĩnh vực: số hồ sơ, tỷ lệ đúng hạn, tỷ lệ nộp trực tuyến, số hóa kết "
    "quả. Chỉ có số liệu tổng hợp, không có hồ sơ hay người nộp.",
    description_en="Monthly counts of administrative-procedure dossiers received and settled by each agency "
    "and domain: on-time and online rates, digitised results. Aggregates only, no dossier or applicant.",
    purpose="Công khai chất lượng phục vụ người dân, doanh nghiệp; tính Bộ chỉ số theo QĐ 766/QĐ-TTg.",
    scope="Cơ quan cấp tỉnh và 124 UBND cấp xã của tỉnh Lâm Đồng từ 1/7/2025.",
    content="Kỳ báo cáo, cơ quan, lĩnh vực, số hồ sơ tiếp nhận, trực tuyến, đã giải quyết, đúng, quá hạn.",
    collection_mechanism="Tổng hợp tự động từ Hệ thống thông tin giải quyết TTHC của tỉnh ngày 5 hằng tháng.",
    source="Hệ thống thông tin giải quyết TTHC tỉnh (bộ Hồ sơ giải quyết TTHC); Cổng Dịch vụ công quốc gia.",
    sharing_class="MO", data_layer="AGG", sharing_mode="DONG_GOI",
    related_national_db="CSDLQG về thủ tục hành chính", themes=["CHINH_PHU"],
    keywords_vi=["thủ tục hành chính", "TTHC", "đúng hạn", "dịch vụ công trực tuyến", "Bộ chỉ số 766"],
    keywords_en=["administrative procedures", "on-time rate", "online public services"],
    frequency="MONTHLY", temporal_start="2025-07-01", data_updated_on="2026-11-05", spatial=[LAM_DONG_2025],
    legal_basis=[QD766_2022, L.ND61_2018, *L.OPEN_DATA], owner=LD_VP, owned_since="2025-07-01",
    contact_points=[contact("Phạm Thị Hồng Nhung", "Phòng Kiểm soát TTHC", "pthnhung.vp", LD_VP)],
    fields=[
        field("ky_bao_cao", "Kỳ báo cáo", "Reporting month", "STRING", 7, pk=True, ex="2026-10", maps=MONTH,
              d="Tháng báo cáo, dạng YYYY-MM."),
        agency_id("ma_co_quan", "Cơ quan giải quyết", "Processing agency", pk=True),
        field("linh_vuc", "Lĩnh vực", "Domain", "CODE", 20, pk=True, cl="STD-TTHC", maps=TTHC_DOMAIN,
              d="Lĩnh vực thủ tục hành chính theo CSDLQG về TTHC."),
        field("so_tiep_nhan", "Số hồ sơ tiếp nhận", "Dossiers received", "INTEGER", unit="hồ sơ",
              d="Hồ sơ tiếp nhận trong kỳ, mọi kênh."),
        field("so_truc_tuyen", "Số hồ sơ nộp trực tuyến", "Received online", "INTEGER", unit="hồ sơ",
              d="Hồ sơ nộp qua Cổng DVC quốc gia hoặc Hệ thống giải quyết TTHC của tỉnh."),
        field("so_da_giai_quyet", "Số hồ sơ đã giải quyết", "Settled", "INTEGER", unit="hồ sơ",
              d="Hồ sơ đã có kết quả trong kỳ."),
        field("so_dung_han", "Số hồ sơ đúng hạn", "Settled on time", "INTEGER", unit="hồ sơ",
              d="Hồ sơ giải quyết trước hoặc đúng ngày hẹn trả."),
        field("so_qua_han", "Số hồ sơ quá hạn", "Overdue", "INTEGER", unit="hồ sơ",
              d="Hồ sơ trả kết quả sau ngày hẹn hoặc còn tồn quá hạn cuối kỳ."),
        field("ty_le_dung_han", "Tỷ lệ đúng hạn", "On-time rate", "DECIMAL", prec=5, scale=2, unit="%",
              d="Số hồ sơ đúng hạn chia cho số hồ sơ đã giải quyết."),
        field("ty_le_truc_tuyen", "Tỷ lệ trực tuyến", "Online rate", "DECIMAL", prec=5, scale=2, unit="%",
              d="Số hồ sơ nộp trực tuyến chia cho số hồ sơ tiếp nhận."),
        field("so_ket_qua_so_hoa", "Số kết quả được số hóa", "Digitised results", "INTEGER", unit="hồ sơ",
              d="Kết quả giải quyết được số hóa, lưu vào kho dữ liệu của tổ chức, cá nhân."),
        field("diem_bo_chi_so", "Điểm Bộ chỉ số", "Service index score", "DECIMAL", prec=5, scale=2,
              unit="điểm", ex="86.40",
              d="Điểm đánh giá chất lượng phục vụ (thang 100) theo QĐ 766/QĐ-TTg."),
    ],
    distributions=[download("thong-ke-giai-quyet-tthc", "CSV", 286_000),
                   download("thong-ke-giai-quyet-tthc", "XLSX", 341_000),
                   open_api("thong-ke-giai-quyet-tthc")],
    standards=[("STD-TTHC", "relatedMatch")],
)

OD02 = dataset(
    "OD02",
    slug="quy-mo-don-vi-hanh-chinh-cap-xa",
    title_vi="Diện tích, dân số các đơn vị hành chính cấp xã sau sắp xếp năm 2025",
    title_en="Area and population of commune-level units after the 2025 reorganisation",
    description_vi="Quy mô diện tích tự nhiên, dân số, số thôn, tổ dân phố và mức đạt tiêu chuẩn của 124 đơn "
    "vị hành chính cấp xã (103 xã, 20 phường, 1 đặc khu) của tỉnh Lâm Đồng theo NQ 1671/NQ-UBTVQH15, kèm các "
    "xã cũ hợp thành; dân số cập nhật hằng năm.",
    description_en="Area, population, villages and standard compliance of the 124 commune-level units of Lâm "
    "Đồng after 1 July 2025, with the former communes each was formed from.",
    purpose="Công khai quy mô đơn vị hành chính mới; căn cứ phân bổ ngân sách, biên chế cấp xã.",
    scope="124 đơn vị hành chính cấp xã của tỉnh Lâm Đồng (danh mục 2025).",
    content="Mã, tên, loại đơn vị, diện tích, dân số, mật độ, số thôn/tổ dân phố, các xã cũ, trụ sở.",
    collection_mechanism="Theo đề án sắp xếp 2025; dân số cập nhật ngày 31/12 hằng năm từ CSDLQG về dân cư.",
    source="Đề án sắp xếp đơn vị hành chính cấp xã; NQ 1671/NQ-UBTVQH15; số liệu dân số tổng hợp.",
    sharing_class="MO", data_layer="AGG", sharing_mode="DONG_GOI",
    themes=["VUNG_DIA_PHUONG", "DAN_CU_XA_HOI"],
    keywords_vi=["đơn vị hành chính", "sắp xếp", "dân số", "diện tích", "cấp xã"],
    keywords_en=["administrative units", "population", "area", "communes"],
    frequency="ANNUAL", temporal_start="2025-07-01", data_updated_on="2026-02-10", spatial=[LAM_DONG_2025],
    legal_basis=[L.NQ202_2025, NQ1671_2025, LUAT_CQDP, L.QD19_2025, *L.OPEN_DATA],
    owner=LD_SNV, owned_since="2025-07-01",
    contact_points=[contact("Ka Sương", "Phòng Xây dựng chính quyền", "kasuong.snv", LD_SNV)],
    fields=[
        commune("ma_xa", pk=True, unique=True),
        field("ten_don_vi", "Tên đơn vị hành chính", "Name", "STRING", 100, req=True,
              ex="Phường Bắc Gia Nghĩa", d="Tên theo NQ 1671/NQ-UBTVQH15."),
        field("loai_don_vi", "Loại đơn vị", "Unit type", "CODE", 10, ex="PHUONG",
              d="XA, PHUONG hoặc DAC_KHU."),
        area("dien_tich_tu_nhien", "Diện tích tự nhiên", "Natural area", unit="km2", prec=10, scale=2,
             d="Diện tích tự nhiên theo đề án sắp xếp."),
        field("dan_so", "Quy mô dân số", "Population", "INTEGER", unit="người",
              d="Dân số thường trú và tạm trú quy đổi ngày 31/12 của năm số liệu (số tổng hợp)."),
        field("mat_do_dan_so", "Mật độ dân số", "Population density", "DECIMAL", prec=8, scale=1,
              unit="người/km2", d="Dân số chia cho diện tích tự nhiên."),
        field("so_thon_to_dan_pho", "Số thôn, tổ dân phố", "Villages and residential groups", "INTEGER",
              d="Số thôn, bon, buôn, tổ dân phố trực thuộc."),
        field("ty_le_dat_dien_tich", "Tỷ lệ đạt tiêu chuẩn diện tích", "Area standard met", "DECIMAL",
              prec=6, scale=2, unit="%", d="Diện tích so với tiêu chuẩn của loại đơn vị."),
        field("ty_le_dat_dan_so", "Tỷ lệ đạt tiêu chuẩn dân số", "Population standard met", "DECIMAL",
              prec=6, scale=2, unit="%", d="Dân số so với tiêu chuẩn của loại đơn vị."),
        field("so_don_vi_cu", "Số đơn vị cũ hợp thành", "Former units merged", "INTEGER", ex="4",
              d="Số đơn vị hành chính cấp xã trước 1/7/2025 hợp thành đơn vị này."),
        field("ma_xa_cu", "Mã các xã cũ (danh mục 2004)", "Former commune codes (2004 list)", "STRING", 60,
              cl="STD-ADMIN-2004", ex="24611,24612,24619,24622",
              maps=[("STD-ADMIN-2004", "exactMatch", "Mã đơn vị hành chính cấp xã")],
              d="Mã các xã cũ hợp thành theo QĐ 124/2004/QĐ-TTg, cách nhau bằng dấu phẩy."),
        field("dia_chi_tru_so", "Địa chỉ trụ sở", "Seat address", "STRING", 255,
              d="Địa chỉ trụ sở Đảng ủy, HĐND, UBND cấp xã."),
        point("toa_do_tru_so", "Tọa độ trụ sở", "Seat location"),
        field("nam_so_lieu", "Năm số liệu", "Data year", "INTEGER", ex="2025",
              d="Năm của số liệu dân số."),
    ],
    distributions=[download("quy-mo-don-vi-hanh-chinh-cap-xa", "CSV", 21_000),
                   download("quy-mo-don-vi-hanh-chinh-cap-xa", "XLSX", 36_000),
                   open_api("quy-mo-don-vi-hanh-chinh-cap-xa")],
    standards=[("STD-ADMIN-2025", "relatedMatch")],
)

OD03 = dataset(
    "OD03",
    slug="to-chuc-hanh-nghe-cong-chung-luat-su-dau-gia",
    title_vi="Tổ chức hành nghề công chứng, luật sư, đấu giá tài sản",
    title_en="Notary offices, law firms and property-auction organisations",
    description_vi="Danh sách tổ chức hành nghề công chứng, tổ chức hành nghề luật sư, tổ chức đấu giá tài "
    "sản và văn phòng thừa phát lại đã đăng ký hoạt động tại Sở Tư pháp, để người dân tra cứu tổ chức hợp "
    "pháp. Chỉ công bố số lượng người hành nghề, không công bố danh sách cá nhân.",
    description_en="Registered notary offices, law firms, auction organisations and bailiff offices, for the "
    "public to check; only the number of practitioners, not who they are.",
    purpose="Công khai tổ chức hành nghề bổ trợ tư pháp hợp pháp; phục vụ quản lý nhà nước.",
    scope="Đắk Nông cũ từ 2019; toàn tỉnh Lâm Đồng từ 1/7/2025 sau khi hợp nhất danh sách ba Sở Tư pháp.",
    content="Tổ chức, loại, giấy đăng ký hoạt động, địa chỉ, điện thoại giao dịch, số người hành nghề.",
    collection_mechanism="Cập nhật khi cấp, thay đổi, thu hồi giấy đăng ký hoạt động.",
    source="Hồ sơ đăng ký hoạt động tại Sở Tư pháp.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["TU_PHAP"],
    keywords_vi=["công chứng", "luật sư", "đấu giá tài sản", "thừa phát lại", "bổ trợ tư pháp"],
    keywords_en=["notaries", "law firms", "auctions", "bailiffs"],
    frequency="MONTHLY", temporal_start="2019-01-01", data_updated_on="2026-11-02", spatial=WHOLE_PROVINCE,
    legal_basis=[LUAT_CONG_CHUNG, LUAT_LUAT_SU, LUAT_DAU_GIA, *L.OPEN_DATA_SINCE_DAK_NONG],
    owner=DN_STP, owned_since="2019-01-01",
    contact_points=[contact("Võ Minh Triết", "Phòng Bổ trợ tư pháp", "vmtriet.stp", LD_STP)],
    fields=[
        field("ma_to_chuc", "Mã tổ chức", "Organisation code", "STRING", 20, pk=True, unique=True,
              ex="CC-68-0031", d="Mã tổ chức trong danh sách của Sở Tư pháp."),
        field("ten_to_chuc", "Tên tổ chức", "Name", "STRING", 255, req=True,
              ex="Văn phòng công chứng Gia Nghĩa",
              d="Tên theo giấy đăng ký hoạt động."),
        field("loai_to_chuc", "Loại tổ chức", "Type", "CODE", 24, req=True,
              d="PHONG_CONG_CHUNG, VAN_PHONG_CONG_CHUNG, VAN_PHONG_LUAT_SU, CONG_TY_LUAT, TO_CHUC_DAU_GIA, "
              "VAN_PHONG_THUA_PHAT_LAI."),
        field("so_giay_dang_ky", "Số giấy đăng ký hoạt động", "Registration number", "STRING", 30,
              ex="41.02.0015/TP/ĐKHĐ", d="Số giấy đăng ký hoạt động do Sở Tư pháp cấp."),
        day("ngay_dang_ky", "Ngày đăng ký", "Registered on", "Ngày cấp giấy đăng ký hoạt động lần đầu."),
        commune(),
        field("dia_chi", "Địa chỉ trụ sở", "Address", "STRING", 255, d="Địa chỉ trụ sở của tổ chức."),
        field("dien_thoai", "Điện thoại giao dịch", "Telephone", "STRING", 15,
              d="Số điện thoại giao dịch của tổ chức (không phải số cá nhân)."),
        field("so_nguoi_hanh_nghe", "Số người hành nghề", "Practitioners", "INTEGER", unit="người",
              d="Số công chứng viên, luật sư, đấu giá viên, thừa phát lại đang hành nghề (chỉ số lượng)."),
        point(),
        status_field("HOAT_DONG, TAM_NGUNG, CHAM_DUT"),
    ],
    distributions=[download("to-chuc-hanh-nghe-cong-chung-luat-su-dau-gia", "CSV", 18_000),
                   open_api("to-chuc-hanh-nghe-cong-chung-luat-su-dau-gia")],
    standards=[("STD-ADMIN-2025", "relatedMatch")],
)

OD04 = dataset(
    "OD04",
    slug="ket-luan-thanh-tra-cong-khai",
    title_vi="Kết luận thanh tra đã công khai",
    title_en="Published inspection conclusions",
    description_vi="Tóm tắt các kết luận thanh tra hành chính đã công khai theo Luật Thanh tra 2022: cơ "
    "quan, tổ chức được thanh tra, lĩnh vực, sai phạm, kiến nghị thu hồi tiền, đất và số tổ chức, cá nhân bị "
    "kiến nghị xử lý. Tên cá nhân và nội dung thuộc bí mật nhà nước không đưa vào.",
    description_en="Summaries of published inspection conclusions: inspected bodies, findings and the money "
    "and land recommended for recovery. No names of individuals.",
    purpose="Công khai kết quả thanh tra; phòng, chống tham nhũng; giám sát của Nhân dân.",
    scope="Kết luận thanh tra của Thanh tra tỉnh và thanh tra sở (Đắk Nông cũ từ 2020; Lâm Đồng từ 7/2025).",
    content="Số kết luận, ngày ký, cơ quan ban hành, đối tượng, lĩnh vực, tóm tắt, kiến nghị thu hồi, xử lý.",
    collection_mechanism="Cập nhật khi kết luận được công khai trên cổng thông tin điện tử.",
    source="Kết luận thanh tra đã ban hành và công khai.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["CHINH_PHU", "TU_PHAP"],
    keywords_vi=["kết luận thanh tra", "thanh tra", "phòng chống tham nhũng", "thu hồi"],
    keywords_en=["inspection conclusions", "anti-corruption", "recovery"],
    frequency="IRREGULAR", temporal_start="2020-01-01", data_updated_on="2026-10-20", spatial=WHOLE_PROVINCE,
    legal_basis=[L.LUAT_THANH_TRA, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_TTR, owned_since="2020-01-01",
    contact_points=[contact("Đinh Công Hậu", "Văn phòng Thanh tra tỉnh", "dchau.thanhtra", LD_TTR)],
    fields=[
        field("so_ket_luan", "Số kết luận", "Conclusion number", "STRING", 30, pk=True, unique=True,
              ex="12/KL-TTr", d="Số, ký hiệu kết luận thanh tra."),
        day("ngay_ky", "Ngày ký", "Signed on", "Ngày ký kết luận thanh tra.", req=True),
        agency_id("co_quan_ban_hanh", "Cơ quan ban hành", "Issuing body"),
        field("doi_tuong_thanh_tra", "Đối tượng thanh tra", "Inspected body", "STRING", 255, req=True,
              d="Tên cơ quan, tổ chức, đơn vị được thanh tra (không ghi tên cá nhân)."),
        field("linh_vuc", "Lĩnh vực", "Domain", "CODE", 30,
              d="DAT_DAI, DAU_TU_XAY_DUNG, TAI_CHINH_NGAN_SACH, GIAO_DUC, Y_TE, KHOANG_SAN, "
              "PHONG_CHONG_THAM_NHUNG."),
        field("loai_thanh_tra", "Loại cuộc thanh tra", "Inspection type", "CODE", 15,
              d="THEO_KE_HOACH hoặc DOT_XUAT."),
        commune("ma_xa", "Địa bàn (mã xã)", "Location (commune)"),
        field("tom_tat", "Tóm tắt kết luận", "Summary", "TEXT", d="Tóm tắt sai phạm phát hiện và kiến nghị."),
        money("tien_kien_nghi_thu_hoi", "Tiền kiến nghị thu hồi", "Money to recover",
              d="Tổng số tiền kiến nghị thu hồi về ngân sách."),
        area("dat_kien_nghi_thu_hoi", "Đất kiến nghị thu hồi", "Land to recover", unit="m2",
             d="Diện tích đất kiến nghị thu hồi hoặc xử lý."),
        field("so_tap_the_ca_nhan_xu_ly", "Số tập thể, cá nhân bị kiến nghị xử lý",
              "Bodies and persons to be disciplined", "INTEGER", d="Chỉ số lượng; danh tính không công bố."),
        field("duong_dan_van_ban", "Đường dẫn văn bản", "Link", "STRING", 500,
              d="Đường dẫn tới kết luận đã công khai trên cổng thông tin điện tử."),
    ],
    distributions=[download("ket-luan-thanh-tra-cong-khai", "CSV", 64_000),
                   download("ket-luan-thanh-tra-cong-khai", "JSON", 97_000)],
)

OD05 = dataset(
    "OD05",
    slug="to-dan-pho-nha-van-hoa-bac-gia-nghia",
    title_vi="Tổ dân phố, thôn và nhà văn hóa phường Bắc Gia Nghĩa",
    title_en="Residential groups, villages and community halls of Bắc Gia Nghĩa ward",
    description_vi="Tổ dân phố, thôn thuộc phường Bắc Gia Nghĩa (hình thành ngày 1/7/2025 từ các phường "
    "Nghĩa Đức, Nghĩa Thành, Quảng Thành và xã Đắk Ha cũ) với số hộ, số nhân khẩu tổng hợp và nhà văn hóa, "
    "điểm sinh hoạt cộng đồng. Không chứa thông tin về tổ trưởng, trưởng thôn hay từng hộ.",
    description_en="Residential groups and villages of Bắc Gia Nghĩa ward (formed on 1 July 2025), with "
    "household and population counts and their community halls. Nothing about individual households.",
    purpose="Công khai tổ chức địa bàn của phường mới; đặt lịch sinh hoạt cộng đồng tại nhà văn hóa.",
    scope="Phường Bắc Gia Nghĩa (mã 24611, danh mục 2025).",
    content="Tổ dân phố/thôn, xã cũ, số hộ, nhân khẩu, nhà văn hóa, địa chỉ, tọa độ, diện tích, sức chứa.",
    collection_mechanism="Rà soát đầu năm; cập nhật khi sáp nhập, điều chỉnh tổ dân phố, thôn.",
    source="UBND phường Bắc Gia Nghĩa; hồ sơ tiếp nhận từ UBND thành phố Gia Nghĩa (cũ).",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI",
    themes=["VUNG_DIA_PHUONG", "GIAO_DUC_VAN_HOA"],
    keywords_vi=["tổ dân phố", "thôn", "nhà văn hóa", "Bắc Gia Nghĩa"],
    keywords_en=["residential groups", "community halls", "ward"],
    frequency="ANNUAL", temporal_start="2025-07-01", data_updated_on="2026-01-15",
    spatial=[LAM_DONG_2025, BAC_GIA_NGHIA],
    legal_basis=[NQ1671_2025, LUAT_CQDP, *L.OPEN_DATA], owner=LD_BAC_GIA_NGHIA, owned_since="2025-07-01",
    contact_points=[contact("H'Linh Niê", "Công chức Văn hóa - Xã hội", "hlinh.bacgianghia",
                            LD_BAC_GIA_NGHIA)],
    fields=[
        field("ma_to_dan_pho", "Mã tổ dân phố, thôn", "Group code", "STRING", 12, pk=True, unique=True,
              ex="24611-TDP07", d="Mã xã (2025) và số thứ tự tổ dân phố, thôn."),
        field("ten", "Tên tổ dân phố, thôn", "Name", "STRING", 100, req=True, ex="Tổ dân phố 7",
              d="Tên theo quyết định thành lập hoặc sáp nhập."),
        field("loai", "Loại", "Type", "CODE", 12, d="TO_DAN_PHO, THON hoặc BON."),
        commune_2004("ma_xa_cu", d="Phường, xã trước 1/7/2025 của tổ dân phố (24611, 24612, 24619, 24622)."),
        field("so_ho", "Số hộ", "Households", "INTEGER", unit="hộ", d="Số hộ (số tổng hợp)."),
        field("so_nhan_khau", "Số nhân khẩu", "Residents", "INTEGER", unit="người",
              d="Số nhân khẩu thường trú (số tổng hợp)."),
        field("ten_nha_van_hoa", "Nhà văn hóa", "Community hall", "STRING", 255,
              d="Tên nhà văn hóa hoặc điểm sinh hoạt cộng đồng."),
        field("dia_chi_nha_van_hoa", "Địa chỉ nhà văn hóa", "Hall address", "STRING", 255,
              d="Địa chỉ nhà văn hóa."),
        point("toa_do_nha_van_hoa", "Tọa độ nhà văn hóa", "Hall location", ex="POINT(107.70 12.01)"),
        area("dien_tich_khuon_vien", "Diện tích khuôn viên", "Site area",
             d="Diện tích khuôn viên nhà văn hóa."),
        field("suc_chua", "Sức chứa", "Capacity", "INTEGER", unit="chỗ", d="Số chỗ ngồi hội trường."),
        field("tinh_trang", "Tình trạng nhà văn hóa", "Hall condition", "CODE", 15,
              d="TOT, XUONG_CAP, DANG_XAY_DUNG, CHUA_CO."),
    ],
    distributions=[download("to-dan-pho-nha-van-hoa-bac-gia-nghia", "CSV", 6_000),
                   download("to-dan-pho-nha-van-hoa-bac-gia-nghia", "GEOJSON", 14_000)],
)

DATASETS = [OD01, OD02, OD03, OD04, OD05]

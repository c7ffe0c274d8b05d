"""Open data of agriculture, environment and natural hazards: OD11-OD14, beyond the rows of §5.2.

All four belong to Sở Nông nghiệp và Môi trường Lâm Đồng. OD12 (crop statistics: coffee, tea,
durian, pepper, macadamia — §5.2 local colour [mem]) was kept by Sở NN&PTNT Đắk Nông and OD13 (the
daily VN_AQI computed from the automatic stations of DS17) by Sở TN&MT Đắk Nông; both passed through
Sở NN&MT Đắk Nông (1/3/2025) to Lâm Đồng (1/7/2025), the lineage of §4. OD11 and OD14 start with the
merged province. Counts of households in hazard zones are aggregates, never lists. Sources: §4, §5;
Luật Bảo vệ môi trường 72/2020/QH14, Luật Trồng trọt 31/2018/QH14, QĐ 1459/QĐ-TCMT (VN_AQI: six
bands, 0-500), Luật Phòng, chống thiên tai 33/2013/QH13 and QĐ 18/2021/QĐ-TTg (five risk levels)
[mem]. Places are real examples, figures and codes of records [syn].
"""

from __future__ import annotations

from typing import Any

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SNNPTNT, DN_STNMT, LD_SNNMT
from dictionary.demo.build import LAM_DONG_2025, WHOLE_PROVINCE, contact, dataset, download, law, open_api
from dictionary.demo.fields import area, commune, day, field, point, shape, status_field

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
QD1459_2019 = law("1459/QĐ-TCMT", "Quyết định ban hành Hướng dẫn kỹ thuật tính toán và công bố chỉ số chất "
                  "lượng không khí Việt Nam (VN_AQI)", "2019-11-12", "IN_FORCE")
LUAT_PCTT = law("33/2013/QH13", "Luật Phòng, chống thiên tai", "2013-06-19", "IN_FORCE")
QD18_2021 = law("18/2021/QĐ-TTg", "Quyết định quy định về dự báo, cảnh báo, truyền tin thiên tai và cấp "
                "độ rủi ro thiên tai", "2021-04-22", "IN_FORCE")
ENV_CONTACT = [contact("Hà Văn Sơn", "Trưởng phòng Môi trường", "hvson.snnmt", LD_SNNMT)]
AQI_BANDS = ("TOT (0-50), TRUNG_BINH (51-100), KEM (101-150), XAU (151-200), RAT_XAU (201-300), "
             "NGUY_HAI (>300)")


def sub_index(name: str, pollutant: str, pollutant_en: str) -> dict[str, Any]:
    return field(name, f"Chỉ số {pollutant}", f"{pollutant_en} sub-index", "INTEGER", unit="điểm",
                 d=f"Chỉ số AQI thành phần của {pollutant} trong ngày.")


OD11 = dataset(
    "OD11",
    slug="diem-thu-gom-chat-thai-ran",
    title_vi="Điểm tập kết, trạm trung chuyển và cơ sở xử lý chất thải rắn sinh hoạt",
    title_en="Household waste collection points, transfer stations and treatment sites",
    description_vi="Điểm tập kết, trạm trung chuyển, bãi chôn lấp, nhà máy xử lý chất thải rắn sinh hoạt và "
    "điểm thu hồi chất thải nguy hại từ hộ gia đình (pin, bóng đèn), với lịch, khung giờ thu gom và đơn vị "
    "thu gom, để người dân biết nơi và giờ bỏ rác đã phân loại.",
    description_en="Household-waste collection points, transfer stations, landfills and treatment plants, "
    "with collection schedules and operators.",
    purpose="Hướng dẫn người dân phân loại, chuyển giao chất thải; quản lý mạng lưới thu gom, xử lý.",
    scope="124 xã, phường, đặc khu của tỉnh Lâm Đồng.",
    content="Điểm, loại, vị trí, đơn vị thu gom, tần suất, khung giờ, công suất, phân loại tại nguồn.",
    collection_mechanism="UBND cấp xã cập nhật hằng quý; Sở tổng hợp, kiểm tra.",
    source="UBND cấp xã; đơn vị thu gom, vận chuyển; Sở Nông nghiệp và Môi trường.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["MOI_TRUONG"],
    keywords_vi=["chất thải rắn", "thu gom rác", "phân loại rác", "bãi chôn lấp"],
    keywords_en=["waste collection", "recycling", "landfill"],
    frequency="QUARTERLY", temporal_start="2025-07-01", data_updated_on="2026-10-05", spatial=[LAM_DONG_2025],
    legal_basis=[L.LUAT_BVMT, *L.OPEN_DATA], owner=LD_SNNMT, owned_since="2025-07-01",
    contact_points=ENV_CONTACT,
    fields=[
        field("ma_diem", "Mã điểm", "Site code", "STRING", 15, pk=True, unique=True, ex="CTR-24781-012",
              d="Mã xã (2025) và số thứ tự điểm."),
        field("ten_diem", "Tên điểm", "Name", "STRING", 255, req=True, ex="Điểm tập kết chợ Đà Lạt",
              d="Tên hoặc mô tả vị trí điểm."),
        field("loai_diem", "Loại điểm", "Site type", "CODE", 20, req=True,
              d="DIEM_TAP_KET, TRAM_TRUNG_CHUYEN, BAI_CHON_LAP, NHA_MAY_XU_LY, DIEM_THU_CTNH."),
        commune(ex="24781"),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255, d="Địa chỉ hoặc mô tả vị trí."),
        point(ex="POINT(108.44 11.94)"),
        field("don_vi_thu_gom", "Đơn vị thu gom", "Operator", "STRING", 255,
              d="Doanh nghiệp, hợp tác xã hoặc tổ thu gom phụ trách."),
        field("tan_suat", "Tần suất thu gom", "Frequency", "CODE", 12, d="HANG_NGAY, CACH_NGAY, HANG_TUAN."),
        field("khung_gio", "Khung giờ thu gom", "Collection hours", "STRING", 30, ex="17:00-21:00",
              d="Khung giờ tiếp nhận, thu gom."),
        field("cong_suat", "Công suất", "Capacity", "DECIMAL", prec=8, scale=1, unit="tấn/ngày",
              d="Công suất tiếp nhận hoặc xử lý."),
        field("phan_loai_tai_nguon", "Thu gom riêng rác đã phân loại", "Separate collection", "BOOLEAN",
              d="Đúng nếu điểm thu gom riêng chất thải đã phân loại tại nguồn."),
        status_field("HOAT_DONG, TAM_DUNG, DA_DONG_CUA"),
    ],
    distributions=[download("diem-thu-gom-chat-thai-ran", "GEOJSON", 1_150_000),
                   download("diem-thu-gom-chat-thai-ran", "CSV", 380_000)],
    standards=[("STD-GEO", "closeMatch", "WGS84 point")],
)

OD12 = dataset(
    "OD12",
    slug="dien-tich-nang-suat-cay-trong",
    title_vi="Diện tích, năng suất, sản lượng cây trồng chủ lực",
    title_en="Area, yield and output of key crops",
    description_vi="Diện tích hiện có, diện tích cho thu hoạch, trồng mới và tái canh, năng suất, sản lượng, "
    "diện tích ứng dụng công nghệ cao và được chứng nhận của cà phê, chè, sầu riêng, hồ tiêu, mắc ca, điều, "
    "rau, hoa, lúa theo xã và năm.",
    description_en="Area, replanting, yield and output of coffee, tea, durian, pepper, macadamia, cashew, "
    "vegetables, flowers and rice by commune and year.",
    purpose="Công khai số liệu ngành hàng; quy hoạch vùng nguyên liệu; phục vụ doanh nghiệp, nhà nghiên cứu.",
    scope="Đắk Nông cũ từ 2016; toàn tỉnh Lâm Đồng từ niên vụ 2025.",
    content="Năm, xã, cây trồng, diện tích các loại, năng suất, sản lượng, công nghệ cao, chứng nhận.",
    collection_mechanism="Tổng hợp cuối niên vụ từ báo cáo của UBND cấp xã, đối chiếu số liệu thống kê.",
    source="Chi cục Trồng trọt và Bảo vệ thực vật; UBND cấp xã.",
    sharing_class="MO", data_layer="AGG", sharing_mode="DONG_GOI", themes=["NONG_NGHIEP", "KINH_TE"],
    keywords_vi=["cà phê", "chè", "sầu riêng", "hồ tiêu", "năng suất", "sản lượng"],
    keywords_en=["coffee", "tea", "durian", "crop yield", "agricultural statistics"],
    frequency="ANNUAL", temporal_start="2016-01-01", data_updated_on="2026-02-28", spatial=WHOLE_PROVINCE,
    legal_basis=[L.LUAT_TRONG_TROT, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_SNNPTNT, owned_since="2016-01-01",
    contact_points=[contact("H'Ngọc Êban", "Chi cục Trồng trọt và BVTV", "hngoc.ttbvtv", LD_SNNMT)],
    fields=[
        field("nam", "Năm", "Year", "INTEGER", pk=True, ex="2025", d="Năm (niên vụ) của số liệu."),
        commune(pk=True),
        field("cay_trong", "Cây trồng", "Crop", "CODE", 10, pk=True, ex="CA_PHE",
              d="CA_PHE, CHE, SAU_RIENG, HO_TIEU, MAC_CA, DIEU, RAU, HOA, LUA."),
        area("dien_tich_hien_co", "Diện tích hiện có", "Planted area", unit="ha", prec=10, scale=2,
             d="Tổng diện tích hiện có cuối năm."),
        area("dien_tich_thu_hoach", "Diện tích cho thu hoạch", "Harvested area", unit="ha", prec=10, scale=2,
             d="Diện tích đang cho sản phẩm (cây lâu năm) hoặc thu hoạch (cây hằng năm)."),
        area("dien_tich_trong_moi", "Diện tích trồng mới, tái canh", "New and replanted area", unit="ha",
             prec=10, scale=2, d="Diện tích trồng mới và tái canh, ghép cải tạo trong năm."),
        field("nang_suat", "Năng suất", "Yield", "DECIMAL", prec=7, scale=2, unit="tạ/ha",
              d="Sản lượng chia cho diện tích cho thu hoạch."),
        field("san_luong", "Sản lượng", "Output", "DECIMAL", prec=12, scale=1, unit="tấn",
              d="Sản lượng thu hoạch (cà phê nhân, chè búp tươi, quả tươi…)."),
        area("dien_tich_cong_nghe_cao", "Diện tích ứng dụng công nghệ cao", "High-tech area", unit="ha",
             prec=10, scale=2, d="Diện tích sản xuất ứng dụng công nghệ cao (nhà kính, tưới tiết kiệm…)."),
        area("dien_tich_chung_nhan", "Diện tích được chứng nhận", "Certified area", unit="ha",
             prec=10, scale=2, d="Diện tích có chứng nhận VietGAP, hữu cơ, 4C, Rainforest Alliance…"),
        area("dien_tich_co_ma_vung_trong", "Diện tích có mã số vùng trồng", "Area with crop-area code",
             unit="ha", prec=10, scale=2, d="Diện tích thuộc vùng trồng đã được cấp mã số."),
    ],
    distributions=[download("dien-tich-nang-suat-cay-trong", "CSV", 1_020_000),
                   download("dien-tich-nang-suat-cay-trong", "XLSX", 880_000),
                   open_api("dien-tich-nang-suat-cay-trong")],
)

OD13 = dataset(
    "OD13",
    slug="chi-so-chat-luong-khong-khi",
    title_vi="Chỉ số chất lượng không khí VN_AQI theo ngày",
    title_en="Daily Vietnam Air Quality Index (VN_AQI)",
    description_vi="Chỉ số chất lượng không khí Việt Nam (VN_AQI) ngày của từng trạm quan trắc không khí tự "
    "động, tính từ số liệu quan trắc theo hướng dẫn của Tổng cục Môi trường, kèm chỉ số thành phần, mức chất "
    "lượng và khuyến cáo sức khỏe.",
    description_en="Daily VN_AQI per automatic air-monitoring station, with sub-indices, quality band and "
    "health advice.",
    purpose="Thông tin cho người dân về chất lượng không khí và khuyến cáo sức khỏe.",
    scope="Trạm không khí tự động: Đắk Nông cũ từ 2019; thêm trạm Đà Lạt, Bảo Lộc, Phan Thiết từ 2025.",
    content="Trạm, ngày, VN_AQI, mức chất lượng, chỉ số thành phần, thông số quyết định, khuyến cáo.",
    collection_mechanism="Tính tự động lúc 01:00 hằng ngày từ số liệu trung bình giờ đã kiểm tra.",
    source="Bộ dữ liệu Quan trắc môi trường tự động (trạm không khí).",
    sharing_class="MO", data_layer="AGG", sharing_mode="DONG_GOI",
    related_national_db="CSDL môi trường quốc gia", themes=["MOI_TRUONG", "Y_TE"],
    keywords_vi=["chất lượng không khí", "AQI", "VN_AQI", "bụi mịn", "PM2.5"],
    keywords_en=["air quality index", "AQI", "PM2.5"],
    frequency="DAILY", temporal_start="2019-01-01", data_updated_on="2026-11-26", spatial=WHOLE_PROVINCE,
    legal_basis=[L.LUAT_BVMT, QD1459_2019, *L.OPEN_DATA_SINCE_DAK_NONG], owner=DN_STNMT,
    owned_since="2019-01-01", contact_points=ENV_CONTACT,
    fields=[
        field("ma_tram", "Mã trạm", "Station code", "STRING", 20, pk=True, ex="KK-GN-01",
              d="Mã trạm quan trắc không khí tự động (như trong bộ Quan trắc môi trường tự động)."),
        day("ngay", "Ngày", "Date", "Ngày tính chỉ số.", pk=True),
        field("ten_tram", "Tên trạm", "Station name", "STRING", 255, d="Tên và vị trí mô tả của trạm."),
        field("vn_aqi", "VN_AQI ngày", "Daily VN_AQI", "INTEGER", req=True, unit="điểm", ex="42",
              d="Chỉ số chất lượng không khí ngày (0-500), là giá trị lớn nhất của các chỉ số thành phần."),
        field("muc_chat_luong", "Mức chất lượng", "Quality band", "CODE", 12, d=f"{AQI_BANDS}."),
        sub_index("aqi_pm25", "PM2,5", "PM2.5"),
        sub_index("aqi_pm10", "PM10", "PM10"),
        sub_index("aqi_o3", "O3", "Ozone"),
        sub_index("aqi_no2", "NO2", "NO2"),
        field("thong_so_quyet_dinh", "Thông số quyết định", "Dominant pollutant", "CODE", 6, ex="PM2_5",
              d="Thông số có chỉ số thành phần lớn nhất."),
        field("khuyen_cao", "Khuyến cáo sức khỏe", "Health advice", "TEXT",
              d="Khuyến cáo cho người bình thường và người nhạy cảm theo mức chất lượng."),
        commune(),
        point(),
    ],
    distributions=[open_api("chi-so-chat-luong-khong-khi"),
                   download("chi-so-chat-luong-khong-khi", "CSV", 2_600_000)],
)

OD14 = dataset(
    "OD14",
    slug="khu-vuc-nguy-co-sat-lo-lu-quet",
    title_vi="Khu vực có nguy cơ sạt lở đất, lũ quét, ngập lụt",
    title_en="Areas at risk of landslides, flash floods and flooding",
    description_vi="Khu vực đã xác định có nguy cơ sạt lở đất, lũ quét, ngập lụt, sụt lún (đèo Prenn, đèo "
    "Bảo Lộc, các sườn đồi tại Đà Lạt, ven sông Đồng Nai, Krông Nô…) với cấp độ rủi ro thiên tai, vùng ảnh "
    "hưởng, số hộ trong vùng (số tổng hợp) và biện pháp phòng tránh.",
    description_en="Areas at risk of landslides, flash floods, flooding and subsidence, with risk level, "
    "affected zone, household counts and mitigation.",
    purpose="Cảnh báo cho người dân, du khách; lập phương án sơ tán, di dời; quy hoạch xây dựng an toàn.",
    scope="Toàn tỉnh Lâm Đồng; rà soát trước mùa mưa bão hằng năm.",
    content="Khu vực, loại thiên tai, cấp độ rủi ro, vị trí, vùng ảnh hưởng, số hộ, biện pháp, tình trạng.",
    collection_mechanism="Khảo sát trước mùa mưa; cập nhật sau mỗi sự cố; UBND cấp xã báo cáo.",
    source="Chi cục Thủy lợi và Phòng, chống thiên tai; UBND cấp xã.",
    sharing_class="MO", data_layer="OPEN", sharing_mode="DONG_GOI", themes=["MOI_TRUONG", "VUNG_DIA_PHUONG"],
    keywords_vi=["sạt lở đất", "lũ quét", "ngập lụt", "thiên tai", "cảnh báo"],
    keywords_en=["landslides", "flash floods", "natural hazards", "early warning"],
    frequency="QUARTERLY", temporal_start="2025-07-01", data_updated_on="2026-06-15", spatial=[LAM_DONG_2025],
    legal_basis=[LUAT_PCTT, QD18_2021, *L.OPEN_DATA], owner=LD_SNNMT, owned_since="2025-07-01",
    contact_points=[contact("Lò Văn Tâm", "Chi cục Thủy lợi và Phòng, chống thiên tai", "lvtam.snnmt",
                            LD_SNNMT)],
    fields=[
        field("ma_khu_vuc", "Mã khu vực", "Area code", "STRING", 15, pk=True, unique=True, ex="SL-24781-003",
              d="Mã xã (2025), loại thiên tai và số thứ tự."),
        field("ten_khu_vuc", "Tên khu vực", "Name", "STRING", 255, req=True, ex="Đèo Prenn (Quốc lộ 20)",
              d="Tên hoặc mô tả vị trí khu vực."),
        field("loai_thien_tai", "Loại thiên tai", "Hazard", "CODE", 15, req=True,
              d="SAT_LO_DAT, LU_QUET, NGAP_LUT, SUT_LUN, SAT_LO_BO_SONG."),
        field("cap_do_rui_ro", "Cấp độ rủi ro thiên tai", "Risk level", "INTEGER", ex="3",
              d="Cấp độ 1-5 theo QĐ 18/2021/QĐ-TTg."),
        commune(ex="24781"),
        point(ex="POINT(108.47 11.88)"),
        shape("vung_anh_huong", "Vùng ảnh hưởng", "Affected zone"),
        field("so_ho_trong_vung", "Số hộ trong vùng nguy cơ", "Households in zone", "INTEGER", unit="hộ",
              d="Tổng số hộ trong vùng (số tổng hợp, không kèm danh sách)."),
        field("so_ho_can_di_doi", "Số hộ cần di dời", "Households to relocate", "INTEGER", unit="hộ",
              d="Số hộ cần di dời khẩn cấp hoặc theo kế hoạch."),
        field("co_bien_canh_bao", "Đã cắm biển cảnh báo", "Warning signs", "BOOLEAN",
              d="Đúng nếu khu vực đã có biển cảnh báo."),
        field("bien_phap", "Biện pháp phòng tránh", "Mitigation", "TEXT",
              d="Biện pháp công trình, phi công trình và phương án sơ tán."),
        day("ngay_khao_sat", "Ngày khảo sát", "Surveyed on", "Ngày khảo sát, đánh giá gần nhất."),
        status_field("DANG_THEO_DOI, DA_XU_LY, DA_DI_DOI"),
    ],
    distributions=[download("khu-vuc-nguy-co-sat-lo-lu-quet", "GEOJSON", 4_800_000),
                   download("khu-vuc-nguy-co-sat-lo-lu-quet", "CSV", 160_000)],
    standards=[("STD-GEO", "exactMatch", "VN-2000")],
)

DATASETS = [OD11, OD12, OD13, OD14]

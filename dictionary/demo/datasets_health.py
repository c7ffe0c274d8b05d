"""Demo datasets of education and health: DS21-DS24 of vietnam-context.md §5.2.

Health data (disease codes, vaccine reactions, blood group) and ethnicity are sensitive personal
data under Decree 356/2025 art. 4; those fields are restricted. Code lists: STD-EDU (QĐ 01/2017/
QĐ-TTg), STD-ICD10 (QĐ 4469/QĐ-BYT), STD-BHYT-XML (QĐ 130/QĐ-BYT, amended by QĐ 4750/QĐ-BYT), per
§3. Sources: §5.2 [syn]; Luật Giáo dục 43/2019/QH14, Luật Khám bệnh, chữa bệnh 15/2023/QH15 [mem].
DS24 is a DRAFT whose dictionary is still being assessed. Records and contacts [syn].
"""

from __future__ import annotations

from dictionary.demo import legal as L
from dictionary.demo.agencies import DN_SGDDT, DN_SKHCN, DN_SYT, LD_SGDDT, LD_SYT
from dictionary.demo.build import contact, dataset, db_view, download, lgsp
from dictionary.demo.fields import (
    birth_date,
    commune,
    day,
    ethnicity,
    field,
    full_name,
    moment,
    pid,
    point,
    sex,
    status_field,
)

# fmt: off
# Data tables: kept compact by hand (one field per line or two), not reflowed by the formatter.
EDU = [("STD-EDU", "exactMatch", "Cấp học, trình độ đào tạo")]
ICD10 = [("STD-ICD10", "exactMatch", "Mã bệnh ICD-10")]

DS21 = dataset(
    "DS21",
    slug="truong-lop-hoc-sinh",
    title_vi="Trường học, lớp học, học sinh",
    title_en="Schools, classes and learners",
    description_vi="Dữ liệu trường, lớp và học sinh mầm non, phổ thông trên địa bàn, đồng bộ với CSDL ngành "
    "giáo dục; mỗi học sinh có mã định danh của ngành và số định danh cá nhân.",
    description_en="Schools, classes and pupils from pre-school to upper-secondary, synchronised with the "
    "education sector database.",
    purpose="Quản lý học sinh, tuyển sinh đầu cấp, phổ cập giáo dục, chính sách hỗ trợ học sinh DTTS.",
    scope="Học sinh các cơ sở giáo dục mầm non, phổ thông thuộc Đắk Nông cũ.",
    content="Trường, cấp học, lớp, năm học, nhân thân học sinh, dân tộc, nơi cư trú, kết quả học tập.",
    collection_mechanism="Nhà trường cập nhật đầu năm học và cuối mỗi học kỳ.",
    source="CSDL ngành giáo dục (Bộ GD&ĐT).",
    db_category="CSDL_NGANH", data_layer="MASTER", sharing_mode="DONG_BO",
    related_national_db="CSDL ngành giáo dục", themes=["GIAO_DUC_VAN_HOA"],
    keywords_vi=["trường học", "học sinh", "năm học", "tuyển sinh"], keywords_en=["schools", "pupils"],
    frequency="ANNUAL", temporal_start="2018-09-01", data_updated_on="2026-10-15",
    legal_basis=[L.LUAT_GIAO_DUC, *L.PERSONAL_DATA, *L.DATA_SHARING],
    owner=DN_SGDDT, custodian=DN_SKHCN, owned_since="2018-09-01",
    contact_points=[contact("Trần Thị Ánh Tuyết", "Phòng Kế hoạch - Tài chính", "ttatuyet.sgddt", LD_SGDDT)],
    fields=[
        field("ma_hoc_sinh", "Mã định danh học sinh", "Pupil id", "STRING", 20, pk=True, unique=True,
              d="Mã định danh do CSDL ngành giáo dục cấp.", ex="6702301234", pd="CO_BAN"),
        pid(),
        full_name(),
        birth_date(),
        sex(),
        ethnicity(),
        field("ma_truong", "Mã trường", "School code", "STRING", 20, req=True, ex="67000712",
              d="Mã trường trong CSDL ngành giáo dục."),
        field("ten_truong", "Tên trường", "School name", "STRING", 255, ex="Trường THPT Chu Văn An",
              d="Tên trường."),
        field("cap_hoc", "Cấp học", "Education level", "CODE", 5, cl="STD-EDU", maps=EDU,
              d="Cấp học: mầm non, tiểu học, THCS, THPT."),
        field("lop", "Lớp", "Class", "STRING", 10, ex="10A3",
              d="Tên lớp học."),
        field("nam_hoc", "Năm học", "School year", "STRING", 9, ex="2026-2027",
              d="Năm học."),
        commune("ma_xa_cu_tru", "Mã xã cư trú", "Residence commune", pd="CO_BAN"),
        field("ket_qua_hoc_tap", "Kết quả học tập", "Learning result", "CODE", 10, pd="CO_BAN",
              d="TOT, KHA, DAT, CHUA_DAT."),
    ],
    distributions=[lgsp("hoc-sinh", "Dịch vụ xác thực thông tin học sinh", "Pupil check service")],
    standards=[("STD-EDU", "closeMatch")],
)

DS22 = dataset(
    "DS22",
    slug="van-bang-chung-chi",
    title_vi="Văn bằng, chứng chỉ",
    title_en="Diplomas and certificates",
    description_vi="Sổ gốc cấp bằng tốt nghiệp THCS, THPT và chứng chỉ do ngành giáo dục tỉnh cấp, phục vụ "
    "xác minh văn bằng trực tuyến.",
    description_en="Register of lower- and upper-secondary diplomas and certificates issued in the province.",
    purpose="Xác minh văn bằng cho tuyển dụng, tuyển sinh; chống văn bằng giả.",
    scope="Văn bằng, chứng chỉ cấp từ năm 2005 tại Đắk Nông cũ.",
    content="Số hiệu, số vào sổ, loại văn bằng, người được cấp, năm tốt nghiệp, xếp loại.",
    collection_mechanism="Nhập khi cấp bằng; số hóa sổ gốc các năm trước.",
    source="Sổ gốc cấp văn bằng, chứng chỉ.",
    db_category="CSDL_NGANH", data_layer="MASTER", sharing_mode="THEO_YEU_CAU",
    related_national_db="CSDL văn bằng, chứng chỉ", themes=["GIAO_DUC_VAN_HOA"],
    keywords_vi=["văn bằng", "bằng tốt nghiệp", "chứng chỉ"], keywords_en=["diplomas", "certificates"],
    frequency="MONTHLY", temporal_start="2005-01-01", data_updated_on="2026-08-31",
    legal_basis=[L.LUAT_GIAO_DUC, *L.PERSONAL_DATA, *L.DATA_SHARING],
    owner=DN_SGDDT, owned_since="2019-01-01",
    contact_points=[contact("Võ Minh Hiếu", "Phòng Quản lý chất lượng", "vmhieu.sgddt", LD_SGDDT)],
    fields=[
        field("so_hieu", "Số hiệu văn bằng", "Diploma serial", "STRING", 20, pk=True, unique=True,
              ex="A 0123456",
              d="Số hiệu in trên phôi văn bằng."),
        field("so_vao_so", "Số vào sổ gốc", "Register entry", "STRING", 20, req=True,
              d="Số vào sổ gốc cấp văn bằng."),
        field("loai_van_bang", "Loại văn bằng", "Diploma type", "CODE", 10, cl="STD-EDU",
              d="TN_THCS, TN_THPT, CHUNG_CHI.", maps=EDU),
        full_name(),
        # Dates of birth come from scanned certificates, kept as written (dd/mm/yyyy).
        birth_date(data_type="STRING", length=10, ex="17/05/1988"),
        field("noi_sinh", "Nơi sinh", "Place of birth", "STRING", 255, pd="CO_BAN",
              d="Nơi sinh ghi trên văn bằng.",
              maps=[("STD-CITIZEN", "exactMatch", "NoiSinh")]),
        pid(),
        field("truong", "Trường", "School", "STRING", 255,
              d="Trường nơi người học tốt nghiệp."),
        field("nam_tot_nghiep", "Năm tốt nghiệp", "Graduation year", "INTEGER",
              d="Năm tốt nghiệp."),
        field("xep_loai", "Xếp loại", "Grade", "CODE", 10, pd="CO_BAN", d="Xếp loại tốt nghiệp."),
        day("ngay_cap", "Ngày cấp", "Issued on",
            d="Ngày ký văn bằng."),
    ],
    distributions=[lgsp("van-bang", "Dịch vụ xác minh văn bằng", "Diploma verification service")],
)

DS23 = dataset(
    "DS23",
    slug="co-so-kcb-nguoi-hanh-nghe",
    title_vi="Cơ sở khám bệnh, chữa bệnh và người hành nghề",
    title_en="Health facilities and practitioners",
    description_vi="Cơ sở khám bệnh, chữa bệnh (bệnh viện, phòng khám, trạm y tế xã) được cấp giấy phép "
    "hoạt động và người hành nghề được cấp giấy phép hành nghề trên địa bàn.",
    description_en="Licensed health facilities and licensed medical practitioners.",
    purpose="Cấp phép, thanh tra; kết nối giám định BHYT; tra cứu công khai cơ sở hợp pháp.",
    scope="Cơ sở công lập và tư nhân tại Đắk Nông cũ; người hành nghề đăng ký tại các cơ sở đó.",
    content="Cơ sở, mã cơ sở KCB, giấy phép, quy mô giường, người hành nghề, phạm vi chuyên môn.",
    collection_mechanism="Cập nhật khi cấp, điều chỉnh, thu hồi giấy phép.",
    source="Hồ sơ cấp phép của Sở Y tế.",
    data_layer="MASTER", sharing_mode="THEO_YEU_CAU", related_national_db="CSDL y tế; HTTT giám định BHYT",
    themes=["Y_TE"], keywords_vi=["cơ sở y tế", "bệnh viện", "giấy phép hành nghề"],
    keywords_en=["health facilities", "practitioners", "licences"],
    frequency="MONTHLY", temporal_start="2016-01-01", data_updated_on="2026-11-15",
    legal_basis=[L.LUAT_KBCB, *L.DATA_SHARING], owner=DN_SYT, owned_since="2017-01-01",
    contact_points=[contact("Lâm Quang Vinh", "Phòng Nghiệp vụ Y", "lqvinh.syt", LD_SYT)],
    fields=[
        field("ma_co_so", "Mã cơ sở KCB", "Facility code", "STRING", 5, pk=True, unique=True, ex="67001",
              d="Mã cơ sở khám bệnh, chữa bệnh dùng trong giám định BHYT.",
              maps=[("STD-BHYT-XML", "exactMatch", "MA_CSKCB")]),
        field("ten_co_so", "Tên cơ sở", "Facility name", "STRING", 255, req=True,
              ex="Bệnh viện đa khoa Đắk Mil",
              d="Tên cơ sở theo giấy phép hoạt động."),
        field("hinh_thuc", "Hình thức tổ chức", "Facility type", "CODE", 12,
              d="BENH_VIEN, PHONG_KHAM, TRAM_Y_TE…"),
        field("so_giay_phep", "Số giấy phép hoạt động", "Operating licence", "STRING", 30,
              d="Số giấy phép hoạt động khám bệnh, chữa bệnh."),
        field("so_giuong", "Quy mô giường bệnh", "Beds", "INTEGER",
              d="Số giường bệnh kế hoạch được giao hoặc được cấp phép."),
        commune(),
        field("dia_chi", "Địa chỉ", "Address", "STRING", 255,
              d="Địa chỉ trụ sở của cơ sở."),
        point(),
        field("so_gphn", "Số giấy phép hành nghề", "Practitioner licence", "STRING", 30,
              d="Số giấy phép hành nghề của người hành nghề tại cơ sở."),
        full_name("nguoi_hanh_nghe", "Người hành nghề", label_en="Practitioner"),
        field("pham_vi_chuyen_mon", "Phạm vi hoạt động chuyên môn", "Scope of practice", "TEXT",
              d="Phạm vi hoạt động chuyên môn ghi trên giấy phép hành nghề."),
        day("ngay_cap", "Ngày cấp giấy phép", "Licensed on",
            d="Ngày cấp giấy phép hành nghề."),
    ],
    distributions=[lgsp("co-so-kcb", "Dịch vụ tra cứu cơ sở KCB", "Health facility lookup"),
                   download("co-so-kcb", "CSV", 41_000, "Danh sách cơ sở KCB (không gồm người hành nghề)")],
)

DS24 = dataset(
    "DS24",
    slug="tiem-chung-ho-so-suc-khoe",
    title_vi="Tiêm chủng và hồ sơ sức khỏe điện tử",
    title_en="Immunisation and electronic health records",
    description_vi="Lịch sử tiêm chủng và hồ sơ sức khỏe điện tử của người dân, liên thông với sổ sức khỏe "
    "điện tử trên VNeID; đang hoàn thiện từ điển dữ liệu sau khi hợp nhất tỉnh.",
    description_en="Immunisation history and electronic health records, linked to the VNeID health book.",
    purpose="Quản lý tiêm chủng mở rộng, theo dõi sức khỏe, phòng chống dịch.",
    scope="Người dân cư trú tại Đắk Nông cũ; tiêm chủng từ 2017.",
    content="Nhân thân, thẻ BHYT, vắc xin, mũi tiêm, phản ứng sau tiêm, bệnh mạn tính, nhóm máu.",
    collection_mechanism="Cơ sở tiêm chủng, trạm y tế xã nhập sau mỗi buổi tiêm, khám.",
    source="Hệ thống quản lý thông tin tiêm chủng; hồ sơ sức khỏe điện tử.",
    db_category="CSDL_NGANH", sharing_class="DUNG_RIENG", importance="QUAN_TRONG", data_layer="TXN",
    sharing_mode="THEO_YEU_CAU_DAC_THU", related_national_db="Hồ sơ sức khỏe điện tử (VNeID)",
    themes=["Y_TE"], keywords_vi=["tiêm chủng", "hồ sơ sức khỏe", "vắc xin"],
    keywords_en=["immunisation", "health records"], status="DRAFT", version="0.9",
    frequency="DAILY", temporal_start="2017-01-01", data_updated_on="2026-11-20",
    legal_basis=[L.LUAT_KBCB, *L.PERSONAL_DATA, *L.DATA_SHARING], owner=DN_SYT, owned_since="2021-04-01",
    contact_points=[contact("Nguyễn Hoàng Yến", "Trung tâm Kiểm soát bệnh tật", "nhyen.cdc", LD_SYT)],
    fields=[
        field("ma_hssk", "Mã hồ sơ sức khỏe", "Health record id", "STRING", 20, pk=True, unique=True,
              pd="CO_BAN",
              d="Mã hồ sơ sức khỏe điện tử."),
        pid(fk="cong-dan-csdlqg-dan-cu.so_dinh_danh", req=True),
        full_name(),
        birth_date(),
        sex(),
        field("ma_the_bhyt", "Mã thẻ BHYT", "Health-insurance card", "STRING", 15, pd="CO_BAN",
              ex="DN4676712345678",
              d="Mã số thẻ bảo hiểm y tế (15 ký tự).",
              maps=[("STD-BHYT-XML", "exactMatch", "MA_THE_BHYT")]),
        field("ma_vac_xin", "Vắc xin", "Vaccine", "CODE", 10,
              d="Mã vắc xin đã tiêm."),
        field("mui_thu", "Mũi thứ", "Dose number", "INTEGER",
              d="Thứ tự mũi tiêm của vắc xin."),
        day("ngay_tiem", "Ngày tiêm", "Vaccinated on", "Ngày tiêm (dữ liệu sức khỏe).", pd="NHAY_CAM"),
        field("co_so_tiem", "Cơ sở tiêm", "Vaccination site", "STRING", 5,
              fk="co-so-kcb-nguoi-hanh-nghe.ma_co_so",
              maps=[("STD-BHYT-XML", "exactMatch", "MA_CSKCB")]),
        field("phan_ung_sau_tiem", "Phản ứng sau tiêm", "Adverse reaction", "TEXT", pd="NHAY_CAM"),
        field("benh_man_tinh", "Bệnh mạn tính", "Chronic conditions", "CODE", 10, pd="NHAY_CAM",
              cl="STD-ICD10",
              d="Mã ICD-10 các bệnh mạn tính đang quản lý.", maps=ICD10),
        field("nhom_mau", "Nhóm máu", "Blood group", "CODE", 3, pd=None),
        moment("ngay_cap_nhat", "Ngày cập nhật", "Updated at", pd=None),
        status_field("HOAT_DONG, DA_CHUYEN_DI, DA_MAT"),
    ],
    distributions=[db_view("tiem-chung-ho-so-suc-khoe", "Khung nhìn dữ liệu tiêm chủng",
                           "Immunisation view")],
)

DATASETS = [DS21, DS22, DS23, DS24]

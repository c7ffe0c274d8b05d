"""Legal documents cited as the legal basis of demo datasets, with their status as of late 2026.

Sources: /work/shared/reference/vietnam-context.md §0 (QĐ 43/2022/QĐ-UBND Đắk Nông), §2 (Decree
47/2020 and its successors: Decrees 47/2024, 194/2025, 278/2025; Law on Data 60/2024/QH15;
Decision 20/2025/QĐ-TTg), §2.4 (personal data: Decree 13/2023 → Law 91/2025 + Decree 356/2025) and
§4 (NQ 202/2025/QH15). Statuses follow that note: QĐ 43/2022 of a province that no longer exists is
UNCLEAR; Decree 47/2020 and 47/2024 and Decree 13/2023 are SUPERSEDED. Sector laws (land, civil
status, enterprises…) are cited from memory ([mem] in the note's terms) and marked IN_FORCE, as are
the Law on Access to Information 104/2016/QH13 and its Decree 13/2018/NĐ-CP, the basis on which an
agency publishes information (and open data) of its own accord [mem].
"""

from __future__ import annotations

from dictionary.demo.build import law

QD43_2022 = law(
    "43/2022/QĐ-UBND",
    "Quy chế quản lý, vận hành và khai thác cơ sở dữ liệu dùng chung tỉnh Đắk Nông",
    "2022-11-10",
    "UNCLEAR",
    "https://daknong.gov.vn/thong-tin-cddh/-/view_content/135674544-ban-hanh-quy-che-quan-ly-van-hanh-va-khai-thac-co-so-du-lieu-dung-chung-tinh-dak-nong.html",
)
ND47_2020 = law(
    "47/2020/NĐ-CP",
    "Nghị định về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
    "2020-04-09",
    "SUPERSEDED",
)
ND47_2024 = law(
    "47/2024/NĐ-CP",
    "Nghị định quy định danh mục cơ sở dữ liệu quốc gia, việc xây dựng, cập nhật, duy trì và khai thác, "
    "sử dụng cơ sở dữ liệu quốc gia",
    "2024-05-09",
    "SUPERSEDED",
)
ND194_2025 = law(
    "194/2025/NĐ-CP",
    "Nghị định quy định chi tiết Luật Giao dịch điện tử về cơ sở dữ liệu quốc gia, kết nối và chia sẻ "
    "dữ liệu, dữ liệu mở phục vụ giao dịch điện tử của cơ quan nhà nước",
    "2025-07-03",
    "IN_FORCE",
)
ND278_2025 = law(
    "278/2025/NĐ-CP",
    "Nghị định quy định về kết nối, chia sẻ dữ liệu bắt buộc giữa các cơ quan trong hệ thống chính trị",
    "2025-10-22",
    "IN_FORCE",
)
LUAT_DU_LIEU = law("60/2024/QH15", "Luật Dữ liệu", "2024-11-30", "IN_FORCE")
QD20_2025 = law("20/2025/QĐ-TTg", "Danh mục dữ liệu cốt lõi, dữ liệu quan trọng", "2025-07-02", "IN_FORCE")
LUAT_BVDLCN = law("91/2025/QH15", "Luật Bảo vệ dữ liệu cá nhân", "2025-06-26", "IN_FORCE")
ND356_2025 = law(
    "356/2025/NĐ-CP", "Nghị định quy định chi tiết Luật Bảo vệ dữ liệu cá nhân", "2025-12-31", "IN_FORCE"
)
ND13_2023 = law("13/2023/NĐ-CP", "Nghị định về bảo vệ dữ liệu cá nhân", "2023-04-17", "SUPERSEDED")
NQ202_2025 = law(
    "202/2025/QH15", "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh", "2025-06-12", "IN_FORCE"
)

# Sector laws [mem].
LUAT_DAT_DAI = law("31/2024/QH15", "Luật Đất đai", "2024-01-18", "IN_FORCE")
LUAT_HO_TICH = law("60/2014/QH13", "Luật Hộ tịch", "2014-11-20", "IN_FORCE")
LUAT_CAN_CUOC = law("26/2023/QH15", "Luật Căn cước", "2023-11-27", "IN_FORCE")
LUAT_DOANH_NGHIEP = law("59/2020/QH14", "Luật Doanh nghiệp", "2020-06-17", "IN_FORCE")
LUAT_DAU_TU = law("61/2020/QH14", "Luật Đầu tư", "2020-06-17", "IN_FORCE")
LUAT_BVMT = law("72/2020/QH14", "Luật Bảo vệ môi trường", "2020-11-17", "IN_FORCE")
LUAT_LAM_NGHIEP = law("16/2017/QH14", "Luật Lâm nghiệp", "2017-11-15", "IN_FORCE")
LUAT_TRONG_TROT = law("31/2018/QH14", "Luật Trồng trọt", "2018-11-19", "IN_FORCE")
LUAT_GIAO_DUC = law("43/2019/QH14", "Luật Giáo dục", "2019-06-14", "IN_FORCE")
LUAT_KBCB = law("15/2023/QH15", "Luật Khám bệnh, chữa bệnh", "2023-01-09", "IN_FORCE")
LUAT_DU_LICH = law("09/2017/QH14", "Luật Du lịch", "2017-06-19", "IN_FORCE")
LUAT_XAY_DUNG = law("50/2014/QH13", "Luật Xây dựng", "2014-06-18", "IN_FORCE")
LUAT_TIN_NGUONG = law("02/2016/QH14", "Luật Tín ngưỡng, tôn giáo", "2016-11-18", "IN_FORCE")
LUAT_THANH_TRA = law("11/2022/QH15", "Luật Thanh tra", "2022-11-14", "IN_FORCE")
LUAT_TO_CAO = law("25/2018/QH14", "Luật Tố cáo", "2018-06-12", "IN_FORCE")
LUAT_VIEN_CHUC = law("58/2010/QH12", "Luật Viên chức", "2010-11-15", "IN_FORCE")
ND20_2021 = law(
    "20/2021/NĐ-CP",
    "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
    "2021-03-15",
    "IN_FORCE",
)
ND61_2018 = law(
    "61/2018/NĐ-CP",
    "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    "2018-04-23",
    "IN_FORCE",
)
ND63_2010 = law("63/2010/NĐ-CP", "Nghị định về kiểm soát thủ tục hành chính", "2010-06-08", "IN_FORCE")
QD20_2020 = law(
    "20/2020/QĐ-TTg",
    "Quyết định về mã định danh điện tử của các cơ quan, tổ chức phục vụ kết nối, "
    "chia sẻ dữ liệu với các bộ, ngành, địa phương",
    "2020-07-22",
    "IN_FORCE",
)
QD19_2025 = law(
    "19/2025/QĐ-TTg",
    "Quyết định ban hành Bảng danh mục và mã số các đơn vị hành chính Việt Nam",
    None,
    "IN_FORCE",
    "https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/7/19ttg.signed.pdf",
)

LUAT_TCTT = law("104/2016/QH13", "Luật Tiếp cận thông tin", "2016-04-06", "IN_FORCE")
ND13_2018 = law(
    "13/2018/NĐ-CP",
    "Nghị định quy định chi tiết và biện pháp thi hành Luật Tiếp cận thông tin",
    "2018-01-23",
    "IN_FORCE",
)

DATA_SHARING = (QD43_2022, ND47_2020, ND194_2025, ND278_2025, LUAT_DU_LIEU)
"""The data-sharing basis every provincial shared database cites (old and new)."""
PERSONAL_DATA = (LUAT_BVDLCN, ND356_2025, ND13_2023)
OPEN_DATA = (LUAT_TCTT, ND13_2018, LUAT_DU_LIEU, ND194_2025)
"""The basis of open data the merged province publishes: information an agency must make public of its
own accord (Law on Access to Information, art. 17 [mem]), open data under the Law on Data and Decree
194/2025 (open data of state agencies for electronic transactions)."""
OPEN_DATA_SINCE_DAK_NONG = (*DATA_SHARING, LUAT_TCTT)
"""The basis of open data first published by Đắk Nông and carried into Lâm Đồng."""

"""The properties of a term (data element) of the shared data dictionary.

The term service checks input with them (schemes, references), the history snapshots them, the
term spreadsheet has a column for each (``column``; less the issuing dictionary, named on
import), and the import pages label them. A ``REFERENCE`` names its register in ``target``
(a standard, an agency, another term) and is given by that record's code.
"""

from __future__ import annotations

from dictionary.properties.base import Kind, Properties, Property, Section

K, S = Kind, Section
MAX_ITEMS = 50
"""Most synonyms, abbreviations or examples of one term (the API's limit too)."""

TERM = Properties(
    "term",
    (
        Property("code", K.TEXT, "Mã thuật ngữ", "Term code", S.NAMING, required=True, max_length=40,
                 column="ma"),
        Property("name_vi", K.TEXT, "Tên (tiếng Việt)", "Name (Vietnamese)", S.NAMING, required=True,
                 max_length=500, column="ten"),
        Property("name_en", K.TEXT, "Tên (tiếng Anh)", "Name (English)", S.NAMING, max_length=500,
                 column="ten_en"),
        Property("definition_vi", K.LONG_TEXT, "Định nghĩa nghiệp vụ", "Business definition",
                 S.DESCRIPTION, required=True, max_length=5000, column="dinh_nghia"),
        Property("definition_en", K.LONG_TEXT, "Định nghĩa (tiếng Anh)", "Definition (English)",
                 S.DESCRIPTION, max_length=5000, column="dinh_nghia_en"),
        Property("synonyms", K.WORDS, "Từ đồng nghĩa", "Synonyms", S.DESCRIPTION, max_length=200,
                 max_items=MAX_ITEMS, column="dong_nghia"),
        Property("abbreviations", K.WORDS, "Từ viết tắt", "Abbreviations", S.DESCRIPTION, max_length=40,
                 max_items=MAX_ITEMS, column="viet_tat"),
        Property("examples", K.WORDS, "Ví dụ", "Examples", S.DESCRIPTION, max_length=200,
                 max_items=MAX_ITEMS, column="vi_du"),
        Property("data_type", K.CONCEPT, "Kiểu dữ liệu", "Data type", S.TYPE, scheme="data-types",
                 column="kieu"),
        Property("length", K.INTEGER, "Độ dài", "Length", S.TYPE, minimum=0, maximum=1_000_000_000,
                 column="do_dai"),
        Property("precision", K.INTEGER, "Độ chính xác (tổng số chữ số)", "Precision (total digits)",
                 S.TYPE, minimum=0, maximum=1000, column="do_chinh_xac"),
        Property("scale", K.INTEGER, "Số chữ số thập phân", "Scale", S.TYPE, minimum=0, maximum=1000,
                 column="so_le"),
        Property("pattern", K.TEXT, "Mẫu định dạng (biểu thức chính quy)",
                 "Format pattern (regular expression)", S.TYPE, max_length=500, column="mau"),
        Property("format_vi", K.TEXT, "Định dạng (mô tả)", "Format (in words)", S.TYPE, max_length=500,
                 column="dinh_dang"),
        Property("unit", K.TEXT, "Đơn vị tính", "Unit", S.TYPE, max_length=200, column="don_vi"),
        Property("code_list_scheme", K.CONCEPT, "Danh mục (bộ khái niệm SKOS)", "Code list (SKOS scheme)",
                 S.VALUES, scheme="schemes", column="danh_muc"),
        Property("code_list_standard", K.REFERENCE, "Danh mục (tiêu chuẩn)", "Code list (standard)",
                 S.VALUES, column="danh_muc_chuan", target="standard"),
        Property("personal_data", K.CONCEPT, "Dữ liệu cá nhân", "Personal data", S.PRIVACY,
                 scheme="personal-data", column="du_lieu_ca_nhan"),
        Property("rules_vi", K.LONG_TEXT, "Quy tắc quản lý (kiểm tra, chuẩn hoá)",
                 "Management rules (validation, normalisation)", S.CONSTRAINTS, max_length=5000,
                 column="quy_tac"),
        Property("standard", K.REFERENCE, "Từ điển ban hành", "Issuing dictionary", S.SOURCE, required=True,
                 column="tu_dien", target="standard"),
        Property("source_vi", K.LONG_TEXT, "Nguồn (văn bản, điều khoản)", "Source (text, article)",
                 S.SOURCE, max_length=2000, column="nguon"),
        Property("provincial", K.BOOLEAN, "Bổ sung của tỉnh", "Provincial addition", S.SOURCE,
                 column="bo_sung_tinh"),
        Property("maintainer", K.REFERENCE, "Cơ quan quản lý thuật ngữ", "Maintaining agency", S.SOURCE,
                 column="co_quan_quan_ly", target="agency"),
        Property("status", K.CONCEPT, "Trạng thái", "Status", S.PUBLICATION, scheme="term-statuses",
                 required=True, column="trang_thai"),
        Property("superseded_by", K.REFERENCE, "Được thay thế bởi", "Superseded by", S.PUBLICATION,
                 column="thay_the_boi", target="term"),
        Property("version", K.TEXT, "Phiên bản", "Version", S.PUBLICATION, max_length=40, column="phien_ban"),
        Property("valid_from", K.DATE, "Áp dụng từ ngày", "Applies from", S.PUBLICATION, column="ap_dung_tu"),
    ),
)
"""Every property of a term, in the order of its page and of the spreadsheet's columns."""

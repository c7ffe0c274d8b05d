"""The properties of a field: one row of a dataset's data dictionary."""

from __future__ import annotations

from dictionary.properties.base import CAT, CSVW, Kind, Properties, Property, Section

K, S = Kind, Section

FIELD = Properties(
    "field",
    (
        Property("name", K.TEXT, "Tên", "Name", S.NAMING, required=True, max_length=200,
                 predicate=CSVW + "name", column="ten_truong",
                 help_vi="Tên kỹ thuật, duy nhất trong tập dữ liệu: chữ cái không dấu, chữ số và dấu "
                 "gạch dưới.",
                 help_en="Technical name, unique in the dataset: ASCII letters, digits and underscores."),
        Property("label_vi", K.TEXT, "Nhãn tiếng Việt", "Vietnamese label", S.NAMING, required=True,
                 max_length=500, predicate=CSVW + "title", column="nhan"),
        Property("label_en", K.TEXT, "Nhãn tiếng Anh", "English label", S.NAMING, max_length=500,
                 predicate=CSVW + "title", column="nhan_en"),
        Property("definition", K.LONG_TEXT, "Định nghĩa", "Definition", S.DESCRIPTION, max_length=5000,
                 predicate="http://purl.org/dc/terms/description", column="dinh_nghia",
                 help_vi="Ý nghĩa của trường, đủ để người khác hiểu mà không cần hỏi.",
                 help_en="What the field means, enough for someone else to understand it."),
        Property("definition_en", K.LONG_TEXT, "Định nghĩa tiếng Anh", "English definition",
                 S.DESCRIPTION, max_length=5000, predicate="http://purl.org/dc/terms/description",
                 column="dinh_nghia_en"),
        Property("data_type", K.CONCEPT, "Kiểu dữ liệu", "Data type", S.TYPE, scheme="data-types",
                 predicate=CAT + "dataType", column="kieu"),
        Property("length", K.INTEGER, "Độ dài", "Length", S.TYPE, minimum=1, maximum=1_000_000_000,
                 predicate=CAT + "length", column="do_dai",
                 help_vi="Số ký tự tối đa của giá trị văn bản.", help_en="Maximum length of text values."),
        Property("precision", K.INTEGER, "Độ chính xác", "Precision", S.TYPE, minimum=1, maximum=1000,
                 predicate=CAT + "precision", column="do_chinh_xac",
                 help_vi="Tổng số chữ số của số thập phân.", help_en="Total digits of decimal values."),
        Property("scale", K.INTEGER, "Số chữ số thập phân", "Scale", S.TYPE, minimum=0, maximum=1000,
                 predicate=CAT + "scale", column="so_le",
                 help_vi="Số chữ số sau dấu thập phân, không lớn hơn độ chính xác.",
                 help_en="Digits after the decimal point, at most the precision."),
        Property("unit", K.TEXT, "Đơn vị tính", "Unit", S.TYPE, max_length=200, predicate=CAT + "unit",
                 column="don_vi", help_vi="Đơn vị đo, ví dụ m2, VND.",
                 help_en="Unit of measure, e.g. m2, VND."),
        Property("required", K.BOOLEAN, "Bắt buộc", "Required", S.CONSTRAINTS,
                 predicate=CSVW + "required", column="bat_buoc"),
        Property("unique", K.BOOLEAN, "Duy nhất", "Unique", S.CONSTRAINTS, predicate=CAT + "unique",
                 column="duy_nhat"),
        Property("primary_key", K.BOOLEAN, "Khóa chính", "Primary key", S.CONSTRAINTS,
                 predicate=CAT + "primaryKey", column="khoa_chinh"),
        Property("foreign_key", K.REFERENCE, "Khóa ngoại", "Foreign key", S.CONSTRAINTS,
                 in_revision=False, predicate=CAT + "references", column="khoa_ngoai",
                 help_vi="Trường của tập dữ liệu khác mà trường này tham chiếu, dạng "
                 "tap-du-lieu/ten_truong.",
                 help_en="The field of another dataset this one refers to, as dataset-slug/field_name."),
        Property("code_list_scheme", K.CONCEPT, "Danh mục mã (bộ từ vựng)", "Code list (vocabulary)",
                 S.VALUES, scheme="schemes", predicate=CAT + "codeList", column="danh_muc"),
        Property("code_list_standard", K.REFERENCE, "Danh mục mã (tiêu chuẩn)", "Code list (standard)",
                 S.VALUES, in_revision=False, predicate=CAT + "codeList", column="danh_muc"),
        Property("example", K.TEXT, "Ví dụ", "Example", S.VALUES, max_length=500, column="vi_du",
                 help_vi="Một giá trị mẫu.", help_en="An example value."),
        Property("personal_data", K.CONCEPT, "Dữ liệu cá nhân", "Personal data", S.PRIVACY,
                 scheme="personal-data", predicate=CAT + "personalData", column="du_lieu_ca_nhan",
                 help_vi="Loại dữ liệu cá nhân theo Nghị định 356/2025; trống là chưa đánh giá.",
                 help_en="Personal-data category (Decree 356/2025); blank means not assessed."),
        Property("restricted", K.BOOLEAN, "Hạn chế truy cập", "Restricted access", S.PRIVACY,
                 predicate=CAT + "restricted", column="han_che",
                 help_vi="Chỉ đơn vị chủ quản và đơn vị được cấp quyền được xem trường này.",
                 help_en="Only the owning scope and grant holders may see the field."),
    ),
)
"""Every property of a field, in the order of its form and of the spreadsheet's columns. The
position is the row's place, and mappings are records of their own (StandardMapping)."""

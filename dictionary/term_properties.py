"""The properties of a term (data element) of the shared data dictionary, described once.

One typed table says what a term has, how each value is given (text, number, coded value of a
scheme, a reference to a standard, an agency or another term) and how it is labelled. The
service checks input with it, the history snapshots with it, the pages list it. It is kept in
one place so that the catalog's property registry (``dictionary/properties.py``) can take it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "code", "text", "long_text", "integer", "concept", "texts", "standard", "agency", "term", "date", "flag"
]


@dataclass(frozen=True)
class TermProperty:
    name: str
    """The key in the API and in snapshots (and the English header of the spreadsheet column)."""
    column: str
    """The Vietnamese header of the spreadsheet column (``dictionary/spreadsheets/term_sheet.py``)."""
    label_vi: str
    label_en: str
    kind: Kind
    group: Literal["identity", "business", "technical", "rules", "source", "life_cycle"]
    scheme: str | None = None
    """The concept scheme of a ``concept`` value."""
    required: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    """Bounds of an ``integer`` value (the API's schema has the same ones)."""


TERM_PROPERTIES: tuple[TermProperty, ...] = (
    TermProperty("code", "ma", "Mã thuật ngữ", "Term code", "code", "identity", required=True, max_length=40),
    TermProperty(
        "name_vi",
        "ten",
        "Tên (tiếng Việt)",
        "Name (Vietnamese)",
        "text",
        "identity",
        required=True,
        max_length=500,
    ),
    TermProperty(
        "name_en", "ten_en", "Tên (tiếng Anh)", "Name (English)", "text", "identity", max_length=500
    ),
    TermProperty(
        "definition_vi",
        "dinh_nghia",
        "Định nghĩa nghiệp vụ",
        "Business definition",
        "long_text",
        "business",
        required=True,
        max_length=5000,
    ),
    TermProperty(
        "definition_en",
        "dinh_nghia_en",
        "Định nghĩa (tiếng Anh)",
        "Definition (English)",
        "long_text",
        "business",
        max_length=5000,
    ),
    TermProperty("synonyms", "dong_nghia", "Từ đồng nghĩa", "Synonyms", "texts", "business", max_length=200),
    TermProperty(
        "abbreviations", "viet_tat", "Từ viết tắt", "Abbreviations", "texts", "business", max_length=40
    ),
    TermProperty("examples", "vi_du", "Ví dụ", "Examples", "texts", "business", max_length=200),
    TermProperty(
        "data_type", "kieu", "Kiểu dữ liệu", "Data type", "concept", "technical", scheme="data-types"
    ),
    TermProperty(
        "length", "do_dai", "Độ dài", "Length", "integer", "technical", minimum=0, maximum=1_000_000_000
    ),
    TermProperty(
        "precision",
        "do_chinh_xac",
        "Độ chính xác (tổng số chữ số)",
        "Precision (total digits)",
        "integer",
        "technical",
        minimum=0,
        maximum=1000,
    ),
    TermProperty(
        "scale", "so_le", "Số chữ số thập phân", "Scale", "integer", "technical", minimum=0, maximum=1000
    ),
    TermProperty(
        "pattern",
        "mau",
        "Mẫu định dạng (biểu thức chính quy)",
        "Format pattern (regular expression)",
        "text",
        "technical",
        max_length=500,
    ),
    TermProperty(
        "format_vi",
        "dinh_dang",
        "Định dạng (mô tả)",
        "Format (in words)",
        "text",
        "technical",
        max_length=500,
    ),
    TermProperty("unit", "don_vi", "Đơn vị tính", "Unit", "text", "technical", max_length=200),
    TermProperty(
        "code_list_scheme",
        "danh_muc",
        "Danh mục (bộ khái niệm SKOS)",
        "Code list (SKOS scheme)",
        "concept",
        "technical",
        scheme="schemes",
    ),
    TermProperty(
        "code_list_standard",
        "danh_muc_chuan",
        "Danh mục (tiêu chuẩn)",
        "Code list (standard)",
        "standard",
        "technical",
    ),
    TermProperty(
        "personal_data",
        "du_lieu_ca_nhan",
        "Dữ liệu cá nhân",
        "Personal data",
        "concept",
        "technical",
        scheme="personal-data",
    ),
    TermProperty(
        "rules_vi",
        "quy_tac",
        "Quy tắc quản lý (kiểm tra, chuẩn hoá)",
        "Management rules (validation, normalisation)",
        "long_text",
        "rules",
        max_length=5000,
    ),
    TermProperty(
        "standard", "tu_dien", "Từ điển ban hành", "Issuing dictionary", "standard", "source", required=True
    ),
    TermProperty(
        "source_vi",
        "nguon",
        "Nguồn (văn bản, điều khoản)",
        "Source (text, article)",
        "long_text",
        "source",
        max_length=2000,
    ),
    TermProperty("provincial", "bo_sung_tinh", "Bổ sung của tỉnh", "Provincial addition", "flag", "source"),
    TermProperty(
        "maintainer", "co_quan_quan_ly", "Cơ quan quản lý thuật ngữ", "Maintaining agency", "agency", "source"
    ),
    TermProperty(
        "status",
        "trang_thai",
        "Trạng thái",
        "Status",
        "concept",
        "life_cycle",
        scheme="term-statuses",
        required=True,
    ),
    TermProperty("superseded_by", "thay_the_boi", "Được thay thế bởi", "Superseded by", "term", "life_cycle"),
    TermProperty("version", "phien_ban", "Phiên bản", "Version", "text", "life_cycle", max_length=40),
    TermProperty("valid_from", "ap_dung_tu", "Áp dụng từ ngày", "Applies from", "date", "life_cycle"),
)

BY_NAME = {prop.name: prop for prop in TERM_PROPERTIES}
CONCEPT_SCHEMES = {prop.name: prop.scheme for prop in TERM_PROPERTIES if prop.scheme is not None}
"""Coded property → its scheme, as :meth:`Checker.resolve_concepts` takes them."""
REFERENCES = {prop.name: prop.kind for prop in TERM_PROPERTIES if prop.kind in ("standard", "agency", "term")}
"""Properties given by the code of another record; stored as ``<name>_id``."""

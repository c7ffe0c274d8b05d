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
    """The key in the API and in snapshots."""
    label_vi: str
    label_en: str
    kind: Kind
    group: Literal["identity", "business", "technical", "rules", "source", "life_cycle"]
    scheme: str | None = None
    """The concept scheme of a ``concept`` value."""
    required: bool = False
    max_length: int | None = None


TERM_PROPERTIES: tuple[TermProperty, ...] = (
    TermProperty("code", "Mã thuật ngữ", "Term code", "code", "identity", required=True, max_length=40),
    TermProperty("name_vi", "Tên (tiếng Việt)", "Name (Vietnamese)", "text", "identity", required=True,
                 max_length=500),
    TermProperty("name_en", "Tên (tiếng Anh)", "Name (English)", "text", "identity", max_length=500),
    TermProperty("definition_vi", "Định nghĩa nghiệp vụ", "Business definition", "long_text", "business",
                 required=True, max_length=5000),
    TermProperty("definition_en", "Định nghĩa (tiếng Anh)", "Definition (English)", "long_text", "business",
                 max_length=5000),
    TermProperty("synonyms", "Từ đồng nghĩa", "Synonyms", "texts", "business", max_length=200),
    TermProperty("abbreviations", "Từ viết tắt", "Abbreviations", "texts", "business", max_length=40),
    TermProperty("examples", "Ví dụ", "Examples", "texts", "business", max_length=200),
    TermProperty("data_type", "Kiểu dữ liệu", "Data type", "concept", "technical", scheme="data-types"),
    TermProperty("length", "Độ dài", "Length", "integer", "technical"),
    TermProperty("precision", "Độ chính xác (tổng số chữ số)", "Precision (total digits)", "integer",
                 "technical"),
    TermProperty("scale", "Số chữ số thập phân", "Scale", "integer", "technical"),
    TermProperty("pattern", "Mẫu định dạng (biểu thức chính quy)", "Format pattern (regular expression)",
                 "text", "technical", max_length=500),
    TermProperty("format_vi", "Định dạng (mô tả)", "Format (in words)", "text", "technical", max_length=500),
    TermProperty("unit", "Đơn vị tính", "Unit", "text", "technical", max_length=200),
    TermProperty("code_list_scheme", "Danh mục (bộ khái niệm SKOS)", "Code list (SKOS scheme)", "concept",
                 "technical", scheme="schemes"),
    TermProperty("code_list_standard", "Danh mục (tiêu chuẩn)", "Code list (standard)", "standard",
                 "technical"),
    TermProperty("personal_data", "Dữ liệu cá nhân", "Personal data", "concept", "technical",
                 scheme="personal-data"),
    TermProperty("rules_vi", "Quy tắc quản lý (kiểm tra, chuẩn hoá)", "Management rules (validation, "
                 "normalisation)", "long_text", "rules", max_length=5000),
    TermProperty("standard", "Từ điển ban hành", "Issuing dictionary", "standard", "source", required=True),
    TermProperty("source_vi", "Nguồn (văn bản, điều khoản)", "Source (text, article)", "long_text", "source",
                 max_length=2000),
    TermProperty("provincial", "Bổ sung của tỉnh", "Provincial addition", "flag", "source"),
    TermProperty("maintainer", "Cơ quan quản lý thuật ngữ", "Maintaining agency", "agency", "source"),
    TermProperty("status", "Trạng thái", "Status", "concept", "life_cycle", scheme="term-statuses",
                 required=True),
    TermProperty("superseded_by", "Được thay thế bởi", "Superseded by", "term", "life_cycle"),
    TermProperty("version", "Phiên bản", "Version", "text", "life_cycle", max_length=40),
    TermProperty("valid_from", "Áp dụng từ ngày", "Applies from", "date", "life_cycle"),
)  # fmt: skip

BY_NAME = {prop.name: prop for prop in TERM_PROPERTIES}
CONCEPT_SCHEMES = {prop.name: prop.scheme for prop in TERM_PROPERTIES if prop.scheme is not None}
"""Coded property → its scheme, as :meth:`Checker.resolve_concepts` takes them."""
REFERENCES = {prop.name: prop.kind for prop in TERM_PROPERTIES if prop.kind in ("standard", "agency", "term")}
"""Properties given by the code of another record; stored as ``<name>_id``."""

"""How a field deviates from its term, in the reader's language (API and pages say it the same way)."""

from __future__ import annotations

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l

from dictionary.services.conformance import Deviation

DEVIATION_TEXT: dict[str, LazyString] = {
    "data_type": _l("kiểu dữ liệu là %(actual)s, thuật ngữ quy định %(expected)s"),
    "length": _l("độ dài là %(actual)s, thuật ngữ quy định %(expected)s"),
    "precision": _l("độ chính xác là %(actual)s, thuật ngữ quy định %(expected)s"),
    "scale": _l("số chữ số thập phân là %(actual)s, thuật ngữ quy định %(expected)s"),
    "code_list": _l("danh mục là %(actual)s, thuật ngữ quy định %(expected)s"),
    "unit": _l("đơn vị tính là %(actual)s, thuật ngữ quy định %(expected)s"),
    "pattern": _l("giá trị ví dụ «%(actual)s» không khớp mẫu %(expected)s"),
    "superseded": _l("thuật ngữ %(actual)s đã được thay thế bởi %(expected)s"),
}
VERDICTS: dict[str, LazyString] = {
    "conforms": _l("Phù hợp"),
    "deviates": _l("Sai lệch"),
    "not_checked": _l("Không kiểm tra"),
}
NOT_CHECKED_REASONS: dict[str, LazyString] = {
    "draft": _l("thuật ngữ còn là dự thảo"),
    "relation": _l("ánh xạ rộng hơn, hẹp hơn hoặc liên quan: không phải cùng một phần tử"),
}


def describe(deviation: Deviation) -> str:
    missing = gettext("(không có)")
    return str(DEVIATION_TEXT[deviation.kind]) % {
        "actual": deviation.actual if deviation.actual is not None else missing,
        "expected": deviation.expected if deviation.expected is not None else missing,
    }

"""A revision's message as a sentence in the page's language, with property labels.

The services write a revision's message in a fixed bilingual form (``dictionary.change_messages``:
``"Cập nhật / updated: description_vi, themes"``), which the API returns as stored. A page says
the same in its reader's language: each form the services write is listed here with its
sentence, and the details of an update (property names) become their labels (``labels.attribute``,
the one lookup of property labels). A message written otherwise (an API client's own, given with
the change) is shown as it was written.
"""

from __future__ import annotations

from flask_babel import gettext

from app.web import labels
from app.web.messages import N_
from dictionary import change_messages as M

SENTENCES: tuple[tuple[str, str, bool], ...] = (
    # (the stored beginning, the sentence, whether the details are property names)
    (M.UPDATED, N_("Cập nhật %(details)s"), True),
    (M.CREATED, N_("Tạo mới bộ dữ liệu"), False),
    (M.FIELD_ADDED, N_("Thêm trường %(details)s"), False),
    (M.FIELD_CHANGED, N_("Sửa trường %(details)s"), False),
    (M.FIELD_REMOVED, N_("Xoá trường %(details)s"), False),
    (M.MAPPING_ADDED, N_("Thêm ánh xạ tới tiêu chuẩn %(details)s"), False),
    (M.MAPPING_CHANGED, N_("Sửa ánh xạ tới tiêu chuẩn %(details)s"), False),
    (M.MAPPING_REMOVED, N_("Xoá ánh xạ tới tiêu chuẩn %(details)s"), False),
    (M.DISTRIBUTION_ADDED, N_("Thêm phân phối %(details)s"), False),
    (M.DISTRIBUTION_CHANGED, N_("Sửa phân phối %(details)s"), False),
    (M.DISTRIBUTION_REMOVED, N_("Xoá phân phối %(details)s"), False),
    (M.RESTORED, N_("Khôi phục phiên bản %(details)s"), False),
    (M.DICTIONARY_REPLACED, N_("Thay toàn bộ từ điển dữ liệu %(details)s"), False),
    (M.DICTIONARY_IMPORTED, N_("Nhập từ điển dữ liệu từ tệp%(details)s"), False),
)


def _properties(details: str) -> str:
    names = [name.strip() for name in details.split(",") if name.strip()]
    return ", ".join(labels.attribute(name) if name != "—" else name for name in names)


def history_line(message: str | None) -> str | None:
    """The sentence for a stored message; None when it is not one the services write."""
    if not message:
        return None
    for stored, sentence, properties in SENTENCES:
        if message.startswith(stored):
            details = message[len(stored) :]
            return gettext(sentence, details=_properties(details) if properties else details)
    return None

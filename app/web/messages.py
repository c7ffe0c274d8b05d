"""Messages of the domain in the reader's language, in one place, for pages and API alike.

The domain raises :class:`dictionary.errors.Message` (English text + a code + parameters); here
each code has its Vietnamese sentence (the source language; English in the .po catalog), and the
parameters are shown the way a person reads them: a property by its label, a state by its word,
a date as 01/07/2025. A message without a code (not converted yet) stays as it is, in English.
The common messages of marshmallow (the API's schemas, which the forms share) are marshmallow's
own fixed texts and are looked up as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.web import labels
from dictionary.errors import Message


def N_(text: str) -> str:
    return text


SENTENCES: dict[str, str] = {
    "not_found": N_("%(kind)s %(key)s không tồn tại"),
    "invalid_values": N_("Yêu cầu có giá trị không hợp lệ"),
    "invalid_field": N_("%(field)s: %(reason)s"),
    "invalid_parameters": N_("Giá trị không hợp lệ: %(parameters)s"),
    "stale_version": N_("Bản ghi đã được người khác thay đổi; hãy tải lại và thực hiện lại thay đổi của bạn"),
    "precondition_required": N_(
        'Hãy gửi ETag của phiên bản bạn đã sửa trong If-Match (ví dụ If-Match: "%(current)s"); '
        "thay đổi không kèm ETag bị từ chối để không ghi đè thay đổi của người khác"
    ),
    "busy": N_("Bản ghi đang được một yêu cầu khác thay đổi; hãy thử lại sau giây lát"),
    "not_before": N_("không được trước %(other)s"),
    "period_over": N_("thời hạn này đã kết thúc"),
    "no_such_fields": N_("bộ dữ liệu không có trường %(names)s"),
    "must_be_future": N_("phải là một thời điểm trong tương lai"),
    "narrow_only": N_("khi phê duyệt chỉ được thu hẹp các trường đã yêu cầu, không được thêm"),
    "reason_needed": N_("từ chối phải kèm lý do"),
    "several_agencies": N_("bạn thuộc nhiều cơ quan: hãy chọn cơ quan yêu cầu"),
    "staff_only": N_("Chỉ cán bộ của một cơ quan mới gửi yêu cầu khai thác, cho cơ quan của mình"),
    "own_agency_only": N_("Bạn chỉ gửi yêu cầu cho cơ quan mà bạn là thành viên"),
    "in_scope": N_("Bộ dữ liệu thuộc phạm vi của cơ quan bạn: không cần phê duyệt"),
    "open_data": N_("Bộ dữ liệu là dữ liệu mở: không cần phê duyệt"),
    "request_open": N_("Yêu cầu số %(number)s cho bộ dữ liệu này vẫn đang được xử lý"),
    "grant_live": N_("Cơ quan bạn đang có quyền khai thác còn hiệu lực đối với bộ dữ liệu này"),
    "opinion_stewards": N_("Chỉ cán bộ quản lý dữ liệu của cơ quan chủ quản mới cho ý kiến"),
    "opinion_given": N_("Yêu cầu số %(number)s đang ở trạng thái “%(status)s”: ý kiến đã được cho"),
    "approver_only": N_("Chỉ người phê duyệt của tỉnh mới quyết định yêu cầu khai thác"),
    "own_request": N_("Bạn không thể quyết định yêu cầu do chính mình gửi"),
    "already_decided": N_("Yêu cầu số %(number)s đã ở trạng thái “%(status)s”"),
    "awaits_opinion": N_("Yêu cầu số %(number)s đang chờ ý kiến của cơ quan chủ quản"),
    "withdraw_own": N_("Chỉ cơ quan yêu cầu mới rút được yêu cầu của mình"),
    "grant_revoked": N_("Quyền khai thác số %(number)s đã bị thu hồi trước đó"),
    "revoke_approver": N_("Chỉ người phê duyệt hoặc quản trị viên mới thu hồi quyền khai thác"),
    "edit_scope": N_("Chỉ biên tập viên thuộc phạm vi cơ quan chủ quản mới sửa bộ dữ liệu này"),
    "steward_scope": N_("Chỉ cán bộ quản lý dữ liệu thuộc phạm vi cơ quan chủ quản mới làm việc này"),
    "steward_publish": N_("Chỉ cán bộ quản lý dữ liệu mới công bố, ngừng sử dụng hoặc đổi phân loại chia sẻ"),
    "delete_draft_only": N_("Chỉ xoá được bộ dữ liệu nháp; hãy chuyển trạng thái sang ngừng sử dụng"),
    "full_history": N_("Chỉ phạm vi cơ quan chủ quản và cơ quan được cấp quyền mới xem toàn bộ lịch sử"),
    "import_errors": N_("Tệp có %(count)s lỗi; chưa có gì được ghi"),
    "min_length": N_("phải có ít nhất %(min)s ký tự"),
    "reset_link_invalid": N_(
        "Đường dẫn đặt lại mật khẩu này không còn hiệu lực (đã dùng, đã hết hạn hoặc không đúng)"
    ),
    "reset_admin_only": N_("Chỉ quản trị hệ thống mới đặt lại mật khẩu"),
    "not_a_code": N_("“%(value)s” không phải là %(noun)s%(hint)s"),
    "value_required": N_("bắt buộc phải có giá trị"),
    "duplicate_name": N_("“%(name)s” đã là tên trường ở dòng %(row)s"),
    "harvest_running": N_("Nguồn này đang có một lần chạy chưa kết thúc"),
    "harvest_own_address": N_("đây là địa chỉ của chính danh mục này; không thể là nguồn thu thập"),
}
"""The domain's message codes (``dictionary.errors.Message``) and their sentences, translated
when shown (``N_`` only marks them for extraction)."""

KINDS: dict[str, LazyString] = {
    "Dataset": _l("Bộ dữ liệu"),
    "Agency": _l("Cơ quan"),
    "Field": _l("Trường"),
    "Standard": _l("Tiêu chuẩn"),
    "Distribution": _l("Phân phối"),
    "Mapping": _l("Ánh xạ"),
    "Revision": _l("Phiên bản"),
    "Access request": _l("Yêu cầu khai thác"),
    "Access grant": _l("Quyền khai thác"),
    "User": _l("Người dùng"),
    "Token": _l("Mã truy cập"),
    "Concept": _l("Khái niệm"),
    "Vocabulary": _l("Bộ từ vựng"),
    "Harvest source": _l("Nguồn thu thập dữ liệu"),
    "Harvest job": _l("Lần chạy thu thập"),
}
"""The kinds of record a ``not_found`` names."""

NOUNS: dict[str, LazyString] = {
    "data type": _l("một kiểu dữ liệu"),
    "personal-data category": _l("một loại dữ liệu cá nhân"),
}
"""What a spreadsheet cell should have held (``dictionary.spreadsheets.parse``)."""

MARSHMALLOW: dict[str, LazyString] = {
    "Missing data for required field.": _l("Mục này bắt buộc nhập."),
    "Field may not be null.": _l("Mục này bắt buộc nhập."),
    "Not a valid integer.": _l("Hãy nhập một số nguyên."),
    "Not a valid date.": _l("Hãy nhập một ngày hợp lệ."),
    "Not a valid URL.": _l("Hãy nhập một địa chỉ web hợp lệ (http:// hoặc https://)."),
    "must be an absolute http(s) URL": _l("Hãy nhập một địa chỉ web hợp lệ (http:// hoặc https://)."),
    "Not a valid email address.": _l("Hãy nhập một địa chỉ thư điện tử hợp lệ."),
}
"""marshmallow's own fixed messages (and our schemas' URL rule), which carry no code."""


def _state(value: object) -> str:
    from app.web.access import STATES  # the workflow's words live with its pages

    return str(STATES.get(str(value), value))


def _names(value: object) -> str:
    items = value if isinstance(value, list | tuple) else [value]
    return ", ".join(f"“{item}”" for item in items)


PARAMETERS: dict[str, Callable[[object], str]] = {
    "field": lambda value: labels.attribute(str(value)),
    "other": lambda value: labels.attribute(str(value)),
    "kind": lambda value: str(KINDS.get(str(value), value)),
    "status": _state,
    "names": _names,
    "noun": lambda value: str(NOUNS.get(str(value), value)),
}
"""How a parameter is shown, by its name; any other is shown as it is (a number, a code)."""


def _shown(name: str, value: Any) -> object:
    if isinstance(value, Message):
        return translate(value)
    if isinstance(value, date):
        from app.web.templating import fmt_date

        return fmt_date(value)
    show = PARAMETERS.get(name)
    return show(value) if show is not None else value


def translate(message: object) -> str:
    """A message in the request's language; a text without a code as it came."""
    if isinstance(message, Message) and message.code in SENTENCES:
        params = {name: _shown(name, value) for name, value in message.params.items()}
        return gettext(SENTENCES[message.code], **params)
    text = str(message)
    known = MARSHMALLOW.get(text)
    return str(known) if known is not None else text


def is_translated(message: object) -> bool:
    return (isinstance(message, Message) and message.code in SENTENCES) or str(message) in MARSHMALLOW


def translate_tree(messages: Any) -> Any:
    """The messages of an ``errors`` object, in place of each leaf; keys (field names) unchanged."""
    if isinstance(messages, str):
        return translate(messages)
    if isinstance(messages, Mapping):
        return {key: translate_tree(value) for key, value in messages.items()}
    if isinstance(messages, Iterable):
        return [translate_tree(value) for value in messages]
    return messages

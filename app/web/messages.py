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
from sqlalchemy.exc import SQLAlchemyError

from app.web import labels
from app.web.file_messages import FILE_SENTENCES, N_
from dictionary.errors import Message

SENTENCES: dict[str, str] = {
    "not_found": N_("%(kind)s %(key)s không tồn tại"),
    "coordinator_only": N_("Chỉ cơ quan điều phối của tỉnh mới mở và kết thúc chiến dịch"),
    "target_needed": N_("hãy đặt mục tiêu mức đầy đủ, mục tiêu đánh giá dữ liệu cá nhân, hoặc cả hai"),
    "deadline_past": N_("hạn hoàn thành không được ở trong quá khứ"),
    "unknown_agencies": N_("không có cơ quan mang mã %(codes)s"),
    "campaign_closed": N_("Chiến dịch số %(number)s đã kết thúc"),
    "invalid_values": N_("Yêu cầu có giá trị không hợp lệ"),
    "invalid_field": N_("%(field)s: %(reason)s"),
    "invalid_parameters": N_("Giá trị không hợp lệ: %(parameters)s"),
    "stale_version": N_("Bản ghi đã được người khác thay đổi; hãy tải lại và thực hiện lại thay đổi của bạn"),
    "precondition_required": N_(
        'Hãy gửi ETag của phiên bản bạn đã sửa trong If-Match (ví dụ If-Match: "%(current)s"); '
        "thay đổi không kèm ETag bị từ chối để không ghi đè thay đổi của người khác"
    ),
    "stale_confirmation": N_(
        "Các thuật ngữ đã thay đổi từ lần nhập thử, hoặc đây không phải tệp đã kiểm tra; chưa có gì "
        "được ghi: hãy kiểm tra lại tệp"
    ),
    "confirmation_required": N_("Hãy nhập thử trước và gửi mã xác nhận của lần nhập thử để áp dụng tệp"),
    "duplicate_term_code": N_("“%(term)s” đã là mã thuật ngữ ở dòng %(row)s"),
    "term_elsewhere": N_("thuật ngữ “%(term)s” thuộc từ điển %(dictionary)s, không thuộc từ điển này"),
    "term_cycle": N_("chuỗi thay thế giữa các thuật ngữ của tệp tạo thành vòng lặp"),
    "terms_imported": N_("Đã nhập thuật ngữ: %(added)s thuật ngữ mới, %(changed)s thuật ngữ được cập nhật"),
    "terms_unchanged": N_("Tệp trùng với các thuật ngữ hiện có; không có gì để thay đổi"),
    "dry_run": N_("Nhập thử: chưa có gì được ghi"),
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
    "name_repeated": N_("tên “%(name)s” được dùng cho nhiều hơn một trường"),
    "field_exists": N_("bộ dữ liệu đã có trường tên “%(name)s”"),
    "rename_taken": N_(
        "“%(name)s” vẫn là tên của một trường khác đang lưu (được đổi tên hoặc xoá trong lần lưu này): "
        "hãy lưu hai thay đổi này lần lượt"
    ),
    "not_above": N_("không được lớn hơn %(other)s"),
    "no_standard": N_("không có tiêu chuẩn nào mang mã “%(standard)s”"),
    "no_field_in": N_("bộ dữ liệu “%(dataset)s” không có trường “%(field)s”"),
    "mapping_exists": N_("ánh xạ này đã có"),
    "register_approver": N_("Sổ theo dõi khai thác dành cho người phê duyệt và quản trị viên"),
    "dashboard_approver": N_("Bảng điều phối dành cho người phê duyệt và quản trị viên"),
    "overdue_sign_in": N_("Hãy đăng nhập để xem các bước quá hạn"),
    "preferences_sign_in": N_("Chỉ người đã đăng nhập mới có tùy chọn thông báo"),
    "check_own_agency": N_("Cán bộ chỉ hỏi API quyết định cho cơ quan của mình"),
    "token_invalid": N_("Mã truy cập không hợp lệ"),
    "token_too_deep": N_("Mã truy cập được cấp qua quá nhiều mã khác"),
    "token_revoked": N_("Mã truy cập đã bị thu hồi"),
    "parent_revoked": N_("Mã truy cập cấp ra mã này đã bị thu hồi"),
    "token_expired": N_("Mã truy cập đã hết hạn"),
    "parent_expired": N_("Mã truy cập cấp ra mã này đã hết hạn"),
    "account_inactive": N_("Tài khoản đã bị khoá"),
    "wrong_password": N_("Sai địa chỉ thư điện tử hoặc mật khẩu"),
    "supersede_self": N_("một thuật ngữ không thể thay thế chính nó"),
    "no_term": N_("không có thuật ngữ nào mang mã “%(term)s”"),
    "not_a_format": N_("“%(value)s” không phải là một trong %(choices)s"),
    "file_empty": N_("Tệp rỗng"),
    "old_workbook": N_(
        "Đây là sổ Excel 97-2003 (.xls) hoặc sổ có mật khẩu; hãy lưu thành Excel Workbook (.xlsx) không "
        "đặt mật khẩu rồi tải lên"
    ),
    "not_utf8": N_(
        "Tệp không phải sổ Excel (.xlsx) cũng không phải văn bản CSV UTF-8; trong Excel hãy chọn Save As → "
        "“CSV UTF-8 (Comma delimited)” hoặc “Excel Workbook”"
    ),
    "binary_file": N_("Tệp là tệp nhị phân, không phải sổ Excel (.xlsx) hay văn bản CSV"),
    "no_header": N_(
        "Không thấy dòng tiêu đề có cột “%(column)s” (hoặc “%(english)s”) trong %(rows)s dòng đầu; "
        "hãy dùng tệp mẫu"
    ),
    "column_twice": N_("Cột “%(column)s” xuất hiện nhiều lần (%(cells)s)"),
    "columns_missing": N_("Thiếu các cột bắt buộc: %(names)s"),
    "mapping_term_long": N_("thuật ngữ của một ánh xạ dài quá %(max)s ký tự"),
    "mapping_note_long": N_("ghi chú của một ánh xạ dài quá %(max)s ký tự"),
    "too_many_mappings": N_("%(count)s ánh xạ; tối đa %(max)s"),
    "too_long": N_("dài %(length)s ký tự; tối đa %(max)s ký tự"),
    "not_a_name": N_(
        "“%(value)s” không phải là tên trường: bắt đầu bằng chữ cái hoặc _, chỉ dùng chữ cái không dấu, "
        "chữ số và _"
    ),
    "not_whole": N_("“%(value)s” không phải là số nguyên"),
    "out_of_range": N_("%(value)s nằm ngoài khoảng cho phép (%(min)s–%(max)s)"),
    "not_yes_no": N_(
        "“%(value)s” không phải là có hoặc không (ghi x hoặc có cho có; để trống hoặc ghi không)"
    ),
    "not_a_reference": N_("“%(value)s” không có dạng tap-du-lieu/ten_truong"),
    "mapping_no_standard": N_("“%(value)s” không nêu tiêu chuẩn (ghi TIÊU_CHUẨN:quan_hệ:thuật_ngữ)"),
    "not_a_code_list": N_("“%(value)s” không phải là bộ từ vựng hay mã của một tiêu chuẩn đã đăng ký"),
    "one_code_list": N_("chỉ ghi tối đa một bộ từ vựng và một tiêu chuẩn"),
    "formula_no_value": N_(
        "công thức %(formula)s chưa có giá trị được lưu; hãy gõ giá trị, hoặc mở và lưu tệp bằng Excel "
        "để giá trị được tính"
    ),
    "columns_ignored": N_("Các cột không có trong mẫu đã được bỏ qua: %(names)s"),
    "columns_kept": N_("Các cột không có trong tệp giữ nguyên giá trị hiện tại: %(names)s"),
    "imported": N_("Đã nhập từ điển dữ liệu (phiên bản %(number)s)"),
    "import_same": N_("Tệp trùng với từ điển đang lưu; không có gì cần thay đổi"),
    "import_dry_run": N_("Chạy thử: chưa có gì được ghi"),
    "not_in_scheme": N_("“%(value)s” không có trong bộ từ vựng “%(scheme)s”"),
    "no_agency": N_("không có cơ quan nào mang mã “%(agency)s”"),
    "slug_taken": N_("đã có bộ dữ liệu mang định danh “%(slug)s”"),
    "distribution_exists": N_("bộ dữ liệu đã có phân phối “%(slug)s”"),
    "standard_exists": N_("đã có tiêu chuẩn mang mã “%(standard)s”"),
    "term_exists": N_("đã có thuật ngữ mang mã “%(term)s”"),
    "owner_needed": N_("bộ dữ liệu phải có cơ quan chủ quản"),
    "own_scope_create": N_("Bạn chỉ mô tả bộ dữ liệu thuộc phạm vi cơ quan mình, không phải của %(agency)s"),
    "draft_only_create": N_("Chỉ cán bộ quản lý dữ liệu mới tạo bộ dữ liệu ở trạng thái khác nháp"),
    "reassign_admin": N_("Chỉ quản trị viên mới giao lại cơ quan chủ quản, quản lý hoặc phụ trách dữ liệu"),
    "role_held": N_("%(agency)s đã giữ vai trò %(role)s của bộ dữ liệu này"),
    "before_assignment": N_("không được trước ngày bắt đầu của lần giao hiện tại"),
    "agency_exists": N_("đã có cơ quan mang mã “%(agency)s”"),
    "agency_in_use": N_(
        "%(agency)s còn bộ dữ liệu hoặc đơn vị trực thuộc; hãy ghi ngày chấm dứt (valid_to) hoặc sáp nhập"
    ),
    "merge_none": N_("hãy nêu ít nhất một cơ quan được sáp nhập"),
    "merge_self": N_("không thể sáp nhập %(agency)s vào chính nó"),
    "ceased": N_("%(agency)s đã chấm dứt hoạt động từ %(day)s"),
    "ceased_target": N_("%(agency)s đã chấm dứt hoạt động, không thể nhận sáp nhập"),
    "split_none": N_("hãy nêu ít nhất một cơ quan tiếp nhận"),
    "split_self": N_("không thể chia tách %(agency)s vào chính nó"),
    "not_in_into": N_("%(agency)s không thuộc các cơ quan tiếp nhận (into)"),
    "no_dataset": N_("không có bộ dữ liệu nào mang định danh “%(slug)s”"),
    "assignment_after": N_("Một lần giao cho %(agency)s bắt đầu sau ngày sáp nhập %(day)s"),
    "own_ancestor": N_("một cơ quan không thể là cấp trên của chính nó"),
    "standard_in_use": N_(
        "Tiêu chuẩn %(standard)s đang được ánh xạ hoặc dùng làm danh mục mã; hãy đánh dấu là đã thay thế"
    ),
    "term_mapped_code": N_(
        "Thuật ngữ %(term)s đang được các trường ánh xạ; không đổi được mã và từ điển của nó"
    ),
    "term_mapped": N_("Thuật ngữ %(term)s đang được các trường ánh xạ; hãy đánh dấu là đã thay thế"),
    "term_replaces": N_("Thuật ngữ %(term)s thay thế một thuật ngữ khác; hãy sửa thuật ngữ đó trước"),
    "terms_admin": N_("Chỉ quản trị viên mới duy trì từ điển dữ liệu dùng chung"),
    "superseded_by_needed": N_("thuật ngữ đã bị thay thế phải nêu thuật ngữ thay thế nó"),
    "bad_pattern": N_("không phải là biểu thức chính quy hợp lệ"),
    "token_scopes": N_("hãy chọn quyền đọc, hoặc đọc và ghi"),
    "between": N_("phải từ %(min)s đến %(max)s"),
    "token_wider": N_("Một mã truy cập không thể cấp mã có nhiều quyền hơn chính nó"),
    "not_email": N_("phải là một địa chỉ thư điện tử"),
    "one_of": N_("phải là một trong các giá trị %(choices)s"),
    "agency_and_role": N_("vai trò trong cơ quan cần cả cơ quan và vai trò"),
    "role_needed": N_("hãy chọn cơ quan và vai trò, hoặc một vai trò toàn hệ thống"),
    "email_taken": N_("đã có người dùng với địa chỉ thư %(email)s"),
    "self_deactivate": N_("Bạn không thể tự khoá tài khoản của mình"),
    "role_agency": N_("hãy nêu cơ quan có vai trò thay đổi"),
    "global_roles_admin": N_("Chỉ quản trị hệ thống mới giao vai trò toàn hệ thống"),
    "own_users": N_("Bạn chỉ quản lý người dùng thuộc phạm vi cơ quan mình"),
    "role_above": N_("Bạn không thể giao vai trò cao hơn vai trò của mình"),
    "basis_needed": N_("từ chối phải nêu căn cứ pháp lý: một văn bản trong sổ đăng ký"),
    "not_a_regulation": N_("“%(value)s” không phải là văn bản trong sổ căn cứ pháp lý"),
    "not_a_relation": N_(
        "“%(value)s” không phải là quan hệ ánh xạ SKOS (exactMatch, closeMatch, broadMatch, narrowMatch, "
        "relatedMatch)"
    ),
    "harvest_running": N_("Nguồn này đang có một lần chạy chưa kết thúc"),
    "harvest_own_address": N_("đây là địa chỉ của chính danh mục này; không thể là nguồn thu thập"),
    **FILE_SENTENCES,
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
    "Campaign": _l("Chiến dịch"),
    "Harvest source": _l("Nguồn thu thập dữ liệu"),
    "Harvest job": _l("Lần chạy thu thập"),
}
"""The kinds of record a ``not_found`` names."""

NOUNS: dict[str, LazyString] = {
    "data type": _l("một kiểu dữ liệu"),
    "personal-data category": _l("một loại dữ liệu cá nhân"),
    "number": _l("một số hợp lệ"),
    "row number": _l("một số thứ tự dòng hợp lệ"),
    "shared-string index": _l("một chỉ số chuỗi dùng chung hợp lệ"),
    "boolean": _l("một giá trị đúng/sai hợp lệ"),
    "date": _l("một ngày hợp lệ"),
    "value": _l("một giá trị hợp lệ"),
}
"""What a spreadsheet cell should have held (``dictionary.spreadsheets.parse``, ``.xlsx``, ``.parts``)."""

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


def _agency(value: object) -> str:
    """An agency by its name in the page's language, its code after it; an unknown code as given."""
    from app.web.templating import agency_name
    from app.wiring import services

    try:
        found = services().agencies.by_codes([str(value)]).get(str(value))
    except SQLAlchemyError:  # a message must never fail for want of a name: the code then
        found = None
    return f"{agency_name(found).striptags()} ({value})" if found is not None else str(value)


def _scheme(value: object) -> str:
    from app.web.i18n import current_language
    from app.wiring import concepts

    scheme = concepts().scheme(str(value))
    return scheme.title(current_language()) if scheme is not None else str(value)


def _number(value: object) -> str:
    """A count or a limit as the reader writes numbers (16.384 in Vietnamese, 16,384 in English)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        from app.web.templating import fmt_number

        return fmt_number(value)
    return str(value)


PARAMETERS: dict[str, Callable[[object], str]] = {
    "field": lambda value: labels.attribute(str(value)),
    "other": lambda value: labels.attribute(str(value)),
    "kind": lambda value: str(KINDS.get(str(value), value)),
    "status": _state,
    "names": _names,
    "noun": lambda value: str(NOUNS.get(str(value), value)),
    "agency": _agency,
    "scheme": _scheme,
    "max": _number,
    "count": _number,
    "line": _number,
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


def located(error: Any) -> str:
    """An import error (``dictionary.spreadsheets.parse.CellError``) with its place, in the reader's
    language: "dòng 7, cột kieu: …"."""
    reason = translate(error.message)
    if error.row is None:
        return reason
    if error.column:
        return gettext(
            "dòng %(row)s, cột %(column)s: %(reason)s", row=error.row, column=error.column, reason=reason
        )
    return gettext("dòng %(row)s: %(reason)s", row=error.row, reason=reason)


def import_report(report: Any) -> dict[str, Any]:
    """An import report (``ImportReport.as_dict``) whose messages are in the reader's language;
    codes, rows, columns and values stay as they are."""
    body: dict[str, Any] = report.as_dict()
    body["message"] = translate(report.message)
    body["warnings"] = [translate(warning) for warning in report.warnings]
    body["errors"] = [
        item | {"message": translate(error.message), "text": located(error)}
        for item, error in zip(body["errors"], report.errors, strict=True)
    ]
    return body

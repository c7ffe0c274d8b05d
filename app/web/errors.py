"""Error pages for browsers: the API keeps its JSON errors, people get a page in their language.

:func:`app.errors.error_response` asks :func:`html_error_page` first, so every error of the app
(404 of an unknown URL, 403 of the guard, 406 of the RDF routes, 500) reaches a browser as a page.
"""

from __future__ import annotations

from flask import Response, current_app, render_template, request
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from app.web.negotiation import prefers_html

TITLES: dict[int, LazyString] = {
    400: _l("Yêu cầu không hợp lệ"),
    401: _l("Cần đăng nhập"),
    403: _l("Không có quyền truy cập"),
    404: _l("Không tìm thấy trang"),
    405: _l("Phương thức không được hỗ trợ"),
    406: _l("Định dạng không được hỗ trợ"),
    409: _l("Xung đột dữ liệu"),
    412: _l("Dữ liệu đã thay đổi"),
    413: _l("Tệp quá lớn"),
    422: _l("Dữ liệu không hợp lệ"),
    429: _l("Quá nhiều yêu cầu"),
    500: _l("Lỗi hệ thống"),
}
EXPLANATIONS: dict[int, LazyString] = {
    401: _l("Trang này dành cho cán bộ đã đăng nhập."),
    403: _l("Tài khoản của bạn không có quyền xem hoặc thực hiện thao tác này."),
    404: _l("Địa chỉ không tồn tại, hoặc nội dung không công khai với bạn."),
    500: _l("Đã xảy ra lỗi ngoài ý muốn. Vui lòng thử lại sau hoặc liên hệ quản trị hệ thống."),
}
GENERIC = _l("Không thể xử lý yêu cầu này.")


def wants_page() -> bool:
    return not request.path.startswith("/api/") and prefers_html()


def html_error_page(status: int) -> Response | None:
    """The error page for a browser outside the API; None for API clients and machines."""
    if not wants_page():
        return None
    try:
        body = render_template(
            "error.html",
            status=status,
            title=TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400]),
            explanation=EXPLANATIONS.get(status, GENERIC),
        )
    except Exception:
        # An error page that fails to render (the database is down…) must not hide the error:
        # the caller answers with the plain JSON error instead.
        current_app.logger.exception("Could not render the error page for %s", status)
        return None
    return Response(body, status=status, mimetype="text/html")

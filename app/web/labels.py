"""Words the pages show for codes of the domain: quality gaps, freshness, attributes in diffs.

Vocabulary concepts carry their own labels (vi, en); these are the codes that are not concepts.
Each is a lazy string, translated when rendered in the page's language.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from app.web.i18n import current_language
from dictionary import properties

GAPS: dict[str, LazyString] = {
    "stale": _l("một lần cập nhật: dữ liệu cũ hơn tần suất đã công bố"),
    "title_en": _l("tên tiếng Anh"),
    "description": _l("mô tả từ 50 ký tự trở lên"),
    "purpose": _l("mục đích (Nghị định 47/2020, điều 11.4b)"),
    "scope": _l("phạm vi (điều 11.4b)"),
    "content": _l("nội dung (điều 11.4b)"),
    "collection_mechanism": _l("cơ chế thu thập, cập nhật (điều 11.4c)"),
    "source": _l("nguồn dữ liệu (điều 11.4c)"),
    "themes": _l("ít nhất một chủ đề"),
    "keywords": _l("từ khóa"),
    "frequency": _l("tần suất cập nhật"),
    "legal_basis": _l("căn cứ pháp lý"),
    "owner": _l("cơ quan chủ quản hiện tại"),
    "contact_point": _l("đầu mối liên hệ"),
    "distribution": _l("phân phối hoặc dịch vụ truy cập"),
    "data_updated_on": _l("ngày cập nhật dữ liệu gần nhất"),
    "fields_present": _l("từ điển dữ liệu (ít nhất một trường)"),
    "fields_described": _l("định nghĩa của mọi trường"),
    "fields_typed": _l("kiểu dữ liệu của mọi trường"),
    "personal_data_flagged": _l("đánh giá dữ liệu cá nhân của mọi trường"),
    "fields_mapped": _l("ánh xạ tiêu chuẩn cho các trường chính (ít nhất một phần tư)"),
    "fields_conform": _l("các trường mang thuật ngữ của từ điển dữ liệu dùng chung phù hợp với thuật ngữ"),
}
"""What a dataset's description lacks, by gap code (dictionary.services.quality)."""

FRESHNESS: dict[str, LazyString] = {
    "fresh": _l("Cập nhật đúng hạn"),
    "stale": _l("Quá hạn cập nhật"),
    "unknown": _l("Chưa rõ"),
}

ATTRIBUTES: dict[str, LazyString] = {
    # Parts of a record that are not properties of the registry: mappings, owners, contacts and
    # legal documents inside a diff
    "description": _l("Mô tả"),
    "standard": _l("Tiêu chuẩn"),
    "relation": _l("Quan hệ"),
    "term": _l("Thành phần của tiêu chuẩn"),
    "note": _l("Ghi chú"),
    "field": _l("Trường"),
    "agency": _l("Cơ quan"),
    "role": _l("Vai trò"),
    "phone": _l("Điện thoại"),
    "number": _l("Số hiệu"),
    "title": _l("Tiêu đề"),
    # Access requests and grants
    "period_start": _l("Ngày bắt đầu khai thác"),
    "period_end": _l("Ngày kết thúc khai thác"),
    "expires_at": _l("Ngày hết hạn"),
    "reason": _l("Lý do"),
    "password": _l("Mật khẩu"),
    # Documentation campaigns
    "min_completeness": _l("Mức đầy đủ tối thiểu"),
    "personal_data_assessed": _l("Đánh giá dữ liệu cá nhân của mọi trường"),
    "deadline": _l("Hạn hoàn thành"),
    "reminder_days": _l("Nhắc trước hạn (ngày làm việc)"),
    "agencies": _l("Các cơ quan"),
    # Harvest sources
    "name": _l("Tên"),
    "url": _l("Địa chỉ"),
    "schedule": _l("Lịch thu thập"),
    "time_limit": _l("Thời gian tối đa (giây)"),
    "page_limit": _l("Số trang tối đa"),
}
"""Names a revision diff can show besides the properties of the registry (dictionary.properties)."""

DIFF_SECTIONS: dict[str, LazyString] = {
    "fields": _l("Từ điển dữ liệu"),
    "distributions": _l("Phân phối và dịch vụ truy cập"),
    "mappings": _l("Ánh xạ tiêu chuẩn"),
    "ownerships": _l("Chủ quản và vận hành"),
    "contact_points": _l("Đầu mối liên hệ"),
}

SEARCH_FACETS: dict[str, LazyString] = {
    "agency": _l("Cơ quan"),
    "component": _l("Thành phần kiến trúc"),
    "category": _l("Loại cơ sở dữ liệu"),
    "sharing_class": _l("Phân loại chia sẻ"),
    "importance": _l("Mức độ quan trọng"),
    "theme": _l("Chủ đề"),
    "format": _l("Định dạng"),
    "personal_data": _l("Dữ liệu cá nhân"),
    "status": _l("Trạng thái"),
    "data_type": _l("Kiểu dữ liệu"),
}

SORTS: dict[str, LazyString] = {
    "relevance": _l("Phù hợp nhất"),
    "title": _l("Tên (A→Z)"),
    "updated": _l("Mới cập nhật"),
}


RELATIONS: dict[str, LazyString] = {
    "exactMatch": _l("tương đương"),
    "closeMatch": _l("gần tương đương"),
    "broadMatch": _l("rộng hơn"),
    "narrowMatch": _l("hẹp hơn"),
    "relatedMatch": _l("liên quan"),
}
"""SKOS mapping relations of field ↔ standard mappings, by local name."""


NOTIFICATIONS: dict[str, LazyString] = {
    "request.submitted": _l("Yêu cầu khai thác mới"),
    "request.reviewed": _l("Chủ quản đã cho ý kiến"),
    "request.approved": _l("Yêu cầu được phê duyệt"),
    "request.rejected": _l("Yêu cầu bị từ chối"),
    "request.withdrawn": _l("Yêu cầu đã được rút"),
    "grant.revoked": _l("Quyền khai thác bị thu hồi"),
    "step.overdue": _l("Bước xử lý quá hạn"),
    "campaign.opened": _l("Chiến dịch hoàn thiện mô tả mới"),
    "campaign.reminder": _l("Nhắc hạn chiến dịch"),
    "dataset.stale": _l("Dữ liệu quá hạn cập nhật"),
}
"""What a notification is about, by kind (dictionary.services.notifications)."""


def notification(kind: str) -> str:
    return str(NOTIFICATIONS.get(kind, kind))


TONES = {
    "ok": ("MO", "PUBLISHED", "KHONG", "IN_FORCE"),
    "info": ("DUNG_CHUNG", "QUAN_TRONG", "CO_BAN"),
    "warn": ("DRAFT",),
    "danger": ("DUNG_RIENG", "NHAY_CAM", "COT_LOI", "RETIRED", "SUPERSEDED"),
}
"""Badge colour of a concept by code: how careful a reader should be with the data."""
_TONE_OF = {code: tone for tone, codes in TONES.items() for code in codes}


def tone(uri: str) -> str:
    return _TONE_OF.get(uri.rstrip("/").rsplit("/", 1)[-1], "")


def relation(uri: str) -> str:
    name = uri.rsplit("#", 1)[-1]
    return str(RELATIONS.get(name, name))


def attribute(name: str) -> str:
    """The label of an attribute in the page's language: a property's from the registry, else one
    of the parts above; its technical name when it has none yet."""
    return properties.label(name, current_language()) or str(ATTRIBUTES.get(name, name))

"""The beginnings of the revision messages the services write (``record_change``).

A revision's message is stored once, bilingual (``"Cập nhật / updated: description_vi"``), and
the API returns it as stored. The services write these forms; the web pages recognise them to
say the same in their reader's language (``app/web/history_lines.py``).
"""

from __future__ import annotations

CREATED = "Tạo mới / created"
UPDATED = "Cập nhật / updated: "
FIELD_ADDED = "Thêm trường / field added: "
FIELD_CHANGED = "Sửa trường / field changed: "
FIELD_REMOVED = "Xoá trường / field removed: "
MAPPING_ADDED = "Thêm ánh xạ / mapping added: "
MAPPING_CHANGED = "Sửa ánh xạ / mapping changed: "
MAPPING_REMOVED = "Xoá ánh xạ / mapping removed: "
DISTRIBUTION_ADDED = "Thêm phân phối / distribution added: "
DISTRIBUTION_CHANGED = "Sửa phân phối / distribution changed: "
DISTRIBUTION_REMOVED = "Xoá phân phối / distribution removed: "
RESTORED = "Khôi phục phiên bản / restored revision "
DICTIONARY_REPLACED = "Thay từ điển dữ liệu / dictionary replaced "
DICTIONARY_IMPORTED = "Nhập từ điển từ tệp / dictionary imported"

"""The sentences of the spreadsheet imports' refusals: the file as a whole
(``dictionary.spreadsheets``), its limits (``over_<limit>``, named as the 413's ``limit.code``), the
rows of a term sheet and what a file says about itself. Part of :data:`app.web.messages.SENTENCES`
(Vietnamese, English in the .po catalog), kept apart to keep that module short."""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a sentence for extraction; it is translated when shown."""
    return text


FILE_SENTENCES: dict[str, str] = {
    "no_field_rows": N_("Tệp không có dòng trường nào; không có gì để nhập"),
    "no_term_rows": N_("Tệp không có dòng thuật ngữ nào; không có gì để nhập"),
    "xlsx_damaged": N_("Tệp có dạng sổ Excel (.xlsx) nhưng bị hỏng"),
    "zip_not_xlsx": N_("Tệp ZIP này không phải sổ Excel (.xlsx); hãy lưu trang tính thành .xlsx hoặc CSV"),
    "xlsx_encrypted": N_("Sổ Excel được mã hoá"),
    "xlsx_compression": N_("Sổ Excel dùng cách nén mà Excel không dùng"),
    "part_damaged": N_("Sổ Excel bị hỏng (phần %(part)s)"),
    "part_not_xml": N_("Không đọc được sổ Excel: phần %(part)s không phải XML hợp lệ"),
    "unknown_encoding": N_("Phần %(part)s khai báo một bảng mã không biết (%(encoding)s); tệp bị từ chối"),
    "dtd_refused": N_(
        "Phần %(part)s chứa khai báo kiểu tài liệu XML (<!DOCTYPE> hoặc <!ENTITY>); tệp bị từ chối"
    ),
    "too_deep": N_("Sổ Excel lồng các phần tử XML sâu quá %(max)s mức"),
    "properties_long": N_("Thuộc tính tài liệu của sổ Excel quá dài"),
    "invalid_number": N_("Giá trị “%(value)s” trong sổ Excel không phải là %(noun)s"),
    "no_sheet": N_("Sổ Excel không có trang tính nào đọc được"),
    "bad_cell_value": N_("Ô %(cell)s chứa “%(value)s”, không phải là %(noun)s"),
    "bad_cell_ref": N_("Trang tính có địa chỉ ô không hợp lệ: “%(value)s”"),
    "not_csv": N_("Dòng %(row)s không phải CSV hợp lệ: %(reason)s"),
    "over_bytes": N_("Tệp lớn hơn %(max)s byte"),
    "over_seconds": N_("Đọc tệp mất hơn %(max)s giây; tệp bị từ chối"),
    "over_elements": N_("Sổ Excel có hơn %(max)s phần tử XML"),
    "over_text_chars": N_("Sổ Excel có hơn %(max)s ký tự văn bản"),
    "over_part_bytes": N_("Phần %(part)s khi giải nén lớn hơn %(max)s byte"),
    "over_unzipped_bytes": N_("Sổ Excel khi giải nén lớn hơn %(max)s byte"),
    "over_parts": N_("Sổ Excel có hơn %(max)s phần"),
    "over_ratio": N_("Phần %(part)s khi giải nén lớn hơn %(max)s lần"),
    "over_token_bytes": N_("Phần %(part)s có hơn %(max)s byte liền không có thẻ đánh dấu"),
    "over_styles": N_("Sổ Excel có hơn %(max)s kiểu định dạng ô"),
    "over_strings": N_("Sổ Excel có hơn %(max)s chuỗi dùng chung"),
    "over_string_chars": N_("Các chuỗi dùng chung vượt quá %(max)s ký tự"),
    "over_row_cells": N_("Trang tính có hơn %(max)s ô ở dòng %(row)s"),
    "over_cells": N_("Trang tính có hơn %(max)s ô"),
    "over_cell_chars": N_("Ô %(cell)s chứa hơn %(max)s ký tự"),
    "over_row_cell_chars": N_("Dòng %(row)s có một ô hơn %(max)s ký tự"),
    "over_line_chars": N_("Dòng %(line)s của tệp dài hơn %(max)s ký tự"),
    "over_rows": N_("Trang tính có hơn %(max)s dòng; hãy xoá các dòng trống"),
    "over_field_rows": N_("Trang tính có hơn %(max)s dòng dữ liệu"),
    "over_field_rows_count": N_("Trang tính có %(count)s dòng dữ liệu; tối đa %(max)s dòng"),
    # The rows of a sheet, and what the file says about itself.
    "too_many_values": N_("%(count)s giá trị; tối đa %(max)s"),
    "not_a_term_code": N_(
        "“%(value)s” không phải là mã: 1–40 ký tự gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc _"
    ),
    "not_a_date": N_("“%(value)s” không phải là ngày (2025-07-01 hoặc 01/07/2025)"),
    "field_name_used": N_("Tên trường “%(name)s” đã được dùng trong bộ dữ liệu này"),
    "other_dataset_file": N_("Tệp được xuất từ bộ dữ liệu “%(source)s”, không phải “%(slug)s”"),
    "older_file": N_(
        "Tệp được xuất ở phiên bản %(version)s, bộ dữ liệu nay đã ở phiên bản %(current)s: các thay đổi "
        "từ đó đến nay sẽ bị ghi đè"
    ),
}

"""The columns of the data-dictionary template, and how one cell becomes a value and back.

One row per field. The first header row holds the Vietnamese column keys (``kieu``), the second
the English ones (``data_type``, the API's attribute names where there is one). Values are human
codes (``STRING``, ``CO_BAN``, ``STD-PID``), never URIs, though URIs are accepted on import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from dictionary import concepts as C
from dictionary.errors import Message

FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,199}$")
"""Same rule as the API's field names (app/api/schemas/common.py); dictionary may not import app."""
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,198}[a-z0-9])?$")

TRUE_WORDS = frozenset({"x", "có", "co", "yes", "y", "1", "true", "đúng", "dung", "✓", "✔"})
FALSE_WORDS = frozenset({"không", "khong", "no", "n", "0", "false", "sai", "-"})
BOOLEAN_CHOICES = ("x", "có", "không")
"""What the drop-down offers; the reader accepts every word above, in any case."""

INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cells starting with these run as formulas when a CSV is opened in Excel (CSV injection)."""

RELATIONS = {name.casefold(): name for name in (uri.removeprefix(C.SKOS) for uri in C.MAPPING_RELATIONS)}
MAX_MAPPINGS = 50


@dataclass(frozen=True)
class Column:
    key: str
    """Vietnamese header, as written in the first header row: ``kieu``."""
    en: str
    """English header (second header row): the API attribute where there is one."""
    title_vi: str
    title_en: str
    help_vi: str
    help_en: str
    kind: str
    """How cells are read: text, int, bool, concept, foreign_key, code_list, mappings."""
    attrs: tuple[str, ...]
    """Field-input attributes this column fills (``danh_muc`` fills two)."""
    width: int = 16
    required: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    scheme: str | None = None
    example: str = ""


def _col(key: str, en: str, titles: tuple[str, str], helps: tuple[str, str], kind: str, **kw: Any) -> Column:
    return Column(key, en, titles[0], titles[1], helps[0], helps[1], kind, kw.pop("attrs", (en,)), **kw)


COLUMNS: tuple[Column, ...] = (
    _col("ten_truong", "name", ("Tên trường", "Field name"),
         ("Tên kỹ thuật, duy nhất trong tập dữ liệu: chữ cái không dấu, chữ số và dấu gạch dưới.",
          "Technical name, unique in the dataset: ASCII letters, digits and underscores."),
         "name", width=24, required=True, example="so_dinh_danh"),
    _col("nhan", "label_vi", ("Nhãn", "Label (Vietnamese)"),
         ("Tên gọi tiếng Việt của trường.", "The field's name in Vietnamese."),
         "text", width=28, required=True, max_length=500, example="Số định danh cá nhân"),
    _col("nhan_en", "label_en", ("Nhãn tiếng Anh", "Label (English)"),
         ("Tên gọi tiếng Anh.", "The field's name in English."),
         "text", width=24, max_length=500, example="Personal identification number"),
    _col("dinh_nghia", "definition", ("Định nghĩa", "Definition"),
         ("Ý nghĩa của trường, đủ để người khác hiểu mà không cần hỏi.",
          "What the field means, enough for someone else to understand it."),
         "text", width=40, max_length=5000),
    _col("dinh_nghia_en", "definition_en", ("Định nghĩa tiếng Anh", "Definition (English)"),
         ("Định nghĩa bằng tiếng Anh.", "The definition in English."), "text", width=32, max_length=5000),
    _col("kieu", "data_type", ("Kiểu dữ liệu", "Data type"),
         ("Mã kiểu dữ liệu, chọn trong danh sách (xem trang Danh mục).",
          "Data type code, from the drop-down (see the Codes sheet)."),
         "concept", width=12, scheme="data-types", example="STRING"),
    _col("do_dai", "length", ("Độ dài", "Length"),
         ("Số ký tự tối đa của giá trị văn bản.", "Maximum length of text values."),
         "int", width=9, minimum=1, maximum=1_000_000_000, example="12"),
    _col("do_chinh_xac", "precision", ("Độ chính xác", "Precision"),
         ("Tổng số chữ số của số thập phân.", "Total digits of decimal values."),
         "int", width=9, minimum=1, maximum=1000),
    _col("so_le", "scale", ("Số chữ số thập phân", "Scale"),
         ("Số chữ số sau dấu thập phân, không lớn hơn độ chính xác.",
          "Digits after the decimal point, at most the precision."),
         "int", width=9, minimum=0, maximum=1000),
    _col("bat_buoc", "required", ("Bắt buộc", "Required"),
         ("x nếu giá trị là bắt buộc; để trống nếu không.", "x when a value is mandatory; blank if not."),
         "bool", width=9, example="x"),
    _col("duy_nhat", "unique", ("Duy nhất", "Unique"),
         ("x nếu giá trị không trùng giữa các bản ghi.", "x when values are unique across records."),
         "bool", width=9),
    _col("khoa_chinh", "primary_key", ("Khóa chính", "Primary key"),
         ("x nếu trường thuộc khóa chính.", "x when the field is part of the primary key."),
         "bool", width=9, example="x"),
    _col("khoa_ngoai", "foreign_key", ("Khóa ngoại", "Foreign key"),
         ("Trường của tập dữ liệu khác mà trường này tham chiếu, dạng tap-du-lieu/ten_truong.",
          "The field of another dataset this one refers to, as dataset-slug/field_name."),
         "foreign_key", width=28, example="cong-dan/so_dinh_danh"),
    _col("danh_muc", "code_list", ("Danh mục giá trị", "Code list"),
         ("Danh mục giá trị cho phép: mã bộ danh mục (SKOS) hoặc mã chuẩn đã đăng ký; "
          "cả hai thì cách nhau bằng dấu chấm phẩy.",
          "Allowed values: a concept scheme id, or the code of a registered standard; "
          "both separated by a semicolon."),
         "code_list", width=18, attrs=("code_list_scheme", "code_list_standard"), example="STD-ETHNIC"),
    _col("don_vi", "unit", ("Đơn vị tính", "Unit"),
         ("Đơn vị đo, ví dụ m2, VND.", "Unit of measure, e.g. m2, VND."), "text", width=9, max_length=200),
    _col("vi_du", "example", ("Ví dụ", "Example"),
         ("Một giá trị mẫu.", "An example value."), "text", width=18, max_length=500, example="001099012345"),
    _col("du_lieu_ca_nhan", "personal_data", ("Dữ liệu cá nhân", "Personal data"),
         ("Loại dữ liệu cá nhân theo Nghị định 356/2025: KHONG, CO_BAN, NHAY_CAM; trống là chưa đánh giá.",
          "Personal-data category (Decree 356/2025): KHONG, CO_BAN, NHAY_CAM; blank means not assessed."),
         "concept", width=14, scheme="personal-data", example="CO_BAN"),
    _col("han_che", "restricted", ("Hạn chế truy cập", "Restricted"),
         ("x nếu chỉ đơn vị chủ quản và đơn vị được cấp quyền được xem trường này.",
          "x when only the owning scope and grant holders may see the field."),
         "bool", width=9),
    _col("anh_xa", "mappings", ("Ánh xạ chuẩn", "Standard mappings"),
         ("Ánh xạ tới chuẩn, mỗi dòng (hoặc cách nhau bởi ;) một ánh xạ dạng MÃ_CHUẨN:quan_hệ:thuật_ngữ; "
          "quan hệ là exactMatch (mặc định), closeMatch, broadMatch, narrowMatch, relatedMatch; "
          "ghi chú sau dấu ' # ' đến hết dòng.",
          "Mappings onto standards, one per line (or separated by ;) as STANDARD:relation:term; "
          "relation is exactMatch (default), closeMatch, broadMatch, narrowMatch or relatedMatch; "
          "a note follows ' # ' to the end of the line."),
         "mappings", width=36, example="STD-PID:exactMatch; STD-CITIZEN:closeMatch:SoDinhDanh"),
)  # fmt: skip

BY_KEY = {column.key: column for column in COLUMNS}
COLUMN_OF_ATTR = {attr: column for column in COLUMNS for attr in column.attrs} | {
    "foreign_key_field": BY_KEY["khoa_ngoai"]
}
REQUIRED_KEYS = tuple(column.key for column in COLUMNS if column.required)


def header_key(value: object) -> str | None:
    """The column key a header cell names: ``kieu``, ``data_type`` or ``kieu / data_type``."""
    if not isinstance(value, str):
        return None
    text = value.strip().casefold().split("/")[0].split("\n")[0].strip().replace(" ", "_")
    for column in COLUMNS:
        if text in (column.key, column.en):
            return column.key
    return None


# Cells → values ---------------------------------------------------------------------------------


def clean_text(value: object) -> str | None:
    """A cell as trimmed NFC text (Vietnamese typed on macOS arrives decomposed); blank is None.

    A leading apostrophe that only guards a formula character is what our CSV export writes
    against CSV injection, so it is dropped to give the value back unchanged.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        text = "x" if value else ""
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time(0) else value.isoformat()
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = str(value)
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in INJECTION_STARTS:
        text = text[1:]
    return text or None


def blank_row(cells: list[object]) -> bool:
    """A row whose cells are all empty text (a number, a formula or a date is not blank)."""
    return all(isinstance(cell, str | type(None)) and clean_text(cell) is None for cell in cells)


def too_long(length: int, maximum: int) -> Message:
    return Message(
        "too_long", "is {length} characters long; at most {max} are allowed", length=length, max=maximum
    )


def out_of_range(value: int, low: int | None, high: int | None) -> Message:
    return Message("out_of_range", "{value} is out of range ({min}–{max})", value=value, min=low, max=high)


def formula_no_value(formula: str) -> Message:
    return Message(
        "formula_no_value",
        "the formula {formula} has no saved value; type the value, or open and save the file in Excel "
        "so the value is computed",
        formula=formula[:60],
    )


def parse_text(column: Column, value: object) -> str | None:
    text = clean_text(value)
    if column.max_length is not None and text is not None and len(text) > column.max_length:
        raise ValueError(too_long(len(text), column.max_length))
    return text


def parse_name(_column: Column, value: object) -> str | None:
    text = clean_text(value)
    if text is not None and not FIELD_NAME.match(text):
        raise ValueError(
            Message(
                "not_a_name",
                "'{value}' is not a field name: start with a letter or _ and use only ASCII letters, "
                "digits and _",
                value=text,
            )
        )
    return text


def not_whole(value: object) -> Message:
    return Message("not_whole", "'{value}' is not a whole number", value=value)


def parse_int(column: Column, value: object) -> int | None:
    if isinstance(value, bool):
        raise ValueError(not_whole(value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = clean_text(value)
        if text is None:
            return None
        if not re.fullmatch(r"[+-]?\d{1,12}(?:[.,]0+)?", text):
            raise ValueError(not_whole(text))
        number = int(re.split(r"[.,]", text)[0])
    low, high = column.minimum, column.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(out_of_range(number, low, high))
    return number


def parse_bool(_column: Column | None, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_text(value)
    if text is None:
        return False
    word = text.casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(
        Message(
            "not_yes_no",
            "'{value}' is not yes or no (write x or có for yes, leave blank or write không for no)",
            value=text,
        )
    )


def parse_foreign_key(_column: Column, value: object) -> dict[str, str] | None:
    text = clean_text(value)
    if text is None:
        return None
    # Slugs and field names hold neither / nor ., so either separates them (the demo data uses .).
    match = re.fullmatch(r"([^/.\s]+)\s*[/.]\s*([^/.\s]+)", text)
    if match is None or not SLUG.match(match[1]) or not FIELD_NAME.match(match[2]):
        raise ValueError(Message("not_a_reference", "'{value}' is not dataset-slug/field_name", value=text))
    return {"dataset": match[1], "field": match[2]}


def split_values(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def parse_mappings(_column: Column, value: object) -> list[dict[str, str | None]]:
    """``STD-PID:exactMatch:term # note`` items, one per line or separated by semicolons.

    A note runs to the end of its line, so it may hold semicolons. The relation comes first
    because it never holds a colon while a term might (``QCVN 109:2017``).
    """
    text = clean_text(value)
    mappings: list[dict[str, str | None]] = []
    for line in (text or "").splitlines():
        head, _, note = line.partition(" # ")
        items = [item.strip() for item in head.split(";")]
        items = [item for item in items if item] or ([""] if note.strip() else [])
        for index, item in enumerate(items):
            standard, _, rest = item.partition(":")
            relation, _, term = rest.partition(":")
            if not standard.strip():
                raise ValueError(
                    Message(
                        "mapping_no_standard",
                        "'{value}' names no standard (write STANDARD:relation:term)",
                        value=line.strip(),
                    )
                )
            name = RELATIONS.get(relation.strip().casefold() or "exactmatch")
            if name is None:
                raise ValueError(
                    Message(
                        "not_a_relation",
                        "'{value}' is not a mapping relation ({choices})",
                        value=relation.strip(),
                        choices=", ".join(RELATIONS.values()),
                    )
                )
            mappings.append({
                "standard": standard.strip(),
                "relation": name,
                "term": term.strip() or None,
                "note": (note.strip() or None) if index == len(items) - 1 else None,
            })  # fmt: skip
    for mapping in mappings:
        if mapping["term"] is not None and len(mapping["term"]) > 500:
            raise ValueError(
                Message("mapping_term_long", "a mapping term is longer than {max} characters", max=500)
            )
        if mapping["note"] is not None and len(mapping["note"]) > 2000:
            raise ValueError(
                Message("mapping_note_long", "a mapping note is longer than {max} characters", max=2000)
            )
    if len(mappings) > MAX_MAPPINGS:
        raise ValueError(
            Message(
                "too_many_mappings",
                "{count} mappings; at most {max} are allowed",
                count=len(mappings),
                max=MAX_MAPPINGS,
            )
        )
    return mappings


PARSERS: dict[str, Callable[[Column, object], Any]] = {
    "name": parse_name,
    "text": parse_text,
    "concept": parse_text,
    "code_list": parse_text,
    "int": parse_int,
    "bool": parse_bool,
    "foreign_key": parse_foreign_key,
    "mappings": parse_mappings,
}


# Values → cells ---------------------------------------------------------------------------------


def format_mappings(mappings: list[dict[str, Any]]) -> str:
    lines = []
    for mapping in mappings:
        line = f"{mapping['standard']}:{mapping['relation']}"
        if mapping.get("term"):
            line += f":{mapping['term']}"
        if mapping.get("note"):
            # A note is one line in the cell; a line break inside it would start a new mapping.
            line += " # " + " ".join(str(mapping["note"]).split())
        lines.append(line)
    return "\n".join(lines)


def cell_values(human: dict[str, Any]) -> list[Any]:
    """One field (in the human form of :func:`dictionary.spreadsheets.canonical.humanize`) as cells."""
    cells: list[Any] = []
    for column in COLUMNS:
        if column.kind == "bool":
            cells.append("x" if human.get(column.en) else None)
        elif column.kind == "foreign_key":
            fk = human.get("foreign_key")
            cells.append(f"{fk['dataset']}/{fk['field']}" if fk else None)
        elif column.kind == "code_list":
            values = [human.get("code_list_scheme"), human.get("code_list_standard")]
            cells.append("; ".join(value for value in values if value) or None)
        elif column.kind == "mappings":
            cells.append(format_mappings(human.get("mappings") or []) or None)
        else:
            cells.append(human.get(column.en))
    return cells


def guard_formula(text: str) -> str:
    """Prefix a cell that Excel would run as a formula with an apostrophe (OWASP CSV injection)."""
    return "'" + text if text.startswith(INJECTION_STARTS) else text

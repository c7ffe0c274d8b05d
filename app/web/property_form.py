"""Form controls read from the property registry (dictionary/properties).

A form of an entity draws one control per property, chosen by the property's kind, in the order
and sections of the registry, and reads a post back into the API's payload the same way. A
property added to the registry therefore appears on the forms, labelled and validated, without a
line here; only what the kind cannot say (a reference to another record) is handled by its page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l

from app.web.forms import checkbox, concept_choices, listed
from app.web.i18n import current_language
from app.wiring import concepts
from dictionary.properties import DATASET, Kind, Property, Section

CONTROLS = {
    Kind.TEXT: "text",
    Kind.URL: "url",
    Kind.LONG_TEXT: "textarea",
    Kind.CONCEPT: "select",
    Kind.CONCEPTS: "checkboxes",
    Kind.WORDS: "words",
    Kind.DATE: "date",
    Kind.INTEGER: "number",
    Kind.BOOLEAN: "checkbox",
    Kind.REFERENCE: "text",
}
MANY_CONCEPTS = 30
"""A list of concepts from a scheme larger than this is a multiple select in groups, not boxes."""

SECTIONS = {
    Section.NAMING: _l("Tên và mô tả"),
    Section.DESCRIPTION: _l("Mục đích, phạm vi, nội dung và nguồn (Nghị định 47/2020, điều 11.4)"),
    Section.CLASSIFICATION: _l("Phân loại"),
    Section.KEYWORDS: _l("Từ khóa"),
    Section.COVERAGE: _l("Cập nhật, thời gian và không gian"),
    Section.LEGAL: _l("Căn cứ pháp lý"),
    Section.CONTACTS: _l("Đầu mối liên hệ"),
    Section.PUBLICATION: _l("Phiên bản và công bố"),
    Section.TYPE: _l("Kiểu và độ dài"),
    Section.CONSTRAINTS: _l("Ràng buộc"),
    Section.VALUES: _l("Danh mục giá trị và ví dụ"),
    Section.PRIVACY: _l("Dữ liệu cá nhân và truy cập"),
    Section.ACCESS: _l("Địa chỉ truy cập"),
    Section.SOURCE: _l("Nguồn thu thập"),
}
"""The legend of each section of a form."""


def control(prop: Property) -> str:
    if prop.kind is Kind.CONCEPTS and prop.scheme and len(concepts().concepts(prop.scheme)) > MANY_CONCEPTS:
        return "multiselect"
    return CONTROLS.get(prop.kind, "text")


def hint(prop: Property) -> str | None:
    if prop.kind is Kind.WORDS:
        return str(_l("Ngăn cách bằng dấu phẩy"))
    return prop.help(current_language())


def sections(props: Iterable[Property]) -> list[tuple[str, list[Property]]]:
    """The properties grouped by section, in the registry's order: (legend, properties)."""
    grouped: dict[Section, list[Property]] = {}
    for prop in props:
        grouped.setdefault(prop.section, []).append(prop)
    return [(str(SECTIONS[section]), found) for section, found in grouped.items()]


def posted(props: Iterable[Property], prefix: str = "") -> dict[str, Any]:
    """The payload of the posted controls: a control missing from the post leaves its property
    alone, one present and empty clears it (None, an empty list, or False for a box). A table
    of records names its controls ``<prefix><property>`` (``r-3-label_vi``)."""
    data: dict[str, Any] = {}
    for prop in props:
        name = prefix + prop.name
        if prop.kind is Kind.BOOLEAN:
            data[prop.name] = checkbox(name)
        elif name not in request.form:
            continue
        elif prop.kind is Kind.WORDS:
            data[prop.name] = listed(name)
        elif prop.kind is Kind.CONCEPTS:
            given = (value.strip() for value in request.form.getlist(name))
            data[prop.name] = list(dict.fromkeys(value for value in given if value))
        else:  # browsers send a text area's line ends as CRLF
            data[prop.name] = request.form.get(name, "").replace("\r\n", "\n").strip() or None
    return data


def redrawn(props: Iterable[Property], prefix: str = "") -> dict[str, Any]:
    """The posted controls as the form draws them again beside its errors."""
    values: dict[str, Any] = {}
    for prop in props:
        name = prefix + prop.name
        if prop.kind is Kind.CONCEPTS:
            values[prop.name] = request.form.getlist(name)
        elif prop.kind is Kind.BOOLEAN:
            values[prop.name] = checkbox(name)
        else:
            values[prop.name] = request.form.get(name, "")
    return values


def shown(prop: Property, value: Any) -> Any:
    """A stored value as its control shows it."""
    if prop.kind is Kind.CONCEPTS:
        return list(value or [])
    if prop.kind is Kind.WORDS:
        return ", ".join(value or [])
    if prop.kind is Kind.BOOLEAN:
        return bool(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def stored(props: Iterable[Property], record: object) -> dict[str, Any]:
    return {prop.name: shown(prop, getattr(record, prop.name)) for prop in props}


def choices(props: Iterable[Property]) -> dict[str, Any]:
    """The options of every coded control; a multiple select's in groups (by scheme: the
    versions of the administrative-unit list)."""
    found: dict[str, Any] = {}
    vocabularies: Any = concepts()
    for prop in props:
        if prop.scheme is None or prop.scheme == "schemes":
            continue
        if control(prop) == "multiselect":
            groups: dict[str, list[tuple[str, str]]] = {}
            for uri, text in concept_choices(prop.scheme):
                scheme = vocabularies.scheme(vocabularies.concept(uri).scheme)
                groups.setdefault(scheme.title(current_language()), []).append((uri, text))
            found[prop.name] = list(groups.items())
        else:
            found[prop.name] = concept_choices(prop.scheme, blank=not prop.required)
    return found


def scheme_choices() -> list[tuple[str, str]]:
    """The vocabularies a field's values may come from (its code list), by URI."""
    lang = current_language()
    schemes = concepts().schemes()
    return [("", "—")] + [(scheme.uri, f"{scheme.id} — {scheme.title(lang)}") for scheme in schemes]


SHOWN_APART = frozenset({
    "title_vi", "title_en", "description_vi", "description_en", "sharing_class", "importance", "status",
    "personal_data", "completeness", "legal_basis", "contact_points", "keywords_en", "temporal_end",
    "harvest_source", "text_language", "translations",
})  # fmt: skip
"""Dataset properties the page shows in places of their own (the heading, the badges, the quality
panel, the owners and contacts); ``keywords_en`` and ``temporal_end`` go with their partners."""


def facts() -> tuple[Property, ...]:
    """What the "general information" list of a dataset's page shows, in the registry's order."""
    return tuple(prop for prop in DATASET if prop.name not in SHOWN_APART)

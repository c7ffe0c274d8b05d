"""Template helpers: values in the page's language, concept labels, localised dates and numbers, URLs.

Data comes in Vietnamese and, often, English. :func:`text` shows the value in the page's language
and, when only the other language exists, marks it with ``lang`` (WCAG 3.1.2, "language of
parts"): screen readers switch voice, and the translation test knows it is data, not a forgotten
string.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_percent
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from app.auth import csrf_token, current_principal
from app.extension import catalog_of
from app.web import labels, property_form
from app.web.finder import facet_code, facet_uri
from app.web.forms import system_text
from app.web.history_lines import history_line
from app.web.i18n import current_language
from app.wiring import concepts
from dictionary.concepts import code_of

EMPTY = Markup('<span class="muted">—</span>')
"""A missing value. No ``aria-label``: a plain span has no role to name (ARIA 1.2), so checkers
refuse it and screen readers ignore it; they read the dash."""


def text(vi: str | None, en: str | None = None) -> Markup:
    """The value in the page's language; the other language's value marked with ``lang``."""
    lang = current_language()
    preferred, other, other_lang = (en, vi, "vi") if lang == "en" else (vi, en, "en")
    if preferred:
        return escape(preferred)
    if other:
        return Markup('<span lang="{}">{}</span>').format(other_lang, other)
    return EMPTY


def vi_text(value: str | None) -> Markup:
    """A value that only exists in Vietnamese (names of people, document numbers)."""
    return text(value, None)


def _labelled(values: Mapping[str, str], fallback: str) -> Markup:
    lang = current_language()
    if lang in values:
        return escape(values[lang])
    for other in ("vi", "en", *values):
        if other in values:
            return Markup('<span lang="{}">{}</span>').format(other or "und", values[other])
    return escape(fallback)


def label(uri: str | None) -> Markup:
    """The label of a concept (or the title of a scheme) in the page's language."""
    if not uri:
        return EMPTY
    vocabularies: Any = concepts()
    concept = vocabularies.concept(uri)
    if concept is not None:
        return _labelled(concept.labels, concept.code)
    found = vocabularies.label(uri, current_language())
    if found is None:
        return escape(code_of(uri))
    scheme = next((s for s in vocabularies.schemes() if s.uri == uri), None)
    return _labelled(scheme.titles, found) if scheme is not None else escape(found)


def is_concept(value: object) -> bool:
    return isinstance(value, str) and concepts().concept(value) is not None


def localized(values: Mapping[str, str], fallback: str = "") -> Markup:
    """A language map (``{"vi": …, "en": …}``), e.g. a scheme's titles or a concept's definitions."""
    return _labelled(values, fallback) if values else EMPTY


def agency_name(agency: Any) -> Markup:
    return text(agency.name_vi, agency.name_en) if agency is not None else EMPTY


def dataset_title(dataset: Any) -> Markup:
    return text(dataset.title_vi, dataset.title_en)


def plain_title(dataset: Any) -> str:
    """For ``<title>`` and attributes, where no markup may go."""
    return str((dataset.title_en or dataset.title_vi) if current_language() == "en" else dataset.title_vi)


# Dates and numbers ---------------------------------------------------------------------------


DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"}
"""Vietnamese administrative style (01/07/2025, four-digit years); in English the month is named,
so that no reader takes 01/07 for the 7th of January."""
DATETIME_PATTERNS = {"vi": "HH:mm, dd/MM/yyyy", "en": "d MMM yyyy, HH:mm"}


def fmt_date(value: date | datetime | str | None, style: str = "medium") -> str:
    """A day in the page's language; a timestamp gives its day in the province's time zone.

    ``style`` is kept for the templates that pass one; every day is written the same way.
    """
    if not value:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, DATE_PATTERNS[current_language()])


def fmt_datetime(value: datetime | None, style: str = "short") -> str:
    """A moment in the province's time (Asia/Ho_Chi_Minh), whatever the server's zone."""
    return format_datetime(value, DATETIME_PATTERNS[current_language()]) if value else "—"


def fmt_number(value: float | None) -> str:
    return "—" if value is None else format_decimal(value)


def fmt_percent(value: float | None) -> str:
    return "—" if value is None else format_percent(value / 100)


# URLs -----------------------------------------------------------------------------------------


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The URL of an endpoint another module may or may not provide (login, access requests…)."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def url_with(**changes: Any) -> str:
    """This page's URL with some query arguments changed (None removes one); for links and paging."""
    args = request.args.to_dict(flat=False)
    for name, value in changes.items():
        if value is None or value in ("", []):
            args.pop(name, None)
        else:
            args[name] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    query = urlencode([(name, v) for name, values in args.items() for v in values])
    return request.path + ("?" + query if query else "")


def dataset_url(slug: str, suffix: str = "") -> str:
    return url_for("rdf.dataset", name=slug + suffix)


def agency_url(code: str) -> str:
    return url_for("rdf.agency", name=code)


def standard_url(code: str) -> str:
    return url_for("rdf.standard", name=code)


def term_url(code: str) -> str:
    return url_for("rdf.term", name=code)


def vocab_url(scheme_id: str, code: str | None = None) -> str:
    if code is None:
        return url_for("rdf.vocabulary", name=scheme_id)
    return url_for("rdf.vocabulary_concept", scheme_id=scheme_id, name=code)


def concept_url(uri: str | None) -> str | None:
    """The page of one of our concepts; None for concepts published by others (EU tables)."""
    concept = concepts().concept(uri) if uri else None
    return vocab_url(concept.scheme, concept.code) if concept is not None else None


def catalog_title() -> str:
    settings = catalog_of().settings
    return str(settings.catalog_title_en if current_language() == "en" else settings.catalog_title_vi)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        text=text,
        vi_text=vi_text,
        label=label,
        is_concept=is_concept,
        localized=localized,
        agency_name=agency_name,
        dataset_title=dataset_title,
        plain_title=plain_title,
        current_language=current_language,
        optional_url=optional_url,
        url_with=url_with,
        dataset_url=dataset_url,
        agency_url=agency_url,
        standard_url=standard_url,
        term_url=term_url,
        vocab_url=vocab_url,
        concept_url=concept_url,
        catalog_title=catalog_title,
        message=system_text,
        history_line=history_line,
        current_principal=current_principal,
        csrf_token=csrf_token,
        code_of=code_of,
        labels=labels,
        property_control=property_form.control,
        property_hint=property_form.hint,
        dataset_facts=property_form.facts,
        facet_code=facet_code,
        facet_uri=facet_uri,
    )
    app.jinja_env.filters.update(date=fmt_date, datetime=fmt_datetime, number=fmt_number, percent=fmt_percent)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Whitespace inside {% trans %} is collapsed, as babel.cfg extracts it (trimmed = true).
    app.jinja_env.policies["ext.i18n.trimmed"] = True

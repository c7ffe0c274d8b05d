"""The templates of the editing pages (in sub-folders, which tests/web/test_i18n.py does not read)
hold no literal interface text outside ``_()`` / ``{% trans %}``."""

from __future__ import annotations

import re

from tests.web.test_i18n import LANGUAGE_NEUTRAL, TEMPLATES

FOLDERS = ("edit", "imports", "access", "audit")


def test_editing_templates_have_no_literal_text_outside_translations() -> None:
    paths = sorted(path for folder in FOLDERS for path in (TEMPLATES / folder).glob("*.html"))
    assert len(paths) >= 10
    for path in paths:
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
        source = re.sub(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}", "", source, flags=re.S)
        source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\x00", source, flags=re.S)
        source = re.sub(r"<[^<>]*>", " ", source)
        source = re.sub(r"&\w+;|&#\d+;", " ", source)
        words = {word for word in re.findall(r"[^\W\d_]+", source) if word not in LANGUAGE_NEUTRAL}
        assert not words, f"{path.relative_to(TEMPLATES)}: literal text outside _() or trans: {sorted(words)}"

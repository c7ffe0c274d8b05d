"""Reading pages as a browser does: an HTML5 parser (html5lib, strict: any parse error fails)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import html5lib

XHTML = "{http://www.w3.org/1999/xhtml}"

VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
"""Letters that only Vietnamese uses among the two languages of the pages."""


def parse(html: str, strict: bool = False) -> Element:
    """The document as an ElementTree with plain tag names (no XHTML namespace)."""
    parser = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    root: Element = parser.parse(html)
    return root


def links(root: Element) -> Iterator[str]:
    for element in root.iter("a"):
        href = element.get("href")
        if href:
            yield href


def text_of(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def texts_outside_lang(
    root: Element, lang: str, skip: frozenset[str] = frozenset({"script", "style", "title"})
) -> Iterator[tuple[Element, str]]:
    """Every text node with its element, except inside elements marked ``lang=<lang>``."""

    def visit(element: Element, parent_lang: str) -> Iterator[tuple[Element, str]]:
        own = element.get("lang", parent_lang)
        if own == lang or element.tag in skip:
            return
        if element.text and element.text.strip():
            yield element, element.text.strip()
        for child in element:
            yield from visit(child, own)
            if child.tail and child.tail.strip():
                yield element, child.tail.strip()

    yield from visit(root, root.get("lang", ""))


def with_lang(root: Element) -> Iterator[tuple[Element, str]]:
    """Every element with the language it is in (its own ``lang`` or its nearest ancestor's)."""

    def visit(element: Element, parent_lang: str) -> Iterator[tuple[Element, str]]:
        own = element.get("lang", parent_lang)
        yield element, own
        for child in element:
            yield from visit(child, own)

    yield from visit(root, root.get("lang", ""))

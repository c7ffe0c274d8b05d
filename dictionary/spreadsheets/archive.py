"""The ZIP container of an .xlsx, opened under a budget, every member checked before any is parsed.

A member's name says nothing about what it holds, and a parser reads more than UTF-8: expat
honours a UTF-16 or UTF-32 byte-order mark and any single-byte encoding an XML declaration names
(even EBCDIC, where ``<!DOCTYPE`` is no longer those bytes). So every member, whatever its name,
is inflated in chunks (counting the bytes actually produced, not the sizes the directory
declares), decoded as a parser would decode it, and refused if it declares a DTD or an entity:
Office never writes one, so one in an upload can only be entity expansion or an external entity.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator

from dictionary.errors import Message
from dictionary.spreadsheets.budget import Budget, SpreadsheetError, over, too_unzipped

CHUNK = 256 * 1024
_DTD_BYTES = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_OVERLAP = 64
"""Characters kept from the end of one chunk so that a marker split across two is still seen."""
_DECLARED = re.compile(
    rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_UNMARKED = [  # '<' as the first character, no byte-order mark (XML 1.0 appendix F)
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
]
_ASCII_LIKE = {"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"}
"""Encodings in which the markers are the plain bytes that the byte scan already looks for."""


class Archive:
    """The members of a workbook file, each inflated at most once per use, within the budget."""

    def __init__(self, data: bytes, budget: Budget) -> None:
        self.budget = budget
        limits = budget.limits
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            members = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SpreadsheetError(
                Message("xlsx_damaged", "The file looks like an .xlsx workbook but is damaged")
            ) from exc
        self.names = {member.filename for member in members}
        if "[Content_Types].xml" not in self.names or "xl/workbook.xml" not in self.names:
            raise SpreadsheetError(
                Message(
                    "zip_not_xlsx",
                    "This ZIP file is not an Excel workbook (.xlsx); save the sheet as .xlsx or CSV",
                )
            )
        if len(members) > limits.max_parts:
            raise over("parts", "The workbook has more than {max:,} parts", max=limits.max_parts)
        if any(member.flag_bits & 0x1 for member in members):
            raise SpreadsheetError(Message("xlsx_encrypted", "The workbook is encrypted"))
        if any(member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for member in members):
            # Office writes only these two; bzip2 or LZMA would only inflate more, and slower.
            raise SpreadsheetError(
                Message(
                    "xlsx_compression", "The workbook uses a compression method that Excel does not write"
                )
            )
        # The directory's sizes may lie low (the inflated bytes are counted again as they come),
        # but a declared size above a limit is refused at once, before inflating anything.
        for member in members:
            if member.file_size > limits.max_part_bytes:
                budget.spend_bytes(member.filename, member.file_size, 0)
        if sum(member.file_size for member in members) > limits.max_unzipped:
            raise too_unzipped(limits)
        self.members = members

    def check_ratio(self, counted: set[str]) -> None:
        """Members that are not counted unit by unit as they are parsed may not be bombs."""
        limits = self.budget.limits
        for member in self.members:
            if member.filename in counted or member.file_size <= limits.ratio_floor:
                continue
            if member.file_size > limits.max_ratio * max(member.compress_size, 1):
                raise over(
                    "ratio",
                    "The part {part} expands more than {max:,} times",
                    max=limits.max_ratio,
                    part=member.filename,
                )

    def chunks(self, name: str) -> Iterator[bytes]:
        """The inflated bytes of one member, counted against the budget as they are produced."""
        total = 0
        try:
            with self.zip.open(name) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    self.budget.spend_bytes(name, total, len(chunk))
                    yield chunk
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise SpreadsheetError(part_damaged(name)) from exc

    def check_declarations(self, names: list[str]) -> None:
        """Refuse a DTD or entity declaration in these members, in any encoding a parser would use."""
        for name in names:
            if not name.endswith("/"):
                _check_member(name, self.chunks(name))


def _check_member(name: str, chunks: Iterator[bytes]) -> None:
    first = next(chunks, b"")
    encoding = _encoding(name, first)
    decoder = None if encoding in _ASCII_LIKE else codecs.getincrementaldecoder(encoding)("replace")
    tail_bytes, tail_text = b"", ""
    chunk: bytes | None = first
    while chunk is not None:
        # The raw bytes are always scanned: a parser may disagree with us about the encoding.
        window = tail_bytes + chunk
        if _DTD_BYTES.search(window):
            raise _refused(name)
        tail_bytes = window[-_OVERLAP:]
        if decoder is not None:
            text = tail_text + decoder.decode(chunk)
            if _DTD_TEXT.search(text):
                raise _refused(name)
            tail_text = text[-_OVERLAP:]
        chunk = next(chunks, None)


def _encoding(name: str, head: bytes) -> str:
    """The encoding an XML parser would read the member in, as a Python codec name."""
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding
    for start, encoding in _UNMARKED:
        if head.startswith(start):
            return encoding
    declared = _DECLARED.match(head)
    if declared is None:
        return "utf-8"
    try:
        return codecs.lookup(declared.group(1).decode("ascii")).name
    except LookupError:
        raise SpreadsheetError(
            Message(
                "unknown_encoding",
                "The part {part} declares an unknown encoding ({encoding}); refused",
                part=name,
                encoding=declared.group(1).decode("ascii"),
            )
        ) from None


def _refused(name: str) -> SpreadsheetError:
    return SpreadsheetError(dtd_refused(name))


def dtd_refused(name: str) -> Message:
    return Message(
        "dtd_refused",
        "The part {part} holds an XML document type declaration (<!DOCTYPE> or <!ENTITY>); refused",
        part=name,
    )


def part_damaged(name: str) -> Message:
    return Message("part_damaged", "The workbook is damaged (part {part})", part=name)

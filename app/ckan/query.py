"""The Solr query syntax CKAN clients send in ``q`` and ``fq``, parsed into a small tree.

Harvesters send ``metadata_modified:[2026-01-01T00:00:00Z TO *]``, ``organization:a OR
organization:b``, ``-organization:c``, ``tags:"an toàn thực phẩm"``, ``res_format:CSV`` and
``*:*``; udata puts ``organization:a AND tags:b`` in ``q``. This module reads that much of the
syntax — terms, quoted phrases, ranges with inclusive ``[ ]`` or exclusive ``{ }`` ends and ``*``,
``field:(a OR b)``, ``AND`` / ``OR`` / ``NOT`` / ``-`` / ``+`` and parentheses — and nothing else:
what it cannot read is a :class:`QuerySyntaxError`, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*:")
DATE_MATH = re.compile(r"NOW(?:([+-])(\d+)(SECONDS?|MINUTES?|HOURS?|DAYS?))?(?:/DAY)?$")
UNITS = {"SECOND": "seconds", "MINUTE": "minutes", "HOUR": "hours", "DAY": "days"}


class QuerySyntaxError(ValueError):
    """A query this reader does not understand; the message says where."""


@dataclass(frozen=True)
class Text:
    """Free text (a word or a quoted phrase with no field): the site's search answers it."""

    value: str


@dataclass(frozen=True)
class MatchAll:
    """``*:*`` or ``field:*``."""


@dataclass(frozen=True)
class Term:
    field: str
    value: str


@dataclass(frozen=True)
class Range:
    field: str
    low: str | None
    high: str | None
    """None for ``*``: unbounded."""
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Not:
    part: Node


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


Node = Text | MatchAll | Term | Range | Not | And | Or


def parse(text: str) -> Node:
    """The tree of a ``q`` or ``fq`` value; an empty one matches everything."""
    parser = _Parser(text)
    node = parser.expression()
    parser.skip_space()
    if parser.pos < len(text):
        raise QuerySyntaxError(f"unexpected {text[parser.pos : parser.pos + 20]!r} at position {parser.pos}")
    return node


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _keyword(self, word: str) -> bool:
        self.skip_space()
        end = self.pos + len(word)
        if self.text[self.pos : end] == word and (end == len(self.text) or self.text[end] in " \t\n("):
            self.pos = end
            return True
        return False

    def _at_end(self) -> bool:
        self.skip_space()
        return self.pos >= len(self.text) or self.text[self.pos] == ")"

    def expression(self) -> Node:
        parts = [self._conjunction()]
        while self._keyword("OR") or self._keyword("||"):
            parts.append(self._conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def _conjunction(self) -> Node:
        parts: list[Node] = []
        while not self._at_end():
            if parts and (self._keyword("OR") or self._keyword("||")):
                self.pos -= 2  # the disjunction above reads it
                break
            self._keyword("AND") or self._keyword("&&")
            parts.append(self._unary())
        if not parts:
            return MatchAll()
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _unary(self) -> Node:
        self.skip_space()
        if self._keyword("NOT"):
            return Not(self._unary())
        if self.text.startswith("-", self.pos):
            self.pos += 1
            return Not(self._primary())
        if self.text.startswith("+", self.pos):
            self.pos += 1
        return self._primary()

    def _primary(self) -> Node:
        self.skip_space()
        if self.pos >= len(self.text):
            raise QuerySyntaxError("the query ends where a term was expected")
        if self.text[self.pos] == "(":
            self.pos += 1
            node = self.expression()
            self._expect(")")
            return node
        if self.text.startswith("*:*", self.pos):
            self.pos += 3
            return MatchAll()
        field = FIELD.match(self.text, self.pos)
        if field is None:
            return Text(self._value())
        self.pos = field.end()
        return self._field_value(field.group()[:-1])

    def _field_value(self, field: str) -> Node:
        if self.pos >= len(self.text) or self.text[self.pos].isspace():
            raise QuerySyntaxError(f"{field}: a value must follow the colon")
        opener = self.text[self.pos]
        if opener in "[{":
            return self._range(field, opener == "[")
        if opener == "(":
            self.pos += 1
            values: list[Node] = []
            while not self._at_end():
                if values and not (self._keyword("OR") or self._keyword("||")):
                    raise QuerySyntaxError(f"{field}:( … ) takes values joined by OR")
                self.skip_space()
                values.append(
                    self._field_value(field) if not self.text.startswith("-", self.pos) else self._neg(field)
                )
            self._expect(")")
            if not values:
                raise QuerySyntaxError(f"{field}:() names no value")
            return values[0] if len(values) == 1 else Or(tuple(values))
        value = self._value()
        return MatchAll() if value == "*" else Term(field, value)

    def _neg(self, field: str) -> Node:
        self.pos += 1
        return Not(self._field_value(field))

    def _range(self, field: str, include_low: bool) -> Range:
        self.pos += 1
        closing = {"]": True, "}": False}
        match = re.compile(r"\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])").match(self.text, self.pos)
        if match is None:
            raise QuerySyntaxError(
                f"{field}: a range is written [FROM TO UNTIL], e.g. [2026-01-01T00:00:00Z TO *]"
            )
        self.pos = match.end()
        low, high = (None if v == "*" else v.strip('"') for v in match.group(1, 2))
        return Range(field, low, high, include_low, closing[match.group(3)])

    def _value(self) -> str:
        if self.text.startswith('"', self.pos):
            end = self.pos + 1
            chars: list[str] = []
            while end < len(self.text) and self.text[end] != '"':
                if self.text[end] == "\\" and end + 1 < len(self.text):
                    end += 1
                chars.append(self.text[end])
                end += 1
            if end >= len(self.text):
                raise QuerySyntaxError("a quoted phrase is not closed")
            self.pos = end + 1
            return "".join(chars)
        start = self.pos
        chars = []
        while (
            self.pos < len(self.text)
            and not self.text[self.pos].isspace()
            and self.text[self.pos] not in "()"
        ):
            if self.text[self.pos] == "\\" and self.pos + 1 < len(self.text):
                self.pos += 1
            chars.append(self.text[self.pos])
            self.pos += 1
        if self.pos == start:
            raise QuerySyntaxError(f"a term was expected at position {start}")
        return "".join(chars)

    def _expect(self, char: str) -> None:
        self.skip_space()
        if not self.text.startswith(char, self.pos):
            raise QuerySyntaxError(f"{char!r} expected at position {self.pos}")
        self.pos += 1


def parse_time(value: str, now: datetime | None = None) -> datetime:
    """A Solr date (``2026-01-01T00:00:00.123Z``, a date alone, ``NOW``, ``NOW-7DAYS``) in UTC."""
    math = DATE_MATH.match(value)
    if math is not None:
        moment = now or datetime.now(UTC)
        if math.group(1):
            unit = UNITS[math.group(3).rstrip("S")]
            try:
                step = timedelta(**{unit: int(math.group(2))})
                moment = moment + step if math.group(1) == "+" else moment - step
            except OverflowError as error:
                raise QuerySyntaxError(f"{value!r} reaches beyond the calendar") from error
        if value.endswith("/DAY"):
            moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        return moment
    text = value.removesuffix("Z").removesuffix("z")
    # Solr writes milliseconds, Python up to microseconds; CKAN clients send either, or more.
    text = re.sub(r"(\.\d{1,6})\d*", r"\1", text)
    text = re.sub(r"\.(\d{1,5})$", lambda m: "." + m.group(1).ljust(6, "0"), text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise QuerySyntaxError(
            f"{value!r} is not a date and time (2026-01-31T00:00:00Z, NOW-1DAY)"
        ) from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def conjuncts(node: Node) -> list[Node]:
    """The parts of a top-level AND (the node itself otherwise)."""
    return list(node.parts) if isinstance(node, And) else [node]


def has_text(node: Node) -> bool:
    if isinstance(node, Text):
        return True
    if isinstance(node, Not):
        return has_text(node.part)
    if isinstance(node, And | Or):
        return any(has_text(part) for part in node.parts)
    return False


def fields_of(node: Node) -> set[str]:
    """The fields a tree names."""
    if isinstance(node, Term | Range):
        return {node.field}
    if isinstance(node, Not):
        return fields_of(node.part)
    if isinstance(node, And | Or):
        return set().union(*(fields_of(part) for part in node.parts))
    return set()

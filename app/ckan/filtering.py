"""``fq`` / ``q`` trees applied to catalog entries, CKAN's sort orders, and facet counts.

Every listing is sorted on the keys asked for and then on the id, so pages never overlap and
never skip a package however the keys tie (ckanext-harvest stops a source whose pages repeat).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from app.ckan.mapping import STATES, CkanMapper, facet_values
from app.ckan.query import And, MatchAll, Node, Not, Or, QuerySyntaxError, Range, Term, Text, parse_time
from dictionary.services.listing import CatalogEntry

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id")
SORT_FIELDS = ("score", "id", "name", "title_string", "title", "metadata_modified", "metadata_created")
TIME_FIELDS = {"metadata_modified": "updated_at", "metadata_created": "created_at"}
SORT_PART = re.compile(r"\s*([a-z_]+)(?:\s+(asc|desc))?\s*$", re.IGNORECASE)


class Row:
    """An entry as filters, sorts and facets read it; its CKAN values are worked out on first use
    (a plain harvest page sorts 2,000 entries by id and needs none of them)."""

    def __init__(
        self, entry: CatalogEntry, mapper: CkanMapper | None, rank: int = 0,
        values: Mapping[str, Sequence[str]] | None = None,
    ) -> None:  # fmt: skip
        self.entry = entry
        self.rank = rank
        """Position in the site search's answer to the free text (0 without text)."""
        self._mapper = mapper
        self._values = values

    @property
    def values(self) -> Mapping[str, Sequence[str]]:
        if self._values is None:
            assert self._mapper is not None
            self._values = facet_values(self._mapper, self.entry)
        return self._values


def rows_of(
    entries: Sequence[CatalogEntry], mapper: CkanMapper, ranks: Mapping[Any, int] | None
) -> list[Row]:
    if ranks is None:
        return [Row(entry, mapper) for entry in entries]
    return [Row(entry, mapper, ranks[entry.id]) for entry in entries if entry.id in ranks]


def matches(node: Node, row: Row) -> bool:
    if isinstance(node, MatchAll | Text):
        # Free text is answered by the site search before filtering (``*`` alone is everything).
        return isinstance(node, MatchAll) or node.value == "*"
    if isinstance(node, Not):
        return not matches(node.part, row)
    if isinstance(node, And):
        return all(matches(part, row) for part in node.parts)
    if isinstance(node, Or):
        return any(matches(part, row) for part in node.parts)
    if isinstance(node, Range):
        return _in_range(node, row)
    return _term(node, row)


TERMS: dict[str, Callable[[str, Row], bool]] = {
    "organization": lambda v, row: v.lower() in row.values["organization"] or v == str(row.entry.owner_id),
    "groups": lambda v, row: v.lower() in row.values["groups"],
    "tags": lambda v, row: v in row.values["tags"],
    "res_format": lambda v, row: v.casefold() in {name.casefold() for name in row.values["res_format"]},
    "license_id": lambda v, row: v in row.values["license_id"],
    "name": lambda v, row: v == row.entry.slug,
    "id": lambda v, row: v == str(row.entry.id),
    "title": lambda v, row: v.casefold() in row.entry.title.casefold(),
    "type": lambda v, _row: v == "dataset",
    "state": lambda v, row: v == STATES.get(row.entry.status),
    "private": lambda v, row: v.lower() == str(not row.entry.is_open).lower(),
    "capacity": lambda v, row: v == ("public" if row.entry.is_open else "private"),
}
"""CKAN's search fields and how a term on each matches a row (``field:value``)."""
TERMS["owner_org"] = TERMS["organization"]
TERMS["dataset_type"] = TERMS["type"]


def _term(term: Term, row: Row) -> bool:
    if term.field in TIME_FIELDS:
        return _time(row, term.field) == parse_time(term.value)
    matcher = TERMS.get(term.field)
    if matcher is None:
        raise QuerySyntaxError(
            f"{term.field} is not a field this catalog searches (organization, groups, tags, res_format, "
            "license_id, metadata_modified, metadata_created, name, id, title, state, private)"
        )
    return matcher(term.value, row)


def _time(row: Row, field: str) -> datetime:
    moment: datetime = getattr(row.entry, TIME_FIELDS[field])
    return moment


def _in_range(node: Range, row: Row) -> bool:
    if node.field not in TIME_FIELDS:
        raise QuerySyntaxError(f"{node.field}: ranges are for metadata_modified and metadata_created")
    moment = _time(row, node.field)
    if node.low is not None:
        low = parse_time(node.low)
        if moment < low or (moment == low and not node.include_low):
            return False
    if node.high is not None:
        high = parse_time(node.high)
        if moment > high or (moment == high and not node.include_high):
            return False
    return True


def check_fields(node: Node) -> None:
    """Raise QuerySyntaxError for an unknown field or a bad date before any row is read."""
    if isinstance(node, Not):
        check_fields(node.part)
    elif isinstance(node, And | Or):
        for part in node.parts:
            check_fields(part)
    elif isinstance(node, Range):
        if node.field not in TIME_FIELDS:
            raise QuerySyntaxError(f"{node.field}: ranges are for metadata_modified and metadata_created")
        for bound in (node.low, node.high):
            if bound is not None:
                parse_time(bound)
    elif isinstance(node, Term):
        probe = Row(_PROBE, None, values=dict.fromkeys(FACET_FIELDS, ()))
        _term(node, probe)


def parse_sort(text: str) -> list[tuple[str, bool]]:
    """``metadata_modified desc, name asc`` → [(field, descending)]; ValueError names a bad part."""
    keys = []
    for part in text.split(","):
        match = SORT_PART.match(part)
        if match is None or match.group(1).lower() not in SORT_FIELDS:
            raise ValueError(
                f"{part.strip()!r} is not a sort order; use a field of {', '.join(SORT_FIELDS)} "
                "with asc or desc, e.g. metadata_modified desc"
            )
        keys.append((match.group(1).lower(), (match.group(2) or "asc").lower() == "desc"))
    return keys


SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "score": lambda row: -row.rank,  # a higher score is an earlier place in the search's answer
    "id": lambda row: str(row.entry.id),
    "name": lambda row: row.entry.slug,
    "title_string": lambda row: row.entry.title.casefold(),
    "title": lambda row: row.entry.title.casefold(),
    "metadata_modified": lambda row: row.entry.updated_at,
    "metadata_created": lambda row: row.entry.created_at,
}


def sort_rows(rows: list[Row], keys: Sequence[tuple[str, bool]]) -> list[Row]:
    ordered = sorted(rows, key=lambda row: str(row.entry.id))  # the tie-breaker: pages stay apart
    for name, descending in reversed(keys):
        ordered.sort(key=SORT_KEYS[name], reverse=descending)  # stable: earlier keys win
    return ordered


def facet_counts(
    rows: Sequence[Row], fields: Sequence[str], limit: int, mincount: int
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for field in fields:
        counter: Counter[str] = Counter(value for row in rows for value in set(row.values[field]))
        ranked = sorted(
            ((v, n) for v, n in counter.items() if n >= mincount), key=lambda item: (-item[1], item[0])
        )
        counts[field] = dict(ranked if limit < 0 else ranked[:limit])
    return counts


def _probe_entry() -> CatalogEntry:
    from datetime import UTC
    from uuid import UUID

    moment = datetime(2000, 1, 1, tzinfo=UTC)
    return CatalogEntry(UUID(int=0), "", "", moment, moment, "", "", None, (), (), (), ())


_PROBE = _probe_entry()

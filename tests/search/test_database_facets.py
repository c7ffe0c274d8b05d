"""Facet values of the database backend as characters: numbering, packing, counting."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text

from app.extension import catalog_of
from search import database_facets as F
from search.database import DatabaseBackend


def test_characters_are_distinct_and_valid_utf8() -> None:
    # Around the surrogates (U+D800-U+DFFF), which UTF-8 (and so every database) refuses.
    codes = range(0xD800 - F.FIRST - 300, 0xD800 - F.FIRST + 300)
    characters = [F.character(code) for code in codes]
    assert len(set(characters)) == len(characters)
    assert all(c.encode("utf-8") for c in characters)
    assert min(ord(F.character(code)) for code in range(1, 100)) > 0xFF  # no control character


def test_a_document_counts_once_per_value() -> None:
    codes = {("theme", "a"): 1, ("theme", "b"): 2, ("agency", "a"): 3}
    packed = F.pack(codes, {"theme": ("a", "b", "a"), "agency": ("a",)})
    assert sorted(packed) == sorted(F.character(n) for n in (1, 2, 3))


def test_counts_in_the_engines_order() -> None:
    rows = [(1, "theme", "b"), (2, "theme", "a"), (3, "agency", "x"), (4, "format", "csv")]
    packed = "".join(F.character(n) for n in (1, 1, 2, 2, 3, 1))
    counted = F.count(packed, rows, ["theme", "agency", "status"], size=10)
    assert counted == {"theme": (("b", 3), ("a", 2)), "agency": (("x", 1),), "status": ()}
    assert F.count(packed, rows, ["theme"], size=1) == {"theme": (("b", 3),)}
    assert F.count(None, rows, ["theme"], size=10) == {"theme": ()}


def _position(connection: Connection, postgres: bool) -> int:
    """Where numbering stands: the identity sequence on PostgreSQL, the highest rowid on SQLite."""
    if postgres:
        sequence = "pg_get_serial_sequence('search_facet_code', 'code')::regclass"
        return int(connection.scalar(text(f"SELECT coalesce(pg_sequence_last_value({sequence}), 0)")))
    return int(connection.scalar(text("SELECT coalesce(max(code), 0) FROM search_facet_code")))


def test_pairs_are_numbered_once(app) -> None:  # type: ignore[no-untyped-def]
    backend = DatabaseBackend(catalog_of(app).engine)
    run = uuid.uuid4().hex
    first, second, third = ("agency", f"a{run}"), ("agency", f"b{run}"), ("theme", f"c{run}")
    with backend.engine.begin() as connection:
        backend.ensure_schema(connection)
        numbers = F.assign(connection, {first, second}, backend.postgres)
    with backend.engine.begin() as connection:
        if backend.postgres:  # other writers (tests running meanwhile) wait: the numbers are ours
            connection.execute(text("LOCK TABLE search_facet_code IN EXCLUSIVE MODE"))
        position = _position(connection, backend.postgres)
        for _ in range(3):  # known pairs take no new number (nor, on PostgreSQL, a sequence value)
            assert F.assign(connection, {first, second}, backend.postgres) == F.assign(
                connection, set(), backend.postgres
            )
        assert _position(connection, backend.postgres) == position
        later = F.assign(connection, {second, third}, backend.postgres)
    assert (later[first], later[second]) == (numbers[first], numbers[second])
    assert later[third] == position + 1
    with backend.engine.connect() as connection:  # a rolled-back number leaves nothing behind
        F.assign(connection, {("theme", f"d{run}")}, backend.postgres)
        connection.rollback()
        assert ("theme", f"d{run}") not in F.assign(connection, set(), backend.postgres)

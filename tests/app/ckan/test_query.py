"""The Solr syntax of ``q`` / ``fq`` as CKAN harvesters write it, parsed; and what it refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.ckan.filtering import parse_sort
from app.ckan.query import And, MatchAll, Not, Or, QuerySyntaxError, Range, Term, Text, parse, parse_time


def test_ckanext_harvest_filters() -> None:
    # gather stage: modified since the last run, organisations included or excluded
    assert parse("metadata_modified:[2026-11-01T10:00:00.123456Z TO *]") == Range(
        "metadata_modified", "2026-11-01T10:00:00.123456Z", None
    )
    assert parse("organization:a OR organization:b") == Or(
        (Term("organization", "a"), Term("organization", "b"))
    )
    assert parse("-organization:a -organization:b") == And(
        (Not(Term("organization", "a")), Not(Term("organization", "b")))
    )
    assert parse("metadata_modified:[2026-01-01T00:00:00Z TO *] organization:a OR organization:b") == Or(
        (
            And((Range("metadata_modified", "2026-01-01T00:00:00Z", None), Term("organization", "a"))),
            Term("organization", "b"),
        )
    )


def test_udata_q_and_phrases_and_groups() -> None:
    assert parse('organization:so-y-te AND tags:"an toàn thực phẩm"') == And(
        (Term("organization", "so-y-te"), Term("tags", "an toàn thực phẩm"))
    )
    assert parse("groups:(kinh-te OR y-te)") == Or((Term("groups", "kinh-te"), Term("groups", "y-te")))
    assert parse("NOT (res_format:CSV)") == Not(Term("res_format", "CSV"))
    assert parse("metadata_created:{2026-01-01 TO 2026-02-01]") == Range(
        "metadata_created", "2026-01-01", "2026-02-01", include_low=False
    )


def test_free_text_and_match_all() -> None:
    assert parse("ho tich") == And((Text("ho"), Text("tich")))
    assert parse("*:*") == MatchAll()
    assert parse("") == MatchAll()
    assert parse("name:*") == MatchAll()
    assert parse(r"tags:a\ b") == Term("tags", "a b")


@pytest.mark.parametrize(
    "text", ['"unclosed', "organization:", "organization:(a OR", "metadata_modified:[2026 TO", "(a", "a )"]
)
def test_what_it_cannot_read_is_an_error(text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        parse(text)


def test_solr_dates() -> None:
    now = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert parse_time("2026-11-01T10:00:00Z") == datetime(2026, 11, 1, 10, tzinfo=UTC)
    assert parse_time("2026-11-01T10:00:00.123Z") == datetime(2026, 11, 1, 10, 0, 0, 123000, tzinfo=UTC)
    assert parse_time("2026-11-01T10:00:00.1234567Z").microsecond == 123456
    assert parse_time("2026-11-01") == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_time("NOW", now) == now
    assert parse_time("NOW-7DAYS", now) == datetime(2026, 11, 19, 8, 30, tzinfo=UTC)
    assert parse_time("NOW/DAY", now) == datetime(2026, 11, 26, tzinfo=UTC)
    with pytest.raises(QuerySyntaxError):
        parse_time("yesterday")


def test_sort_orders() -> None:
    assert parse_sort("score desc, metadata_modified desc") == [("score", True), ("metadata_modified", True)]
    assert parse_sort("id asc") == [("id", False)]
    assert parse_sort("name") == [("name", False)]
    for bad in ("nonsense", "name sideways", "", "id asc,"):
        with pytest.raises(ValueError, match="sort order"):
            parse_sort(bad)

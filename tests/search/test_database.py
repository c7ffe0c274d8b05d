"""The contract suite on the database backend of the test database (SQLite, or PostgreSQL with
``CATALOG_TEST_DATABASE=postgres``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.extension import catalog_of
from search import pgtext
from search.database import DatabaseBackend
from search.text import fold
from tests.search.contract import SearchContract


class TestDatabaseBackend(SearchContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend(cls, app) -> Iterator[DatabaseBackend]:  # type: ignore[no-untyped-def]
        backend = DatabaseBackend(catalog_of(app).engine)
        yield backend
        backend.clear()

    def test_postgres_ranks_only_a_window_of_the_matches(self, indexed, catalog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        if not indexed.postgres:
            pytest.skip("the rank window is PostgreSQL's: SQLite's bm25 ranks every match")
        everything = self.find(indexed, "thuế", page_size=50)
        monkeypatch.setattr(pgtext, "RANK_WINDOW", 1)
        window = self.find(indexed, "thuế", page_size=2)
        # Every match still counted and faceted; the page is ranked, from the titles holding the word.
        assert window.total == everything.total > 2
        assert window.facets == everything.facets
        assert all(hit.score is not None and "thue" in fold(hit.title) for hit in window.hits)
        assert len(window.hits) == 2

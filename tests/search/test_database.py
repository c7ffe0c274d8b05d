"""The contract suite on the database backend of the test database (SQLite, or PostgreSQL with
``CATALOG_TEST_DATABASE=postgres``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.extension import catalog_of
from search.database import DatabaseBackend
from tests.search.contract import SearchContract


class TestDatabaseBackend(SearchContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend(cls, app) -> Iterator[DatabaseBackend]:  # type: ignore[no-untyped-def]
        backend = DatabaseBackend(catalog_of(app).engine)
        yield backend
        backend.clear()

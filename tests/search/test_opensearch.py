"""The contract suite on a real OpenSearch node (``CATALOG_TEST_OPENSEARCH_URL``, see
.ci/start-opensearch.sh), in indices of its own for each run and xdist worker."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from search.engine import EngineBackend
from search.opensearch import opensearch_backend
from tests.conftest import need_service
from tests.search.catalog import unique_index
from tests.search.contract import SearchContract

URL = os.environ.get("CATALOG_TEST_OPENSEARCH_URL")


@pytest.fixture(scope="module")
def opensearch_url() -> str:
    if not URL:
        need_service("OpenSearch", "set CATALOG_TEST_OPENSEARCH_URL (see .ci/start-opensearch.sh)")
    return str(URL)


@pytest.mark.opensearch
class TestOpenSearchBackend(SearchContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend(cls, opensearch_url: str) -> Iterator[EngineBackend]:
        backend = opensearch_backend(opensearch_url, unique_index())
        yield backend
        backend.drop()
        backend.close()


@pytest.mark.opensearch
def test_rebuild_swaps_the_alias_and_drops_the_old_index(opensearch_url: str) -> None:
    backend = opensearch_backend(opensearch_url, unique_index())
    try:
        backend.ensure()
        first = backend.health()["indices"]
        backend.rebuild([])
        second = backend.health()["indices"]
        assert len(second) == 2 and not set(first) & set(second)
        answer = backend.transport.request(
            "GET", "/_cat/indices/" + backend.alias + "_*", params={"format": "json"}
        )
        assert sorted(index["index"] for index in answer) == sorted(second)
    finally:
        backend.drop()
        backend.close()

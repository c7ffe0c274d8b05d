"""The Elasticsearch adapter: its requests, checked against a stub server that speaks as
Elasticsearch does (the official client refuses any other product, OpenSearch included); and the
whole contract suite against a real cluster when ``CATALOG_TEST_ES_URL`` is set."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dictionary.visibility import Visibility
from search import dsl
from search.elasticsearch import elasticsearch_backend
from search.engine import EngineBackend, EngineError
from search.interface import DatasetQuery, SearchUnavailable
from search.query import analyse_words
from tests.search.catalog import unique_index
from tests.search.contract import SearchContract

Responder = Callable[[str, str, bytes], tuple[int, Any]]


class Stub:
    """An HTTP server on 127.0.0.1 that records requests and answers with ``responder``."""

    def __init__(self, responder: Responder, product: str | None = "Elasticsearch") -> None:
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.requests.append(
                    {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, payload = responder(self.command, self.path, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                if product:
                    self.send_header("x-elastic-product", product)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, *_args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


EMPTY_SEARCH = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}


def elastic(method: str, path: str, body: bytes) -> tuple[int, Any]:
    if path.startswith("/_alias/"):
        return 200, {"catalog_v0": {"aliases": {path.rsplit("/", 1)[-1]: {}}}}
    if path.endswith("/_search"):
        return 200, EMPTY_SEARCH
    if path.startswith("/_bulk"):
        return 200, {"errors": False, "items": []}
    return 200, {"acknowledged": True}


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub(elastic)
    yield server
    server.close()


def test_search_sends_the_shared_dsl_with_versioned_media_types(stub: Stub) -> None:
    backend = elasticsearch_backend(stub.url, "catalog")
    query = DatasetQuery.build("mã số thuế")
    results = backend.search(query, Visibility.anonymous())
    assert results.total == 0 and results.engine == "elasticsearch"
    vocabulary, *_, request = [r for r in stub.requests if r["path"].endswith("/_search")]
    assert json.loads(vocabulary["body"]) == dsl.vocabulary_body(["ma", "ma so", "so", "so thue", "thue"])
    assert request["method"] == "POST" and request["path"] == "/catalog/_search"
    # The stub knows no word: the query is three one-syllable words, none corrected.
    assert json.loads(request["body"]) == dsl.search_body(
        query, analyse_words(query.text, lookup=lambda keys: set()), Visibility.anonymous()
    )
    assert "application/vnd.elasticsearch+json" in request["headers"]["content-type"]
    assert "compatible-with=" in request["headers"]["accept"]


def test_bulk_is_ndjson(stub: Stub) -> None:
    from tests.search.test_documents import sample_document

    backend = elasticsearch_backend(stub.url, "catalog")
    document = sample_document()
    backend.index([document])
    bulk = next(r for r in stub.requests if r["path"].startswith("/_bulk"))
    assert "x-ndjson" in bulk["headers"]["content-type"]
    lines = [json.loads(line) for line in bulk["body"].decode().splitlines()]
    assert lines[0] == {"index": {"_index": "catalog", "_id": document.id}}
    assert lines[1]["title"] == document.title and "restricted_text" in lines[1]
    assert [r["path"].split("?")[0] for r in stub.requests[-2:]] == [
        "/catalog_fields/_refresh",
        "/catalog_fields/_delete_by_query",
    ]


def test_not_elasticsearch_means_unavailable() -> None:
    server = Stub(elastic, product=None)
    try:
        with pytest.raises(SearchUnavailable, match="not an Elasticsearch server"):
            elasticsearch_backend(server.url, "catalog").search(
                DatasetQuery.build("x"), Visibility.anonymous()
            )
    finally:
        server.close()


def test_errors_are_mapped() -> None:
    answers = {
        "/catalog/_search": (503, {"error": "busy"}),
        "/catalog_fields/_search": (400, {"error": {"type": "parsing"}}),
    }

    def responder(method: str, path: str, body: bytes) -> tuple[int, Any]:
        return answers.get(path.split("?", maxsplit=1)[0]) or elastic(method, path, body)

    server = Stub(responder)
    try:
        backend = elasticsearch_backend(server.url, "catalog")
        with pytest.raises(SearchUnavailable, match="503"):
            backend.search(DatasetQuery.build("x"), Visibility.anonymous())
        from search.interface import FieldQuery

        del answers["/catalog/_search"]  # the vocabulary of a field search is the datasets' index
        with pytest.raises(EngineError) as error:
            backend.search_fields(FieldQuery.build("x"), Visibility.anonymous())
        assert error.value.status == 400
    finally:
        server.close()


def test_connection_refused_is_unavailable() -> None:
    backend = elasticsearch_backend("http://127.0.0.1:9", "catalog", timeout=1)
    with pytest.raises(SearchUnavailable, match="unreachable"):
        backend.search(DatasetQuery.build("x"), Visibility.anonymous())
    assert backend.health()["ok"] is False


ES_URL = os.environ.get("CATALOG_TEST_ES_URL")


@pytest.mark.skipif(
    not ES_URL, reason="set CATALOG_TEST_ES_URL to run the contract suite on a real Elasticsearch"
)
class TestElasticsearchBackend(SearchContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend(cls) -> Iterator[EngineBackend]:
        backend = elasticsearch_backend(str(ES_URL), unique_index())
        yield backend
        backend.drop()
        backend.close()

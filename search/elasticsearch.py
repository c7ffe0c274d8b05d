"""The Elasticsearch backend: :class:`~search.engine.EngineBackend` over the official client.

The client is an optional extra (``pip install 'shared-data-catalog[elasticsearch]'``) and is
imported only when this backend is chosen. It refuses to talk to anything but Elasticsearch (it
checks the ``X-Elastic-Product`` header), so it cannot be tested against OpenSearch: its own tests
use a small stub server, and a real cluster when ``CATALOG_TEST_ES_URL`` is set.
"""

from __future__ import annotations

from typing import Any

from search.engine import UNAVAILABLE_STATUSES, EngineBackend, EngineError, ndjson
from search.interface import SearchError, SearchUnavailable
from search.text import Abbreviations


class ElasticsearchTransport:
    def __init__(self, url: str, timeout: float = 5.0) -> None:
        try:
            import elasticsearch
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise SearchError(
                "CATALOG_SEARCH_ENGINE=elasticsearch needs the client: "
                "pip install 'shared-data-catalog[elasticsearch]'"
            ) from error
        self.url = url
        self.errors = elasticsearch
        self.client = elasticsearch.Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        # The client turns these into its versioned media types (compatible-with=8|9) itself.
        headers = {"accept": "application/json"}
        if isinstance(body, list):
            body, headers["content-type"] = ndjson(body), "application/x-ndjson"
        elif body is not None:
            headers["content-type"] = "application/json"
        errors = self.errors
        try:
            client = self.client if timeout is None else self.client.options(request_timeout=timeout)
            return client.perform_request(method, path, params=params, headers=headers, body=body).body
        except errors.UnsupportedProductError as error:
            raise SearchUnavailable(f"{self.url} is not an Elasticsearch server") from error
        except errors.ApiError as error:
            status = error.meta.status
            if status in UNAVAILABLE_STATUSES:
                raise SearchUnavailable(f"Elasticsearch at {self.url} answered {status}") from error
            raise EngineError(status, error.body) from error
        except errors.TransportError as error:  # connection refused, timeout, TLS
            raise SearchUnavailable(f"Elasticsearch at {self.url} is unreachable: {error}") from error

    def close(self) -> None:
        self.client.close()


def elasticsearch_backend(
    url: str,
    index: str = "catalog",
    *,
    timeout: float = 5.0,
    replicas: int = 0,
    abbreviations: Abbreviations | None = None,
) -> EngineBackend:
    return EngineBackend(
        "elasticsearch", ElasticsearchTransport(url, timeout), index, replicas, abbreviations
    )

"""The OpenSearch backend: :class:`~search.engine.EngineBackend` over opensearch-py's transport."""

from __future__ import annotations

from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import TransportError

from search.engine import UNAVAILABLE_STATUSES, EngineBackend, EngineError, ndjson
from search.interface import SearchUnavailable
from search.text import Abbreviations


class OpenSearchTransport:
    def __init__(self, url: str, timeout: float = 5.0) -> None:
        # No client-side retries: the outbox retries with backoff, and a search falls back to the
        # database at once instead of waiting for several attempts.
        self.url = url
        self.client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        headers = None
        query: dict[str, Any] = dict(params or {})
        if timeout is not None:  # opensearch-py reads a per-request timeout from the parameters
            query["request_timeout"] = timeout
        if isinstance(body, list):
            body, headers = ndjson(body), {"content-type": "application/x-ndjson"}
        try:
            return self.client.transport.perform_request(
                method, path, params=query or None, body=body, headers=headers
            )
        except OSConnectionError as error:  # refused, reset, timed out: the node is not there
            raise SearchUnavailable(
                f"OpenSearch at {self.url} is unreachable: {error.info or error}"
            ) from error
        except TransportError as error:
            status = error.status_code if isinstance(error.status_code, int) else 500
            if status in UNAVAILABLE_STATUSES:
                raise SearchUnavailable(f"OpenSearch at {self.url} answered {status}") from error
            raise EngineError(status, error.info) from error

    def close(self) -> None:
        self.client.close()


def opensearch_backend(
    url: str,
    index: str = "catalog",
    *,
    timeout: float = 5.0,
    replicas: int = 0,
    abbreviations: Abbreviations | None = None,
) -> EngineBackend:
    return EngineBackend("opensearch", OpenSearchTransport(url, timeout), index, replicas, abbreviations)

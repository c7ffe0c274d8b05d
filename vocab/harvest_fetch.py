"""Fetching and reading harvest pages safely: http(s) only, bounded, nothing fetched on a document's say.

The harvester reaches the source's pages and nothing else: redirects may only lead to http(s), a
response is cut at a size limit, and a JSON-LD document may not name a remote or local ``@context``
(rdflib would fetch it from any host, or read ``file://`` paths): only contexts written inline are
read, anything else fails the page with a plain reason.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from rdflib import Graph

from vocab.rdf_writers import FORMATS, RdfFormat, format_for

__all__ = [
    "ACCEPT",
    "MAX_BYTES",
    "Fetched",
    "Fetcher",
    "HarvestError",
    "fetch_within",
    "http_fetch",
    "read_page",
]

ACCEPT = ", ".join(
    (
        "text/turtle",
        "application/rdf+xml;q=0.9",
        "application/ld+json;q=0.9",
        "application/n-triples;q=0.8",
        "*/*;q=0.1",
    )
)
MAX_BYTES = 50 * 1024 * 1024
"""ckanext-dcat's limit per response (ckanext.dcat.max_file_size)."""
WEB = ("http", "https")


class HarvestError(Exception):
    """A page could not be fetched or read; the run stops there and reports it."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str | None
    body: bytes


class Fetcher(Protocol):
    def __call__(self, url: str, *, timeout: float) -> Fetched: ...


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) URL (urllib would also follow one to ftp)."""

    def redirect_request(  # noqa: PLR0917 - urllib calls it with these six positional arguments
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme not in WEB:
            raise HarvestError(f"{req.full_url}: redirected to {newurl}, which is not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnlyRedirects())


def http_fetch(url: str, *, timeout: float) -> Fetched:
    """GET over HTTP(S) with a timeout and a size limit (the default fetcher)."""
    if urlsplit(url).scheme not in WEB:
        raise HarvestError(f"{url}: only http and https URLs are harvested")
    headers = {"Accept": ACCEPT, "User-Agent": "shared-data-catalog/harvester"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            chunks, size = [], 0
            # Read as it comes, so that a server sending a byte now and then (each within the
            # socket timeout) cannot stretch the request past its deadline.
            while chunk := response.read1(256 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES:
                    raise HarvestError(f"{url}: response larger than {MAX_BYTES // 1_000_000} MB")
                if time.monotonic() > deadline:
                    raise HarvestError(f"{url}: no complete answer within {timeout:.0f} s")
            return Fetched(response.geturl(), response.headers.get("Content-Type"), b"".join(chunks))
    except urllib.error.HTTPError as error:  # urllib refuses a redirect to file:// itself, as an HTTPError
        raise HarvestError(f"{url}: HTTP {error.code} {error.msg}") from None


def fetch_within(fetch: Fetcher, url: str, seconds: float) -> Fetched:
    """``fetch(url)`` with an end-to-end deadline: whatever the fetcher does (a server that accepts
    and never answers, headers sent a line a minute, a resolver that hangs), the caller gets the
    page or a :class:`HarvestError` after at most ``seconds``. The fetch runs in a daemon thread
    whose socket timeout is a second longer, so that the deadline (not a socket's timeout a moment
    earlier) is what a hanging server meets, and an abandoned fetch ends by itself soon after."""
    outcome: dict[str, Fetched | BaseException] = {}

    def work() -> None:
        try:
            outcome["page"] = fetch(url, timeout=seconds + 1)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=work, name="harvest-fetch", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise HarvestError(f"{url}: no answer within {seconds:.0f} s (the run's time limit); not waited for")
    found = outcome.get("page", outcome.get("error"))
    if isinstance(found, BaseException):
        raise found
    assert isinstance(found, Fetched)
    return found


def read_page(fetched: Fetched) -> Graph:
    """The page's graph, in the format its Content-Type (else suffix, else first byte) says."""
    fmt = page_format(fetched)
    data: str | bytes = fetched.body
    if fmt.rdflib_name == "json-ld":
        data = json.dumps(_inline_contexts_only(fetched.body))
    graph = Graph()
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph; not ours to fix.
        warnings.filterwarnings(
            "ignore", message=r"ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        graph.parse(data=data, format=fmt.rdflib_name, publicID=fetched.url)
    return graph


def page_format(fetched: Fetched) -> RdfFormat:
    """From the Content-Type, else the URL's suffix, else Turtle (the harvesters' usual guesses)."""
    if fetched.content_type:
        found = format_for(fetched.content_type)
        if found is not None:
            return found
    path = urlsplit(fetched.url).path
    if "." in path.rsplit("/", 1)[-1]:
        found = format_for(path.rsplit(".", 1)[-1])
        if found is not None:
            return found
    start = fetched.body.lstrip()[:1]
    return FORMATS["rdf"] if start == b"<" else FORMATS["jsonld"] if start in (b"{", b"[") else FORMATS["ttl"]


def _inline_contexts_only(body: bytes) -> Any:
    try:
        document = json.loads(body)
    except ValueError as error:
        raise HarvestError(f"not valid JSON: {error}") from None
    _check_contexts(document)
    return document


def _check_contexts(value: Any) -> None:
    """Refuse any @context (or @import inside one) given by reference instead of inline."""
    if isinstance(value, list):
        for item in value:
            _check_contexts(item)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key == "@context":
            for context in item if isinstance(item, list) else [item]:
                if isinstance(context, str):
                    raise HarvestError(
                        f"JSON-LD @context '{context[:200]}' is a reference; only inline contexts are read "
                        "(a harvest fetches nothing its documents point to)"
                    )
                if isinstance(context, dict) and "@import" in context:
                    raise HarvestError(
                        "JSON-LD @import in a context is not followed; only inline contexts are read"
                    )
                _check_contexts(context)
        else:
            _check_contexts(item)

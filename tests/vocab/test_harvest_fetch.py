"""vocab.harvest_fetch over a real local HTTP server: the harvest reaches its source and nothing else."""

from __future__ import annotations

import json

import pytest

from dictionary.services import Context
from tests.vocab.local_site import local_site
from tests.vocab.test_harvest import harvester
from vocab.harvest import http_fetch
from vocab.harvest_fetch import Fetched, HarvestError, read_page

DATASET = {
    "@id": "https://source.example.org/dataset/1",
    "@type": "dcat:Dataset",
    "dct:title": "Remote context",
}


def jsonld(context: object) -> bytes:
    return json.dumps({"@context": context, "@graph": [DATASET]}).encode()


def test_a_page_is_fetched_over_http_and_read() -> None:
    inline = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"}
    with local_site() as site:
        url = site.page("/catalog.jsonld", jsonld(inline), "application/ld+json")
        fetched = http_fetch(url, timeout=5)
    graph = read_page(fetched)
    assert len(graph) == 2, "an inline context is read"


@pytest.mark.parametrize(
    "context",
    [
        "{base}/context.jsonld",
        ["{base}/context.jsonld", {"dct": "http://purl.org/dc/terms/"}],
        "file:///etc/passwd",
        {"@import": "{base}/context.jsonld"},
    ],
    ids=["remote", "remote-in-a-list", "file", "import"],
)
def test_a_json_ld_context_by_reference_is_never_fetched(ctx: Context, context: object) -> None:
    with local_site() as site:
        given = json.loads(json.dumps(context).replace("{base}", site.base))
        site.page(
            "/context.jsonld", b'{"@context": {"dct": "http://purl.org/dc/terms/"}}', "application/ld+json"
        )
        url = site.page("/catalog.jsonld", jsonld(given), "application/ld+json")
        report = harvester(ctx, http_fetch).run(url)
        assert site.requested == ["/catalog.jsonld"], "the context was fetched"
    assert report.items == []
    assert report.errors and "only inline contexts are read" in report.errors[0]


def test_redirects_to_another_scheme_are_not_followed() -> None:
    with local_site() as site:
        url = site.redirect("/catalog.ttl", "file:///etc/passwd")
        with pytest.raises(HarvestError, match=r"not allowed|not an http"):
            http_fetch(url, timeout=5)
        elsewhere = site.page("/real.ttl", b"<https://a.example/x> <https://a.example/p> 1 .")
        moved = site.redirect("/moved.ttl", elsewhere)
        assert http_fetch(moved, timeout=5).url == elsewhere, "an http redirect is followed"


def test_only_web_urls_are_fetched() -> None:
    with pytest.raises(HarvestError, match="only http and https"):
        http_fetch("file:///etc/passwd", timeout=5)
    with pytest.raises(HarvestError, match="not valid JSON"):
        read_page(Fetched("https://x.example/c.jsonld", "application/ld+json", b"{nope"))

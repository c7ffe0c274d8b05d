"""Harvesting a CKAN portal: ``package_search`` paged by ``rows`` / ``start`` in a stable order.

The same run as a DCAT harvest (:class:`vocab.harvest.Harvester`: one transaction per record,
the report, what vanished at the source), with another reader: pages of
``/api/3/action/package_search?rows=N&start=K&sort=id asc`` until ``count`` is reached, an empty
page, the page limit or the time limit. A page repeating one already read (a portal that
ignores ``start``) ends paging; a package met twice is an item error. Only the portal's own
host is asked, at the address an administrator gave; nothing a package says is fetched.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from vocab.ckan_import import package_to_item
from vocab.dcat_import import Harvested, NotImportable
from vocab.harvest import Harvester, HarvestReport, ItemReport, _plain
from vocab.harvest_fetch import HarvestError, fetch_within

__all__ = ["CkanHarvester", "package_search_url", "site_of"]

log = logging.getLogger(__name__)
ACTION = "/api/3/action/package_search"


def site_of(url: str) -> str:
    """The portal's base URL, whether given as the site, its /api/3 or the action's URL."""
    base = url.split("?", 1)[0].rstrip("/")
    for tail in (ACTION, "/api/3/action", "/api/3", "/api/action/package_search", "/api/action", "/api"):
        if base.endswith(tail):
            return base.removesuffix(tail)
    return base


def package_search_url(site: str, start: int, rows: int) -> str:
    query = urlencode({"rows": rows, "start": start, "sort": "id asc"})
    return f"{site}{ACTION}?{query}"


class CkanHarvester(Harvester):
    """A :class:`Harvester` reading CKAN's Action API instead of DCAT pages."""

    label = "CKAN"
    rows = 100
    """Packages asked per page (CKAN's ``package_search`` allows up to 1000)."""

    def read(self, url: str, report: HarvestReport) -> Iterator[Harvested]:
        deadline = self.clock() + self.timeout
        site = site_of(url)
        host = urlsplit(site).netloc
        seen_pages: set[str] = set()
        start = 0
        while True:
            if self._at_a_limit(report, deadline):
                return
            page_url = package_search_url(site, start, self.rows)
            try:
                fetched = fetch_within(
                    self.fetch, page_url, min(self.request_timeout, max(0.1, deadline - self.clock()))
                )
                if urlsplit(fetched.url).netloc != host:
                    raise HarvestError(f"{page_url}: redirected to another host ({fetched.url})")
                result = _result(fetched.body)
            except Exception as error:  # any failure of a page ends paging, reported
                report.errors.append(f"{page_url}: {_plain(error)}")
                return
            packages = [p for p in result.get("results", []) if isinstance(p, Mapping)]
            digest = hashlib.sha256(json.dumps([p.get("id") for p in packages]).encode()).hexdigest()
            if packages and digest in seen_pages:
                report.stopped = f"loop: {page_url} repeats an earlier page"
                return
            seen_pages.add(digest)
            report.pages.append(page_url)
            for package in packages:
                found = self._item(package, site, report)
                if found is not None:
                    yield found  # duplicates are the run's to refuse (vocab.harvest.unique_records)
            start += len(packages)
            count = result.get("count")
            if not packages or (isinstance(count, int) and start >= count):
                return

    def _item(self, package: Mapping[str, Any], site: str, report: HarvestReport) -> Harvested | None:
        try:
            return package_to_item(package, self.terms, site, self.defaults)
        except Exception as error:  # one unreadable package never stops the page
            if not isinstance(error, NotImportable):
                log.exception("harvest: a CKAN package of %s could not be read", site)
            name = str(package.get("name") or package.get("id") or "")
            report.items.append(
                ItemReport(
                    f"{site}/dataset/{name}",
                    str(package.get("id") or "") or None,
                    None,
                    "skipped" if isinstance(error, NotImportable) else "failed",
                    str(error) if isinstance(error, NotImportable) else _plain(error),
                )
            )
            return None


def _result(body: bytes) -> dict[str, Any]:
    """The ``result`` of a CKAN answer, or a plain reason why there is none."""
    try:
        answer = json.loads(body)
    except ValueError:
        raise HarvestError("the answer is not JSON (is this a CKAN Action API?)") from None
    if not isinstance(answer, dict) or answer.get("success") is not True:
        error = answer.get("error") if isinstance(answer, dict) else None
        message = error.get("message") if isinstance(error, dict) else None
        raise HarvestError(f"CKAN refused the search: {str(message)[:200] if message else 'no success'}")
    result = answer.get("result")
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise HarvestError("the answer has no result.results list (not package_search's shape)")
    return result

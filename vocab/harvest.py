"""Harvesting a DCAT-AP catalog into this one: pages fetched safely, datasets created or updated.

Paging follows ``hydra:next`` / ``hydra:nextPage`` (PagedCollection or PartialCollectionView) and
stops on a URL already fetched or a page whose content was already seen (ckanext-dcat#260: next
links that loop), at a page limit, at a total time limit, on another host than the first page's,
and on a response over the size limit. Each dataset is written in a transaction of its own, so one
bad record is reported and the run goes on. A dry run does every check and write, then rolls back.
The dataset's identity is its ``dct:identifier`` (a UUID is kept as ours; anything else gives a
stable UUID), so a re-harvest updates the record it created instead of duplicating it, and a
record that did not change is left alone (no new revision).
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from rdflib import Graph
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError

from dictionary import concepts as C
from dictionary.errors import Conflict, DictionaryError, InvalidInput
from dictionary.models import Agency, Dataset, Field, Standard
from dictionary.services import AgencyService, Context, DatasetService, DistributionService, StandardService
from dictionary.services.base import dry_run as preview
from dictionary.services.base import unit_of_work
from dictionary.services.datasets import ROLE_NAMES
from dictionary.services.fields import FieldService
from dictionary.services.revisions import record_change
from dictionary.services.snapshots import dataset_snapshot
from vocab.dcat_import import Defaults, Harvested, NotImportable, dataset_from_rdf, dataset_nodes
from vocab.dcat_terms import Terms
from vocab.harvest_fetch import Fetched, Fetcher, HarvestError, fetch_within, http_fetch, read_page
from vocab.harvest_order import dependency_order, replace_dataset_mappings
from vocab.rdf_ns import DCT, HYDRA, RDF

log = logging.getLogger(__name__)
SOURCE_VALUES: dict[str, Any] = {
    "description_vi": None,
    "description_en": None,
    "source_identifier": None,
    "source_uri": None,
    "issued": None,
    "modified": None,
    "languages": [],
    "coverage": [],
    "conforms_to": [],
    "other_identifiers": [],
    "text_language": None,
    "translations": {},
}
"""What the source may stop saying: cleared on an update when the record no longer gives it."""


@dataclass
class ItemReport:
    uri: str
    identifier: str | None
    slug: str | None
    action: str
    """created, updated, unchanged, skipped or failed (with ``would `` in front in a dry run)."""
    message: str = ""


@dataclass
class HarvestReport:
    source: str
    dry_run: bool
    pages: list[str] = field(default_factory=list)
    items: list[ItemReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None
    """Why paging ended before the last page (loop, limit, timeout), if it did."""

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.action] = counts.get(item.action, 0) + 1
        return counts


class _Unchanged(Exception):
    """Raised inside an item's transaction to roll back a write that changed nothing."""


class Harvester:
    label = "DCAT"
    """What the revisions it writes name the source as."""

    def __init__(
        self,
        ctx: Context,
        terms: Terms,
        fetch: Fetcher = http_fetch,
        *,
        defaults: Defaults | None = None,
        max_pages: int = 500,
        timeout: float = 600.0,
        request_timeout: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        own_base: str | None = None,
        withdraw_missing: bool = False,
        exclusive: bool = False,
    ) -> None:
        self.ctx = ctx
        self.terms = terms
        self.fetch = fetch
        self.defaults = defaults or Defaults()
        self.max_pages = max_pages
        self.timeout = timeout
        self.request_timeout = request_timeout
        self.clock = clock
        self.withdraw_missing = withdraw_missing
        """Retire datasets the source no longer lists (else they are only reported)."""
        self.exclusive = exclusive
        """Leave alone (an item error) a dataset made here or harvested from another source."""
        self.own_base = own_base.rstrip("/") + "/" if own_base else None
        """This catalog's base URI: a record read back from it is ours, not a copy from a source."""

    def run(self, url: str, *, dry_run: bool = False) -> HarvestReport:
        report = HarvestReport(source=url, dry_run=dry_run)
        started = self.clock()
        items = unique_records(self.read(url, report), report)
        ordered = dependency_order(items)
        for done, item in enumerate(ordered):
            if self.clock() - started >= self.timeout:  # the limit is the whole run's, writes too
                report.stopped = report.stopped or (
                    f"time limit reached ({self.timeout:.0f} s) with {len(ordered) - done} records "
                    "not yet written; the next run goes on"
                )
                break
            report.items.append(self._apply(item, report, dry_run))
        if report.stopped is None and not report.errors:  # only a complete read tells what is gone
            self._gone(report, {i.uri for i in report.items}, {i.id for i in items}, dry_run)
        return report

    def _gone(self, report: HarvestReport, read: set[str], ids: set[uuid.UUID], dry_run: bool) -> None:
        """Datasets harvested from this source before that it no longer lists: reported, and
        withdrawn (status retired, never deleted) if the harvester was asked to."""
        query = select(Dataset).where(Dataset.harvest_source == report.source, Dataset.status != C.RETIRED)
        for dataset in self.ctx.session.scalars(query.order_by(Dataset.slug)).all():
            if dataset.id in ids or dataset.source_uri in read:
                continue
            action, message = "removed at the source", "no longer listed by the source; kept as it was"
            if self.withdraw_missing:
                with preview(self.ctx.session) if dry_run else nullcontext():
                    DatasetService(self.ctx).update(
                        dataset.slug,
                        {"status": C.RETIRED},
                        message=f"Nguồn đã gỡ / gone from {report.source}",
                    )
                action = ("would be " if dry_run else "") + "withdrawn"
                message = "no longer listed by the source; retired, not deleted"
            report.items.append(ItemReport(dataset.source_uri or "", None, dataset.slug, action, message))

    # Reading ----------------------------------------------------------------------------------

    def _at_a_limit(self, report: HarvestReport, deadline: float) -> bool:
        """Whether the run has read its pages or used its time (then said in ``report.stopped``):
        asked before each page, by every kind of source."""
        if len(report.pages) >= self.max_pages:
            report.stopped = f"page limit reached ({self.max_pages} pages)"
            return True
        if self.clock() >= deadline:
            report.stopped = f"time limit reached ({self.timeout:.0f} s)"
            return True
        return False

    def read(self, url: str, report: HarvestReport) -> Iterator[Harvested]:
        """Every dataset of every page, as read (:func:`unique_records` keeps each identifier once)."""
        deadline = self.clock() + self.timeout
        host = urlsplit(url).netloc
        seen_urls: set[str] = set()
        seen_pages: set[str] = set()
        next_url: str | None = url
        while next_url:
            if self._at_a_limit(report, deadline):
                return
            if next_url in seen_urls:
                report.stopped = f"loop: {next_url} was already harvested"
                return
            if urlsplit(next_url).netloc != host:
                report.stopped = f"next page {next_url} is on another host than {host}; not followed"
                return
            seen_urls.add(next_url)
            try:
                fetched = fetch_within(
                    self.fetch, next_url, min(self.request_timeout, max(0.1, deadline - self.clock()))
                )
                digest = hashlib.sha256(fetched.body).hexdigest()
                if digest in seen_pages:
                    report.stopped = f"loop: {next_url} repeats an earlier page"
                    return
                seen_pages.add(digest)
                graph = read_page(fetched)
            except Exception as error:  # any failure of a page ends paging, reported
                report.errors.append(f"{next_url}: {_plain(error)}")
                return
            report.pages.append(next_url)
            for node in dataset_nodes(graph):
                try:
                    item = dataset_from_rdf(graph, node, self.terms, self.defaults)
                except Exception as error:  # one unreadable record never stops the page
                    identifier = graph.value(node, DCT.identifier)
                    if not isinstance(error, NotImportable):
                        log.exception("harvest: %s could not be read", node)
                    report.items.append(
                        ItemReport(
                            str(node),
                            str(identifier) if identifier else None,
                            None,
                            "skipped" if isinstance(error, NotImportable) else "failed",
                            str(error) if isinstance(error, NotImportable) else _plain(error),
                        )
                    )
                    continue
                yield item
            next_url = next_page(graph, fetched.url)

    # Writing ----------------------------------------------------------------------------------

    def _apply(self, item: Harvested, report: HarvestReport, dry_run: bool) -> ItemReport:
        prefix = "would be " if dry_run else ""
        try:
            # A dry run writes exactly as a real one would, inside a unit of work that is undone.
            with preview(self.ctx.session) if dry_run else nullcontext():
                action = self._write(item, report.source)
        except _Unchanged:
            return ItemReport(item.uri, item.identifier, item.slug, "unchanged")
        except InvalidInput as error:
            details = "; ".join(f"{k}: {v}" for k, v in error.errors.items())
            return ItemReport(item.uri, item.identifier, item.slug, "failed", f"{error.message} ({details})")
        except DictionaryError as error:
            return ItemReport(item.uri, item.identifier, item.slug, "failed", error.message)
        except Exception as error:  # one broken record never aborts the run; its details go to the log
            log.exception("harvest: %s could not be saved", item.uri)
            return ItemReport(item.uri, item.identifier, item.slug, "failed", _plain(error))
        note = "; ".join(item.notes)
        return ItemReport(item.uri, item.identifier, item.slug, prefix + action, note)

    @unit_of_work
    def _write(self, item: Harvested, source: str) -> str:
        session = self.ctx.session
        if self.own_base and item.uri.startswith(self.own_base):
            for own in ("source_identifier", "source_uri", "issued", "modified"):
                item.data.pop(own, None)
        self._agencies(item)
        for code, data in item.standards.items():
            if session.scalar(select(Standard.id).where(Standard.code == code)) is None:
                StandardService(self.ctx).create(data)
        existing = session.get(Dataset, item.id)
        if self.exclusive and existing is not None and existing.harvest_source != source:
            origin = (
                f"harvested from {existing.harvest_source}" if existing.harvest_source else "described here"
            )
            raise Conflict(
                f"identifier {item.identifier} is dataset {existing.slug}, {origin}; not overwritten"
            )
        taken = session.scalar(select(Dataset).where(Dataset.slug == item.slug))
        if taken is not None and taken is not existing:
            # Another record has this title or URI segment: a suffix from the identity, the same on
            # every run, instead of refusing the record.
            item.slug = item.data["slug"] = f"{item.slug[:190]}-{item.id.hex[:8]}"
        fields = self._fields(item)
        datasets = DatasetService(self.ctx)
        message = f"Thu thập {self.label} / harvested from {source}"
        if existing is None:
            if "owner" not in item.roles:
                raise InvalidInput.one("owner", "the source names no publisher; give a default owner agency")
            payload = item.data | dict(item.roles) | {"harvest_source": source}
            dataset = datasets.create(payload | {"id": item.id, "fields": fields}, message=message)
            action, before = "created", None
        else:
            before = dataset_snapshot(existing)
            data = SOURCE_VALUES | {key: value for key, value in item.data.items() if key != "owned_since"}
            data["harvest_source"] = source
            dataset = datasets.update(existing.slug, data, message=message)
            FieldService(self.ctx).apply_dictionary(dataset, fields)
            for role, code in item.roles.items():
                current = dataset.current_assignment(ROLE_NAMES[role])
                if current is None or current.agency.code != code:
                    # A new holder from the day of the harvest: the source's history is not ours.
                    datasets.assign(dataset.slug, agency=code, role=role, valid_from=self.ctx.clock())
            action = "updated"
        DistributionService(self.ctx).replace_all(dataset, item.distributions)
        replace_dataset_mappings(self.ctx, dataset, item.mappings)
        session.flush()
        session.refresh(dataset)
        if before is not None and dataset_snapshot(dataset) == before:
            raise _Unchanged
        record_change(self.ctx, dataset, message)
        return action

    def _agencies(self, item: Harvested) -> None:
        """Register the agencies the record names; one known only by its name is first looked for
        by that name, so a blank-node publisher becomes one agency, reused on every run."""
        session = self.ctx.session
        for code, data in item.agencies.items():
            if session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
                continue
            if code in item.named_agencies:
                same_name = session.scalar(
                    select(Agency.code)
                    .where(Agency.name_vi == data["name_vi"])
                    .order_by(Agency.code)
                    .limit(1)
                )
                if same_name is not None:
                    item.roles = {role: same_name if c == code else c for role, c in item.roles.items()}
                    continue
            AgencyService(self.ctx).create(data)

    def _fields(self, item: Harvested) -> list[dict[str, Any]]:
        """The fields, keeping a foreign key only if its target field exists in this catalog."""
        fields = []
        for given in item.fields:
            data = dict(given)
            reference = data.get("foreign_key")
            if reference is not None and not self._field_exists(reference["dataset"], reference["field"]):
                item.notes.append(
                    f"{data['name']}: foreign key to {reference['dataset']}.{reference['field']} "
                    "left out (not in this catalog)"
                )
                data.pop("foreign_key")
            fields.append(data)
        return fields

    def _field_exists(self, slug: str, name: str) -> bool:
        query = select(Field.id).join(Dataset).where(Dataset.slug == slug, Field.name == name)
        return self.ctx.session.scalar(query) is not None


def unique_records(items: Iterable[Harvested], report: HarvestReport) -> list[Harvested]:
    """Each identifier once, whatever the source (two records of a DCAT page, a CKAN package on two
    pages): the first occurrence wins, a later one is an item error of the report. Read lazily, so
    the report keeps the order the records were met in."""
    seen: dict[str, str] = {}
    kept = []
    for item in items:
        if item.identifier in seen:
            message = f"duplicate identifier, already read from {seen[item.identifier]}"
            report.items.append(ItemReport(item.uri, item.identifier, item.slug, "failed", message))
            continue
        seen[item.identifier] = item.uri
        kept.append(item)
    return kept


def next_page(graph: Graph, base: str) -> str | None:
    """The next page named by a Hydra paging node (``next``, else the deprecated ``nextPage``)."""
    for kind in (HYDRA.PartialCollectionView, HYDRA.PagedCollection):
        for node in sorted(graph.subjects(RDF.type, kind), key=str):
            for predicate in (HYDRA.next, HYDRA.nextPage):
                value = graph.value(node, predicate)
                if value is not None and str(value).strip():
                    target = urljoin(base, str(value).strip())
                    if urlsplit(target).scheme in ("http", "https"):
                        return target
    return None


def _plain(error: Exception) -> str:
    """What a reader of the report is told of an unexpected failure: never SQL or a traceback."""
    if isinstance(error, IntegrityError):
        return "the catalog refused the record: a required value is missing or a value is already taken"
    if isinstance(error, DBAPIError):
        return "the catalog could not store the record (a value is too long or of the wrong kind)"
    if isinstance(error, HarvestError | OSError | ValueError) and str(error):
        return str(error).splitlines()[0][:300]
    return "the record could not be processed (the details are in the server log)"


__all__ = [
    "Fetched",
    "Fetcher",
    "HarvestError",
    "HarvestReport",
    "Harvester",
    "ItemReport",
    "http_fetch",
    "next_page",
    "unique_records",
]

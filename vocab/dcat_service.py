"""DCAT publication as one service the web routes, the REST API and the CLI share.

It reads through :class:`dictionary.services.publication.PublicationService` (visible datasets,
eager-loaded, in a stable order) and maps with the pure functions of :mod:`vocab.dcat`; the
callers only parse their input and send the text on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from dictionary.errors import NotFound
from dictionary.models import Dataset
from dictionary.services.base import Context
from dictionary.services.publication import PublicationFilter, PublicationService
from dictionary.visibility import Visibility
from vocab.dcat import DcatContext, dataset_to_rdf
from vocab.dcat_agents import agency_to_rdf
from vocab.dcat_catalog import CatalogState, PageInfo, catalog_page_to_rdf
from vocab.dcat_dictionary import standard_to_rdf
from vocab.dcat_export import document, stream_catalog
from vocab.rdf_writers import RdfFormat, TripleBuffer
from vocab.shacl import PROFILES, DcatValidator, Profile, Report

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
"""ckanext-dcat serves 100 per page; 500 keeps one page well under a second and 50 MB."""
BATCH_SIZE = 50
"""Datasets mapped and written at a time inside one page or export (memory per step)."""


@dataclass(frozen=True)
class CatalogPage:
    """A page that exists (checked before streaming starts, so errors can still be a 4xx)."""

    info: PageInfo
    chunks: Iterator[str]


class DcatPublisher:
    def __init__(self, ctx: Context, dcat: DcatContext) -> None:
        self.ctx = ctx
        self.dcat = dcat
        self.publication = PublicationService(ctx)

    @property
    def visibility(self) -> Visibility:
        return self.dcat.visibility

    def state(self, where: PublicationFilter) -> CatalogState:
        whole = self.publication.facts(PublicationFilter(self.visibility))
        total = whole.total if where.modified_since is None else self.publication.facts(where).total
        publisher = self.publication.find_agency(self.dcat.info.publisher_code)
        return CatalogState(publisher, total, whole.first_created, whole.last_modified)

    def catalog_page(
        self, fmt: RdfFormat, page: int, page_size: int, modified_since: datetime | None = None
    ) -> CatalogPage:
        """One Hydra page of the catalog; NotFound past the last page (page 1 always exists)."""
        where = PublicationFilter(self.visibility, modified_since)
        state = self.state(where)
        info = PageInfo(page, page_size, state.total, modified_since)
        if page > info.last:
            raise NotFound("Catalog page", f"{page} (the last page is {info.last})")
        batches = self.publication.batches(
            where, min(BATCH_SIZE, page_size), start=(page - 1) * page_size, limit=page_size
        )
        return CatalogPage(info, stream_catalog(batches, self.dcat, state, fmt, info))

    def full_catalog(
        self,
        fmt: RdfFormat,
        modified_since: datetime | None = None,
        batch_size: int = 100,
        on_batch: Callable[[int], object] | None = None,
    ) -> tuple[int, Iterator[str]]:
        """The whole visible catalog as one document (no paging node), and its dataset count.

        ``on_batch`` is told the size of each batch once it is written (a progress bar).
        """
        where = PublicationFilter(self.visibility, modified_since)
        state = self.state(where)
        batches = self.publication.batches(where, batch_size)
        if on_batch is not None:
            batches = _reporting(batches, on_batch)
        return state.total, stream_catalog(batches, self.dcat, state, fmt)

    def dataset(self, slug: str, fmt: RdfFormat) -> str:
        dataset = self.publication.dataset(slug, self.visibility)
        buffer = TripleBuffer()
        dataset_to_rdf(dataset, self.dcat, buffer)
        return document(buffer, fmt)

    def agency(self, code: str, fmt: RdfFormat) -> str:
        buffer = TripleBuffer()
        agency_to_rdf(self.publication.agency(code), self.dcat, buffer)
        return document(buffer, fmt)

    def standard(self, code: str, fmt: RdfFormat) -> str:
        from dictionary.services.standards import StandardService

        buffer = TripleBuffer()
        standard_to_rdf(StandardService(self.ctx).get(code), self.dcat, buffer)
        return document(buffer, fmt)

    def term(self, code: str, fmt: RdfFormat) -> str:
        from dictionary.services.terms import TermService
        from vocab.data_elements import term_to_rdf

        buffer = TripleBuffer()
        term_to_rdf(buffer, self.dcat, TermService(self.ctx).get(code))
        return document(buffer, fmt)

    # Validation -------------------------------------------------------------------------------

    def validate_dataset(
        self, slug: str, validator: DcatValidator, profiles: tuple[Profile, ...] = PROFILES
    ) -> Report:
        """The dataset's document as it is published to this principal, against the gate."""
        dataset = self.publication.dataset(slug, self.visibility)
        buffer = TripleBuffer()
        dataset_to_rdf(dataset, self.dcat, buffer)
        return validator.validate(buffer.to_graph(), profiles)

    def validate_catalog(
        self, validator: DcatValidator, profiles: tuple[Profile, ...] = PROFILES, batch_size: int = 200
    ) -> Iterator[tuple[int, Report]]:
        """The catalog validated page by page (each page whole, with its catalog node); yields the
        number of datasets checked and the report of each page."""
        where = PublicationFilter(self.visibility)
        state = self.state(where)
        for batch in self.publication.batches(where, batch_size):
            buffer = TripleBuffer()
            catalog_page_to_rdf(batch, self.dcat, state, None, buffer)
            yield len(batch), validator.validate(buffer.to_graph(), profiles)


def _reporting(batches: Iterator[list[Dataset]], report: Callable[[int], object]) -> Iterator[list[Dataset]]:
    previous = 0
    for batch in batches:
        report(previous)
        previous = len(batch)
        yield batch
    report(previous)

"""The catalog node and its pages: ``catalog_page_to_rdf`` is what /catalog serves, page by page.

Every page repeats the ``dcat:Catalog`` node with its publisher (a harvester may read any page on
its own) and lists only that page's datasets. The paging node follows ckanext-dcat, which the
other harvesters read too: the page URL typed ``hydra:PagedCollection`` (ckanext-dcat, piveau:
``nextPage``) and ``hydra:PartialCollectionView`` (udata: ``next``), with ``hydra:totalItems``
always present (piveau reads it unconditionally), the IRIs ``first/last/next/previous`` and the
deprecated ``firstPage/lastPage/nextPage/previousPage`` as literals, all absolute and built from
the configured base URI.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import overload

from rdflib import Graph

from dictionary.models import Agency, Dataset
from vocab.dcat import DcatContext, as_graph, dataset_to_rdf, spatial_to_rdf
from vocab.dcat_agents import agent_to_rdf
from vocab.dcat_terms import ENGLISH, EU_THEMES, VIETNAMESE
from vocab.rdf_buffer import TripleBuffer, TripleSink
from vocab.rdf_iris import DCAT, DCT, FOAF, HYDRA, RDF, XSD
from vocab.rdf_terms import Iri, Lit, as_date, as_datetime, text, typed


@dataclass(frozen=True)
class CatalogState:
    """Facts about the whole (visible) catalog, computed by the publication service."""

    publisher: Agency | None
    total: int
    issued: date | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class PageInfo:
    number: int
    size: int
    total: int
    modified_since: datetime | None = None

    @property
    def last(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def catalog_to_rdf(
    sink: TripleSink, ctx: DcatContext, state: CatalogState, datasets: Iterable[Iri] = ()
) -> Iri:
    node = ctx.uris.catalog()
    info = ctx.info
    sink.add((node, RDF.type, DCAT.Catalog))
    for value, lang in ((info.title_vi, "vi"), (info.title_en, "en")):
        literal = text(value, lang)
        if literal is not None:
            sink.add((node, DCT.title, literal))
    for value, lang in ((info.description_vi, "vi"), (info.description_en, "en")):
        literal = text(value, lang)
        if literal is not None:
            sink.add((node, DCT.description, literal))
    sink.add((node, DCT.publisher, publisher_to_rdf(sink, ctx, state.publisher)))
    for language in (VIETNAMESE, ENGLISH):
        sink.add((node, DCT.language, ctx.terms.language(sink, language)))
    sink.add((node, DCT.license, ctx.terms.licence(sink, info.licence)))
    sink.add((node, DCT.spatial, spatial_to_rdf(sink)))
    homepage = ctx.uris.homepage()
    sink.add((node, FOAF.homepage, homepage))
    sink.add((homepage, RDF.type, FOAF.Document))
    sink.add((node, DCAT.themeTaxonomy, ctx.terms.scheme(sink, EU_THEMES)))
    for predicate, literal in (
        (DCT.issued, as_date(state.issued)),
        (DCT.modified, as_datetime(state.modified)),
    ):
        if literal is not None:
            sink.add((node, predicate, literal))
    for dataset in datasets:
        sink.add((node, DCAT.dataset, dataset))
    return node


def publisher_to_rdf(sink: TripleSink, ctx: DcatContext, agency: Agency | None) -> Iri:
    """The catalog's publisher; before the agency is registered, a minimal Agent under its code."""
    if agency is not None:
        return agent_to_rdf(sink, ctx, agency)
    node = ctx.uris.agency(ctx.info.publisher_code)
    sink.add((node, RDF.type, FOAF.Agent))
    literal = text(f"Ủy ban nhân dân tỉnh ({ctx.info.publisher_code})", "vi")
    if literal is not None:
        sink.add((node, FOAF.name, literal))
    return node


def hydra_to_rdf(sink: TripleSink, ctx: DcatContext, page: PageInfo) -> Iri:
    uris = ctx.uris
    node = uris.page(page.number, page.size, page.modified_since)
    sink.add((node, RDF.type, HYDRA.PagedCollection))
    sink.add((node, RDF.type, HYDRA.PartialCollectionView))
    sink.add((uris.catalog(), HYDRA.view, node))
    sink.add((node, HYDRA.totalItems, typed(page.total, XSD.integer)))
    sink.add((node, HYDRA.itemsPerPage, typed(page.size, XSD.integer)))
    links = {"first": 1, "last": page.last}
    if page.number < page.last:
        links["next"] = page.number + 1
    if page.number > 1:
        links["previous"] = min(page.number - 1, page.last)
    for name, number in links.items():
        target = uris.page(number, page.size, page.modified_since)
        sink.add((node, HYDRA[name], target))
        sink.add((node, HYDRA[f"{name}Page"], Lit(str(target))))
    return node


@overload
def catalog_page_to_rdf(
    datasets: Iterable[Dataset],
    ctx: DcatContext,
    state: CatalogState,
    page: PageInfo | None,
    sink: TripleBuffer,
) -> TripleBuffer: ...
@overload
def catalog_page_to_rdf(
    datasets: Iterable[Dataset],
    ctx: DcatContext,
    state: CatalogState,
    page: PageInfo | None = None,
    sink: Graph | None = None,
) -> Graph: ...
def catalog_page_to_rdf(
    datasets: Iterable[Dataset],
    ctx: DcatContext,
    state: CatalogState,
    page: PageInfo | None = None,
    sink: TripleBuffer | Graph | None = None,
) -> TripleBuffer | Graph:
    """One page of the catalog: the catalog node, the page's datasets and, if paged, Hydra links.

    Datasets the context may not see are skipped here as well, whatever the caller passed.
    """
    if not isinstance(sink, TripleBuffer):
        return as_graph(lambda buffer: catalog_page_to_rdf(datasets, ctx, state, page, buffer), sink)
    out = sink
    nodes = []
    services = []
    for dataset in datasets:
        if not ctx.visibility.can_see(dataset):
            continue
        dataset_to_rdf(dataset, ctx, out)
        nodes.append(ctx.uris.dataset(dataset.slug))
        services += [ctx.uris.service(dataset.slug, d.slug) for d in dataset.distributions if d.endpoint_url]
    catalog = catalog_to_rdf(out, ctx, state, nodes)
    for service in services:
        if (service, RDF.type, DCAT.DataService) in out:
            out.add((catalog, DCAT.service, service))
    if page is not None:
        hydra_to_rdf(out, ctx, page)
    return out

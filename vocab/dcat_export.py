"""The catalog as a stream of text: one batch of datasets mapped, written and forgotten at a time.

The caller supplies the batches (``dictionary.services.publication.PublicationService.batches``
reads them from the database); this module never queries. Each batch becomes one
:class:`TripleBuffer`, is written with the format's :class:`Writer` (whose header and footer come
once), and is dropped before the next one is read, so memory depends on the batch size only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dictionary.models import Dataset
from vocab.dcat import DcatContext, dataset_to_rdf
from vocab.dcat_catalog import CatalogState, PageInfo, catalog_page_to_rdf
from vocab.rdf_writers import RdfFormat, TripleBuffer, writer


def stream_catalog(
    batches: Iterable[list[Dataset]],
    ctx: DcatContext,
    state: CatalogState,
    fmt: RdfFormat,
    page: PageInfo | None = None,
) -> Iterator[str]:
    """The catalog (or one Hydra page of it, if ``page`` is given) as chunks of one document."""
    out = writer(fmt)
    yield out.begin()
    written = False
    for batch in batches:
        buffer = TripleBuffer()
        # The paging node goes with the first batch; the catalog node with every batch (repeated
        # triples are the same triples once parsed).
        catalog_page_to_rdf(batch, ctx, state, None if written else page, buffer)
        written = True
        yield out.write(buffer)
    if not written:
        buffer = TripleBuffer()
        catalog_page_to_rdf([], ctx, state, page, buffer)
        yield out.write(buffer)
    yield out.end()


def dataset_document(dataset: Dataset, ctx: DcatContext, fmt: RdfFormat) -> str:
    """The document at /dataset/<slug>: the dataset and everything it references."""
    buffer = TripleBuffer()
    dataset_to_rdf(dataset, ctx, buffer)
    out = writer(fmt)
    return out.begin() + out.write(buffer) + out.end()


def document(buffer: TripleBuffer, fmt: RdfFormat) -> str:
    out = writer(fmt)
    return out.begin() + out.write(buffer) + out.end()

"""DCAT-AP 3.0 mapping of the catalog: pure functions from loaded models to triples.

``dataset_to_rdf`` and its siblings take objects the caller has already loaded (with the
relationships eager-loaded, see :mod:`dictionary.services.publication`) and put light terms
(vocab.rdf_terms) into a :class:`vocab.rdf_buffer.TripleBuffer`; without one, or given an rdflib
``Graph``, they fill a buffer and return it as a Graph (the adapter). They never query, never
touch Flask, and never return what the :class:`Visibility` given in the context forbids: restricted
fields, personal contact data and the access details of non-public distributions stay out.

Our own properties live in one namespace, ``cat:`` = https://data.lamdong.gov.vn/def/catalog#
(documented in the README, "DCAT-AP"): database category, sharing class, importance, personal data,
architecture component, data layer, sharing mode, administrative units, the Decree 47/2020 art. 11.4
texts, and the field-level dictionary. Coded values are SKOS concepts under
https://data.lamdong.gov.vn/vocab/<scheme>/<CODE>; themes and frequencies go out as the EU
concepts they map to (``skos:exactMatch`` in vocab/schemes), because DCAT-AP requires those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import overload
from urllib.parse import quote, urlencode

from rdflib import Graph

from dictionary import concepts as C
from dictionary.models import Dataset, Distribution
from dictionary.properties import DATASET, Kind
from dictionary.visibility import Visibility
from vocab.dcat_source import dated, language_of, source_values_to_rdf, tagged
from vocab.dcat_terms import VIETNAMESE, Terms
from vocab.namespaces import bind_prefixes
from vocab.rdf_buffer import TripleBuffer, TripleSink
from vocab.rdf_iris import CAT, DCAT, DCATAP, DCT, ELI, EU, FOAF, GSP, LOCN, RDF, XSD
from vocab.rdf_terms import Iri, Term, as_date, as_datetime, iri, plain, text, typed
from vocab.vocabularies import Vocabularies

VIET_NAM = Iri("https://sws.geonames.org/1562822/")
"""GeoNames' Viet Nam: dct:spatial must name a country/place NAL or GeoNames URI (DCAT-AP codelist
check); administrative units, which no such list knows, go out as ``cat:administrativeUnit``."""
# Bounding box and centre of Viet Nam as GeoNames' country info gives them (WGS 84, lon lat).
VIET_NAM_BBOX = "POLYGON((102.14 8.56, 109.47 8.56, 109.47 23.39, 102.14 23.39, 102.14 8.56))"
VIET_NAM_CENTROID = "POINT(107.83333 16.16667)"

# Sharing class (Law on Data art. 13) → EU access right of the dataset as a whole.
ACCESS_RIGHT_OF_CLASS = {
    C.OPEN: EU["access-right/PUBLIC"],
    C.SHARED: EU["access-right/RESTRICTED"],
    C.PRIVATE: EU["access-right/NON_PUBLIC"],
}

# Dataset properties published by the generic rule of their kind (the registry's ``generic_rdf``):
# a coded value as its SKOS concept, a text as a Vietnamese literal (the model has no English for
# the Decree 47/2020 art. 11.4 texts). The others are written by hand below; a test checks that
# every predicate of the registry appears in the output.
CODED_PROPERTIES = {
    prop.name: Iri(prop.predicate)
    for prop in DATASET
    if prop.generic_rdf and prop.predicate and prop.kind is Kind.CONCEPT
}
TEXT_PROPERTIES = {
    prop.name: Iri(prop.predicate)
    for prop in DATASET
    if prop.generic_rdf and prop.predicate and prop.kind in (Kind.TEXT, Kind.LONG_TEXT)
}


class Uris:
    """Every URI the catalog publishes, from the configured base URI (never the request host:
    links behind a reverse proxy must not point at an internal name, ckanext-dcat#68)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def catalog(self) -> Iri:
        return Iri(f"{self.base}/catalog")

    def homepage(self) -> Iri:
        return Iri(f"{self.base}/")

    def page(self, page: int, page_size: int, modified_since: datetime | None = None) -> Iri:
        query: dict[str, str | int] = {"page": page, "page_size": page_size}
        if modified_since is not None:
            query["modified_since"] = modified_since.isoformat().replace("+00:00", "Z")
        return Iri(f"{self.base}/catalog?{urlencode(query)}")

    def dataset(self, slug: str) -> Iri:
        return Iri(f"{self.base}/dataset/{quote(slug, safe='')}")

    def distribution(self, slug: str, part: str) -> Iri:
        return Iri(f"{self.dataset(slug)}/distribution/{quote(part, safe='')}")

    def service(self, slug: str, part: str) -> Iri:
        return Iri(f"{self.dataset(slug)}/service/{quote(part, safe='')}")

    def field(self, slug: str, name: str) -> Iri:
        return Iri(f"{self.dataset(slug)}/field/{quote(name, safe='')}")

    def csvw(self, slug: str) -> Iri:
        return Iri(f"{self.dataset(slug)}/csvw.json")

    def table_schema(self, slug: str) -> Iri:
        return Iri(f"{self.dataset(slug)}/tableschema.json")

    def agency(self, code: str) -> Iri:
        return Iri(f"{self.base}/agency/{quote(code, safe='')}")

    def standard(self, code: str) -> Iri:
        return Iri(f"{self.base}/standard/{quote(code, safe='')}")

    def term(self, code: str, term: str) -> Iri:
        return Iri(f"{self.standard(code)}/term/{quote(term, safe='')}")

    def data_element(self, code: str) -> Iri:
        """A term of the shared data dictionary (the register's own, not a standard's sub-term)."""
        return Iri(f"{self.base}/term/{quote(code, safe='')}")

    def legal(self, number: str) -> Iri:
        return Iri(f"{self.base}/legal/{quote(number, safe='')}")


@dataclass(frozen=True)
class CatalogInfo:
    """What the catalog says about itself (from Settings in the app)."""

    base_uri: str
    title_vi: str
    title_en: str
    publisher_code: str
    description_vi: str = (
        "Danh mục và từ điển dữ liệu của các cơ sở dữ liệu dùng chung của tỉnh: mô tả, cơ quan chủ quản, "
        "trường dữ liệu, chuẩn áp dụng và cách khai thác (Nghị định 47/2020/NĐ-CP, Luật Dữ liệu 2024)."
    )
    description_en: str = (
        "Catalog and data dictionary of the province's shared databases: descriptions, owner agencies, "
        "data elements, standards and how to access them (Decree 47/2020/ND-CP, Law on Data 2024)."
    )
    licence: str = str(EU["licence/CC_BY_4_0"])
    """Licence of the catalog's metadata itself."""


@dataclass(frozen=True)
class DcatContext:
    """Everything a mapper needs besides the objects it maps."""

    uris: Uris
    terms: Terms
    info: CatalogInfo
    visibility: Visibility

    @classmethod
    def create(cls, info: CatalogInfo, vocabularies: Vocabularies, visibility: Visibility) -> DcatContext:
        return cls(Uris(info.base_uri), Terms(vocabularies), info, visibility)

    def with_visibility(self, visibility: Visibility) -> DcatContext:
        return DcatContext(self.uris, self.terms, self.info, visibility)


def new_graph() -> Graph:
    return bind_prefixes(Graph(bind_namespaces="none"))


def as_graph(build: Callable[[TripleBuffer], object], graph: Graph | None = None) -> Graph:
    """What ``build`` writes into a buffer, as an rdflib Graph (``graph`` or a new one)."""
    buffer = TripleBuffer()
    build(buffer)
    return buffer.into(graph if graph is not None else new_graph())


@overload
def dataset_to_rdf(dataset: Dataset, ctx: DcatContext, sink: TripleBuffer) -> TripleBuffer: ...
@overload
def dataset_to_rdf(dataset: Dataset, ctx: DcatContext, sink: Graph | None = None) -> Graph: ...
def dataset_to_rdf(
    dataset: Dataset, ctx: DcatContext, sink: TripleBuffer | Graph | None = None
) -> TripleBuffer | Graph:
    """One dataset with its distributions, services, agents, contact, dictionary and mappings."""
    # Imported here: those modules build on this one (Uris, DcatContext), not the other way round.
    from vocab.dcat_agents import agent_to_rdf, attributions_to_rdf, contact_points_to_rdf
    from vocab.dcat_dictionary import dictionary_to_rdf, mappings_to_rdf

    if not isinstance(sink, TripleBuffer):
        return as_graph(lambda buffer: dataset_to_rdf(dataset, ctx, buffer), sink)
    out = sink
    node = ctx.uris.dataset(dataset.slug)
    _description(out, ctx.terms, dataset, node)
    _classification(out, ctx, dataset, node)
    owner = dataset.current_assignment(C.OWNER)
    if owner is not None:
        out.add((node, DCT.publisher, agent_to_rdf(out, ctx, owner.agency)))
    attributions_to_rdf(out, ctx, dataset, node)
    for contact in contact_points_to_rdf(out, ctx, dataset, owner.agency if owner else None):
        out.add((node, DCAT.contactPoint, contact))
    schemas = dictionary_to_rdf(out, ctx, dataset, node)
    mappings_to_rdf(out, ctx, dataset, node)
    for distribution in dataset.distributions:
        out.add((node, DCAT.distribution, distribution_to_rdf(out, ctx, dataset, distribution, schemas)))
    return out


def _description(out: TripleSink, terms: Terms, dataset: Dataset, node: Iri) -> None:
    """Identifier, texts in both languages, dates, version, landing page, temporal coverage."""
    out.add((node, RDF.type, DCAT.Dataset))
    _add(out, node, DCT.identifier, plain(dataset.source_identifier or dataset.id))
    lang = language_of(dataset)  # a harvested text keeps the language its source gave it
    for predicate, main, english in (
        (DCT.title, dataset.title_vi, dataset.title_en),
        (DCT.description, dataset.description_vi, dataset.description_en),
    ):
        _add(out, node, predicate, tagged(main, lang))
        _add(out, node, predicate, text(english, "en"))
    for words, word_lang in ((dataset.keywords_vi, lang), (dataset.keywords_en, "en")):
        for word in words or ():
            _add(out, node, DCAT.keyword, tagged(word, word_lang))
    _add(out, node, DCT.issued, dated(dataset.issued) if dataset.issued else as_date(dataset.created_at))
    _add(
        out,
        node,
        DCT.modified,
        dated(dataset.modified) if dataset.modified else as_datetime(dataset.updated_at),
    )
    source_values_to_rdf(out, terms, dataset, node)
    _add(out, node, DCAT.version, plain(dataset.version))
    landing = iri(dataset.landing_page)
    if landing is not None:
        out.add((node, DCAT.landingPage, landing))
        out.add((landing, RDF.type, FOAF.Document))
    _temporal(out, node, dataset)
    for name, predicate in TEXT_PROPERTIES.items():
        _add(out, node, predicate, text(getattr(dataset, name), "vi"))
    _add(out, node, CAT.dataUpdatedOn, as_date(dataset.data_updated_on))
    _add(out, node, CAT.completeness, typed(dataset.completeness, XSD.integer))


def _classification(out: TripleSink, ctx: DcatContext, dataset: Dataset, node: Iri) -> None:
    """Coded values: EU themes, frequency, access right and language; our own classifications;
    coverage; legal bases."""
    terms = ctx.terms
    for theme in dataset.themes or ():
        eu_theme = terms.eu_match(theme, "data-theme")
        if eu_theme is not None:
            out.add((node, DCAT.theme, terms.theme(out, eu_theme)))
    frequency = terms.eu_match(dataset.frequency, "frequency")
    if frequency is not None:
        out.add((node, DCT.accrualPeriodicity, terms.frequency(out, frequency)))
    access = ACCESS_RIGHT_OF_CLASS.get(dataset.sharing_class)
    if access is not None:
        out.add((node, DCT.accessRights, terms.access_rights(out, access)))
    if not dataset.languages:  # else the source's languages, as given (vocab.dcat_source)
        out.add((node, DCT.language, terms.language(out, VIETNAMESE)))
    if not dataset.coverage:
        out.add((node, DCT.spatial, spatial_to_rdf(out)))
    for unit in dataset.spatial or ():
        out.add((node, CAT.administrativeUnit, terms.describe(out, unit)))
    for name, predicate in CODED_PROPERTIES.items():
        value = getattr(dataset, name)
        if value:
            out.add((node, predicate, terms.describe(out, value)))
    for document in dataset.legal_basis or ():
        legal = legal_to_rdf(out, ctx, document)
        if legal is not None:
            out.add((node, DCATAP.applicableLegislation, legal))


def distribution_to_rdf(
    sink: TripleSink, ctx: DcatContext, dataset: Dataset, item: Distribution, schemas: list[Iri]
) -> Iri:
    """A distribution; a non-public one reveals its access details only to who may see them.

    For everyone else its access URL is the dataset's page in the catalog, where access is
    requested (DCAT-AP allows a landing page as dcat:accessURL), and its service is left out.
    """
    add = sink.add
    terms = ctx.terms
    node = ctx.uris.distribution(dataset.slug, item.slug)
    add((node, RDF.type, DCAT.Distribution))
    _texts(sink, node, DCT.title, item.title_vi, item.title_en)
    if item.description_vi:
        _add(sink, node, DCT.description, text(item.description_vi, "vi"))
    else:
        # No description written: say what the data knows (kind and format) rather than nothing,
        # which DCAT-AP recommends against; both languages come from the vocabularies.
        for lang in ("vi", "en"):
            _add(
                sink,
                node,
                DCT.description,
                text(distribution_summary(ctx.terms, item.kind, item.format, lang), lang),
            )
    open_details = ctx.visibility.shows_distribution_details(dataset, item.access_rights)
    access_url = iri(item.access_url) if open_details else None
    add((node, DCAT.accessURL, access_url or ctx.uris.dataset(dataset.slug)))
    if open_details:
        _add(sink, node, DCAT.downloadURL, iri(item.download_url))
        service = service_to_rdf(sink, ctx, dataset, item, schemas)
        if service is not None:
            add((node, DCAT.accessService, service))
    file_type = terms.eu_match(item.format, "file-type")
    if file_type is not None:
        add((node, DCT["format"], terms.file_type(sink, file_type)))
    _add(sink, node, DCAT.mediaType, terms.media_type(sink, item.media_type))
    if item.licence:
        add((node, DCT.license, terms.licence(sink, item.licence)))
    if item.access_rights:
        add((node, DCT.accessRights, terms.access_rights(sink, Iri(item.access_rights))))
    add((node, DCATAP.availability, terms.availability(sink)))
    if item.byte_size is not None and item.byte_size >= 0:
        # DCAT-AP 3.0 (spec and 3.0.1 shapes): xsd:nonNegativeInteger; see vocab/shacl.py errata.
        add((node, DCAT.byteSize, typed(item.byte_size, XSD.nonNegativeInteger)))
    for schema in schemas:
        add((node, DCT.conformsTo, schema))
    if item.kind:
        add((node, CAT.accessKind, terms.describe(sink, item.kind)))
    _add(sink, node, DCT.issued, as_date(item.created_at))
    _add(sink, node, DCT.modified, as_datetime(item.updated_at))
    return node


def distribution_summary(terms: Terms, kind_uri: str | None, format_uri: str | None, lang: str) -> str | None:
    """What the catalog says of a distribution nobody described: its access kind and format.

    The harvester recognises this text and does not store it back as a description.
    """
    kind = terms.vocabularies.label(kind_uri, lang) if kind_uri else None
    file_type = terms.code(format_uri) if format_uri else None
    if kind is None:
        return None
    return f"{kind} ({file_type})" if file_type else kind


def service_to_rdf(
    sink: TripleSink, ctx: DcatContext, dataset: Dataset, item: Distribution, schemas: list[Iri]
) -> Iri | None:
    """The data service behind an API / LGSP / NDOP distribution (one with an endpoint URL)."""
    endpoint = iri(item.endpoint_url)
    if endpoint is None:
        return None
    add = sink.add
    node = ctx.uris.service(dataset.slug, item.slug)
    dataset_node = ctx.uris.dataset(dataset.slug)
    add((node, RDF.type, DCAT.DataService))
    _texts(sink, node, DCT.title, item.title_vi, item.title_en)
    _add(sink, node, DCT.description, text(item.description_vi, "vi"))
    add((node, DCAT.endpointURL, endpoint))
    _add(sink, node, DCAT.endpointDescription, iri(item.endpoint_description))
    add((node, DCAT.servesDataset, dataset_node))
    for schema in schemas:
        add((node, DCT.conformsTo, schema))
    # Publisher, contact, themes and keywords are the dataset's (DCAT-AP recommends them on services).
    for predicate in (DCT.publisher, DCAT.contactPoint, DCAT.theme, DCAT.keyword):
        for obj in list(sink.objects(dataset_node, predicate)):
            add((node, predicate, obj))
    if item.licence:
        add((node, DCT.license, ctx.terms.licence(sink, item.licence)))
    if item.access_rights:
        add((node, DCT.accessRights, ctx.terms.access_rights(sink, Iri(item.access_rights))))
    return node


def spatial_to_rdf(sink: TripleSink) -> Iri:
    sink.add((VIET_NAM, RDF.type, DCT.Location))
    _add(sink, VIET_NAM, LOCN.geographicName, text("Việt Nam", "vi"))
    _add(sink, VIET_NAM, LOCN.geographicName, text("Viet Nam", "en"))
    sink.add((VIET_NAM, DCAT.bbox, typed(VIET_NAM_BBOX, GSP.wktLiteral)))
    sink.add((VIET_NAM, DCAT.centroid, typed(VIET_NAM_CENTROID, GSP.wktLiteral)))
    return VIET_NAM


def legal_to_rdf(sink: TripleSink, ctx: DcatContext, document: dict[str, object]) -> Iri | None:
    """A legal basis (decree, decision…) as an ELI legal resource, DCAT-AP's applicable legislation."""
    number = str(document.get("number") or "").strip()
    if not number:
        return None
    # A document harvested from elsewhere (an ELI URI) keeps the URI its source gave it.
    node = iri(str(document.get("uri") or "")) or ctx.uris.legal(number)
    sink.add((node, RDF.type, ELI.LegalResource))
    _add(sink, node, DCT.identifier, plain(number))
    _add(sink, node, DCT.title, text(str(document.get("title") or ""), "vi"))
    issued = document.get("issued")
    if isinstance(issued, str) and len(issued) == 10:
        _add(sink, node, DCT.issued, typed(issued, XSD.date))
    status = document.get("status")
    if isinstance(status, str) and status:
        sink.add((node, CAT.legalStatus, ctx.terms.describe(sink, status)))
    page = iri(str(document.get("url") or ""))
    if page is not None:
        sink.add((node, FOAF.page, page))
        sink.add((page, RDF.type, FOAF.Document))
    return node


def _temporal(sink: TripleSink, node: Iri, dataset: Dataset) -> None:
    if dataset.temporal_start is None and dataset.temporal_end is None:
        return
    period = Iri(f"{node}#temporal")
    sink.add((node, DCT.temporal, period))
    sink.add((period, RDF.type, DCT.PeriodOfTime))
    _add(sink, period, DCAT.startDate, as_date(dataset.temporal_start))
    end = dataset.temporal_end
    if end is None and dataset.data_updated_on is not None:
        # Data still being collected: what is held today covers the period up to its last update,
        # which harvesters want as an end date (DCAT-AP recommends one). cat:openEnded says the
        # period goes on, so an importer (ours included) keeps it open.
        end = dataset.data_updated_on
        sink.add((period, CAT.openEnded, typed("true", XSD.boolean)))
    _add(sink, period, DCAT.endDate, as_date(end))


def _texts(sink: TripleSink, node: Iri, predicate: Iri, vi: str | None, en: str | None) -> None:
    _add(sink, node, predicate, text(vi, "vi"))
    _add(sink, node, predicate, text(en, "en"))


def _add(sink: TripleSink, subject: Iri, predicate: Iri, obj: Term | None) -> None:
    if obj is not None:
        sink.add((subject, predicate, obj))

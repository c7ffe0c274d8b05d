"""vocab.dcat: the DCAT-AP mapping of datasets, agencies, the dictionary and catalog pages, as triples."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from dictionary.models import Dataset
from dictionary.services import Context, DistributionService, MappingService
from dictionary.services.publication import PublicationFilter, PublicationService
from dictionary.visibility import Visibility
from tests.factories import FieldData, make_agency, make_dataset, make_standard
from vocab.dcat import CatalogInfo, DcatContext, dataset_to_rdf
from vocab.dcat_catalog import CatalogState, PageInfo, catalog_page_to_rdf
from vocab.namespaces import CAT, DCAT, DCATAP, DCT, EU, FOAF, HYDRA, PROV, VCARD
from vocab.rdf_buffer import TripleBuffer
from vocab.rdf_writers import FORMATS, writer

BASE = "https://data.example.gov.vn"
INFO = CatalogInfo(BASE, "Danh mục dữ liệu", "Data catalog", "H68")
CSVW_NAME = URIRef("http://www.w3.org/ns/csvw#name")
CODE_PROPERTIES = {
    DCT.identifier,
    SKOS.notation,
    DCAT.version,
    CSVW_NAME,
    CAT["term"],
    CAT.unit,
    SKOS.example,
}
"""Identifiers and codes: the only untyped literals that may go out without a language tag."""
HYDRA_LINKS = {HYDRA.firstPage, HYDRA.lastPage, HYDRA.nextPage, HYDRA.previousPage}


def dcat(ctx: Context, visibility: Visibility | None = None) -> DcatContext:
    return DcatContext.create(INFO, ctx.concepts, visibility or Visibility.anonymous())  # type: ignore[arg-type]


def build(ctx: Context, **overrides: Any) -> Dataset:
    """An open, published dataset with a restricted field, mappings, a contact and two distributions."""
    owner = make_agency(
        ctx, code="H68.06", email="snnmt@lamdong.gov.vn", homepage="https://snnmt.lamdong.gov.vn"
    )
    standard = make_standard(ctx, code="STD-PID")
    data = {
        "slug": "ho-tich",
        "status": "PUBLISHED",
        "sharing_class": "MO",
        "themes": ["KINH_TE"],
        "frequency": "MONTHLY",
        "keywords_en": ["civil status"],
        "temporal_start": "2020-01-01",
        "contact_points": [{"name": "Nguyễn Văn An", "email": "an@lamdong.gov.vn", "phone": "0263 3822 111"}],
        "fields": [
            FieldData(
                name="so_dinh_danh",
                primary_key=True,
                required=True,
                mappings=[
                    {
                        "standard": standard.code,
                        "relation": "exactMatch",
                        "term": "Số định danh",
                        "note": "Khớp hoàn toàn",
                    }
                ],
            ),
            FieldData(
                name="dan_toc",
                personal_data="NHAY_CAM",
                restricted=True,
                mappings=[{"standard": standard.code, "relation": "closeMatch"}],
            ),
        ],
    } | overrides
    dataset = make_dataset(ctx, owner=owner, **data)
    distributions = DistributionService(ctx)
    distributions.add(
        dataset.slug,
        {
            "slug": "tep-csv",
            "kind": "FILE",
            "title_vi": "Tệp CSV",
            "access_url": "https://data.lamdong.gov.vn/x",
            "download_url": "https://data.lamdong.gov.vn/files/ho-tich.csv",
            "format": "CSV",
            "media_type": "text/csv",
            "licence": "CC_BY_4_0",
            "access_rights": "PUBLIC",
            "byte_size": 2048,
        },
    )
    distributions.add(
        dataset.slug,
        {
            "slug": "lgsp",
            "kind": "LGSP_SERVICE",
            "title_vi": "Dịch vụ LGSP",
            "access_url": "https://lgsp.example/s",
            "endpoint_url": "https://lgsp.example/api",
            "format": "JSON",
            "media_type": "application/json",
            "access_rights": "RESTRICTED",
        },
    )
    MappingService(ctx).add(dataset.slug, {"standard": standard.code, "relation": "closeMatch"})
    return PublicationService(ctx).dataset(dataset.slug, Visibility.all())


def graph_of(dataset: Dataset, context: DcatContext) -> Graph:
    graph = dataset_to_rdf(dataset, context)
    assert isinstance(graph, Graph)
    return graph


def test_dataset_core_properties(ctx: Context) -> None:
    dataset = build(ctx)
    graph = graph_of(dataset, dcat(ctx))
    node = URIRef(f"{BASE}/dataset/ho-tich")
    assert (node, RDF.type, DCAT.Dataset) in graph
    assert (node, DCT.identifier, Literal(str(dataset.id))) in graph
    assert (node, DCT.title, Literal(dataset.title_vi, lang="vi")) in graph
    assert (node, DCT.title, Literal(dataset.title_en, lang="en")) in graph
    assert (node, DCAT.keyword, Literal("civil status", lang="en")) in graph
    assert (node, DCAT.theme, EU["data-theme/ECON"]) in graph
    assert (EU["data-theme/ECON"], SKOS.prefLabel, Literal("Kinh tế và tài chính", lang="vi")) in graph
    assert (node, DCT.accrualPeriodicity, EU["frequency/MONTHLY"]) in graph
    assert (EU["frequency/MONTHLY"], RDF.type, DCT.Frequency) in graph
    assert (node, DCT.accessRights, EU["access-right/PUBLIC"]) in graph
    assert (node, DCT.language, EU["language/VIE"]) in graph
    assert graph.value(node, DCT.issued).datatype == XSD.date
    assert graph.value(node, DCT.modified).datatype == XSD.dateTime
    period = graph.value(node, DCT.temporal)
    assert graph.value(period, DCAT.startDate) == Literal("2020-01-01", datatype=XSD.date)
    assert (node, CAT.sharingClass, URIRef("https://data.lamdong.gov.vn/vocab/sharing-classes/MO")) in graph
    assert (node, DCT.spatial, URIRef("https://sws.geonames.org/1562822/")) in graph


def test_agents_are_typed_named_and_attributed(ctx: Context) -> None:
    graph = graph_of(build(ctx), dcat(ctx))
    node = URIRef(f"{BASE}/dataset/ho-tich")
    agency = URIRef(f"{BASE}/agency/H68.06")
    assert (node, DCT.publisher, agency) in graph
    assert (agency, RDF.type, FOAF.Agent) in graph
    assert graph.value(agency, FOAF.name).language == "vi"
    assert (agency, DCT.type, URIRef("http://purl.org/adms/publishertype/RegionalAuthority")) in graph
    attribution = graph.value(node, PROV.qualifiedAttribution)
    assert graph.value(attribution, PROV.agent) == agency
    assert (graph.value(attribution, DCAT.hadRole), RDF.type, DCAT.Role) in graph


def test_anonymous_gets_no_restricted_field_no_person_and_no_restricted_access_details(ctx: Context) -> None:
    dataset = build(ctx)
    graph = graph_of(dataset, dcat(ctx))
    node = URIRef(f"{BASE}/dataset/ho-tich")
    fields = set(graph.objects(node, CAT.field))
    assert fields == {URIRef(f"{BASE}/dataset/ho-tich/field/so_dinh_danh")}
    assert not any("dan_toc" in str(term) for triple in graph for term in triple)
    contact = graph.value(node, DCAT.contactPoint)
    assert contact == URIRef(f"{BASE}/agency/H68.06#contact")
    assert (contact, VCARD.hasEmail, URIRef("mailto:snnmt@lamdong.gov.vn")) in graph
    assert not any("an@lamdong" in str(o) for o in graph.objects())
    service = URIRef(f"{BASE}/dataset/ho-tich/distribution/lgsp")
    assert graph.value(service, DCAT.accessURL) == node, (
        "a restricted distribution points to the dataset page"
    )
    assert graph.value(service, DCAT.accessService) is None
    assert not any("lgsp.example" in str(o) for o in graph.objects())


def test_staff_in_scope_see_everything(ctx: Context) -> None:
    graph = graph_of(build(ctx), dcat(ctx, Visibility.all()))
    node = URIRef(f"{BASE}/dataset/ho-tich")
    assert len(set(graph.objects(node, CAT.field))) == 2
    assert (URIRef(f"{BASE}/dataset/ho-tich/field/dan_toc"), CAT.restricted, Literal(True)) in graph
    assert any(str(o) == "mailto:an@lamdong.gov.vn" for o in graph.objects())
    distribution = URIRef(f"{BASE}/dataset/ho-tich/distribution/lgsp")
    service = graph.value(distribution, DCAT.accessService)
    assert graph.value(service, DCAT.endpointURL) == URIRef("https://lgsp.example/api")
    assert (service, DCAT.servesDataset, node) in graph


def test_distribution_properties(ctx: Context) -> None:
    graph = graph_of(build(ctx), dcat(ctx))
    node = URIRef(f"{BASE}/dataset/ho-tich/distribution/tep-csv")
    assert graph.value(node, DCAT.downloadURL) == URIRef("https://data.lamdong.gov.vn/files/ho-tich.csv")
    assert graph.value(node, DCAT.byteSize) == Literal("2048", datatype=XSD.nonNegativeInteger)
    assert graph.value(node, DCT["format"]) == EU["file-type/CSV"]
    assert graph.value(node, DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv"
    )
    licence = graph.value(node, DCT.license)
    assert (licence, RDF.type, DCT.LicenseDocument) in graph
    assert (licence, DCT.type, URIRef("http://purl.org/adms/licencetype/Attribution")) in graph
    assert graph.value(node, DCATAP.availability) == EU["planned-availability/STABLE"]
    schemas = set(graph.objects(node, DCT.conformsTo))
    assert schemas == {
        URIRef(f"{BASE}/dataset/ho-tich/csvw.json"),
        URIRef(f"{BASE}/dataset/ho-tich/tableschema.json"),
    }
    assert all((schema, RDF.type, DCT.Standard) in graph for schema in schemas)


def test_field_dictionary_and_standard_mappings(ctx: Context) -> None:
    graph = graph_of(build(ctx), dcat(ctx))
    field = URIRef(f"{BASE}/dataset/ho-tich/field/so_dinh_danh")
    assert (field, CSVW_NAME, Literal("so_dinh_danh")) in graph
    assert (field, CAT.primaryKey, Literal(True)) in graph
    assert graph.value(field, CAT.position) == Literal(1)
    assert graph.value(field, URIRef("http://www.w3.org/ns/csvw#datatype")) == XSD.string
    term = URIRef(f"{BASE}/standard/STD-PID/term/S%E1%BB%91%20%C4%91%E1%BB%8Bnh%20danh")
    assert (field, SKOS.exactMatch, term) in graph
    assert (term, SKOS.inScheme, URIRef(f"{BASE}/standard/STD-PID")) in graph
    qualified = [
        m for m in graph.subjects(RDF.type, CAT.StandardMapping) if graph.value(m, CAT.mappedFrom) == field
    ]
    assert len(qualified) == 1
    assert graph.value(qualified[0], SKOS.note) == Literal("Khớp hoàn toàn", lang="vi")
    node = URIRef(f"{BASE}/dataset/ho-tich")
    assert (node, SKOS.closeMatch, URIRef(f"{BASE}/standard/STD-PID")) in graph
    assert (node, DCT.conformsTo, URIRef(f"{BASE}/standard/STD-PID")) in graph


def test_an_open_ended_period_ends_at_the_last_update_and_stays_open_on_import(ctx: Context) -> None:
    """DCAT-AP recommends an end date; data still being collected covers up to its last update."""
    from vocab.dcat_import import dataset_from_rdf

    ongoing = build(ctx, data_updated_on="2026-10-31")
    context = dcat(ctx)
    graph = graph_of(ongoing, context)
    node = URIRef(f"{BASE}/dataset/ho-tich")
    period = graph.value(node, DCT.temporal)
    assert graph.value(period, DCAT.endDate) == Literal("2026-10-31", datatype=XSD.date)
    assert graph.value(period, CAT.openEnded) == Literal("true", datatype=XSD.boolean)
    harvested = dataset_from_rdf(graph, node, context.terms).data
    assert harvested["temporal_start"].isoformat() == "2020-01-01"
    assert "temporal_end" not in harvested, "the period goes on"


def test_harvester_conventions_hold(ctx: Context) -> None:
    graph = graph_of(build(ctx), dcat(ctx, Visibility.all()))
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)], "no blank nodes"
    untagged = {
        (p, o)
        for _, p, o in graph
        if isinstance(o, Literal) and o.datatype is None and not o.language and p not in CODE_PROPERTIES
    }
    assert not untagged, f"free text without a language tag: {untagged}"
    for subject in {s for s in graph.subjects() if isinstance(s, URIRef)}:
        assert str(subject).startswith(("http://", "https://")), subject
    typed = {
        o for s, p, o in graph if p in (DCT.license, DCT["format"], DCAT.theme, DCT.publisher, DCT.language)
    }
    assert all(graph.value(o, RDF.type) is not None for o in typed), "every referenced object is typed"


def test_catalog_page_lists_only_visible_datasets_with_hydra_links(ctx: Context) -> None:
    build(ctx)
    owner = make_agency(ctx)
    make_dataset(ctx, owner=owner, slug="ban-nhap")  # a draft
    make_dataset(ctx, owner=owner, slug="dung-chung", status="PUBLISHED")  # shared, not open
    visible = Visibility.anonymous()
    service = PublicationService(ctx)
    facts = service.facts(PublicationFilter(visible))
    assert facts.total == 1
    state = CatalogState(None, facts.total, facts.first_created, facts.last_modified)
    everything = service.page(PublicationFilter(Visibility.all()), 1, 10)
    graph = catalog_page_to_rdf(everything, dcat(ctx), state, PageInfo(1, 1, facts.total))
    assert isinstance(graph, Graph)
    catalog = URIRef(f"{BASE}/catalog")
    assert set(graph.objects(catalog, DCAT.dataset)) == {URIRef(f"{BASE}/dataset/ho-tich")}
    assert graph.value(catalog, DCT.publisher) == URIRef(f"{BASE}/agency/H68")
    assert (
        catalog,
        DCAT.themeTaxonomy,
        URIRef("http://publications.europa.eu/resource/authority/data-theme"),
    ) in graph
    page = URIRef(f"{BASE}/catalog?page=1&page_size=1")
    assert (page, RDF.type, HYDRA.PagedCollection) in graph
    assert graph.value(page, HYDRA.totalItems) == Literal(1)
    assert graph.value(page, HYDRA.first) == page
    assert graph.value(page, HYDRA.nextPage) is None


@pytest.mark.parametrize(
    ("number", "expected"), [(1, {"next": 2}), (2, {"next": 3, "previous": 1}), (3, {"previous": 2})]
)
def test_hydra_links_are_absolute_and_doubled(ctx: Context, number: int, expected: dict[str, int]) -> None:
    graph = catalog_page_to_rdf([], dcat(ctx), CatalogState(None, 25), PageInfo(number, 10, 25))
    assert isinstance(graph, Graph)
    page = URIRef(f"{BASE}/catalog?page={number}&page_size=10")
    for name in ("next", "previous"):
        if name in expected:
            target = f"{BASE}/catalog?page={expected[name]}&page_size=10"
            assert graph.value(page, HYDRA[name]) == URIRef(target)
            assert str(graph.value(page, HYDRA[f"{name}Page"])) == target
        else:
            assert graph.value(page, HYDRA[name]) is None
    assert str(graph.value(page, HYDRA.lastPage)) == f"{BASE}/catalog?page=3&page_size=10"
    assert graph.value(page, HYDRA.totalItems) == Literal(25)


@pytest.mark.parametrize("key", ["ttl", "rdf", "jsonld", "nt"])
def test_streamed_pages_parse_back_to_exactly_the_mapped_triples(ctx: Context, key: str) -> None:
    from vocab.dcat_export import stream_catalog
    from vocab.rdf_writers import FORMATS, parse

    build(ctx)
    owner = make_agency(ctx)
    for n in range(3):
        make_dataset(ctx, owner=owner, slug=f"mo-{n}", status="PUBLISHED", sharing_class="MO")
    context = dcat(ctx)
    service = PublicationService(ctx)
    where = PublicationFilter(Visibility.anonymous())
    state = CatalogState(None, 4)
    page = PageInfo(1, 4, 4)
    expected = catalog_page_to_rdf(service.page(where, 1, 4), context, state, page)
    streamed = "".join(stream_catalog(service.batches(where, 1), context, state, FORMATS[key], page))
    parsed = parse(streamed, FORMATS[key])
    assert isinstance(expected, Graph)
    assert set(parsed) == set(expected), "batch by batch, every format: the same triples as one mapped graph"


def test_a_value_blank_once_cleaned_goes_out_as_no_triple(ctx: Context) -> None:
    """A term or a contact name of spaces only (the API trims nothing) adds no triple, never None."""
    dataset = build(ctx, contact_points=[{"name": " ", "email": "an@lamdong.gov.vn"}])
    MappingService(ctx).add(dataset.slug, {"standard": "STD-PID", "relation": "closeMatch", "term": " "})
    dataset = PublicationService(ctx).dataset(dataset.slug, Visibility.all())
    context = dcat(ctx, Visibility.all())
    graph_of(dataset, context)  # rdflib's Graph.add refused the None object (AssertionError)
    buffer = TripleBuffer()
    dataset_to_rdf(dataset, context, buffer)
    assert "<None>" not in writer(FORMATS["ttl"]).write(buffer)

"""The DCAT mapping publishes every property of the registry that names a predicate: the generic
ones by their kind, the others by the hand-written mapping, which this test holds to the list."""

from __future__ import annotations

from rdflib import Graph, URIRef

from dictionary.models import Dataset
from dictionary.properties import DATASET, DISTRIBUTION, FIELD, Kind
from dictionary.services import Context, DistributionService
from dictionary.services.publication import PublicationService
from dictionary.visibility import Visibility
from tests.factories import make_dataset, registry_values
from tests.vocab.test_dcat_mapping import dcat, graph_of

LEGAL = [{"number": "43/2022/QĐ-UBND", "title": "Quy chế", "status": "IN_FORCE", "url": "https://vbpl.vn/x"}]


def _graph(ctx: Context) -> tuple[Graph, URIRef, Dataset]:
    values = registry_values(DATASET, ctx, slug="day-du", legal_basis=LEGAL)
    field = registry_values(FIELD, ctx, name="ma", code_list_standard=None)
    field.pop("foreign_key", None)
    dataset = make_dataset(ctx, **values, fields=[field], contact_points=[{"name": "Nguyễn Văn An"}])
    distribution = registry_values(DISTRIBUTION, ctx, slug="tep", media_type="text/csv")
    DistributionService(ctx).add(dataset.slug, distribution)
    published = PublicationService(ctx).dataset(dataset.slug, Visibility.all())
    graph = graph_of(published, dcat(ctx, Visibility.all()))
    return graph, URIRef("https://data.example.gov.vn/dataset/day-du"), published


def test_every_dataset_property_with_a_predicate_is_published(ctx: Context) -> None:
    graph, node, dataset = _graph(ctx)
    for prop in DATASET:
        if prop.predicate is None or (prop.derived and not getattr(dataset, prop.name)):
            continue  # what a harvest recorded of its source is published when there is some
        predicate = URIRef(prop.predicate)
        if prop.kind is Kind.DATE and prop.name.startswith("temporal"):
            period = graph.value(node, URIRef("http://purl.org/dc/terms/temporal"))
            assert (period, predicate, None) in graph, prop.name
        else:
            assert (node, predicate, None) in graph, f"{prop.name}: no {predicate}"


def test_every_field_and_distribution_property_with_a_predicate_is_published(ctx: Context) -> None:
    graph, _node, _dataset = _graph(ctx)
    used = set(graph.predicates())
    for registry in (FIELD, DISTRIBUTION):
        for prop in registry:
            if prop.predicate is not None and prop.kind is not Kind.REFERENCE:
                assert URIRef(prop.predicate) in used, f"{registry.entity}.{prop.name}: no {prop.predicate}"

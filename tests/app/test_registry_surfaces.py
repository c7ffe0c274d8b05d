"""The REST schemas are made from the property registry: every property is accepted, validated
and returned, and a dataset described with every property comes back as it was sent."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema

from app.api.schemas.agencies import AgencyInputSchema, AgencySchema
from app.api.schemas.datasets import DatasetInputSchema, DatasetSchema, DatasetSummarySchema
from app.api.schemas.dictionary import (
    DistributionInputSchema,
    DistributionSchema,
    FieldInputSchema,
    FieldSchema,
    StandardInputSchema,
    StandardSchema,
)
from dictionary.properties import AGENCY, DATASET, DISTRIBUTION, FIELD, STANDARD, Kind, Properties
from dictionary.services import Context, DistributionService
from dictionary.services.snapshots import dataset_snapshot
from tests.factories import make_dataset, registry_values

SCHEMAS = [
    (DATASET, DatasetInputSchema, DatasetSchema),
    (FIELD, FieldInputSchema, FieldSchema),
    (DISTRIBUTION, DistributionInputSchema, DistributionSchema),
    (AGENCY, AgencyInputSchema, AgencySchema),
    (STANDARD, StandardInputSchema, StandardSchema),
]


@pytest.mark.parametrize(("registry", "given", "returned"), SCHEMAS, ids=lambda x: getattr(x, "entity", ""))
def test_the_schemas_cover_every_property(
    registry: Properties, given: type[Schema], returned: type[Schema]
) -> None:
    assert set(registry.names()) - set(returned().fields) == set()
    assert {prop.name for prop in registry.writable()} - set(given().fields) == set()
    assert {prop.name for prop in registry if prop.derived} & set(given().fields) == set()


def test_the_summary_holds_the_summary_properties_only() -> None:
    summary = set(DatasetSummarySchema().fields)
    assert {prop.name for prop in DATASET if prop.in_summary} <= summary
    assert "description_vi" not in summary and "legal_basis" not in summary


def test_limits_come_from_the_registry() -> None:
    schema = DatasetInputSchema()
    too_long = "a" * (DATASET["title_vi"].max_length + 1)
    errors = schema.validate({"title_vi": too_long, "themes": ["X"] * (DATASET["themes"].max_items + 1)})
    assert set(errors) >= {"title_vi", "themes", "description_vi", "db_category"}
    assert FieldInputSchema().validate({"name": "a", "label_vi": "A", "scale": -1}).keys() == {"scale"}


def _same(prop_kind: Kind, sent: Any, stored: Any) -> bool:
    if prop_kind is Kind.CONCEPT:
        return stored == sent or str(stored).endswith(f"/{sent}")
    if prop_kind is Kind.CONCEPTS:
        pairs = zip(sent, stored, strict=False)
        return len(stored) == len(sent) and all(_same(Kind.CONCEPT, a, b) for a, b in pairs)
    return stored == sent


def test_a_dataset_with_every_property_comes_back_as_sent(ctx: Context) -> None:
    values = registry_values(DATASET, ctx)
    values.pop("slug")
    field = registry_values(FIELD, ctx, name="so_dinh_danh", code_list_standard=None)
    field.pop("foreign_key", None)
    dataset = make_dataset(ctx, **values, fields=[field], contact_points=[{"name": "Nguyễn Văn An"}])
    distribution = registry_values(DISTRIBUTION, ctx, slug="tep", media_type="text/csv")
    DistributionService(ctx).add(dataset.slug, distribution)
    out = DatasetSchema().dump(dataset)
    for name, sent in values.items():
        if DATASET[name].kind is not Kind.RECORDS:
            assert _same(DATASET[name].kind, sent, out[name]), (name, sent, out[name])
    for name, sent in field.items():
        if name in FIELD and FIELD[name].kind is not Kind.REFERENCE:
            assert _same(FIELD[name].kind, sent, out["fields"][0][name]), (name, sent, out["fields"][0][name])
    distribution = out["distributions"][0]
    for prop in DISTRIBUTION.writable():
        assert distribution[prop.name] is not None, prop.name
    snapshot = dataset_snapshot(dataset)
    for name in DATASET.snapshot_names():
        assert name in snapshot, name
        if name in values:
            assert _same(DATASET[name].kind, values[name], snapshot[name]) or DATASET[name].kind is Kind.DATE

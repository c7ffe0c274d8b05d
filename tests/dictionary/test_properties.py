"""dictionary.properties: the registry agrees with the models it describes, and the domain's own
lists (schemes, snapshots, publication rights, the dictionary writes) are read from it."""

from __future__ import annotations

import pytest
from sqlalchemy import String, inspect

from dictionary.models import Agency, DataElement, Dataset, Distribution, Field, Standard
from dictionary.properties import AGENCY, DATASET, DISTRIBUTION, FIELD, STANDARD, TERM, Kind, Properties
from dictionary.services.datasets import DATASET_SCHEMES, PUBLICATION
from dictionary.services.dictionary_writes import FIELD_VALUES
from dictionary.services.snapshots import DATASET_ATTRIBUTES, FIELD_ATTRIBUTES
from dictionary.services.terms import LIST_VALUED, term_snapshot
from dictionary.spreadsheets.term_sheet import HEADERS

MODELS = [
    (DATASET, Dataset), (FIELD, Field), (DISTRIBUTION, Distribution), (AGENCY, Agency), (STANDARD, Standard),
    (TERM, DataElement),
]  # fmt: skip
BOOKKEEPING = {
    "id", "created_at", "updated_at", "lock_version", "dataset_id", "position", "parent_id",
    "update_due_on", "quality_gaps", "foreign_key_field_id", "code_list_standard_id",
    "standard_id", "maintainer_id", "superseded_by_id",
}  # fmt: skip
"""Columns that are not properties a person describes: keys, versions, derived bookkeeping (the
references they hold are properties: ``foreign_key``, ``code_list_standard``, ``parent``)."""


@pytest.mark.parametrize(("registry", "model"), MODELS, ids=lambda x: getattr(x, "entity", ""))
def test_every_column_is_a_property_and_every_plain_property_a_column(
    registry: Properties, model: type
) -> None:
    columns = {column.key for column in inspect(model).columns} - BOOKKEEPING
    plain = {prop.name for prop in registry if prop.kind not in (Kind.RECORDS, Kind.REFERENCE)}
    assert columns - set(registry.names()) == set(), "columns the registry does not describe"
    assert plain - columns == set(), "properties without a column"


@pytest.mark.parametrize(("registry", "model"), MODELS, ids=lambda x: getattr(x, "entity", ""))
def test_text_limits_fit_their_columns_and_required_means_not_null(registry: Properties, model: type) -> None:
    table = inspect(model).columns
    for prop in registry:
        if prop.name not in table:
            continue
        column = table[prop.name]
        if prop.kind in (Kind.TEXT, Kind.URL) and isinstance(column.type, String) and column.type.length:
            assert prop.max_length is not None and prop.max_length <= column.type.length, prop.name
        if prop.required:
            # A source may omit it: nullable, since a harvested record keeps none rather than an invented one.
            assert column.nullable == prop.sources_may_omit, f"{prop.name}: nullable only if omissible"


@pytest.mark.parametrize("registry", [registry for registry, _model in MODELS], ids=lambda r: r.entity)
def test_a_property_is_well_formed(registry: Properties) -> None:
    for prop in registry:
        assert prop.label_vi and prop.label_en, prop.name
        assert (prop.scheme is not None) == prop.coded, f"{prop.name}: a scheme exactly for coded kinds"
        if prop.kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.WORDS):
            assert prop.max_length, f"{prop.name}: texts need a limit"
        assert not (prop.derived and prop.required), prop.name
        assert prop.required or not prop.sources_may_omit, f"{prop.name}: only a required one is omissible"


def test_a_harvested_record_may_lack_what_its_source_may_omit_and_nothing_else() -> None:
    local, harvested = DATASET.required(), DATASET.required(harvested=True)
    assert "description_vi" in local and "description_vi" not in harvested
    assert set(local) - set(harvested) == {"description_vi"}
    assert "title_vi" in harvested and "personal_data" not in local  # derived: never written by people


def test_the_domain_reads_its_lists_from_the_registry() -> None:
    assert DATASET.schemes() == DATASET_SCHEMES
    assert set(PUBLICATION) == {"status", "sharing_class"}
    assert DATASET.snapshot_names() == DATASET_ATTRIBUTES
    assert "completeness" not in DATASET_ATTRIBUTES and "contact_points" not in DATASET_ATTRIBUTES
    assert FIELD_VALUES == FIELD_ATTRIBUTES == FIELD.snapshot_names()
    assert "foreign_key" not in FIELD_VALUES


def test_a_term_is_described_by_the_registry() -> None:
    """The term service, its snapshots and its spreadsheet read the term registry."""
    references = {prop.name: prop.target for prop in TERM.of_kind(Kind.REFERENCE)}
    assert references == {
        "code_list_standard": "standard", "standard": "standard", "maintainer": "agency",
        "superseded_by": "term",
    }  # fmt: skip
    assert all(f"{name}_id" in inspect(DataElement).columns for name in references)
    assert LIST_VALUED == ("synonyms", "abbreviations", "examples")
    assert all(TERM[name].max_items for name in LIST_VALUED)
    blank = DataElement(code="X", synonyms=[], abbreviations=[], examples=[])
    assert set(term_snapshot(blank)) == set(TERM.names())
    keys, names = HEADERS
    assert names == [name for name in TERM.names() if name != "standard"]
    assert keys == [TERM[name].column for name in names]


def test_a_property_described_twice_is_refused() -> None:
    prop = DATASET["title_vi"]
    with pytest.raises(ValueError, match="described twice"):
        Properties("dataset", (prop, prop))

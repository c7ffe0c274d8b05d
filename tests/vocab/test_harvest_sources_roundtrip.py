"""The round trip of issue 13: the demo catalog harvested back as stored sources, from our own CKAN
API into a second empty catalog and from our DCAT into a third, compared with the original.

CKAN carries less than DCAT: no dataset or field mappings, no field code lists or foreign keys,
one list of tags for both languages, resource names in place of distribution identifiers. What its
shape carries must come back as it was (titles, descriptions, our classifications, themes, period,
legal basis, the dictionary's fields, owners, distributions); DCAT must bring back the rest,
mappings included.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from dictionary.demo import load_demo
from dictionary.services import Context
from dictionary.services.harvest_sources import HarvestSourceService
from tests.factories import make_agency
from tests.vocab.test_harvest import serve
from tests.vocab.test_harvest_roundtrip import BASE, empty, export_pages, published
from vocab.harvest_ckan import package_search_url
from vocab.harvest_runs import HarvestRunner
from vocab.rdf_writers import FORMATS

ROWS = 7
CKAN_KEYS = (
    "title_vi",
    "title_en",
    "description_vi",
    "description_en",
    "db_category",
    "sharing_class",
    "importance",
    "arch_component",
    "data_layer",
    "sharing_mode",
    "status",
    "frequency",
    "purpose",
    "scope",
    "content",
    "collection_mechanism",
    "source",
    "related_national_db",
    "themes",
    "temporal_start",
    "temporal_end",
    "data_updated_on",
    "legal_basis",
    "spatial",
    "version",
    "landing_page",
    "owner",
)
FIELD_KEYS = (
    "name",
    "label_vi",
    "label_en",
    "definition",
    "data_type",
    "length",
    "unit",
    "required",
    "unique",
    "primary_key",
    "personal_data",
)


def ckan_pages(client: FlaskClient, total: int) -> dict[str, bytes]:
    """Our /api/3 package_search pages as the CKAN reader asks for them, anonymously."""
    pages = {}
    for start in range(0, total + 1, ROWS):
        url = package_search_url(BASE, start, ROWS)
        response = client.get(url.removeprefix(BASE))
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        pages[url] = response.get_data()
    return pages


def harvest(ctx: Context, kind: str, url: str, pages: dict[str, bytes], content_type: str) -> dict[str, Any]:
    make_agency(ctx, code="NGUON.THU")
    source = HarvestSourceService(ctx).create(
        {"name": kind, "url": url, "kind": kind, "owner": "NGUON.THU", "page_limit": 1000}
    )
    runner = HarvestRunner(ctx, dcat_terms(ctx), serve(pages, content_type), ckan_rows=ROWS)  # type: ignore[arg-type]
    job = runner.run(source.id)
    assert job.status == "succeeded", job.reason
    again = runner.run(source.id)
    assert set(again.counts) == {"unchanged"}, [i for i in again.items if i["action"] != "unchanged"]
    return job.counts


def dcat_terms(ctx: Context) -> Any:
    from tests.vocab.test_dcat_mapping import dcat

    return dcat(ctx).terms


def test_our_ckan_api_and_our_dcat_harvested_as_sources_give_back_the_catalog(
    app: Flask, ctx: Context, anonymous_client: FlaskClient
) -> None:
    load_demo(ctx)
    before = published(ctx)
    ckan = ckan_pages(anonymous_client, len(before))
    dcat = export_pages(ctx, "ttl", page_size=10)

    empty(app, ctx)  # the second catalog: from CKAN
    counts = harvest(ctx, "ckan", BASE, ckan, "application/json")
    assert counts == {"created": len(before)}
    after = published(ctx)
    assert after.keys() == before.keys()
    for slug, expected in before.items():
        copy = after[slug]
        for key in CKAN_KEYS:
            assert copy[key] == expected[key], (slug, key)
        assert sorted(copy["keywords_vi"]) == sorted({*expected["keywords_vi"], *expected["keywords_en"]})
        assert [_field(f) for f in copy["fields"]] == [_field(f) for f in expected["fields"]], slug
        # (format, licence, access rights, media type): the slugs come from the resource names
        assert sorted(d[1:] for d in copy["distributions"]) == sorted(
            d[1:] for d in expected["distributions"]
        )
        assert copy["source_uri"] == f"{BASE}/dataset/{slug}" and copy["issued"] and copy["modified"]
        assert copy["mappings"] == [], "CKAN carries no mappings"

    empty(app, ctx)  # the third catalog: from DCAT, mappings and all
    first = f"{BASE}/catalog?page=1&page_size=10"
    counts = harvest(ctx, "dcat", first, dcat, FORMATS["ttl"].content_type)
    assert counts == {"created": len(before)}
    after = published(ctx)
    assert after.keys() == before.keys()
    for slug, expected in before.items():
        copy = after[slug]
        for key in ("source_uri", "issued", "modified"):
            copy.pop(key), expected.pop(key)
        assert copy == expected, slug


def _field(field: dict[str, Any]) -> dict[str, Any]:
    return {key: field.get(key) for key in FIELD_KEYS}

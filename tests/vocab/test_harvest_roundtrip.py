"""The round trip of issue 3: export the demo catalog, harvest it into an empty catalog, compare.

What must survive is what the export publishes to an anonymous harvester: every open dataset's
description, its visible fields (types, sizes, keys, code lists, personal-data category) and its
mappings onto standards, with the agencies and standards they need. What is deliberately not
published does not come back: restricted fields, contact persons, ownership history, the access
details of restricted distributions, and foreign keys into datasets that are not public.
RDF has no order, so lists (keywords, themes, units) are compared as sets.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import text

from app.extension import catalog_of
from dictionary import concepts as C
from dictionary.demo import load_demo
from dictionary.models import Base
from dictionary.services import Context
from dictionary.services.publication import PublicationFilter, PublicationService
from dictionary.services.snapshots import dataset_snapshot
from dictionary.visibility import Visibility
from tests.vocab.test_dcat_mapping import dcat
from tests.vocab.test_harvest import serve
from vocab.dcat_dictionary import visible_fields
from vocab.dcat_service import DcatPublisher
from vocab.harvest import Harvester
from vocab.rdf_writers import FORMATS

BASE = "https://data.example.gov.vn"
UNORDERED = ("keywords_vi", "keywords_en", "themes", "spatial")


def published(ctx: Context) -> dict[str, dict[str, Any]]:
    """Each anonymously visible dataset as the export should carry it, by slug."""
    context = dcat(ctx)
    visible = PublicationService(ctx).page(PublicationFilter(Visibility.anonymous()), 1, 1000)
    result = {}
    for dataset in visible:
        names = {field.name for field in visible_fields(dataset, context)}
        snapshot = dataset_snapshot(dataset)
        for name in UNORDERED:
            snapshot[name] = sorted(snapshot[name])
        # dcatap:applicableLegislation is a set in RDF: the harvester orders it by document number.
        snapshot["legal_basis"] = sorted(
            ({k: v for k, v in doc.items() if v is not None} for doc in snapshot["legal_basis"]),
            key=lambda doc: doc["number"],
        )
        snapshot["fields"] = [_field(f, visible) for f in snapshot["fields"] if f["name"] in names]
        snapshot["mappings"] = [m for m in snapshot["mappings"] if m["field"] is None or m["field"] in names]
        snapshot["owner"] = dataset.current_assignment(C.OWNER).agency.code  # type: ignore[union-attr]
        snapshot["distributions"] = sorted(
            (d["slug"], d["format"], d["licence"], d["access_rights"], d["media_type"])
            for d in snapshot["distributions"]
        )
        for hidden in ("ownerships", "contact_points", "personal_data"):
            snapshot.pop(hidden)
        result[dataset.slug] = snapshot
    return result


def _field(field: dict[str, Any], visible: list[Any]) -> dict[str, Any]:
    target = field.get("foreign_key")
    if target and target["dataset"] not in {d.slug for d in visible}:
        field = field | {"foreign_key": None}
    return field


def export_pages(ctx: Context, key: str, page_size: int) -> dict[str, bytes]:
    publisher = DcatPublisher(ctx, dcat(ctx))
    pages, number = {}, 1
    while True:
        result = publisher.catalog_page(FORMATS[key], number, page_size)
        pages[f"{BASE}/catalog?page={number}&page_size={page_size}"] = "".join(result.chunks).encode()
        if number >= result.info.last:
            return pages
        number += 1


def empty(app: Flask, ctx: Context) -> None:
    ctx.session.rollback()
    ctx.session.expunge_all()
    names = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with catalog_of(app).engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in names) + " CASCADE"))
            return
        # Agencies point at each other (parents, lineage): check references after, not per row.
        connection.execute(text("PRAGMA defer_foreign_keys = ON"))
        for name in names:
            connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608 - names from our metadata


def test_demo_catalog_survives_export_and_harvest_into_an_empty_catalog(app: Flask, ctx: Context) -> None:
    load_demo(ctx)
    before = published(ctx)
    pages = export_pages(ctx, "rdf", page_size=4)  # RDF/XML: what every harvester reads
    assert len(pages) > 2
    empty(app, ctx)

    harvester = Harvester(ctx, dcat(ctx).terms, serve(pages, FORMATS["rdf"].content_type))
    dry = harvester.run(f"{BASE}/catalog?page=1&page_size=4", dry_run=True)
    assert dry.counts() == {"would be created": len(before)}, [
        i for i in dry.items if "would" not in i.action
    ]
    assert not PublicationService(ctx).facts(PublicationFilter(Visibility.all())).total, (
        "a dry run writes nothing"
    )

    report = harvester.run(f"{BASE}/catalog?page=1&page_size=4")
    assert report.counts() == {"created": len(before)}, [i for i in report.items if i.action != "created"]
    assert report.pages == list(pages) and report.stopped is None
    after = published(ctx)
    assert after.keys() == before.keys()
    for slug, expected in before.items():
        copy = after[slug]
        # The copy records where it came from and the dates its source published: new, on purpose.
        assert copy.pop("source_uri") == f"{BASE}/dataset/{slug}"
        assert copy.pop("issued") and copy.pop("modified")
        for key in ("source_uri", "issued", "modified"):
            assert expected.pop(key) is None
        for key, value in expected.items():
            assert copy[key] == value, (slug, key)

    again = harvester.run(f"{BASE}/catalog?page=1&page_size=4")
    assert again.counts() == {"unchanged": len(before)}, "a re-harvest neither duplicates nor rewrites"

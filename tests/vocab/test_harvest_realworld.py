"""vocab.harvest on documents nobody here wrote (tests/vocab/data/realworld, sources in its README).

Every document is harvested as a dry run and for real: nothing escapes, every dataset of the source
is either imported or reported with a plain reason, and no raw error (SQL, exception names) shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dictionary.models import Agency, Dataset, Revision
from dictionary.services import Context
from tests.factories import make_agency
from tests.vocab.test_harvest import harvester
from vocab.dcat_import import Defaults
from vocab.harvest import Fetched, HarvestReport
from vocab.harvest_fetch import read_page
from vocab.rdf_ns import DCAT, RDF

REALWORLD = Path(__file__).parent / "data" / "realworld"
DOCUMENTS = sorted(p for p in REALWORLD.iterdir() if p.suffix in (".ttl", ".rdf", ".jsonld"))
CONTENT_TYPES = {".ttl": "text/turtle", ".rdf": "application/rdf+xml", ".jsonld": "application/ld+json"}
RAW = re.compile(
    r"IntegrityError|KeyError|Traceback|INSERT INTO|UPDATE \w+ SET|SELECT |sqlite3|psycopg|\[SQL"
)
IMPORTED = {"created", "updated", "unchanged"}


def serve_file(path: Path) -> tuple[str, object]:
    url = f"https://source.example.org/{path.name}"

    def fetch(requested: str, *, timeout: float) -> Fetched:
        assert requested == url, f"the harvest asked for {requested}, not the source"
        return Fetched(url, CONTENT_TYPES[path.suffix], path.read_bytes())

    return url, fetch


def source_datasets(path: Path) -> int:
    graph = read_page(Fetched(path.name, CONTENT_TYPES[path.suffix], path.read_bytes()))
    return len(set(graph.subjects(RDF.type, DCAT.Dataset)))


def assert_plain(report: HarvestReport) -> None:
    for item in report.items:
        assert not RAW.search(item.message), item
    for error in report.errors:
        assert not RAW.search(error), error


def test_the_corpus_is_there() -> None:
    assert len(DOCUMENTS) >= 12, DOCUMENTS


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_real_world_document_is_harvested_or_reported_item_by_item(ctx: Context, path: Path) -> None:
    url, fetch = serve_file(path)
    expected = source_datasets(path)
    make_agency(ctx, code="H68.06")
    ctx.session.commit()
    defaults = Defaults(owner="H68.06")  # for sources that name no publisher at all
    preview = harvester(ctx, fetch, defaults=defaults).run(url, dry_run=True)
    assert_plain(preview)
    assert not preview.errors, preview.errors
    assert len(preview.items) == expected, preview.items
    assert ctx.session.scalar(select(func.count(Dataset.id))) == 0, "a dry run writes nothing"
    agencies = ctx.session.scalar(select(func.count(Agency.id)))
    assert agencies == 1, "a dry run registers no agency"

    report = harvester(ctx, fetch, defaults=defaults).run(url)
    assert_plain(report)
    assert not report.errors, report.errors
    assert [i.action for i in report.items] == ["created"] * expected, (
        "a value outside our tables is noted, never a reason to refuse a dataset",
        report.items,
    )
    assert [i.action for i in preview.items] == ["would be created"] * expected
    assert ctx.session.scalar(select(func.count(Dataset.id))) == expected

    agencies = ctx.session.scalar(select(func.count(Agency.id)))
    again = harvester(ctx, fetch, defaults=defaults).run(url)
    assert [i.action for i in again.items] == ["unchanged"] * expected, again.items
    assert ctx.session.scalar(select(func.count(Agency.id))) == agencies, "a re-harvest registers no agency"
    revisions = ctx.session.scalar(select(func.count(Revision.id)))
    assert revisions == expected, "exactly one revision per new dataset, none for an unchanged one"

"""vocab.harvest: reading DCAT-AP pages safely and writing datasets one transaction each."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from sqlalchemy import func, select

from dictionary.models import Dataset, Revision
from dictionary.services import Context, DatasetService
from dictionary.visibility import Visibility
from tests.factories import make_agency
from tests.vocab.test_dcat_mapping import build, dcat
from vocab.dcat_import import Defaults
from vocab.harvest import Fetched, Harvester, next_page
from vocab.namespaces import DCAT, DCT, FOAF, HYDRA
from vocab.rdf_writers import FORMATS, serialize

BASE = "https://data.example.gov.vn"
SOURCE = "https://source.example.org"


def serve(pages: dict[str, Graph | bytes], content_type: str = "text/turtle") -> Callable[..., Fetched]:
    """A fetcher answering from a dict of URL → graph (served as Turtle) or raw bytes."""

    def fetch(url: str, *, timeout: float) -> Fetched:
        if url not in pages:
            raise OSError(f"404 for {url}")
        page = pages[url]
        body = serialize(page, FORMATS["ttl"]).encode() if isinstance(page, Graph) else page
        return Fetched(url, content_type, body)

    return fetch


def through(client: FlaskClient) -> Callable[..., Fetched]:
    """A fetcher that asks this catalog's own routes (what a remote harvester would get)."""

    def fetch(url: str, *, timeout: float) -> Fetched:
        response = client.get(url.removeprefix(BASE))
        assert response.status_code == 200, (url, response.status_code)
        return Fetched(url, response.content_type, response.get_data())

    return fetch


def foreign_page(number: int, *, next_number: int | None = None, datasets: int = 2) -> Graph:
    """A page of a plain DCAT-AP catalog (no cat: properties), as another portal publishes it."""
    graph = Graph()
    publisher = URIRef(f"{SOURCE}/org/so-tnmt")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal("Sở Tài nguyên và Môi trường", lang="vi")))
    graph.add((publisher, DCT.identifier, Literal("SO-TNMT")))
    for n in range(datasets):
        node = URIRef(f"{SOURCE}/dataset/p{number}-{n}")
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCT.identifier, Literal(f"src-{number}-{n}")))
        graph.add((node, DCT.title, Literal(f"Tập dữ liệu {number}.{n}", lang="vi")))
        graph.add((node, DCT.description, Literal("Mô tả tập dữ liệu nguồn", lang="vi")))
        graph.add((node, DCT.publisher, publisher))
        graph.add(
            (node, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/ENVI"))
        )
    page = URIRef(f"{SOURCE}/catalog?page={number}")
    graph.add((page, RDF.type, HYDRA.PagedCollection))
    graph.add((page, HYDRA.totalItems, Literal(10)))
    if next_number is not None:
        graph.add((page, HYDRA.nextPage, Literal(f"{SOURCE}/catalog?page={next_number}")))
    return graph


def harvester(ctx: Context, fetch: Callable[..., Fetched], **options: object) -> Harvester:
    return Harvester(ctx, dcat(ctx).terms, fetch, **options)  # type: ignore[arg-type]


def count(ctx: Context) -> int:
    return ctx.session.scalar(select(func.count(Dataset.id))) or 0


def test_a_foreign_catalog_is_created_with_defaults_and_its_publisher(ctx: Context) -> None:
    pages = {
        f"{SOURCE}/catalog?page=1": foreign_page(1, next_number=2),
        f"{SOURCE}/catalog?page=2": foreign_page(2),
    }
    report = harvester(ctx, serve(pages)).run(f"{SOURCE}/catalog?page=1")
    assert report.counts() == {"created": 4}, report.items
    assert report.stopped is None and not report.errors
    dataset = DatasetService(ctx).get("p1-0")  # our slug: the last segment of the source URI
    assert dataset.themes == ["https://data.lamdong.gov.vn/vocab/themes/MOI_TRUONG"]
    assert (
        dataset.current_assignment("https://data.lamdong.gov.vn/vocab/ownership-roles/OWNER").agency.code
        == "SO-TNMT"
    )
    again = harvester(ctx, serve(pages)).run(f"{SOURCE}/catalog?page=1")
    assert again.counts() == {"unchanged": 4}, "a re-harvest finds the same records by identifier"
    assert count(ctx) == 4


def test_a_harvest_writes_one_revision_per_new_or_changed_dataset(ctx: Context) -> None:
    """Creating a dataset, its dictionary, distributions and owners is one unit of work: one revision."""
    pages = {f"{SOURCE}/catalog?page=1": foreign_page(1, datasets=3)}
    assert harvester(ctx, serve(pages)).run(f"{SOURCE}/catalog?page=1").counts() == {"created": 3}
    revisions = dict(
        ctx.session.execute(
            select(Dataset.slug, func.count(Revision.id)).join(Revision).group_by(Dataset.slug)
        ).all()
    )
    assert revisions == {"p1-0": 1, "p1-1": 1, "p1-2": 1}
    versions = ctx.session.scalars(select(Dataset.lock_version).where(Dataset.slug.in_(revisions)))
    assert set(versions) == {1}
    changed = foreign_page(1, datasets=3)
    changed.set((URIRef(f"{SOURCE}/dataset/p1-0"), DCT.title, Literal("Tên đã đổi", lang="vi")))
    again = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": changed})).run(f"{SOURCE}/catalog?page=1")
    assert again.counts() == {"updated": 1, "unchanged": 2}, again.items
    dataset = DatasetService(ctx).get("p1-0")
    assert DatasetService(ctx).revision_count(dataset) == 2 and dataset.lock_version == 2


def test_dry_run_reports_and_writes_nothing(ctx: Context) -> None:
    pages = {f"{SOURCE}/catalog?page=1": foreign_page(1)}
    report = harvester(ctx, serve(pages)).run(f"{SOURCE}/catalog?page=1", dry_run=True)
    assert report.counts() == {"would be created": 2}
    assert count(ctx) == 0


@pytest.mark.parametrize(
    ("links", "reason"),
    [
        ({1: 2, 2: 1}, "loop"),
        ({1: 2, 2: 3, 3: 4, 4: 5, 5: 6}, "page limit"),
    ],
)
def test_paging_stops_on_loops_and_at_the_page_limit(
    ctx: Context, links: dict[int, int], reason: str
) -> None:
    pages: dict[str, Graph | bytes] = {
        f"{SOURCE}/catalog?page={n}": foreign_page(n, next_number=links.get(n)) for n in range(1, 7)
    }
    report = harvester(ctx, serve(pages), max_pages=3).run(f"{SOURCE}/catalog?page=1")
    assert report.stopped is not None and reason in report.stopped
    assert len(report.pages) <= 3
    assert report.counts()["created"] == 2 * len(report.pages)


def test_same_content_under_another_url_is_a_loop(ctx: Context) -> None:
    same = serialize(foreign_page(1, next_number=2), FORMATS["ttl"]).encode()
    pages: dict[str, Graph | bytes] = {f"{SOURCE}/catalog?page=1": same, f"{SOURCE}/catalog?page=2": same}
    report = harvester(ctx, serve(pages)).run(f"{SOURCE}/catalog?page=1")
    assert report.stopped is not None and "repeats" in report.stopped
    assert report.counts() == {"created": 2}


def test_time_limit_and_other_hosts_and_fetch_errors(ctx: Context) -> None:
    ticks = iter(range(0, 1000, 40))
    pages: dict[str, Graph | bytes] = {
        f"{SOURCE}/catalog?page={n}": foreign_page(n, next_number=n + 1) for n in range(1, 9)
    }
    timed = harvester(ctx, serve(pages), timeout=100, clock=lambda: float(next(ticks))).run(
        f"{SOURCE}/catalog?page=1"
    )
    assert timed.stopped is not None and "time limit" in timed.stopped
    elsewhere = foreign_page(1)
    elsewhere.add(
        (URIRef(f"{SOURCE}/catalog?page=1"), HYDRA.next, URIRef("https://evil.example/catalog?page=2"))
    )
    report = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": elsewhere})).run(f"{SOURCE}/catalog?page=1")
    assert report.stopped is not None and "another host" in report.stopped
    broken = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": foreign_page(1, next_number=2)}))
    failed = broken.run(f"{SOURCE}/catalog?page=1")
    assert failed.errors and "404" in failed.errors[0]
    assert set(failed.counts()) <= {"created", "unchanged"}, (
        "what was read before the error is still imported"
    )


def test_bad_records_are_reported_and_never_abort_the_run(ctx: Context) -> None:
    page = foreign_page(1, datasets=3)
    anonymous = BNode()
    page.add((anonymous, RDF.type, DCAT.Dataset))
    page.add((anonymous, DCT.title, Literal("Không có định danh", lang="vi")))
    untitled = URIRef(f"{SOURCE}/dataset/untitled")
    page.add((untitled, RDF.type, DCAT.Dataset))
    page.add((untitled, DCT.identifier, Literal("untitled")))
    twin = URIRef(f"{SOURCE}/dataset/twin")
    page.add((twin, RDF.type, DCAT.Dataset))
    page.add((twin, DCT.identifier, Literal("src-1-0")))
    page.add((twin, DCT.title, Literal("Trùng định danh", lang="vi")))
    bad = URIRef(f"{SOURCE}/dataset/p1-2")
    page.add(
        (
            bad,
            URIRef("https://data.lamdong.gov.vn/def/catalog#sharingClass"),
            URIRef("https://x.example/nope"),
        )
    )
    report = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": page})).run(f"{SOURCE}/catalog?page=1")
    actions = {item.uri: (item.action, item.message) for item in report.items if item.identifier}
    assert actions[f"{SOURCE}/dataset/p1-0"][0] == "created"
    assert actions[f"{SOURCE}/dataset/p1-1"][0] == "created"
    assert actions[str(bad)][0] == "failed" and "sharing_class" in actions[str(bad)][1]
    assert actions[str(untitled)] == ("skipped", "untitled: missing dct:title")
    assert actions[str(twin)][0] == "failed" and "duplicate identifier" in actions[str(twin)][1]
    assert [i.action for i in report.items if i.identifier is None] == ["skipped"], "the blank-node dataset"
    assert count(ctx) == 2


def test_no_publisher_needs_a_default_owner(ctx: Context) -> None:
    page = foreign_page(1, datasets=1)
    page.remove((None, DCT.publisher, None))
    first = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": page})).run(f"{SOURCE}/catalog?page=1")
    assert first.counts() == {"failed": 1} and "owner" in first.items[0].message
    make_agency(ctx, code="H68.99")
    second = harvester(ctx, serve({f"{SOURCE}/catalog?page=1": page}), defaults=Defaults(owner="H68.99"))
    assert second.run(f"{SOURCE}/catalog?page=1").counts() == {"created": 1}


@pytest.mark.parametrize("key", sorted(FORMATS))
def test_our_own_pages_in_every_format_read_back_unchanged(
    ctx: Context, client: FlaskClient, key: str
) -> None:
    """Harvesting this catalog into itself: every format must give back exactly what is stored."""
    build(ctx)
    report = harvester(ctx, through(client), own_base=BASE).run(f"{BASE}/catalog.{key}?page=1&page_size=1")
    assert report.counts() == {"unchanged": 1}, report.items
    assert report.pages == [f"{BASE}/catalog.{key}?page=1&page_size=1"]


def test_a_changed_record_is_updated_not_duplicated(ctx: Context, anonymous_client: FlaskClient) -> None:
    build(ctx)
    saved = {f"{BASE}/catalog?page=1": through(anonymous_client)(f"{BASE}/catalog.ttl", timeout=1).body}
    DatasetService(ctx).update("ho-tich", {"title_vi": "Tiêu đề đã bị sửa", "keywords_vi": []})
    report = harvester(ctx, serve(saved)).run(f"{BASE}/catalog?page=1")
    assert report.counts() == {"updated": 1}, report.items
    dataset = DatasetService(ctx).get("ho-tich")
    assert dataset.title_vi != "Tiêu đề đã bị sửa"
    assert count(ctx) == 1


def test_next_page_reads_hydra_next_or_next_page() -> None:
    graph = Graph()
    view = URIRef("https://x.example/c?page=1")
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.next, URIRef("https://x.example/c?page=2")))
    assert next_page(graph, "https://x.example/c") == "https://x.example/c?page=2"
    legacy = Graph()
    legacy.add((view, RDF.type, HYDRA.PagedCollection))
    legacy.add((view, HYDRA.nextPage, Literal("/c?page=3")))
    assert next_page(legacy, "https://x.example/c?page=2") == "https://x.example/c?page=3"
    assert next_page(Graph(), "https://x.example/") is None
    assert Visibility.anonymous()  # the fixtures above publish anonymously


def test_a_record_gone_from_the_source_is_reported_or_withdrawn_never_deleted(ctx: Context) -> None:
    url = f"{SOURCE}/catalog?page=1"
    assert harvester(ctx, serve({url: foreign_page(1, datasets=3)})).run(url).counts() == {"created": 3}
    fewer = foreign_page(1, datasets=2)
    reported = harvester(ctx, serve({url: fewer})).run(url)
    assert reported.counts() == {"unchanged": 2, "removed at the source": 1}, reported.items
    assert DatasetService(ctx).get("p1-2").status.endswith("PUBLISHED"), "only reported"
    preview = harvester(ctx, serve({url: fewer}), withdraw_missing=True).run(url, dry_run=True)
    assert preview.counts()["would be withdrawn"] == 1
    assert DatasetService(ctx).get("p1-2").status.endswith("PUBLISHED"), "a dry run changes nothing"
    withdrawn = harvester(ctx, serve({url: fewer}), withdraw_missing=True).run(url)
    assert withdrawn.counts()["withdrawn"] == 1
    assert DatasetService(ctx).get("p1-2").status.endswith("RETIRED") and count(ctx) == 3, (
        "retired, not deleted"
    )
    broken = harvester(ctx, serve({}), withdraw_missing=True).run(url)
    assert broken.errors and "withdrawn" not in broken.counts(), "an incomplete read withdraws nothing"


def test_a_changed_source_record_writes_one_revision(ctx: Context) -> None:
    url = f"{SOURCE}/catalog?page=1"
    harvester(ctx, serve({url: foreign_page(1, datasets=1)})).run(url)
    changed = foreign_page(1, datasets=1)
    node = URIRef(f"{SOURCE}/dataset/p1-0")
    changed.add((node, DCAT.keyword, Literal("đất đai", lang="vi")))
    changed.add(
        (node, DCT.issued, Literal("2020-01-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")))
    )
    report = harvester(ctx, serve({url: changed})).run(url)
    assert report.counts() == {"updated": 1}, report.items
    dataset = DatasetService(ctx).get("p1-0")
    assert dataset.keywords_vi == ["đất đai"] and dataset.issued == "2020-01-02"
    assert DatasetService(ctx).revision_count(dataset) == 2
    again = harvester(ctx, serve({url: changed})).run(url)
    assert again.counts() == {"unchanged": 1} and DatasetService(ctx).revision_count(dataset) == 2

"""What the pages show, to whom, and at which URL.

- the walk reaches every page endpoint (an unlinked page would be untested);
- the dataset page at the dataset's own URI: HTML for browsers, RDF for harvesters, one route;
- visibility: drafts and private datasets do not exist for anonymous visitors, restricted fields,
  contacts and access URLs show only to the owning scope, revision diffs are redacted alike;
- the home, search, agency (tree and lineage), standard and vocabulary pages show their content;
- error pages: HTML in the visitor's language for browsers, JSON for the API and for machines.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from app.extension import catalog_of
from app.web.negotiation import prefers_html
from dictionary import concepts as C
from dictionary.redaction import redact_snapshot
from dictionary.services import Context, DatasetService, FieldService
from tests.factories import DatasetData, FieldData, field_inputs, make_agency, make_dataset
from tests.web.conftest import BROWSER, PAGES_AT_URIS, Site
from tests.web.html import parse, text_of


def page(client: FlaskClient, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, headers={**BROWSER, **headers})
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


# The walk ------------------------------------------------------------------------------------


def test_the_walk_reaches_every_page(app: Flask, site: Site) -> None:
    # An alias; forms' actions (POST); a page of administrators only (tests/web/test_password_reset.py).
    redirects = {
        "web.standard_alias", "web.notifications_read", "web.notification_preferences",
        "web.password_reset_issue",
        "web.accept_term",  # a form's action (POST): tests/web/test_term_accept.py
        "web.term_import",  # administrators only: tests/web/test_term_import_page.py
        "web.campaign_close",
        # administrators only: tests/web/test_forms_harvest.py
        "web.harvest_sources", "web.harvest_source", "web.harvest_job", "web.harvest_run",
        "web.harvest_edit", "web.harvest_delete",
    }  # fmt: skip
    redirects |= {"web.api_docs", "web.api_docs_asset"}  # under /api/, left by the walk: test_api_docs.py
    web = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("web.")}
    assert site.endpoints >= (web - redirects) | PAGES_AT_URIS
    for viewer in ("anonymous", "steward"):
        for lang in ("vi", "en"):
            assert site.find(viewer, lang, "rdf.dataset"), (viewer, lang)


def test_restricted_fields_show_to_the_owning_scope_only(site: Site) -> None:
    def dictionary(viewer: str) -> tuple[str, str]:
        found = [
            p
            for p in site.find(viewer, "vi", "rdf.dataset")
            if p.url == "/dataset/tro-giup-xa-hoi-hang-thang"
        ]
        assert found
        root = parse(found[0].html)
        table = root.find(".//table[@class='dictionary']")
        return (text_of(table) if table is not None else ""), found[0].html

    # Anonymous visitors do not see this shared dataset at all; its owner's steward sees everything.
    assert [
        p.status
        for p in site.pages
        if p.viewer == "anonymous" and p.url.endswith("tro-giup-xa-hoi-hang-thang")
    ] == [404, 404]
    steward_table, steward_html = dictionary("steward")
    assert "dan_toc" in steward_table
    assert "trường hạn chế không hiển thị" not in steward_html
    draft = [p for p in site.pages if p.viewer == "steward" and p.url == "/dataset/tiem-chung-ho-so-suc-khoe"]
    assert draft and draft[0].status == 200, "the owner sees its own draft"


def test_history_is_open_to_whoever_sees_the_dataset_and_shows_diffs(site: Site) -> None:
    anonymous = [p for p in site.pages if p.viewer == "anonymous" and p.endpoint == "web.dataset_history"]
    # 200 for an open dataset, 404 for one anonymous visitors do not see; never "sign in" (401).
    assert anonymous and all(p.status in (200, 404) for p in anonymous), [
        (p.url, p.status) for p in anonymous
    ]
    compared = [p for p in site.pages if p.viewer == "steward" and "from=1&to=3" in p.url and p.lang == "vi"]
    assert compared and compared[0].status == 200
    root = parse(compared[0].html)
    assert "Thay đổi từ phiên bản 1 đến phiên bản 3" in text_of(root)
    assert root.find(".//input[@id='from-1']").get("checked") is not None


# At the dataset's URI --------------------------------------------------------------------------


def test_one_uri_html_for_browsers_rdf_for_harvesters(anonymous_client: FlaskClient, ctx: Context) -> None:
    make_dataset(ctx, slug="mo", status="PUBLISHED", sharing_class="MO")
    browser = anonymous_client.get("/dataset/mo", headers=BROWSER)
    assert browser.mimetype == "text/html" and "Accept" in browser.headers["Vary"]
    assert '<link rel="alternate" type="text/turtle" href="/dataset/mo.ttl">' in browser.get_data(
        as_text=True
    )
    for accept in ("text/turtle", "*/*", "application/ld+json, text/html;q=0.5"):
        response = anonymous_client.get("/dataset/mo", headers={"Accept": accept})
        assert response.status_code == 200 and response.mimetype != "text/html", accept
    assert anonymous_client.get("/dataset/mo").mimetype == "text/turtle", "no Accept header: RDF"
    assert anonymous_client.get("/dataset/mo.ttl", headers=BROWSER).mimetype == "text/turtle"


def test_prefers_html_only_when_html_is_named(app: Flask) -> None:
    cases = {
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": True,
        "text/html": True,
        "*/*": False,
        "": False,
        "text/turtle, text/html;q=0.1": False,
        "application/rdf+xml;q=0.5, text/html": True,
    }
    for accept, expected in cases.items():
        with app.test_request_context("/", headers={"Accept": accept} if accept else {}):
            assert prefers_html() is expected, accept


def test_other_resources_answer_browsers_with_pages(anonymous_client: FlaskClient, ctx: Context) -> None:
    agency = make_agency(ctx, code="T900.H68")
    make_dataset(ctx, owner=agency, status="PUBLISHED", sharing_class="MO")
    for url in ("/agency/T900.H68", "/vocab/themes", "/vocab/themes/KINH_TE"):
        assert "<h1>" in page(anonymous_client, url)
        assert anonymous_client.get(url, headers={"Accept": "text/turtle"}).mimetype == "text/turtle"


# Visibility ------------------------------------------------------------------------------------


def test_drafts_and_private_datasets_do_not_exist_for_anonymous_visitors(
    anonymous_client: FlaskClient, client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    owner = make_agency(ctx, code="T901.H68")
    make_dataset(ctx, owner=owner, slug="nhap")
    make_dataset(ctx, owner=owner, slug="rieng", status="PUBLISHED", sharing_class="DUNG_RIENG")
    for slug in ("nhap", "rieng"):
        body = page(anonymous_client, f"/dataset/{slug}", 404)
        assert "Không tìm thấy trang" in body
    assert "nhap" not in page(anonymous_client, "/search")
    staff = client_as("viewer", "T901.H68")
    assert "<h1>" in page(staff, "/dataset/nhap")


def test_outsiders_see_no_restricted_field_contact_or_access_url(
    client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    owner = make_agency(ctx, code="T902.H68")
    other = make_agency(ctx, code="T903.H68")
    data = DatasetData(owner=owner.code, slug="ho-so", status="PUBLISHED")
    data["contact_points"] = [{"name": "Nguyễn Văn An", "email": "an@t902.gov.vn"}]
    data["fields"] = field_inputs(
        FieldData(name="cong_khai"), FieldData(name="so_dinh_danh", restricted=True)
    )
    from app.api.schemas.datasets import DatasetCreateSchema

    DatasetService(ctx).create(DatasetCreateSchema().load(data))
    outsider = page(client_as("viewer", other.code), "/dataset/ho-so")
    assert "cong_khai" in outsider and "so_dinh_danh" not in outsider and "Nguyễn Văn An" not in outsider
    assert "1 trường hạn chế không hiển thị" in outsider
    assert "nằm ngoài phạm vi quản lý của bạn" in outsider, "using it needs an approved request"
    assert "/api/v1/datasets/ho-so/dictionary.csv" in outsider, "the dictionary downloads, redacted"
    download = (
        client_as("viewer", other.code).get("/api/v1/datasets/ho-so/dictionary.csv").get_data(as_text=True)
    )
    assert "cong_khai" in download and "so_dinh_danh" not in download
    insider = page(client_as("viewer", owner.code), "/dataset/ho-so")
    assert "so_dinh_danh" in insider and "Nguyễn Văn An" in insider
    assert "phạm vi quản lý của bạn" not in insider, "no approval needed inside the owner's scope"


def test_the_dataset_page_links_to_editing_for_its_editors_only(
    anonymous_client: FlaskClient, client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    owner = make_agency(ctx, code="T904.H68")
    other = make_agency(ctx, code="T905.H68")
    make_dataset(ctx, owner=owner, slug="sua-duoc", status="PUBLISHED", sharing_class="MO")
    ctx.session.commit()
    edit = "/dataset/sua-duoc/edit"
    assert edit in page(client_as("editor", owner.code), "/dataset/sua-duoc")
    assert edit in page(client_as("admin"), "/dataset/sua-duoc")
    for viewer in (client_as("viewer", owner.code), client_as("editor", other.code), anonymous_client):
        assert edit not in page(viewer, "/dataset/sua-duoc")


def test_revision_diffs_are_redacted_for_outsiders(
    client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    owner = make_agency(ctx, code="T904.H68")
    other = make_agency(ctx, code="T905.H68")
    make_dataset(
        ctx,
        owner=owner,
        slug="doi",
        status="PUBLISHED",
        fields=field_inputs(FieldData(name="mat", restricted=True), FieldData(name="mo_ta")),
    )
    fields = FieldService(ctx)
    fields.update("doi", "mat", {"definition": "Bí mật: thay đổi"})
    fields.update("doi", "mo_ta", {"definition": "Định nghĩa công khai mới"})
    outsider = page(client_as("viewer", other.code), "/dataset/doi/history?from=1&to=3")
    assert "Định nghĩa công khai mới" in outsider and "Bí mật" not in outsider and ">mat<" not in outsider
    insider = page(client_as("viewer", owner.code), "/dataset/doi/history?from=1&to=3")
    assert "Bí mật: thay đổi" in insider
    assert page(client_as("viewer", owner.code), "/dataset/doi/history?from=x&to=2", 400)


def test_redact_snapshot() -> None:
    snapshot = {
        "fields": [{"name": "a", "restricted": False}, {"name": "b", "restricted": True}],
        "mappings": [{"field": "a"}, {"field": "b"}, {"field": None}],
        "contact_points": [{"name": "X"}],
        "distributions": [
            {"slug": "api", "access_url": "https://x", "title_vi": "API"},
            {"slug": "csv", "access_url": "https://mo/x.csv", "access_rights": C.PUBLIC_ACCESS},
        ],
    }
    redacted = redact_snapshot(snapshot, {"b"}, details=False)
    assert [f["name"] for f in redacted["fields"]] == ["a"]
    assert redacted["mappings"] == [{"field": "a"}, {"field": None}]
    assert redacted["contact_points"] == []
    assert redacted["distributions"] == [
        {"slug": "api", "access_url": None, "title_vi": "API"},
        {"slug": "csv", "access_url": "https://mo/x.csv", "access_rights": C.PUBLIC_ACCESS},
    ]
    assert len(snapshot["fields"]) == 2, "the snapshot itself is untouched"


# Content of the pages --------------------------------------------------------------------------


def test_home_counts_only_what_the_visitor_may_see(anonymous_client: FlaskClient, ctx: Context) -> None:
    make_dataset(ctx, slug="mo", status="PUBLISHED", sharing_class="MO", themes=["MOI_TRUONG"])
    make_dataset(ctx, slug="chung", status="PUBLISHED")
    root = parse(page(anonymous_client, "/"))
    stats = [text_of(li) for li in root.find(".//ul[@class='stats']")]
    assert stats[0] == "1 cơ sở dữ liệu"
    assert root.find(".//input[@id='q']").get("data-suggest") == "/api/v1/search/suggest"
    assert "/search?theme=MOI_TRUONG" in page(anonymous_client, "/")
    sign_in = root.find(".//header//a[@class='header-button']")
    assert sign_in is not None and sign_in.get("href") == "/login?next=/"


def test_signed_in_staff_see_their_name_and_a_sign_out_form(
    client_as: Callable[..., FlaskClient], ctx: Context
) -> None:
    make_agency(ctx, code="T908.H68")
    root = parse(page(client_as("viewer", "T908.H68", name="Lê Văn Cường"), "/"))
    header = root.find(".//header")
    assert "Lê Văn Cường" in text_of(header)
    form = header.find(".//form")
    assert form.get("method") == "post" and form.find(".//input[@name='csrf_token']").get("value")


def test_search_page_is_a_shareable_url_with_facets(site: Site) -> None:
    pages = [p for p in site.find("steward", "vi", "web.search_page") if p.url == "/search?q=ma+so+thue"]
    root = parse(pages[0].html)
    assert root.find(".//ol[@class='results']") is not None
    assert root.find(".//form[@data-autosubmit]") is None, "filters apply by their button (WCAG 3.2.2)"
    assert root.find(".//form[@class='facets']//p[@class='facet-apply']/button") is not None, "facets"
    checkbox = root.find(".//form[@class='facets']//input[@type='checkbox']")
    assert checkbox is not None and checkbox.get("id")
    # Words are highlighted where they occur in what a hit shows (a title here; "mã số thuế" above
    # matches fields' names, which the hit does not show, so nothing there is marked).
    words = [p for p in site.find("steward", "vi", "web.search_page") if p.url == "/search?q=doanh+nghiep"]
    marked = {(mark.text or "").casefold() for mark in parse(words[0].html).findall(".//mark")}
    assert marked and marked <= {"doanh nghiệp", "doanh", "nghiệp"}, marked
    searches = site.find("anonymous", "en", "web.search_page")
    fields = next(p for p in searches if p.url == "/search?type=fields")
    assert parse(fields.html).find(".//input[@value='fields'][@checked]") is not None


def test_search_filters_by_codes_in_the_url(anonymous_client: FlaskClient, ctx: Context, app: Flask) -> None:
    ctx.recorder = catalog_of(app).recorder  # index what is created, as the app does
    make_dataset(
        ctx,
        slug="kinh-te",
        title_vi="Chợ và siêu thị",
        status="PUBLISHED",
        sharing_class="MO",
        themes=["KINH_TE"],
    )
    make_dataset(
        ctx,
        slug="moi-truong",
        title_vi="Quan trắc không khí",
        status="PUBLISHED",
        sharing_class="MO",
        themes=["MOI_TRUONG"],
    )
    body = page(anonymous_client, "/search?theme=KINH_TE")
    assert "/dataset/kinh-te" in body and "/dataset/moi-truong" not in body
    assert "Chủ đề: Kinh tế và tài chính" in text_of(parse(body))
    assert "/dataset/moi-truong" in page(anonymous_client, "/search?q=khong+khi"), "diacritics folded"
    page(anonymous_client, "/search?page=abc&sort=nonsense&type=zzz")


def test_agency_tree_shows_lineage(anonymous_client: FlaskClient, ctx: Context) -> None:
    from datetime import date

    from dictionary.services import AgencyService

    old = make_agency(ctx, code="T906.H67", name_vi="Sở Cũ", valid_from="2004-01-01")
    new = make_agency(ctx, code="T907.H68", name_vi="Sở Mới")
    make_dataset(
        ctx, owner=old, slug="chuyen", status="PUBLISHED", sharing_class="MO", owned_since="2020-01-01"
    )
    AgencyService(ctx).merge(
        [old.code], into=new.code, effective_on=date(2025, 7, 1), legal_basis="NQ 202/2025/QH15"
    )
    tree = page(anonymous_client, "/agencies")
    former = tree.split('id="s-former"')[1]
    assert "Sở Cũ" in former and "/agency/T907.H68" in former and "NQ 202/2025/QH15" in former
    successor = page(anonymous_client, "/agency/T907.H68")
    assert "/dataset/chuyen" in successor.split('id="s-former"')[0], "owns the dataset now"
    predecessor = page(anonymous_client, "/agency/T906.H67")
    assert "/dataset/chuyen" in predecessor.split('id="s-former"')[1], "owned it before"
    assert "01/07/2025" in predecessor


def test_standard_page_lists_where_it_is_used(anonymous_client: FlaskClient, ctx: Context) -> None:
    from dictionary.services import MappingService
    from tests.factories import make_standard

    make_standard(ctx, code="STD-X")
    make_dataset(
        ctx, slug="dung", status="PUBLISHED", sharing_class="MO", fields=field_inputs(FieldData(name="ma"))
    )
    MappingService(ctx).add("dung", {"field": "ma", "standard": "STD-X", "relation": "exactMatch"})
    body = page(anonymous_client, "/standard/STD-X")
    assert "/dataset/dung#field-ma" in body and "tương đương" in body
    listing = page(anonymous_client, "/standards?q=STD-X")
    assert "/standard/STD-X" in listing
    moved = anonymous_client.get("/standards/STD-X")
    assert moved.status_code == 308 and moved.headers["Location"].endswith("/standard/STD-X")


# Errors ----------------------------------------------------------------------------------------


def test_error_pages_for_browsers_json_for_the_api(anonymous_client: FlaskClient) -> None:
    body = page(anonymous_client, "/khong-co", 404)
    assert "Không tìm thấy trang" in body
    english = page(anonymous_client, "/khong-co?lang=en", 404)
    assert "Page not found" in english and '<html lang="en">' in english
    assert anonymous_client.get("/khong-co").is_json, "no Accept header: JSON"
    api = anonymous_client.get("/api/v1/datasets/khong-co", headers=BROWSER)
    assert api.status_code == 404 and api.is_json
    assert page(anonymous_client, "/vocab/khong-co", 404)


def test_server_error_page(app: Flask) -> None:
    from app.web.errors import html_error_page

    with app.test_request_context("/?lang=en", headers=BROWSER):
        response = html_error_page(500)
        assert response is not None and response.status_code == 500
        assert "System error" in response.get_data(as_text=True)
    with app.test_request_context("/api/v1/datasets", headers=BROWSER):
        assert html_error_page(500) is None


def test_dataset_data_factory_is_used_as_the_api_does(ctx: Context) -> None:
    # Guards the helper above: the dataset page relies on the service's quality report.
    dataset = make_dataset(ctx, slug="q", fields=field_inputs(FieldData()))
    assert DatasetService(ctx).quality(dataset).completeness > 0

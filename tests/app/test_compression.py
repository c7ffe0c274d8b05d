"""Responses: UTF-8 JSON that curl shows as Vietnamese, br/gzip for text, version ETags intact."""

from __future__ import annotations

import gzip

import brotli
from flask.testing import FlaskClient

from dictionary.services import Context
from tests.factories import make_dataset
from tests.web.conftest import BROWSER


def test_json_carries_vietnamese_as_utf8_not_escapes(client: FlaskClient, ctx: Context) -> None:
    dataset = make_dataset(ctx, title_vi="Cơ sở dữ liệu đất đai", status="PUBLISHED", sharing_class="MO")
    ctx.session.commit()
    raw = client.get(f"/api/v1/datasets/{dataset.slug}").get_data()
    assert "Cơ sở dữ liệu đất đai".encode() in raw
    assert b"\\u" not in raw


def test_pages_and_stylesheet_are_compressed_for_who_asks(anonymous_client: FlaskClient) -> None:
    for encoding, unpack in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        page = anonymous_client.get("/", headers={**BROWSER, "Accept-Encoding": encoding})
        assert page.status_code == 200 and page.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in page.headers["Vary"]
        assert b"</html>" in unpack(page.get_data())
        css = anonymous_client.get("/static/css/catalog.css", headers={"Accept-Encoding": encoding})
        assert css.headers["Content-Encoding"] == encoding
        etag = css.headers["ETag"]
        assert etag.startswith('W/"'), "a compressed file's ETag is weak"
        again = anonymous_client.get(
            "/static/css/catalog.css", headers={"Accept-Encoding": encoding, "If-None-Match": etag}
        )
        assert again.status_code == 304, "conditional GETs still work"
        css.close()
        again.close()  # the test client leaves a file response's handle to whoever closes it
    plain = anonymous_client.get("/", headers={**BROWSER, "Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and b"</html>" in plain.get_data()


def test_a_version_etag_stays_strong_and_usable_in_if_match(client: FlaskClient, ctx: Context) -> None:
    dataset = make_dataset(ctx, description_vi="Mô tả " * 200)
    ctx.session.commit()
    url = f"/api/v1/datasets/{dataset.slug}"
    read = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert read.headers["ETag"] == f'"{dataset.lock_version}"' and "Content-Encoding" not in read.headers
    written = client.patch(
        url, json={"title_vi": "Tên mới"}, headers={"If-Match": read.headers["ETag"], "Accept-Encoding": "br"}
    )
    assert written.status_code == 200, written.get_data(as_text=True)


def test_a_list_of_datasets_is_compressed(client: FlaskClient, ctx: Context) -> None:
    for number in range(5):
        make_dataset(ctx, title_vi=f"Bộ dữ liệu thử số {number}")
    ctx.session.commit()
    listed = client.get("/api/v1/datasets", headers={"Accept-Encoding": "gzip"})
    assert listed.headers["Content-Encoding"] == "gzip"
    assert "Bộ dữ liệu thử số 4" in gzip.decompress(listed.get_data()).decode()

"""POST /api/v1/harvest over the real-world corpus, served by a local HTTP server: 200, never 500."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from dictionary.services import Context
from tests.factories import make_agency
from tests.vocab.local_site import local_site
from tests.vocab.test_harvest_realworld import CONTENT_TYPES, DOCUMENTS, RAW, source_datasets


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_admin_endpoint_answers_every_real_world_document(
    client: FlaskClient, ctx: Context, path: object
) -> None:
    make_agency(ctx, code="H68.06")
    ctx.session.commit()
    with local_site() as site:
        url = site.page(f"/{path.name}", path.read_bytes(), CONTENT_TYPES[path.suffix])  # type: ignore[attr-defined]
        dry = client.post("/api/v1/harvest", json={"url": url, "dry_run": True, "owner": "H68.06"})
        done = client.post("/api/v1/harvest", json={"url": url, "owner": "H68.06"})
    for response in (dry, done):
        assert response.status_code == 200, response.get_data(as_text=True)
        assert not RAW.search(response.get_data(as_text=True))
    assert done.json["counts"].get("created", 0) == source_datasets(path)  # type: ignore[arg-type]

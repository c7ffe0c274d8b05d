"""A stock CKAN 2.10 portal, as a third party runs it: ``package_search`` answers built in the
shape CKAN 2.10 writes them (core keys only, none of this catalog's extras), served by
:func:`tests.vocab.local_site.local_site` page by page (``rows`` / ``start`` / ``sort=id asc``)."""

from __future__ import annotations

import json
from typing import Any

from tests.vocab.local_site import Site
from vocab.harvest_ckan import package_search_url

ORG = {
    "id": "0f6c3c1e-2b1e-4a43-9d57-7a1f0a1f2c01",
    "name": "so-tai-chinh-can-tho",
    "title": "Sở Tài chính thành phố Cần Thơ",
    "type": "organization",
    "description": "",
    "image_url": "",
    "created": "2021-03-04T02:11:09.391813",
    "is_organization": True,
    "approval_status": "approved",
    "state": "active",
}


def stock_package(n: int, **changes: Any) -> dict[str, Any]:
    """Package ``n`` of the portal, as package_search returns it in CKAN 2.10."""
    ident = f"7b0e4a2c-1d3f-4c5b-8a9e-{n:012d}"
    package: dict[str, Any] = {
        "author": None,
        "author_email": None,
        "creator_user_id": "3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
        "id": ident,
        "isopen": True,
        "license_id": "cc-by",
        "license_title": "Creative Commons Attribution",
        "license_url": "http://www.opendefinition.org/licenses/cc-by",
        "maintainer": "Phòng Ngân sách",
        "maintainer_email": "ngansach@cantho.gov.vn",
        "metadata_created": f"2023-05-{1 + n % 28:02d}T08:15:30.123456",
        "metadata_modified": f"2024-02-{1 + n % 28:02d}T10:00:00.654321",
        "name": f"du-toan-ngan-sach-{n}",
        "notes": f"Dự toán thu chi ngân sách năm {2000 + n}",
        "num_resources": 2,
        "num_tags": 2,
        "organization": ORG,
        "owner_org": ORG["id"],
        "private": False,
        "state": "active",
        "title": f"Dự toán ngân sách {n}",
        "type": "dataset",
        "url": "",
        "version": "1.0",
        "extras": [],
        "groups": [
            {
                "id": "9a8b7c6d-0000-4000-8000-000000000001",
                "name": "tai-chinh",
                "title": "Tài chính",
                "display_name": "Tài chính",
                "description": "",
                "image_display_url": "",
            }
        ],
        "resources": [
            {
                "id": f"r{n}-csv",
                "package_id": ident,
                "name": "Bảng dự toán",
                "description": "",
                "format": "CSV",
                "url": f"https://opendata.cantho.gov.vn/dataset/{n}/du-toan.csv",
                "mimetype": "text/csv",
                "size": 20480,
                "position": 0,
                "state": "active",
                "resource_type": None,
                "url_type": None,
                "hash": "",
                "created": "2023-05-01T08:15:31.000001",
                "last_modified": None,
            },
            {
                "id": f"r{n}-map",
                "package_id": ident,
                "name": "Bản đồ",
                "description": "Lớp bản đồ",
                "format": "WMS",
                "url": f"https://gis.cantho.gov.vn/wms?layer={n}",
                "mimetype": None,
                "size": None,
                "position": 1,
                "state": "active",
                "resource_type": "api",
                "url_type": None,
                "hash": "",
                "created": "2023-05-01T08:15:31.000002",
                "last_modified": None,
            },
        ],
        "tags": [
            {
                "id": "1c2d3e4f-0000-4000-8000-000000000001",
                "name": "ngân sách",
                "display_name": "ngân sách",
                "state": "active",
                "vocabulary_id": None,
            },
            {
                "id": "1c2d3e4f-0000-4000-8000-000000000002",
                "name": "budget",
                "display_name": "budget",
                "state": "active",
                "vocabulary_id": None,
            },
        ],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }
    return package | changes


def serve_portal(site: Site, packages: list[dict[str, Any]], rows: int) -> str:
    """Register the portal's package_search pages (sorted by id, as asked); its base URL."""
    ordered = sorted(packages, key=lambda p: p["id"])
    for start in range(0, len(ordered) + 1, rows):
        answer = {
            "help": f"{site.base}/api/3/action/help_show?name=package_search",
            "success": True,
            "result": {
                "count": len(ordered),
                "facets": {},
                "search_facets": {},
                "sort": "id asc",
                "results": ordered[start : start + rows],
            },
        }
        path = package_search_url("", start, rows)
        site.page(path, json.dumps(answer).encode(), "application/json;charset=utf-8")
    return site.base

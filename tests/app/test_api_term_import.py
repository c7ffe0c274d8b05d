"""Term suggestions in the dictionary spreadsheet import's dry run, and accepting one in the file."""

from __future__ import annotations

import io

from tests.dictionary.spreadsheet_helpers import csv_bytes, make_dictionary, row, sheet_rows
from tests.factories import make_standard, make_term

API = "/api/v1"


def upload(client, content: bytes, query: str = "", headers=None):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/datasets/ho-so/dictionary/import{query}",
        data={"file": (io.BytesIO(content), "tu-dien.csv")},
        content_type="multipart/form-data",
        headers=headers or {},
    )


def test_added_fields_get_term_suggestions_accepted_in_the_file(ctx, client) -> None:
    make_dictionary(ctx)
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", length=15, abbreviations=["SĐT"])
    rows = sheet_rows(client.get(f"{API}/datasets/ho-so/dictionary.xlsx").data)[2:]
    added = row(
        ten_truong="sdt_lien_he", nhan="SĐT liên hệ", kieu="STRING", do_dai=15, du_lieu_ca_nhan="CO_BAN"
    )

    dry = upload(client, csv_bytes([*rows, added]))
    assert dry.status_code == 200, dry.json
    assert dry.json["diff"]["added"][0]["name"] == "sdt_lien_he"
    (hint,) = dry.json["term_suggestions"]
    assert hint["field"] == "sdt_lien_he"
    assert hint["suggestions"][0]["term"] == "SO_DIEN_THOAI" and hint["suggestions"][0]["standard"] == "TDDL"

    accepted = row(**{**dict(zip(("ten_truong", "nhan", "kieu", "do_dai", "du_lieu_ca_nhan"),
                                 ("sdt_lien_he", "SĐT liên hệ", "STRING", 15, "CO_BAN"), strict=True)),
                      "anh_xa": "TDDL:exactMatch:SO_DIEN_THOAI"})  # fmt: skip
    etag = client.get(f"{API}/datasets/ho-so").headers["ETag"]
    applied = upload(client, csv_bytes([*rows, accepted]), "?dry_run=false", {"If-Match": etag})
    assert applied.status_code == 200, applied.json
    assert applied.json["applied"] and applied.json["term_suggestions"] == []
    holders = client.get(f"{API}/terms/SO_DIEN_THOAI/fields").json
    assert [(h["dataset"], h["field"], h["verdict"]) for h in holders] == [
        ("ho-so", "sdt_lien_he", "conforms")
    ]

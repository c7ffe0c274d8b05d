"""Flattening a dataset into index documents, and the engines' document bodies."""

from __future__ import annotations

from datetime import UTC, datetime

from dictionary import concepts as C
from search import mappings
from search.documents import DatasetDocument, FieldDocument, dataset_document, millis, name_words
from tests.factories import DatasetData, FieldData, make_agency


def sample_document() -> DatasetDocument:
    field = FieldDocument("f1", "so_dinh_danh", "Số định danh", None, None, None, None, False, 1, "")
    secret = FieldDocument("f2", "thu_nhap", "Thu nhập", None, None, None, None, True, 2, "")
    return DatasetDocument(
        id="d1",
        slug="cccd",
        version=3,
        title="Căn cước công dân",
        title_en=None,
        description="Mô tả",
        description_en=None,
        keywords=(),
        body="",
        standards="",
        agency_names="Công an tỉnh",
        status=C.PUBLISHED,
        sharing_class=C.OPEN,
        importance="i",
        category="c",
        component="k",
        personal_data=C.PERSONAL_BASIC,
        themes=(),
        formats=(),
        agencies=("CA.H68",),
        holders=("a1",),
        updated_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        fields=(field, secret),
    )


def test_restricted_field_text_is_kept_apart() -> None:
    document = sample_document()
    assert "Số định danh" in document.public_fields_text and "Thu nhập" not in document.public_fields_text
    assert "Thu nhập" in document.restricted_fields_text
    source = mappings.dataset_source(document)
    assert "Thu nhập" not in source["fields_text"] and "Thu nhập" in source["restricted_text"]
    assert mappings.dataset_mappings()["_source"] == {"excludes": ["restricted_text"]}


def test_names_and_times() -> None:
    assert name_words("so_dinh_danh") == "so dinh danh"
    assert name_words("soDinhDanh") == "so Dinh Danh"
    assert millis(datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)).microsecond == 678000


def test_dataset_document_from_the_database(ctx) -> None:  # type: ignore[no-untyped-def]
    from dictionary.services import DatasetService, FieldService

    owner = make_agency(ctx, name_vi="Công an tỉnh", short_name="CAT")
    custodian = make_agency(ctx, name_vi="Trung tâm Chuyển đổi số")
    dataset = DatasetService(ctx).create(
        DatasetData(
            owner=owner.code,
            custodian=custodian.code,
            title_vi="Căn cước công dân",
            keywords_vi=["CCCD"],
            fields=[
                FieldData(name="so_dinh_danh", label_vi="Số định danh"),
                FieldData(name="thu_nhap", label_vi="Thu nhập", restricted=True),
            ],
        )
    )
    document = dataset_document(dataset)
    assert document.agencies == (owner.code, custodian.code)
    assert set(document.holders) == {str(owner.id), str(custodian.id)}
    assert "Công an tỉnh" in document.agency_names and "CAT" in document.agency_names
    assert [f.restricted for f in document.fields] == [False, True]
    assert "so dinh danh" in document.public_fields_text
    assert document.version == dataset.lock_version
    FieldService(ctx).delete(dataset.slug, "thu_nhap")
    assert dataset_document(dataset).restricted_fields_text == ""

"""The demo catalog loads through the services and meets the issue's minimums, read back from the database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import ColumnElement, distinct, func, or_, select
from sqlalchemy.orm import Session

from app.extension import catalog_of
from dictionary import concepts as C
from dictionary import demo
from dictionary.models import (
    Agency,
    Dataset,
    Distribution,
    Field,
    OwnershipAssignment,
    Standard,
    StandardMapping,
)
from dictionary.services import Context
from dictionary.services.quality import fresh_clause, stale_clause
from tests.conftest import TEST_TODAY, empty_database
from vocab.skos import load_vocabularies

JULY_2025 = date(2025, 7, 1)
MARCH_2025 = date(2025, 3, 1)
SECTION_3_STANDARDS = {
    "STD-ADMIN-2025", "STD-ADMIN-2004", "STD-ORGID", "STD-DOCX", "STD-CITIZEN", "STD-DVCQG", "STD-ITSTD",
    "STD-NDBCONN", "STD-ETHNIC", "STD-NATION", "STD-OCC", "STD-VSIC", "STD-ICD10", "STD-BHYT-XML", "STD-PID",
    "STD-EDU", "STD-SEC", "STD-GEO", "STD-MDR",
}  # fmt: skip


# Loading the demo takes seconds: it is loaded once per module (again whenever a worker comes back
# to this module after another one's tests emptied the database), and every test here only reads.
pytestmark = pytest.mark.reads_shared_catalog


@pytest.fixture(scope="module")
def loaded(app: Flask) -> Iterator[str]:
    empty_database(app)
    session = catalog_of(app).sessionmaker()
    try:
        context = Context(session, concepts=load_vocabularies(), actor="tester", clock=lambda: TEST_TODAY)
        yield demo.load_demo(context)
    finally:
        session.close()
    empty_database(app)


@pytest.fixture
def db(app: Flask, loaded: str) -> Iterator[Session]:
    """A fresh session: only what was committed is visible."""
    with catalog_of(app).sessionmaker() as session:
        yield session


def count(session: Session, model: type, where: Iterable[ColumnElement[bool]] = ()) -> int:
    query = select(func.count()).select_from(model)
    for clause in where:
        query = query.where(clause)
    return session.scalar(query) or 0


def test_summary_reports_what_was_loaded(loaded: str, db: Session) -> None:
    found = re.findall(r"(\d+) (agencies|standards|datasets|fields|mappings)", loaded)
    numbers = {name: int(value) for value, name in found}
    assert loaded.startswith("Loaded ")
    assert numbers == {
        "agencies": count(db, Agency),
        "standards": count(db, Standard),
        "datasets": count(db, Dataset),
        "fields": count(db, Field),
        "mappings": count(db, StandardMapping),
    }


def test_minimums_of_the_issue(db: Session, today: date) -> None:
    assert count(db, Dataset) >= 30
    # Anonymous callers see the published open data: enough of it to be worth a catalog.
    assert count(db, Dataset, where=[Dataset.sharing_class == C.OPEN, Dataset.status == C.PUBLISHED]) >= 30
    assert count(db, Field) >= 300
    assert count(db, Standard) >= 15
    active = [or_(Agency.valid_to.is_(None), Agency.valid_to > today),
              or_(Agency.valid_from.is_(None), Agency.valid_from <= today)]  # fmt: skip
    assert count(db, Agency, where=active) >= 12
    field_mappings = count(db, StandardMapping, where=[StandardMapping.field_id.is_not(None)])
    assert field_mappings >= 100
    assert db.scalar(select(func.count(distinct(StandardMapping.field_id)))) >= 100
    assert count(db, StandardMapping, where=[StandardMapping.field_id.is_(None)]) >= 5
    assert set(db.scalars(select(Standard.code))) >= SECTION_3_STANDARDS
    # Every dataset has fields and at least one distribution; the §5.2 rows are all there.
    assert count(db, Dataset, where=[~Dataset.fields.any()]) == 0
    assert count(db, Dataset, where=[~Dataset.distributions.any()]) == 0
    assert {item.ref for item in demo.demo_datasets()} >= {f"DS{n:02d}" for n in range(1, 35)}


def test_statuses_mix_published_and_draft(db: Session) -> None:
    published = count(db, Dataset, where=[Dataset.status == C.PUBLISHED])
    drafts = count(db, Dataset, where=[Dataset.status == C.DRAFT])
    assert drafts >= 2
    assert published > drafts


def test_personal_data_is_flagged_per_decree_356_and_rolled_up(db: Session) -> None:
    assert count(db, Field, where=[Field.personal_data == C.PERSONAL_SENSITIVE]) >= 10
    ethnicity = db.scalars(select(Field).where(Field.name == "dan_toc")).all()
    assert ethnicity
    assert all(f.personal_data == C.PERSONAL_SENSITIVE and f.restricted for f in ethnicity)
    names = db.scalars(select(Field).where(Field.name == "ho_ten")).all()
    assert names
    assert all(f.personal_data == C.PERSONAL_BASIC for f in names)
    social = db.scalar(select(Dataset).where(Dataset.slug == "tro-giup-xa-hoi-hang-thang"))
    assert social.personal_data == C.PERSONAL_SENSITIVE
    assert count(db, Dataset, where=[Dataset.personal_data == C.PERSONAL_SENSITIVE]) >= 5
    # Open data carries no personal data, and its files are CC BY 4.0 and public.
    open_sets = db.scalars(select(Dataset).where(Dataset.sharing_class == C.OPEN)).all()
    assert len(open_sets) >= 8
    assert {d.personal_data for d in open_sets} == {C.PERSONAL_NONE}
    # ...down to every field: assessed as none, and nothing hidden from the public.
    flagged = [(d.slug, f.name) for d in open_sets for f in d.fields
               if f.personal_data != C.PERSONAL_NONE or f.restricted]  # fmt: skip
    assert flagged == []
    files = [dist for d in open_sets for dist in d.distributions if dist.download_url]
    assert files
    assert all(f.licence and f.licence.endswith("/CC_BY_4_0") for f in files)
    assert all(f.access_rights.endswith("/PUBLIC") for f in files)


def test_private_data_is_not_public(db: Session) -> None:
    private = db.scalars(
        select(Distribution).join(Distribution.dataset).where(Dataset.sharing_class == C.PRIVATE)
    )
    rights = {dist.access_rights.rsplit("/", 1)[-1] for dist in private}
    assert rights
    assert "PUBLIC" not in rights


def test_every_dataset_has_exactly_one_open_owner_still_active(db: Session) -> None:
    carried_over = 0
    for dataset in db.scalars(select(Dataset)):
        owners = [a for a in dataset.ownerships if a.role == C.OWNER and a.valid_to is None]
        assert len(owners) == 1, dataset.slug
        assert owners[0].agency.valid_to is None, dataset.slug
        first = min(a.valid_from for a in dataset.ownerships if a.role == C.OWNER)
        if first < JULY_2025:
            # Owned before the merger: it went through the 2025 reorganisation, an owner assignment
            # closed on 1/7/2025 and the Lâm Đồng agency took over that day.
            assert any(a.role == C.OWNER and a.valid_to == JULY_2025 for a in dataset.ownerships), (
                dataset.slug
            )
            assert owners[0].valid_from == JULY_2025, dataset.slug
            carried_over += 1
        else:
            # Started by the merged province: owned by a Lâm Đồng agency from the start.
            assert owners[0].agency.valid_from >= JULY_2025, dataset.slug
    assert carried_over >= 30


def test_former_dak_nong_department_hands_over_with_dates(db: Session) -> None:
    cadastre = db.scalar(select(Dataset).where(Dataset.slug == "thua-dat-ho-so-dia-chinh"))
    history = [(a.agency.code, a.valid_from, a.valid_to) for a in cadastre.ownerships if a.role == C.OWNER]
    assert history == [
        ("H67.10", date(2019, 1, 1), MARCH_2025),  # Sở Tài nguyên và Môi trường Đắk Nông
        ("H67.21", MARCH_2025, JULY_2025),  # Sở Nông nghiệp và Môi trường Đắk Nông
        ("H68.06", JULY_2025, None),  # Sở Nông nghiệp và Môi trường Lâm Đồng
    ]
    former = db.scalar(select(Agency).where(Agency.code == "H67.21"))
    assert former.valid_to == JULY_2025
    merged = [e for e in former.events if e.kind == C.MERGED_INTO]
    assert [(e.related_agency.code, e.effective_on, e.legal_basis) for e in merged] == [
        ("H68.06", JULY_2025, "NQ 202/2025/QH15")
    ]
    lam_dong = db.scalar(select(Agency).where(Agency.code == "H68"))
    assert lam_dong.valid_to is None
    assert former.parent.code == "H67"
    assert db.scalar(select(Agency).where(Agency.code == "H68.06")).parent is lam_dong


def test_abolished_district_data_moves_to_a_commune(db: Session) -> None:
    district = db.scalar(select(Agency).where(Agency.code == "H67.43"))
    assert district.valid_to == JULY_2025
    assert district.level.endswith("/HUYEN")
    dataset = db.scalar(select(Dataset).where(Dataset.slug == "ho-kinh-doanh-dak-mil"))
    current = dataset.current_assignment(C.OWNER)
    assert current.agency.level.endswith("/XA")
    assert current.valid_from == JULY_2025
    closed = db.scalar(
        select(OwnershipAssignment).where(
            OwnershipAssignment.dataset_id == dataset.id, OwnershipAssignment.agency_id == district.id
        )
    )
    assert closed.valid_to == JULY_2025


def test_rename_and_split_of_2025_are_recorded(db: Session) -> None:
    ethnic = db.scalar(select(Agency).where(Agency.code == "H67.18"))
    assert ethnic.name_vi == "Sở Dân tộc và Tôn giáo tỉnh Đắk Nông"
    renamed = [e for e in ethnic.events if e.kind == C.RENAMED]
    assert renamed and "Ban Dân tộc" in renamed[0].note
    social = db.scalar(select(Dataset).where(Dataset.slug == "tro-giup-xa-hoi-hang-thang"))
    owners = [a.agency.code for a in social.ownerships if a.role == C.OWNER]
    assert owners == ["H67.12", "H67.16", "H68.11"]  # LĐ-TB&XH → Y tế Đắk Nông → Y tế Lâm Đồng


def test_foreign_keys_point_across_datasets(db: Session) -> None:
    field = db.scalar(
        select(Field)
        .join(Field.dataset)
        .where(Dataset.slug == "ma-so-vung-trong", Field.name == "to_chuc_dai_dien")
    )
    assert field.foreign_key_field is not None
    assert field.foreign_key_field.dataset.slug == "doanh-nghiep-htx-ho-kinh-doanh"
    assert field.foreign_key_field.name == "ma_so_doanh_nghiep"
    assert count(db, Field, where=[Field.foreign_key_field_id.is_not(None)]) >= 10


def test_quality_varies_and_freshness_depends_on_frequency(db: Session, today: date) -> None:
    scores = set(db.scalars(select(Dataset.completeness)))
    assert len(scores) >= 5
    assert min(scores) < 80 < max(scores)
    stale = count(db, Dataset, where=[stale_clause(today)])
    fresh = count(db, Dataset, where=[fresh_clause(today)])
    assert stale >= 5
    assert fresh >= 10
    cadastre = db.scalar(select(Dataset).where(Dataset.slug == "thua-dat-ho-so-dia-chinh"))
    assert cadastre.update_due_on < today  # daily data last updated on 30/9/2026

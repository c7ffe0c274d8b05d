"""The in-memory agency names behind the search facet's labels: fresh after a write, a new code, or time."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import insert, select, update

from app.extension import catalog_of
from dictionary.models import Agency
from dictionary.services import AgencyService, Context
from dictionary.services.agency_names import AgencyNames
from tests.factories import make_agency


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_names_follow_a_rename_written_in_this_process(app: Flask, ctx: Context) -> None:
    names = AgencyNames(catalog_of(app).sessionmaker, clock=Clock())
    agency = make_agency(ctx, code="H68.11", name_vi="Sở Y tế")
    ctx.session.commit()
    assert names.names(["H68.11", "H99"]) == {"H68.11": "Sở Y tế"}
    AgencyService(ctx).rename("H68.11", name_vi="Sở Y tế tỉnh Lâm Đồng", effective_on=date(2025, 7, 1))
    assert agency.name_vi == "Sở Y tế tỉnh Lâm Đồng"
    assert names.names(["H68.11"]) == {"H68.11": "Sở Y tế tỉnh Lâm Đồng"}


def test_a_new_code_is_found_and_an_outside_change_shows_within_max_age(app: Flask, ctx: Context) -> None:
    clock = Clock()
    names = AgencyNames(catalog_of(app).sessionmaker, clock=clock, max_age=60)
    make_agency(ctx, code="H68.06", name_vi="Sở Nông nghiệp và Môi trường")
    ctx.session.commit()
    assert names.names(["H68.06"]) == {"H68.06": "Sở Nông nghiệp và Môi trường"}
    # Written by another process (here: past the ORM, so no flush tells this copy).
    with catalog_of(app).sessionmaker() as other, other.begin():
        other.execute(update(Agency).where(Agency.code == "H68.06").values(name_vi="Tên mới"))
        level = other.scalars(select(Agency.level).where(Agency.code == "H68.06")).one()
        other.execute(insert(Agency).values(code="H68.20", name_vi="Sở Du lịch", level=level))
    clock.now += 0.5
    assert names.names(["H68.06"]) == {"H68.06": "Sở Nông nghiệp và Môi trường"}  # still trusted
    clock.now += 1  # an unknown code reloads (at most once a second)
    assert names.names(["H68.06", "H68.20"]) == {"H68.06": "Tên mới", "H68.20": "Sở Du lịch"}
    with catalog_of(app).sessionmaker() as other, other.begin():
        other.execute(update(Agency).where(Agency.code == "H68.06").values(name_vi="Tên sau"))
    clock.now += 59
    assert names.names(["H68.06"])["H68.06"] == "Tên mới"
    clock.now += 2  # past max_age
    assert names.names(["H68.06"])["H68.06"] == "Tên sau"


def test_no_codes_ask_nothing(app: Flask) -> None:
    names = AgencyNames(catalog_of(app).sessionmaker)
    assert names.names([]) == {}

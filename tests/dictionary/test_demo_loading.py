"""Loading the demo catalog: a second load changes nothing, a failing one loads nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from dictionary import demo
from dictionary.errors import InvalidInput
from dictionary.models import Agency, Dataset, Field, Revision, Standard, StandardMapping
from dictionary.services import Context
from tests.dictionary.test_demo import count


@pytest.fixture
def loaded(ctx: Context) -> str:
    return demo.load_demo(ctx)


def test_loading_twice_is_a_no_op(ctx: Context, loaded: str) -> None:
    session = ctx.session
    before = {model: count(session, model) for model in (Agency, Dataset, Field, StandardMapping, Revision)}
    again = demo.load_demo(ctx, skip_if_present=True)
    assert "not loaded" in again
    assert {model: count(session, model) for model in before} == before


def test_a_failure_loads_nothing(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    bad_step = {"step": "merge", "sources": ["H67.01"], "into": "NO.SUCH", "on": "2025-07-01", "basis": "x"}
    monkeypatch.setattr(demo, "LINEAGE", [*demo.LINEAGE, bad_step])
    with pytest.raises(InvalidInput):
        demo.load_demo(ctx)
    with Session(ctx.session.get_bind()) as fresh:
        assert count(fresh, Agency) == 0
        assert count(fresh, Dataset) == 0
        assert count(fresh, Standard) == 0

"""``catalog terms import FILE --dictionary CODE [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli import main
from app.cli_terms import terms_group
from dictionary.services.terms import TermService
from tests.dictionary.test_term_import import term_csv, term_row
from tests.factories import make_standard, make_term


def run(app, *args: str):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(terms_group, ["import", *args])


def test_registered_under_catalog_terms() -> None:
    assert main.get_command(click.Context(main), "terms") is terms_group


def test_dry_run_then_apply(app, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    make_term(ctx, "TDDL", code="SO_DIEN_THOAI", name_vi="Số điện thoại", length=15)
    ctx.session.commit()
    file = tmp_path / "thuat-ngu.csv"
    file.write_bytes(term_csv([term_row(ma="SO_DIEN_THOAI", do_dai=20)]))
    dry = run(app, str(file), "--dictionary", "TDDL", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "~ SO_DIEN_THOAI: do_dai: 15 → 20" in dry.output and "Dry run" in dry.output
    applied = run(app, str(file), "--dictionary", "TDDL")
    assert applied.exit_code == 0, applied.output
    ctx.session.expire_all()
    assert TermService(ctx).get("SO_DIEN_THOAI").length == 20


def test_errors_exit_with_1(app, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    ctx.session.commit()
    file = tmp_path / "thuat-ngu.csv"
    file.write_bytes(term_csv([term_row(ma="MOI", do_dai="dài")]))
    result = run(app, str(file), "--dictionary", "TDDL")
    assert result.exit_code == 1 and "row 3, column do_dai" in result.output
    assert run(app, str(file), "--dictionary", "KHONG_CO").exit_code == 1

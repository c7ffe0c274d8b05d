"""``catalog import dictionary FILE --dataset SLUG [--apply]``."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from app.cli import main
from app.cli_import import import_group
from tests.dictionary.hostile_files import cell_bomb_row
from tests.dictionary.spreadsheet_helpers import make_dictionary, row, sheet_rows, xlsx_bytes


@pytest.fixture
def exported(ctx, tmp_path: Path) -> list[list[object]]:  # type: ignore[no-untyped-def]
    from dictionary.services import DictionaryFileService

    make_dictionary(ctx)
    return sheet_rows(DictionaryFileService(ctx).export("ho-so").content)[2:]


def run(app, *args: str):  # type: ignore[no-untyped-def]
    # The group itself, so that the command runs against the test app (``main`` builds its own).
    return app.test_cli_runner().invoke(import_group, ["dictionary", *args])


def test_registered_under_catalog_import() -> None:
    # Listed lazily (app.cli.LazyGroup): the group is imported when ``catalog import`` runs.
    assert main.get_command(click.Context(main), "import") is import_group


def test_dry_run_prints_the_diff_and_writes_nothing(app, client, exported, tmp_path: Path) -> None:
    exported[0][1] = "Mã số hồ sơ"
    file = tmp_path / "tu-dien.xlsx"
    file.write_bytes(xlsx_bytes(exported[:3]))
    result = run(app, str(file), "--dataset", "ho-so")
    assert result.exit_code == 0, result.output
    assert "~ ma_ho_so: nhan/label_vi: Mã hồ sơ → Mã số hồ sơ" in result.output
    assert "  - le_phi" in result.output and "--apply" in result.output
    assert len(client.get("/api/v1/datasets/ho-so/fields").json) == 4

    applied = run(app, str(file), "--dataset", "ho-so", "--apply")
    assert applied.exit_code == 0, applied.output
    assert "revision 2" in applied.output
    assert len(client.get("/api/v1/datasets/ho-so/fields").json) == 3


def test_errors_exit_with_1(app, exported, tmp_path: Path) -> None:
    file = tmp_path / "sai.csv"
    file.write_bytes(xlsx_bytes([row(ten_truong="a", nhan="A", kieu="VARCHAR")]))
    result = run(app, str(file), "--dataset", "ho-so", "--apply")
    assert result.exit_code == 1
    assert "row 3, column kieu: 'VARCHAR' is not a data type" in result.output
    assert "nothing was written" in result.output

    as_json = run(app, str(file), "--dataset", "ho-so", "--json")
    assert as_json.exit_code == 1 and '"column": "kieu"' in as_json.output


def test_unknown_dataset(app, exported, tmp_path: Path) -> None:
    file = tmp_path / "x.xlsx"
    file.write_bytes(xlsx_bytes([row(ten_truong="a", nhan="A")]))
    result = run(app, str(file), "--dataset", "khong-co")
    assert result.exit_code == 1 and "Dataset khong-co does not exist" in result.output


def test_an_over_budget_file_exits_with_1_naming_the_limit(app, exported, tmp_path: Path) -> None:
    file = tmp_path / "bom.xlsx"
    file.write_bytes(cell_bomb_row())
    result = run(app, str(file), "--dataset", "ho-so", "--apply")
    assert result.exit_code == 1
    assert "The sheet has more than 16,384 cells in row 3" in result.output

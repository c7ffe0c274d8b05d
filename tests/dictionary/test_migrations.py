"""The migrations build exactly the schema the models declare, on the test database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from dictionary import migrations
from dictionary.models import Base
from tests.conftest import create_postgres_database


def _fresh_engine(database_url: str, tmp_path):
    if database_url.startswith("postgresql"):
        return create_engine(
            create_postgres_database("catalog_migrations_" + str(abs(hash(tmp_path)) % 10**8))
        )
    return create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")


def test_upgrade_matches_models_and_downgrade_empties(database_url, tmp_path) -> None:
    engine = _fresh_engine(database_url, tmp_path)
    try:
        migrations.upgrade(engine)
        assert migrations.current_heads(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())

        migrations.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()

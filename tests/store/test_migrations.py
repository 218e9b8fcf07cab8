from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from resumate.store.db import current_revision, downgrade_database, open_database, upgrade_database
from resumate.store.models import Base

TABLES = {"resumes", "parsed_data", "corrections", "shares", "jobs", "batches", "batch_items",
          "webhook_deliveries"}


def test_upgrade_creates_every_table_and_downgrade_removes_them(database_url: str) -> None:
    upgrade_database(database_url)
    assert current_revision(database_url) == "0002"
    db = open_database(database_url)
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    downgrade_database(database_url)
    assert current_revision(database_url) is None
    assert not TABLES & set(inspect(db.engine).get_table_names())
    upgrade_database(database_url)
    assert current_revision(database_url) == "0002"
    db.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    upgrade_database(database_url)
    db = open_database(database_url)
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.dispose()
    assert differences == []

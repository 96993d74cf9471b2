"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop.store.database import open_database
from desktop.store.models import Base


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    with open_database(tmp_path / "m.sqlite3") as db, db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []

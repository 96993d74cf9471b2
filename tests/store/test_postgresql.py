"""The program on a real PostgreSQL server: schema, reopening, refusals, clear errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from desktop.store.database import head_revision, open_database
from desktop.store.models import Meta
from tests.postgres import Server


def test_a_new_server_database_is_migrated_and_reopens_unchanged(pg_server: Server) -> None:
    name = pg_server.create()
    url = pg_server.url(name)
    with open_database(url) as db, db.sessions() as s:
        assert s.scalar(text("SELECT version_num FROM alembic_version")) == head_revision()
        assert s.get(Meta, "app") is not None
        tables = set(s.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    assert {"person", "unit", "nomination", "audit_log"} <= tables
    with open_database(url) as db, db.sessions() as s:
        assert s.scalar(text("SELECT count(*) FROM alembic_version")) == 1
        assert s.scalar(select(Meta.value).where(Meta.key == "app")) == "tdkt"
    pg_server.drop(name)


def test_the_test_databases_are_private(pg_url: str, pg_server: Server) -> None:
    with open_database(pg_url) as db, db.session() as s:
        s.add(Meta(key="mine", value="1"))
    other = pg_server.create(pg_server.template("schema", lambda u: None))
    with open_database(pg_server.url(other)) as db, db.sessions() as s:
        assert s.get(Meta, "mine") is None
    pg_server.drop(other)


@pytest.mark.both_backends
def test_db_fixture_follows_the_backend(db, backend: str) -> None:  # type: ignore[no-untyped-def]
    assert db.engine.dialect.name == backend

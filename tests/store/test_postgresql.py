"""The program on a real PostgreSQL server: schema, reopening, refusals, clear errors."""

from __future__ import annotations

import socket
import threading

import psycopg
import pytest
from sqlalchemy import func, select, text

from desktop.errors import UserError
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


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and message.count(". ") == 0, message
    assert "Traceback" not in message and "Error" not in message


def _refusal(url: str) -> str:
    with pytest.raises(UserError) as err:
        open_database(url)
    _one_sentence(str(err.value))
    return str(err.value)


def test_a_wrong_password_is_one_sentence(pg_server: Server) -> None:
    message = _refusal(pg_server.url("postgres", password="sai-mat-khau"))
    assert "mật khẩu" in message and "sai-mat-khau" not in message


def test_a_missing_database_is_one_sentence(pg_server: Server) -> None:
    assert "khong_co" in _refusal(pg_server.url("khong_co"))


def test_a_server_that_is_down_is_one_sentence() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    message = _refusal(f"postgresql://tdkt:x@127.0.0.1:{port}/tdkt")
    assert f"127.0.0.1:{port}" in message and "máy chủ" in message


def test_only_files_and_postgresql_are_accepted() -> None:
    assert "PostgreSQL" in _refusal("mysql://user@server/tdkt")


def test_a_database_of_a_newer_version_is_refused_unchanged(pg_url: str) -> None:
    with open_database(pg_url) as db, db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert "phiên bản mới hơn" in _refusal(pg_url)
    with psycopg_connect(pg_url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


def test_a_database_of_another_program_is_refused(pg_server: Server) -> None:
    name = pg_server.create()
    with psycopg_connect(pg_server.url(name)) as conn:
        conn.execute("CREATE TABLE khach_hang (id int)")
    _refusal(pg_server.url(name))
    pg_server.drop(name)


def test_two_first_starts_at_once_migrate_once(pg_server: Server) -> None:
    """Two officers open a new, empty database at the same moment: one upgrades, one waits."""
    url = pg_server.url(pg_server.create())
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            open_database(url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_database(url) as db, db.sessions() as s:
        assert s.scalars(text("SELECT version_num FROM alembic_version")).all() == [
            head_revision()]
        assert s.scalar(select(func.count()).select_from(Meta).where(Meta.key == "app")) == 1


def psycopg_connect(url: str) -> psycopg.Connection:  # type: ignore[type-arg]
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                           autocommit=True)

"""Pytest plugin: the database backends the store and service tests run on.

`backend` is "sqlite" unless a test is parametrised: the tests under tests/core and tests/store
that use a database run on both SQLite and PostgreSQL, except those marked `sqlite_only`
(backups, integrity_check, files). Other tests opt in with the `both_backends` marker.

`pg_url` is a fresh, migrated PostgreSQL database for one test (for tests that need two
connections of their own); `db`, `services` and `demo_db` in conftest.py follow `backend`.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import paths
from tests.postgres import REQUIRE_ENV, Server, UnavailableError, start_server

BOTH_BACKENDS = ("core", "store")  # folders under tests/ whose database tests run twice
BACKENDS = ["sqlite", "postgresql"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of the SQLite file itself")
    config.addinivalue_line("markers", "both_backends: run this test on SQLite and PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    marked = metafunc.definition.get_closest_marker
    if marked("sqlite_only"):
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    if folder in BOTH_BACKENDS or marked("both_backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One PostgreSQL server for the whole run, stopped at the end whatever happened."""
    try:
        server = start_server()
    except UnavailableError as exc:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{exc}, but {REQUIRE_ENV} is set: install it (dev.py test does)")
        pytest.skip(f"{exc}: the PostgreSQL tests need it")
    atexit.register(server.stop)  # also when the run is interrupted
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # a killed run still stops it
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    yield server
    server.stop()


def _migrate(url: str) -> None:
    from desktop.store.database import open_database

    open_database(url).close()


def _demo(url: str) -> None:
    from desktop.core.demo import fill_demo
    from desktop.core.service import Services
    from desktop.store.database import open_database

    home = paths.home()
    try:
        with tempfile.TemporaryDirectory() as folder, open_database(url) as db:
            paths.set_home(folder)
            fill_demo(Services(db, actor="demo"))
    finally:
        paths.set_home(home)


@pytest.fixture
def pg_url(pg_server: Server) -> Iterator[str]:
    """A fresh PostgreSQL database at the current schema, dropped after the test."""
    name = pg_server.create(pg_server.template("schema", _migrate))
    yield pg_server.url(name)
    pg_server.drop_later(name)


@pytest.fixture
def pg_demo_url(pg_server: Server) -> Iterator[str]:
    """A private PostgreSQL copy of the demo database (built once per run)."""
    name = pg_server.create(pg_server.template("demo", _demo))
    yield pg_server.url(name)
    pg_server.drop_later(name)

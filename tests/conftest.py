"""Shared fixtures: an isolated data home per test, real SQLite files (or a real PostgreSQL
database where a test runs on both backends: see tests/backends.py), one demo database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from desktop import paths
from desktop.i18n import setup_i18n

pytest_plugins = ["tests.backends"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, in Vietnamese."""
    folder = tmp_path / "home"
    monkeypatch.setenv("TDKT_HOME", str(folder))
    paths.set_home(folder)
    setup_i18n("vi")
    yield folder
    paths.set_home(None)


@pytest.fixture
def db(  # type: ignore[no-untyped-def]
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
):
    from desktop.store.database import open_database

    if backend == "postgresql":
        database = open_database(request.getfixturevalue("pg_url"))
    else:
        database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.close()


@pytest.fixture
def services(db):  # type: ignore[no-untyped-def]
    from desktop.core.service import Services

    svc = Services(db, actor="kiểm thử")
    svc.catalogue.sync()
    return svc


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo database, built once per test run."""
    from desktop.core.demo import build_demo

    folder = tmp_path_factory.mktemp("demo")
    paths.set_home(folder / "home")
    target = folder / "demo.sqlite3"
    build_demo(target)
    paths.set_home(None)
    return target


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, copy)
    return copy


@pytest.fixture
def demo_db(backend: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    from desktop.store.database import open_database

    fixture = "pg_demo_url" if backend == "postgresql" else "demo_db_path"
    database = open_database(request.getfixturevalue(fixture))
    yield database
    database.close()

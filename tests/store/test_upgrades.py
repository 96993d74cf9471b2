"""Upgrades: a database of every released schema opens (after a backup) at the current one; a
newer one is refused; a migration that fails leaves the file as it was."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import paths
from desktop.errors import UserError
from desktop.store import database
from desktop.store.database import head_revision, open_database

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("schema-*.sqlite3.gz"))
COUNTED = ("unit", "person", "nomination", "score", "audit_log")


def _unpack(fixture: Path, dest: Path) -> Path:
    with gzip.open(fixture) as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out)
    return dest


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as con:
        value = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    return str(value)


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    finally:
        con.close()


def test_there_is_a_fixture_of_the_current_schema() -> None:
    assert f"schema-{head_revision()}.sqlite3.gz" in [f.name for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_every_released_schema_opens_and_keeps_its_records(fixture: Path, tmp_path: Path) -> None:
    path = _unpack(fixture, tmp_path / "cu.sqlite3")
    old, counts = _revision(path), _counts(path)
    open_database(path).close()
    assert _revision(path) == head_revision()
    assert {t: n for t, n in _counts(path).items()} == counts
    backups = list(paths.backup_dir().glob("cu-truoc-nang-cap-*.sqlite3"))
    if old != head_revision():
        assert len(backups) == 1 and _revision(backups[0]) == old
    else:
        assert backups == []  # nothing to upgrade, nothing to back up


def test_a_database_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = _unpack(FIXTURES[-1], tmp_path / "moi.sqlite3")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_tuong_lai'")
    con.close()
    before = _dump(path)
    with pytest.raises(UserError, match="do phiên bản mới hơn của TĐKT tạo ra"):
        open_database(path)
    assert _dump(path) == before


def test_a_failed_migration_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9000_hong.py").write_text(
        f'revision = "9000"\ndown_revision = "{head_revision()}"\n'
        "branch_labels = None\ndepends_on = None\n\n"
        "from alembic import op\n\n\n"
        "def upgrade():\n"
        '    op.execute("CREATE TABLE nua_chung (x INTEGER)")\n'
        '    op.execute("UPDATE person SET full_name = full_name || \' (hỏng)\'")\n'
        '    raise RuntimeError("bước nâng cấp thử bị lỗi")\n',
        encoding="utf-8")
    monkeypatch.setattr(database, "MIGRATIONS", migrations)
    path = _unpack(FIXTURES[-1], tmp_path / "cu.sqlite3")
    before = _dump(path)
    with pytest.raises(UserError, match="Không nâng cấp được") as caught:
        open_database(path)
    assert "bước nâng cấp thử bị lỗi" in str(caught.value)
    assert _dump(path) == before
    backup = next(paths.backup_dir().glob("cu-truoc-nang-cap-*.sqlite3"))
    assert _dump(backup) == before

"""Opening databases: new, reopened, foreign, damaged, newer, and the backup before an upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.store import database as dbmod
from desktop.store.database import head_revision, open_database


def test_new_file_gets_current_schema_and_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with open_database(path) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert dict(con.execute("SELECT key, value FROM app_meta"))["app"] == "tdkt"
    con.close()


def test_reopen_keeps_data(tmp_path: Path) -> None:
    from desktop.core.service import Services

    path = tmp_path / "a.sqlite3"
    with open_database(path) as db:
        Services(db).units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon")
    with open_database(path) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM unit").scalar() == "Phòng Nội vụ"


def test_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("danh sách khen thưởng", encoding="utf-8")
    with pytest.raises(UserError, match="không phải cơ sở dữ liệu TĐKT"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "danh sách khen thưởng"


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="chương trình khác"):
        open_database(path)
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master")]
    con.close()
    assert tables == ["customers"]


def test_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="hỏng"):
        open_database(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="phiên bản mới hơn"):
        open_database(path)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="không tồn tại"):
        open_database(tmp_path / "nothing.sqlite3", create=False)
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_upgrade_takes_a_verified_backup_first(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    # Pretend the program now has a newer head than the file's revision.
    current = head_revision()
    monkeypatch.setattr(dbmod, "head_revision", lambda: current + "_next")
    db = open_database(path)
    db.close()
    backups = list((home / "backups").glob("old-truoc-nang-cap-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == current
    con.close()

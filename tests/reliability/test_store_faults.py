"""Faults at the OS-call boundary while the database file is copied: a backup, and the write-back
of a working copy to a stick. One clear sentence; the database and the final names untouched."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store import media
from desktop.store.database import Database


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raise(code: int) -> Any:
    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))
    return fail


class FullDisk(sqlite3.Connection):
    """SQLite's own report of a full disk, after part of the copy was written."""

    def backup(self, target: sqlite3.Connection, **_kwargs: Any) -> None:  # type: ignore[override]
        target.execute("CREATE TABLE half_written (x)")
        raise sqlite3.OperationalError("database or disk is full")


def _sqlite_full(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FullDisk, **k))


@pytest.mark.parametrize("fault", ["sqlite_full", "replace_enospc", "replace_eio"])
def test_a_backup_that_meets_a_full_disk_or_io_error_leaves_no_file(
    fault: str, demo_db: Database, demo_db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = Services(demo_db, actor="kiểm thử")
    before = _sha(demo_db_path)
    if fault == "sqlite_full":
        _sqlite_full(monkeypatch)
    else:
        monkeypatch.setattr(os, "replace", _raise(
            errno.ENOSPC if fault == "replace_enospc" else errno.EIO))
    with pytest.raises(UserError, match="Không ghi được bản sao lưu .*; hãy kiểm tra dung lượng"):
        services.backups.backup_now()
    monkeypatch.undo()
    assert _sha(demo_db_path) == before
    assert services.backups.list() == []
    assert list(services.backups.folder().glob("*")) == []  # no half copy under any name


@pytest.mark.parametrize("fault", ["fsync_eio", "replace_enospc", "sqlite_full"])
def test_a_failed_write_back_keeps_the_original_and_the_work(
    fault: str, demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    original = stick / "tdkt.sqlite3"
    original.write_bytes(demo_db_path.read_bytes())
    before = _sha(original)
    working = media.open_working_copy(original)
    with sqlite3.connect(working.copy) as con:  # the day's work, in the local copy
        con.execute("UPDATE unit SET note = 'đã sửa trong ngày'")
    con.close()
    work = _sha(working.copy)
    if fault == "sqlite_full":
        _sqlite_full(monkeypatch)
    else:
        monkeypatch.setattr(os, fault.split("_")[0], _raise(
            errno.EIO if fault == "fsync_eio" else errno.ENOSPC))
    with pytest.raises(UserError, match="công việc của bạn vẫn an toàn tại"):
        working.write_back()
    monkeypatch.undo()
    assert _sha(original) == before
    assert _sha(working.copy) == work and working.marker.exists()
    assert sorted(p.name for p in stick.iterdir()) == ["tdkt.sqlite3"]
    assert [w.copy for w in media.pending_copies()] == [working.copy]

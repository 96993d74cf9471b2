"""Backups and restores of real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import open_database
from desktop.store.maintenance import backup, inspect_file, restore


def _db_with_units(path: Path, *names: str) -> None:
    with open_database(path) as db:
        svc = Services(db)
        for name in names:
            svc.units.create(name=name, kind="ubnd_cap_xa")


def test_backup_is_verified_and_counts(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    _db_with_units(live, "Ủy ban nhân dân xã Nhân Cơ", "Ủy ban nhân dân xã Đắk Ru")
    report = backup(live, tmp_path / "copy.sqlite3")
    assert report.ok
    assert report.counts["unit"] == 2


def test_backup_refuses_to_overwrite(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    _db_with_units(live, "Xã Nhân Đạo")
    dest = tmp_path / "copy.sqlite3"
    dest.write_bytes(b"old")
    with pytest.raises(UserError, match="đã có"):
        backup(live, dest)
    assert dest.read_bytes() == b"old"


def test_restore_replaces_and_keeps_a_safety_copy(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    _db_with_units(live, "Xã Quảng Tín")
    saved = tmp_path / "saved.sqlite3"
    backup(live, saved)
    _db_with_units(live, "Xã Kiến Thành")  # a later change, undone by the restore
    report, safety = restore(saved, live, tmp_path / "safety")
    assert report.counts["unit"] == 1
    assert safety is not None and inspect_file(safety).counts["unit"] == 2


def test_restore_of_damaged_backup_changes_nothing(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    _db_with_units(live, "Xã Hưng Bình")
    bad = tmp_path / "bad.sqlite3"
    backup(live, bad)
    data = bytearray(bad.read_bytes())
    for offset in range(4096, len(data), 512):  # scribble over every b-tree page after the first
        data[offset:offset + 16] = b"\x0d\xff" * 8
    bad.write_bytes(bytes(data))
    before = live.read_bytes()
    with pytest.raises(UserError):
        restore(bad, live, tmp_path / "safety")
    assert live.read_bytes() == before


def test_restore_of_foreign_file_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    _db_with_units(live, "Xã Đạo Nghĩa")
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="chương trình khác"):
        restore(other, live, tmp_path / "safety")
    assert not (tmp_path / "safety").exists()

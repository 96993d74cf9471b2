"""Databases on sticks and network folders: classify the media, work on a local copy, write back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.store.media import Media, classify_linux, open_working_copy, pending_copies

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/sdb1 /media/can-bo/USB\\040NOI\\040VU vfat rw,nosuid,nodev 0 0
//sonoivu/hoso /mnt/so cifs rw,vers=3.0 0 0
nas:/export /mnt/nas nfs4 rw 0 0
"""


@pytest.fixture
def sys_block(tmp_path: Path) -> Path:
    for disk, flag in (("sdb", "1"), ("nvme0n1", "0")):
        (tmp_path / "block" / disk).mkdir(parents=True)
        (tmp_path / "block" / disk / "removable").write_text(flag + "\n")
    return tmp_path / "block"


@pytest.mark.parametrize(("path", "media"), [
    ("/home/can-bo/tdkt.sqlite3", Media.LOCAL),
    ("/media/can-bo/USB NOI VU/tdkt/tdkt.sqlite3", Media.REMOVABLE),
    ("/mnt/so/phong-noi-vu/tdkt.sqlite3", Media.NETWORK),
    ("/mnt/nas/tdkt.sqlite3", Media.NETWORK),
])
def test_media_is_read_from_the_mount_table(path: str, media: Media, sys_block: Path) -> None:
    assert classify_linux(Path(path), MOUNTS, sys_block) is media


def _database(path: Path, rows: int) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE IF NOT EXISTS ho_so (id INTEGER PRIMARY KEY, ten TEXT)")
        con.executemany("INSERT INTO ho_so (ten) VALUES (?)",
                        [(f"Hồ sơ {i}",) for i in range(rows)])


def _count(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute("SELECT count(*) FROM ho_so").fetchone()[0])


def test_work_happens_on_a_copy_and_is_written_back(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    original = stick / "tdkt.sqlite3"
    _database(original, 3)
    working = open_working_copy(original)
    assert working.copy.parent != stick and _count(working.copy) == 3
    _database(working.copy, 2)  # the session's work
    assert _count(original) == 3  # nothing is written to the stick while working
    assert pending_copies() == [working]
    working.write_back()
    assert _count(original) == 5
    assert pending_copies() == [] and not working.copy.exists()
    assert [p.name for p in stick.iterdir()] == ["tdkt.sqlite3"]  # no temporary file left


def test_a_pulled_stick_keeps_the_work_for_the_next_start(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    original = stick / "tdkt.sqlite3"
    _database(original, 3)
    working = open_working_copy(original)
    _database(working.copy, 4)
    original.unlink()
    stick.rmdir()  # pulled out
    with pytest.raises(UserError, match="cắm lại USB"):
        working.write_back()
    assert _count(working.copy) == 7
    stick.mkdir()  # plugged in again: the next start continues from the unsaved copy
    _database(original, 3)
    again = open_working_copy(original)
    assert again.copy == working.copy and _count(again.copy) == 7
    again.write_back()
    assert _count(original) == 7


def test_an_unreadable_database_on_the_stick_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "tdkt.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError, match="không đọc được"):
        open_working_copy(broken)
    assert pending_copies() == []

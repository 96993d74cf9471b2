"""Restoring a backup: checked first, the current state backed up (verified) first, then put
back, opened again (an older schema upgraded) and audited in the restored data."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop import paths
from desktop.cli import main
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import head_revision, open_database
from tests.reliability.backup_checks import counts, intact

OLDEST = Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3.gz"


@pytest.fixture
def services(tmp_path: Path) -> Any:
    with open_database(tmp_path / "xa.sqlite3") as db:
        yield Services(db, actor="kiểm thử")


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT full_name FROM person"))
    finally:
        con.close()


def test_the_current_state_is_backed_up_and_verified_before_the_restore(
    services: Services,
) -> None:
    services.people.create(PersonInput("Phạm Thị Lan", "nu"))
    saved = services.backups.backup_now()
    services.people.create(PersonInput("Đặng Văn Sơn", "nam"))  # undone by the restore
    live = services.db.path
    assert live is not None
    before = counts(live)
    done = services.backups.restore(saved)
    assert _names(live) == ["Phạm Thị Lan"]
    assert done.report.counts["person"] == 1
    assert done.safety is not None and "-truoc-khoi-phuc-" in done.safety.path.name
    assert intact(done.safety.path) and counts(done.safety.path) == before
    assert _names(done.safety.path) == ["Phạm Thị Lan", "Đặng Văn Sơn"]
    con = sqlite3.connect(live)
    action, actor, after = con.execute(
        "SELECT action, actor, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    assert (action, actor) == ("backup.restore", "kiểm thử") and saved.name in after
    services.people.create(PersonInput("Vũ Thị Mai", "nu"))  # the reopened database works
    assert _names(live) == ["Phạm Thị Lan", "Vũ Thị Mai"]


def test_a_backup_of_an_older_schema_is_upgraded_after_its_own_backup(
    services: Services, tmp_path: Path,
) -> None:
    old = tmp_path / "cu.sqlite3"
    with gzip.open(OLDEST) as src, old.open("wb") as out:
        shutil.copyfileobj(src, out)
    people = counts(old)["person"]
    done = services.backups.restore(old)
    assert done.report.revision == head_revision() and done.report.counts["person"] == people
    if head_revision() != "0001":
        upgraded = list(paths.backup_dir().glob("xa-truoc-nang-cap-0001-*.sqlite3"))
        assert len(upgraded) == 1 and intact(upgraded[0])
        assert counts(upgraded[0])["person"] == people


def test_a_damaged_backup_is_refused_and_nothing_is_made_or_changed(
    services: Services, tmp_path: Path,
) -> None:
    services.people.create(PersonInput("Lý Văn Tài", "nam"))
    live = services.db.path
    assert live is not None
    bad = tmp_path / "hong.sqlite3"
    shutil.copyfile(services.backups.backup_now(), bad)
    _scribble(bad)
    before = live.read_bytes()
    made = sorted(services.backups.folder().iterdir())
    with pytest.raises(UserError, match="hãy chọn bản sao lưu khác|hãy khôi phục"):
        services.backups.restore(bad)
    assert live.read_bytes() == before
    assert sorted(services.backups.folder().iterdir()) == made


def _scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 512):  # over every b-tree page after the first
        data[offset:offset + 16] = b"\x0d\xff" * 8
    path.write_bytes(bytes(data))


def test_tdkt_restore_puts_a_backup_over_a_damaged_database_and_keeps_its_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    live = tmp_path / "xa.sqlite3"
    with open_database(live) as db:
        services = Services(db, actor="kiểm thử")
        services.people.create(PersonInput("Cao Thị Yến", "nu"))
        saved = services.backups.backup_now()
        services.people.create(PersonInput("Mạc Văn Khoa", "nam"))
    _scribble(live)
    damaged = live.read_bytes()
    assert main(["restore", str(saved), "--db", str(live)]) == 0
    assert _names(live) == ["Cao Thị Yến"] and intact(live)
    kept = list(paths.backup_dir().glob("xa-truoc-khoi-phuc-*-hong.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert str(kept[0]) in capsys.readouterr().out


def test_tdkt_restore_over_a_whole_database_backs_it_up_verified_first(tmp_path: Path) -> None:
    live = tmp_path / "xa.sqlite3"
    with open_database(live) as db:
        services = Services(db, actor="kiểm thử")
        services.people.create(PersonInput("Cao Thị Yến", "nu"))
        saved = services.backups.backup_now()
        services.people.create(PersonInput("Mạc Văn Khoa", "nam"))
    before = counts(live)
    assert main(["restore", str(saved), "--db", str(live)]) == 0
    assert _names(live) == ["Cao Thị Yến"]
    safety = list(paths.backup_dir().glob("xa-truoc-khoi-phuc-*.sqlite3"))
    assert len(safety) == 1 and intact(safety[0]) and counts(safety[0]) == before

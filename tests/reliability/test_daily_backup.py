"""The daily automatic backup while the program runs, decided with a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop.core.backups import daily_due
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.store.database import open_database
from tests.reliability.backup_checks import counts, intact

MORNING = datetime(2026, 12, 1, 8, 30)


def test_due_only_when_none_was_made_today_and_the_data_changed() -> None:
    assert daily_due(MORNING, None, changed=True)
    assert not daily_due(MORNING, MORNING - timedelta(hours=1), changed=True)
    assert daily_due(MORNING, MORNING - timedelta(hours=9), changed=True)  # yesterday evening
    assert not daily_due(MORNING, MORNING - timedelta(days=3), changed=False)


def test_one_backup_a_day_while_the_data_changes(tmp_path: Path) -> None:
    with open_database(tmp_path / "xa.sqlite3") as db:
        services = Services(db, actor="kiểm thử")
        services.people.create(PersonInput("Nguyễn Thị Hoa", "nu"))
        first = services.backups.automatic_daily(now=MORNING)
        assert first is not None and intact(first.path)
        assert counts(first.path)["person"] == 1
        services.people.create(PersonInput("Trần Văn Bình", "nam"))
        for minutes in (30, 60, 600):  # the same day: today's backup exists
            assert services.backups.automatic_daily(now=MORNING + timedelta(minutes=minutes)) \
                is None
        second = services.backups.automatic_daily(now=MORNING + timedelta(days=1))
        assert second is not None and counts(second.path)["person"] == 2
        # The next day, nothing changed since: no copy of the same data.
        assert services.backups.automatic_daily(now=MORNING + timedelta(days=2)) is None
        made = sorted(p.name for p in services.backups.folder().glob("xa-tu-dong-*"))
        assert made == [first.path.name, second.path.name]


def test_a_copy_left_unfinished_by_a_killed_program_is_removed(tmp_path: Path) -> None:
    with open_database(tmp_path / "xa.sqlite3") as db:
        services = Services(db, actor="kiểm thử")
        stale = services.backups.folder() / "xa-tu-dong-20261130-170000-000000.sqlite3.part"
        stale.write_bytes(b"SQLite format 3\x00" + bytes(100))  # cut short
        made = services.backups.automatic("exit", now=MORNING)
        assert made is not None and not stale.exists()
        assert [p.name for p in services.backups.folder().iterdir()] == [made.path.name]

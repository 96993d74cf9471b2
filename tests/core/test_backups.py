"""Automatic backups: verified copies, made on exit when something changed, kept 7 daily,
4 weekly and 12 monthly."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from desktop.core.backup_rotation import to_keep
from desktop.core.people import PersonInput
from desktop.core.service import Services

pytestmark = pytest.mark.sqlite_only  # copies of the SQLite file; a server is dumped by pg_dump


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_and_12_months() -> None:
    last = datetime(2026, 12, 1, 17, 30)  # a Tuesday
    kept = to_keep(last - timedelta(days=n) for n in range(365))
    days = [f"2026-11-{d}" for d in range(25, 31)] + ["2026-12-01"]
    weeks = ["2026-11-15", "2026-11-22"]  # with 11-29 (Sunday) and 12-01, the 4 newest weeks
    months = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
              "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31"]
    assert sorted(f"{t:%Y-%m-%d}" for t in kept) == sorted(days + weeks + months)


def test_automatic_backups_rotate_and_each_kept_one_is_whole(services: Services) -> None:
    made = [datetime(2026, 9, 1, 18, 0) + timedelta(days=5 * n) for n in range(12)]
    for when in made:
        services.people.create(PersonInput(f"Người ngày {when:%d/%m}", "nam"))
        services.backups.automatic("exit", now=when)
    files = sorted(services.backups.folder().glob("*-tu-dong-*.sqlite3"))
    assert [f.name.split("-tu-dong-")[1][:8] for f in files] == [
        f"{t:%Y%m%d}" for t in sorted(to_keep(made))]
    # The 7 newest days also hold the newest of the 4 weeks and of both months: 5 are removed.
    assert len(files) == 7
    for path in files:
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()


def test_on_exit_a_backup_only_when_something_changed(services: Services) -> None:
    first = services.backups.automatic_on_exit()
    assert first is not None and first.path.exists()
    assert services.backups.automatic_on_exit() is None  # nothing changed since
    services.people.create(PersonInput("Lê Văn Tám", "nam"))
    second = services.backups.automatic_on_exit()
    assert second is not None and second.path != first.path
    con = sqlite3.connect(second.path)
    assert con.execute("SELECT full_name FROM person").fetchall() == [("Lê Văn Tám",)]
    con.close()

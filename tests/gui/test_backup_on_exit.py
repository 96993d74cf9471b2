"""Closing the program leaves a verified automatic backup, but only when something changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop import paths
from desktop.gui.app import application, run_gui


def test_closing_backs_up_once_per_change(qtbot: QtBot, demo_db_path: Path) -> None:
    application()
    assert run_gui(demo_db_path, offscreen=True) == 0
    made = list(paths.backup_dir().glob("demo-tu-dong-*.sqlite3"))
    assert len(made) == 1
    copy, live = sqlite3.connect(made[0]), sqlite3.connect(demo_db_path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = "SELECT count(*) FROM nomination"
    assert copy.execute(count).fetchone() == live.execute(count).fetchone() != (0,)
    copy.close()
    live.close()
    assert run_gui(demo_db_path, offscreen=True) == 0  # nothing changed: no second copy
    assert list(paths.backup_dir().glob("demo-tu-dong-*.sqlite3")) == made

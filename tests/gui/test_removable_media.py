"""A database on a stick is opened through a local working copy and written back on close."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.demo import build_demo
from desktop.gui.app import run_gui
from desktop.store import media
from desktop.store.media import Media, pending_copies


def test_the_window_works_on_a_copy_and_writes_it_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "USB"
    stick.mkdir()
    database = stick / "tdkt.sqlite3"
    build_demo(database, size=20)
    opened: list[str] = []
    monkeypatch.setattr(media, "media_of", lambda path: Media.REMOVABLE)
    real_open = media.open_working_copy

    def spy(original: Path) -> media.WorkingCopy:
        working = real_open(original)
        opened.append(str(working.copy))
        return working

    monkeypatch.setattr(media, "open_working_copy", spy)
    assert run_gui(database, offscreen=True, crash_dialog=False) == 0
    assert len(opened) == 1 and not opened[0].startswith(str(stick))
    assert not Path(opened[0]).exists() and pending_copies() == []  # written back, cleaned up
    assert sorted(p.name for p in stick.iterdir()) == ["tdkt.sqlite3"]

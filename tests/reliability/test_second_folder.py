"""A second backup folder (a stick, a network folder) gets a verified copy of each automatic
backup, rotated like the local ones; missing or full, the local backup stands and one sentence
says so."""

from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.core.settings import Settings, save_settings
from desktop.store.database import open_database
from tests.reliability.backup_checks import counts, intact


def _choose(folder: Path) -> None:
    save_settings(Settings(second_backup_folder=str(folder)))


@pytest.fixture
def services(tmp_path: Path) -> Any:
    with open_database(tmp_path / "xa.sqlite3") as db:
        yield Services(db, actor="kiểm thử")


def test_each_automatic_backup_is_copied_and_rotated_there(services: Services,
                                                           tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    _choose(stick)
    start = datetime(2026, 9, 1, 17, 0)
    for n in range(12):
        services.people.create(PersonInput(f"Người thứ {n}", "nam"))
        made = services.backups.automatic("exit", now=start + timedelta(days=5 * n))
        assert made is not None and made.problem == "" and made.copy == stick / made.path.name
        assert intact(made.copy) and counts(made.copy) == counts(made.path)
    local = sorted(p.name for p in services.backups.folder().glob("*.sqlite3"))
    assert sorted(p.name for p in stick.iterdir()) == local and len(local) == 7
    listed = services.backups.list()
    assert sum(b.second for b in listed) == 7 and len(listed) == 14


def test_a_missing_folder_leaves_the_local_backup_and_one_sentence(services: Services,
                                                                   tmp_path: Path) -> None:
    pulled = tmp_path / "usb-da-rut"
    _choose(pulled)
    made = services.backups.automatic("daily")
    assert made is not None and made.copy is None and intact(made.path)
    assert made.problem.startswith("Không tới được thư mục sao lưu thứ hai")
    assert "\n" not in made.problem and made.problem.endswith(".")
    assert not pulled.exists()  # never created on this disk in place of the stick


def test_a_full_folder_leaves_the_local_backup_and_no_part_file(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    _choose(stick)
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).parent == stick:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    made = services.backups.automatic("import")
    assert made is not None and made.copy is None and intact(made.path)
    assert "Không chép được bản sao lưu sang thư mục thứ hai" in made.problem
    assert os.strerror(errno.ENOSPC) in made.problem
    assert list(stick.iterdir()) == []

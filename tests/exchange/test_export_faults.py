"""Faults at the OS-call boundary while a package is written to a stick: a full stick, an I/O
error, the stick pulled mid-copy. One clear sentence; no file under the final name, no
temporary left on the stick, the database untouched."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.errors import UserError
from tests.exchange.conftest import dump, export, one_sentence


def _half_then(fault: Any) -> Any:
    """A copyfileobj that writes part of the file, then meets `fault`."""
    def copy(src: Any, dst: Any, length: int = 0) -> None:
        dst.write(src.read(4096))
        fault(dst)
    return copy


def _raise(code: int) -> Any:
    def fail(*_args: Any) -> None:
        raise OSError(code, os.strerror(code))
    return fail


def _pull_stick(folder: Path) -> Any:
    def pulled(_dst: Any) -> None:
        shutil.rmtree(folder)
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    return pulled


@pytest.mark.parametrize(("fault", "shown"), [
    ("copy_enospc", "không thành công (No space left on device)"),
    ("fsync_eio", "không thành công (Input/output error)"),
    ("replace_enospc", "không thành công (No space left on device)"),
    ("pulled", "USB đã bị rút ra trong khi chép"),
])
def test_a_fault_while_writing_a_package_leaves_nothing_behind(
    fault: str, shown: str, demo_db: Any, homes: dict[str, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    before = dump(demo_db)
    patches = {
        "copy_enospc": ("shutil.copyfileobj", _half_then(_raise(errno.ENOSPC))),
        "fsync_eio": ("os.fsync", _raise(errno.EIO)),
        "replace_enospc": ("os.replace", _raise(errno.ENOSPC)),
        "pulled": ("shutil.copyfileobj", _half_then(_pull_stick(stick))),
    }
    target, replacement = patches[fault]
    monkeypatch.setattr(target, replacement)
    with pytest.raises(UserError) as caught:
        export(demo_db, homes, stick)
    monkeypatch.undo()
    one_sentence(caught.value)
    assert shown in str(caught.value)
    assert dump(demo_db) == before
    if fault == "pulled":
        assert not stick.exists()
    else:
        assert list(stick.iterdir()) == []

"""The program folder fits in 200 MB and the installer in 60 MB (issue 8), and the bundle holds
no Qt plugin the program leaves out. Slow: `python3 dev.py installer` sets TDKT_BUNDLE, then
TDKT_SETUP once NSIS has made the installer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
from bundle_size import BUNDLE_LIMIT, INSTALLER_LIMIT, folder_size, megabytes, report  # noqa: E402
from bundle_trim import QT_PLUGINS  # noqa: E402

pytestmark = pytest.mark.slow


def _given(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"set {variable} (python3 dev.py installer does)")
    return Path(value)


def test_program_folder_fits_in_200_mb() -> None:
    bundle = _given("TDKT_BUNDLE")
    size = folder_size(bundle)
    assert size <= BUNDLE_LIMIT, "\n".join(report(bundle, top=20))
    assert size > 40_000_000  # a folder without Qt and Python is no bundle


def test_bundle_holds_only_the_qt_plugins_the_program_uses() -> None:
    bundle = _given("TDKT_BUNDLE")
    folders = {plugin.parent.name for plugin in bundle.rglob("plugins/*/*")
               if plugin.parent.parent.parent.name in ("Qt", "PySide6")}
    assert "platforms" in folders
    assert folders <= set(QT_PLUGINS), folders - set(QT_PLUGINS)
    assert not list(bundle.rglob("opengl32sw.dll"))


def test_installer_fits_in_60_mb() -> None:
    setup = _given("TDKT_SETUP")
    assert setup.stat().st_size <= INSTALLER_LIMIT, megabytes(setup.stat().st_size)
    assert setup.read_bytes()[:2] == b"MZ"  # a Windows program, whatever built it

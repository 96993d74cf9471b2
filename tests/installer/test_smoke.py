"""`tdkt --smoke-test`, from the source tree and (slow part) from the frozen bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("ok   database: SQLite", "ok   pdf:", "font embedded",
         "ok   formats: ngày 09 tháng 02 năm 2023 | 2.340.000 đồng", "ok   window:",
         "ok   views: 11 shown", "SMOKE OK")


def _run(command: list[str], home: Path, platform: str = "offscreen"
         ) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TDKT_HOME=str(home), QT_QPA_PLATFORM=platform)
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env,
                          cwd=ROOT)


def _frozen_exe() -> Path:
    bundle = os.environ.get("TDKT_BUNDLE")
    if not bundle:
        pytest.skip("set TDKT_BUNDLE to a PyInstaller folder (python3 dev.py installer does)")
    return Path(bundle) / ("tdkt.exe" if os.name == "nt" else "tdkt")


def test_smoke_test_from_source_passes_and_leaves_no_data(home: Path) -> None:
    result = _run([sys.executable, "-m", "desktop", "--smoke-test"], home)
    assert result.returncode == 0, result.stdout + result.stderr
    for step in STEPS:
        assert step in result.stdout
    assert not (home / "tdkt.sqlite3").exists()  # it worked in a temporary folder


@pytest.mark.slow
def test_smoke_test_of_the_frozen_bundle(home: Path) -> None:
    result = _run([str(_frozen_exe()), "--smoke-test"], home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen," in result.stdout
    for step in STEPS:
        assert step in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (X11, Linux)")
def test_frozen_bundle_shows_its_views_on_an_x11_display(home: Path) -> None:
    """The platform plugin an officer's Linux desktop uses, with the libraries it links."""
    result = _run(["xvfb-run", "-a", str(_frozen_exe()), "--smoke-test"], home, platform="xcb")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   window: opened and closed (xcb)" in result.stdout
    assert "ok   views: 11 shown" in result.stdout


@pytest.mark.parametrize("marker", ["portable.txt", "data"])
def test_portable_copy_keeps_everything_next_to_the_program(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    from desktop import paths

    program = tmp_path / "USB" / "TDKT"
    program.mkdir(parents=True)
    if marker == "data":
        (program / marker).mkdir()
    else:
        (program / marker).write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "tdkt.exe"))
    monkeypatch.delenv("TDKT_HOME")
    paths.set_home(None)
    assert paths.data_dir() == program / "data"
    assert paths.default_database() == program / "data" / "tdkt.sqlite3"
    for folder in (paths.config_dir(), paths.log_dir(), paths.backup_dir()):
        assert folder == program / "data" or program / "data" in folder.parents


@pytest.mark.slow
def test_frozen_bundle_writes_word_and_excel_files(home: Path, tmp_path: Path) -> None:
    """python-docx, lxml and openpyxl with their templates, beyond what the smoke test uses."""
    exe, db = str(_frozen_exe()), str(tmp_path / "demo.sqlite3")
    for command in (["demo", "--db", db, "--size", "20"],
                    ["print", "to-trinh", "--round", "1", "--draft", "--db", db,
                     "--out", str(tmp_path / "out")],
                    ["excel", "export", "--list", "people", "--db", db,
                     "--to", str(tmp_path / "people.xlsx")]):
        result = _run([exe, *command], home)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "people.xlsx: 20 dòng." in result.stdout
    written = sorted(path.suffix for path in (tmp_path / "out").rglob("*.*"))
    assert written == [".docx", ".pdf"], written

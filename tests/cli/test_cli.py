"""The `tdkt` command as a user runs it: real processes, real files, Vietnamese sentences."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tdkt(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.update({"TDKT_HOME": str(home), "QT_QPA_PLATFORM": ""}, **(env or {}))
    environ.pop("QT_QPA_PLATFORM")
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environ, timeout=300)


def one_vietnamese_sentence(text: str) -> None:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    assert any(ch in lines[0] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_demo_check_backup_restore_round_trip(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    result = tdkt("demo", "--db", str(db), home=home)  # its speed: tests/bench/bench_demo.py
    assert result.returncode == 0, result.stderr
    assert "người" in result.stdout

    check = tdkt("check", "--db", str(db), home=home)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "nguyên vẹn" in check.stdout

    copy = tmp_path / "copy.sqlite3"
    assert tdkt("backup", "--db", str(db), "--to", str(copy), home=home).returncode == 0
    con = sqlite3.connect(db)
    con.execute("DELETE FROM audit_log")
    con.commit()
    con.close()
    restored = tdkt("restore", str(copy), "--db", str(db), home=home)
    assert restored.returncode == 0, restored.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    con.close()
    assert list((home / "backups").glob("demo-truoc-khoi-phuc-*.sqlite3"))


def test_demo_refuses_to_overwrite_without_force(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "exists.sqlite3"
    db.write_bytes(b"")
    result = tdkt("demo", "--db", str(db), home=home)
    assert result.returncode == 1
    one_vietnamese_sentence(result.stderr)
    assert "--force" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "--size", "abc"],
        ["demo", "--size", "0"],
        ["demo", "--nonsense"],
        ["restore"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_give_one_sentence(args: list[str], home: Path) -> None:
    result = tdkt(*args, home=home)
    assert result.returncode == 1
    one_vietnamese_sentence(result.stderr)
    assert result.stderr.startswith("Lệnh không hợp lệ")


def test_missing_corrupt_and_foreign_files(tmp_path: Path, home: Path) -> None:
    missing = tdkt("check", "--db", str(tmp_path / "nowhere.sqlite3"), home=home)
    assert missing.returncode == 1
    one_vietnamese_sentence(missing.stderr)
    assert not (tmp_path / "nowhere.sqlite3").exists()

    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    result = tdkt("check", "--db", str(corrupt), home=home)
    assert result.returncode == 1
    one_vietnamese_sentence(result.stderr)

    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    for cmd in (["check", "--db", str(foreign)], ["restore", str(foreign)]):
        result = tdkt(*cmd, home=home)
        assert result.returncode == 1
        one_vietnamese_sentence(result.stderr)
        assert "chương trình khác" in result.stderr


def test_gui_without_a_screen_says_so(home: Path) -> None:
    result = tdkt("gui", home=home)
    assert result.returncode == 1
    one_vietnamese_sentence(result.stderr)
    assert "không có màn hình" in result.stderr.lower()


def test_gui_offscreen_opens_and_closes(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "g.sqlite3"
    result = tdkt("gui", "--offscreen", "--demo-if-empty", "--db", str(db), home=home)
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_english_on_request(home: Path) -> None:
    result = tdkt("--lang", "en", "demo", "--size", "x", home=home)
    assert result.returncode == 1
    assert result.stderr.startswith("Invalid command")


def test_unexpected_error_goes_to_a_crash_file_not_the_terminal(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import cli

    def explode(_args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.delenv("TDKT_DEBUG", raising=False)
    monkeypatch.setitem(cli.COMMANDS, "check", explode)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    one_vietnamese_sentence(err)
    crashes = list((home / "logs").glob("crash-*.txt"))
    assert len(crashes) == 1 and "RuntimeError: boom" in crashes[0].read_text(encoding="utf-8")


def test_data_dir_option_keeps_everything_in_that_folder(tmp_path: Path, home: Path) -> None:
    portable = tmp_path / "usb" / "TDKT"
    portable.mkdir(parents=True)
    result = tdkt("--data-dir", str(portable), "demo", home=home)
    assert result.returncode == 0, result.stderr
    assert (portable / "tdkt.sqlite3").exists()
    assert (portable / "logs" / "tdkt.log").exists()
    assert not (home / "tdkt.sqlite3").exists()

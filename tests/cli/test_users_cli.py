"""`tdkt user …` and `--user`, as an administrator scripts them: passwords on standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import ROOT, one_vietnamese_sentence


def tdkt(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ["TDKT_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environ, input=stdin, timeout=300)


def test_accounts_from_the_command_line(tmp_path: Path, home: Path) -> None:
    db = ["--db", str(tmp_path / "so-noi-vu.sqlite3")]
    added = tdkt(*db, "user", "add", "admin", "--name", "Phạm Quản Trị", "--role", "quan_tri",
                 home=home, stdin="mật khẩu quản trị\n")
    assert added.returncode == 0, added.stderr
    assert "admin (Quản trị)" in added.stdout

    refused = tdkt(*db, "user", "list", home=home)  # accounts exist: sign in first
    assert refused.returncode == 1
    one_vietnamese_sentence(refused.stderr)
    assert "--user" in refused.stderr

    officer = tdkt(*db, "--user", "admin", "user", "add", "an.nv", "--name", "Nguyễn Văn An",
                   home=home, stdin="mật khẩu quản trị\nmật khẩu của An\n")
    assert officer.returncode == 0, officer.stderr

    not_allowed = tdkt(*db, "--user", "an.nv", "user", "disable", "admin", home=home,
                       stdin="mật khẩu của An\n")
    assert not_allowed.returncode == 1
    one_vietnamese_sentence(not_allowed.stderr)
    assert "quản trị" in not_allowed.stderr

    listed = tdkt(*db, "--user", "an.nv", "user", "list", home=home, stdin="mật khẩu của An\n")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["admin\tPhạm Quản Trị\tQuản trị",
                                          "an.nv\tNguyễn Văn An\tChuyên viên"]

"""Every `tdkt` command that reads or writes the database takes a PostgreSQL server's URL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.cli import main
from tests.postgres import Server


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(text: str) -> None:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in text, text


def test_commands_on_a_server(pg_url: str, pg_server: Server, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", pg_url.replace("postgresql+psycopg://", "postgresql://")]
    code, out, err = run(capsys, "demo", *db, "--size", "12")
    assert code == 0, err
    assert "người" in out and "***" in out and "mat-khau" not in out  # no password shown

    code, out, err = run(capsys, "check", *db)
    assert code == 0, err
    assert "Cá nhân: 12\n" in out, out  # the twelve people
    assert "PostgreSQL" in out

    assert run(capsys, "print", "--list", *db)[0] == 0
    assert run(capsys, "rules", "threshold", *db)[0] == 0
    assert run(capsys, "sent", *db)[0] == 0
    sheet = tmp_path / "nguoi.xlsx"
    assert run(capsys, "excel", "export", "--list", "people", "--to", str(sheet), *db)[0] == 0
    assert sheet.stat().st_size > 0
    pdfs = tmp_path / "pdf"
    pdfs.mkdir()
    code, out, err = run(capsys, "print", "danh-sach", "--round", "1", "--out", str(pdfs), *db)
    assert code == 0, err
    assert list(pdfs.glob("*.pdf"))

    dump = tmp_path / "tdkt.dump"
    code, out, err = run(capsys, "backup", "--to", str(dump), *db)
    assert code == 0, err
    listing = subprocess.run([str(pg_server.bin / "pg_restore"), "--list", str(dump)],
                             capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public person" in listing

    code, out, err = run(capsys, "restore", str(dump), *db)
    assert code == 1
    one_sentence(err)
    assert "pg_restore" in err

    code, out, err = run(capsys, "demo", *db)  # the database has an office already
    assert code == 1
    one_sentence(err)


def test_a_server_that_refuses_is_one_sentence(pg_server: Server,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "check", "--db", pg_server.url("postgres", password="sai"))
    assert code == 1
    one_sentence(err)
    assert "mật khẩu" in err and "sai" not in err.replace("không đúng", "")

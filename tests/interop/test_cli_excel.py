"""`tdkt excel import|export` as an officer types it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.interop.legacy_text import TCVN3, encode
from desktop.store.models import Person
from tests.cli.test_cli import one_vietnamese_sentence, tdkt
from tests.interop.conftest import count

HEAD = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Đơn vị"]


def test_report_then_refusal_then_valid_rows(office_units, xlsx, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "test.sqlite3")
    sheet = str(xlsx([HEAD,
                      [encode("Nguyễn Thị Hường", TCVN3), "Nữ", "12/08/1979", "", "Phòng Nội vụ"],
                      ["Lò Văn Pọm", "Nam", "31/02/2024", "", "Phòng Nội vụ"]]))

    assert main(["excel", "import", "--kind", "people", sheet, "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Trang tính “Danh sách” của danh_sach.xlsx: tiêu đề cột ở dòng 1." in out
    assert "  Ngày sinh → Ngày sinh" in out
    assert "Đã chuyển 1 ô gõ bằng phông cũ TCVN3/VNI sang Unicode." in out
    assert "Đã đọc 2 dòng: 1 dòng hợp lệ, 1 dòng có lỗi." in out
    assert "  Dòng 3, cột “Ngày sinh”: “31/02/2024” không phải là ngày có thật" in out
    assert out.rstrip().endswith("Chạy thử: chưa nhập gì.")

    assert main(["excel", "import", "--kind", "people", sheet, "--db", db]) == 1
    err = capsys.readouterr().err
    one_vietnamese_sentence(err)
    assert err.startswith("Chưa nhập gì: 1 trong 2 dòng có lỗi")
    assert count(office_units, Person) == 0

    assert main(["excel", "import", "--kind", "people", sheet, "--db", db, "--valid-only"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Đã nhập 1 dòng.")
    with office_units.reading() as session:
        assert [p.full_name for p in session.query(Person)] == ["Nguyễn Thị Hường"]

    target = tmp_path / "xuat.xlsx"
    assert main(["excel", "export", "--list", "people", "--to", str(target), "--db", db]) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi {target}: 1 dòng."


def test_mistakes_get_one_sentence_from_the_real_command(tmp_path: Path, home: Path) -> None:
    db = str(tmp_path / "trong.sqlite3")
    not_excel = tmp_path / "danh_sach.xlsx"
    not_excel.write_text("Họ và tên\n", encoding="utf-8")
    for args in (["excel", "import", "--kind", "people", str(not_excel)],
                 ["excel", "export", "--to", str(tmp_path / "x.xlsx")]):
        result = tdkt(*args, "--db", db, home=home)
        assert result.returncode == 1, result
        one_vietnamese_sentence(result.stderr)

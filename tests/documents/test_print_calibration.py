"""`tdkt print calibration`: the Giấy khen calibration page of a printer profile, from the
command line, with no database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.documents import printer_profile as pp
from tests.documents.pdfcheck import assert_a4, assert_fonts_embedded, flat


def test_calibration_page_of_the_chosen_and_of_a_named_profile(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["print", "calibration", "--out", str(out)]) == 0
    default = out / "trang-can-chinh-mac-dinh.pdf"
    assert str(default) in capsys.readouterr().out
    pdf = default.read_bytes()
    assert_a4(pdf, landscape=True)
    assert_fonts_embedded(pdf)
    text = flat(pdf)
    assert "TRANG CĂN CHỈNH PHÔI GIẤY KHEN" in text
    assert "Máy in: mac-dinh – độ lệch ngang +0,0 mm, độ lệch dọc +0,0 mm" in text
    assert "Người, tập thể được khen" in text and "Họ tên người ký" in text

    pp.save(replace(pp.PrinterProfile(name="may-in-tang-2"), offset_x=2.5, offset_y=-1.0))
    assert main(["print", "calibration", "--profile", "may-in-tang-2", "--out", str(out)]) == 0
    text = flat((out / "trang-can-chinh-may-in-tang-2.pdf").read_bytes())
    assert "Máy in: may-in-tang-2 – độ lệch ngang +2,5 mm, độ lệch dọc -1,0 mm" in text


def test_a_bad_profile_name_is_one_sentence_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["print", "calibration", "--profile", "../máy in", "--out", str(out)]) != 0
    error = capsys.readouterr().err.strip()
    assert error and "\n" not in error and "Traceback" not in error
    assert not out.exists() or not any(out.iterdir())


def test_listed_among_the_documents(demo_db_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--list", "--db", str(demo_db_path)]) == 0
    listed = capsys.readouterr().out
    assert "calibration" in listed and "trang căn chỉnh phôi Giấy khen in sẵn" in listed

"""Giấy khen: the plain-paper design, the overlay on pre-printed stock and its calibration."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.core.service import Services
from desktop.documents import common as c
from desktop.documents import giay_khen
from desktop.documents import printer_profile as pp
from desktop.errors import UserError
from desktop.store.models import Decision, Person
from tests.documents.pdfcheck import (
    MM,
    assert_a4,
    assert_fonts_embedded,
    assert_inside_margins,
    page_texts,
    words,
)


@pytest.fixture
def svc(demo_db):  # type: ignore[no-untyped-def]
    return Services(demo_db, actor="kiểm thử")


def _people(svc: Services) -> list[tuple[str, str]]:
    """(salutation, name) of the individuals the demo decision awards."""
    with c.reading(svc) as session:
        decision = session.scalars(select(Decision)).one()
        out = []
        for line in decision.lines:
            if line.person_id:
                p = session.get(Person, line.person_id)
                assert p is not None
                out.append(("Bà" if p.gender == "nu" else "Ông", p.full_name))
        return out


def test_one_certificate_per_recipient(svc) -> None:  # type: ignore[no-untyped-def]
    pdf = giay_khen.build(svc, "1")
    with c.reading(svc) as session:
        lines = len(session.scalars(select(Decision)).one().lines)
    assert assert_a4(pdf, landscape=True) == lines
    assert_fonts_embedded(pdf)
    assert_inside_margins(pdf, landscape=True)
    pages = page_texts(pdf)
    for page in pages:
        for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP", "TẶNG", "GIẤY KHEN",
                     "Đã có thành tích xuất sắc trong sơ kết giai đoạn 2023 - 2025 Phong trào",
                     "Đắk R'Lấp, ngày 20 tháng 5 năm 2025", "CHỦ TỊCH", "Nguyễn Quang Tú",
                     "Quyết định số 01/QĐ-UBND ngày 20/05/2025"):
            assert part in page, part
        assert "TM. ỦY BAN NHÂN DÂN" not in page  # the chairman awards in person
    for salutation, name in _people(svc):
        assert sum(f"{salutation} {name}" in p for p in pages) == 1


def test_texts_of_the_design_are_configurable(svc, home) -> None:  # type: ignore[no-untyped-def]
    design = giay_khen.Design(award_title="BẰNG KHEN", reason="Có thành tích tiêu biểu năm 2025")
    page = page_texts(giay_khen.build(svc, "1", design=design))[0]
    assert "BẰNG KHEN" in page and "Có thành tích tiêu biểu năm 2025" in page
    assert "GIẤY KHEN" not in page
    path = giay_khen.save_design(giay_khen.Design(reason="Đã có thành tích trong {round}"))
    assert path == home / "config" / "giay-khen.json"
    page = page_texts(giay_khen.build(svc, "1"))[0]  # the saved wording is used
    assert "Đã có thành tích trong sơ kết giai đoạn 2023 - 2025" in page
    path.write_text('{"reason": "Thiếu {ngoặc"}', encoding="utf-8")
    with pytest.raises(UserError) as err:
        giay_khen.build(svc, "1")
    assert "giay-khen.json" in str(err.value) and "\n" not in str(err.value)


def test_overlay_prints_only_the_variable_fields_where_the_profile_says(svc) -> None:  # type: ignore[no-untyped-def]
    pdf = giay_khen.build_overlay(svc, "1")
    assert_fonts_embedded(pdf)
    first = page_texts(pdf)[0]
    assert "GIẤY KHEN" not in first and "CỘNG HÒA" not in first  # printed on the stock
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP" in first and "Nguyễn Quang Tú" in first
    base = [w for w in words(pdf) if w.page == 1 and w.text == "Nguyễn"][-1]
    field = pp.DEFAULT_FIELDS["signer_name"]
    assert abs(base.y1 - field.y * MM) < field.size * 0.4  # baseline at y mm

    pp.save(replace(pp.load(), offset_x=5.0, offset_y=-3.0))
    moved = [w for w in words(giay_khen.build_overlay(svc, "1"))
             if w.page == 1 and w.text == "Nguyễn"][-1]
    assert moved.x0 - base.x0 == pytest.approx(5 * MM, abs=0.2)  # X offset in mm
    assert moved.y0 - base.y0 == pytest.approx(-3 * MM, abs=0.2)  # Y offset in mm


def test_calibration_page_has_grid_and_crosshairs(svc) -> None:  # type: ignore[no-untyped-def]
    profile = replace(pp.load(), offset_x=1.5)
    pdf = giay_khen.calibration(profile)
    assert_a4(pdf, landscape=True)
    assert_fonts_embedded(pdf)
    page = page_texts(pdf)[0]
    assert "TRANG CĂN CHỈNH PHÔI GIẤY KHEN" in page
    assert "độ lệch ngang +1,5 mm, độ lệch dọc +0,0 mm" in page
    for label in pp.FIELD_WORDS.values():
        assert label in page
    labels = {w.text for w in words(pdf)}
    assert {"20", "100", "280"} <= labels  # millimetre scale along the top


def test_profile_round_trip_and_bad_profiles(home) -> None:  # type: ignore[no-untyped-def]
    assert pp.load("may-in-a").offset_x == 0  # nothing saved: defaults
    path = pp.save(pp.PrinterProfile(name="may-in-a").moved(2, -1))
    assert path.parent == home / "config" / "printers"
    again = pp.load("may-in-a")
    assert (again.offset_x, again.offset_y) == (2, -1)
    before = path.read_bytes()
    with pytest.raises(UserError):
        again.moved(40, 0)  # beyond ±30 mm
    with pytest.raises(UserError):
        pp.save(replace(again, fields={"recipient": pp.FieldPlace(400, 10, 50)}))
    assert path.read_bytes() == before  # nothing half-written
    path.write_text("{ không phải JSON", encoding="utf-8")
    with pytest.raises(UserError) as err:
        pp.load("may-in-a")
    assert "may-in-a.json" in str(err.value) and "\n" not in str(err.value)
    path.write_text(json.dumps({"fields": {"khac": {}}}), encoding="utf-8")
    with pytest.raises(UserError):
        pp.load("may-in-a")
    with pytest.raises(UserError):
        pp.profile_path("../ngoai")


def test_certificates_print_from_the_command_line(demo_db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main

    for form in ("giay-khen", "giay-khen-phoi"):
        assert main(["print", form, "--round", "1", "--out", str(tmp_path / "out"),
                     "--db", str(demo_db_path)]) == 0
    # a certificate is a drawing: no editable copy, and not part of the round's dossier
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["05-giay-khen-phoi.pdf",
                                                          "05-giay-khen.pdf"]


def test_overlay_uses_the_profile_chosen_in_the_settings(svc) -> None:  # type: ignore[no-untyped-def]
    base = [w for w in words(giay_khen.build_overlay(svc, "1"))
            if w.page == 1 and w.text == "Nguyễn"][-1]
    pp.save(replace(pp.PrinterProfile(name="may-in-b"), offset_x=4.0))
    pp.choose("may-in-b")
    moved = [w for w in words(giay_khen.build_overlay(svc, "1"))
             if w.page == 1 and w.text == "Nguyễn"][-1]
    assert moved.x0 - base.x0 == pytest.approx(4 * MM, abs=0.2)
    pp.delete("may-in-b")  # the settings fall back to the default profile
    assert pp.chosen() == "mac-dinh"

"""Exporting lists to .xlsx: what Excel will show, and that an export imports again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.core.service import Services
from desktop.core.text import person_sort_key, sort_key
from desktop.errors import UserError
from desktop.interop.xlsx_export import export_list
from desktop.interop.xlsx_import import apply, preview
from desktop.store.models import Person, Unit
from tests.interop.conftest import count


def _read(path: Path):  # type: ignore[no-untyped-def]
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    return sheet, [c.value for c in rows[0]], rows[1:]


def test_people_list_looks_right_in_excel(demo_db, tmp_path: Path) -> None:
    services = Services(demo_db)
    out = tmp_path / "xuat"
    out.mkdir()
    target = out / "ca_nhan.xlsx"
    assert export_list(services, "people", target) == count(services, Person)
    assert [p.name for p in out.iterdir()] == ["ca_nhan.xlsx"]  # no temporary file left
    sheet, headings, rows = _read(target)
    assert sheet.title == "Cá nhân"
    assert headings == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chức vụ",
                        "Đơn vị"]
    assert sheet.freeze_panes == "A2"
    assert [r[0].value for r in rows[:3]] == [1, 2, 3]
    names = [r[1].value for r in rows]
    assert names == sorted(names, key=person_sort_key)  # by tên, Vietnamese order
    assert {r[2].value for r in rows} == {"Nam", "Nữ"}
    born = next(r[3] for r in rows if r[3].value is not None)
    assert isinstance(born.value, datetime) and born.number_format == "dd/mm/yyyy"
    assert all(isinstance(r[4].value, str) for r in rows if r[4].value)  # CCCD keeps its zero
    assert sheet.column_dimensions["B"].width >= max(len(n) for n in names)


def test_nominations_carry_money_as_numbers(demo_db, tmp_path: Path) -> None:
    services = Services(demo_db)
    target = tmp_path / "de_nghi.xlsx"
    n = export_list(services, "nominations", target, round_ref="1")
    sheet, headings, rows = _read(target)
    assert len(rows) == n > 0
    assert headings[-1] == "Số tiền"
    amounts = [r[-1] for r in rows if r[-1].value is not None]
    assert amounts and all(isinstance(c.value, int) and c.number_format == "#,##0"
                           for c in amounts)
    kinds = [r[2].value for r in rows]
    assert kinds == sorted(kinds, key=["Tập thể", "Cá nhân", "Hộ gia đình"].index)
    people = [r[1].value for r in rows if r[2].value == "Cá nhân"]
    assert people == sorted(people, key=person_sort_key)
    with pytest.raises(UserError, match="Không có đợt xét"):
        export_list(services, "nominations", target, round_ref="99")


def test_units_and_people_exported_import_into_an_empty_database(demo_db, services,
                                                                 tmp_path: Path) -> None:
    demo = Services(demo_db)
    export_list(demo, "units", tmp_path / "don_vi.xlsx")
    export_list(demo, "people", tmp_path / "ca_nhan.xlsx")
    _s, _h, unit_rows = _read(tmp_path / "don_vi.xlsx")
    unit_names = [r[1].value for r in unit_rows]
    assert unit_names == sorted(unit_names, key=sort_key)

    units = preview(services, tmp_path / "don_vi.xlsx", "units")
    assert units.problems == []
    assert apply(services, units) == count(demo, Unit)
    people = preview(services, tmp_path / "ca_nhan.xlsx", "people")
    assert people.problems == []
    assert apply(services, people) == count(demo, Person)
    export_list(services, "people", tmp_path / "lai.xlsx")
    assert _values(tmp_path / "lai.xlsx") == _values(tmp_path / "ca_nhan.xlsx")


def _values(path: Path) -> list[tuple[object, ...]]:
    """The rows without their number, people of the same name in any order."""
    book = load_workbook(path, read_only=True)
    rows = [r[1:] for r in book.active.iter_rows(values_only=True)]
    book.close()
    return sorted(rows, key=str)


def test_a_failed_write_leaves_nothing_behind(demo_db, tmp_path: Path) -> None:
    services = Services(demo_db)
    tmp_path = tmp_path / "xuat"
    tmp_path.mkdir()
    with pytest.raises(UserError) as caught:
        export_list(services, "people", tmp_path / "khong_co" / "ca_nhan.xlsx")
    assert str(caught.value) == (f"Không có thư mục “{tmp_path / 'khong_co'}”; hãy chọn thư mục "
                                 "khác.")
    taken = tmp_path / "trung_ten.xlsx"
    taken.mkdir()
    with pytest.raises(UserError, match="là một thư mục"):
        export_list(services, "people", taken)
    with pytest.raises(UserError, match="phải có đuôi .xlsx"):
        export_list(services, "people", tmp_path / "ca_nhan.csv")
    long_name = tmp_path / ("d" * 245 + ".xlsx")  # fits; its temporary name does not
    with pytest.raises(UserError, match="không thành công .*hãy kiểm tra thư mục rồi xuất lại"):
        export_list(services, "people", long_name)
    assert [p.name for p in tmp_path.iterdir()] == ["trung_ten.xlsx"]


def test_exported_award_history_finds_every_subject_again(demo_db, tmp_path: Path) -> None:
    """People, units as they were in the award's year (merged communes), and households."""
    services = Services(demo_db)
    n = export_list(services, "awards", tmp_path / "khen_thuong.xlsx")
    again = preview(services, tmp_path / "khen_thuong.xlsx", "awards")
    assert len(again.lines) == n > 0
    assert again.valid == []  # nothing would be recorded twice
    assert {p.message.split(";")[0].rsplit(" ", 4)[-4:] == ["đã", "được", "ghi", "nhận"]
            for p in again.problems} == {True}

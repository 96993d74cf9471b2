"""Đơn vị: an officer adds, corrects and removes the households of a village."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.households_panel import HouseholdDialog
from desktop.gui.units_view import UnitsView
from desktop.store.database import Database
from desktop.store.models import Household, Nomination, Unit


def _rows(view: UnitsView) -> list[tuple[str, str, str]]:
    model = view.households_model
    return [tuple(model.index(r, c).data() for c in range(3))  # type: ignore[misc]
            for r in range(model.rowCount())]


def _village_with_nominated_household(services: Services) -> tuple[Any, str]:
    with services.reading() as session:
        nominated = session.scalars(select(Household).join(
            Nomination, Nomination.household_id == Household.id)).first()
        assert nominated is not None and nominated.unit_id is not None
        return nominated.unit_id, nominated.head_name


@pytest.fixture
def view(qtbot: QtBot, demo_db: Database) -> UnitsView:
    application()
    units = UnitsView(Services(demo_db, actor="cán bộ Nội vụ"))
    qtbot.addWidget(units)
    units.resize(1100, 700)
    units.show()
    qtbot.waitExposed(units)
    return units


def test_add_edit_and_remove_a_household(view: UnitsView, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services = view.services
    unit_id, nominated_head = _village_with_nominated_household(services)
    view.select(unit_id)
    view.members.setCurrentWidget(view.households)
    before = view.households_model.rowCount()
    with services.reading() as session:
        unit_name = session.get(Unit, unit_id).name  # type: ignore[union-attr]
    assert view.members.tabText(1) == f"Hộ gia đình ({before})"
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def add(dialog: HouseholdDialog) -> int:
        assert dialog.windowTitle() == f"Thêm hộ gia đình vào {unit_name}"
        dialog.accept()  # no head of household yet: the form stays open and says why
        dialog.head_name.setText("Điểu Văn Brông")
        dialog.address.setText("Bon Bu Sir, xã Nhân Cơ")
        dialog.members.setValue(6)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(HouseholdDialog, "exec", add)
    assert view.households.add_button.shortcut().toString() == "Ctrl+Shift+H"
    qtbot.mouseClick(view.households.add_button, Qt.MouseButton.LeftButton)
    assert warnings == ["Vui lòng nhập “Chủ hộ”."]
    assert view.households_model.rowCount() == before + 1
    assert view.members.tabText(1) == f"Hộ gia đình ({before + 1})"
    assert ("Điểu Văn Brông", "Bon Bu Sir, xã Nhân Cơ", "6") in _rows(view)
    assert view.households.current().head_name == "Điểu Văn Brông"  # type: ignore[union-attr]

    def edit(dialog: HouseholdDialog) -> int:
        assert dialog.windowTitle() == "Sửa thông tin hộ gia đình ông/bà Điểu Văn Brông"
        assert dialog.members.value() == 6
        dialog.members.setValue(7)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(HouseholdDialog, "exec", edit)
    qtbot.mouseClick(view.households.edit_button, Qt.MouseButton.LeftButton)
    assert ("Điểu Văn Brông", "Bon Bu Sir, xã Nhân Cơ", "7") in _rows(view)
    view.households.table.setFocus()
    view.households.update_buttons()
    view.households.table.grab().save(str(tmp_path / "households.png"))

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    view.households.select(next(
        r.id for r in map(view.households_model.row_object,
                          range(view.households_model.rowCount()))
        if r.head_name == nominated_head))
    qtbot.mouseClick(view.households.remove_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 2 and warnings[1].startswith(
        f"Không thể xóa hộ gia đình của “{nominated_head}” vì còn ")
    assert view.households_model.rowCount() == before + 1

    view.households.select(next(
        r.id for r in map(view.households_model.row_object,
                          range(view.households_model.rowCount()))
        if r.head_name == "Điểu Văn Brông"))
    qtbot.mouseClick(view.households.remove_button, Qt.MouseButton.LeftButton)
    assert view.households_model.rowCount() == before
    assert "Điểu Văn Brông" not in [r[0] for r in _rows(view)]

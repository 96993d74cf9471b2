"""Đơn vị: the unit tree, its lineage, blocs and a unit's people, driven as an officer would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.unit_dialogs import check_unit
from desktop.gui.units_view import UnitsView
from desktop.store.database import Database
from desktop.store.models import AuditEntry
from tests.gui.dialogs import when_dialog_opens

DISTRICT = "Ủy ban nhân dân huyện Đắk R'Lấp"


def _view(qtbot: QtBot, db: Database) -> UnitsView:
    application()
    view = UnitsView(Services(db, actor="cán bộ Nội vụ"))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.tree.setFocus()
    return view


def _node(view: UnitsView, name: str, *, active: bool = True):  # type: ignore[no-untyped-def]
    return next(n for n in view.model.nodes()
                if n.name == name and (n.valid_to is None) == active)


def _row_texts(view: UnitsView, name: str, *, active: bool = True) -> list[str]:
    index = view.model.index_of(_node(view, name, active=active).id)
    return [index.siblingAtColumn(c).data() for c in range(view.model.columnCount())]


def _press(qtbot: QtBot, view: UnitsView, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key on the tree, once the window has its focus back after a dialog."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.tree)
    qtbot.keyClick(view.tree, key, modifier)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *a, **k: said.append(text))
    return said


def test_demo_tree_shows_kinds_validity_and_merges(
    qtbot: QtBot, demo_db: Database, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, demo_db)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.blocs_model)
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Sáp nhập, đổi tên"
    merged = _row_texts(view, "Ủy ban nhân dân xã Nhân Cơ")
    assert merged[1] == "UBND cấp xã" and merged[2] == "từ 01/07/2025"
    assert merged[5] == ("Sáp nhập từ Ủy ban nhân dân xã Nhân Cơ, Ủy ban nhân dân xã Nhân Đạo "
                         "(01/07/2025)")
    old = _row_texts(view, "Ủy ban nhân dân xã Nhân Đạo", active=False)
    assert old[5] == "Đã sáp nhập vào Ủy ban nhân dân xã Nhân Cơ (01/07/2025)"
    assert old[2].endswith("30/06/2025")
    view.select(_node(view, "Ủy ban nhân dân xã Nhân Cơ").id)
    people = view.people_model.rowCount()
    assert people > 0 and view.members.tabText(0) == f"Cá nhân ({people})"
    assert "Sáp nhập từ" in view.detail.text()
    blocs = [view.blocs_model.item(r, 0).text() for r in range(view.blocs_model.rowCount())]
    assert "Cụm thi đua các xã, thị trấn" in blocs


def test_search_ignores_accents(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    qtbot.keyClicks(view.search, "nhan dao")
    shown: list[str] = []

    def walk(parent):  # type: ignore[no-untyped-def]
        for r in range(view.model.rowCount(parent)):
            index = view.model.index(r, 0, parent)
            shown.append(index.data())
            walk(index)
    walk(view.tree.rootIndex())
    assert "Ủy ban nhân dân xã Nhân Đạo" in shown
    assert "Ủy ban nhân dân xã Nghĩa Thắng" not in shown


def test_create_rename_merge_and_bloc_end_to_end(
    qtbot: QtBot, demo_db: Database, warnings: list[str]
) -> None:
    view = _view(qtbot, demo_db)
    district = _node(view, DISTRICT)
    view.select(district.id)

    # Insert: a new commune under the district; first with no name (refused, dialog stays)
    def empty_then_fill(dialog):  # type: ignore[no-untyped-def]
        dialog.keep_open = True
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible() and warnings == ["Vui lòng nhập “Tên đơn vị”."]
        assert dialog.parent_unit.currentText() == DISTRICT
        dialog.name.setText("Ủy ban nhân dân xã Đắk Sin mới")  # QTest types ASCII only
        dialog.kind.setCurrentIndex(dialog.kind.findText("UBND cấp xã"))
        dialog.keep_open = False
    when_dialog_opens(empty_then_fill)
    _press(qtbot, view, Qt.Key.Key_Insert)
    created = _node(view, "Ủy ban nhân dân xã Đắk Sin mới")
    assert created.parent_id == district.id and view.current_id() == created.id

    # F2: rename it
    def rename(dialog):  # type: ignore[no-untyped-def]
        dialog.name.setText("Ủy ban nhân dân xã Hưng Bình mới")
    when_dialog_opens(rename)
    _press(qtbot, view, Qt.Key.Key_F2)
    assert _row_texts(view, "Ủy ban nhân dân xã Hưng Bình mới")[0] == \
        "Ủy ban nhân dân xã Hưng Bình mới"

    # Ctrl+M: merge two communes into a new one; lineage recorded and shown
    first = _node(view, "Ủy ban nhân dân xã Nghĩa Thắng")
    second = _node(view, "Ủy ban nhân dân xã Đạo Nghĩa")
    view.select(first.id)

    def merge(dialog):  # type: ignore[no-untyped-def]
        check_unit(dialog.sources, second.id)
        dialog.name.setText("Ủy ban nhân dân xã Nghĩa Thắng (mới)")
        dialog.effective.setDate(QDate(2025, 7, 1))
        dialog.legal_basis.setText("Nghị quyết số 1660/NQ-UBTVQH15")
    seen = when_dialog_opens(merge)
    _press(qtbot, view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen and warnings == ["Vui lòng nhập “Tên đơn vị”."]
    new = _node(view, "Ủy ban nhân dân xã Nghĩa Thắng (mới)")
    assert new.parent_id == district.id and new.valid_from == date(2025, 7, 1)
    assert new.people == first.people + second.people
    assert _row_texts(view, "Ủy ban nhân dân xã Nghĩa Thắng (mới)")[5] == (
        "Sáp nhập từ Ủy ban nhân dân xã Đạo Nghĩa, Ủy ban nhân dân xã Nghĩa Thắng (01/07/2025)")
    assert _node(view, "Ủy ban nhân dân xã Đạo Nghĩa", active=False).valid_to == \
        date(2025, 6, 30)
    tip = view.model.index_of(new.id).siblingAtColumn(5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Nghị quyết số 1660/NQ-UBTVQH15" in tip

    # a bloc of the two new communes, with a leader
    def bloc(dialog):  # type: ignore[no-untyped-def]
        dialog.name.setText("Cụm thi đua các xã phía Bắc")
        check_unit(dialog.members, created.id)
        dialog.leader.setCurrentIndex(dialog.leader.findData(new.id))
        dialog.year.setValue(2026)
    when_dialog_opens(bloc)
    qtbot.mouseClick(view.bloc_button, Qt.MouseButton.LeftButton)
    assert view.pages.currentIndex() == 1
    head = next(view.blocs_model.item(r, 0) for r in range(view.blocs_model.rowCount())
                if view.blocs_model.item(r, 0).text() == "Cụm thi đua các xã phía Bắc")
    members = {(head.child(r, 0).text(), head.child(r, 1).text(), head.child(r, 2).text())
               for r in range(head.rowCount())}
    assert members == {("Ủy ban nhân dân xã Nghĩa Thắng (mới)", "Trưởng khối/cụm", "2026"),
                       ("Ủy ban nhân dân xã Hưng Bình mới", "Thành viên", "2026")}
    assert warnings == ["Vui lòng nhập “Tên đơn vị”."]
    with view.services.reading() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.actor == "cán bộ Nội vụ").order_by(AuditEntry.id)))
    assert actions == ["unit.create", "unit.update", "unit.create", "unit.merge", "unit.merge",
                       "bloc.create"]


def test_delete_asks_only_when_nothing_depends(
    qtbot: QtBot, demo_db: Database, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, demo_db)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    view.select(_node(view, "Ủy ban nhân dân xã Nhân Cơ").id)
    _press(qtbot, view, Qt.Key.Key_Delete)
    assert asked == [] and len(warnings) == 1
    assert warnings[0].startswith("Không thể xóa “Ủy ban nhân dân xã Nhân Cơ” vì còn")
    assert "cá nhân" in warnings[0]
    spare = view.services.units.create(name="Thôn nhập nhầm", kind="thon_to_dan_pho")
    view.reload(select=spare.id)
    _press(qtbot, view, Qt.Key.Key_Delete)
    assert asked == ["Xóa “Thôn nhập nhầm”? Không có dữ liệu nào khác liên quan đến đơn vị này."]
    assert all(n.name != "Thôn nhập nhầm" for n in view.model.nodes())


def test_screenshot(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    view.select(_node(view, "Ủy ban nhân dân xã Nhân Cơ").id)
    image = view.grab()
    assert image.width() == 1100 and image.save(str(tmp_path / "units.png"))


def test_official_rename_shows_the_old_name(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.select(_node(view, "Ủy ban nhân dân xã Đắk Sin").id)

    def rename(dialog):  # type: ignore[no-untyped-def]
        assert dialog.name.text() == "Ủy ban nhân dân xã Đắk Sin"
        dialog.name.setText("Ủy ban nhân dân phường Đắk Sin")
        dialog.effective.setDate(QDate(2025, 7, 1))
    when_dialog_opens(rename)
    _press(qtbot, view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _row_texts(view, "Ủy ban nhân dân phường Đắk Sin")[5] == (
        "Đổi tên từ Ủy ban nhân dân xã Đắk Sin (01/07/2025)")
    assert _row_texts(view, "Ủy ban nhân dân xã Đắk Sin", active=False)[5] == (
        "Đã đổi tên thành Ủy ban nhân dân phường Đắk Sin (01/07/2025)")
    assert view.current_id() == _node(view, "Ủy ban nhân dân phường Đắk Sin").id

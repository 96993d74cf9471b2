"""Phong trào: load a plan, then edit its criteria tree with the keyboard, as an officer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.movements_view import IdRole, MovementsView
from desktop.store.database import Database
from desktop.store.models import AuditEntry, Movement
from tests.gui.dialogs import when_dialog_opens

PLANS = Path(__file__).resolve().parents[2] / "resources" / "demo" / "movements"


def _view(qtbot: QtBot, services: Services) -> MovementsView:
    application()
    view = MovementsView(services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.tree.setFocus()
    return view


def _press(qtbot: QtBot, view: MovementsView, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.tree)
    qtbot.keyClick(view.tree, key, modifier)


def _texts(view: MovementsView, index) -> list[str]:  # type: ignore[no-untyped-def]
    return [index.siblingAtColumn(c).data() for c in range(4)]


def _children(view: MovementsView, index) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.model.index(r, 0, index).data() for r in range(view.model.rowCount(index))]


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    out: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: out.append(text))
    return out


def test_demo_movement_tree_and_group_totals(
    qtbot: QtBot, demo_db: Database, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, Services(demo_db))
    qtmodeltester.check(view.model)
    assert view.model.headerData(3, Qt.Orientation.Horizontal) == "Minh chứng, ghi chú"
    group = next(view.model.index(r, 0) for r in range(view.model.rowCount())
                 if view.model.index(r, 0).data().startswith("a) Đối với các cơ quan"))
    assert _texts(view, group)[1] == "100"
    assert not view.buttons["add"].isEnabled()
    view.tree.setCurrentIndex(group)
    assert view.buttons["add"].isEnabled() and view.buttons["edit"].isEnabled()  # renames it
    assert not view.buttons["up"].isEnabled()


def test_load_plan_then_add_edit_reorder_delete_criteria(
    qtbot: QtBot, services: Services, said: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, services)
    assert view.summary.text().startswith("Chưa có phong trào nào")

    # «Nạp kế hoạch» with a malformed file: one sentence, nothing written
    broken = tmp_path / "ke_hoach_loi.toml"
    broken.write_text('code = "PT"\nname = "Thi đua"\nkind = "thuong_xuyen"\n'
                      '[[target_groups]]\ncode = "a"\n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    qtbot.keyClick(view.tree, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(said) == 1)  # a button's shortcut clicks it after a short delay
    assert len(said) == 1 and "ke_hoach_loi.toml" in said[0] and "\n" not in said[0]
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(Movement)) == 0
    assert view.movements.count() == 0

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(PLANS / "lai_chau.toml"), ""))
    qtbot.mouseClick(view.load_button, Qt.MouseButton.LeftButton)
    assert view.movements.count() == 1
    group = next(view.model.index(r, 0) for r in range(view.model.rowCount())
                 if view.model.index(r, 0).data().startswith("c) Cá nhân"))
    group_id = group.data(IdRole)
    before = _children(view, group)
    view.tree.setCurrentIndex(group)

    # Insert on the target group: a criterion with points and a measurable target
    def add(dialog):  # type: ignore[no-untyped-def]
        assert dialog.code.text() == str(len(before) + 1)
        dialog.name.setPlainText("Tham gia ít nhất 02 buổi lao động công ích tại địa phương")
        dialog.points.setValue(15)
        dialog.has_target.setChecked(True)
        dialog.target.setValue(2)
        dialog.target_unit.setText("buổi")
        dialog.evidence.setPlainText("Xác nhận của Ban công tác Mặt trận khu dân cư")
    when_dialog_opens(add)
    _press(qtbot, view, Qt.Key.Key_Insert)
    group = view.row_of(group_id)
    added = view.tree.currentIndex()
    code = f"{len(before) + 1}. Tham gia ít nhất 02 buổi lao động công ích tại địa phương"
    assert _texts(view, added) == [code, "15", "≥ 2 buổi",
                                   "Xác nhận của Ban công tác Mặt trận khu dân cư"]
    assert _children(view, group) == [*before, code]

    # F2: rename it; the points must stay within 0–10 000 (the spin box cannot go below 0)
    def rename(dialog):  # type: ignore[no-untyped-def]
        dialog.name.setPlainText("Tham gia lao động công ích")
        dialog.points.setValue(-3)
        assert dialog.points.value() == 0
        dialog.points.setValue(12.5)
    when_dialog_opens(rename)
    _press(qtbot, view, Qt.Key.Key_F2)
    renamed = f"{len(before) + 1}. Tham gia lao động công ích"
    assert _texts(view, view.tree.currentIndex())[:2] == [renamed, "12,5"]

    # Ctrl+Up moves it above the previous criterion
    _press(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _children(view, view.row_of(group_id)) == [*before[:-1], renamed, before[-1]]

    # Insert on the criterion adds a sub-criterion under it
    def sub(dialog):  # type: ignore[no-untyped-def]
        assert dialog.code.text() == f"{len(before) + 1}.1"
        dialog.name.setPlainText("Vệ sinh đường làng, ngõ xóm")
        dialog.points.setValue(5)
    when_dialog_opens(sub)
    _press(qtbot, view, Qt.Key.Key_Insert)
    parent = view.tree.currentIndex().parent()
    assert parent.data() == renamed
    assert _children(view, parent) == [f"{len(before) + 1}.1. Vệ sinh đường làng, ngõ xóm"]

    # Delete asks, then removes the criterion and its sub-criteria
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    view.tree.setCurrentIndex(parent)
    _press(qtbot, view, Qt.Key.Key_Delete)
    assert asked == [f"Xóa tiêu chí “{renamed}” cùng các tiêu chí con?"]
    assert _children(view, view.row_of(group_id)) == before
    assert said == [said[0]]
    with services.reading() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("criterion.%")).order_by(AuditEntry.id)))
    assert actions == ["criterion.create", "criterion.update", "criterion.move",
                       "criterion.create", "criterion.delete"]


def test_screenshot(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, Services(demo_db))
    image = view.grab()
    assert image.width() == 1100 and image.save(str(tmp_path / "movements.png"))

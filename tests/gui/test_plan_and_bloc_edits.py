"""An officer corrects a phase, renames or deletes a target group, and edits or deletes a bloc."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.movements_view import MovementsView
from desktop.gui.units_view import UnitsView
from desktop.store.database import Database
from tests.gui.dialogs import when_dialog_opens


def _shown(qtbot: QtBot, view):  # type: ignore[no-untyped-def]
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _row(view: MovementsView, parent_text: str, prefix: str):  # type: ignore[no-untyped-def]
    model = view.model
    parent = next(model.index(r, 0) for r in range(model.rowCount())
                  if model.index(r, 0).data().startswith(parent_text))
    if parent_text == prefix:
        return parent
    return next(model.index(r, 0, parent) for r in range(model.rowCount(parent))
                if model.index(r, 0, parent).data().startswith(prefix))


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    out: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: out.append(text))
    return out


def test_phase_and_target_group_are_edited_from_the_tree(
        qtbot: QtBot, demo_db: Database, said: list[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    application()
    view = _shown(qtbot, MovementsView(Services(demo_db, actor="cán bộ Nội vụ")))
    view.movements.setCurrentIndex(next(i for i in range(view.movements.count())
                                        if view.movements.itemText(i).startswith("Đắk R'Lấp")))
    view.tree.setCurrentIndex(_row(view, "Giai đoạn", "Giai đoạn 2"))
    assert view.buttons["edit"].isEnabled() and not view.buttons["delete"].isEnabled()

    def wrong_then_right(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.windowTitle() == "Sửa giai đoạn" and dialog.start.value() == 2026
        dialog.keep_open = True
        dialog.end.setValue(2024)
        dialog.accept()  # ends before it starts: the form stays open and says why
        assert dialog.isVisible()
        dialog.start.setValue(2022)
        dialog.end.setValue(2030)
        dialog.accept()  # before the plan of 2023
        assert dialog.isVisible()
        dialog.start.setValue(2026)
        dialog.name.setText("Giai đoạn 2 (2026 – 2030), tổng kết")
        dialog.grab().save(str(tmp_path / "phase.png"))
        dialog.keep_open = False

    when_dialog_opens(wrong_then_right)
    qtbot.mouseClick(view.buttons["edit"], Qt.MouseButton.LeftButton)
    assert said == ["Năm kết thúc không được trước năm bắt đầu; vui lòng nhập lại.",
                    "Giai đoạn không thể bắt đầu trước năm 2023, năm ban hành kế hoạch của "
                    "phong trào; vui lòng sửa lại năm bắt đầu."]
    phase = view.tree.currentIndex()
    assert [phase.siblingAtColumn(c).data() for c in range(4)] == [
        "Giai đoạn 2 (2026 – 2030), tổng kết", "", "2026 - 2030", "Tổng kết"]

    view.tree.setCurrentIndex(_row(view, "c2)", "c2)"))
    when_dialog_opens(lambda d: (d.subject.isEnabled() and pytest.fail("kind is fixed"),
                                 d.name.setPlainText("Hộ gia đình tiêu biểu")))
    qtbot.mouseClick(view.buttons["edit"], Qt.MouseButton.LeftButton)
    assert view.tree.currentIndex().data() == "c2) Hộ gia đình tiêu biểu"
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)  # it has criteria
    assert said[-1].startswith("Không thể xóa nhóm đối tượng “c2) Hộ gia đình tiêu biểu” vì còn ")

    when_dialog_opens(lambda d: (d.code.setText("e"), d.name.setPlainText("Nhóm nhập nhầm")))
    qtbot.mouseClick(view.buttons["group"], Qt.MouseButton.LeftButton)
    view.tree.setCurrentIndex(_row(view, "e)", "e)"))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    groups = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert not any(g.startswith("e)") for g in groups) and len(said) == 3
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_a_bloc_is_renamed_and_an_empty_one_deleted(
        qtbot: QtBot, demo_db: Database, said: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    application()
    view = _shown(qtbot, UnitsView(Services(demo_db, actor="cán bộ Nội vụ")))
    view.pages.setCurrentIndex(1)
    model = view.blocs_model
    first = model.index(0, 0)
    old_name = first.data()
    view.blocs.setCurrentIndex(first)
    when_dialog_opens(lambda d: d.name.setText("Cụm thi đua số 1 (đã đổi tên)"))
    qtbot.mouseClick(view.edit_bloc_button, Qt.MouseButton.LeftButton)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Cụm thi đua số 1 (đã đổi tên)" in names and old_name not in names

    row = names.index("Cụm thi đua số 1 (đã đổi tên)")
    view.blocs.setCurrentIndex(model.index(row, 0))
    qtbot.mouseClick(view.delete_bloc_button, Qt.MouseButton.LeftButton)  # it has members
    assert len(said) == 1 and "hãy bớt các thành viên trước" in said[0]

    view.services.units.create_bloc(name="Cụm lập nhầm", kind="cum", year=2025)
    view.reload()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    view.blocs.setCurrentIndex(model.index(names.index("Cụm lập nhầm"), 0))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.delete_bloc_button, Qt.MouseButton.LeftButton)
    assert asked == ["Xóa “Cụm lập nhầm”? Cụm, khối này không còn thành viên nào."]
    assert "Cụm lập nhầm" not in [model.index(r, 0).data() for r in range(model.rowCount())]

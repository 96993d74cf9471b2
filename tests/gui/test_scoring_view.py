"""Chấm điểm: points typed from the keyboard are checked, ranked live, saved and undone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop.core.score_sheet import VERIFIED
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.scoring_view import FIRST_CRITERION, ScoreSheetModel, ScoringView
from desktop.store.database import Database

RANK = FIRST_CRITERION - 1


def _view(qtbot: QtBot, db: Database) -> ScoringView:
    application()
    view = ScoringView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    return view


def _editor(view: ScoringView) -> QLineEdit:
    """The cell editor the table opened (no window has the focus offscreen)."""
    editors = [e for e in view.table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _type(qtbot: QtBot, view: ScoringView, text: str) -> None:
    """Keys as the officer presses them: the first digit opens the cell's editor."""
    qtbot.keyClicks(view.table, text[0])
    editor = _editor(view)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits an Enter a moment later, then closes (and may delete) the editor.
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def test_keyboard_entry_is_checked_ranked_and_saved(
    qtbot: QtBot, demo_db: Database, qtmodeltester, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, demo_db)
    model = view.model
    checked = ScoreSheetModel(view)  # a twin: the tester stays attached and slows every edit
    checked.set_sheet(model.sheet)
    checked.setData(checked.index(0, FIRST_CRITERION), "99")
    qtmodeltester.check(checked)
    assert view.year.value() == 2024 and model.rowCount() == 41
    assert model.headerData(FIRST_CRITERION, Qt.Orientation.Horizontal) == "a.1.1\n(6)"
    view.layer.setCurrentIndex(view.layer.findData(VERIFIED))
    # The weakest commune of the cụm, and the best one.
    rows = [r for r in range(41) if model.index(r, 1).data() == "Cụm thi đua các xã, thị trấn"]
    last = max(rows, key=lambda r: int(model.index(r, RANK).data()))
    first = min(rows, key=lambda r: int(model.index(r, RANK).data()))
    assert model.index(first, RANK).data() == "1"
    view.table.setCurrentIndex(model.index(last, FIRST_CRITERION))
    total_before = model.index(last, 3).data()

    _type(qtbot, view, "6")
    assert view.table.currentIndex().row() == last + 1  # Enter went down to the next unit
    assert model.index(last, FIRST_CRITERION).data() == "6"
    assert model.index(last, 3).data() != total_before  # the total followed at once
    _type(qtbot, view, "60")  # a.1.1 allows at most 6 points
    wrong = model.index(last + 1, FIRST_CRITERION)
    assert wrong.data() == "60"
    assert wrong.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f4b6b6"
    assert "0 đến 6 điểm" in wrong.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 giá trị sai" in view.status.text() and "2 ô đã sửa" in view.status.text()

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "màu đỏ" in shown[0]

    view.table.setCurrentIndex(wrong)
    _type(qtbot, view, "5,5")
    assert model.errors == {} and wrong.data() == "5,5"
    for col in range(FIRST_CRITERION, model.columnCount()):  # the commune scores full marks
        view.table.setCurrentIndex(model.index(last, col))
        crit = model.sheet.criteria[col - FIRST_CRITERION]  # type: ignore[union-attr]
        _type(qtbot, view, str(crit.max_points.normalize()).replace(".", ","))
    assert model.index(last, RANK).data() == "1"  # ranked live, before saving
    changed = len(model.edits)  # cells typed with the value they already had are no change
    assert 10 < changed <= 21
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert f"Đã lưu {changed} điểm" in view.status.text()
    assert model.edits == {} and model.index(last, RANK).data() == "1"
    services = view.services
    group = view.current_group()
    assert group is not None
    totals = dict(services.scoring.totals(group, 2024))
    unit = model.sheet.units[last]  # type: ignore[union-attr]
    assert totals[unit.id] == sum(c.max_points for c in model.sheet.criteria)  # type: ignore[union-attr]

    assert view.undo_button.isEnabled()
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert f"Đã khôi phục {changed} điểm" in view.status.text()
    assert model.index(last, RANK).data() != "1"
    assert services.score_sheets.sheet(group, 2024).points[VERIFIED][
        (unit.id, model.sheet.criteria[0].id)] < Decimal(6)  # type: ignore[union-attr]
    assert not view.undo_button.isEnabled()


def test_the_editor_turns_red_while_a_wrong_value_is_typed(
    qtbot: QtBot, demo_db: Database
) -> None:
    view = _view(qtbot, demo_db)
    view.table.setCurrentIndex(view.model.index(0, FIRST_CRITERION))
    qtbot.keyClicks(view.table, "9")
    editor = _editor(view)
    assert "0 đến 6 điểm" in editor.toolTip() and "f4b6b6" in editor.styleSheet()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "4")
    assert editor.toolTip() == "" and editor.styleSheet() == ""


def test_leaving_a_sheet_with_unsaved_points_asks_first(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, demo_db)
    _type(qtbot, view, "1")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, _title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    view.year.setValue(2023)
    assert view.year.value() == 2024 and len(view.model.edits) == 1  # kept, still on screen
    assert "1 ô đã sửa chưa được lưu" in asked[0]
    view.year.setValue(2023)
    assert view.year.value() == 2023 and view.model.edits == {} and len(asked) == 2

"""Hội đồng: a council session records attendance, recusals and ballots, and shows the result."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.council_view import NO, RESULT, YES, CouncilView
from desktop.store.database import Database


def _view(qtbot: QtBot, db: Database) -> CouncilView:
    application()
    view = CouncilView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _type_count(qtbot: QtBot, view: CouncilView, row: int, col: int, text: str) -> None:
    view.agenda_table.setCurrentIndex(view.agenda.index(row, col))
    qtbot.keyClicks(view.agenda_table, text[0])
    editor = next(e for e in view.agenda_table.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, text[1:])
    with qtbot.waitSignal(view.agenda.modelReset):  # the ballot is saved, results recomputed
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not isValid(editor) or not editor.isVisible()


def _row_of(view: CouncilView, name: str) -> int:
    return next(r for r in range(view.agenda.rowCount())
                if view.agenda.index(r, 0).data() == name)


def test_ballots_typed_in_show_passed_or_not_passed(
    qtbot: QtBot, demo_db: Database, qtmodeltester, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, demo_db)
    qtmodeltester.check(view.members)
    qtmodeltester.check(view.agenda)
    assert view.members.rowCount() == 11 and view.agenda.rowCount() == 22
    assert "Có mặt 10/11 thành viên" in view.meeting_text.text()
    row = 5
    name = view.agenda.index(row, 0).data()

    _type_count(qtbot, view, row, YES, "3")
    _type_count(qtbot, view, _row_of(view, name), NO, "8")
    row = _row_of(view, name)
    result = view.agenda.index(row, RESULT)
    assert result.data() == "Không đạt"
    assert result.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffcdd2"
    view.agenda_table.selectRow(row)
    assert view.explanation.text().startswith("Không đạt: 3/11")

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    _type_count(qtbot, view, row, YES, "9")  # 9 + 8 ballots, but only 11 members vote
    assert len(shown) == 1 and "17 phiếu" in shown[0]
    assert view.agenda.index(_row_of(view, name), YES).data() == "3"  # nothing was kept

    _type_count(qtbot, view, row, NO, "2")
    _type_count(qtbot, view, _row_of(view, name), YES, "9")
    assert view.agenda.index(_row_of(view, name), RESULT).data() == "Đạt"


def test_attendance_and_recusal_change_who_votes(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, demo_db)
    voters = [view.agenda.index(r, 2).data() for r in range(view.agenda.rowCount())]
    present = view.members.index(1, 2)
    assert present.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    with qtbot.waitSignal(view.agenda.modelReset):
        view.members.setData(present, Qt.CheckState.Unchecked.value,
                             Qt.ItemDataRole.CheckStateRole)
    assert "Có mặt 9/11 thành viên" in view.meeting_text.text()
    assert [view.agenda.index(r, 2).data() for r in range(view.agenda.rowCount())] == [
        str(int(v) - 1) for v in voters]
    written = view.members.index(1, 3)
    with qtbot.waitSignal(view.agenda.modelReset):
        view.members.setData(written, Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)
    assert "2 thành viên gửi ý kiến bằng văn bản" in view.meeting_text.text()

    view.agenda_table.selectRow(3)
    before = int(view.agenda.index(3, 2).data())
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Thủ trưởng đơn vị", True))
    item = view.recusals.item(4)
    item.setCheckState(Qt.CheckState.Checked)
    assert int(view.agenda.index(3, 2).data()) == before - 1
    assert view.recusals.item(4).checkState() == Qt.CheckState.Checked
    view.recusals.item(4).setCheckState(Qt.CheckState.Unchecked)
    assert int(view.agenda.index(3, 2).data()) == before


def test_projector_shows_one_nominee_at_a_time(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.agenda_table.selectRow(0)
    qtbot.mouseClick(view.projector_button, Qt.MouseButton.LeftButton)
    projector = view.projector
    assert projector is not None and projector.isFullScreen()
    qtbot.addWidget(projector)
    assert projector.counter.text() == "Đối tượng 1/22"
    assert projector.name.text() == view.agenda.index(0, 0).data()
    assert projector.result.text() == "ĐẠT" and projector.name.font().pointSize() >= 36
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    qtbot.keyClick(projector, Qt.Key.Key_PageUp)
    assert projector.counter.text() == "Đối tượng 2/22"
    assert projector.name.text() == view.agenda.index(1, 0).data()
    assert "Đồng ý" in projector.counts.text()
    qtbot.keyClick(projector, Qt.Key.Key_F11)
    assert not projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isVisible()

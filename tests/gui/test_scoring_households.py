"""Chấm điểm: the sheet of a household group, a unit's households at a time, typed and saved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from desktop.core.score_sheet import SELF
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.scoring_view import FIRST_CRITERION, ScoringView
from desktop.store.database import Database
from desktop.store.models import Score

RANK = FIRST_CRITERION - 1


def _type(qtbot: QtBot, view: ScoringView, text: str) -> None:
    qtbot.keyClicks(view.table, text[0])
    editor = next(e for e in view.table.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def _choose(combo, prefix: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemText(i).startswith(prefix)))


def test_households_of_a_village_are_scored_and_ranked_in_the_group(
        qtbot: QtBot, demo_db: Database, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    application()
    view = ScoringView(Services(demo_db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.scope.isHidden()  # a group of units: no unit to choose
    _choose(view.movements, "Đắk R'Lấp")
    _choose(view.groups, "c2)")
    assert not view.scope.isHidden() and view.scope.itemText(0) == "(tất cả đã chấm điểm)"
    model = view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ")
               for c in range(FIRST_CRITERION)]
    assert headers == ["Chủ hộ", "Đơn vị", "Tổng tự chấm", "Tổng thẩm định",
                       "Xếp hạng trong nhóm"]
    assert model.rowCount() == 20  # the households scored in 2024
    ranks = sorted(int(model.index(r, RANK).data()) for r in range(20))
    assert ranks[0] == 1 and ranks[-1] <= 20

    # The village with most households: those not scored yet are on the sheet too.
    sizes = [(int(view.scope.itemText(i).rsplit("(", 1)[1].rstrip(")")), i)
             for i in range(1, view.scope.count())]
    view.scope.setCurrentIndex(max(sizes)[1])
    qtmodeltester.check(model)
    unit = view.scope.currentData()
    rows = model.rowCount()
    assert rows == max(sizes)[0]
    assert {model.index(r, 1).data() for r in range(rows)} == {
        view.scope.currentText().rsplit(" (", 1)[0]}
    sheet = model.sheet
    assert sheet is not None
    fresh = next(r for r in range(rows)
                 if model.index(r, 2).data() == "0" and r + 1 < rows)
    crit = sheet.criteria[0]
    top = format(crit.max_points.normalize(), "f")  # «20», as typed and shown
    view.table.setCurrentIndex(model.index(fresh, FIRST_CRITERION))
    _type(qtbot, view, top)
    assert view.table.currentIndex().row() == fresh + 1  # Enter went down to the next household
    assert model.index(fresh, 2).data() == top
    rank_now = int(model.index(fresh, RANK).data())
    assert 1 <= rank_now <= len(sheet.others) + rows  # ranked against the whole group
    _type(qtbot, view, "99")  # above the criterion's maximum: red, and not counted
    wrong = model.index(fresh + 1, FIRST_CRITERION)
    assert wrong.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f4b6b6"
    assert f"0 đến {top} điểm" in wrong.data(Qt.ItemDataRole.ToolTipRole)
    view.table.setCurrentIndex(wrong)
    _type(qtbot, view, "1")
    view.grab().save(str(tmp_path / "scoring-households.png"))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "Đã lưu 2 điểm" in view.status.text()
    household = sheet.units[fresh].id
    with view.services.reading() as session:
        saved = session.scalars(select(Score).where(Score.household_id == household)).one()
    assert saved.self_points == crit.max_points and saved.year == 2024
    assert view.scope.currentData() == unit  # the same village stays on screen
    assert model.sheet is not None and model.sheet.points[SELF][(household, crit.id)] \
        == Decimal(crit.max_points)

    _choose(view.groups, "a)")
    assert view.scope.isHidden()
    assert model.headerData(RANK, Qt.Orientation.Horizontal) == "Xếp hạng\ntrong khối"

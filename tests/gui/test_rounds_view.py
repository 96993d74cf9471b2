"""Đợt xét & đề nghị: the nominee list and the status workflow, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.movements_view import MovementsView
from desktop.gui.rounds_view import RoundsView
from desktop.store.database import Database
from desktop.store.kinds import NominationStatus as S


def _view(qtbot: QtBot, db: Database) -> RoundsView:
    application()
    view = RoundsView(Services(db))
    qtbot.addWidget(view)
    view.show()
    return view


def test_nominees_of_the_demo_round(qtbot: QtBot, demo_db: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 23
    statuses = {view.model.index(r, 3).data() for r in range(23)}
    assert {"Đã quyết định", "Đề nghị cấp trên", "Trả lại", "Không đạt"} <= statuses


def test_return_needs_a_comment_and_resubmit_works(
    qtbot: QtBot, demo_db: Database, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, demo_db)
    returned = next(r for r in range(23) if view.model.row_at(r).status == S.TRA_LAI.value)
    view.table.selectRow(returned)
    assert view.buttons[S.DA_NOP].isEnabled()
    assert not view.buttons[S.DE_NGHI_LEN_TREN].isEnabled()
    qtbot.mouseClick(view.buttons[S.DA_NOP], Qt.MouseButton.LeftButton)
    assert view.model.row_at(returned).status == S.DA_NOP.value
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Thiếu xác nhận của UBND xã", True))
    qtbot.mouseClick(view.buttons[S.TRA_LAI], Qt.MouseButton.LeftButton)
    row = view.model.row_at(returned)
    assert row.status == S.TRA_LAI.value and row.status_note == "Thiếu xác nhận của UBND xã"
    assert "Thiếu xác nhận" in view.detail.toPlainText()


def test_movement_tree_shows_the_plan(qtbot: QtBot, demo_db: Database) -> None:
    application()
    view = MovementsView(Services(demo_db))
    qtbot.addWidget(view)
    texts = [view.model.item(r, 0).text() for r in range(view.model.rowCount())]
    assert any(t.startswith("a) Đối với các cơ quan chuyên môn") for t in texts)
    group = next(view.model.item(r, 0) for r in range(view.model.rowCount())
                 if view.model.item(r, 0).text().startswith("a)"))
    assert group.rowCount() >= 2

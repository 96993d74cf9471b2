"""Quyết định: the demo decision, its list and money, and the award-history search."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.core.text import format_money
from desktop.gui.app import application
from desktop.gui.decisions_view import DecisionsView
from desktop.gui.table_model import ObjectRole
from desktop.store.database import Database


def _view(qtbot: QtBot, db: Database) -> DecisionsView:
    application()
    view = DecisionsView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def test_decision_lines_and_totals(qtbot: QtBot, demo_db: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    for model in (view.decisions_model, view.lines_model, view.history_model):
        qtmodeltester.check(model)
    assert view.decisions_model.rowCount() == 1
    decision = view.selected_decision()
    assert decision is not None and decision.symbol.endswith("/QĐ-UBND")
    assert view.lines_model.rowCount() == 16
    header = view.lines_model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Khen thưởng cho"
    shown = [view.lines_model.index(r, 5).data() for r in range(16)]
    assert all(s.endswith(" đồng") for s in shown)
    total = sum(view.lines_model.index(r, 5).data(ObjectRole).amount for r in range(16))
    assert total == decision.total_amount
    summary = view.summary.text()
    assert decision.symbol in summary and format_money(total) in summary
    assert "16" in view.totals.text() and format_money(total) in view.totals.text()


def test_history_search_without_accents(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    qtbot.keyClick(view.tabs, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # «&Lịch sử…»
    assert view.tabs.currentWidget() is view.history
    everything = view.history_model.rowCount()
    first = view.history_model.index(0, 0).data()
    typed = "".join(c for c in __import__("unicodedata").normalize("NFD", first.lower())
                    if not __import__("unicodedata").combining(c)).replace("đ", "d")
    qtbot.keyClicks(view.history.search, typed)
    qtbot.keyClick(view.history.search, Qt.Key.Key_Return)
    n = view.history_model.rowCount()
    assert 0 < n < everything
    assert all(first in view.history_model.index(r, 0).data() for r in range(n))
    assert view.history.count.text().startswith(str(n))
    view.history.search.clear()
    qtbot.keyClick(view.history.search, Qt.Key.Key_Return)
    assert view.history_model.rowCount() == everything


def test_no_decisions_yet(qtbot: QtBot, services: Services) -> None:
    view = _view(qtbot, services.db)
    assert view.decisions_model.rowCount() == 0 and view.lines_model.rowCount() == 0
    assert view.summary.text() == "Chọn một quyết định để xem danh sách kèm theo."


def test_screenshot(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    path = tmp_path / "decisions.png"
    assert view.grab().save(str(path))
    assert path.stat().st_size > 10_000

"""Thống kê: the demo award history grouped four ways, filtered, and drawn as bars."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.core.text import format_money, format_number
from desktop.gui.app import application
from desktop.gui.statistics_view import StatisticsView
from desktop.store.database import Database


def _view(qtbot: QtBot, db: Database) -> StatisticsView:
    application()
    view = StatisticsView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _column(view: StatisticsView, col: int) -> list[str]:
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def _choose(view: StatisticsView, combo: object, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))  # type: ignore[attr-defined]


def test_groupings_filters_and_charts(qtbot: QtBot, demo_db: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    qtmodeltester.check(view.model)
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Hình thức khen thưởng"
    counts = [int(c.replace(".", "")) for c in _column(view, 1)]
    assert counts == sorted(counts, reverse=True) and "Giấy khen" in _column(view, 0)
    total = sum(counts)
    assert view.total.text().startswith("Tổng cộng: {} lượt".format(format_number(total)))
    assert format_money(14_160_000) in view.total.text()  # the demo decision's total
    assert view.chart.bars[0] == (_column(view, 0)[0], counts[0])
    # by year: every year from the first to the last, the chart the same as the table
    _choose(view, view.grouping, "year")
    years = _column(view, 0)
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    assert [k for k, _v in view.years_chart.bars] == years
    # by sex, individuals only; a narrower year range gives fewer awards
    _choose(view, view.grouping, "sex")
    assert set(_column(view, 0)) == {"Nam", "Nữ"}
    _choose(view, view.year_from, 2023)
    narrowed = sum(int(c.replace(".", "")) for c in _column(view, 1))
    _choose(view, view.year_from, int(years[0]))
    assert 0 < narrowed < sum(int(c.replace(".", "")) for c in _column(view, 1))
    # a "to" year before the "from" year is corrected, never an empty mystery
    _choose(view, view.year_from, 2023)
    _choose(view, view.year_to, int(years[0]))
    assert view.year_to.currentData() == 2023
    shares = [float(s.rstrip(" %").replace(",", ".")) for s in _column(view, 2)]
    assert abs(sum(shares) - 100) < 0.2


def test_export_to_excel(qtbot: QtBot, demo_db: Database, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, demo_db)
    target = tmp_path / "thong-ke.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert view.total.text() == "Đã xuất ra {}.".format(target)
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[:3] == ["Theo hình thức khen thưởng", "Theo đơn vị", "Theo năm"]
    rows = list(book["Theo hình thức khen thưởng"].values)
    assert rows[0] == ("Hình thức khen thưởng", "Số lượt", "Số tiền")
    shown = {view.model.index(r, 0).data(): int(view.model.index(r, 1).data().replace(".", ""))
             for r in range(view.model.rowCount())}
    assert {r[0]: r[1] for r in rows[1:]} == shown
    assert sum(r[2] for r in rows[1:]) == 14_160_000
    # a wrong name is one sentence, and nothing is written
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "thong-ke.csv"), ""))
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: seen.append(text))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and seen[0].endswith(".") and not (tmp_path / "thong-ke.csv").exists()


def test_empty_database(qtbot: QtBot, services: Services) -> None:
    view = _view(qtbot, services.db)
    assert view.model.rowCount() == 0 and view.chart.bars == []
    assert view.total.text().startswith("Tổng cộng: 0 lượt")


def test_screenshot(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    path = tmp_path / "statistics.png"
    assert view.grab().save(str(path)) and path.stat().st_size > 10_000

"""Readable at 150 % Windows scaling: no label, button or column heading of any view is cut."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from tests.gui.scaled_window import cut_texts

ROOT = Path(__file__).resolve().parents[2]


def test_every_view_fits_at_150_percent_in_a_1366_by_768_window(demo_db_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.scaled_window", str(demo_db_path), "1366", "768"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.splitlines() == []


def test_a_cut_heading_or_button_is_found(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    table = QTableView()
    table.setModel(ListTableModel([Column("Hình thức khen thưởng", str, 40)], page))
    table.setColumnWidth(0, 40)
    button = QPushButton("Khôi phục từ bản sao lưu…")
    button.setFixedWidth(60)
    layout = QVBoxLayout(page)
    layout.addWidget(table)
    layout.addWidget(button)
    page.show()
    qtbot.waitExposed(page)
    found = cut_texts(page, "trang")
    assert len(found) == 2
    assert "column «Hình thức khen thưởng»" in found[0] or "column" in found[1]
    assert any("button «Khôi phục từ bản sao lưu…»" in line for line in found)

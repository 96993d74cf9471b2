"""Start-up: a window at once, the main window when the data is open; the shipped UI font."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.errors import UserError
from desktop.gui.app import application, run_gui


def test_the_window_answers_before_the_data_is_open(qtbot: QtBot, demo_db_path: Path) -> None:
    application()
    stages: list[tuple[str, list[str]]] = []

    def seen(name: str) -> None:
        titles = [w.metaObject().className() for w in QApplication.topLevelWidgets()
                  if w.isVisible()]
        stages.append((name, titles))

    assert run_gui(demo_db_path, offscreen=True, on_stage=seen) == 0
    assert [name for name, _ in stages] == ["interactive", "ready"]
    assert "StartWindow" in stages[0][1] and "MainWindow" not in stages[0][1]
    assert "MainWindow" in stages[1][1] and "StartWindow" not in stages[1][1]


def test_a_bad_database_is_one_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    application()
    with pytest.raises(UserError, match="thư mục"):
        run_gui(tmp_path, offscreen=True)


def test_the_ui_font_is_the_shipped_liberation_sans(qtbot: QtBot) -> None:
    app = application()
    assert QFontInfo(app.font()).family() == "Liberation Sans"


def test_qt_own_buttons_and_menus_speak_vietnamese(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    application()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Yes)
    qtbot.addWidget(buttons)
    texts = sorted(b.text() for b in buttons.buttons())
    assert texts == sorted(["Đồng ý", "Hủy", "&Có"])
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert "&Sao chép" in [a.text().split("\t")[0] for a in menu.actions()]


def test_translating_qt_strings_keeps_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12 loses a reference to None per lookup; losing them all aborts the program."""
    import sys

    from PySide6.QtCore import QCoreApplication

    application()
    before = sys.getrefcount(None)
    for _ in range(2000):
        QCoreApplication.translate("QPlatformTheme", "OK")
    assert sys.getrefcount(None) >= before - 100

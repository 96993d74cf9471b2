"""Start the window: application, language, font, crash dialog, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.gui.crash_dialog import show_crash
from desktop.gui.main_window import MainWindow
from desktop.gui.qt_locale import apply_font, apply_language
from desktop.logs import install_excepthook
from desktop.store.database import open_database


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the officer's console."""
    level = logging.DEBUG if mode == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("tdkt.qt").log(level, "%s", message)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if "pytestqt" not in sys.modules:  # pytest-qt checks Qt warnings itself
        qInstallMessageHandler(_qt_message)
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    apply_language(app)
    apply_font(app)
    return app


def run_gui(target: str | Path, *, offscreen: bool = False, crash_dialog: bool = True) -> int:
    app = application()
    if crash_dialog and not offscreen:
        install_excepthook(show_crash)
    try:
        db = open_database(target)
    except UserError as exc:
        if offscreen:
            raise
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        window = MainWindow(Services(db))
        window.show()
        if offscreen:
            QTimer.singleShot(0, window.close)
        code = app.exec()
    finally:
        db.close()
    return code

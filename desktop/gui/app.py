"""Start the window: application, language, font, crash dialog, database, main window.

A starting window shows at once; SQLAlchemy, the views and the database are loaded on a worker
thread meanwhile, so the program answers the officer from the first moment. Nothing here
imports them at module level for that reason.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QProgressBar

from desktop import APP_NAME, __version__
from desktop.core.progress import Progress
from desktop.errors import UserError
from desktop.gui.crash_dialog import show_crash
from desktop.gui.qt_locale import apply_font, apply_language
from desktop.gui.tasks import run_task
from desktop.i18n import _
from desktop.logs import install_excepthook

Stage = Callable[[str], None]  # told "interactive", then "ready" (for the start-up benchmark)


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the officer's console."""
    level = logging.DEBUG if mode == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("tdkt.qt").log(level, "%s", message)


def application() -> QApplication:
    """The application, with its language and font (also when pytest-qt made it)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        if "pytestqt" not in sys.modules:  # pytest-qt checks Qt warnings itself
            qInstallMessageHandler(_qt_message)
        app = QApplication(sys.argv[:1])
    if not app.property("tdkt-set-up"):
        app.setApplicationName(APP_NAME)
        apply_language(app)
        apply_font(app)
        app.setProperty("tdkt-set-up", True)
    return app


class StartWindow(QMainWindow):
    """What the officer sees while the data opens: the program's name and a busy bar."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(_("{app} {version} — Emulation and commendation").format(
            app=APP_NAME, version=__version__))
        self.message = QLabel(_("Opening the data…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.message)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(240)
        self.statusBar().addPermanentWidget(bar)
        self.resize(1100, 700)


def _on_removable_media(target: str | Path) -> Path | None:
    """The database file when it sits on a stick or a network folder, else None.

    Runs on the GUI thread before the window opens, so it reads the target without SQLAlchemy.
    """
    from desktop.store.media import Media, media_of

    text = str(target)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        return None  # a database server: not a file on a stick
    path = Path(text)
    if not path.is_file() or media_of(path) is Media.LOCAL:
        return None
    return path


def _load(target: str | Path, removable: Path | None) -> Callable[[Progress], Any]:
    def work(progress: Progress) -> Any:
        import desktop.gui.main_window  # noqa: F401 - the slow imports, off the GUI thread
        from desktop.store.database import open_database
        from desktop.store.media import open_working_copy

        if removable is None:
            return open_database(target), None
        working = open_working_copy(removable)
        return open_database(working.copy), working

    return work


def run_gui(target: str | Path, *, offscreen: bool = False, crash_dialog: bool = True,
            on_stage: Stage | None = None) -> int:
    app = application()
    if crash_dialog and not offscreen:
        install_excepthook(show_crash)
    stage = on_stage or (lambda name: None)
    start = StartWindow()
    start.show()
    state: dict[str, Any] = {"code": 0}

    def refused(message: str) -> None:
        state["code"], state["error"] = 1, message
        if not offscreen:
            QMessageBox.critical(start, APP_NAME, message)
        start.close()

    def opened(result: tuple[Any, Any]) -> None:
        from desktop.core.service import Services
        from desktop.gui.first_run import FirstRunWizard
        from desktop.gui.main_window import MainWindow
        from desktop.gui.sign_in import sign_in_if_needed

        db, state["working"] = result
        state["db"] = db
        try:
            if not sign_in_if_needed(db, start, interactive=not offscreen):
                start.close()
                return
        except UserError as exc:
            refused(str(exc))
            return
        services = Services(db)
        if not offscreen and services.office.own() is None:
            FirstRunWizard(services).exec()  # cancelled: the office view offers it again
        window = MainWindow(services)
        window.setGeometry(start.geometry())
        window.show()
        state["window"] = window
        start.close()
        QTimer.singleShot(0, lambda: stage("ready"))
        if offscreen:
            QTimer.singleShot(0, window.close)

    def ended(outcome: str) -> None:
        if outcome != "done":
            state["code"] = 1
            start.close()

    def begin() -> None:
        """Runs once the start window is up, so nothing below delays the first paint."""
        stage("interactive")
        removable = _on_removable_media(target)
        if removable is not None and not offscreen:
            QMessageBox.information(start, APP_NAME, _(
                "The database is on a USB stick or a network folder ({path}). So that nothing "
                "is lost if it is pulled out, the program works on a copy on this computer and "
                "writes it back when you close the program; do not pull the stick out before "
                "then.").format(path=removable))
        state["task"] = task = run_task(
            start, _("Opening the data…"), _load(target, removable), on_success=opened,
            on_user_error=refused, cancellable=False, quiet=True)
        task.ended.connect(ended)

    QTimer.singleShot(0, begin)
    try:
        code = app.exec()
    finally:
        if "task" in state:
            state["task"].wait()
        if "db" in state:
            _backup_on_exit(state["db"])
            state["db"].close()
        if state.get("working") is not None:
            try:
                state["working"].write_back()
            except UserError as exc:
                state["code"], state["error"] = 1, str(exc)
                if not offscreen:
                    QMessageBox.critical(None, APP_NAME, str(exc))
    if offscreen and "error" in state:
        raise UserError(state["error"])
    return int(state["code"] or code)


def _backup_on_exit(db: Any) -> None:
    """A verified automatic backup when anything changed; a failure must not stop the exit."""
    from desktop.core.service import Services

    try:
        made = Services(db).backups.automatic_on_exit()
        if made is not None and made.problem:
            logging.getLogger("tdkt").warning("second backup folder: %s", made.problem)
    except UserError as exc:
        logging.getLogger("tdkt").warning("automatic backup on exit failed: %s", exc)

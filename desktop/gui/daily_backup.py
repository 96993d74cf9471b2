"""The daily automatic backup while the program runs: checked every half hour, made off the GUI
thread, told in the status bar. Only a backup that fails interrupts the officer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from desktop.core.backups import Made
from desktop.core.service import Services
from desktop.gui.tasks import Task, run_task
from desktop.i18n import _

CHECK_EVERY_MS = 30 * 60 * 1000


def tell(window: QMainWindow, made: Made) -> None:
    """An automatic backup in the status bar; a second folder that failed stays there, logged."""
    if made.problem:
        logging.getLogger("tdkt").warning("second backup folder: %s", made.problem)
        window.statusBar().showMessage(made.problem)
    else:
        window.statusBar().showMessage(
            _("Automatic backup made and checked: {name}").format(name=made.path.name), 8000)


class DailyBackup(QObject):
    def __init__(self, window: QMainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.task: Task | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:  # the exit backup must not meet this one half-way
            app.aboutToQuit.connect(self.wait)

    def check(self) -> None:
        """Make today's backup if it is due (nothing happens while one is being made)."""
        if self.task is not None and self.task.is_running():
            return
        db, actor = self.services.db, self.services.actor
        self.task = run_task(
            self.window, _("Automatic backup"),
            lambda _progress: Services(db, actor=actor).backups.automatic_daily(),
            on_success=self._on_done, cancellable=False, quiet=True)

    def wait(self) -> None:
        if self.task is not None:
            self.task.wait()

    def _on_done(self, made: Made | None) -> None:
        if made is not None:
            tell(self.window, made)

"""Long work off the GUI thread, behind a progress dialog that can cancel it.

    run_task(self, _("Printing the round"), lambda progress: print_round(..., progress=progress),
             on_success=self._on_printed)

`work` runs on a worker thread and receives a `desktop.core.progress.Progress` callable; it must
not touch widgets. When the officer presses Cancel, the next `progress(...)` call raises
`Cancelled`, so the work stops and its transaction rolls back. The outcome comes back on the GUI
thread: `on_success(result)`; a `UserError` as its one sentence in a message box; anything else
to the crash report and dialog. A cancelled job shows nothing more.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.core.progress import Cancelled, Progress
from desktop.errors import UserError
from desktop.gui.crash_dialog import show_crash
from desktop.i18n import _
from desktop.logs import write_crash_report

SHOW_AFTER_MS = 400  # quicker jobs finish without a dialog flashing up
REPORT_EVERY_S = 0.05  # at most ~20 progress updates a second reach the GUI thread

_running: set[Task] = set()  # keeps each task alive until it has ended


def show_user_error(parent: QWidget | None, title: str, message: str) -> None:
    """A problem the officer can fix: one sentence, one button."""
    QMessageBox.warning(parent, title, message)


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject) -> None:
        super().__init__(parent)
        self.work = work
        self.stop = threading.Event()
        self._last = 0.0

    def report(self, done: int, total: int, label: str = "") -> None:
        if self.stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last >= REPORT_EVERY_S or (total and done >= total):
            self._last = now
            self.progressed.emit(done, total, label)

    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - every outcome must reach the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """One running job; `ended` is emitted once, whatever the outcome."""

    ended = Signal(str)  # "done", "cancelled", "user-error" or "crash"

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any],
                 on_success: Callable[[Any], None] | None, cancellable: bool,
                 on_user_error: Callable[[str], None] | None = None, quiet: bool = False
                 ) -> None:
        super().__init__(parent)
        self.title = title
        self.outcome = ""
        self._closed = False
        self._parent = parent
        self._on_success = on_success
        self._on_user_error = on_user_error
        self._quiet = quiet
        self.dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        if quiet:
            self.dialog.reset()  # stops the timer that would show it after SHOW_AFTER_MS
        self.dialog.canceled.connect(self.cancel)
        self.worker = _Worker(work, self)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: self._end("cancelled"))

    def start(self) -> Task:
        _running.add(self)
        if not self._quiet:
            self.dialog.setValue(0)  # starts the minimum-duration timer
        self.worker.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        if not self.worker.stop.is_set():
            self.worker.stop.set()
            self.dialog.setLabelText(_("Stopping…"))

    def is_running(self) -> bool:
        return self in _running

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the worker thread has finished (for shutdown and tests)."""
        return self.worker.wait(ms)

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self.worker.stop.is_set() or self._quiet:
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if label:
            self.dialog.setLabelText(label)

    def _on_succeeded(self, result: Any) -> None:
        self._close_dialog()
        try:
            if self._on_success is not None:
                self._on_success(result)
        except UserError as exc:
            self._end("user-error", str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self._crash(exc)
            return
        self._end("done")

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._end("user-error", str(exc))
        else:
            self._crash(exc)

    def _crash(self, exc: BaseException) -> None:
        self._close_dialog()
        path = write_crash_report(exc)
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self._finish("crash")
        show_crash(details, path)

    def _end(self, outcome: str, message: str = "") -> None:
        self._close_dialog()
        self._finish(outcome)
        if message and self._on_user_error is not None:
            self._on_user_error(message)
        elif message:
            show_user_error(self._parent, self.title, message)

    def _close_dialog(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _finish(self, outcome: str) -> None:
        self.worker.wait()
        self.outcome = outcome
        _running.discard(self)
        self.ended.emit(outcome)


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], Any], *,
             on_success: Callable[[Any], None] | None = None,
             on_user_error: Callable[[str], None] | None = None,
             cancellable: bool = True, quiet: bool = False) -> Task:
    """Start `work(progress)` on a worker thread; see the module docstring.

    `on_user_error(sentence)` replaces the message box; `quiet` shows no progress dialog (for
    work whose progress the caller shows itself).
    """
    return Task(parent, title, work, on_success, cancellable, on_user_error, quiet).start()


def running_tasks() -> list[Task]:
    """Jobs not yet ended, so the window can refuse to close under them."""
    return list(_running)

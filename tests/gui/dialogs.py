"""Driving modal dialogs from a test: fill the dialog once it is open, then press OK."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox


def when_dialog_opens(fill: Callable[[Any], None], *, press_ok: bool = True) -> list[Any]:
    """Arrange for `fill(dialog)` to run inside the next modal dialog's event loop.

    The dialog is always closed afterwards (OK pressed, else cancelled), so a failing
    check cannot leave the test waiting forever. Returns a list that receives the dialog.
    """
    seen: list[Any] = []
    tries = [500]  # × 10 ms: give up after 5 s, so a dialog that never opened cannot linger

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, run)
            return
        seen.append(dialog)
        try:
            fill(dialog)
            if press_ok:
                dialog.findChild(QDialogButtonBox).button(
                    QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible() and not getattr(dialog, "keep_open", False):
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen

"""The dialog shown for an unexpected error: what happened, where the details are, a copy button.

Built only from Qt's basic widgets, and wrapped so that a failure here cannot crash anything.
"""

from __future__ import annotations

from pathlib import Path

from desktop.i18n import _


def show_crash(details: str, crash_file: Path | None) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Unexpected error"))
    where = str(crash_file) if crash_file else _("the log folder")
    box.setText(_("The program met an unexpected error. Your data is safe; the details were "
                  "saved in {path}. Please send that file to support.").format(path=where))
    box.setDetailedText(details)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)

"""A form dialog that saves through a service on OK and stays open on a user error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conflicts import EditConflictError
from desktop.errors import UserError


class FormDialog(QDialog):
    """Subclasses fill `self.form` and implement `save()`; OK calls it, errors keep the form.

    An edit passes `self.seen_version` to its service: if another officer saved the record in
    the meantime, both versions are shown and the officer may apply the form again on top.
    """

    def __init__(self, title: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.result_value: Any = None
        self.seen_version: int | None = None

    def save(self) -> Any:
        raise NotImplementedError

    def take_saved_where_untouched(self) -> None:
        """Before applying the form again after a conflict: fields the officer did not change
        may take the other officer's saved values (a form that can tell does so)."""

    def accept(self) -> None:
        from desktop.gui.conflict_dialog import ConflictDialog

        while True:
            try:
                self.result_value = self.save()
            except EditConflictError as exc:
                if ConflictDialog(exc, self).exec() != QDialog.DialogCode.Accepted:
                    self.reject()  # the saved version stays; the view shows it
                    return
                self.seen_version = exc.theirs.version
                self.take_saved_where_untouched()
                continue
            except UserError as exc:
                QMessageBox.warning(self, self.windowTitle(), str(exc))
                return
            break
        super().accept()


def run_saving(parent: QWidget, title: str, action: Callable[[], Any]) -> Any:
    """Run a service call; a user error becomes one sentence in a message box."""
    try:
        return action()
    except UserError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def date_to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QDateEdit):
    def __init__(self, value: date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setDate(date_to_qdate(value or date.today()))

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), d.day())


class OptionalDate(QWidget):
    """A date that may be left out: a tick box turns the date field on."""

    def __init__(self, value: date | None, check_text: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = DateField(value)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(date_to_qdate(value))


def fill_combo(combo: QComboBox, items: list[tuple[str, Any]], current: Any = None) -> None:
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    if current is not None:  # findData compares Python objects by identity, not equality
        for i in range(combo.count()):
            if combo.itemData(i) == current:
                combo.setCurrentIndex(i)
                break

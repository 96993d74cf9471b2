"""Edit ▸ Undo (Ctrl+Z): takes back the last change of this session where that is safe.

A view with an undo of its own (the scoring grid's "undo last save") keeps Ctrl+Z while it is
shown; the menu item stays available there by mouse and mnemonic.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMenu, QMessageBox, QWidget

from desktop.core.service import Services
from desktop.core.undo import UndoService
from desktop.errors import UserError
from desktop.gui.table_model import LazyTableModel
from desktop.i18n import _


class UndoAction(QAction):
    """Its text says what will be undone; after an undo every view reads its data again."""

    def __init__(self, services: Services, menu: QMenu, window: QMainWindow) -> None:
        super().__init__(_("&Undo"), window)
        self.window_ = window
        self.undo = UndoService(services)
        self.setShortcut(QKeySequence.StandardKey.Undo)
        self.triggered.connect(self._on_undo)
        menu.aboutToShow.connect(self.refresh)
        menu.addAction(self)
        stack = getattr(window, "stack", None)
        if stack is not None:
            stack.currentChanged.connect(lambda i: self._yield_shortcut(stack.widget(i)))
        self.refresh()

    def _yield_shortcut(self, view: QWidget | None) -> None:
        undo = QKeySequence(QKeySequence.StandardKey.Undo)
        owned = view is not None and (
            any(b.shortcut() == undo for b in view.findChildren(QAbstractButton))
            or any(a.shortcut() == undo for a in view.findChildren(QAction)))
        self.setShortcut(QKeySequence() if owned else undo)

    def refresh(self) -> None:
        step = self.undo.next_step()
        if step is None:
            self.setText(_("&Undo"))
            self.setEnabled(False)
        else:
            self.setText(_("&Undo {what}").format(what=step.label))
            self.setEnabled(True)

    def _on_undo(self) -> None:
        try:
            step = self.undo.undo()
        except UserError as exc:
            QMessageBox.warning(self.window_, _("Cannot undo"), str(exc))
            return
        finally:
            self.refresh()
        for model in self.window_.findChildren(LazyTableModel):
            model.reload()
        stack = getattr(self.window_, "stack", None)
        views = [stack.widget(i) for i in range(stack.count())] if stack is not None else []
        for view in views:
            for name in ("reload", "refresh"):
                method = getattr(view, name, None)
                if callable(method):
                    method()
                    break
        self.window_.statusBar().showMessage(
            _("Undone: {what}").format(what=step.label), 8000)

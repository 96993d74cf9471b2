"""The households of a unit in «Đơn vị»: the list with add (Ctrl+Shift+H), edit and remove.

Adding and editing are undoable with Ctrl+Z; removal is asked first, and refused with one
sentence while scores, nominations or awards refer to the household.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.household_list import HouseholdRow
from desktop.core.people import MAX_MEMBERS, HouseholdInput
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.gui.form_dialog import FormDialog
from desktop.gui.table_model import LazyTableModel
from desktop.i18n import _


class HouseholdDialog(FormDialog):
    """Add a household to a unit, or correct one (the unit stays)."""

    def __init__(self, services: Services, unit_id: uuid.UUID, unit_name: str, *,
                 row: HouseholdRow | None = None, parent: Any = None) -> None:
        title = (_("Edit the household of {head}").format(head=row.head_name) if row
                 else _("Add a household to {unit}").format(unit=unit_name))
        super().__init__(title, parent)
        self.services, self.unit_id, self.row = services, unit_id, row
        self.head_name = QLineEdit(row.head_name if row else "")
        self.address = QLineEdit(row.address if row else "")
        self.address.setPlaceholderText(_("e.g. village, hamlet or residential group"))
        self.members = QSpinBox()
        self.members.setRange(1, MAX_MEMBERS)
        self.members.setValue(row.members if row else 1)
        self.form.addRow(_("&Head of household:"), self.head_name)
        self.form.addRow(_("&Address:"), self.address)
        self.form.addRow(_("Number of &members:"), self.members)

    def save(self) -> uuid.UUID:
        item = HouseholdInput(head_name=self.head_name.text(), address=self.address.text(),
                              unit_id=self.unit_id, members=self.members.value())
        if self.row is not None:
            return self.services.people.update_household(self.row.id, item).id
        return self.services.people.create_household(item).id


class HouseholdsPanel(QWidget):
    """The table of a unit's households with its buttons; `unit()` says which unit is chosen."""

    def __init__(self, services: Services, table: QTableView, model: LazyTableModel,
                 unit: Callable[[], tuple[uuid.UUID, str] | None],
                 changed: Callable[[], None], parent: Any = None) -> None:
        super().__init__(parent)
        self.services, self.table, self.model = services, table, model
        self.unit, self.changed = unit, changed
        self.add_button = QPushButton(_("Add a &household…"))
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.add_button.setToolTip("Ctrl+Shift+H")
        self.edit_button = QPushButton(_("Edit h&ousehold…"))
        self.remove_button = QPushButton(_("Remove house&hold"))
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button.clicked.connect(self._on_remove)
        table.doubleClicked.connect(self._on_edit)
        table.selectionModel().currentRowChanged.connect(self.update_buttons)
        model.modelReset.connect(self.update_buttons)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        layout.addLayout(bar)
        self.update_buttons()

    def current(self) -> HouseholdRow | None:
        index = self.table.currentIndex()
        row = self.model.row_object(index.row()) if index.isValid() else None
        return row if isinstance(row, HouseholdRow) else None

    def update_buttons(self, *_args: Any) -> None:
        self.add_button.setEnabled(self.unit() is not None)
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(self.current() is not None)

    def select(self, household_id: uuid.UUID) -> None:
        for row in range(self.model.rowCount()):
            found = self.model.row_object(row)
            if found is not None and found.id == household_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def _run(self, dialog: HouseholdDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.changed()
            self.select(dialog.result_value)

    def _on_add(self) -> None:
        unit = self.unit()
        if unit is not None:
            self._run(HouseholdDialog(self.services, *unit, parent=self))

    def _on_edit(self, *_args: Any) -> None:
        unit, row = self.unit(), self.current()
        if unit is not None and row is not None:
            self._run(HouseholdDialog(self.services, *unit, row=row, parent=self))

    def _on_remove(self) -> None:
        row = self.current()
        if row is None:
            return
        title = _("Remove household")
        answer = QMessageBox.question(self, title, _(
            "Remove the household of “{head}”? This cannot be undone.").format(head=row.head_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.people.delete_household(row.id)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self.changed()

"""The history of one record: every audited change, newest first, with values before and after."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.core.history import HistoryService
from desktop.core.service import Services
from desktop.i18n import _


class HistoryDialog(QDialog):
    def __init__(self, services: Services, entity: str, entity_id: uuid.UUID | str,
                 title: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of “{name}”").format(name=title))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        self.tree.setAlternatingRowColors(True)
        entries = HistoryService(services).of(entity, entity_id)
        for e in entries:
            head = QTreeWidgetItem([e.at.strftime("%d/%m/%Y %H:%M"), e.actor,
                                    " — ".join(x for x in (e.what, e.summary) if x), "", ""])
            for change in e.changes:
                head.addChild(QTreeWidgetItem(["", "", change.field, change.before,
                                               change.after]))
            self.tree.addTopLevelItem(head)
        self.tree.expandAll()
        for column, width in enumerate((130, 110, 300, 200)):
            self.tree.setColumnWidth(column, width)
        self.empty = QLabel(_("No change of this record has been recorded."))
        self.empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(1000, 520)

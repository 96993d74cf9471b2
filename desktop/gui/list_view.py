"""A searchable, sortable list: a search box over a table of a LazyTableModel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.core.text import format_number
from desktop.gui.table_model import LazyTableModel
from desktop.i18n import _


class ListView(QWidget):
    def __init__(self, title: str, model: LazyTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.heading = QLabel(f"<h2>{title}</h2>")
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search (accents and case are ignored)…"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, column in enumerate(model.columns):
            self.table.setColumnWidth(i, column.width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._on_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._on_search)
        model.modelReset.connect(self._on_reset)
        self._on_reset()

    def _on_search(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.search.text())

    def _on_reset(self) -> None:
        self.count.setText(_("{n} rows").format(n=format_number(self.model.rowCount())))

"""A searchable, sortable list: a search box over a table of a LazyTableModel.

The list is read from the database the first time it is shown, so a window with many lists opens
without waiting for them.

The search ignores diacritics and case («nguyen van a» finds «Nguyễn Văn A»); Ctrl+F goes to it.
Ctrl+H (or the context menu) shows the history of the selected record.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.core.text import format_number
from desktop.gui.column_widths import fit_columns
from desktop.gui.table_model import LazyTableModel, ObjectRole
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
        fit_columns(self.table, model.columns)
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
        model.rowsInserted.connect(lambda *_args: self._on_reset())
        self._on_reset()
        find = QAction(_("Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._on_find)
        # several lists can share a page: each answers only while the focus is inside it
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(find)
        self.history = QAction(_("&History…"), self)
        self.history.setShortcut(QKeySequence("Ctrl+H"))
        self.history.triggered.connect(self._on_history)
        self.history.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.history.setEnabled(getattr(model.query.model, "__tablename__", None) is not None)
        self.table.addAction(self.history)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.model.loaded:  # a list is read the first time it is shown, not before
            self.model.reload()

    def _on_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_history(self) -> None:
        from desktop.core.service import Services
        from desktop.gui.history_dialog import HistoryDialog

        index = self.table.currentIndex()
        obj = self.model.data(index.siblingAtColumn(0), ObjectRole) if index.isValid() else None
        if obj is None or not self.history.isEnabled():
            return
        title = self.model.data(index.siblingAtColumn(0)) or ""
        services = Services(self.model.query.db)
        HistoryDialog(services, self.model.query.model.__tablename__, obj.id, title, self).exec()

    def _on_search(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.search.text())

    def _on_reset(self) -> None:
        n = format_number(self.model.rowCount())
        self.count.setText(_("More than {n} rows (all are counted when you scroll to the end)")
                           .format(n=n) if self.model.more else _("{n} rows").format(n=n))

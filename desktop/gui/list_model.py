"""A table model over a short list already in memory, shown through `Column`s.

The rows are whatever objects the view holds (dataclasses, tuples of formatted text…); each
column says what its cell shows, and how it looks, from the row object. What the officer ticks
or types is not applied here: `edited` carries it to the view, which asks the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from desktop.gui.table_model import Column, ColumnsMixin, Index


class ListTableModel(ColumnsMixin, QAbstractTableModel):
    # row object, column, and the new value: a bool for a check box, the typed text otherwise
    edited = Signal(object, int, object)

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any], columns: list[Column] | None = None) -> None:
        """Shows `rows`; `columns` replaces the columns (a table whose headings depend on it)."""
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = columns
        self.endResetModel()
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.checked:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or not column.editable:
            return False
        self.edited.emit(self.rows[index.row()], index.column(), value)
        return True

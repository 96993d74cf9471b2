"""A table model over ids: rows are fetched lazily, a page at a time, and cached."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.lists import ListQuery
from desktop.i18n import _

PAGE = 200
Index = QModelIndex | QPersistentModelIndex
ObjectRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    title: str  # marked with N_, translated in headerData
    text: Callable[[Any], str]
    width: int = 120  # pixels at 100% scaling; the last column stretches
    align_right: bool = False


class LazyTableModel(QAbstractTableModel):
    def __init__(self, query: ListQuery, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.query = query
        self.columns = columns
        self._ids: list[str] = []  # stored keys, see ListQuery
        self._cache: dict[str, Any] = {}
        self._filter = ""
        self._sort = (0, False)

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self.query.ids(self._filter, self._sort[0], self._sort[1])
        self._cache.clear()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.reload()

    def mark_cache_stale(self) -> None:
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    def row_object(self, row: int) -> Any:
        if not 0 <= row < len(self._ids):
            return None
        ident = self._ids[row]
        if ident not in self._cache:
            start = (row // PAGE) * PAGE
            self._cache.update(self.query.rows(self._ids[start:start + PAGE]))
        return self._cache.get(ident)

    # --- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj = self.row_object(index.row())
        if obj is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(obj)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ObjectRole:
            return obj
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _(self.columns[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.reload()

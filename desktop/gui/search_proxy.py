"""Search and Vietnamese sorting for the small lists a view holds in memory.

Big lists filter and sort in SQL (table_model.py); a list already in memory (a QStandardItemModel,
a model over a Python list) goes behind this proxy: the search ignores diacritics and case like
the SQL one, and sorting uses Qt's Vietnamese collation (Ă after A, Đ after D, numbers in
numeric order).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.core.text import search_key

Index = QModelIndex | QPersistentModelIndex


def vietnamese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


class SearchSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._collator = vietnamese_collator()
        self.setRecursiveFilteringEnabled(True)  # a tree keeps the parents of what matches

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = search_key(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        return any(
            self._needle in search_key(str(model.index(source_row, col, source_parent).data()
                                           or ""))
            for col in range(model.columnCount(source_parent)))

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return bool(super().lessThan(left, right))

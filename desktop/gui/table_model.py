"""Table models whose columns are `Column`s: what a cell shows is a function of its row object.

`LazyTableModel` is over ids: rows are fetched lazily, a page at a time, and cached. In an
index-backed order (`ListQuery.pageable`) the model knows only the row count and reads pages by
position, so a list of 100,000 opens and filters in one short query; otherwise it holds the
sorted ids and reads the rows of a page by id. A short list already in memory goes in a
`ListTableModel` (list_model.py) with the same columns.

A filter matching more than `COUNT_CAP` rows shows that many until the officer scrolls to the end
(`fetchMore`), so a keystroke never waits for a count of the whole table.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.lists import COUNT_CAP, ListQuery
from desktop.i18n import _

PAGE = 200
CACHED_PAGES = 50  # pages kept in memory; older ones are read again when scrolled back to
Index = QModelIndex | QPersistentModelIndex
ObjectRole = Qt.ItemDataRole.UserRole + 1
Role = Qt.ItemDataRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: its title and, for a row object, what each role of its cell gives."""

    title: str  # marked with N_, translated in headerData
    text: Callable[[Any], str]
    width: int = 120  # pixels at 100% scaling, see column_widths.py
    align_right: bool = False
    stretch: bool = False  # shares the room the other columns leave (else the last column does)
    tooltip: Callable[[Any], str | None] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    background: Callable[[Any], QColor | None] | None = None
    checked: Callable[[Any], bool] | None = None  # a check box the officer can tick
    editable: bool = False  # typed into; the model's `edited` signal says what was typed

    def data(self, obj: Any, role: int) -> Any:
        if role == Role.DisplayRole or (role == Role.EditRole and self.editable):
            return None if self.checked else self.text(obj)
        if role == Role.CheckStateRole and self.checked:
            return Qt.CheckState.Checked if self.checked(obj) else Qt.CheckState.Unchecked
        if role == Role.TextAlignmentRole and self.align_right:
            return RIGHT
        if role == Role.ToolTipRole and self.tooltip:
            return self.tooltip(obj) or None
        if role == Role.ForegroundRole and self.foreground:
            return self.foreground(obj)
        if role == Role.BackgroundRole and self.background:
            color = self.background(obj)
            return QBrush(color) if color is not None else None
        return None

    def flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class ColumnsMixin:
    """What every table model over `Column`s shares; the model says which object a row shows."""

    columns: list[Column]

    def row_object(self, row: int) -> Any:
        raise NotImplementedError

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj = self.row_object(index.row())
        if obj is None:
            return None
        if role == ObjectRole:
            return obj
        return self.columns[index.column()].data(obj, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.columns[index.column()].flags()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if role != Role.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _(self.columns[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class LazyTableModel(ColumnsMixin, QAbstractTableModel):
    def __init__(self, query: ListQuery, columns: list[Column], parent: Any = None,
                 count_cap: int = COUNT_CAP) -> None:
        super().__init__(parent)
        self.query = query
        self.columns = columns
        self.count_cap = count_cap
        self._ids: list[str] = []  # stored keys, see ListQuery; empty when paged
        self._cache: dict[str, Any] = {}
        self._pages: OrderedDict[int, list[tuple[str, Any]]] = OrderedDict()
        self._paged = False
        self._count = 0
        self._more = False
        self._loaded = False  # nothing is read before the first reload()
        self._filter = ""
        self._sort = (0, False)

    # --- loading -----------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self._loaded

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._cache.clear()
        self._pages.clear()
        self._paged = self.query.pageable(self._sort[0], self._filter)
        self._more = False
        if self._paged:
            self._ids = []
            sort, descending = self._sort
            first, count = self.query.first_page(self._filter, sort, descending, PAGE,
                                                 self.count_cap)
            self._keep_page(0, first)
            self._more = count > self.count_cap
            self._count = min(count, self.count_cap)
        else:
            self._ids = self.query.ids(self._filter, self._sort[0], self._sort[1])
            self._count = len(self._ids)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.reload()

    def mark_cache_stale(self) -> None:
        self._cache.clear()
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, len(self.columns) - 1))

    def row_object(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        if self._paged:
            page = self._pages.get(row // PAGE)
            if page is None:
                page = self._read_page(row // PAGE)
            else:
                self._pages.move_to_end(row // PAGE)
            offset = row % PAGE
            return page[offset][1] if offset < len(page) else None
        ident = self._ids[row]
        if ident not in self._cache:
            start = (row // PAGE) * PAGE
            self._cache.update(self.query.rows(self._ids[start:start + PAGE]))
        return self._cache.get(ident)

    def _read_page(self, number: int) -> list[tuple[str, Any]]:
        sort, descending = self._sort
        page = self.query.page(self._filter, sort, descending, number * PAGE, PAGE)
        self._keep_page(number, page)
        return page

    def _keep_page(self, number: int, page: list[tuple[str, Any]]) -> None:
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)

    @property
    def more(self) -> bool:
        """More rows match than `rowCount()` says: they are counted when scrolled to."""
        return self._more

    # --- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        total = self.query.count(self._filter)
        self._more = False
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts a loaded list; before the first reload() it only sets the order to load in."""
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self.reload()

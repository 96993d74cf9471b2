"""The unit tree as a Qt item model: kinds, validity, head counts and merge/rename lineage."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.labels import UNIT_KINDS, label
from desktop.core.text import format_date_short, format_number, search_key, sort_key
from desktop.core.units import LineageNote, UnitNode
from desktop.i18n import N_, _
from desktop.store.kinds import LineageKind

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = [N_("Unit name"), N_("Kind"), N_("Validity"), N_("People"), N_("Households"),
           N_("Merges and renames")]
WIDTHS = [340, 150, 130, 70, 90, 300]

# (kind, incoming) → how the other unit is named from this one.
LINEAGE_WORDS = {
    (LineageKind.MERGED_INTO.value, True): N_("Merged from {names} ({date})"),
    (LineageKind.MERGED_INTO.value, False): N_("Merged into {names} ({date})"),
    (LineageKind.RENAMED.value, True): N_("Renamed from {names} ({date})"),
    (LineageKind.RENAMED.value, False): N_("Renamed to {names} ({date})"),
    (LineageKind.SPLIT_FROM.value, True): N_("Split from {names} ({date})"),
    (LineageKind.SPLIT_FROM.value, False): N_("Split into {names} ({date})"),
}
ENDED = QColor(128, 128, 128)


def lineage_text(notes: tuple[LineageNote, ...]) -> str:
    """«Sáp nhập từ A, B (01/07/2025)»: one phrase per kind, direction and date."""
    groups: dict[tuple[str, bool, Any], list[str]] = {}
    for note in notes:
        groups.setdefault((note.kind, note.incoming, note.effective), []).append(note.other_name)
    return "; ".join(
        _(LINEAGE_WORDS[(kind, incoming)]).format(names=", ".join(sorted(names, key=sort_key)),
                                                   date=format_date_short(day))
        for (kind, incoming, day), names in groups.items() if (kind, incoming) in LINEAGE_WORDS)


def validity_text(node: UnitNode) -> str:
    if node.valid_from is None and node.valid_to is None:
        return ""
    if node.valid_to is None:
        return _("from {start}").format(start=format_date_short(node.valid_from))
    if node.valid_from is None:
        return _("until {end}").format(end=format_date_short(node.valid_to))
    return "{} – {}".format(format_date_short(node.valid_from), format_date_short(node.valid_to))


class UnitTreeModel(QAbstractItemModel):
    """Nodes are kept in a flat list; an index's internal id is the node's place in it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[UnitNode] = []
        self._all: list[UnitNode] = []
        self._parent: list[int | None] = []
        self._row: list[int] = []
        self._children: dict[int | None, list[int]] = {None: []}
        self._place: dict[uuid.UUID, int] = {}

    def set_nodes(self, nodes: list[UnitNode], text: str = "") -> None:
        """Show `nodes`; with `text`, only the matching units and the units above them."""
        self._all = nodes
        key = search_key(text)
        if key:
            by_id = {n.id: n for n in nodes}
            keep: set[uuid.UUID] = set()
            for n in nodes:
                if key in search_key(f"{n.name} {n.short_name} {n.code}"):
                    up: UnitNode | None = n
                    while up is not None and up.id not in keep:
                        keep.add(up.id)
                        up = by_id.get(up.parent_id) if up.parent_id else None
            nodes = [n for n in nodes if n.id in keep]
        self.beginResetModel()
        self._nodes = nodes
        self._place = {n.id: i for i, n in enumerate(nodes)}
        self._children = {None: []}
        self._parent = []
        self._row = []
        for node in nodes:
            parent = self._place.get(node.parent_id) if node.parent_id else None
            siblings = self._children.setdefault(parent, [])
            self._parent.append(parent)
            self._row.append(len(siblings))
            siblings.append(len(self._parent) - 1)
        self.endResetModel()

    def node(self, index: Index) -> UnitNode | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def index_of(self, unit_id: uuid.UUID) -> QModelIndex:
        place = self._place.get(unit_id)
        if place is None:
            return QModelIndex()
        return self.createIndex(self._row[place], 0, place)

    def nodes(self) -> list[UnitNode]:
        """Every unit, shown or filtered out."""
        return list(self._all)

    # --- Qt interface ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = parent.internalId() if parent.isValid() else None
        children = self._children.get(key, [])
        if not (0 <= row < len(children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._parent[index.internalId()]
        if up is None:
            return QModelIndex()
        return self.createIndex(self._row[up], 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return len(self._children.get(parent.internalId(), [])) if parent.column() == 0 else 0
        return len(self._children[None])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                node.name, label(UNIT_KINDS, node.kind), validity_text(node),
                format_number(node.people) if node.people else "",
                format_number(node.households) if node.households else "",
                lineage_text(node.lineage),
            ][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 5 and node.lineage:
                return "\n".join(lineage_text((n,)) + (f" — {n.legal_basis}" if n.legal_basis
                                                       else "") for n in node.lineage)
            if col == 0 and node.valid_to is not None:
                return _("This unit ended on {date}.").format(date=format_date_short(node.valid_to))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and node.valid_to is not None:
            return QBrush(ENDED)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return node.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return _(COLUMNS[section])
        return None

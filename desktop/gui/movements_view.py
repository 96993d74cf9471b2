"""Phong trào: a movement's legal basis, phases, target groups and criteria tree."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTreeView, QVBoxLayout, QWidget

from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.service import Services
from desktop.core.text import format_date_short, format_number
from desktop.i18n import N_, _
from desktop.store.models import Criterion

COLUMNS = [N_("Item"), N_("Max. points"), N_("Target"), N_("Evidence")]


def _points(value: Decimal) -> str:
    return format_number(value.normalize()) if value else ""


def _row(*texts: str) -> list[QStandardItem]:
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(text if len(text) > 60 else "")
        items.append(item)
    return items


class MovementsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.movements = QComboBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Movement:")))
        top.addWidget(self.movements, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Movements"))))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.movements.currentIndexChanged.connect(self._on_movement)
        self.reload()

    def reload(self) -> None:
        self.movements.blockSignals(True)
        self.movements.clear()
        for movement in self.services.movements.all():
            self.movements.addItem(movement.name, movement.id)
        self.movements.blockSignals(False)
        self._on_movement()

    def _on_movement(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        movement_id = self.movements.currentData()
        if not isinstance(movement_id, uuid.UUID):
            self.summary.clear()
            return
        movement, criteria = self.services.movements.outline(movement_id)
        symbol = "/".join(x for x in (movement.doc_number, movement.doc_symbol) if x)
        self.summary.setText(_("{title} — {issuer}, {symbol} {date}").format(
            title=movement.title or movement.name, issuer=movement.issuer,
            symbol=symbol, date=format_date_short(movement.doc_date)))
        root = self.model.invisibleRootItem()
        bases = _row(_("Legal basis"), "", "", "")
        for lb in movement.legal_bases:
            bases[0].appendRow(_row(
                f"{lb.doc_type} {lb.number} {format_date_short(lb.issued_on)}".strip(),
                "", "", lb.title))
        root.appendRow(bases)
        phases = _row(_("Phases"), "", "", "")
        for ph in movement.phases:
            phases[0].appendRow(_row(ph.name, "", f"{ph.start_year} - {ph.end_year}", ""))
        root.appendRow(phases)
        for group in movement.target_groups:
            head = _row(f"{group.code}) {group.name}", "", "", label(SUBJECT_KINDS,
                                                                     group.subject_kind))
            self._add_criteria(head[0], criteria[group.id], None)
            root.appendRow(head)
        self.tree.expandToDepth(0)
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 160)

    def _add_criteria(self, parent: QStandardItem, items: list[Criterion],
                      parent_id: uuid.UUID | None) -> None:
        for crit in items:
            if crit.parent_id != parent_id:
                continue
            target = crit.target_text or ""
            if crit.target_value is not None:
                target = f"{crit.target_direction} {format_number(crit.target_value.normalize())}" \
                         f"{crit.target_unit}".strip()
            row = _row(f"{crit.code}. {crit.name}", _points(crit.max_points), target,
                       crit.evidence)
            parent.appendRow(row)
            self._add_criteria(row[0], items, crit.id)

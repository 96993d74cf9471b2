"""Đợt xét & đề nghị: a round's nominees, their status, amount, and the status workflow."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.rounds import STATUS_LABELS, TRANSITIONS, NominationRow
from desktop.core.service import Services
from desktop.core.text import format_money
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import NominationStatus as S

Index = QModelIndex | QPersistentModelIndex

COLUMNS = [N_("Nominee"), N_("Kind"), N_("Proposed award"), N_("Status"), N_("Amount")]

# The buttons of the workflow: target status, label, shortcut, whether a comment is required.
ACTIONS = [
    (S.DA_NOP, N_("&Submit"), "Ctrl+Shift+N", False),
    (S.DANG_XET, N_("Start &review"), "Ctrl+Shift+X", False),
    (S.TRA_LAI, N_("&Return…"), "Ctrl+Shift+T", True),
    (S.DE_NGHI_LEN_TREN, N_("Propose &upward"), "Ctrl+Shift+U", False),
    (S.KHONG_DAT, N_("Not &approved…"), "Ctrl+Shift+K", True),
]


class NominationsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[NominationRow] = []

    def set_rows(self, rows: list[NominationRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> NominationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                r.subject_name,
                label(SUBJECT_KINDS, r.subject_kind),
                r.award_name,
                _(STATUS_LABELS[S(r.status)]),
                format_money(r.amount) if r.amount is not None else "",
            ][col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return r.detail or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class RoundsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rounds = QComboBox()
        self.model = NominationsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((260, 90, 260, 130, 110)):
            self.table.setColumnWidth(col, width)
        self.detail = QTextBrowser()
        self.buttons: dict[S, QPushButton] = {}
        bar = QHBoxLayout()
        for status, text, shortcut, needs_comment in ACTIONS:
            button = QPushButton(_(text))
            button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(
                lambda _c=False, s=status, n=needs_comment: self._on_change(s, n))
            self.buttons[status] = button
            bar.addWidget(button)
        bar.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round:")))
        top.addWidget(self.rounds, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Rounds and nominations"))))
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        self.rounds.currentIndexChanged.connect(self._on_round)
        self.table.selectionModel().currentRowChanged.connect(self._on_select)
        self.reload()

    def reload(self) -> None:
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for rnd in self.services.rounds.all_rounds():
            self.rounds.addItem(f"{rnd.year} — {rnd.name}", rnd.id)
        self.rounds.blockSignals(False)
        self._on_round()

    def current_round(self) -> uuid.UUID | None:
        data = self.rounds.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def _on_round(self) -> None:
        round_id = self.current_round()
        self.model.set_rows(self.services.rounds.rows(round_id) if round_id else [])
        if self.model.rowCount():
            self.table.selectRow(0)
        self._on_select()

    def selected(self) -> NominationRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _on_select(self) -> None:
        row = self.selected()
        for status, button in self.buttons.items():
            button.setEnabled(row is not None and status in TRANSITIONS[S(row.status)])
        if row is None:
            self.detail.clear()
            return
        parts = ["<b>{}</b>".format(row.subject_name)]
        if row.detail:
            parts.append("<br>{}".format(row.detail))
        parts.append("<p><b>{}</b> {}</p>".format(_("Achievements:"), row.achievements or "—"))
        if row.status_note:
            parts.append("<p><b>{}</b> {}</p>".format(_("Note:"), row.status_note))
        self.detail.setHtml("".join(parts))

    def _on_change(self, status: S, needs_comment: bool) -> None:
        row = self.selected()
        if row is None:
            return
        comment = ""
        if needs_comment:
            comment, ok = QInputDialog.getMultiLineText(
                self, _("Comment"), _("Say what the unit must add or correct:"))
            if not ok:
                return
        current = self.table.currentIndex().row()
        try:
            self.services.rounds.change_status(row.id, status.value, comment)
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot change the status"), str(exc))
            return
        self._on_round()
        self.table.selectRow(current)

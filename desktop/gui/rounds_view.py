"""Đợt xét & đề nghị: a round's nominees, their status, amount, and the status workflow."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
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

from desktop.core.dossiers import STATE_LABELS, State
from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.rounds import STATUS_LABELS, TRANSITIONS, NominationRow
from desktop.core.service import Services
from desktop.core.text import format_date_short, format_money, format_number
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import NominationStatus as S

Index = QModelIndex | QPersistentModelIndex

COLUMNS = [N_("Nominee"), N_("Kind"), N_("Proposed award"), N_("Rules"), N_("Dossier"),
           N_("Status"), N_("Amount")]
AMOUNT_COLUMN = 6
LIGHTS = {State.PRESENT: QColor("#2e7d32"), State.DRAFT: QColor("#b26a00"),
          State.MISSING: QColor("#c62828")}

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
                verdict_text(r),
                dossier_text(r),
                _(STATUS_LABELS[S(r.status)]),
                format_money(r.amount) if r.amount is not None else "",
            ][col]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 3 and r.eligible is not None:
                return LIGHTS[State.PRESENT if r.eligible else State.MISSING]
            if col == 4 and r.dossier is not None:
                return LIGHTS[r.dossier.state]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return r.detail or None
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and r.dossier is not None:
            return "\n".join(f"{item.name}: {_(STATE_LABELS[item.state])}"
                             for item in r.dossier.items) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == AMOUNT_COLUMN:
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


def verdict_text(row: NominationRow) -> str:
    if row.eligible is None:
        return ""
    return "✓ " + _("Eligible") if row.eligible else "✗ " + _("Not eligible")


def dossier_text(row: NominationRow) -> str:
    if row.dossier is None or not row.dossier.items:
        return ""
    missing = len(row.dossier.missing)
    if missing:
        return "● " + _("{n} missing").format(n=missing)
    return "● " + (_("to print") if row.dossier.state is State.DRAFT else _("complete"))


def deadline_text(deadline: date | None, today: date) -> str:
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days < 0:
        return _("Deadline {day} passed {n} days ago").format(
            day=format_date_short(deadline), n=-days)
    if days == 0:
        return _("Deadline {day}: today").format(day=format_date_short(deadline))
    return _("Deadline {day}: {n} days left").format(day=format_date_short(deadline), n=days)


def detail_html(row: NominationRow) -> str:
    parts = ["<b>{}</b>".format(escape(row.subject_name))]
    if row.detail:
        parts.append("<br>{}".format(escape(row.detail)))
    parts.append("<p><b>{}</b> {}</p>".format(_("Achievements:"),
                                             escape(row.achievements) or "—"))
    if row.status_note:
        parts.append("<p><b>{}</b> {}</p>".format(_("Note:"), escape(row.status_note)))
    if row.verdict is not None:
        parts.append("<p><b>{}</b> {}</p><ul>".format(
            escape(row.award_name), escape(verdict_text(row))))
        for reason in row.verdict.get("reasons", []):
            mark, color = (("ℹ", "#555") if reason.get("info") else
                           ("✓", "#2e7d32") if reason.get("ok") else ("✗", "#c62828"))
            parts.append("<li style='color:{}'>{} {}</li>".format(
                color, mark, escape(reason.get("text", ""))))
        for note in row.verdict.get("preference", []):
            parts.append("<li>★ {}</li>".format(escape(note)))
        parts.append("</ul>")
    if row.amount is not None and row.base_salary and row.priced_on:
        parts.append("<p><b>{}</b> {}</p>".format(_("Amount:"), escape(_(
            "{amount} = {coefficient} × base salary {base} in force on {day}").format(
                amount=format_money(row.amount), coefficient=format_number(row.coefficient or 0),
                base=format_money(row.base_salary), day=format_date_short(row.priced_on)))))
    if row.dossier is not None and row.dossier.items:
        parts.append("<p><b>{}</b></p><ul>".format(_("Dossier:")))
        for item in row.dossier.items:
            shown = item.hint and item.state is not State.PRESENT
            hint = f" — {escape(item.hint)}" if shown else ""
            parts.append("<li style='color:{}'>● {}: {}{}</li>".format(
                LIGHTS[item.state].name(), escape(item.name), escape(_(STATE_LABELS[item.state])),
                hint))
        parts.append("</ul>")
    return "".join(parts)


class RoundsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rounds = QComboBox()
        # Round names are long sentences: let the box shrink instead of widening the window.
        self.rounds.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rounds.setMinimumContentsLength(30)
        self.model = NominationsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((230, 80, 210, 130, 100, 120, 110)):
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
        self.attach_button = QPushButton(_("&Attach a file…"))
        self.attach_button.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.attach_button.clicked.connect(self._on_attach)
        bar.addWidget(self.attach_button)
        self.deadline = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round:")))
        top.addWidget(self.rounds, 1)
        top.addWidget(self.deadline)
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
        self._deadlines: dict[uuid.UUID, date | None] = {}
        for rnd in self.services.rounds.all_rounds():
            self.rounds.addItem(f"{rnd.year} — {rnd.name}", rnd.id)
            self._deadlines[rnd.id] = rnd.deadline
        self.rounds.blockSignals(False)
        self._on_round()

    def current_round(self) -> uuid.UUID | None:
        data = self.rounds.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def _on_round(self) -> None:
        round_id = self.current_round()
        self.model.set_rows(self.services.rounds.rows(round_id) if round_id else [])
        self.deadline.setText(deadline_text(self._deadlines.get(round_id) if round_id else None,
                                            date.today()))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._on_select()

    def selected(self) -> NominationRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _on_select(self) -> None:
        row = self.selected()
        for status, button in self.buttons.items():
            button.setEnabled(row is not None and status in TRANSITIONS[S(row.status)])
        self.attach_button.setEnabled(row is not None)
        if row is None:
            self.detail.clear()
            return
        self.detail.setHtml(detail_html(row))

    def _on_attach(self) -> None:
        row = self.selected()
        if row is None:
            return
        choices = self.services.dossiers.components()
        missing = [i.code for i in row.dossier.missing] if row.dossier else []
        names = [name for _code, name in choices]
        first = next((i for i, (code, _n) in enumerate(choices) if code in missing), 0)
        name, ok = QInputDialog.getItem(self, _("Attach a file"), _("What is this file?"),
                                        names, first, False)
        if not ok:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the scanned document"), "",
            _("Documents (*.pdf *.jpg *.jpeg *.png *.doc *.docx);;All files (*)"))
        if not path:
            return
        try:
            self.services.dossiers.attach(row.id, choices[names.index(name)][0], Path(path))
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot attach the file"), str(exc))
            return
        current = self.table.currentIndex().row()
        self._on_round()
        self.table.selectRow(current)

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

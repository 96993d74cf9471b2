"""Đợt xét & đề nghị: a round's nominees, their status, amount, and the status workflow."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import STATE_LABELS, State
from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.nominees import ROUND_KINDS, awards_open_to, find_subjects
from desktop.core.rounds import STATUS_LABELS, TRANSITIONS, NominationRow
from desktop.core.service import Services, Subject
from desktop.core.text import format_date_short, format_money, format_number
from desktop.errors import UserError
from desktop.gui.column_widths import fit_columns
from desktop.gui.conflict_dialog import save_versioned
from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from desktop.i18n import N_, _
from desktop.store.kinds import NominationStatus as S
from desktop.store.kinds import SubjectKind

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


def _verdict_colour(row: NominationRow) -> QColor | None:
    if row.eligible is None:
        return None
    return LIGHTS[State.PRESENT if row.eligible else State.MISSING]


def _dossier_tooltip(row: NominationRow) -> str | None:
    if row.dossier is None:
        return None
    return "\n".join(f"{item.name}: {_(STATE_LABELS[item.state])}" for item in row.dossier.items)


COLUMNS = [  # the widths fit a 1100-pixel window
    Column(N_("Nominee"), lambda r: r.subject_name, 190, tooltip=lambda r: r.detail,
           stretch=True),
    Column(N_("Kind"), lambda r: label(SUBJECT_KINDS, r.subject_kind), 65),
    Column(N_("Proposed award"), lambda r: r.award_name, 175, stretch=True),
    Column(N_("Rules"), verdict_text, 120, foreground=_verdict_colour),
    Column(N_("Dossier"), dossier_text, 75, tooltip=_dossier_tooltip,
           foreground=lambda r: LIGHTS[r.dossier.state] if r.dossier is not None else None),
    Column(N_("Status"), lambda r: _(STATUS_LABELS[S(r.status)]), 110),
    Column(N_("Amount"), lambda r: format_money(r.amount) if r.amount is not None else "", 95,
           align_right=True),
]


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


class RoundDialog(QDialog):
    """A new nomination round: name, kind, year, movement and deadline."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New round"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, text in ROUND_KINDS.items():
            self.kind.addItem(_(text), kind.value)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.movement = QComboBox()
        self.movement.addItem(_("(no movement)"), None)
        for movement in services.movements.all():
            self.movement.addItem(movement.name, movement.id)
        self.has_deadline = QCheckBox(_("Deadline"))
        self.deadline = QDateEdit(QDate.currentDate().addDays(30))
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.deadline.setCalendarPopup(True)
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        form = QFormLayout(self)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Year:"), self.year)
        form.addRow(_("&Movement:"), self.movement)
        form.addRow(self.has_deadline, self.deadline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "kind": self.kind.currentData(),
                "year": self.year.value(), "movement_id": self.movement.currentData(),
                "deadline": self.deadline.date().toPython() if self.has_deadline.isChecked()
                else None}


class NominateDialog(QDialog):
    """Whom to nominate (found by name, diacritics optional) and for which award."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Nominate"))
        self.kind = QComboBox()
        for kind, text in SUBJECT_KINDS.items():
            self.kind.addItem(_(text), kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of the name, e.g. nguyen van"))
        self.found = QListWidget()
        self.award = QComboBox()
        self.achievements = QPlainTextEdit()
        self.achievements.setPlaceholderText(_("Summary of achievements (for the list and the "
                                               "report)"))
        form = QFormLayout(self)
        form.addRow(_("&Subject:"), self.kind)
        form.addRow(_("&Find:"), self.search)
        form.addRow(self.found)
        form.addRow(_("&Award:"), self.award)
        form.addRow(_("A&chievements:"), self.achievements)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._refresh)
        self.search.textChanged.connect(self._find)
        self.resize(640, 520)
        self._refresh()

    def subject_kind(self) -> SubjectKind:
        return SubjectKind(self.kind.currentData())

    def _refresh(self) -> None:
        self.award.clear()
        with self.services.reading() as session:
            for code, name in awards_open_to(session, self.subject_kind(), date.today()):
                self.award.addItem(name, code)
        self._find()

    def _find(self) -> None:
        self.found.clear()
        with self.services.reading() as session:
            for choice in find_subjects(session, self.subject_kind(), self.search.text()):
                item = QListWidgetItem(choice.label)
                item.setData(Qt.ItemDataRole.UserRole, choice.id)
                self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def choice(self) -> tuple[Subject, str, str] | None:
        item = self.found.currentItem()
        if item is None or self.award.currentData() is None:
            return None
        return (Subject(self.subject_kind(), item.data(Qt.ItemDataRole.UserRole)),
                self.award.currentData(), self.achievements.toPlainText())

    def _accept(self) -> None:
        if self.choice() is None:
            QMessageBox.warning(self, _("Nominate"), _("Choose a subject in the list and an "
                                                       "award."))
            return
        self.accept()


class RoundsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rounds = QComboBox()
        # Round names are long sentences: let the box shrink instead of widening the window.
        self.rounds.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rounds.setMinimumContentsLength(30)
        self.model = ListTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        fit_columns(self.table, COLUMNS)
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
        self.new_round_button = QPushButton(_("New &round…"))
        self.new_round_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.new_round_button.clicked.connect(self._on_new_round)
        self.nominate_button = QPushButton(_("&Nominate…"))
        self.nominate_button.setShortcut(QKeySequence("Insert"))
        self.nominate_button.clicked.connect(self._on_nominate)
        bar.insertWidget(0, self.nominate_button)
        self.attach_button = QPushButton(_("&Attach a file…"))
        self.attach_button.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.attach_button.clicked.connect(self._on_attach)
        bar.addWidget(self.attach_button)
        self.deadline = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round:")))
        top.addWidget(self.rounds, 1)
        top.addWidget(self.deadline)
        top.addWidget(self.new_round_button)
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
        return self.model.row_object(self.table.currentIndex().row())

    def _on_select(self) -> None:
        row = self.selected()
        for status, button in self.buttons.items():
            button.setEnabled(row is not None and status in TRANSITIONS[S(row.status)])
        self.attach_button.setEnabled(row is not None)
        if row is None:
            self.detail.clear()
            return
        self.detail.setHtml(detail_html(row))

    def _on_new_round(self) -> None:
        dialog = RoundDialog(self.services, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            rnd = self.services.rounds.create_round(**dialog.values())
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot create the round"), str(exc))
            return
        self.reload()
        # findData cannot compare Python UUIDs: look for it by hand.
        for index in range(self.rounds.count()):
            if self.rounds.itemData(index) == rnd.id:
                self.rounds.setCurrentIndex(index)

    def _on_nominate(self) -> None:
        round_id = self.current_round()
        if round_id is None:
            QMessageBox.information(self, _("Nominate"), _("Create a round first."))
            return
        dialog = NominateDialog(self.services, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or (choice := dialog.choice()) is None:
            return
        subject, code, achievements = choice
        try:
            nomination = self.services.rounds.nominate(round_id, subject, code,
                                                       achievements=achievements)
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot nominate"), str(exc))
            return
        self._on_round()
        for row in range(self.model.rowCount()):
            found = self.model.row_object(row)
            if found is not None and found.id == nomination.id:
                self.table.selectRow(row)

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
        save_versioned(self, _("Cannot change the status"),
                       lambda seen: self.services.rounds.change_status(
                           row.id, status.value, comment, seen_version=seen), row.version)
        self._on_round()
        self.table.selectRow(current)

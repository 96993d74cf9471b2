"""Hội đồng: a round's council meeting — attendance, recusals, ballots, the live result.

The result of every nominee is the rules engine's (`desktop.core.rules.vote`): the threshold
counts approvals against the whole council, absentees voting in writing. «Trình chiếu» (F11)
shows one nominee at a time in large type for the meeting room's projector.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
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
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.council import AgendaItem, MemberInput, council_vote
from desktop.core.rules import VoteResult
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.gui.column_widths import fit_columns
from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from desktop.i18n import N_, _
from desktop.store.models import CouncilMeeting, CouncilMember

PRESENT, WRITTEN = 2, 3
YES, NO, INVALID, RESULT = 3, 4, 5, 6
PASSED, FAILED = QColor("#c8e6c9"), QColor("#ffcdd2")
AgendaRow = tuple[AgendaItem, int, VoteResult | None]  # the item, who votes on it, its result


def result_word(result: VoteResult | None) -> str:
    if result is None:
        return _("Not voted yet")
    return _("Passed") if result.passed else _("Not passed")


def _ballot_text(col: int) -> Callable[[AgendaRow], str]:
    return lambda r: "" if r[0].ballot is None else str(r[0].ballot[col - YES])


def _result_colour(row: AgendaRow) -> QColor | None:
    item, _voters, result = row
    if item.ballot is None or result is None:
        return None
    return PASSED if result.passed else FAILED


def _result_explanation(row: AgendaRow) -> str | None:
    item, _voters, result = row
    return result.explanation if result is not None and item.ballot is not None else None


def _no_text(_row: Any) -> str:
    return ""


MEMBER_COLUMNS = [
    Column(N_("Member"), lambda m: m.full_name, 150, stretch=True),
    Column(N_("Position"), lambda m: m.title, 100, stretch=True),
    Column(N_("Present"), _no_text, 60, checked=lambda m: m.present),
    Column(N_("Written opinion"), _no_text, 90, checked=lambda m: m.written_opinion),
]
AGENDA_COLUMNS = [
    Column(N_("Nominee"), lambda r: r[0].nomination.subject_name, 185,
           tooltip=lambda r: r[0].nomination.detail, stretch=True),
    Column(N_("Proposed award"), lambda r: r[0].nomination.award_name, 130, stretch=True),
    Column(N_("Voters"), lambda r: str(r[1]), 70, align_right=True),
    Column(N_("Yes"), _ballot_text(YES), 55, align_right=True, editable=True),
    Column(N_("No"), _ballot_text(NO), 60, align_right=True, editable=True),
    Column(N_("Invalid"), _ballot_text(INVALID), 60, align_right=True, editable=True),
    Column(N_("Result"), lambda r: result_word(r[2] if r[0].ballot is not None else None), 90,
           tooltip=_result_explanation, background=_result_colour),
]


class ProjectorView(QWidget):
    """One nominee at a time in large type; PageDown/PageUp move, F11 full screen, Esc closes."""

    def __init__(self, council: CouncilView) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.council = council
        self.position = 0
        self.setWindowTitle(_("Council — projector view"))
        self.setStyleSheet("background: white; color: #1a1a1a;")
        self.counter = QLabel()
        self.name = QLabel()
        self.award = QLabel()
        self.counts = QLabel()
        self.result = QLabel()
        self.explanation = QLabel()
        for label, size, bold in ((self.counter, 16, False), (self.name, 40, True),
                                  (self.award, 26, False), (self.counts, 30, False),
                                  (self.result, 64, True), (self.explanation, 18, False)):
            font = label.font()
            font.setPointSize(size)
            font.setBold(bold)
            label.setFont(font)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(_("PageDown: next nominee — PageUp: previous — F11: full screen — "
                        "Esc: close"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addStretch(1)
        for label in (self.name, self.award, self.counts, self.result, self.explanation):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(hint)
        self.show_current()

    def show_current(self) -> None:
        rows = self.council.agenda.rows
        if not rows:
            self.name.setText(_("No nominee is on the agenda."))
            for label in (self.counter, self.award, self.counts, self.result, self.explanation):
                label.clear()
            return
        self.position = max(0, min(self.position, len(rows) - 1))
        item, voters, result = rows[self.position]
        self.counter.setText(_("Nominee {n} of {total}").format(n=self.position + 1,
                                                                total=len(rows)))
        self.name.setText(item.nomination.subject_name)
        self.award.setText(item.nomination.award_name)
        if item.ballot is None or result is None:
            self.counts.setText(_("{voters} members may vote").format(voters=voters))
            self.result.setText(_("Not voted yet"))
            self.result.setStyleSheet("color: #666;")
            self.explanation.clear()
            return
        yes, no, invalid = item.ballot
        self.counts.setText(_("Yes {yes} — No {no} — Invalid {invalid}").format(
            yes=yes, no=no, invalid=invalid))
        self.result.setText(result_word(result).upper())
        self.result.setStyleSheet("color: #1b5e20;" if result.passed else "color: #b71c1c;")
        self.explanation.setText(result.explanation)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Right):
            self.position += 1
            self.show_current()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.position -= 1
            self.show_current()
        elif key == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)


class OpenMeetingDialog(QDialog):
    """Members one per line as «Họ tên; chức vụ»; the first chairs, the last is secretary."""

    def __init__(self, parent: QWidget, previous: CouncilMeeting | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open a council meeting"))
        self.held_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.held_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.held_at.setCalendarPopup(True)
        self.place = QLineEdit(previous.place if previous else "")
        self.members = QPlainTextEdit()
        if previous is not None:
            self.members.setPlainText("\n".join(f"{m.full_name}; {m.title}"
                                                for m in previous.members))
        form = QFormLayout(self)
        for text, widget in ((_("&Date and time:"), self.held_at), (_("&Place:"), self.place),
                             (_("&Members (one per line: full name; position):"),
                              self.members)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, 420)

    def member_inputs(self) -> list[MemberInput]:
        lines = [line.strip() for line in self.members.toPlainText().splitlines()
                 if line.strip()]
        result = []
        for i, line in enumerate(lines):
            name, _sep, title = line.partition(";")
            role = "chu_tich" if i == 0 else "thu_ky" if i == len(lines) - 1 > 0 else "uy_vien"
            result.append(MemberInput(name.strip(), title.strip(), role))
        return result


class CouncilView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self._catalogue: Catalogue | None = None
        self.meeting: CouncilMeeting | None = None
        self.rounds = QComboBox()
        self.rounds.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rounds.setMinimumContentsLength(30)
        self.meeting_text = QLabel()
        self.meeting_text.setWordWrap(True)
        self.open_button = QPushButton(_("&Open a meeting…"))
        self.open_button.clicked.connect(self._on_open_meeting)
        self.members = ListTableModel(MEMBER_COLUMNS, self)
        # Queued: the model is reloaded after the check box or editor has finished.
        self.members.edited.connect(self._on_attendance, Qt.ConnectionType.QueuedConnection)
        self.member_table = QTableView()
        self.member_table.setModel(self.members)
        self.member_table.verticalHeader().hide()
        self.member_table.verticalHeader().setDefaultSectionSize(24)
        fit_columns(self.member_table, MEMBER_COLUMNS)
        self.agenda = ListTableModel(AGENDA_COLUMNS, self)
        self.agenda.edited.connect(self._on_ballot, Qt.ConnectionType.QueuedConnection)
        self.agenda_table = QTableView()
        self.agenda_table.setModel(self.agenda)
        self.agenda_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.agenda_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.agenda_table.verticalHeader().setDefaultSectionSize(24)
        self.agenda_table.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed
                                          | QTableView.EditTrigger.DoubleClicked
                                          | QTableView.EditTrigger.EditKeyPressed)
        fit_columns(self.agenda_table, AGENDA_COLUMNS)
        self.recusals = QListWidget()
        self.recusals.itemChanged.connect(self._on_recusal)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.projector_button = QPushButton(_("&Projector view (F11)"))
        self.projector_button.setShortcut(QKeySequence("F11"))
        self.projector_button.clicked.connect(self._on_projector)
        self.projector: ProjectorView | None = None

        top = QHBoxLayout()
        round_label = QLabel(_("&Round:"))
        round_label.setBuddy(self.rounds)
        top.addWidget(round_label)
        top.addWidget(self.rounds, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.projector_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>{}</b>".format(_("Attendance"))))
        left_layout.addWidget(self.member_table, 3)
        recusal_label = QLabel("<b>{}</b>".format(_("Members not voting on this nominee")))
        left_layout.addWidget(recusal_label)
        left_layout.addWidget(self.recusals, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>{}</b>".format(
            _("Ballot counts (type the numbers; the result follows the rules)"))))
        right_layout.addWidget(self.agenda_table, 1)
        right_layout.addWidget(self.explanation)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([400, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Council"))))
        layout.addLayout(top)
        layout.addWidget(self.meeting_text)
        layout.addWidget(split, 1)
        self.rounds.currentIndexChanged.connect(self._on_round)
        self.agenda_table.selectionModel().currentRowChanged.connect(self._on_select)
        self.reload()

    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = self.services.catalogue.load()
        return self._catalogue

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
        meetings = self.services.council.meetings(round_id) if round_id else []
        self.meeting = meetings[0] if meetings else None
        self.open_button.setEnabled(round_id is not None)
        self._refresh()
        if self.agenda.rowCount():
            self.agenda_table.selectRow(0)

    def _refresh(self) -> None:
        """Reload the meeting, keep the selected nominee, recompute every result."""
        row = self.agenda_table.currentIndex().row()
        if self.meeting is not None:
            meetings = self.services.council.meetings(self.meeting.round_id)
            self.meeting = next((m for m in meetings if m.id == self.meeting.id), None)
        meeting = self.meeting
        if meeting is None:
            self.meeting_text.setText(_("This round has no council meeting yet; open one to "
                                        "record attendance and ballots."))
            self.members.set_rows([])
            self.agenda.set_rows([])
            self._on_select()
            return
        present = sum(1 for m in meeting.members if m.present)
        written = sum(1 for m in meeting.members if m.written_opinion and not m.present)
        self.meeting_text.setText(_(
            "Meeting of {when} at {place}; chair {chair}, secretary {secretary}. {present} of "
            "{total} members present, {written} voting in writing.").format(
                when=meeting.held_at.strftime("%H:%M %d/%m/%Y"), place=meeting.place,
                chair=meeting.chair, secretary=meeting.secretary, present=present,
                total=len(meeting.members), written=written))
        self.members.set_rows(meeting.members)
        rows = []
        thresholds = self.services.council.thresholds()
        for item in self.services.council.agenda(meeting.id):
            voters = sum(1 for m in meeting.members
                         if (m.present or m.written_opinion) and m.id not in item.recused)
            try:
                result: VoteResult | None = council_vote(self.catalogue(), meeting, item,
                                                         thresholds)
            except UserError:  # e.g. an award not in force on the meeting day
                result = None
            rows.append((item, voters, result))
        self.agenda.set_rows(rows)
        if 0 <= row < len(rows):
            self.agenda_table.selectRow(row)
        self._on_select()
        if self.projector is not None and self.projector.isVisible():
            self.projector.show_current()

    def selected(self) -> AgendaRow | None:
        row: AgendaRow | None = self.agenda.row_object(self.agenda_table.currentIndex().row())
        return row

    def _on_select(self) -> None:
        chosen = self.selected()
        self.recusals.blockSignals(True)
        self.recusals.clear()
        if chosen is not None and self.meeting is not None:
            item, _voters, result = chosen
            for member in self.meeting.members:
                entry = QListWidgetItem(member.full_name)
                entry.setData(Qt.ItemDataRole.UserRole, member.id)
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if member.id in item.recused
                                    else Qt.CheckState.Unchecked)
                self.recusals.addItem(entry)
            self.explanation.setText(result.explanation if result and item.ballot else "")
        else:
            self.explanation.clear()
        self.recusals.blockSignals(False)

    # --- actions ----------------------------------------------------------------------------

    def _act(self, title: str, action: Any) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            self._refresh()
            return False
        self._refresh()
        return True

    def _on_attendance(self, member: CouncilMember, column: int, on: bool) -> None:
        """Present and voting in writing exclude each other: ticking one clears the other."""
        present = on if column == PRESENT else member.present and not on
        written = on if column == WRITTEN else member.written_opinion and not on
        self._act(_("Cannot change the attendance"), lambda: self.services.council
                  .set_attendance(member.id, present=present, written_opinion=written))

    def _on_ballot(self, row: AgendaRow, column: int, value: Any) -> None:
        meeting = self.meeting
        item = row[0]
        text = str(value).strip() or "0"
        if meeting is None:
            return
        if not text.isdigit():
            QMessageBox.warning(self, _("Cannot record the ballot"), _(
                "“{text}” is not a number of ballots; type a whole number such as 7.").format(
                text=text))
            return
        yes, no, invalid = item.ballot or (0, 0, 0)
        counts = {YES: yes, NO: no, INVALID: invalid} | {column: int(text)}
        self._act(_("Cannot record the ballot"), lambda: self.services.council.record_ballot(
            meeting.id, item.nomination.id, yes=counts[YES], no=counts[NO],
            invalid=counts[INVALID]))

    def _on_recusal(self, entry: QListWidgetItem) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        member_id = entry.data(Qt.ItemDataRole.UserRole)
        nomination_id = chosen[0].nomination.id
        if entry.checkState() == Qt.CheckState.Checked:
            reason, ok = QInputDialog.getText(
                self, _("Recusal"), _("Why does {name} not vote on this nominee?").format(
                    name=entry.text()), text=_("Related to the nominee"))
            if not ok:
                self._refresh()
                return
            self._act(_("Cannot record the recusal"), lambda: self.services.council.recuse(
                member_id, nomination_id, reason))
        else:
            self._act(_("Cannot record the recusal"), lambda: self.services.council
                      .withdraw_recusal(member_id, nomination_id))

    def _on_open_meeting(self) -> None:
        round_id = self.current_round()
        if round_id is None:
            return
        previous = self.meeting
        if previous is None:
            for rnd in self.services.rounds.all_rounds():
                found = self.services.council.meetings(rnd.id)
                previous = found[0] if found else previous
        dialog = OpenMeetingDialog(self, previous)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        members = dialog.member_inputs()

        def open_meeting() -> None:
            held = dialog.held_at.dateTime().toPython()
            assert isinstance(held, datetime)
            self.meeting = self.services.council.open_meeting(
                round_id, held_at=held, place=dialog.place.text(),
                chair=members[0].full_name if members else "",
                secretary=members[-1].full_name if members else "", members=members)

        self._act(_("Cannot open the meeting"), open_meeting)

    def _on_projector(self) -> None:
        if self.projector is None:
            self.projector = ProjectorView(self)
        self.projector.position = max(0, self.agenda_table.currentIndex().row())
        self.projector.show_current()
        self.projector.showFullScreen()

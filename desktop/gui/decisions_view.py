"""Quyết định: the office's decisions with their lists and money, and every subject's awards."""

from __future__ import annotations

import uuid
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.award_history import AwardHistoryService, AwardRow, DecisionRow
from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.service import Services
from desktop.core.text import format_date_short, format_money, format_number
from desktop.gui.column_widths import fit_columns
from desktop.gui.issue_decision import IssueDecisionDialog
from desktop.gui.list_view import ListView
from desktop.gui.table_model import Column, LazyTableModel, ObjectRole
from desktop.i18n import N_, _
from desktop.store.kinds import AwardSource

DECISION_COLUMNS = [
    Column(N_("Signed on"), lambda r: format_date_short(r.signed_on), 95),
    Column(N_("Number"), lambda r: r.symbol, 120),
    Column(N_("Subject line"), lambda r: r.title, 420, stretch=True),
    Column(N_("Lines"), lambda r: format_number(r.lines), 60, align_right=True),
    Column(N_("Total amount"), lambda r: format_money(r.total_amount), 140, align_right=True),
]

LINE_COLUMNS = [
    Column(N_("No."), lambda r: str(r.position + 1), 45, align_right=True),
    Column(N_("Awarded to"), lambda r: r.subject_name, 300, stretch=True),
    Column(N_("Kind"), lambda r: label(SUBJECT_KINDS, r.subject_kind), 100),
    Column(N_("Award"), lambda r: r.award_name, 250, stretch=True),
    Column(N_("Coefficient"), lambda r: format_number(r.coefficient.normalize()), 90,
           align_right=True),
    Column(N_("Amount"), lambda r: format_money(r.amount), 130, align_right=True),
]

SOURCES = {
    AwardSource.RECORDED.value: N_("typed in"),
    AwardSource.IMPORTED.value: N_("imported"),
    AwardSource.DECISION.value: N_("decided here"),
}


def _source(r: AwardRow) -> str:
    text = _(SOURCES.get(r.source, r.source))
    return text + (" · " + _("thematic") if r.thematic else "")


HISTORY_COLUMNS = [
    Column(N_("Awarded to"), lambda r: r.subject_name, 240, stretch=True),
    Column(N_("Kind"), lambda r: label(SUBJECT_KINDS, r.subject_kind), 95),
    Column(N_("Year"), lambda r: str(r.year), 55, align_right=True),
    Column(N_("Award"), lambda r: r.award_name, 230, stretch=True),
    Column(N_("Decision"), lambda r: r.decision_symbol, 120),
    Column(N_("Decision date"), lambda r: format_date_short(r.decision_date), 105),
    Column(N_("Issued by"), lambda r: r.issuer, 200),
    Column(N_("Source"), _source, 120),
]


def _table(model: LazyTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(24)
    table.verticalHeader().hide()
    fit_columns(table, model.columns)
    return table


class DecisionsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.service = AwardHistoryService(services)
        self.decisions_model = LazyTableModel(self.service.decisions(), DECISION_COLUMNS, self)
        self.lines_model = LazyTableModel(self.service.lines(None), LINE_COLUMNS, self)
        self.history_model = LazyTableModel(self.service.history(), HISTORY_COLUMNS, self)
        self.decisions = ListView(_("Decisions issued"), self.decisions_model)
        self.decisions.heading.hide()
        self.decisions.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.decisions.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = _table(self.lines_model)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.lines, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.decisions)
        split.addWidget(lower)
        split.setStretchFactor(1, 2)
        self.history = ListView(_("Award history of every individual, collective and household"),
                                self.history_model)
        self.history.heading.hide()
        self.history.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # newest first, paged
        self.history.search.setPlaceholderText(
            _("Name of a person, unit or household (accents and case are ignored)…"))
        self.tabs = QTabWidget()
        self.tabs.addTab(split, _("&Decisions"))
        self.tabs.addTab(self.history, _("Award &history"))
        self.totals = QLabel()
        self.issue_button = QPushButton(_("&Issue a decision…"))
        self.issue_button.clicked.connect(self._on_issue)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals, 1)
        bottom.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Decisions"))))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._on_find)
        self.decisions.table.selectionModel().currentRowChanged.connect(self._on_decision)
        self.decisions_model.modelReset.connect(self._select_first)
        self._stale = True  # filled when first shown: the window opens without waiting

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self.decisions_model.reload()
        if self.history_model.loaded:  # otherwise read when its tab is first shown
            self.history_model.reload()
        totals = self.service.totals()
        self.totals.setText(_("{decisions} decisions, {lines} awardees, {amount} in all.").format(
            decisions=format_number(totals.decisions), lines=format_number(totals.lines),
            amount=format_money(totals.amount)))

    def selected_decision(self) -> DecisionRow | None:
        row = self.decisions.table.currentIndex().row()
        obj = self.decisions_model.row_object(row)
        return obj if isinstance(obj, DecisionRow) else None

    def show_decision(self, decision_id: uuid.UUID) -> None:
        for row in range(self.decisions_model.rowCount()):
            obj = self.decisions_model.row_object(row)
            if obj is not None and obj.id == decision_id:
                self.tabs.setCurrentIndex(0)
                self.decisions.table.selectRow(row)
                return

    def _select_first(self) -> None:
        if self.decisions_model.rowCount():
            self.decisions.table.selectRow(0)
        else:
            self._on_decision(QModelIndex())

    def _on_decision(self, current: QModelIndex, _previous: Any = None) -> None:
        decision = current.data(ObjectRole) if current.isValid() else None
        self.lines_model.query = self.service.lines(decision.id if decision else None)
        self.lines_model.reload()
        if decision is None:
            self.summary.setText(_("Choose a decision to see its list."))
            return
        self.summary.setText(_(
            "<b>Decision {symbol}</b> of {date}, signed by {signer}: {lines} awardees, "
            "{amount} (base salary {base}).<br>{title}").format(
            symbol=escape(decision.symbol), date=format_date_short(decision.signed_on),
            signer=escape(decision.signer), lines=format_number(decision.lines),
            amount=format_money(decision.total_amount), base=format_money(decision.base_salary),
            title=escape(decision.title)))

    def _on_issue(self) -> None:
        dialog = IssueDecisionDialog(self.services, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.reload()
        self.show_decision(dialog.result_value)

    def _on_find(self) -> None:
        view = self.decisions if self.tabs.currentIndex() == 0 else self.history
        view.search.setFocus()
        view.search.selectAll()

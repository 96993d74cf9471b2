"""The main window: a navigation pane and one view per area of work."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.core.history import HistoryService
from desktop.core.labels import GENDERS, label
from desktop.core.lists import PeopleQuery
from desktop.core.service import Services
from desktop.core.text import format_date_short
from desktop.gui.council_view import CouncilView
from desktop.gui.daily_backup import DailyBackup
from desktop.gui.decisions_view import DecisionsView
from desktop.gui.documents_view import DocumentsView
from desktop.gui.exchange_view import ExchangeView
from desktop.gui.list_view import ListView
from desktop.gui.movements_view import MovementsView
from desktop.gui.office_view import OfficeView
from desktop.gui.restore_dialog import open_restore_dialog
from desktop.gui.rounds_view import RoundsView
from desktop.gui.scoring_view import ScoringView
from desktop.gui.sign_in import signed_in_label
from desktop.gui.statistics_view import StatisticsView
from desktop.gui.table_model import Column, LazyTableModel
from desktop.gui.undo_action import UndoAction
from desktop.gui.units_view import UnitsView
from desktop.i18n import N_, _


def _date(d: Any) -> str:
    return format_date_short(d) if d else ""


PEOPLE_COLUMNS = [
    Column(N_("Full name"), lambda r: r.full_name, 200),
    Column(N_("Sex"), lambda r: label(GENDERS, r.gender), 70),
    Column(N_("Date of birth"), lambda r: _date(r.birth_date), 95),
    Column(N_("Citizen ID"), lambda r: r.cccd or "", 115),
    Column(N_("Position"), lambda r: r.position, 220),
    Column(N_("Unit"), lambda r: r.unit_name, 300),
]



class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(_("{app} {version} — Emulation and commendation").format(
            app=APP_NAME, version=__version__))
        self.nav = QListWidget()
        self.nav.setMinimumWidth(190)
        self.nav.setMaximumWidth(260)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px; }")
        self.stack = QStackedWidget()
        self.people_model = LazyTableModel(PeopleQuery(services.db), PEOPLE_COLUMNS, self)
        self.views: list[tuple[str, QWidget]] = [
            (_("Office & settings"), OfficeView(services)),
            (_("Units"), UnitsView(services)),
            (_("People"), ListView(_("People"), self.people_model)),
            (_("Movements"), MovementsView(services)),
            (_("Scoring"), ScoringView(services)),
            (_("Rounds and nominations"), RoundsView(services)),
            (_("Council"), CouncilView(services)),
            (_("Decisions"), DecisionsView(services)),
            (_("Documents"), DocumentsView(services)),
            (_("Hand-up packages"), ExchangeView(services)),
            (_("Statistics"), StatisticsView(services)),
        ]
        for i, (title, view) in enumerate(self.views, start=1):
            self.nav.addItem(f"{i}. {title}")
            self.stack.addWidget(view)
            action = QAction(title, self)
            if i <= 9:  # Ctrl+1…Ctrl+9; the later views are reached from the list
                action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _checked=False, row=i - 1: self.nav.setCurrentRow(row))
            self.addAction(action)
        self.history = HistoryService(services)
        self.seen = [self.history.last_change()] * len(self.views)  # the data each view shows
        self.nav.currentRowChanged.connect(self._on_view)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([220, 880])  # the titles stay readable however wide a view asks to be
        self.setCentralWidget(splitter)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(_("&File"))
        restore_action = QAction(_("&Restore from a backup…"), self)
        restore_action.triggered.connect(lambda: open_restore_dialog(self))
        file_menu.addAction(restore_action)
        file_menu.addAction(quit_action)
        self.daily_backup = DailyBackup(self, services)
        self.undo_action = UndoAction(services, self.menuBar().addMenu(_("&Edit")), self)
        self.people_model.reload()
        self.nav.setCurrentRow(0)
        self.statusBar().showMessage(_("Ready"))
        if services.account is not None:
            self.statusBar().addPermanentWidget(signed_in_label(services.account))
        self.resize(1100, 700)

    def _on_view(self, row: int) -> None:
        """Leaving a view, it knows its own changes; arriving, it reloads if others changed data."""
        now = self.history.last_change()
        self.seen[self.stack.currentIndex()] = now
        view = self.views[row][1]
        if self.seen[row] != now and hasattr(view, "reload"):
            view.reload()
        self.seen[row] = now
        self.stack.setCurrentIndex(row)

    def show_view(self, row: int) -> None:
        self.nav.setCurrentRow(row)



"""Thống kê: counts and amounts of the award history by award, unit, year, sex; two charts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import SUBJECT_KINDS
from desktop.core.service import Services
from desktop.core.statistics import Filter, StatisticsService, StatRow
from desktop.core.text import format_money, format_number
from desktop.errors import UserError
from desktop.gui.bar_chart import BarChart
from desktop.gui.column_widths import fit_columns
from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from desktop.i18n import N_, _

GROUPINGS = [
    ("award", N_("By award")),
    ("unit", N_("By unit")),
    ("year", N_("By year")),
    ("sex", N_("By sex (individuals)")),
    ("subject_kind", N_("By kind of subject")),
]
FIRST_COLUMN = {"award": N_("Award"), "unit": N_("Unit"), "year": N_("Year"),
                "sex": N_("Sex"), "subject_kind": N_("Kind")}


def stat_columns(grouping: str, rows: list[StatRow]) -> list[Column]:
    """The first column is named after the grouping; the share is of all the rows shown."""
    total = sum(r.count for r in rows)

    def share(r: StatRow) -> str:
        percent = Decimal(100 * r.count) / total if total else Decimal(0)
        return "{} %".format(format_number(percent, 1))

    return [
        Column(FIRST_COLUMN[grouping], lambda r: r.label, 200, stretch=True),
        Column(N_("Awards"), lambda r: format_number(r.count), 65, align_right=True),
        Column(N_("Share"), share, 65, align_right=True),
        Column(N_("Amount"), lambda r: format_money(r.amount) if r.amount else "", 120,
               align_right=True),
    ]


class StatisticsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.service = StatisticsService(services)
        self.grouping = QComboBox()
        for key, text in GROUPINGS:
            self.grouping.addItem(_(text), key)
        self.year_from = QComboBox()
        self.year_to = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(_("Everyone"), None)
        for kind, text in SUBJECT_KINDS.items():
            self.kind.addItem(_(text), kind.value)
        self.model = ListTableModel(stat_columns("award", []), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        fit_columns(self.table, self.model.columns)
        self.chart = BarChart()
        self.years_chart = BarChart(vertical=True, limit=30)
        self.total = QLabel()
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.setShortcut(QKeySequence("Ctrl+E"))
        self.export_button.setToolTip("Ctrl+E")
        self.export_button.clicked.connect(self._on_export)

        filters = QHBoxLayout()
        for text, widget in ((_("&Group:"), self.grouping), (_("&From:"), self.year_from),
                             (_("&To:"), self.year_to), (_("&Subjects:"), self.kind)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.chart)
        charts.addWidget(self.years_chart)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([560, 480])  # the table's names before the charts' bars
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Statistics"))))
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        for combo in (self.grouping, self.year_from, self.year_to, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self._stale = True  # filled when first shown: the window opens without waiting

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        years = self.service.years()
        for combo, pick in ((self.year_from, 0), (self.year_to, -1)):
            combo.blockSignals(True)
            combo.clear()
            for year in years:
                combo.addItem(str(year), year)
            combo.setCurrentIndex(pick if pick >= 0 else combo.count() - 1)
            combo.blockSignals(False)
        self.refresh()

    def current_filter(self) -> Filter:
        return Filter(year_from=self.year_from.currentData(), year_to=self.year_to.currentData(),
                      subject_kind=self.kind.currentData())

    def refresh(self) -> None:
        flt = self.current_filter()
        if flt.year_from and flt.year_to and flt.year_from > flt.year_to:
            self.year_to.blockSignals(True)
            self.year_to.setCurrentIndex(self.year_from.currentIndex())
            self.year_to.blockSignals(False)
            flt = self.current_filter()
        grouping = self.grouping.currentData()
        rows = self.service.table(grouping, flt)
        self.model.set_rows(rows, stat_columns(grouping, rows))
        self.chart.set_bars([(r.label, r.count) for r in rows], _("Awards, {grouping}").format(
            grouping=self.grouping.currentText().lower()))
        by_year = rows if grouping == "year" else self.service.table("year", flt)
        self.years_chart.set_bars([(r.label, r.count) for r in by_year], _("Awards by year"))
        count = sum(r.count for r in rows)
        amount = sum(r.amount for r in rows)
        self.total.setText(_("In all: {count} awards, {amount} paid by decisions of this "
                             "program.").format(count=format_number(count),
                                                amount=format_money(amount)))

    def _on_export(self) -> None:
        from desktop.interop.statistics_xlsx import export_statistics  # openpyxl: load on use

        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to Excel"), str(Path.home() / "thong-ke.xlsx"),
            _("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            export_statistics(self.services, Path(path), self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, _("Export to Excel"), str(exc))
            return
        self.total.setText(_("Exported to {path}.").format(path=path))

"""Column widths of a table: chosen in pixels at 100 % scaling, grown with the text.

With Windows display scaling Qt scales pixels and text alike, so the widths need nothing more; a
larger text (a bigger font, or a screen whose logical DPI is above 96) would otherwise be cut,
so widths grow with the height of a line of text. The room a wider window gives goes to the
columns marked `stretch` (names, awards, subject lines), never below their own width, rather
than to a column of numbers; a narrow window scrolls instead of cutting the headings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from desktop.gui.table_model import Column

REFERENCE_LINE_HEIGHT = 15  # pixels: the shipped font at 10 pt on a 96-dpi screen


def text_scale(widget: QWidget) -> float:
    return max(1.0, widget.fontMetrics().height() / REFERENCE_LINE_HEIGHT)


class _Stretcher(QObject):
    """Gives the spare width of the table's viewport to the stretching columns."""

    def __init__(self, table: QTableView, widths: list[int], stretch: list[bool]) -> None:
        super().__init__(table)
        self.table, self.widths, self.stretch = table, widths, stretch
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        spare = self.table.viewport().width() - sum(self.widths)
        growing = sum(w for w, s in zip(self.widths, self.stretch, strict=True) if s)
        for i, (width, stretch) in enumerate(zip(self.widths, self.stretch, strict=True)):
            extra = spare * width // growing if stretch and spare > 0 else 0
            self.table.setColumnWidth(i, width + extra)


def fit_columns(table: QTableView, columns: Sequence[Column]) -> None:
    header = table.horizontalHeader()
    scale = text_scale(table)
    widths = [round(c.width * scale) for c in columns]
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, width in enumerate(widths):
        table.setColumnWidth(i, width)
    if any(c.stretch for c in columns):
        header.setStretchLastSection(False)
        _Stretcher(table, widths, [c.stretch for c in columns]).fit()
    else:
        header.setStretchLastSection(True)

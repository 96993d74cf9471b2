"""A plain bar chart drawn with QPainter (QtCharts is in PySide6-Addons, which we do not ship)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.text import format_number

BAR = QColor("#2f6fb0")
GRID = QColor("#d0d0d0")


class BarChart(QWidget):
    """Horizontal bars (one per label) or vertical bars (`vertical=True`, for years)."""

    def __init__(self, title: str = "", *, vertical: bool = False, limit: int = 12,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.title = title
        self.vertical = vertical
        self.limit = limit
        self.bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 180)

    def set_bars(self, bars: list[tuple[str, int]], title: str | None = None) -> None:
        """The bars to draw, largest first; only the first `limit` fit (the table has them all)."""
        self.bars = bars[:self.limit]
        if title is not None:
            self.title = title
        self.setAccessibleDescription("; ".join(f"{k}: {v}" for k, v in self.bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        if self.title:
            bold = painter.font()
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             self.title)
            painter.setFont(self.font())
            area.adjust(0, line + 6, 0, 0)
        if not self.bars:
            painter.end()
            return
        top = max(v for _k, v in self.bars) or 1
        if self.vertical:
            self._vertical(painter, area, metrics, top)
        else:
            self._horizontal(painter, area, metrics, top)
        painter.end()

    def _horizontal(self, painter: QPainter, area: QRectF, metrics: QFontMetrics,
                    top: int) -> None:
        label_width = min(area.width() * 0.45,
                          max(metrics.horizontalAdvance(k) for k, _v in self.bars) + 8)
        value_width = metrics.horizontalAdvance(format_number(top)) + 10
        row = min(area.height() / len(self.bars), metrics.height() * 2.0)
        span = area.width() - label_width - value_width
        for i, (key, value) in enumerate(self.bars):
            y = area.top() + i * row
            text = metrics.elidedText(key, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(area.left(), y, label_width - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            width = span * value / top
            bar = QRectF(area.left() + label_width, y + row * 0.15, max(width, 1), row * 0.7)
            painter.fillRect(bar, BAR)
            painter.drawText(QRectF(bar.right() + 4, y, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             format_number(value))

    def _vertical(self, painter: QPainter, area: QRectF, metrics: QFontMetrics,
                  top: int) -> None:
        line = metrics.height()
        plot = area.adjusted(0, line + 2, 0, -(line + 4))
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        column = plot.width() / len(self.bars)
        for i, (key, value) in enumerate(self.bars):
            x = plot.left() + i * column
            height = plot.height() * value / top
            bar = QRectF(x + column * 0.2, plot.bottom() - height, column * 0.6, height)
            painter.fillRect(bar, BAR)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x, bar.top() - line - 2, column, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             format_number(value))
            painter.drawText(QRectF(x, plot.bottom() + 2, column, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, key)

"""Column widths of a table: chosen in pixels at 100 % scaling, grown with the text.

With Windows display scaling Qt scales pixels and text alike, so the widths need nothing more; a
larger text (a bigger font, or a screen whose logical DPI is above 96) would otherwise be cut,
so widths grow with the height of a line of text. The room a wider window gives goes to the
columns marked `stretch` (names, awards, subject lines), not to a column of numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from desktop.gui.table_model import Column

REFERENCE_LINE_HEIGHT = 15  # pixels: the shipped font at 10 pt on a 96-dpi screen


def text_scale(widget: QWidget) -> float:
    return max(1.0, widget.fontMetrics().height() / REFERENCE_LINE_HEIGHT)


def fit_columns(table: QTableView, columns: Sequence[Column]) -> None:
    header = table.horizontalHeader()
    scale = text_scale(table)
    header.setStretchLastSection(not any(c.stretch for c in columns))
    for i, column in enumerate(columns):
        table.setColumnWidth(i, round(column.width * scale))
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if column.stretch
                                    else QHeaderView.ResizeMode.Interactive)

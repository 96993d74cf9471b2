"""Run as a program: the main window at a scale factor, each view (and each tab) checked for text
that does not fit. Prints one line per cut text; nothing when every text fits.

    QT_SCALE_FACTOR=1.5 python -m tests.gui.scaled_window DATABASE WIDTH HEIGHT

Qt reads the scale factor when the application starts, hence a program of its own.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QTabWidget,
    QWidget,
)

SLACK = 1  # pixels of rounding


def cut_texts(root: QWidget, where: str) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                short = widget.heightForWidth(widget.width()) - widget.height()
            else:
                short = widget.sizeHint().width() - widget.width()
            if short > SLACK:
                found.append(f"{where}: label «{widget.text()[:60]}» short by {short} px")
        elif isinstance(widget, QAbstractButton) and widget.text():
            short = widget.sizeHint().width() - widget.width()
            if short > SLACK:
                found.append(f"{where}: button «{widget.text()}» short by {short} px")
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            for i in range(widget.count()):
                if widget.isSectionHidden(i):
                    continue
                title = model.headerData(i, Qt.Orientation.Horizontal)
                need = widget.sectionSizeHint(i)
                if widget.isSortIndicatorShown() and i != widget.sortIndicatorSection():
                    # the hint keeps room for the sort arrow, drawn on the sorted column only
                    need -= widget.sizeHint().height() + widget.style().pixelMetric(
                        QStyle.PixelMetric.PM_HeaderMargin)
                short = need - widget.sectionSize(i)
                if title and short > SLACK:
                    found.append(f"{where}: column «{title}» short by {short} px")
    return found


def _settle(app: QApplication, view: QWidget) -> None:
    """Events handled, and the documents view's preview rendered off-thread, finished."""
    deadline = time.monotonic() + 30
    busy = getattr(view, "busy", None)
    while True:
        app.processEvents()
        if not (busy and busy()) or time.monotonic() > deadline:
            break
        time.sleep(0.02)


def main(database: str, width: int, height: int) -> int:
    from desktop.core.service import Services
    from desktop.gui.app import application
    from desktop.gui.main_window import MainWindow
    from desktop.i18n import setup_i18n
    from desktop.store.database import open_database

    setup_i18n("vi")
    app = application()
    db = open_database(database)
    window = MainWindow(Services(db))
    window.resize(width, height)
    window.show()
    found: list[str] = []
    for row, (title, view) in enumerate(window.views):
        window.show_view(row)
        _settle(app, view)
        found += cut_texts(window, title)
        for tabs in view.findChildren(QTabWidget):
            for i in range(1, tabs.count()):
                tabs.setCurrentIndex(i)
                _settle(app, view)
                found += cut_texts(window, f"{title} / {tabs.tabText(i)}")
            tabs.setCurrentIndex(0)
    for line in found:
        print(line)
    window.close()
    db.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))

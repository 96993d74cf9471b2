"""The first main window over the demo database (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.main_window import MainWindow
from desktop.store.database import Database


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    application()
    window = MainWindow(Services(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_people_list_shows_demo_people_and_filters_without_accents(
    qtbot: QtBot, demo_db: Database, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, demo_db)
    model = window.people_model
    qtmodeltester.check(model)
    assert model.rowCount() == 300
    assert model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) \
        == "Họ và tên"
    model.set_filter("nguyen")
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names and all("Nguyễn" in n or "nguyễn" in n.lower() or "Nguyên" in n for n in names)


def test_people_sorted_by_given_name_in_vietnamese_order(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.core.text import person_sort_key

    model = _window(qtbot, demo_db).people_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=person_sort_key)


def test_units_list_and_navigation(qtbot: QtBot, demo_db: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    tree = window.views[1][1].model  # «Đơn vị»: the unit tree
    qtmodeltester.check(tree)
    names, todo = [], [QModelIndex()]
    while todo:
        parent = todo.pop()
        for row in range(tree.rowCount(parent)):
            child = tree.index(row, 0, parent)
            names.append(child.data())
            todo.append(child)
    assert "Ủy ban nhân dân xã Nhân Cơ" in names
    window.show_view(2)
    assert window.stack.currentIndex() == 2
    assert window.nav.width() >= 190  # the navigation titles are not squeezed


def test_screenshot_renders(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    window = _window(qtbot, demo_db)
    window.show_view(2)
    image = window.grab()
    assert image.width() > 800 and image.save(str(tmp_path / "people.png"))

"""The main window over the demo data on a PostgreSQL server: every view opens and shows it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.core.text import person_sort_key
from desktop.gui.app import application
from desktop.gui.main_window import MainWindow
from desktop.store.database import open_database


def test_every_view_opens_on_the_server(qtbot: QtBot, pg_demo_url: str) -> None:
    application()
    with open_database(pg_demo_url) as db:
        window = MainWindow(Services(db, actor="chuyên viên"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        for row in range(len(window.views)):
            window.nav.setCurrentRow(row)
            qtbot.wait(10)
            assert window.views[row][1].isVisible()
        model = window.people_model
        assert model.rowCount() == 300
        names = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert names == sorted(names, key=person_sort_key)
        model.set_filter("nguyen")
        found = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert found and all("nguy" in n.lower() for n in found)
        window.close()

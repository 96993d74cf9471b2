"""The people list on a filter matching many: counted up to a cap, to the end when scrolled to."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.lists import PeopleQuery
from desktop.gui.app import application
from desktop.gui.list_view import ListView
from desktop.gui.main_window import PEOPLE_COLUMNS
from desktop.gui.table_model import LazyTableModel
from desktop.store.database import Database


def test_a_common_filter_is_counted_in_full_only_when_scrolled_to_the_end(
    qtbot: QtBot, demo_db: Database, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    application()
    query = PeopleQuery(demo_db)
    matching = query.count("n")
    assert matching > 250  # the demo's 300 people: nearly every name has an n
    view = ListView("Cá nhân", LazyTableModel(query, PEOPLE_COLUMNS, count_cap=250))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.search.setText("n")
    qtbot.keyClick(view.search, "\r")
    assert view.model.rowCount() == 250
    assert view.count.text().startswith("Hơn 250 dòng")
    qtmodeltester.check(view.model)

    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == matching)
    assert view.count.text() == f"{matching} dòng"
    last = view.model.index(matching - 1, 0).data()
    assert last and "n" in last.lower()

    view.search.setText("nguyen van")  # a short list is counted at once, accents ignored
    qtbot.keyClick(view.search, "\r")
    names = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert names and all(n.startswith("Nguyễn Văn") for n in names)
    assert view.count.text() == f"{len(names)} dòng"

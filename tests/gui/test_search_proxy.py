"""The in-memory list proxy: accent- and case-free search, Vietnamese order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from pytestqt.qtbot import QtBot

from desktop.gui.app import application
from desktop.gui.search_proxy import SearchSortProxy

NAMES = ["Đào", "Dương", "Zô", "Ánh", "An", "Ân", "Ăn", "Bình", "đức", "Tổ 10", "Tổ 9"]


def _proxy() -> SearchSortProxy:
    application()
    proxy = SearchSortProxy()
    source = QStandardItemModel(proxy)  # owned by the proxy the test holds
    for name in NAMES:
        source.appendRow(QStandardItem(name))
    proxy.setSourceModel(source)
    return proxy


def _shown(proxy: SearchSortProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_sorting_follows_the_vietnamese_alphabet(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    proxy = _proxy()
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy) == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dương", "Đào", "đức",
                             "Tổ 9", "Tổ 10", "Zô"]
    qtmodeltester.check(proxy)


def test_search_ignores_accents_and_case(qtbot: QtBot) -> None:
    proxy = _proxy()
    proxy.set_search("DUC")
    assert _shown(proxy) == ["đức"]
    proxy.set_search("an")
    assert sorted(_shown(proxy)) == sorted(["Ánh", "An", "Ân", "Ăn"])
    proxy.set_search("")
    assert len(_shown(proxy)) == len(NAMES)

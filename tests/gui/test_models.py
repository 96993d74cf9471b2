"""QAbstractItemModelTester over every model of the window and every model class in desktop/gui."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

import desktop.gui
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.main_window import MainWindow
from desktop.gui.search_proxy import SearchSortProxy
from desktop.store.database import Database


def _proxy_over_names() -> QAbstractItemModel:
    proxy = SearchSortProxy()
    source = QStandardItemModel(proxy)
    for name in ("Đào", "An", "Ăn", "Bình"):
        source.appendRow([QStandardItem(name), QStandardItem(name.lower())])
    proxy.setSourceModel(source)
    proxy.sort(0)
    _kept.append(proxy)
    return proxy


_kept: list[QAbstractItemModel] = []
# Models meant for views to come, built here on sample data.
STANDALONE = {SearchSortProxy: _proxy_over_names}


def _model_classes() -> set[type]:
    found = set()
    for info in pkgutil.walk_packages(desktop.gui.__path__, "desktop.gui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (issubclass(cls, QAbstractItemModel) and cls.__module__ == module.__name__):
                found.add(cls)
    return found


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, demo_db: Database, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    application()
    window = MainWindow(Services(demo_db, actor="kiểm thử"))
    qtbot.addWidget(window)
    window.show()
    models: dict[int, QAbstractItemModel] = {}
    for row in range(window.stack.count()):
        window.show_view(row)
        for view in window.stack.widget(row).findChildren(QAbstractItemView):
            model = view.model()
            while model is not None:
                models[id(model)] = model
                model = model.sourceModel() if isinstance(model, QSortFilterProxyModel) \
                    else None
    for model in window.findChildren(QAbstractItemModel):
        models[id(model)] = model
    checked = set()
    for model in models.values():
        qtmodeltester.check(model)
        checked.add(type(model))
    for cls, make in STANDALONE.items():
        qtmodeltester.check(make())
        checked.add(cls)
    unreached = sorted(f"{c.__module__}.{c.__name__}" for c in _model_classes() - checked)
    assert unreached == [], "no view of the main window shows these models: register the view"
    assert len(models) >= 3

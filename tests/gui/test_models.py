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
from desktop.core.accounts import AccountRow
from desktop.core.conflicts import EditConflictError, RecordState
from desktop.core.roles import Role
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.conflict_dialog import VersionsModel
from desktop.gui.main_window import MainWindow
from desktop.gui.search_proxy import SearchSortProxy
from desktop.gui.users_page import UsersModel
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


def _versions_of_a_person() -> QAbstractItemModel:
    theirs = RecordState(3, {"Họ và tên": "Nguyễn Văn An", "Chức vụ": "Trưởng thôn"}, "chị Hoa")
    mine = RecordState(2, {"Họ và tên": "Nguyễn Văn An", "Chức vụ": "Phó trưởng thôn"})
    model = VersionsModel(EditConflictError("Nguyễn Văn An", theirs, mine))
    _kept.append(model)
    return model


def _accounts() -> QAbstractItemModel:
    model = UsersModel()
    model.set_rows([AccountRow("an.nv", "Nguyễn Văn An", Role.QUAN_TRI, True),
                    AccountRow("hoa.tt", "Trần Thị Hoa", Role.CHUYEN_VIEN, False)])
    _kept.append(model)
    return model


_kept: list[QAbstractItemModel] = []
# Models of dialogs (not reachable from a view without a user's action), built on sample data.
STANDALONE = {SearchSortProxy: _proxy_over_names, VersionsModel: _versions_of_a_person,
              UsersModel: _accounts}


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

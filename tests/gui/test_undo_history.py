"""Edit ▸ Undo in the window, and the history of a record from the people list."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTreeWidget
from pytestqt.qtbot import QtBot

from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.history_dialog import HistoryDialog
from desktop.gui.list_view import ListView
from desktop.gui.main_window import MainWindow


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    application()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_undo_takes_back_the_last_addition_and_the_list_follows(
    qtbot: QtBot, services: Services
) -> None:
    window = _window(qtbot, services)
    action = window.undo_action
    assert not action.isEnabled() and action.text() == "&Hoàn tác"
    services.people.create(PersonInput(full_name="Nguyễn Văn Tạm", gender="nam"))
    window.people_model.reload()
    assert window.people_model.rowCount() == 1
    action.refresh()
    assert action.isEnabled() and action.text() == "&Hoàn tác thêm “Nguyễn Văn Tạm”"
    action.trigger()
    assert window.people_model.rowCount() == 0
    assert window.statusBar().currentMessage() == "Đã hoàn tác: thêm “Nguyễn Văn Tạm”"
    assert not action.isEnabled()


def test_the_history_dialog_lists_each_change_with_before_and_after(
    qtbot: QtBot, services: Services
) -> None:
    application()
    person = services.people.create(PersonInput(full_name="Trần Văn Cũ", gender="nam"))
    services.people.update(person.id, PersonInput(full_name="Trần Văn Mới", gender="nam",
                                                  cccd="001088000123"))
    dialog = HistoryDialog(services, "person", person.id, "Trần Văn Mới")
    qtbot.addWidget(dialog)
    tree = dialog.tree
    assert dialog.windowTitle() == "Lịch sử thay đổi của “Trần Văn Mới”"
    assert tree.topLevelItemCount() == 2
    edited = tree.topLevelItem(0)
    assert edited.text(1) == "kiểm thử" and edited.text(2) == "Sửa — Trần Văn Mới"
    changes = {edited.child(i).text(2): (edited.child(i).text(3), edited.child(i).text(4))
               for i in range(edited.childCount())}
    assert changes["Họ và tên"] == ("Trần Văn Cũ", "Trần Văn Mới")
    assert changes["Số CCCD"] == ("", "001088000123")
    assert "search_key" not in changes and "updated_at" not in changes
    assert tree.topLevelItem(1).text(2) == "Thêm mới — Trần Văn Cũ"


def test_ctrl_h_in_the_people_list_opens_the_history(qtbot: QtBot, services: Services) -> None:
    window = _window(qtbot, services)
    services.people.create(PersonInput(full_name="Lê Thị Lịch Sử", gender="nu"))
    window.people_model.reload()
    window.show_view(2)
    view = window.stack.currentWidget()
    assert isinstance(view, ListView)
    view.table.selectRow(0)
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        tree = dialog.findChild(QTreeWidget)
        seen.append(dialog.windowTitle())
        seen.append(tree.topLevelItem(0).text(2) if tree is not None else "")
        dialog.close()

    QTimer.singleShot(20, look)
    view.history.trigger()
    assert seen == ["Lịch sử thay đổi của “Lê Thị Lịch Sử”", "Thêm mới — Lê Thị Lịch Sử"]

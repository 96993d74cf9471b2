"""Backups in the window: the daily one in the status bar, the second folder setting, and the
restore dialog (File menu and «Office & settings») over real backup files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import paths
from desktop.core.backups import second_folder
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.main_window import MainWindow
from desktop.gui.office_view import OfficeView
from desktop.gui.restore_dialog import RestoreDialog
from desktop.store.database import open_database
from tests.gui.dialogs import when_dialog_opens
from tests.reliability.backup_checks import counts, intact


@pytest.fixture
def window(qtbot: QtBot, demo_db_path: Path) -> Iterator[MainWindow]:
    application()
    with open_database(demo_db_path) as db:
        main = MainWindow(Services(db, actor="cán bộ"))
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        yield main
        main.daily_backup.wait()


def _finish(qtbot: QtBot, task: object) -> None:
    qtbot.waitUntil(lambda: not task.is_running(), timeout=20_000)  # type: ignore[attr-defined]


def test_the_daily_backup_is_told_in_the_status_bar_without_a_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    office = window.views[0][1]
    assert isinstance(office, OfficeView)
    stick = tmp_path / "usb"
    stick.mkdir()
    office.second_folder.set_folder(stick)  # pulled out below
    assert office.second_folder.path.text() == str(stick)
    window.daily_backup.check()
    _finish(qtbot, window.daily_backup.task)
    made = list(paths.backup_dir().glob("demo-tu-dong-*.sqlite3"))
    assert len(made) == 1 and intact(made[0]) and (stick / made[0].name).exists()
    assert window.statusBar().currentMessage() == \
        f"Đã sao lưu tự động và kiểm tra: {made[0].name}"
    window.daily_backup.check()  # the same day, nothing changed: nothing more
    _finish(qtbot, window.daily_backup.task)
    assert list(paths.backup_dir().glob("demo-tu-dong-*.sqlite3")) == made

    stick.rename(tmp_path / "da-rut")
    made[0].unlink()  # as if made yesterday: due again
    window.daily_backup.check()
    _finish(qtbot, window.daily_backup.task)
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage().startswith(
        "Không tới được thư mục sao lưu thứ hai")
    assert len(list(paths.backup_dir().glob("demo-tu-dong-*.sqlite3"))) == 1
    office.refresh()
    assert "hiện không tới được" in office.second_folder.path.text()


def test_a_folder_that_does_not_exist_is_refused_in_one_sentence(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    office = window.views[0][1]
    assert isinstance(office, OfficeView)
    said: list[str] = []
    when_dialog_opens(lambda box: said.append(box.text()), press_ok=False)
    office.second_folder.set_folder(tmp_path / "khong-co")
    assert said == [f"Thư mục {tmp_path / 'khong-co'} không tồn tại; hãy cắm USB vào hoặc chọn "
                    "thư mục khác."]
    assert second_folder() is None
    assert office.second_folder.path.text() == \
        "Chưa chọn: bản sao lưu chỉ được giữ trên máy này."


def test_restore_from_the_file_menu_puts_back_the_chosen_backup(
    qtbot: QtBot, window: MainWindow,
) -> None:
    services = window.services
    live = services.db.path
    assert live is not None
    saved = services.backups.backup_now()
    services.people.create(PersonInput("Người thêm sau khi sao lưu", "nam"))
    window.people_model.reload()
    before = counts(live)
    assert window.people_model.rowCount() == before["person"]

    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "&Khôi phục từ bản sao lưu…")
    action.trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rows[0].counts is not None, timeout=10_000)
    model = dialog.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] \
        == ["Thời điểm sao lưu", "Loại", "Nơi lưu", "Dung lượng", "Đơn vị", "Cá nhân",
            "Phong trào", "Đề nghị", "Quyết định"]
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[1:3] == ["thủ công", "máy này"]
    assert row[5] == str(before["person"] - 1) and row[7] == str(before["nomination"])
    assert dialog.table.hasFocus() and dialog.selected() is not None
    assert dialog.selected().file.path == saved  # type: ignore[union-attr]

    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_dialog_opens(confirm, press_ok=False)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter: the default button, «Khôi phục…»
    assert asked and asked[0].startswith("Khôi phục bản sao lưu lúc ")
    assert dialog.task is not None
    _finish(qtbot, dialog.task)
    assert not dialog.isVisible()
    assert counts(live)["person"] == before["person"] - 1
    assert window.people_model.rowCount() == before["person"] - 1
    safety = list(paths.backup_dir().glob("demo-truoc-khoi-phuc-*.sqlite3"))
    assert len(safety) == 1 and intact(safety[0]) and counts(safety[0]) == before
    assert window.statusBar().currentMessage() == (
        f"Đã khôi phục bản sao lưu; dữ liệu trước đó được giữ trong {safety[0].name}.")
    con = sqlite3.connect(live)
    assert con.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "backup.restore",)
    con.close()


def test_the_office_view_opens_the_dialog_and_no_confirmation_changes_nothing(
    qtbot: QtBot, window: MainWindow,
) -> None:
    services = window.services
    services.backups.backup_now()
    live = services.db.path
    assert live is not None
    before = live.read_bytes()
    office = window.views[0][1]
    assert isinstance(office, OfficeView)
    qtbot.mouseClick(office.restore_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.No).click(),
                      press_ok=False)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.task is None
    assert live.read_bytes() == before
    dialog.reject()

"""Signing in and the accounts page, driven as the officers would."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core import accounts
from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.sign_in import sign_in_if_needed, signed_in_label
from desktop.gui.users_page import UsersPage
from desktop.store.database import Database, open_database
from tests.gui.dialogs import when_dialog_opens

PASSWORD = "Mật khẩu 2025!"


def test_a_database_without_accounts_opens_without_signing_in(services: Services) -> None:
    assert sign_in_if_needed(services.db)


def test_once_accounts_exist_the_officer_signs_in(qtbot: QtBot, services: Services,
                                                  db: Database) -> None:
    application()
    services.accounts.add("admin", "Phạm Quản Trị", "quan_tri", PASSWORD)
    services.accounts.add("an.nv", "Nguyễn Văn An", "chuyen_vien", PASSWORD)
    other = open_database(db.url)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        dialog.login.setText("an.nv")
        dialog.password.setText("sai rồi")
        dialog.accept()  # stays open, says why
        seen["problem"] = dialog.problem.text()
        seen["open"] = dialog.isVisible()
        dialog.password.setText(PASSWORD)

    try:
        when_dialog_opens(fill)
        assert sign_in_if_needed(other)
        assert seen["open"] and "mật khẩu" in seen["problem"]
        assert Services(other).actor == "Nguyễn Văn An (an.nv)"
        assert signed_in_label(other.account).text() == (
            "Đăng nhập: Nguyễn Văn An (an.nv) — Chuyên viên")
    finally:
        other.close()


def test_a_server_without_accounts_asks_for_the_first_administrator(
        qtbot: QtBot, pg_url: str) -> None:
    application()
    database = open_database(pg_url)
    try:
        def fill(dialog: Any) -> None:
            assert dialog.windowTitle() == "Tạo tài khoản đầu tiên"
            dialog.login.setText("quantri")
            dialog.full_name.setText("Phạm Quản Trị")
            dialog.password.setText(PASSWORD)
            dialog.repeat.setText(PASSWORD)

        when_dialog_opens(fill)
        assert sign_in_if_needed(database)
        assert database.account is not None and database.account.login == "quantri"
        assert accounts.required(database)
    finally:
        database.close()


def test_the_administrator_adds_and_disables_accounts(qtbot: QtBot, services: Services,
                                                      tmp_path: Any) -> None:
    application()
    page = UsersPage(services)
    qtbot.addWidget(page)
    page.resize(760, 360)
    page.show()
    assert page.model.rowCount() == 0

    def fill(dialog: Any, login: str, name: str, role: str) -> None:
        dialog.login.setText(login)
        dialog.full_name.setText(name)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)

    for login, name, role in (("admin", "Phạm Quản Trị", "quan_tri"),
                              ("hoa.lv", "Lê Văn Hòa", "lanh_dao")):
        when_dialog_opens(lambda d, a=(login, name, role): fill(d, *a))
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    texts = [[page.model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert texts == [["admin", "Phạm Quản Trị", "Quản trị", "có"],
                     ["hoa.lv", "Lê Văn Hòa", "Lãnh đạo", "có"]]
    page.table.selectRow(1)
    page.grab().save(str(tmp_path / "tai-khoan.png"))
    from PySide6.QtWidgets import QMessageBox

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    assert page.model.index(1, 3).data() == "không, đã khóa"
    assert not page.disable_button.isEnabled() or page.selected() is None

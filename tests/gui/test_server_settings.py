"""«Shared data server (PostgreSQL)» in «Office & settings», against a real server."""

from __future__ import annotations

import argparse

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.cli import _db_target
from desktop.core.settings import load_settings
from desktop.gui.server_settings import ServerRow, split_url
from tests.postgres import PASSWORD, Server


def _row(qtbot: QtBot) -> ServerRow:
    row = ServerRow()
    qtbot.addWidget(row)
    row.show()
    return row


def _test(qtbot: QtBot, row: ServerRow) -> str:
    before = row.status.text()
    qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row.status.text() != before and row.test_button.isEnabled(),
                    timeout=20_000)
    return row.status.text()


def test_test_save_and_apply_at_next_start(qtbot: QtBot, pg_url: str,
                                           pg_server: Server) -> None:
    row = _row(qtbot)
    assert "tệp trên máy này" in row.status.text()
    assert row.password.echoMode() == QLineEdit.EchoMode.Password
    address, password = split_url(pg_url)
    assert PASSWORD not in address and password == PASSWORD
    row.address.setText(address)
    row.password.setText("sai-mat-khau")
    assert "mật khẩu" in _test(qtbot, row)
    row.password.setText(password)
    assert "sẵn sàng" in _test(qtbot, row)
    empty = pg_server.create()
    row.address.setText(address.rsplit("/", 1)[0] + "/" + empty)
    assert "trống" in _test(qtbot, row)
    row.address.setText(address)

    qtbot.mouseClick(row.save_button, Qt.MouseButton.LeftButton)
    saved = load_settings().server_url
    assert saved.endswith(pg_url.split("@", 1)[1]) and PASSWORD in saved
    assert PASSWORD not in row.status.text() and "***" in row.status.text()
    assert _db_target(argparse.Namespace(db=None)) == saved  # the next start uses the server

    again = _row(qtbot)  # the next time the view opens
    assert again.address.text() == address and again.password.text() == PASSWORD
    qtbot.mouseClick(again.local_button, Qt.MouseButton.LeftButton)
    assert load_settings().server_url == ""
    assert _db_target(argparse.Namespace(db=None)).endswith(".sqlite3")
    pg_server.drop(empty)


def test_an_address_that_is_not_postgresql_is_refused_in_one_sentence(
        qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr("desktop.gui.server_settings.show_user_error",
                        lambda _parent, _title, message: shown.append(message))
    row = _row(qtbot)
    row.address.setText("mysql://tdkt@may-chu/tdkt")
    qtbot.mouseClick(row.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "PostgreSQL" in shown[0] and shown[0].endswith(".")
    assert load_settings().server_url == ""

"""«Shared data server (PostgreSQL)» in «Office & settings»: a province office's shared database.

The address and the password are typed apart; the password is never shown in clear (the saved
address keeps it, in this user's own settings file). «Test the connection» tries the server off
the GUI thread and says in one sentence what the next start will find; the setting is applied at
the next start, as the language is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.engine import make_url

from desktop.core.settings import load_settings, save_settings
from desktop.errors import UserError
from desktop.gui.tasks import run_task, show_user_error
from desktop.i18n import _
from desktop.store.server import check_connection, parse_url, shown

EXAMPLE = "postgresql://tdkt@192.168.1.10:5432/tdkt"


def split_url(url: str) -> tuple[str, str]:
    """The address without its password, and the password."""
    if not url:
        return "", ""
    parsed = make_url(url)
    password = parsed.password or ""
    address = parsed._replace(password=None).render_as_string(hide_password=False)
    return address.replace("postgresql+psycopg://", "postgresql://", 1), str(password)


def join_url(address: str, password: str) -> str:
    """The full URL to save; a UserError if the address is not a PostgreSQL database's."""
    url = parse_url(address.strip())
    if password:
        url = url.set(password=password)
    return url.render_as_string(hide_password=False)


class ServerRow(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        address, password = split_url(load_settings().server_url)
        self.address = QLineEdit(address)
        self.address.setPlaceholderText(EXAMPLE)
        self.password = QLineEdit(password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("password"))
        self.test_button = QPushButton(_("&Test the connection"))
        self.test_button.clicked.connect(self._on_test)
        self.save_button = QPushButton(_("Use this ser&ver"))
        self.save_button.clicked.connect(self._on_save)
        self.local_button = QPushButton(_("Use the &file on this computer"))
        self.local_button.clicked.connect(self._on_local)
        self.status = QLabel()
        self.status.setWordWrap(True)
        fields = QHBoxLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.address, 3)
        fields.addWidget(self.password, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.test_button, self.save_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._show_saved()

    def _show_saved(self) -> None:
        saved = load_settings().server_url
        self.local_button.setEnabled(bool(saved))
        self.status.setText(
            _("In use from the next start: {url}.").format(url=shown(saved)) if saved
            else _("None: the data is the file on this computer."))

    def _url(self) -> str | None:
        try:
            return join_url(self.address.text(), self.password.text())
        except UserError as exc:
            show_user_error(self, _("Shared data server"), str(exc))
            return None

    def _on_test(self) -> None:
        url = self._url()
        if url is None:
            return
        self.test_button.setEnabled(False)
        task = run_task(self, _("Testing the connection"), lambda _progress: check_connection(url),
                        on_success=self.status.setText, on_user_error=self.status.setText,
                        cancellable=False)
        task.ended.connect(lambda _outcome: self.test_button.setEnabled(True))

    def _on_save(self) -> None:
        url = self._url()
        if url is None:
            return
        try:
            save_settings(replace(load_settings(), server_url=url))
        except UserError as exc:
            show_user_error(self, _("Shared data server"), str(exc))
        self._show_saved()

    def _on_local(self) -> None:
        try:
            save_settings(replace(load_settings(), server_url=""))
        except UserError as exc:
            show_user_error(self, _("Shared data server"), str(exc))
        self._show_saved()

"""Signing in to a database shared by several officers, before the main window opens.

A database without accounts (one PC, one file) opens as before. A server database without any
account yet asks for the first administrator, who then adds the other officers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.core import accounts
from desktop.core.roles import ROLE_LABELS, Account, Role
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.database import Database


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignInDialog(QDialog):
    """Login and password; with `first`, also the name and a second typing of the password."""

    def __init__(self, db: Database, parent: Any = None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.db, self.first = db, first
        self.setWindowTitle(_("Create the first account") if first else _("Sign in"))
        self.setMinimumWidth(460)
        intro = QLabel(_(
            "The shared database has no accounts yet. Create the administrator's account; the "
            "administrator then adds an account for each officer.") if first else _(
            "Several officers share this database. Sign in with your account."))
        intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setPlaceholderText(_("for example an.nv"))
        self.full_name = QLineEdit()
        self.password = password_field()
        self.repeat = password_field()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(_("&Login:"), self.login)
        if first:
            form.addRow(_("Full &name:"), self.full_name)
        form.addRow(_("&Password:"), self.password)
        if first:
            form.addRow(_("&Repeat the password:"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Create and sign in") if first else _("Sign in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            if self.first:
                from desktop.core.service import Services

                if self.password.text() != self.repeat.text():
                    raise UserError(_("The two passwords differ; type the same one twice."))
                Services(self.db).accounts.add(self.login.text(), self.full_name.text(),
                                               Role.QUAN_TRI.value, self.password.text())
            accounts.sign_in(self.db, self.login.text(), self.password.text())
        except UserError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.adjustSize()  # room for the sentence
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return
        super().accept()


def sign_in_if_needed(db: Database, parent: Any = None, *, interactive: bool = True) -> bool:
    """Whether the program may open `db`: it has no accounts, the command line signed in, or
    the officer signs in now (on a server without accounts: creates the first one)."""
    try:
        if accounts.current(db) is not None or db.path is not None or not interactive:
            return True  # signed in, or without accounts: the local officer
        first = True  # a server without accounts
    except UserError:
        if not interactive:
            raise
        first = False
    return SignInDialog(db, parent, first=first).exec() == QDialog.DialogCode.Accepted


def signed_in_label(account: Account) -> QLabel:
    """For the status bar: who is signed in, and as what."""
    return QLabel(_("Signed in: {name} — {role}").format(name=account.label,
                                                         role=_(ROLE_LABELS[account.role])))

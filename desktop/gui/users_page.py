"""The accounts of the officers sharing this database, for the administrator (quản trị):
add an account, change a password, disable an account. The services check the role."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.accounts import AccountRow
from desktop.core.roles import ROLE_LABELS, Permission, Role
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.gui.form_dialog import FormDialog, fill_combo
from desktop.gui.sign_in import password_field
from desktop.gui.table_model import Column, ColumnsMixin, Index
from desktop.i18n import N_, _

COLUMNS = [
    Column(N_("Login"), lambda r: r.login, 140),
    Column(N_("Full name"), lambda r: r.full_name, 220),
    Column(N_("Role"), lambda r: _(ROLE_LABELS[r.role]), 130),
    Column(N_("Can sign in"), lambda r: _("yes") if r.active else _("no, disabled"), 120),
]


class UsersModel(ColumnsMixin, QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = COLUMNS
        self.rows: list[AccountRow] = []

    def set_rows(self, rows: list[AccountRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


def _same(password: QLineEdit, repeat: QLineEdit) -> str:
    if password.text() != repeat.text():
        raise UserError(_("The two passwords differ; type the same one twice."))
    return password.text()


class AddUserDialog(FormDialog):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(_("Add an account"), parent)
        self.services = services
        self.login = QLineEdit()
        self.login.setPlaceholderText(_("for example an.nv"))
        self.full_name = QLineEdit()
        self.role = QComboBox()
        fill_combo(self.role, [(_(label), role.value) for role, label in ROLE_LABELS.items()],
                   Role.CHUYEN_VIEN.value)
        self.password, self.repeat = password_field(), password_field()
        self.form.addRow(_("&Login:"), self.login)
        self.form.addRow(_("Full &name:"), self.full_name)
        self.form.addRow(_("R&ole:"), self.role)
        self.form.addRow(_("&Password:"), self.password)
        self.form.addRow(_("&Repeat the password:"), self.repeat)

    def save(self) -> str:
        return self.services.accounts.add(self.login.text(), self.full_name.text(),
                                          self.role.currentData(),
                                          _same(self.password, self.repeat)).login


class PasswordDialog(FormDialog):
    def __init__(self, services: Services, login: str, parent: Any = None) -> None:
        super().__init__(_("New password for {login}").format(login=login), parent)
        self.services, self.login = services, login
        self.password, self.repeat = password_field(), password_field()
        self.form.addRow(_("New &password:"), self.password)
        self.form.addRow(_("&Repeat the password:"), self.repeat)

    def save(self) -> str:
        self.services.accounts.set_password(self.login, _same(self.password, self.repeat))
        return self.login


class UsersPage(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        note = QLabel(_("Without any account the program opens without signing in, as on a "
                        "single computer. Once an account exists, everyone signs in; the first "
                        "account is an administrator."))
        note.setWordWrap(True)
        self.add_button = QPushButton(_("&Add an account…"))
        self.password_button = QPushButton(_("Change the &password…"))
        self.disable_button = QPushButton(_("&Disable the account"))
        self.add_button.clicked.connect(self._on_add)
        self.password_button.clicked.connect(self._on_password)
        self.disable_button.clicked.connect(self._on_disable)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.password_button, self.disable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.accounts.users())
        self._update_buttons()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.password_button.setEnabled(row is not None and row.active)
        self.disable_button.setEnabled(row is not None and row.active)

    def _on_add(self) -> None:
        if AddUserDialog(self.services, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _on_password(self) -> None:
        row = self.selected()
        if row is not None:
            PasswordDialog(self.services, row.login, self).exec()

    def _on_disable(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, _("Disable the account"), _(
            "Disable the account {login} ({name})? That officer can no longer sign in; what "
            "they did stays in the history under their name.").format(
            login=row.login, name=row.full_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.accounts.disable(row.login)
        except UserError as exc:
            QMessageBox.warning(self, _("Disable the account"), str(exc))
        self.reload()


class UsersDialog(QDialog):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User accounts"))
        self.resize(760, 420)
        self.page = UsersPage(services, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(close)


def may_manage_accounts(services: Services) -> bool:
    return services.account is None or services.account.may(Permission.ADMIN)

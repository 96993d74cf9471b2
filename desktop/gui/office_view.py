"""Cơ quan & cài đặt: the office card, the database counts, language, folders and backups."""

from __future__ import annotations

from dataclasses import replace
from html import escape as _escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.backup_files import KIND_LABELS
from desktop.core.labels import LEVELS, label
from desktop.core.service import Services
from desktop.core.settings import load_settings, save_settings
from desktop.core.text import format_number
from desktop.errors import UserError
from desktop.exchange import keys
from desktop.gui.backup_settings import SecondFolderRow
from desktop.gui.list_model import ListTableModel
from desktop.gui.printer_profiles_page import printer_profiles_button
from desktop.gui.restore_dialog import open_restore_dialog, size
from desktop.gui.server_settings import ServerRow
from desktop.gui.table_model import Column
from desktop.gui.tasks import run_task
from desktop.gui.users_page import UsersDialog, may_manage_accounts
from desktop.i18n import N_, _, current_language
from desktop.store.maintenance import COUNTED, inspect_file

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))
BACKUP_COLUMNS = [
    Column(N_("Backup file"), lambda b: b.path.name, 260, tooltip=lambda b: str(b.path)),
    Column(N_("Kind"), lambda b: _(KIND_LABELS[b.kind]), 110),
    Column(N_("Made at"), lambda b: b.made_at.strftime("%d/%m/%Y %H:%M"), 120),
    Column(N_("Size"), lambda b: size(b.size), 80, align_right=True),
]


def escape(text: str) -> str:
    return _escape(text, quote=False)


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class OfficeView(QWidget):
    """The first view; also where the first-run wizard can be opened again."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.office_text = QLabel()
        self.office_text.setWordWrap(True)
        self.office_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self._on_edit_office)
        office_box = QGroupBox(_("Office"))
        office_layout = QVBoxLayout(office_box)
        self.office_scroll = QScrollArea()  # a long card scrolls on a small screen, not cut
        self.office_scroll.setWidgetResizable(True)
        self.office_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.office_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.office_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.office_scroll.setWidget(self.office_text)
        office_layout.addWidget(self.office_scroll, 1)
        office_layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(load_settings().language)))
        self.language_note = QLabel()
        self.language.currentIndexChanged.connect(self._on_language)
        self.data_path = QLabel()
        self.backup_path = QLabel()
        for path_label in (self.data_path, self.backup_path):
            path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            path_label.setWordWrap(True)
        open_data = QPushButton(_("Open &data folder"))
        open_data.clicked.connect(lambda: open_folder(self._data_folder()))
        open_backups = QPushButton(_("Open bac&kup folder"))
        open_backups.clicked.connect(lambda: open_folder(self.services.backups.folder()))
        settings_box = QGroupBox(_("Settings"))
        form = QFormLayout(settings_box)
        language_label = QLabel(_("&Language:"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        form.addRow("", self.language_note)
        form.addRow(_("Data folder:"), self.data_path)
        form.addRow("", open_data)
        form.addRow(_("Backup folder:"), self.backup_path)
        form.addRow("", open_backups)
        self.second_folder = SecondFolderRow()
        form.addRow(_("Second backup folder:"), self.second_folder)
        self.server = ServerRow()
        form.addRow(_("Shared data server (PostgreSQL):"), self.server)
        form.addRow(_("Printers:"), printer_profiles_button(self))
        if may_manage_accounts(services):
            users = QPushButton(_("&User accounts…"))
            users.clicked.connect(lambda: UsersDialog(self.services, self).exec())
            form.addRow(_("Accounts:"), users)

        self.backups = ListTableModel(BACKUP_COLUMNS, self)
        self.backup_table = QTableView()
        self.backup_table.setModel(self.backups)
        self.backup_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.backup_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.backup_table.verticalHeader().hide()
        header = self.backup_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(BACKUP_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.clicked.connect(self._on_backup)
        backup_box = QGroupBox(_("Backups"))
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(self.backup_table)
        self.restore_button = QPushButton(_("&Restore from a backup…"))
        self.restore_button.clicked.connect(lambda: open_restore_dialog(self.window()))
        backup_buttons = QHBoxLayout()
        backup_buttons.addWidget(self.backup_button)
        backup_buttons.addWidget(self.restore_button)
        backup_buttons.addStretch(1)
        backup_layout.addLayout(backup_buttons)

        right = QVBoxLayout()
        right.addWidget(settings_box)
        right.addWidget(backup_box, 1)
        columns = QHBoxLayout()
        columns.addWidget(office_box, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Office & settings"))))
        layout.addLayout(columns, 1)
        self.refresh()

    def _data_folder(self) -> Path:
        path = self.services.db.path
        return path.parent if path is not None else self.services.backups.folder().parent

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        office = self.services.office.own_with_signers()
        parts: list[str] = []
        if office is None:
            parts.append("<p>{}</p>".format(_("No office has been set up yet.")))
            self.edit_button.setText(_("&Set up the office…"))
        else:
            parts.append("<h3>{}</h3>".format(escape(office.name)))
            parts.append("<p>{}</p>".format(_("Level: {level} — Province: {province}").format(
                level=label(LEVELS, office.level), province=escape(office.province))))
            header = " / ".join(escape(x) for x in (office.parent_name, office.issuer_name) if x)
            parts.append("<p>{}</p>".format(_("Document header: {header}").format(
                header=header)))
            parts.append("<p>{}</p>".format(_("Numbers are written like {example}").format(
                example=escape(f"05/TTr-{office.issuer_abbr}"))))
            for signer in office.signers:
                lines = [escape(x) for x in (signer.authority, signer.title) if x]
                parts.append("<p>{}<br><b>{}</b></p>".format("<br>".join(lines),
                                                             escape(signer.full_name)))
            self.edit_button.setText(_("&Edit the office…"))
        if keys.has_keys():
            try:
                fp = keys.printable(keys.load_public().fingerprint).replace("\n", "<br>")
            except UserError as exc:
                fp = escape(str(exc))
            parts.append("<p>{}<br><tt>{}</tt></p>".format(_("Key fingerprint:"), fp))
        else:
            parts.append("<p>{}</p>".format(_("This office has no key for packages yet.")))
        path = self.services.db.path
        if path is not None and path.exists():
            labels = dict(COUNTED)
            report = inspect_file(path, full=False)
            rows = "".join(
                "<tr><td>{}</td><td align='right'>{}</td></tr>".format(
                    _(labels[t]), format_number(n))
                for t, n in report.counts.items() if t != "audit_log")
            parts.append("<table cellpadding='2'>{}</table>".format(rows))
            parts.append("<p><small>{}</small></p>".format(
                _("Database: {path}").format(path=escape(str(path)))))
        self.office_text.setText("".join(parts))
        self.data_path.setText(str(self._data_folder()))
        self.backup_path.setText(str(self.services.backups.folder()))
        self.backups.set_rows(self.services.backups.list())
        self.backup_button.setEnabled(path is not None)
        self.restore_button.setEnabled(path is not None)
        self.second_folder.refresh()
        self._show_language_note()

    def _show_language_note(self) -> None:
        wanted = self.language.currentData()
        self.language_note.setText(
            "" if wanted == current_language() else
            "<i>{}</i>".format(_("Restart the program to apply the new language.")))

    # --- actions ----------------------------------------------------------------------------

    def _on_language(self) -> None:
        try:
            save_settings(replace(load_settings(), language=str(self.language.currentData())))
        except UserError as exc:
            QMessageBox.warning(self, _("Settings"), str(exc))
        self._show_language_note()

    def _on_edit_office(self) -> None:
        from desktop.gui.first_run import FirstRunWizard

        wizard = FirstRunWizard(self.services, self)
        wizard.finished.connect(self._on_wizard_done)
        wizard.open()
        self.wizard = wizard

    def _on_wizard_done(self, _result: int) -> None:
        """The demo data may have filled the database: every view shows it at once."""
        self.refresh()
        window = self.window()
        for _title, view in getattr(window, "views", []):
            if view is not self and hasattr(view, "reload"):
                view.reload()
        for name in ("units_model", "people_model"):
            model = getattr(window, name, None)
            if model is not None:
                model.reload()

    def _on_backup(self) -> None:
        self.backup_button.setEnabled(False)
        task = run_task(self, _("Backing up the database"),
                        lambda _progress: Services(self.services.db, actor=self.services.actor)
                        .backups.backup_now(),
                        on_success=self._on_backed_up, cancellable=False)
        task.ended.connect(lambda _outcome: self.backup_button.setEnabled(True))
        self.task = task

    def _on_backed_up(self, path: Path) -> None:
        self.refresh()
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(_("Backup written and checked: {path}").format(
                path=path), 8000)

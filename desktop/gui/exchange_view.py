"""Giao nộp: send a round's package to the province, check and import packages, and the history.

Reading keys (scrypt), writing to the USB stick and importing run off the GUI thread. An import
is always previewed first (a dry run: what is new, changed, unchanged, in conflict, possibly a
duplicate); «Nhập» applies exactly the package that was previewed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.service import Services
from desktop.core.text import format_number
from desktop.errors import UserError
from desktop.exchange import keys
from desktop.exchange import package as pkg
from desktop.exchange.history import ExchangeHistory, HistoryRow
from desktop.exchange.service import ExchangeService, ExportResult, ImportSummary
from desktop.gui.column_widths import fit_columns
from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from desktop.gui.tasks import Task, run_task
from desktop.i18n import N_, _


def _texts(*columns: tuple[str, int, bool]) -> list[Column]:
    """Columns over rows of already formatted text; a cell's tooltip is its whole text."""
    return [Column(title, itemgetter(i), width, align_right=right, tooltip=itemgetter(i))
            for i, (title, width, right) in enumerate(columns)]


CHANGE_COLUMNS = _texts((N_("Records"), 220, False), (N_("New"), 90, True),
                        (N_("Changed"), 90, True), (N_("Unchanged"), 90, True),
                        (N_("Conflicts"), 90, True))
HISTORY_COLUMNS = _texts((N_("When"), 140, False), (N_("What"), 90, False),
                         (N_("Round or content"), 330, False), (N_("With"), 160, False),
                         (N_("Details"), 300, False))
TABLE_NAMES = {
    "office": N_("Offices"), "unit": N_("Units"), "person": N_("People"),
    "household": N_("Households"), "movement": N_("Movements"),
    "nomination_round": N_("Rounds"), "nomination": N_("Nominations"),
    "nomination_event": N_("Status changes"), "attachment": N_("Attachments"),
    "council_meeting": N_("Council meetings"), "council_member": N_("Council members"),
    "recusal": N_("Recusals"), "ballot": N_("Ballot counts"), "decision": N_("Decisions"),
    "decision_line": N_("Decision lines"), "award_record": N_("Award history"),
}


def _table(model: ListTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    fit_columns(view, model.columns)
    return view


def _button(text: str, shortcut: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setShortcut(QKeySequence(shortcut))
    button.setToolTip(shortcut)
    button.clicked.connect(slot)
    return button


def _own_fingerprint() -> str | None:
    return keys.load_public().fingerprint if keys.has_keys() else None


class ExchangeView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.task: Task | None = None
        self.previewed: tuple[Path, str] | None = None  # (file, sha256) of the last dry run
        self.last_summary: ImportSummary | None = None
        self.last_export: ExportResult | None = None

        # --- send
        self.rounds = QComboBox()
        self.recipients = QComboBox()
        self.recipients.setPlaceholderText(_(
            "No trusted key yet: «Trust a key file…» with the province's .pub file"))
        self.encrypt = QCheckBox(_("En&crypt for the recipient (only their key can open it)"))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(_("The USB stick or a folder"))
        self.no_key = QLabel()
        self.no_key.setWordWrap(True)
        self.send_result = QLabel()
        self.send_result.setWordWrap(True)
        self.send_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = _button(_("&Write the package"), "Ctrl+Shift+E", self._on_export)
        send = QWidget()
        form = QFormLayout(send)
        form.addRow(self.no_key)
        form.addRow(_("&Round:"), self.rounds)
        recipient_row = QHBoxLayout()
        recipient_row.addWidget(self.recipients, 1)
        recipient_row.addWidget(_button(_("&Trust a key file…"), "Ctrl+Shift+K",
                                        self._on_trust))
        form.addRow(self._buddy(_("&For (trusted key):"), self.recipients), recipient_row)
        form.addRow("", self.encrypt)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(_button(_("C&hoose…"), "Ctrl+Shift+H", self._on_choose_folder))
        form.addRow(self._buddy(_("Fol&der:"), self.folder), folder_row)
        form.addRow("", self.export_button)
        form.addRow(self.send_result)

        # --- receive
        self.package_path = QLineEdit()
        self.package_path.setPlaceholderText(_("A .tdkt or .tdkt.age file"))
        self.verify_button = _button(_("&Verify"), "Ctrl+Shift+V", self._on_verify)
        self.preview_button = _button(_("&Preview the import"), "Ctrl+Shift+R", self._on_preview)
        self.import_button = _button(_("&Import"), "Ctrl+Shift+I", self._on_import)
        self.import_button.setEnabled(False)
        self.receive_result = QLabel()
        self.receive_result.setWordWrap(True)
        self.receive_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = ListTableModel(CHANGE_COLUMNS, self)
        self.changes_table = _table(self.changes)
        self.duplicates = QLabel()
        self.duplicates.setWordWrap(True)
        receive = QWidget()
        receive_layout = QVBoxLayout(receive)
        file_row = QHBoxLayout()
        file_row.addWidget(self._buddy(_("P&ackage:"), self.package_path))
        file_row.addWidget(self.package_path, 1)
        file_row.addWidget(_button(_("Ch&oose…"), "Ctrl+Shift+O", self._on_choose_package))
        buttons = QHBoxLayout()
        for b in (self.verify_button, self.preview_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        receive_layout.addLayout(file_row)
        receive_layout.addLayout(buttons)
        receive_layout.addWidget(self.receive_result)
        receive_layout.addWidget(self.changes_table, 1)
        receive_layout.addWidget(self.duplicates)

        # --- history
        self.history = ListTableModel(HISTORY_COLUMNS, self)
        self.history_table = _table(self.history)

        self.tabs = QTabWidget()
        self.tabs.addTab(send, _("&Send"))
        self.tabs.addTab(receive, _("Rec&eive"))
        self.tabs.addTab(self.history_table, _("Histor&y"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Hand-up packages"))))
        layout.addWidget(self.tabs, 1)
        self.recipients.currentIndexChanged.connect(self._on_recipient)
        self.package_path.textChanged.connect(self._on_package_changed)
        self._stale = True  # filled when first shown: the window opens without waiting

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        self.rounds.clear()
        for rnd in self.services.rounds.all_rounds():
            self.rounds.addItem(f"{rnd.year} — {rnd.name}", rnd.id)
        self._load_recipients()
        has_keys = keys.has_keys()
        self.no_key.setText("" if has_keys else _(
            "This office has no key for packages yet: create it in «Office & settings» first."))
        self.no_key.setVisible(not has_keys)
        self.export_button.setEnabled(has_keys and self.rounds.count() > 0)
        self._load_history()

    def _load_recipients(self, select: str | None = None) -> None:
        self.recipients.blockSignals(True)
        self.recipients.clear()
        try:
            trusted = [k for k in keys.trusted_keys() if not k.own]
        except UserError as exc:
            trusted = []
            self.no_key.setText(str(exc))
        for key in trusted:
            self.recipients.addItem("{} ({})".format(key.name, key.fingerprint[:8]),
                                    key.fingerprint)
        if self.recipients.count():  # with a placeholder the box would otherwise stay empty
            found = self.recipients.findData(select) if select is not None else -1
            self.recipients.setCurrentIndex(max(0, found))
        self.recipients.blockSignals(False)
        self._on_recipient()

    def _on_recipient(self) -> None:
        key = keys.find_trusted(self.recipients.currentData() or "")
        can = key is not None and bool(key.age_recipient)
        self.encrypt.setEnabled(can)
        self.encrypt.setChecked(can)

    def _load_history(self) -> None:
        rows: list[HistoryRow] = ExchangeHistory(self.services).rows()
        self.history.set_rows([(r.at.strftime("%d/%m/%Y %H:%M"), r.direction, r.subject,
                                r.counterpart, r.detail) for r in rows])

    def _run(self, title: str, work: Callable[[Any], Any],
             on_success: Callable[[Any], None]) -> None:
        self.task = run_task(self, title, work, on_success=on_success)

    def _passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, _("Office key"),
                                        _("Passphrase of the office key:"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    # --- sending -----------------------------------------------------------------------------

    def _on_choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where to write the package"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _on_trust(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Public key file of the other office"), "",
            _("Public key (*.pub *.txt *.key);;All files (*)"))
        if not path:
            return
        try:
            public = keys.read_public_key_file(path)
        except UserError as exc:
            QMessageBox.warning(self, _("Trust a key"), str(exc))
            return
        name, ok = QInputDialog.getText(self, _("Trust a key"), _(
            "Check by phone that the other office reads the same fingerprint:\n{fp}\n\n"
            "Name to show for this key:").format(fp=keys.printable(public.fingerprint)),
            text=public.office_name)
        if not ok:
            return
        entry = keys.trust(public, name=name.strip())
        self._load_recipients(select=entry.fingerprint)

    def _on_export(self) -> None:
        round_id = self.rounds.currentData()
        recipient = keys.find_trusted(self.recipients.currentData() or "")
        folder = self.folder.text().strip()
        try:
            if not isinstance(round_id, uuid.UUID):
                raise UserError(_("Choose the round to send."))
            if recipient is None:
                raise UserError(_("Choose who the package is for, or trust their key first."))
            if not folder or not Path(folder).expanduser().is_dir():
                raise UserError(_("Choose the USB stick or folder to write the package to."))
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot write the package"), str(exc))
            return
        passphrase = self._passphrase()
        if passphrase is None:
            return
        encrypt = self.encrypt.isChecked()
        services = Services(self.services.db, self.services.actor)

        def work(progress: Any) -> ExportResult:
            progress(0, 2, _("Opening the office key…"))
            office_keys = keys.load_keys(passphrase)
            progress(1, 2, _("Writing and checking the package…"))
            return ExchangeService(services).export_round(
                str(round_id), Path(folder), office_keys=office_keys, recipient=recipient,
                encrypt=encrypt)

        self._run(_("Writing the package"), work, self._on_exported)

    def _on_exported(self, result: ExportResult) -> None:
        self.last_export = result
        subject = result.manifest.get("subject", {})
        self.send_result.setText(_(
            "Package {path} written and checked: {n} nominees, number {seq}. SHA-256: {sha}. "
            "You can now remove the USB stick safely.").format(
            path=result.path, n=format_number(int(subject.get("nominations", 0))),
            seq=result.manifest.get("sequence"), sha=result.sha256))
        self._load_history()

    # --- receiving ---------------------------------------------------------------------------

    def _on_choose_package(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Package to receive"), "", _("Packages (*.tdkt *.tdkt.age)"))
        if path:
            self.package_path.setText(path)

    def _on_package_changed(self) -> None:
        self.previewed = None
        self.import_button.setEnabled(False)

    def _package_file(self) -> Path | None:
        text = self.package_path.text().strip()
        if not text:
            QMessageBox.warning(self, _("Receive a package"),
                                _("Choose the package file first."))
            return None
        return Path(text).expanduser()

    def _reader(self, path: Path) -> Callable[[], pkg.Package] | None:
        """How to read the package; asks for the passphrase only if it is encrypted."""
        passphrase = ""
        if path.is_file() and pkg.is_encrypted(path):
            asked = self._passphrase()
            if asked is None:
                return None
            passphrase = asked

        def identity() -> str:
            return keys.load_keys(passphrase, with_age=True).age_identity

        return lambda: pkg.read(path, identity)

    def _on_verify(self) -> None:
        path = self._package_file()
        reader = self._reader(path) if path else None
        if reader is None:
            return

        def work(progress: Any) -> pkg.Package:
            progress(0, 1, _("Checking the package…"))
            return reader()

        self._run(_("Checking the package"), work, self._on_verified)

    def _describe(self, package: pkg.Package) -> str:
        man = package.manifest
        text = _("Package number {seq} from {sender}, made {at}, checked with the trusted key "
                 "“{trusted}”.").format(seq=man["sequence"], sender=man["sender"]["office_name"],
                                        at=man["created_at"], trusted=package.sender.name)
        wanted = man["recipient"].get("key_fingerprint")
        if wanted and wanted != _own_fingerprint():
            text += " " + _("It is not addressed to this office.")
        return text

    def _on_verified(self, package: pkg.Package) -> None:
        self.receive_result.setText(self._describe(package) + " " + _(
            "The package is intact and its signature is valid."))

    def _on_preview(self) -> None:
        path = self._package_file()
        reader = self._reader(path) if path else None
        if reader is None:
            return
        services = Services(self.services.db, self.services.actor)

        def work(progress: Any) -> tuple[pkg.Package, ImportSummary]:
            progress(0, 2, _("Checking the package…"))
            package = reader()
            progress(1, 2, _("Comparing with this database…"))
            summary = ExchangeService(services).apply(
                package, own_fingerprint=_own_fingerprint(), dry_run=True)
            return package, summary

        self._run(_("Preview of the import"), work, self._on_previewed)

    def _show_summary(self, summary: ImportSummary) -> None:
        self.last_summary = summary
        self.changes.set_rows([
            (_(TABLE_NAMES.get(name, name)), format_number(c.new), format_number(c.changed),
             format_number(c.unchanged), format_number(c.conflicts))
            for name, c in summary.tables.items()])
        found = getattr(summary, "duplicates", [])  # reported by newer versions of the service
        self.duplicates.setText(_("Possible duplicates (kept apart, check them): {names}").format(
            names="; ".join(f"{d.incoming_name} ~ {d.existing_name}" for d in found))
            if found else "")

    def _on_previewed(self, result: tuple[pkg.Package, ImportSummary]) -> None:
        package, summary = result
        self._show_summary(summary)
        text = self._describe(package)
        if summary.already:
            text += " " + _("This package was already received before; nothing would change.")
        else:
            text += " " + _("Preview: {new} new, {changed} changed, {conflicts} conflicts kept as "
                            "they are here. Nothing has been changed yet.").format(
                new=summary.total("new"), changed=summary.total("changed"),
                conflicts=summary.total("conflicts"))
            if summary.gap:
                text += " " + _("{n} earlier package(s) from this sender have not arrived yet."
                                ).format(n=summary.gap)
            self.previewed = (package.path, package.sha256)
        self.receive_result.setText(text)
        self.import_button.setEnabled(self.previewed is not None)

    def _on_import(self) -> None:
        if self.previewed is None:
            return
        path, sha = self.previewed
        reader = self._reader(path)
        if reader is None:
            return
        services = Services(self.services.db, self.services.actor)

        def work(progress: Any) -> ImportSummary:
            progress(0, 2, _("Checking the package…"))
            package = reader()
            if package.sha256 != sha:
                raise UserError(_("The package file changed since the preview; preview it "
                                  "again."))
            progress(1, 2, _("Importing…"))
            return ExchangeService(services).apply(
                package, own_fingerprint=_own_fingerprint(), dry_run=False)

        self._run(_("Importing the package"), work, self._on_imported)

    def _on_imported(self, summary: ImportSummary) -> None:
        self.previewed = None
        self.import_button.setEnabled(False)
        self._show_summary(summary)
        self.receive_result.setText(_(
            "Imported: {new} new, {changed} changed, {conflicts} conflicts kept as they were "
            "here.").format(new=summary.total("new"), changed=summary.total("changed"),
                            conflicts=summary.total("conflicts")))
        self._load_history()

"""Restore from a backup: the backups on this computer and in the second folder, with what each
holds (read from the copies off the GUI thread); the chosen one is checked, the current data
backed up first, then the backup put back and every view shown again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.backup_files import KIND_LABELS, BackupFile
from desktop.core.backups import Restored
from desktop.core.service import Services
from desktop.core.text import format_number
from desktop.errors import UserError
from desktop.gui.daily_backup import tell
from desktop.gui.list_model import ListTableModel
from desktop.gui.table_model import Column
from desktop.gui.tasks import Task, run_task
from desktop.i18n import N_, _
from desktop.store.maintenance import inspect_file

HELD = (("unit", N_("Units")), ("person", N_("People")), ("movement", N_("Movements")),
        ("nomination", N_("Nominated")), ("decision", N_("Decisions")))


@dataclass
class Row:
    file: BackupFile
    counts: dict[str, int] | None = None  # read from the copy once the dialog is open
    problem: str = ""  # why it cannot be read


def made_at(row: Row) -> str:
    return row.file.made_at.strftime("%d/%m/%Y %H:%M")


def size(n: int) -> str:
    return _("{n} KB").format(n=format_number(max(1, round(n / 1024))))


def _held(table: str) -> Any:
    def text(row: Row) -> str:
        if row.problem:
            return _("damaged")
        return "…" if row.counts is None else format_number(row.counts.get(table, 0))
    return text


def _tooltip(row: Row) -> str:
    return f"{row.file.path}\n{row.problem}" if row.problem else str(row.file.path)


COLUMNS = [
    Column(N_("Made at"), made_at, 135, tooltip=_tooltip),
    Column(N_("Kind"), lambda r: _(KIND_LABELS[r.file.kind]), 140, tooltip=_tooltip),
    Column(N_("Where"), lambda r: _("second folder") if r.file.second else _("this computer"),
           120, tooltip=_tooltip),
    Column(N_("Size"), lambda r: size(r.file.size), 80, align_right=True, tooltip=_tooltip),
    *(Column(title, _held(table), 90, align_right=True, tooltip=_tooltip)
      for table, title in HELD),
]


def read_counts(paths: list[Path]) -> dict[Path, dict[str, int] | str]:
    """What each backup holds, or the sentence saying why it cannot be read."""
    found: dict[Path, dict[str, int] | str] = {}
    for path in paths:
        try:
            found[path] = inspect_file(path, full=False).counts
        except UserError as exc:
            found[path] = str(exc)
    return found


class RestoreDialog(QDialog):
    restored = Signal(object)  # Restored

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Restore from a backup"))
        intro = QLabel(_("Choose the backup to put back in place of the data now in the program. "
                         "The data now in the program is backed up first, so a restore can be "
                         "undone by restoring that backup."))
        intro.setWordWrap(True)
        self.model = ListTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        for column, spec in enumerate(COLUMNS):
            self.table.setColumnWidth(column, spec.width)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._on_restore())
        self.empty = QLabel(_("There is no backup yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(_("&Restore…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.restore_button.setDefault(True)  # Enter in the list restores the chosen backup
        self.restore_button.clicked.connect(self._on_restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.counting: Task | None = None
        self.task: Task | None = None
        self.confirmation: QMessageBox | None = None
        self.resize(1000, 460)
        self.reload()

    def reload(self) -> None:
        rows = [Row(f) for f in self.services.backups.list()]
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.restore_button.setEnabled(bool(rows))
        if not rows:
            return
        self.table.selectRow(0)
        self.table.setFocus()
        files = [r.file.path for r in rows]
        self.counting = run_task(self, _("Reading the backups"), lambda _p: read_counts(files),
                                 on_success=self._on_counts, cancellable=False, quiet=True)

    def selected(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def done(self, result: int) -> None:
        for task in (self.counting, self.task):
            if task is not None:
                task.wait()
        super().done(result)

    def _on_counts(self, found: dict[Path, dict[str, int] | str]) -> None:
        for row in self.model.rows:
            value = found.get(row.file.path)
            if isinstance(value, str):
                row.problem = value
            elif value is not None:
                row.counts = value
        last = self.model.index(self.model.rowCount() - 1, len(COLUMNS) - 1)
        self.model.dataChanged.emit(self.model.index(0, 0), last)

    def _on_restore(self) -> None:
        row = self.selected()
        if row is None or (self.task is not None and self.task.is_running()):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Restore from a backup"), _(
            "Put back the backup made on {when} ({kind})? The data now in the program will be "
            "replaced by it; a backup of the data now in the program is made first.").format(
            when=made_at(row), kind=_(KIND_LABELS[row.file.kind])),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Restore"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Keep the current data"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirmation = box
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        db, actor, path = self.services.db, self.services.actor, row.file.path
        self.restore_button.setEnabled(False)
        self.task = run_task(self, _("Restoring the backup"),
                             lambda _p: Services(db, actor=actor).backups.restore(path),
                             on_success=self._on_restored, cancellable=False)
        self.task.ended.connect(lambda _outcome: self.restore_button.setEnabled(True))

    def _on_restored(self, done: Restored) -> None:
        self.restored.emit(done)
        self.accept()


def _show_again(part: Any) -> None:
    for name in ("reload", "refresh"):
        if hasattr(part, name):
            getattr(part, name)()
            return


def show_restored(window: Any, done: Restored) -> None:
    """Every view shows the restored data; the status bar says where the previous data is."""
    for _title, view in getattr(window, "views", []):
        _show_again(view)
    for name in ("units_model", "people_model", "undo_action"):
        _show_again(getattr(window, name, None))
    if hasattr(window, "history"):
        window.seen = [window.history.last_change()] * len(window.views)
    if done.safety is not None and done.safety.problem:
        tell(window, done.safety)
    elif hasattr(window, "statusBar"):
        window.statusBar().showMessage(_("The backup was put back; the data before it is kept "
                                         "in {name}.").format(
            name=done.safety.path.name if done.safety else "-"), 15000)


def open_restore_dialog(window: Any) -> RestoreDialog:
    dialog = RestoreDialog(window.services, window)
    dialog.restored.connect(lambda done: show_restored(window, done))
    dialog.open()
    return dialog

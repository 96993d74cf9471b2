"""When another officer saved the same record first: both versions side by side, and the choice
to apply one's own changes again on top of the saved version, or to drop them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conflicts import EditConflictError
from desktop.errors import UserError
from desktop.gui.table_model import Column, ColumnsMixin, Index
from desktop.i18n import _

T = TypeVar("T")
CHANGED = QColor("#fff3cd")


class _Row:
    def __init__(self, field: str, theirs: str, mine: str) -> None:
        self.field, self.theirs, self.mine = field, theirs, mine


class VersionsModel(ColumnsMixin, QAbstractTableModel):
    """One line per field: the saved value and the officer's own, differences shaded."""

    def __init__(self, error: EditConflictError, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = [_Row(label, value, error.mine.values.get(label, ""))
                     for label, value in error.theirs.values.items()]

        def shade(row: _Row) -> QColor | None:
            return CHANGED if row.theirs != row.mine else None

        self.columns = [
            Column("", lambda r: r.field, width=150),
            Column(_("Saved by {who} (version {n})").format(
                who=error.theirs.saved_by or _("another officer"), n=error.theirs.version),
                lambda r: r.theirs, width=260, background=shade),
            Column(_("Yours, not saved (version {n})").format(n=error.mine.version),
                   lambda r: r.mine, width=260, background=shade),
        ]

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


class ConflictDialog(QDialog):
    """Accepted: apply my changes again on top of the saved version; rejected: keep theirs."""

    def __init__(self, error: EditConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed by another officer"))
        self.setMinimumWidth(820)
        when = error.theirs.saved_at.strftime("%H:%M %d/%m/%Y") if error.theirs.saved_at else ""
        text = QLabel(_("“{record}” was saved by {who} at {when} while you were editing it. Your "
                        "changes are not saved yet: compare the two versions below, then apply "
                        "your changes again on top of the saved version, or drop them.").format(
            record=error.record, who=error.theirs.saved_by or _("another officer"), when=when))
        text.setWordWrap(True)
        self.model = VersionsModel(error, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox()
        self.reapply = buttons.addButton(_("&Apply my changes again"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.drop = buttons.addButton(_("&Keep the saved version"),
                                      QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reapply.setDefault(True)


def save_versioned(parent: QWidget, title: str, action: Callable[[int | None], T],
                   seen_version: int | None) -> T | None:
    """Run a service change made on `seen_version`; on a conflict show both versions and, if the
    officer says so, run it again on the saved version. A user error is one sentence."""
    while True:
        try:
            return action(seen_version)
        except EditConflictError as exc:
            if ConflictDialog(exc, parent).exec() != QDialog.DialogCode.Accepted:
                return None
            seen_version = exc.theirs.version
        except UserError as exc:
            QMessageBox.warning(parent, title, str(exc))
            return None


"""The second backup folder, in «Office & settings»: where it is, choose one, stop using it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.backups import second_folder, set_second_folder
from desktop.errors import UserError
from desktop.gui.tasks import show_user_error
from desktop.i18n import _


class SecondFolderRow(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose = QPushButton(_("C&hoose a second folder…"))
        self.choose.clicked.connect(self._on_choose)
        self.clear = QPushButton(_("Do&n't copy there"))
        self.clear.clicked.connect(lambda: self.set_folder(None))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.clear)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        folder = second_folder()
        if folder is None:
            self.path.setText(_("None: backups are kept only on this computer."))
        elif folder.is_dir():
            self.path.setText(str(folder))
        else:
            self.path.setText(_("{folder} (not reachable now: plug the stick in)").format(
                folder=folder))
        self.clear.setEnabled(folder is not None)

    def set_folder(self, folder: Path | None) -> None:
        try:
            set_second_folder(folder)
        except UserError as exc:
            show_user_error(self, _("Second backup folder"), str(exc))
        self.refresh()

    def _on_choose(self) -> None:
        current = second_folder()
        chosen = QFileDialog.getExistingDirectory(
            self, _("Second backup folder"), str(current or Path.home()))
        if chosen:
            self.set_folder(Path(chosen))

"""Backups of the open database file: the list in the backups folder, and «back up now»."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop import paths
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.maintenance import backup, default_backup_name


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size: int


class BackupService(Part):
    def folder(self) -> Path:
        return paths.backup_dir()

    def list(self) -> list[BackupFile]:
        """The backup files, newest first."""
        items = []
        for path in self.folder().glob("*.sqlite3"):
            try:
                stat = path.stat()
            except OSError:  # removed while listing
                continue
            items.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
        return sorted(items, key=lambda b: b.made_at, reverse=True)

    def backup_now(self) -> Path:
        """A verified copy of the open database in the backups folder."""
        live = self.services.db.path
        if live is None:
            raise UserError(_("This database is on a server; its backups are made there."))
        dest = self.folder() / default_backup_name(live)
        report = backup(live, dest)
        with self._tx() as session:
            self._audit(session, "backup.create", entity="database", entity_id=live.name,
                        after={"file": str(dest), "counts": report.counts},
                        summary=str(dest))
        return dest

"""Backups of the open database file: the list in the backups folder, «back up now», and the
automatic ones (on exit if anything changed, before risky steps) kept with rotation."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop import paths
from desktop.core.backup_rotation import to_keep
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.maintenance import backup, default_backup_name, inspect_file

AUTO = "-tu-dong-"  # in the names of automatic backups: only these are rotated out
STAMP = "%Y%m%d-%H%M%S-%f"


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

    def automatic(self, reason: str, now: datetime | None = None) -> Path:
        """A verified automatic backup (`reason`: exit, import, restore…), then the rotation.

        Old automatic backups are removed only once the new one passed integrity_check and holds
        the same row counts as the live database.
        """
        live = self.services.db.path
        if live is None:
            raise UserError(_("This database is on a server; its backups are made there."))
        now = now or datetime.now()
        dest = self.folder() / f"{live.stem}{AUTO}{now:{STAMP}}.sqlite3"
        self.folder().mkdir(parents=True, exist_ok=True)
        report = backup(live, dest)
        if not report.intact or report.counts != inspect_file(live, full=False).counts:
            dest.unlink(missing_ok=True)
            raise UserError(_("The automatic backup did not match the database, so no older "
                              "backup was removed; make a backup by hand and check the disk."))
        with self._tx() as session:
            self._audit(session, "backup.automatic", entity="database", entity_id=live.name,
                        after={"file": str(dest), "reason": reason, "counts": report.counts},
                        summary=str(dest))
        self._rotate(live)
        return dest

    def automatic_on_exit(self) -> Path | None:
        """An automatic backup if anything changed since the newest automatic one."""
        live = self.services.db.path
        if live is None:
            return None
        newest = self._automatic_files(live)
        if newest and _last_change(newest[max(newest)]) == _last_change(live):
            return None
        return self.automatic("exit")

    def _automatic_files(self, live: Path) -> dict[datetime, Path]:
        found = {}
        for path in self.folder().glob(f"{live.stem}{AUTO}*.sqlite3"):
            try:
                found[datetime.strptime(path.stem.rsplit(AUTO, 1)[1], STAMP)] = path
            except ValueError:  # a file named by hand: not ours to remove
                continue
        return found

    def _rotate(self, live: Path) -> None:
        files = self._automatic_files(live)
        for made in set(files) - to_keep(files):
            files[made].unlink(missing_ok=True)


def _last_change(path: Path) -> int:
    """The id of the newest audit row of a change (every change writes one; backups too)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT coalesce(max(id), 0) FROM audit_log "
                               "WHERE action NOT LIKE 'backup.%'").fetchone()[0])
    finally:
        con.close()

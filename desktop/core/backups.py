"""Backups of the open database file: the list (this computer and the second folder), «back up
now», the automatic ones (on exit and daily when anything changed, before every import and
restore) kept with rotation and copied to the second folder, and the restore itself."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from desktop import paths
from desktop.core import backup_files as files
from desktop.core.backup_files import BackupFile
from desktop.core.service import Part
from desktop.core.settings import load_settings, save_settings
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.database import copy_into, open_database, sqlite_backup
from desktop.store.maintenance import (
    FileReport,
    backup,
    check_restorable,
    default_backup_name,
    inspect_file,
)

__all__ = ["BackupFile", "BackupService", "Made", "Restored", "daily_due", "second_folder",
           "set_second_folder"]


@dataclass(frozen=True)
class Made:
    """A verified automatic backup, and its copy in the second folder (or why there is none)."""

    path: Path
    copy: Path | None = None
    problem: str = ""  # one sentence when the second folder could not take the copy


@dataclass(frozen=True)
class Restored:
    report: FileReport  # the database as it is after the restore
    safety: Made | None  # the backup of what it held before


def second_folder() -> Path | None:
    """The folder chosen for a second copy of each automatic backup, if any."""
    chosen = load_settings().second_backup_folder
    return Path(chosen) if chosen else None


def set_second_folder(folder: Path | None) -> None:
    """Choose (or, with None, stop using) the second folder; it must exist and take files."""
    if folder is not None:
        folder = folder.expanduser().resolve()
        if not folder.is_dir():
            raise UserError(_("The folder {folder} does not exist; plug the stick in or choose "
                              "another folder.").format(folder=folder))
        if folder == paths.backup_dir().resolve():
            raise UserError(_("That is the backup folder of this computer; choose a folder on a "
                              "stick or on another computer."))
        probe = folder / ".tdkt-thu-ghi"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UserError(_("Files cannot be written to {folder} ({reason}); choose a folder "
                              "you may write to.").format(folder=folder,
                                                         reason=exc.strerror or exc)) from exc
    save_settings(replace(load_settings(), second_backup_folder=str(folder or "")))


def daily_due(now: datetime, newest: datetime | None, changed: bool) -> bool:
    """Whether the daily backup is due: none was made today and the data changed since the
    newest automatic backup (`newest`: when that one was made)."""
    return changed and (newest is None or newest.date() < now.date())


class BackupService(Part):
    def folder(self) -> Path:
        return paths.backup_dir()

    def list(self) -> list[BackupFile]:
        """The backup files here and in the second folder, newest first."""
        found = files.in_folder(self.folder())
        second = second_folder()
        if second is not None and second.resolve() != self.folder().resolve():
            found += files.in_folder(second, second=True)
        return sorted(found, key=lambda b: b.made_at, reverse=True)

    def backup_now(self) -> Path:
        """A verified copy of the open database in the backups folder."""
        live = self._live()
        dest = self.folder() / default_backup_name(live)
        report = backup(live, dest)
        with self._tx() as session:
            self._audit(session, "backup.create", entity="database", entity_id=live.name,
                        after={"file": str(dest), "counts": report.counts},
                        summary=str(dest))
        return dest

    def automatic(self, reason: str, now: datetime | None = None) -> Made | None:
        """A verified automatic backup (`reason`: exit, daily, import, restore), then the
        rotation, here and in the second folder. None for a database on a server.

        Old automatic backups are removed only once the new one passed integrity_check and holds
        the same row counts as the live database. The second folder missing or full does not
        undo the local backup: `Made.problem` says so.
        """
        live = self.services.db.path
        if live is None:
            return None  # a server keeps its own backups
        tag = files.TAG_OF_REASON[reason]
        now = now or datetime.now()
        dest = self.folder() / files.automatic_name(live, tag, now)
        report = backup(live, dest)
        if not report.intact or report.counts != inspect_file(live, full=False).counts:
            dest.unlink(missing_ok=True)
            raise UserError(_("The automatic backup did not match the database, so no older "
                              "backup was removed; make a backup by hand and check the disk."))
        copy, problem = self._copy_to_second_folder(dest, report.counts)
        with self._tx() as session:
            self._audit(session, "backup.automatic", entity="database", entity_id=live.name,
                        after={"file": str(dest), "reason": reason, "counts": report.counts,
                               "copy": str(copy or ""), "problem": problem},
                        summary=str(dest))
        files.rotate(self.folder(), live, tag)
        if copy is not None:
            files.rotate(copy.parent, live, tag)
        return Made(dest, copy, problem)

    def automatic_on_exit(self) -> Made | None:
        """An automatic backup if anything changed since the newest automatic one."""
        live = self.services.db.path
        if live is None or not self._changed(live):
            return None
        return self.automatic("exit")

    def automatic_daily(self, now: datetime | None = None) -> Made | None:
        """Today's automatic backup, if none was made today and the data changed since."""
        live = self.services.db.path
        if live is None:
            return None
        now = now or datetime.now()
        made = files.automatic_files(self.folder(), live, files.AUTOMATIC)
        if not daily_due(now, max(made, default=None), self._changed(live)):
            return None
        return self.automatic("daily", now)

    def restore(self, source: Path) -> Restored:
        """Put a checked backup in place of the open database, after a verified backup of it.

        The database is then opened again (an older backup is upgraded, after its own backup),
        and the restore is audited in the restored data.
        """
        live = self._live()
        check_restorable(source, live)
        safety = self.automatic("restore")
        try:
            copy_into(source, live)
        except (OSError, sqlite3.Error) as exc:  # one transaction: the file is as it was
            raise UserError(_("The backup could not be put back ({reason}); the data was left "
                              "as it was: check the free space and try again.").format(
                reason=getattr(exc, "strerror", None) or exc)) from exc
        self.services.db.engine.dispose()
        open_database(live).close()
        with self._tx() as session:
            self._audit(session, "backup.restore", entity="database", entity_id=live.name,
                        before={"file": str(safety.path) if safety else ""},
                        after={"file": str(source)}, summary=str(source))
        return Restored(inspect_file(live, full=False), safety)

    def _live(self) -> Path:
        live = self.services.db.path
        if live is None:
            raise UserError(_("This database is on a server; its backups are made there."))
        return live

    def _changed(self, live: Path) -> bool:
        """Whether anything changed since the newest automatic backup (or there is none)."""
        made = files.automatic_files(self.folder(), live, files.AUTOMATIC)
        return not made or _last_change(made[max(made)]) != _last_change(live)

    def _copy_to_second_folder(self, made: Path, counts: dict[str, int]
                               ) -> tuple[Path | None, str]:
        folder = second_folder()
        if folder is None or folder.resolve() == self.folder().resolve():
            return None, ""
        if not folder.is_dir():  # a pulled stick: never create its folder on this disk
            return None, _("The second backup folder {folder} cannot be reached, so the backup "
                           "is only on this computer; plug the stick in or choose the folder "
                           "again.").format(folder=folder)
        dest = folder / made.name
        try:
            sqlite_backup(made, dest)
            if inspect_file(dest, full=False).counts != counts:
                dest.unlink(missing_ok=True)
                raise UserError(_("the copy does not match"))
        except (OSError, sqlite3.Error, UserError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc).rstrip(".")
            return None, _("The backup could not be copied to the second folder {folder} "
                           "({reason}), so it is only on this computer; check the free space "
                           "there.").format(folder=folder, reason=reason)
        return dest, ""


def _last_change(path: Path) -> int:
    """The id of the newest audit row of a change (every change writes one; backups too)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT coalesce(max(id), 0) FROM audit_log "
                               "WHERE action NOT LIKE 'backup.%'").fetchone()[0])
    finally:
        con.close()

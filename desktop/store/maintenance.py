"""Checks, backups and restores of SQLite database files."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.database import (
    APP_MARK,
    check_sqlite_file,
    copy_into,
    head_revision,
    known_revisions,
    sqlite_backup,
)

COUNTED = (
    ("unit", N_("units")), ("person", N_("people")), ("household", N_("households")),
    ("movement", N_("movements")), ("criterion", N_("criteria")), ("score", N_("scores")),
    ("nomination_round", N_("rounds")), ("nomination", N_("nominations")),
    ("decision", N_("decisions")), ("award_record", N_("award records")),
    ("audit_log", N_("audit rows")),
)


@dataclass
class FileReport:
    path: Path
    revision: str | None = None
    created_with: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    intact: bool = True  # PRAGMA integrity_check said ok

    @property
    def ok(self) -> bool:
        return not self.problems


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def inspect_file(path: Path, *, full: bool = True) -> FileReport:
    """Everything `tdkt check` and the restore dialog show about a database file."""
    if not path.exists():
        raise UserError(_("The database file “{path}” does not exist; check the path.").format(
            path=path))
    check_sqlite_file(path)
    report = FileReport(path=path)
    try:
        con = _connect_ro(path)
        try:
            tables = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
            if "app_meta" not in tables or "alembic_version" not in tables:
                raise UserError(
                    _("“{path}” is a database of another program; choose a TĐKT database file.")
                    .format(path=path))
            meta = dict(con.execute("SELECT key, value FROM app_meta").fetchall())
            if meta.get("app") != APP_MARK:
                raise UserError(
                    _("“{path}” is a database of another program; choose a TĐKT database file.")
                    .format(path=path))
            report.created_with = meta.get("created_with", "")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            report.revision = row[0] if row else None
            if full:
                result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
                if result != ["ok"]:
                    report.intact = False
                    report.problems.append(
                        _("The file is damaged ({detail}); restore it from a backup.").format(
                            detail="; ".join(result[:3])))
                fk = con.execute("PRAGMA foreign_key_check").fetchall()
                if fk:
                    report.problems.append(
                        _("{n} records point to records that no longer exist.").format(n=len(fk)))
            for table, _label in COUNTED:
                if table in tables:
                    report.counts[table] = con.execute(
                        f'SELECT count(*) FROM "{table}"').fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(
            _("“{path}” is damaged or is not a database; restore it from a backup.").format(
                path=path)
        ) from exc
    if report.revision not in known_revisions():
        report.problems.append(
            _("This database was written by a newer version of TĐKT; "
              "install the newer version to open it."))
    elif report.revision != head_revision():
        report.problems.append(_("The database uses an older schema; it is upgraded on opening."))
    return report


def default_backup_name(live: Path) -> str:
    return f"{live.stem}-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"


def backup(live: Path, dest: Path) -> FileReport:
    """A verified copy of a live database at `dest` (which must not exist yet)."""
    inspect_file(live, full=False)
    if dest.exists():
        raise UserError(_("“{path}” already exists; choose another file name.").format(path=dest))
    if not dest.parent.is_dir():
        raise UserError(
            _("The folder “{folder}” does not exist; choose an existing folder.").format(
                folder=dest.parent))
    try:
        sqlite_backup(live, dest)
    except (OSError, sqlite3.Error) as exc:  # SQLite reports a full disk as its own error
        raise UserError(
            _("Cannot write the backup ({reason}); check the free space and try again.").format(
                reason=getattr(exc, "strerror", None) or exc)
        ) from exc
    return inspect_file(dest)


def check_restorable(source: Path, live: Path) -> FileReport:
    """The report of a backup that may replace `live`; refuses a damaged, foreign or newer one."""
    report = inspect_file(source)
    if report.revision not in known_revisions():
        raise UserError(
            _("This database was written by a newer version of TĐKT; "
              "install the newer version to open it."))
    if not report.intact:
        raise UserError(_("The backup “{path}” is damaged; choose another backup.").format(
            path=source))
    if source.resolve() == live.resolve():
        raise UserError(_("That file is the database in use; choose a backup file."))
    return report


def restore(source: Path, live: Path, safety_dir: Path) -> tuple[FileReport, Path | None]:
    """Replace the live database with a checked backup, after backing up the live one.

    A live file too damaged to be copied by SQLite is kept byte for byte (with its journal)
    under a name that says so, then the backup takes its place whole.
    """
    check_restorable(source, live)
    safety: Path | None = None
    if not live.exists():
        copy_into(source, live)
        return inspect_file(live), safety
    safety_dir.mkdir(parents=True, exist_ok=True)
    safety = safety_dir / f"{live.stem}-truoc-khoi-phuc-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    try:
        sqlite_backup(live, safety)
    except (UserError, sqlite3.DatabaseError):
        safety = safety.with_name(safety.stem + "-hong.sqlite3")
        for suffix in ("", "-wal"):
            if Path(f"{live}{suffix}").exists():
                _copy_bytes(Path(f"{live}{suffix}"), Path(f"{safety}{suffix}"))
        for suffix in ("-wal", "-shm"):  # SQLite would replay the damaged file's journal
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        sqlite_backup(source, live)
        return inspect_file(live), safety
    copy_into(source, live)
    return inspect_file(live), safety


def _copy_bytes(source: Path, dest: Path) -> None:
    with source.open("rb") as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())


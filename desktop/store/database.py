"""Opening a database: SQLite file (default) or any SQLAlchemy URL, migrated to the current schema.

A file is checked before anything is written to it: it must be SQLite, belong to this program
(or be empty), and not come from a newer version. Before a schema upgrade a verified copy is put
in the backups folder, so a failed upgrade leaves the original recoverable.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, DataError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from desktop import __version__
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store import server
from desktop.store.models import Meta

APP_MARK = "tdkt"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not a readable SQLite file, before SQLite itself touches it."""
    if path.is_dir():
        raise UserError(_("“{path}” is a folder, not a database file.").format(path=path))
    try:
        with path.open("rb") as fp:
            header = fp.read(16)
    except OSError as exc:
        raise UserError(
            _("Cannot read “{path}” ({reason}); check that the file is not open elsewhere.")
            .format(path=path, reason=exc.strerror)
        ) from exc
    if header and header != SQLITE_HEADER:
        raise UserError(
            _("“{path}” is not a TĐKT database; choose the .sqlite3 file the program made.")
            .format(path=path)
        )


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None  # the file, for SQLite
    account: Any = None  # the officer signed in (desktop.core.roles.Account), if any

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        try:
            with self.sessions() as session, session.begin():
                yield session
        except DataError as exc:  # PostgreSQL checks lengths and ranges that SQLite lets pass
            raise UserError(_("A value is too long or too large to be saved; shorten it and "
                              "save again (nothing was saved).")) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, poolclass=NullPool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, **server.engine_options())


def url_for(target: str | Path) -> tuple[str, Path | None]:
    text = str(target)
    if "://" in text and not text.startswith("sqlite"):  # a server: PostgreSQL is the only one
        return server.parse_url(text).render_as_string(hide_password=False), None
    if "://" in text:
        parsed = make_url(text)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            return text, Path(parsed.database)
        return text, None
    path = Path(text).expanduser().resolve()
    return f"sqlite:///{path}", path


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _classify(engine: Engine, path: Path | None) -> str | None:
    """Return the schema revision, None for an empty database; refuse foreign ones."""
    try:
        names = set(inspect(engine).get_table_names())
    except (DatabaseError, OperationalError) as exc:
        if path is None:
            raise server.connection_error(exc, engine.url) from exc
        raise UserError(
            _("“{path}” is damaged or is not a database; restore it from a backup.").format(
                path=path or engine.url.render_as_string(hide_password=True)
            )
        ) from exc
    if not names:
        return None
    if "alembic_version" not in names or "app_meta" not in names:
        raise UserError(
            _("“{path}” is a database of another program; choose a TĐKT database file.").format(
                path=path or engine.url.render_as_string(hide_password=True)
            )
        )
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise UserError(
            _(
                "This database was written by a newer version of TĐKT; "
                "install the newer version to open it."
            )
        )
    return revision


def sqlite_backup(source: Path, dest: Path) -> None:
    """Copy a live SQLite database with the online backup API, then verify the copy."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            raise UserError(_("The backup copy failed its check; the original is unchanged."))
        with tmp.open("rb+") as fh:  # on the disk (or the stick) before it takes the name
            os.fsync(fh.fileno())
        tmp.replace(dest)
    except BaseException:  # disk full, I/O error, a failed check: no half copy is left behind
        tmp.unlink(missing_ok=True)
        raise


def _backup_before_migration(path: Path, revision: str) -> Path:
    from desktop.paths import backup_dir

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = backup_dir() / f"{path.stem}-truoc-nang-cap-{revision}-{stamp}.sqlite3"
    sqlite_backup(path, dest)
    return dest


def copy_into(source: Path, target: Path) -> None:
    """Replace the content of the SQLite file `target` with `source`'s, in one transaction."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # one transaction on the destination: all pages or none
        finally:
            dst.close()
    finally:
        src.close()


def migrate(engine: Engine, path: Path | None, revision: str | None) -> None:
    head = head_revision()
    if revision == head:
        return
    backup = None
    if revision is not None and path is not None:
        backup = _backup_before_migration(path, revision)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                server.lock_for_migration(conn)
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return  # another officer's copy upgraded it while this one waited
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            _stamp_meta(conn)
    except Exception as exc:
        if revision is None:  # a new, empty file: nothing to keep
            raise
        if backup is not None and path is not None:
            # pysqlite commits DDL as it goes, so a failed step can leave a half-upgraded file.
            engine.dispose()
            copy_into(backup, path)
        raise UserError(
            _("The database could not be upgraded to this version ({reason}); it was left as "
              "it was, with a copy in {backup}; keep using the previous version and report "
              "the problem.").format(reason=exc, backup=backup or _("the server's backups"))
        ) from exc


def _stamp_meta(conn: Any) -> None:
    with Session(bind=conn) as session:
        existing = {m.key: m for m in session.scalars(select(Meta))}
        if "app" not in existing:
            session.add(Meta(key="app", value=APP_MARK))
            session.add(Meta(key="created_with", value=__version__))
        meta = existing.get("last_opened_with") or Meta(key="last_opened_with", value="")
        meta.value = __version__
        session.add(meta)
        session.flush()


def open_database(target: str | Path, *, create: bool = True) -> Database:
    """Open (and create or upgrade) the database at a path or SQLAlchemy URL."""
    url, path = url_for(target)
    if path is not None:
        if path.exists():
            check_sqlite_file(path)
        elif not create:
            raise UserError(
                _("The database file “{path}” does not exist; check the path.").format(path=path)
            )
        elif not path.parent.exists():
            raise UserError(
                _("The folder “{folder}” does not exist; choose an existing folder.").format(
                    folder=path.parent
                )
            )
    engine = _make_engine(url)
    try:
        revision = _classify(engine, path)
        migrate(engine, path, revision)
    except UserError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        if path is None:
            raise server.connection_error(exc, engine.url) from exc
        raise UserError(
            _("Cannot open the database ({reason}); check the path and your permissions.").format(
                reason=str(exc.orig).strip() if exc.orig else exc
            )
        ) from exc
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(url=url, engine=engine, sessions=sessions, path=path)

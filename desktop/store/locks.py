"""Row locks that serialise work across officers sharing one database.

A lock is an `app_meta` row held until the transaction ends. On PostgreSQL the row is created if
missing and taken with ``SELECT … FOR UPDATE``, so a second transaction asking for the same key
waits for the first to commit and then reads what it wrote. On SQLite there is one writer at a
time: the first write of the transaction takes the database's write lock (a second writer waits
for it, up to the busy timeout) and starts a snapshot that already holds everything committed.
Take the lock first thing in the transaction, before reading what it protects.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Meta


def hold(session: Session, key: str, *, initial: str = "0", busy: str | None = None) -> None:
    """Hold the `app_meta` row `key` (made with `initial` if missing) until the transaction ends.

    `busy` is the sentence shown when SQLite's wait for another writer runs out.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    try:
        session.execute(insert(Meta).values(key=key, value=initial).on_conflict_do_nothing())
        if dialect == "postgresql":
            session.execute(select(Meta.key).where(Meta.key == key).with_for_update())
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        raise UserError(busy or _("Another officer is saving a large change; wait a moment and "
                                  "try again.")) from exc

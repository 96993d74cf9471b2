"""Fast inserts of many rows (imports, demo data) on the session's own connection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from desktop.store.models import Base

BATCH = 5000


def bulk_insert(
    session: Session,
    model: type[Base],
    rows: Sequence[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Core executemany in batches: about ten times faster than adding ORM objects."""
    conn = session.connection()
    statement = insert(model.__table__)  # type: ignore[arg-type]
    for start in range(0, len(rows), BATCH):
        conn.execute(statement, list(rows[start:start + BATCH]))
        if progress:
            progress(min(start + BATCH, len(rows)))


def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys when the transaction commits, not row by row: SQLite's PRAGMA. On
    PostgreSQL each statement is checked as it runs; imports write parents first."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))

"""The audit log: one row per change, with the values before and after."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from desktop.store.models import AuditEntry, Base

# `version` is the record's edit counter: bookkeeping, and never something an undo puts back.
SKIPPED = {"created_at", "updated_at", "search_key", "sort_key", "content", "version"}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The column values of a record, as JSON-safe data."""
    mapper = inspect(obj).mapper
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SKIPPED
    }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object = "",
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        at=datetime.now(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id) if entity_id else "",
        summary=summary,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry

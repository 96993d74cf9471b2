"""Records as JSON: the tables a package carries and the strict codec of their columns.

One file per table, ``data/<table>.json`` = ``{"table": …, "records": [{column: value}, …]}``.
Values: UUID, date and datetime as ISO strings, Numeric as a decimal string, JSON columns as
they are; ``attachment.content`` travels as ``attachments/<uuid>`` instead.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, Numeric, String, Uuid
from sqlalchemy import Table as SATable

from desktop.store import models as m

# In foreign-key order, so an import can insert them one table after the other.
TABLES: list[type[m.Base]] = [
    m.Unit, m.Office, m.Person, m.Household, m.Movement, m.NominationRound, m.Nomination,
    m.NominationEvent, m.Attachment, m.CouncilMeeting, m.CouncilMember, m.Recusal, m.Ballot,
    m.Decision, m.DecisionLine, m.AwardRecord,
]
BY_NAME: dict[str, type[m.Base]] = {t.__tablename__: t for t in TABLES}
# Tables pulled in when a record refers to them; other missing references become null.
FOLLOWED = {"unit", "office", "person", "household", "movement"}
# Columns that never travel: these two, and every table's local edit counter.
LOCAL = {("office", "is_own"), ("attachment", "content")}
VERSION = "version"
TIMESTAMPS = ("created_at", "updated_at")


class RecordError(ValueError):
    """A record in a package that does not fit the schema."""


def table(model: type[m.Base]) -> SATable:
    t = model.__table__
    assert isinstance(t, SATable)
    return t


def travels(name: str, column: str) -> bool:
    return (name, column) not in LOCAL and column != VERSION


def columns(name: str) -> list[str]:
    return [c.name for c in table(BY_NAME[name]).columns if travels(name, c.name)]


def encode_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_row(name: str, row: Any) -> dict[str, Any]:
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return {c: encode_value(mapping[c]) for c in columns(name)}


def decode_row(name: str, data: Any) -> dict[str, Any]:
    """Check one record against the schema and return database values; RecordError if bad."""
    if not isinstance(data, dict):
        raise RecordError(name)
    cols = {c.name: c for c in table(BY_NAME[name]).columns if travels(name, c.name)}
    if set(data) != set(cols):
        raise RecordError(f"{name}: {sorted(set(data) ^ set(cols))}")
    out: dict[str, Any] = {}
    for key, value in data.items():
        col = cols[key]
        if value is None:
            if not col.nullable and key not in TIMESTAMPS:
                raise RecordError(f"{name}.{key}")
            out[key] = None
            continue
        out[key] = _decode(col.type, value, f"{name}.{key}")
    return out


def _decode(kind: Any, value: Any, where: str) -> Any:
    try:
        if isinstance(kind, Uuid):
            if not isinstance(value, str):
                raise RecordError(where)
            return uuid.UUID(value)
        if isinstance(kind, DateTime):
            if not isinstance(value, str):
                raise RecordError(where)
            return datetime.fromisoformat(value)
        if isinstance(kind, Date):
            if not isinstance(value, str):
                raise RecordError(where)
            return date.fromisoformat(value)
        if isinstance(kind, Numeric):
            if not isinstance(value, str):
                raise RecordError(where)
            return Decimal(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise RecordError(where)
            return value
        if isinstance(kind, Integer):
            if not isinstance(value, int) or isinstance(value, bool):
                raise RecordError(where)
            return value
        if isinstance(kind, String):  # Text is a String
            if not isinstance(value, str) or (kind.length and len(value) > kind.length):
                raise RecordError(where)
            return value
        if isinstance(kind, JSON):
            return value
        if isinstance(kind, LargeBinary):
            raise RecordError(where)
    except (ValueError, InvalidOperation) as exc:
        raise RecordError(where) from exc
    raise RecordError(where)

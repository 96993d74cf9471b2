"""Possible duplicates: the same person arriving from two offices under two different UUIDs.

Flagged, never merged: the same CCCD, or the same name (ignoring diacritics and case) with the
same date of birth. The CCCD is unique in a database, so an incoming person whose CCCD is
already held by another record is imported with the CCCD left empty and flagged for the officer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.text import search_key
from desktop.store import models as m

CHUNK = 500


@dataclass(frozen=True)
class Duplicate:
    incoming_id: uuid.UUID
    incoming_name: str
    existing_id: uuid.UUID
    existing_name: str
    birth_date: date | None
    by_cccd: bool  # else by name and date of birth


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def find(session: Session, people: list[dict[str, Any]]) -> list[Duplicate]:
    """Duplicates of the incoming `people` (decoded rows) among other records here."""
    by_cccd: dict[str, dict[str, Any]] = {p["cccd"]: p for p in people if p["cccd"]}
    by_name: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for p in people:
        if p["birth_date"] is not None:
            by_name.setdefault((search_key(p["full_name"]), p["birth_date"]), []).append(p)
    found: dict[tuple[uuid.UUID, uuid.UUID], Duplicate] = {}
    cols = (m.Person.id, m.Person.full_name, m.Person.cccd, m.Person.birth_date)
    for part in _chunks(sorted(by_cccd)):
        for pid, name, cccd, born in session.execute(select(*cols).where(m.Person.cccd.in_(part))):
            mine = by_cccd.get(cccd or "")
            if mine is not None and pid != mine["id"]:
                found[(mine["id"], pid)] = Duplicate(mine["id"], mine["full_name"], pid, name,
                                                     born, True)
    keys = sorted({k for k, _d in by_name})
    for part in _chunks(keys):
        for pid, name, _c, born in session.execute(
                select(*cols).where(m.Person.search_key.in_(part))):
            for mine in by_name.get((search_key(name), born), []) if born else []:
                if pid != mine["id"] and (mine["id"], pid) not in found:
                    found[(mine["id"], pid)] = Duplicate(mine["id"], mine["full_name"], pid, name,
                                                         born, False)
    return list(found.values())

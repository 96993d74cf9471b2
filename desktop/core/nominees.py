"""Choosing whom to nominate and for what: subjects found by name, awards open to them.

Read-only helpers for the nomination dialog; the nomination itself is `rounds.nominate`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.screening import shipped_catalogue
from desktop.core.text import search_key
from desktop.i18n import N_
from desktop.store.kinds import RoundKind, SubjectKind
from desktop.store.models import Household, Office, Person, Unit

ROUND_KINDS = {
    RoundKind.HANG_NAM: N_("Yearly"),
    RoundKind.SO_KET: N_("Interim review (sơ kết)"),
    RoundKind.TONG_KET: N_("Final review (tổng kết)"),
    RoundKind.DOT_XUAT: N_("One-off (đột xuất)"),
}


@dataclass(frozen=True)
class Choice:
    id: uuid.UUID
    label: str  # what the list shows: the name, and where the subject belongs


def find_subjects(session: Session, kind: SubjectKind, text: str, limit: int = 50,
                  ) -> list[Choice]:
    """Subjects of `kind` whose name contains `text`, ignoring case and diacritics."""
    pattern = f"%{search_key(text)}%"
    if kind is SubjectKind.CA_NHAN:
        rows = session.execute(
            select(Person.id, Person.full_name, Person.position, Unit.name)
            .outerjoin(Unit, Person.unit_id == Unit.id)
            .where(Person.search_key.like(pattern))
            .order_by(Person.sort_key).limit(limit))
        return [Choice(pid, ", ".join(x for x in (name, position, unit) if x))
                for pid, name, position, unit in rows]
    if kind is SubjectKind.TAP_THE:
        units = session.execute(
            select(Unit.id, Unit.name).where(Unit.search_key.like(pattern), Unit.valid_to.is_(None))
            .order_by(Unit.sort_key).limit(limit))
        return [Choice(uid, name) for uid, name in units]
    households = session.execute(
        select(Household.id, Household.head_name, Household.address)
        .where(Household.search_key.like(pattern))
        .order_by(Household.sort_key).limit(limit))
    return [Choice(hid, ", ".join(x for x in (head, address) if x))
            for hid, head, address in households]


def awards_open_to(session: Session, kind: SubjectKind, on: date) -> list[tuple[str, str]]:
    """(code, name) of the awards in force on `on` that this office may propose for `kind`."""
    catalogue = shipped_catalogue()
    office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
    level = office.level if office is not None else None
    if level not in {lvl.code for lvl in catalogue.office_levels_on(on)}:
        level = None  # e.g. a district office after 01/7/2025: show all, the rules will say
    found = []
    for code in sorted(catalogue.codes()):
        for row in catalogue.award_rows(code):
            if not row.covers(on) or kind.value not in row.subject_kinds:
                continue
            if level is None or row.can_propose(level):
                found.append((code, row.name))
            break
    return sorted(found, key=lambda item: item[1])

"""Which records still refer to a record: the check before a deletion, worded for the officer."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import N_, _
from desktop.store.models import Base

# What may refer to a record, in the words shown when it cannot be deleted.
LABELS = {
    "unit": N_("sub-units"),
    "person": N_("person records"),
    "household": N_("household records"),
    "person_position": N_("work history of people"),
    "unit_lineage": N_("merge or rename history"),
    "bloc_member": N_("bloc memberships"),
    "office": N_("the office settings"),
    "score": N_("score records"),
    "score_adjustment": N_("bonus or penalty points"),
    "nomination": N_("nomination records"),
    "decision_line": N_("decision lines"),
    "award_record": N_("award history records"),
    "task_rating": N_("task ratings"),
    "initiative": N_("initiatives"),
    "discipline": N_("discipline records"),
    "criterion": N_("criterion records"),
}


def references(session: Session, table: str, ident: uuid.UUID) -> dict[str, int]:
    """How many records of each table point at `ident` of `table` (empty: none)."""
    target = Base.metadata.tables[table].c.id
    found: dict[str, int] = {}
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column is not target:
                continue
            n = session.scalar(select(func.count()).select_from(other)
                               .where(fk.parent == ident)) or 0
            if n:
                found[other.name] = found.get(other.name, 0) + n
    return found


def describe(found: dict[str, int]) -> str:
    """«3 score records, 1 nomination records»."""
    return ", ".join("{n} {what}".format(n=n, what=_(LABELS.get(t, N_("other records"))))
                     for t, n in found.items())

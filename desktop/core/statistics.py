"""Statistics of the award history: counts and amounts by award, unit, year and sex.

Counts come from the award history (every award a subject received, typed in or decided here);
amounts from the decision lines behind the awards this program decided (typed-in awards carry
no amount). An individual's unit is the unit they belong to now; a household's is its village.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from desktop.core.labels import GENDERS, SUBJECT_KINDS, label
from desktop.core.service import Part
from desktop.core.text import sort_key
from desktop.i18n import _
from desktop.store.kinds import SubjectKind
from desktop.store.models import AwardRecord, DecisionLine, Household, Person, Unit


@dataclass(frozen=True)
class StatRow:
    key: str  # the grouped value (award code, unit id, year, gender)
    label: str
    count: int
    amount: int


@dataclass(frozen=True)
class Filter:
    year_from: int | None = None
    year_to: int | None = None
    subject_kind: str | None = None  # a SubjectKind value, or every kind

    def conditions(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.year_from is not None:
            out.append(AwardRecord.year >= self.year_from)
        if self.year_to is not None:
            out.append(AwardRecord.year <= self.year_to)
        if self.subject_kind:
            out.append(AwardRecord.subject_kind == self.subject_kind)
        return out


_COUNT = func.count(AwardRecord.id)
_AMOUNT = func.coalesce(func.sum(DecisionLine.amount), 0)


def _grouped(session: Session, key: Any, flt: Filter, *joins: tuple[Any, Any],
             extra: list[ColumnElement[bool]] | None = None) -> list[tuple[Any, int, int]]:
    query: Select[Any] = (
        select(key, _COUNT, _AMOUNT)
        .select_from(AwardRecord)
        .outerjoin(DecisionLine, DecisionLine.id == AwardRecord.decision_line_id)
    )
    for target, on in joins:
        query = query.outerjoin(target, on)
    for cond in flt.conditions() + (extra or []):
        query = query.where(cond)
    return [(k, int(n), int(a)) for k, n, a in session.execute(query.group_by(key))]


def by_year(session: Session, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
    """Every year from the first to the last, a year without awards shown as zero."""
    found = {y: (n, a) for y, n, a in _grouped(session, AwardRecord.year, flt)}
    if not found:
        return []
    span = range(min(found), max(found) + 1)
    return [StatRow(str(y), str(y), *found.get(y, (0, 0))) for y in span]


def by_award(session: Session, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
    rows = _grouped(session, AwardRecord.award_code, flt)
    names = dict(session.execute(
        select(AwardRecord.award_code, func.max(AwardRecord.award_name))
        .group_by(AwardRecord.award_code)).all())
    out = [StatRow(code, names.get(code, code), n, a) for code, n, a in rows]
    return sorted(out, key=lambda r: (-r.count, sort_key(r.label)))


def by_unit(session: Session, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
    unit_id = func.coalesce(AwardRecord.unit_id, Person.unit_id, Household.unit_id)
    rows = _grouped(session, unit_id, flt,
                    (Person, Person.id == AwardRecord.person_id),
                    (Household, Household.id == AwardRecord.household_id))
    names = dict(session.execute(select(Unit.id, Unit.name).where(
        Unit.id.in_([u for u, _n, _a in rows if u is not None]))).all())
    out = [StatRow(str(u) if u else "", names.get(u, "") if u else _("(no unit)"), n, a)
           for u, n, a in rows]
    return sorted(out, key=lambda r: (-r.count, sort_key(r.label)))


def by_sex(session: Session, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
    """Awards to individuals only, by sex (collectives and households have none)."""
    rows = _grouped(session, Person.gender, flt,
                    (Person, Person.id == AwardRecord.person_id),
                    extra=[AwardRecord.subject_kind == SubjectKind.CA_NHAN.value])
    return [StatRow(g or "", label(GENDERS, g or ""), n, a) for g, n, a in sorted(rows)]


def by_subject_kind(session: Session, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
    rows = _grouped(session, AwardRecord.subject_kind, flt)
    order = [k.value for k in SubjectKind]
    return [StatRow(k, label(SUBJECT_KINDS, k), n, a)
            for k, n, a in sorted(rows, key=lambda r: order.index(r[0]))]


def years(session: Session) -> list[int]:
    return list(session.scalars(
        select(AwardRecord.year).distinct().order_by(AwardRecord.year)))


GROUPINGS = {
    "award": by_award,
    "unit": by_unit,
    "year": by_year,
    "sex": by_sex,
    "subject_kind": by_subject_kind,
}


class StatisticsService(Part):
    """Read-only figures for the statistics view and its export."""

    def table(self, grouping: str, flt: Filter = Filter()) -> list[StatRow]:  # noqa: B008
        with self.services.reading() as session:
            return GROUPINGS[grouping](session, flt)

    def years(self) -> list[int]:
        with self.services.reading() as session:
            return years(session)

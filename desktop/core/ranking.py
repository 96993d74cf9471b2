"""Ranking of the units of a khối / cụm thi đua: points per criterion group, total, rank, grade.

Read-only. Points are the appraised ones (self-assessed where not yet appraised), plus bonus and
minus penalty points. Equal totals share a rank (the council breaks ties by vote). Grade bands
are shares of the maximum and differ between provinces, so callers may pass their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.text import sort_key
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import (
    Bloc,
    BlocMember,
    Criterion,
    Movement,
    Score,
    ScoreAdjustment,
    TargetGroup,
    Unit,
)

K = TypeVar("K")
# (share of the maximum in %, grade), highest first.
DEFAULT_BANDS: tuple[tuple[int, str], ...] = (
    (90, "Xuất sắc"), (80, "Tốt"), (70, "Khá"), (0, "Trung bình"))
ROLE_WORDS = {"truong": "Khối trưởng", "pho": "Khối phó"}
CLUSTER_ROLE_WORDS = {"truong": "Cụm trưởng", "pho": "Cụm phó"}


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class RankedUnit:
    name: str
    role: str  # «Khối trưởng», «Khối phó» or ""
    points: dict[str, Decimal]  # by column code
    adjustment: Decimal
    total: Decimal | None  # None: not scored
    rank: int | None
    grade: str


@dataclass(frozen=True)
class GroupTable:
    code: str
    name: str
    columns: list[Column]
    units: list[RankedUnit]

    @property
    def maximum(self) -> Decimal:
        return sum((c.max_points for c in self.columns), Decimal(0))


@dataclass(frozen=True)
class BlocRanking:
    name: str
    kind: str  # khoi | cum
    year: int
    groups: list[GroupTable]


def latest_scored_year(session: Session, movement_id: uuid.UUID) -> int:
    year = session.scalar(select(func.max(Score.year)).join(
        Criterion, Criterion.id == Score.criterion_id).join(
        TargetGroup, TargetGroup.id == Criterion.target_group_id).where(
        TargetGroup.movement_id == movement_id))
    if year is None:
        raise UserError(_("No unit has been scored in this movement yet; enter the scores "
                          "before printing the ranking."))
    return int(year)


def grade(total: Decimal, maximum: Decimal,
          bands: Sequence[tuple[int, str]] = DEFAULT_BANDS) -> str:
    share = total * 100 / maximum if maximum else Decimal(0)
    for floor, name in bands:
        if share >= floor:
            return name
    return bands[-1][1] if bands else ""


def competition_ranks(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """1, 2, 2, 4 …: equal totals share a rank and the next rank skips."""
    ordered = sorted(totals.values(), reverse=True)
    return {key: ordered.index(total) + 1 for key, total in totals.items()}


def _members(session: Session, bloc: Bloc, year: int) -> list[BlocMember]:
    """The members of the year, else of the latest earlier year (membership is yearly)."""
    years = sorted({m.year for m in bloc.members if m.year <= year}, reverse=True) or \
        sorted({m.year for m in bloc.members})
    return [m for m in bloc.members if years and m.year == years[0]]


def rank_bloc(session: Session, bloc_id: uuid.UUID, movement_id: uuid.UUID, year: int,
              bands: Sequence[tuple[int, str]] = DEFAULT_BANDS) -> BlocRanking:
    bloc = session.get(Bloc, bloc_id)
    movement = session.get(Movement, movement_id)
    if bloc is None or movement is None:
        raise UserError(_("The bloc or the movement no longer exists; refresh the list."))
    members = _members(session, bloc, year)
    units = {u.id: u for u in session.scalars(select(Unit).where(
        Unit.id.in_([m.unit_id for m in members])))}
    roles = CLUSTER_ROLE_WORDS if bloc.kind == "cum" else ROLE_WORDS
    role_of = {m.unit_id: roles.get(m.role, "") for m in members}
    groups = list(session.scalars(select(TargetGroup).where(
        TargetGroup.movement_id == movement_id, TargetGroup.subject_kind == "tap_the")
        .order_by(TargetGroup.position)))
    criteria = list(session.scalars(select(Criterion).where(
        Criterion.target_group_id.in_([g.id for g in groups]))))
    top_of: dict[uuid.UUID, Criterion] = {}
    by_id = {c.id: c for c in criteria}
    for c in criteria:
        top = c
        while top.parent_id is not None:
            top = by_id[top.parent_id]
        top_of[c.id] = top
    points = session.execute(
        select(Score.unit_id, Score.criterion_id,
               func.coalesce(Score.verified_points, Score.self_points))
        .where(Score.unit_id.in_(list(units)), Score.year == year,
               Score.criterion_id.in_(list(by_id)))).all()
    scored: dict[uuid.UUID, dict[str, Decimal]] = {}
    group_of_unit: dict[uuid.UUID, uuid.UUID] = {}
    parents = {c.parent_id for c in criteria}
    for unit_id, crit_id, value in points:
        if crit_id in parents or unit_id is None:
            continue  # a parent node: its leaves carry the points
        top = top_of[crit_id]
        row = scored.setdefault(unit_id, {})
        row[top.code] = row.get(top.code, Decimal(0)) + Decimal(str(value or 0))
        group_of_unit[unit_id] = top.target_group_id
    adjustments = dict(session.execute(
        select(ScoreAdjustment.unit_id, func.sum(ScoreAdjustment.points))
        .where(ScoreAdjustment.movement_id == movement_id, ScoreAdjustment.year == year,
               ScoreAdjustment.unit_id.in_(list(units)))
        .group_by(ScoreAdjustment.unit_id)).all())
    for unit_id, unit in units.items():  # unscored members go to the group of their kind
        if unit_id not in group_of_unit:
            for g in groups:
                if unit.kind in (g.unit_kinds or []):
                    group_of_unit[unit_id] = g.id
                    break
    totals = {u: sum(p.values(), Decimal(0)) + Decimal(str(adjustments.get(u) or 0))
              for u, p in scored.items()}
    rank_of = competition_ranks(totals)
    tables: list[GroupTable] = []
    for g in groups:
        tops = sorted((c for c in criteria if c.target_group_id == g.id and c.parent_id is None),
                      key=lambda c: [int(p) if p.isdigit() else 0 for p in c.code.split(".")[1:]])
        columns = [Column(c.code, c.name, Decimal(c.max_points)) for c in tops]
        maximum = sum((c.max_points for c in columns), Decimal(0))
        rows = []
        for unit_id in (u for u in units if group_of_unit.get(u) == g.id):
            total = totals.get(unit_id)
            rows.append(RankedUnit(
                units[unit_id].name, role_of.get(unit_id, ""), scored.get(unit_id, {}),
                Decimal(str(adjustments.get(unit_id) or 0)), total, rank_of.get(unit_id),
                grade(total, maximum, bands) if total is not None else ""))
        if not rows:
            continue
        rows.sort(key=lambda r: (r.rank is None, r.rank or 0, sort_key(r.name)))
        tables.append(GroupTable(g.code, g.name, columns, rows))
    return BlocRanking(bloc.name, bloc.kind, year, tables)


def blocs_of_year(session: Session, year: int) -> list[Bloc]:
    """Blocs with members in `year` (or before), in Vietnamese order of their names."""
    blocs = session.scalars(select(Bloc).join(BlocMember).where(BlocMember.year <= year)
                            .distinct()).all()
    return sorted(blocs, key=lambda b: (b.kind != "khoi", sort_key(b.name)))

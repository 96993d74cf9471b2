"""The scoring sheet of a target group and year: units × criteria, saved in one go, undoable.

The sheet holds the self-assessed and the appraised points of every collective unit of the
group on every leaf criterion. A save writes all changed cells in one transaction (or none, if
any value is out of range) and can be undone as a whole until the next save.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import validate
from desktop.core.service import Part, Subject
from desktop.core.text import format_number, sort_key_str
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.kinds import SubjectKind
from desktop.store.models import Bloc, BlocMember, Criterion, Score, TargetGroup, Unit

SELF, VERIFIED = "self", "verified"
MAX_DECIMALS = 2


@dataclass(frozen=True)
class SheetCriterion:
    id: uuid.UUID
    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class SheetUnit:
    id: uuid.UUID
    name: str
    bloc_id: uuid.UUID | None
    bloc_name: str


@dataclass
class ScoreSheet:
    target_group_id: uuid.UUID
    year: int
    criteria: list[SheetCriterion]
    units: list[SheetUnit]
    # (unit id, criterion id) → points; a missing key is an empty cell
    points: dict[str, dict[tuple[uuid.UUID, uuid.UUID], Decimal]] = field(
        default_factory=lambda: {SELF: {}, VERIFIED: {}})


@dataclass(frozen=True)
class CellChange:
    unit_id: uuid.UUID
    criterion_id: uuid.UUID
    layer: str  # SELF or VERIFIED
    value: Decimal | None


@dataclass(frozen=True)
class _Saved:
    """What the last save changed, to put it back."""

    year: int
    before: list[CellChange]
    created: list[tuple[uuid.UUID, uuid.UUID]]  # score rows the save created


def parse_points(text: str) -> Decimal | None:
    """«7», «7,5» or «7.5» → Decimal; an empty text is an empty cell."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UserError(_("“{text}” is not a number of points; type a number such as 7 or "
                          "7,5.").format(text=text.strip())) from None
    if not value.is_finite() or value.as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
        raise UserError(_("“{text}” has too many decimals; type at most two, such as 7,25.")
                        .format(text=text.strip()))
    return value


def check_points(value: Decimal | None, criterion: SheetCriterion) -> None:
    if value is not None and not Decimal(0) <= value <= criterion.max_points:
        raise UserError(_("Criterion {code} allows 0 to {max} points; type a value in that "
                          "range.").format(code=criterion.code,
                                           max=format_number(criterion.max_points.normalize())))


def rank_in_blocs(totals: dict[uuid.UUID, Decimal],
                  bloc_of: dict[uuid.UUID, uuid.UUID | None]) -> dict[uuid.UUID, int]:
    """Competition ranking (1, 2, 2, 4) inside each bloc; units outside a bloc rank together."""
    groups: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for unit_id in totals:
        groups.setdefault(bloc_of.get(unit_id), []).append(unit_id)
    ranks: dict[uuid.UUID, int] = {}
    for members in groups.values():
        ordered = sorted(members, key=lambda u: totals[u], reverse=True)
        for i, unit_id in enumerate(ordered):
            same = i and totals[ordered[i - 1]] == totals[unit_id]
            ranks[unit_id] = ranks[ordered[i - 1]] if same else i + 1
    return ranks


class ScoreSheetService(Part):
    _last: _Saved | None = None

    def collective_groups(self, movement_id: uuid.UUID) -> list[TargetGroup]:
        """The target groups of a movement whose subjects are units."""
        with self.services.reading() as session:
            return list(session.scalars(
                select(TargetGroup).where(TargetGroup.movement_id == movement_id,
                                          TargetGroup.subject_kind == SubjectKind.TAP_THE.value)
                .order_by(TargetGroup.position)))

    def latest_year(self, target_group_id: uuid.UUID) -> int | None:
        """The last year with unit scores in this group, to open the sheet on."""
        with self.services.reading() as session:
            year = session.scalar(
                select(func.max(Score.year)).join(Criterion, Criterion.id == Score.criterion_id)
                .where(Criterion.target_group_id == target_group_id,
                       Score.unit_id.is_not(None)))
        return int(year) if year is not None else None

    def sheet(self, target_group_id: uuid.UUID, year: int) -> ScoreSheet:
        validate.year(year)
        with self.services.reading() as session:
            group = self._get(session, TargetGroup, target_group_id, _("target group"))
            leaves = _leaves_in_tree_order(list(session.scalars(
                select(Criterion).where(Criterion.target_group_id == target_group_id)
                .order_by(Criterion.position))))
            criteria = [SheetCriterion(c.id, c.code, c.name, Decimal(c.max_points))
                        for c in leaves]
            crit_ids = [c.id for c in criteria]
            scores = list(session.scalars(select(Score).where(
                Score.criterion_id.in_(crit_ids), Score.year == year,
                Score.unit_id.is_not(None)))) if crit_ids else []
            scored = {s.unit_id for s in scores}
            kinds = list(group.unit_kinds)
            units = list(session.scalars(select(Unit).where(
                Unit.kind.in_(kinds) | Unit.id.in_(list(scored)))))
            units = [u for u in units if u.id in scored or self._active(u, year)]
            blocs = self._blocs(session, [u.id for u in units], year)
            rows = [SheetUnit(u.id, u.name, *blocs.get(u.id, (None, ""))) for u in units]
            rows.sort(key=lambda r: (r.bloc_name == "", sort_key_str(r.bloc_name),
                                     sort_key_str(r.name)))
            sheet = ScoreSheet(target_group_id, year, criteria, rows)
            for s in scores:
                assert s.unit_id is not None
                if s.self_points is not None:
                    sheet.points[SELF][(s.unit_id, s.criterion_id)] = Decimal(s.self_points)
                if s.verified_points is not None:
                    sheet.points[VERIFIED][(s.unit_id, s.criterion_id)] = \
                        Decimal(s.verified_points)
            return sheet

    @staticmethod
    def _active(unit: Unit, year: int) -> bool:
        return (unit.valid_from is None or unit.valid_from.year <= year) and (
            unit.valid_to is None or unit.valid_to.year >= year)

    @staticmethod
    def _blocs(session: Session, unit_ids: list[uuid.UUID],
               year: int) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
        """Each unit's bloc in `year`, or in the nearest earlier year, else the first known."""
        found: dict[uuid.UUID, tuple[int, uuid.UUID, str]] = {}
        rows = session.execute(
            select(BlocMember.unit_id, BlocMember.year, Bloc.id, Bloc.name)
            .join(Bloc, Bloc.id == BlocMember.bloc_id)
            .where(BlocMember.unit_id.in_(unit_ids))).all()
        for unit_id, member_year, bloc_id, name in rows:
            distance = year - member_year if member_year <= year else 1000 + member_year - year
            if unit_id not in found or distance < found[unit_id][0]:
                found[unit_id] = (distance, bloc_id, name)
        return {u: (b, n) for u, (_d, b, n) in found.items()}

    def save(self, target_group_id: uuid.UUID, year: int,
             changes: Iterable[CellChange]) -> int:
        """Write the changed cells in one transaction; all or nothing."""
        items = list(changes)
        if not items:
            return 0
        sheet_criteria = {c.id: c for c in self.sheet(target_group_id, year).criteria}
        for change in items:
            criterion = sheet_criteria.get(change.criterion_id)
            if criterion is None:
                raise UserError(_("The criterion no longer exists; refresh the list."))
            if change.layer not in (SELF, VERIFIED):
                raise UserError(_("Unknown kind of points; refresh the sheet."))
            check_points(change.value, criterion)
        before: list[CellChange] = []
        created: list[tuple[uuid.UUID, uuid.UUID]] = []
        with self._tx() as session:
            rows = self._rows(session, year, items)
            for change in items:
                key = (change.unit_id, change.criterion_id)
                row = rows.get(key)
                if row is None:
                    self._get(session, Unit, change.unit_id, _("unit"))
                    row = Score(**Subject.unit(change.unit_id).columns(),
                                criterion_id=change.criterion_id, year=year)
                    session.add(row)
                    rows[key] = row
                    created.append(key)
                attr = "self_points" if change.layer == SELF else "verified_points"
                before.append(CellChange(change.unit_id, change.criterion_id, change.layer,
                                         getattr(row, attr)))
                setattr(row, attr, change.value)
            self._audit(session, "score.sheet", entity="target_group",
                        entity_id=target_group_id, before={"cells": _plain(before)},
                        after={"year": year, "cells": _plain(items)},
                        summary=_("{n} scores saved").format(n=len(items)))
        self._last = _Saved(year, before, created)
        return len(items)

    def can_undo(self) -> bool:
        return self._last is not None

    def undo_last_save(self) -> int:
        """Put back the cells of the last save (once)."""
        saved = self._last
        if saved is None:
            raise UserError(_("There is no saved change of scores to undo."))
        with self._tx() as session:
            rows = self._rows(session, saved.year, saved.before)
            for change in reversed(saved.before):
                row = rows.get((change.unit_id, change.criterion_id))
                if row is None:
                    raise UserError(_("The scores were changed elsewhere; refresh the sheet."))
                setattr(row, "self_points" if change.layer == SELF else "verified_points",
                        change.value)
            for key in saved.created:
                row = rows[key]
                if row.self_points is None and row.verified_points is None:
                    session.delete(row)
            self._audit(session, "score.undo", entity="score",
                        after={"year": saved.year, "cells": _plain(saved.before)},
                        summary=_("{n} scores put back").format(n=len(saved.before)))
        self._last = None
        return len(saved.before)

    @staticmethod
    def _rows(session: Session, year: int,
              cells: list[CellChange]) -> dict[tuple[uuid.UUID, uuid.UUID], Score]:
        unit_ids = list({c.unit_id for c in cells})
        crit_ids = list({c.criterion_id for c in cells})
        found = session.scalars(select(Score).where(
            Score.year == year, Score.unit_id.in_(unit_ids), Score.criterion_id.in_(crit_ids)))
        return {(s.unit_id, s.criterion_id): s for s in found if s.unit_id is not None}


def _leaves_in_tree_order(criteria: list[Criterion]) -> list[Criterion]:
    children: dict[uuid.UUID | None, list[Criterion]] = {}
    for crit in criteria:
        children.setdefault(crit.parent_id, []).append(crit)
    leaves: list[Criterion] = []

    def walk(parent: uuid.UUID | None) -> None:
        for crit in children.get(parent, []):
            if crit.id in children:
                walk(crit.id)
            else:
                leaves.append(crit)

    walk(None)
    return leaves


def _plain(cells: list[CellChange]) -> list[list[str | None]]:
    return [[str(c.unit_id), str(c.criterion_id), c.layer,
             None if c.value is None else str(c.value)] for c in cells]

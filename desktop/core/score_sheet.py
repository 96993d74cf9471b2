"""The scoring sheet of a target group and year: subjects × criteria, saved in one go, undoable.

The subjects are those of the group's kind. For collectives the sheet holds every unit of the
group's unit kinds, ranked within its bloc. Households and individuals are far too many for one
sheet: it holds those of one unit (and those already scored there), ranked within the whole
group. A save writes all changed cells in one transaction (or none, if any value is out of
range) and can be undone as a whole until the next save.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import validate
from desktop.core.service import Part, Subject
from desktop.core.text import format_number, sort_key_str
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.kinds import SubjectKind
from desktop.store.models import (
    Bloc,
    BlocMember,
    Criterion,
    Household,
    Person,
    Score,
    TargetGroup,
    Unit,
)

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
    """A row of the sheet: a unit, a household or a person (`id` is the subject's id).

    `bloc_*` is what it is ranked with: a unit's bloc, or the unit of a household or person.
    """

    id: uuid.UUID
    name: str
    bloc_id: uuid.UUID | None
    bloc_name: str


@dataclass
class ScoreSheet:
    target_group_id: uuid.UUID
    year: int
    criteria: list[SheetCriterion]
    units: list[SheetUnit]  # the rows, whatever the kind of subject
    # (subject id, criterion id) → points; a missing key is an empty cell
    points: dict[str, dict[tuple[uuid.UUID, uuid.UUID], Decimal]] = field(
        default_factory=lambda: {SELF: {}, VERIFIED: {}})
    subject_kind: str = SubjectKind.TAP_THE.value
    # Households and individuals rank within the whole group: the totals of those scored in
    # the group and year but not on this sheet (appraised points, else self-assessed).
    others: dict[uuid.UUID, Decimal] = field(default_factory=dict)

    @property
    def ranked_in_blocs(self) -> bool:
        return self.subject_kind == SubjectKind.TAP_THE.value


@dataclass(frozen=True)
class CellChange:
    unit_id: uuid.UUID  # the subject: a unit, household or person, as the sheet's kind says
    criterion_id: uuid.UUID
    layer: str  # SELF or VERIFIED
    value: Decimal | None


@dataclass(frozen=True)
class SubjectUnit:
    """A unit whose households or people can be scored, with how many it has."""

    id: uuid.UUID
    name: str
    count: int


@dataclass(frozen=True)
class _Saved:
    """What the last save changed, to put it back."""

    year: int
    kind: str
    before: list[CellChange]
    created: list[tuple[uuid.UUID, uuid.UUID]]  # score rows the save created


# The subject table and the score column of each kind of subject.
SUBJECTS: dict[str, tuple[Any, Any]] = {
    SubjectKind.TAP_THE.value: (Unit, Score.unit_id),
    SubjectKind.HO_GIA_DINH.value: (Household, Score.household_id),
    SubjectKind.CA_NHAN.value: (Person, Score.person_id),
}


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

    def groups(self, movement_id: uuid.UUID) -> list[TargetGroup]:
        """The target groups of a movement, in the plan's order (units, households, people)."""
        with self.services.reading() as session:
            return list(session.scalars(
                select(TargetGroup).where(TargetGroup.movement_id == movement_id)
                .order_by(TargetGroup.position)))

    def subject_units(self, target_group_id: uuid.UUID) -> list[SubjectUnit]:
        """For a group of households or individuals: the units that have some, by name."""
        with self.services.reading() as session:
            group = self._get(session, TargetGroup, target_group_id, _("target group"))
            model = SUBJECTS[group.subject_kind][0]
            if model is Unit:
                return []
            rows = session.execute(
                select(Unit.id, Unit.name, func.count(model.id))
                .join(model, model.unit_id == Unit.id)
                .group_by(Unit.id, Unit.name, Unit.sort_key).order_by(Unit.sort_key)).all()
        return [SubjectUnit(r[0], r[1], int(r[2])) for r in rows]

    def latest_year(self, target_group_id: uuid.UUID) -> int | None:
        """The last year with scores in this group, to open the sheet on."""
        with self.services.reading() as session:
            year = session.scalar(
                select(func.max(Score.year)).join(Criterion, Criterion.id == Score.criterion_id)
                .where(Criterion.target_group_id == target_group_id))
        return int(year) if year is not None else None

    def sheet(self, target_group_id: uuid.UUID, year: int,
              unit_id: uuid.UUID | None = None) -> ScoreSheet:
        """The sheet of a group and year; for households and individuals, those of `unit_id`
        and those already scored there (all those scored in the group when it is None)."""
        validate.year(year)
        with self.services.reading() as session:
            group = self._get(session, TargetGroup, target_group_id, _("target group"))
            kind = group.subject_kind
            model, column = SUBJECTS[kind]
            criteria = _criteria(session, target_group_id)
            crit_ids = [c.id for c in criteria]
            scores = list(session.scalars(select(Score).where(
                Score.criterion_id.in_(crit_ids), Score.year == year,
                column.is_not(None)))) if crit_ids else []
            if model is Unit:
                rows = self._unit_rows(session, group, scores, year)
                others: dict[uuid.UUID, Decimal] = {}
            else:
                rows = self._member_rows(session, model, column, scores, unit_id)
                others = _totals(scores, column, exclude={r.id for r in rows})
            shown = {r.id for r in rows}
            sheet = ScoreSheet(target_group_id, year, criteria, rows, subject_kind=kind,
                               others=others)
            for s in scores:
                subject = getattr(s, column.key)
                if subject not in shown:
                    continue
                if s.self_points is not None:
                    sheet.points[SELF][(subject, s.criterion_id)] = Decimal(s.self_points)
                if s.verified_points is not None:
                    sheet.points[VERIFIED][(subject, s.criterion_id)] = \
                        Decimal(s.verified_points)
            return sheet

    def _unit_rows(self, session: Session, group: TargetGroup, scores: list[Score],
                   year: int) -> list[SheetUnit]:
        scored = {s.unit_id for s in scores}
        units = list(session.scalars(select(Unit).where(
            Unit.kind.in_(list(group.unit_kinds)) | Unit.id.in_(list(scored)))))
        units = [u for u in units if u.id in scored or self._active(u, year)]
        blocs = self._blocs(session, [u.id for u in units], year)
        rows = [SheetUnit(u.id, u.name, *blocs.get(u.id, (None, ""))) for u in units]
        rows.sort(key=lambda r: (r.bloc_name == "", sort_key_str(r.bloc_name),
                                 sort_key_str(r.name)))
        return rows

    @staticmethod
    def _member_rows(session: Session, model: Any, column: Any, scores: list[Score],
                     unit_id: uuid.UUID | None) -> list[SheetUnit]:
        """Households or people of `unit_id`, and those of it already scored, by name."""
        scored = list({getattr(s, column.key) for s in scores})
        name = model.head_name if model is Household else model.full_name
        wanted = model.id.in_(scored) if unit_id is None else (model.unit_id == unit_id)
        found = sorted(session.execute(
            select(model.id, name, model.sort_key, Unit.id, Unit.name)
            .outerjoin(Unit, Unit.id == model.unit_id).where(wanted)).all(),
            key=lambda r: (r[2], str(r[0])))
        return [SheetUnit(r[0], r[1], r[3], r[4] or "") for r in found]

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
        with self.services.reading() as session:
            kind = self._get(session, TargetGroup, target_group_id,
                             _("target group")).subject_kind
            sheet_criteria = {c.id: c for c in _criteria(session, target_group_id)}
        for change in items:
            criterion = sheet_criteria.get(change.criterion_id)
            if criterion is None:
                raise UserError(_("The criterion no longer exists; refresh the list."))
            if change.layer not in (SELF, VERIFIED):
                raise UserError(_("Unknown kind of points; refresh the sheet."))
            check_points(change.value, criterion)
        model, _column = SUBJECTS[kind]
        what = {Unit: _("unit"), Household: _("household"), Person: _("person")}[model]
        before: list[CellChange] = []
        created: list[tuple[uuid.UUID, uuid.UUID]] = []
        with self._tx() as session:
            rows = self._rows(session, kind, year, items)
            for change in items:
                key = (change.unit_id, change.criterion_id)
                row = rows.get(key)
                if row is None:
                    self._get(session, model, change.unit_id, what)
                    row = Score(**Subject(SubjectKind(kind), change.unit_id).columns(),
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
                        after={"year": year, "kind": kind, "cells": _plain(items)},
                        summary=_("{n} scores saved").format(n=len(items)))
        self._last = _Saved(year, kind, before, created)
        return len(items)

    def can_undo(self) -> bool:
        return self._last is not None

    def undo_last_save(self) -> int:
        """Put back the cells of the last save (once)."""
        saved = self._last
        if saved is None:
            raise UserError(_("There is no saved change of scores to undo."))
        with self._tx() as session:
            rows = self._rows(session, saved.kind, saved.year, saved.before)
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
    def _rows(session: Session, kind: str, year: int,
              cells: list[CellChange]) -> dict[tuple[uuid.UUID, uuid.UUID], Score]:
        column = SUBJECTS[kind][1]
        subject_ids = list({c.unit_id for c in cells})
        crit_ids = list({c.criterion_id for c in cells})
        found = session.scalars(select(Score).where(
            Score.year == year, column.in_(subject_ids), Score.criterion_id.in_(crit_ids)))
        return {(getattr(s, column.key), s.criterion_id): s for s in found
                if getattr(s, column.key) is not None}


def _criteria(session: Session, target_group_id: uuid.UUID) -> list[SheetCriterion]:
    """The leaf criteria of a group, in the order of the plan's tree."""
    leaves = _leaves_in_tree_order(list(session.scalars(
        select(Criterion).where(Criterion.target_group_id == target_group_id)
        .order_by(Criterion.position))))
    return [SheetCriterion(c.id, c.code, c.name, Decimal(c.max_points)) for c in leaves]


def _totals(scores: list[Score], column: Any,
            exclude: set[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
    """Appraised points (else self-assessed) summed per subject, leaving out `exclude`."""
    totals: dict[uuid.UUID, Decimal] = {}
    for s in scores:
        subject = getattr(s, column.key)
        if subject in exclude:
            continue
        points = s.verified_points if s.verified_points is not None else s.self_points
        totals[subject] = totals.get(subject, Decimal(0)) + Decimal(points or 0)
    return totals


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

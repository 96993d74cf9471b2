"""What a báo cáo thành tích says about one subject: profile, award history, criterion results.

Read-only queries on an open session; the documents print what these return.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.service import Subject
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.kinds import AwardCategory, SubjectKind
from desktop.store.models import (
    AwardRecord,
    AwardType,
    Criterion,
    Household,
    Initiative,
    Person,
    Score,
    TargetGroup,
    TaskRatingRecord,
    Unit,
)

RATING_WORDS = {
    "htxs": "Hoàn thành xuất sắc nhiệm vụ",
    "htt": "Hoàn thành tốt nhiệm vụ",
    "ht": "Hoàn thành nhiệm vụ",
    "kht": "Không hoàn thành nhiệm vụ",
}
GENDER_WORDS = {"nam": "Nam", "nu": "Nữ"}


@dataclass(frozen=True)
class Profile:
    """Who the report is about, as the decree's section I prints it."""

    kind: str  # ca_nhan | tap_the | ho_gia_dinh
    name: str
    unit: str = ""  # đơn vị công tác (person), cấp trên (collective), thôn (household)
    position: str = ""
    gender: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    hometown: str = ""
    residence: str = ""
    qualification: str = ""
    staff: int = 0  # people on a collective's roll
    members: int = 0  # a household's members
    note: str = ""


@dataclass(frozen=True)
class AwardLine:
    year: int
    name: str
    decision: str  # «Số 105/QĐ-UBND ngày 12/01/2020 của Chủ tịch …»
    thematic: bool


@dataclass
class History:
    titles: list[AwardLine] = field(default_factory=list)  # danh hiệu thi đua
    forms: list[AwardLine] = field(default_factory=list)  # hình thức khen thưởng


@dataclass(frozen=True)
class CriterionResult:
    """One criterion of the subject's target group with its points for the year."""

    code: str
    name: str
    depth: int  # 0 for a top-level criterion
    max_points: Decimal
    target: str
    result: Decimal | None
    self_points: Decimal | None
    verified_points: Decimal | None

    @property
    def points(self) -> Decimal | None:
        return self.verified_points if self.verified_points is not None else self.self_points


@dataclass(frozen=True)
class GroupResults:
    group_code: str
    group_name: str
    year: int
    rows: list[CriterionResult]

    @property
    def total(self) -> Decimal:
        return sum((r.points or Decimal(0) for r in self.rows if r.depth == 0), Decimal(0))

    @property
    def maximum(self) -> Decimal:
        return sum((r.max_points for r in self.rows if r.depth == 0), Decimal(0))


def subject_column(kind: str) -> Any:
    return {"ca_nhan": Score.person_id, "tap_the": Score.unit_id,
            "ho_gia_dinh": Score.household_id}[kind]


CHUNK = 500  # ids per IN (…) list


class Book:
    """What the reports of many subjects read, loaded in a few queries for all of them.

    A round's 1,000 achievement reports read profiles, award histories, ratings, initiatives
    and criterion scores; one query per subject and kind made them wait on the database."""

    def __init__(self, session: Session, subjects: Iterable[Subject]) -> None:
        self.session = session
        self.subjects = list(dict.fromkeys(subjects))
        ids: dict[SubjectKind, list[uuid.UUID]] = {k: [] for k in SubjectKind}
        for s in self.subjects:
            ids[s.kind].append(s.id)
        self.ids = ids
        self._people = {p.id: p for p in self._each(
            Person, ids[SubjectKind.CA_NHAN], lambda q: q.options(selectinload(Person.unit)))}
        self._units = {u.id: u for u in self._each(
            Unit, ids[SubjectKind.TAP_THE], lambda q: q.options(selectinload(Unit.parent)))}
        self._households = {h.id: h for h in self._each(
            Household, ids[SubjectKind.HO_GIA_DINH],
            lambda q: q.options(selectinload(Household.unit)))}
        self._staff: dict[uuid.UUID | None, int] = {}
        for chunk in _chunks(ids[SubjectKind.TAP_THE]):
            for unit_id, staff in session.execute(
                    select(Person.unit_id, func.count(Person.id))
                    .where(Person.unit_id.in_(chunk)).group_by(Person.unit_id)):
                self._staff[unit_id] = staff
        self._awards = self._by_subject(AwardRecord, AwardRecord.year, AwardRecord.award_name)
        self._ratings = self._by_subject(TaskRatingRecord, TaskRatingRecord.year)
        self._initiatives = self._by_subject(Initiative, Initiative.year, Initiative.title)
        self._categories: dict[str, str] | None = None
        self._scores: dict[uuid.UUID, dict[Subject, list[Score]]] = {}
        self._groups: dict[uuid.UUID, tuple[TargetGroup, list[Criterion]]] = {}
        self._group_of: dict[uuid.UUID, uuid.UUID] = {}  # criterion → its target group

    def _each(self, model: Any, ids: list[uuid.UUID], options: Any) -> list[Any]:
        out: list[Any] = []
        for chunk in _chunks(ids):
            out += self.session.scalars(options(select(model).where(model.id.in_(chunk))))
        return out

    def _by_subject(self, model: Any, *order: Any) -> dict[Subject, list[Any]]:
        """The rows of a subject-keyed table for every subject, in `order`."""
        out: dict[Subject, list[Any]] = {}
        for column, kind in ((model.person_id, SubjectKind.CA_NHAN),
                             (model.unit_id, SubjectKind.TAP_THE),
                             (model.household_id, SubjectKind.HO_GIA_DINH)):
            for chunk in _chunks(self.ids[kind]):
                for row in self.session.scalars(select(model).where(column.in_(chunk))
                                                .order_by(*order, model.id)):
                    out.setdefault(Subject.of(row), []).append(row)
        return out

    def profile(self, subject: Subject) -> Profile:
        kind = subject.kind.value
        if subject.kind is SubjectKind.CA_NHAN:
            p = self._people.get(subject.id)
            if p is None:
                raise UserError(_("The person no longer exists; refresh the list."))
            return Profile(kind, p.full_name, p.unit.name if p.unit else "", p.position,
                           GENDER_WORDS.get(p.gender, p.gender), p.birth_date, p.ethnicity,
                           p.hometown, p.residence, p.qualification)
        if subject.kind is SubjectKind.TAP_THE:
            u = self._units.get(subject.id)
            if u is None:
                raise UserError(_("The unit no longer exists; refresh the list."))
            return Profile(kind, u.name, u.parent.name if u.parent else "",
                           staff=self._staff.get(u.id, 0), note=u.note)
        h = self._households.get(subject.id)
        if h is None:
            raise UserError(_("The household no longer exists; refresh the list."))
        return Profile(kind, h.head_name, h.unit.name if h.unit else "", residence=h.address,
                       members=h.members)

    def history(self, subject: Subject, *, before_year: int | None = None) -> History:
        """Award history split into danh hiệu thi đua and hình thức khen thưởng, oldest
        first."""
        if self._categories is None:
            self._categories = {code: category for code, category in self.session.execute(
                select(AwardType.code, AwardType.category))}
        out = History()
        for r in self._awards.get(subject, []):
            if before_year is not None and r.year >= before_year:
                continue
            line = AwardLine(r.year, r.award_name, _decision_text(r), r.thematic)
            if self._categories.get(r.award_code) == AwardCategory.DANH_HIEU.value:
                out.titles.append(line)
            else:
                out.forms.append(line)
        return out

    def ratings(self, subject: Subject, years: range) -> list[tuple[int, str]]:
        """(year, «Hoàn thành tốt nhiệm vụ») for the years that have a rating."""
        return [(r.year, RATING_WORDS.get(r.rating, r.rating))
                for r in self._ratings.get(subject, []) if r.year in years]

    def initiatives(self, subject: Subject) -> list[Initiative]:
        return list(self._initiatives.get(subject, []))

    def criterion_results(self, movement_id: uuid.UUID, subject: Subject,
                          year: int | None = None) -> GroupResults | None:
        """The subject's points per criterion in the movement, for `year` (default: its
        latest). Parents show the sum of their children. None when the subject has no score
        in the movement."""
        scores = [s for s in self._movement_scores(movement_id).get(subject, [])
                  if year is None or s.year == year]
        if not scores:
            return None
        latest = max(s.year for s in scores)
        # scored in two groups the same year: the first group by code
        group, criteria = min((self._groups[self._group_of[s.criterion_id]] for s in scores
                               if s.year == latest), key=lambda gc: _code_key(gc[0].code))
        ids = {c.id for c in criteria}
        by_criterion = {s.criterion_id: s for s in scores
                        if s.year == latest and s.criterion_id in ids}
        return _group_results(group, latest, criteria, by_criterion)

    def _movement_scores(self, movement_id: uuid.UUID) -> dict[Subject, list[Score]]:
        found = self._scores.get(movement_id)
        if found is not None:
            return found
        found = {}
        groups = list(self.session.scalars(
            select(TargetGroup).where(TargetGroup.movement_id == movement_id)))
        criteria = list(self.session.scalars(select(Criterion).where(
            Criterion.target_group_id.in_([g.id for g in groups]))))
        for g in groups:
            self._groups[g.id] = (g, [c for c in criteria if c.target_group_id == g.id])
        self._group_of.update((c.id, c.target_group_id) for c in criteria)
        in_movement = [c.id for c in criteria]
        for column, kind in ((Score.person_id, SubjectKind.CA_NHAN),
                             (Score.unit_id, SubjectKind.TAP_THE),
                             (Score.household_id, SubjectKind.HO_GIA_DINH)):
            for chunk in _chunks(self.ids[kind]):
                for score in self.session.scalars(select(Score).where(
                        column.in_(chunk), Score.criterion_id.in_(in_movement))
                        .order_by(Score.year.desc(), Score.id)):
                    found.setdefault(Subject.of(score), []).append(score)
        self._scores[movement_id] = found
        return found


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def profile(session: Session, subject: Subject) -> Profile:
    return Book(session, [subject]).profile(subject)


def _decision_text(r: AwardRecord) -> str:
    parts = []
    if r.decision_symbol:
        parts.append(f"Số {r.decision_symbol}")
    if r.decision_date:
        d = r.decision_date
        parts.append(f"ngày {d.day:02d}/{d.month:02d}/{d.year}")
    text = " ".join(parts)
    if r.issuer:
        text = f"{text} của {r.issuer}" if text else r.issuer
    return text


def history(session: Session, subject: Subject, *, before_year: int | None = None) -> History:
    return Book(session, [subject]).history(subject, before_year=before_year)


def ratings(session: Session, subject: Subject, years: range) -> list[tuple[int, str]]:
    return Book(session, [subject]).ratings(subject, years)


def initiatives(session: Session, subject: Subject) -> list[Initiative]:
    return Book(session, [subject]).initiatives(subject)


def target_text(c: Criterion) -> str:
    """The measurable target of a criterion as the plan words it, else as a figure."""
    return c.target_text or target_figure(c)


def target_figure(c: Criterion) -> str:
    """The target as a figure («≥ 100%», «≥ 6,5%/năm»), else the plan's wording."""
    if c.target_value is None:
        return c.target_text
    from desktop.core.text import format_number

    sign = {">=": "≥", "<=": "≤", "=": "="}.get(c.target_direction, c.target_direction)
    unit = c.target_unit if c.target_unit.startswith("%") else f" {c.target_unit}"
    return f"{sign} {format_number(Decimal(c.target_value).normalize())}{unit}".strip()


def _code_key(code: str) -> list[object]:
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split(".")]


def criterion_results(session: Session, movement_id: uuid.UUID, subject: Subject,
                      year: int | None = None) -> GroupResults | None:
    return Book(session, [subject]).criterion_results(movement_id, subject, year)


def _group_results(group: TargetGroup, year: int, criteria: list[Criterion],
                   scores: dict[uuid.UUID, Score]) -> GroupResults:
    children: dict[uuid.UUID | None, list[Criterion]] = {}
    for c in criteria:
        children.setdefault(c.parent_id, []).append(c)

    rows: list[CriterionResult] = []

    def visit(c: Criterion, depth: int) -> tuple[Decimal | None, Decimal | None]:
        index = len(rows)
        rows.append(CriterionResult(c.code, c.name, depth, Decimal(c.max_points),
                                    target_text(c), None, None, None))
        kids = sorted(children.get(c.id, []), key=lambda k: _code_key(k.code))
        if kids:
            sums = [visit(k, depth + 1) for k in kids]
            own = _sum([s for s, _v in sums])
            verified = _sum([v for _s, v in sums])
            result = None
        else:
            s = scores.get(c.id)
            own = s.self_points if s else None
            verified = s.verified_points if s else None
            result = s.result_value if s else None
        rows[index] = CriterionResult(c.code, c.name, depth, Decimal(c.max_points),
                                      target_text(c), result, own, verified)
        return own, verified

    for top in sorted(children.get(None, []), key=lambda k: _code_key(k.code)):
        visit(top, 0)
    return GroupResults(group.code, group.name, year, rows)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None

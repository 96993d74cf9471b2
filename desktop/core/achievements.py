"""What a báo cáo thành tích says about one subject: profile, award history, criterion results.

Read-only queries on an open session; the documents print what these return.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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


def profile(session: Session, subject: Subject) -> Profile:
    kind = subject.kind.value
    if subject.kind is SubjectKind.CA_NHAN:
        p = session.get(Person, subject.id)
        if p is None:
            raise UserError(_("The person no longer exists; refresh the list."))
        return Profile(kind, p.full_name, p.unit.name if p.unit else "", p.position,
                       GENDER_WORDS.get(p.gender, p.gender), p.birth_date, p.ethnicity,
                       p.hometown, p.residence, p.qualification)
    if subject.kind is SubjectKind.TAP_THE:
        u = session.get(Unit, subject.id)
        if u is None:
            raise UserError(_("The unit no longer exists; refresh the list."))
        staff = session.scalar(select(func.count(Person.id)).where(Person.unit_id == u.id)) or 0
        return Profile(kind, u.name, u.parent.name if u.parent else "", staff=staff, note=u.note)
    h = session.get(Household, subject.id)
    if h is None:
        raise UserError(_("The household no longer exists; refresh the list."))
    return Profile(kind, h.head_name, h.unit.name if h.unit else "", residence=h.address,
                   members=h.members)


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
    """Award history split into danh hiệu thi đua and hình thức khen thưởng, oldest first."""
    col = {"ca_nhan": AwardRecord.person_id, "tap_the": AwardRecord.unit_id,
           "ho_gia_dinh": AwardRecord.household_id}[subject.kind.value]
    query = select(AwardRecord).where(col == subject.id)
    if before_year is not None:
        query = query.where(AwardRecord.year < before_year)
    records = list(session.scalars(query.order_by(AwardRecord.year, AwardRecord.award_name)))
    categories = dict(session.execute(select(AwardType.code, AwardType.category)).all())
    out = History()
    for r in records:
        line = AwardLine(r.year, r.award_name, _decision_text(r), r.thematic)
        if categories.get(r.award_code) == AwardCategory.DANH_HIEU.value:
            out.titles.append(line)
        else:
            out.forms.append(line)
    return out


def ratings(session: Session, subject: Subject, years: range) -> list[tuple[int, str]]:
    """(year, «Hoàn thành tốt nhiệm vụ») for the years that have a rating."""
    col = {"ca_nhan": TaskRatingRecord.person_id, "tap_the": TaskRatingRecord.unit_id,
           "ho_gia_dinh": TaskRatingRecord.household_id}[subject.kind.value]
    rows = session.execute(select(TaskRatingRecord.year, TaskRatingRecord.rating).where(
        col == subject.id, TaskRatingRecord.year >= years.start,
        TaskRatingRecord.year < years.stop).order_by(TaskRatingRecord.year)).all()
    return [(y, RATING_WORDS.get(r, r)) for y, r in rows]


def initiatives(session: Session, subject: Subject) -> list[Initiative]:
    col = {"ca_nhan": Initiative.person_id, "tap_the": Initiative.unit_id,
           "ho_gia_dinh": Initiative.household_id}[subject.kind.value]
    return list(session.scalars(select(Initiative).where(col == subject.id)
                                .order_by(Initiative.year, Initiative.title)))


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
    """The subject's points per criterion in the movement, for `year` (default: its latest).

    Parents show the sum of their children. None when the subject has no score in the movement.
    """
    col = subject_column(subject.kind.value)
    scored = select(Score.year, Criterion.target_group_id).join(
        Criterion, Criterion.id == Score.criterion_id).join(
        TargetGroup, TargetGroup.id == Criterion.target_group_id).where(
        TargetGroup.movement_id == movement_id, col == subject.id)
    if year is not None:
        scored = scored.where(Score.year == year)
    found = session.execute(scored.order_by(Score.year.desc()).limit(1)).first()
    if found is None:
        return None
    year, group_id = found
    group = session.get(TargetGroup, group_id)
    assert group is not None
    criteria = list(session.scalars(select(Criterion).where(
        Criterion.target_group_id == group_id)))
    scores = {s.criterion_id: s for s in session.scalars(select(Score).where(
        Score.criterion_id.in_([c.id for c in criteria]), Score.year == year,
        col == subject.id))}
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

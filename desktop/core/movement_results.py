"""What a movement achieved over a phase: participation, its measurable targets, its awards.

Read-only; feeds the báo cáo sơ kết / tổng kết. A target counts as met by a subject when the
measured result satisfies the plan's direction (≥, ≤, =); where no measured value was entered,
when the appraised points reach the criterion's maximum.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.achievements import target_figure
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import (
    AwardType,
    Criterion,
    Decision,
    DecisionLine,
    Movement,
    Nomination,
    NominationRound,
    Phase,
    Score,
    TargetGroup,
)


@dataclass(frozen=True)
class TargetResult:
    group_code: str
    code: str
    name: str
    target: str
    subjects: int  # scored subjects
    met: int  # subjects that met the target
    average_result: Decimal | None  # mean of the measured values, where entered
    completion: Decimal  # appraised points over the maximum, in %


@dataclass
class AwardSummary:
    proposed: Counter[str] = field(default_factory=Counter)  # award name → nominations
    upward: dict[str, Counter[str]] = field(default_factory=dict)  # proposed to the level above
    decided: dict[str, Counter[str]] = field(default_factory=dict)  # award → kind → count
    decided_amount: int = 0
    decisions: list[str] = field(default_factory=list)  # «01/QĐ-UBND ngày 20/5/2025»


@dataclass(frozen=True)
class PhaseResults:
    movement: Movement
    phase: Phase
    milestone: str  # so_ket | tong_ket
    years: range
    participants: dict[str, int]  # subject kind → scored subjects
    groups: list[tuple[str, str, int]]  # (code, name, scored subjects)
    targets: list[TargetResult]
    awards: AwardSummary


def _met(direction: str, value: Decimal, target: Decimal) -> bool:
    if direction == "<=":
        return value <= target
    if direction == "=":
        return value == target
    return value >= target


def phase_of(movement: Movement, year: int | None, milestone: str | None) -> Phase:
    phases = list(movement.phases)
    if not phases:
        raise UserError(_("The movement has no phases; add its phases before printing the "
                          "review report."))
    if milestone:
        chosen = [p for p in phases if p.milestone == milestone]
        if chosen:
            return chosen[0]
    if year is not None:
        for p in phases:
            if p.start_year <= year <= p.end_year:
                return p
    return phases[0]


def _subject(score: Score) -> uuid.UUID | None:
    return score.unit_id or score.person_id or score.household_id


def phase_results(session: Session, movement_id: uuid.UUID, *, milestone: str | None = None
                  ) -> PhaseResults:
    movement = session.get(Movement, movement_id)
    if movement is None:
        raise UserError(_("The movement no longer exists; refresh the list."))
    latest = session.scalar(select(func.max(Score.year)).join(
        Criterion, Criterion.id == Score.criterion_id).join(
        TargetGroup, TargetGroup.id == Criterion.target_group_id).where(
        TargetGroup.movement_id == movement_id))
    phase = phase_of(movement, latest, milestone)
    years = range(phase.start_year, phase.end_year + 1)
    groups = list(movement.target_groups)
    criteria = list(session.scalars(select(Criterion).where(
        Criterion.target_group_id.in_([g.id for g in groups]))))
    parents = {c.parent_id for c in criteria}
    group_of = {g.id: g for g in groups}
    scores = list(session.scalars(select(Score).where(
        Score.criterion_id.in_([c.id for c in criteria]),
        Score.year >= years.start, Score.year < years.stop)))
    by_criterion: dict[uuid.UUID, list[Score]] = defaultdict(list)
    subjects_by_group: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    kind_of_group = {g.id: g.subject_kind for g in groups}
    crit_by_id = {c.id: c for c in criteria}
    for s in scores:
        by_criterion[s.criterion_id].append(s)
        ident = _subject(s)
        if ident is not None:
            subjects_by_group[crit_by_id[s.criterion_id].target_group_id].add(ident)
    participants: Counter[str] = Counter()
    for gid, idents in subjects_by_group.items():
        participants[kind_of_group[gid]] += len(idents)
    targets = []
    for c in sorted(criteria, key=lambda c: (group_of[c.target_group_id].position,
                                             [int(p) if p.isdigit() else 0
                                              for p in c.code.split(".")[1:]])):
        if c.id in parents or (c.target_value is None and not c.target_text):
            continue
        rows = by_criterion.get(c.id, [])
        latest_by_subject: dict[uuid.UUID, Score] = {}
        for s in sorted(rows, key=lambda s: s.year):
            ident = _subject(s)
            if ident is not None:
                latest_by_subject[ident] = s
        last = list(latest_by_subject.values())
        measured = [s.result_value for s in last if s.result_value is not None]
        met = 0
        for s in last:
            if s.result_value is not None and c.target_value is not None:
                met += _met(c.target_direction, Decimal(s.result_value), Decimal(c.target_value))
            else:
                pts = s.verified_points if s.verified_points is not None else s.self_points
                met += pts is not None and Decimal(pts) >= Decimal(c.max_points)
        got = sum((Decimal(s.verified_points if s.verified_points is not None
                           else s.self_points or 0) for s in last), Decimal(0))
        top = Decimal(c.max_points) * len(last)
        completion = (got * 100 / top).quantize(Decimal("0.1")) if top else Decimal(0)
        average = (sum(measured, Decimal(0)) / len(measured)).quantize(Decimal("0.01")) \
            if measured else None
        targets.append(TargetResult(group_of[c.target_group_id].code, c.code, c.name,
                                    target_figure(c), len(last), met, average, completion))
    return PhaseResults(
        movement, phase, phase.milestone, years, dict(participants),
        [(g.code, g.name, len(subjects_by_group.get(g.id, ()))) for g in groups],
        targets, _awards(session, movement_id, years))


def _awards(session: Session, movement_id: uuid.UUID, years: range) -> AwardSummary:
    out = AwardSummary()
    names = dict(session.execute(select(AwardType.code, AwardType.name)
                                 .order_by(AwardType.effective_from)).all())
    rounds = [r.id for r in session.scalars(select(NominationRound).where(
        NominationRound.movement_id == movement_id, NominationRound.year >= years.start,
        NominationRound.year < years.stop))]
    if not rounds:
        return out
    for code, kind, status, count in session.execute(
            select(Nomination.award_code, Nomination.subject_kind, Nomination.status,
                   func.count(Nomination.id))
            .where(Nomination.round_id.in_(rounds),
                   Nomination.status.in_(("da_nop", "dang_xet", "de_nghi_len_tren",
                                          "da_quyet_dinh", "khong_dat")))
            .group_by(Nomination.award_code, Nomination.subject_kind, Nomination.status)):
        name = names.get(code, code)
        out.proposed[name] += count
        if status == "de_nghi_len_tren":
            out.upward.setdefault(name, Counter())[kind] += count
    for decision in session.scalars(select(Decision).where(Decision.round_id.in_(rounds))
                                    .order_by(Decision.signed_on)):
        d = decision.signed_on
        out.decisions.append(f"{decision.symbol} ngày {d.day:02d}/{d.month:02d}/{d.year}")
        for line in session.scalars(select(DecisionLine).where(
                DecisionLine.decision_id == decision.id)):
            name = names.get(line.award_code, line.award_code)
            out.decided.setdefault(name, Counter())[line.subject_kind] += 1
            out.decided_amount += line.amount
    return out

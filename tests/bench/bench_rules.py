"""The rules engine screening 100,000 subjects with 10 years of history each (issue 4: < 5 s).

Subjects are built in memory from a fixed seed: 80% people (ratings, titles — some of them
chuyên đề —, initiatives, a few disciplines), 20% collectives (ratings, member figures, bloc
rank). Each person is screened for «Chiến sĩ thi đua cơ sở» and «Chiến sĩ thi đua cấp tỉnh» (a
three-year chain with the year's title met in the same round), each collective for «Tập thể lao
động tiên tiến» and «Tập thể lao động xuất sắc», with `screen` (the bulk entry point: eligible or
not, no reasons worded); a sample is first checked against `check`. The facts are built once,
before the clock starts; the baseline visits the same facts the same number of times and sums a
trivial field. Wall and CPU time (`time.process_time`) are both reported: the machine is shared.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date

from desktop.core.catalogue import load_catalogue
from desktop.core.rules import (
    AwardEntry,
    AwardKind,
    BlocRanking,
    DisciplineLevel,
    DisciplinePeriod,
    InitiativeEntry,
    MemberSummary,
    SubjectFacts,
    check,
    screen,
)
from desktop.i18n import setup_i18n
from desktop.store.kinds import Gender, Scope, SubjectKind, TaskRating
from tests.bench import Measure

N = 100_000
YEAR = 2024
YEARS = range(YEAR - 9, YEAR + 1)  # ten years of history
ON = date(2025, 1, 15)
RATINGS = (TaskRating.HTXS, TaskRating.HTT, TaskRating.HT, TaskRating.KHT)
WEIGHTS = (25, 55, 15, 5)


def _person(rng: random.Random) -> SubjectFacts:
    ratings = dict(zip(YEARS, rng.choices(RATINGS, WEIGHTS, k=len(YEARS)), strict=True))
    awards: list[AwardEntry] = []
    initiatives: list[InitiativeEntry] = []
    for year, rating in ratings.items():
        if year == YEAR:
            break  # the year screened has no decision yet
        if rating in (TaskRating.HTXS, TaskRating.HTT):
            awards.append(AwardEntry(year, "LDTT"))
            if rating is TaskRating.HTXS and rng.random() < 0.6:
                awards.append(AwardEntry(year, "CSTDCS"))
        if rng.random() < 0.1:
            awards.append(AwardEntry(year, "GIAY_KHEN", AwardKind.CHUYEN_DE))
        if rng.random() < 0.15:
            initiatives.append(InitiativeEntry(year, rng.choice((Scope.CO_SO, Scope.TINH))))
    disciplines: tuple[DisciplinePeriod, ...] = ()
    if rng.random() < 0.02:
        start = date(rng.choice(YEARS), rng.randint(1, 12), 1)
        disciplines = (DisciplinePeriod(DisciplineLevel.KHIEN_TRACH, start,
                                        date(start.year + 1, start.month, 1)),)
    return SubjectFacts(
        kind=SubjectKind.CA_NHAN, year=YEAR, sex=rng.choice((Gender.NAM, Gender.NU)),
        awards=tuple(awards), ratings=ratings, initiatives=tuple(initiatives),
        disciplines=disciplines)


def _collective(rng: random.Random) -> SubjectFacts:
    ratings = dict(zip(YEARS, rng.choices(RATINGS[:3], (40, 50, 10), k=len(YEARS)), strict=True))
    total = rng.randint(5, 60)
    ldtt = rng.randint(total // 2, total)
    awards = tuple(AwardEntry(y, "TTLDTT") for y, r in ratings.items()
                   if y < YEAR and r is not TaskRating.HT)
    return SubjectFacts(
        kind=SubjectKind.TAP_THE, year=YEAR, ratings=ratings, awards=awards,
        members=MemberSummary(total=total, women=rng.randint(0, total), ldtt=ldtt,
                              completed=total - (rng.random() < 0.2), cstdcs=rng.randint(0, 3),
                              disciplined_warning=rng.random() < 0.05),
        bloc=BlocRanking(rng.randint(1, 8), 8))


def _subjects(seed: int = 2024) -> list[SubjectFacts]:
    rng = random.Random(seed)
    return [_collective(rng) if i % 5 == 4 else _person(rng) for i in range(N)]


def _timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def run() -> list[Measure]:
    setup_i18n("vi")
    catalogue = load_catalogue()
    screens = {
        SubjectKind.CA_NHAN: ("CSTDCS", "CSTD_TINH"),
        SubjectKind.TAP_THE: ("TTLDTT", "TTLDXS"),
    }
    subjects = _subjects()  # built once: the facts are read from the database, not judged
    by_kind = {kind: [f for f in subjects if f.kind is kind] for kind in screens}

    def screened() -> int:
        return sum(sum(screen(code, group, ON, catalogue))
                   for kind, group in by_kind.items() for code in screens[kind])

    def baseline() -> int:
        return sum(len(facts.ratings) for group in by_kind.values() for facts in group
                   for _code in (1, 2))

    sample = subjects[:2000]  # `screen` must say what `check` says
    for kind, codes in screens.items():
        group = [f for f in sample if f.kind is kind]
        for code in codes:
            assert list(screen(code, group, ON, catalogue)) == [
                check(code, f, ON, catalogue).eligible for f in group]
    subjects = _subjects()  # fresh facts: what they derive on first reading is timed too
    by_kind = {kind: [f for f in subjects if f.kind is kind] for kind in screens}
    base_wall, base_cpu, years = _timed(baseline)
    wall, cpu, eligible = _timed(screened)
    assert years == 2 * N * len(YEARS)
    name = f"rules: screen 100k×2 ({eligible} ok)"
    return [
        Measure(f"{name}, wall", wall, "s", base_wall, "a pass over the same facts", "< 5 s",
                wall < 5),
        Measure(f"{name}, CPU", cpu, "s", base_cpu, "a pass over the same facts", "< 5 s",
                cpu < 5),
    ]

"""The rules engine screening 100,000 subjects with 10 years of history each (issue 4: < 5 s).

Subjects are built in memory from a fixed seed: 80% people (ratings, titles — some of them
chuyên đề —, initiatives, a few disciplines), 20% collectives (ratings, member figures, bloc
rank). Each person is screened for «Chiến sĩ thi đua cơ sở» and «Chiến sĩ thi đua cấp tỉnh» (a
three-year chain with the year's title met in the same round), each collective for «Tập thể lao
động tiên tiến» and «Tập thể lao động xuất sắc». The baseline is the same loop building the
same facts and summing a trivial field instead of judging them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
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


def _subjects(seed: int = 2024) -> Iterator[SubjectFacts]:
    rng = random.Random(seed)
    for i in range(N):
        yield _collective(rng) if i % 5 == 4 else _person(rng)


def _timed(fn: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run() -> list[Measure]:
    setup_i18n("vi")
    catalogue = load_catalogue()
    screens = {
        SubjectKind.CA_NHAN: ("CSTDCS", "CSTD_TINH"),
        SubjectKind.TAP_THE: ("TTLDTT", "TTLDXS"),
    }

    def screen() -> int:
        eligible = 0
        for facts in _subjects():
            for code in screens[facts.kind]:
                eligible += check(code, facts, ON, catalogue).eligible
        return eligible

    def baseline() -> int:
        return sum(len(facts.ratings) for facts in _subjects())

    check("CSTD_TINH", next(_subjects()), ON, catalogue)  # warm the imports
    base, years = _timed(baseline)
    value, eligible = _timed(screen)
    assert years == N * len(YEARS)
    return [
        Measure(f"rules: screen 100,000 subjects × 2 awards ({eligible} eligible)", value, "s",
                base, "build the same facts, sum a field", "< 5 s", value < 5),
    ]

"""Screening many subjects at once: `screen` answers exactly what `check` answers, faster."""

from __future__ import annotations

import functools
import random
from datetime import date

import pytest

from desktop.core.catalogue import Catalogue, load_catalogue
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
from desktop.errors import UserError
from desktop.store.kinds import Gender, Scope, SubjectKind, TaskRating

# Decision dates under each regime and on both sides of 01/7/2025.
DATES = (date(2023, 12, 31), date(2024, 3, 1), date(2025, 1, 15), date(2025, 6, 30),
         date(2025, 7, 1), date(2026, 2, 1))
CODES = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP",
         "XA_TIEU_BIEU", "GD_VH", "GIAY_KHEN", "BK_TINH", "BK_TTG", "HC_LD_3")
TITLES = {
    SubjectKind.CA_NHAN: ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GIAY_KHEN", "BK_TINH"),
    SubjectKind.TAP_THE: ("TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "GIAY_KHEN", "BK_TINH"),
    SubjectKind.HO_GIA_DINH: ("GD_VH", "GIAY_KHEN"),
}


@functools.cache
def _catalogue() -> Catalogue:
    return load_catalogue()


def _maybe(rng: random.Random, value: int) -> int | None:
    return None if rng.random() < 0.1 else value


def _random_facts(rng: random.Random, year: int) -> SubjectFacts:
    """A subject with a messy history: gaps, thematic awards, disciplines, missing figures."""
    kind = rng.choices(list(SubjectKind), (6, 3, 1))[0]
    years = range(year - 7, year + 1)
    ratings = {y: rng.choice(list(TaskRating)) for y in years if rng.random() < 0.9}
    awards = tuple(
        AwardEntry(y, rng.choice(TITLES[kind]),
                   rng.choices(list(AwardKind), (8, 1, 1))[0])
        for y in years for _ in range(rng.choice((0, 1, 1, 2))))
    initiatives = tuple(InitiativeEntry(rng.choice(years), rng.choice(list(Scope)))
                        for _ in range(rng.choice((0, 0, 1, 2, 3))))
    disciplines: tuple[DisciplinePeriod, ...] = ()
    if rng.random() < 0.15:
        start = date(rng.choice(years), rng.randint(1, 12), 1)
        end = None if rng.random() < 0.3 else date(start.year + rng.randint(0, 1), 12, 31)
        disciplines = (DisciplinePeriod(rng.choice(list(DisciplineLevel)), start, end),)
    members = bloc = None
    if kind is SubjectKind.TAP_THE:
        if rng.random() < 0.9:
            total = rng.randint(0, 40)
            members = MemberSummary(
                total=total, women=_maybe(rng, rng.randint(0, total)),
                ldtt=_maybe(rng, rng.randint(0, total)),
                completed=_maybe(rng, rng.randint(max(0, total - 2), total)),
                cstdcs=_maybe(rng, rng.randint(0, 3)),
                disciplined_warning=None if rng.random() < 0.1 else rng.random() < 0.2)
        if rng.random() < 0.8:
            size = rng.randint(1, 8)
            bloc = BlocRanking(rng.randint(1, size), size)
    return SubjectFacts(
        kind=kind, year=year, sex=rng.choice((Gender.NAM, Gender.NU, None)), awards=awards,
        ratings=ratings, initiatives=initiatives, disciplines=disciplines,
        pending_review=rng.random() < 0.05, members=members, bloc=bloc)


def test_screen_agrees_with_check_on_random_subjects() -> None:
    catalogue = _catalogue()
    rng = random.Random(20250701)
    compared = eligible = 0
    for _ in range(60):
        code, on = rng.choice(CODES), rng.choice(DATES)
        kind = rng.choices(list(AwardKind), (6, 1, 1))[0]
        subjects = [_random_facts(rng, rng.choice((on.year - 1, on.year))) for _ in range(50)]
        expected = [check(code, facts, on, catalogue, kind=kind).eligible for facts in subjects]
        assert list(screen(code, subjects, on, catalogue, kind=kind)) == expected, (code, on)
        compared += len(expected)
        eligible += sum(expected)
    assert compared == 3000
    assert 30 < eligible < compared - 300  # both answers are well represented


def test_screen_follows_the_order_of_the_subjects_and_reads_them_lazily() -> None:
    catalogue = _catalogue()
    good = SubjectFacts(kind=SubjectKind.CA_NHAN, year=2024, ratings={2024: TaskRating.HTT})
    bad = SubjectFacts(kind=SubjectKind.CA_NHAN, year=2024, ratings={2024: TaskRating.KHT})
    answers = screen("LDTT", iter([good, bad, good]), date(2025, 1, 15), catalogue)
    assert list(answers) == [True, False, True]


def test_screen_refuses_an_unknown_code_before_reading_any_subject() -> None:
    def never() -> SubjectFacts:
        raise AssertionError("no subject should be read")

    with pytest.raises(UserError, match="KHONG_CO"):
        screen("KHONG_CO", (never() for _ in range(1)), date(2025, 1, 15), _catalogue())


def test_screen_refuses_a_decision_dated_before_the_year_evaluated() -> None:
    early = SubjectFacts(kind=SubjectKind.CA_NHAN, year=2025, ratings={2025: TaskRating.HTT})
    with pytest.raises(UserError, match="2025"):
        list(screen("LDTT", [early], date(2024, 12, 31), _catalogue()))


def test_a_code_not_yet_in_force_screens_nobody_in() -> None:
    catalogue = _catalogue()
    commune = SubjectFacts(kind=SubjectKind.TAP_THE, year=2023)
    on = date(2023, 12, 31)  # «xã tiêu biểu» arrives with ND 98/2023
    assert not check("XA_TIEU_BIEU", commune, on, catalogue).eligible
    assert list(screen("XA_TIEU_BIEU", [commune], on, catalogue)) == [False]


def test_a_collective_of_no_members_has_no_share_and_no_preference() -> None:
    empty = SubjectFacts(
        kind=SubjectKind.TAP_THE, year=2024, ratings={2024: TaskRating.HTT},
        members=MemberSummary(total=0, women=0, ldtt=0, completed=0, cstdcs=0,
                              disciplined_warning=False))
    verdict = check("TTLDTT", empty, date(2025, 1, 15), _catalogue())
    assert verdict.preference == []
    assert not verdict.eligible
    [share] = [r for r in verdict.failed if r.code == "members_ldtt"]
    assert "0/0" in share.text and "—" in share.text
    assert list(screen("TTLDTT", [empty], date(2025, 1, 15), _catalogue())) == [False]

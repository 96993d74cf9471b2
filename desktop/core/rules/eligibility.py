"""Eligibility: may this subject be awarded (or proposed for) this award on this date, and why.

`check()` takes the catalogue row in force on the decision date (so the regime applies), runs
the general conditions every award shares (subject kind, loại hình, proposal only, discipline
pending or in force — ND 152/2025 Điều 4), then the award's own standard from `STANDARDS`: a
table of small condition objects, one tuple per subject kind, with per-regime variants where the
law changed. Every condition returns `Reason`s in plain Vietnamese; the subject is eligible when
every reason that is not informational holds. Informational reasons name what only the officer
can judge (an achievement in a movement, internal solidarity…).

Standards read the facts of the evaluation year (`facts.year`); the decision date `on` picks the
regime and decides whether a discipline is still in force. Conventions, all from DOMAIN.md §2:

- only thường xuyên (công trạng) awards count for chains and titles held; chuyên đề and đột xuất
  awards never do (principle 3);
- after a discipline, achievements count only from the year after it ended (principle 4);
- a chain of consecutive years ends in the evaluation year; that last year counts when the title
  was decided, or when the subject meets its standard now (titles of one year are considered
  together, the lower first), which an informational reason points out.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from desktop.core.catalogue import AwardDef, Catalogue, CatalogueError
from desktop.core.rules import words
from desktop.core.rules.facts import AwardKind, SubjectFacts
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import Gender, Scope, SubjectKind, TaskRating

__all__ = [
    "IMPLIED",
    "REASON_CODES",
    "STANDARDS",
    "Reason",
    "Standard",
    "Verdict",
    "check",
    "require_code",
]

HTT_UP = frozenset({TaskRating.HTT, TaskRating.HTXS})
HTXS = frozenset({TaskRating.HTXS})
_SCOPE_RANK = {Scope.CO_SO: 0, Scope.TINH: 1, Scope.TOAN_QUOC: 2}
_MAX_DEPTH = 4
WOMEN_SHARE = Fraction(7, 10)  # ND 152/2025 Điều 4 khoản 6

# Every `Reason.code` the engine gives; stable, documented in docs/rules.md.
REASON_CODES = frozenset({
    "in_force", "subject_kind", "award_kind", "proposal_only", "pending_review", "discipline",
    "discipline_year", "rating", "title", "title_pending", "title_not_counted", "chain",
    "chain_gap", "initiative", "members_ldtt", "members_completed", "members_cstdcs",
    "members_discipline", "members_missing", "bloc_rank", "judgement", "one_of", "no_rules",
})

# A higher title of a year includes the lower one of the same year: a «Chiến sĩ thi đua cấp
# tỉnh» of 2024 was a «Chiến sĩ thi đua cơ sở» of 2024 (it is chosen among them).
IMPLIED: dict[str, frozenset[str]] = {
    "LDTT": frozenset({"CSTDCS", "CSTD_TINH", "CSTD_TQ"}),
    "CSTDCS": frozenset({"CSTD_TINH", "CSTD_TQ"}),
    "CSTD_TINH": frozenset({"CSTD_TQ"}),
    "TTLDTT": frozenset({"TTLDXS"}),
    "TTLDXS": frozenset({"CO_TINH"}),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One condition and whether it holds. `code` is stable (docs/rules.md); `text` is shown.

    `info` marks what the engine cannot decide (the officer judges) or a note; it never makes a
    subject ineligible.
    """

    code: str
    ok: bool
    text: str
    info: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "ok": self.ok, "info": self.info, "text": self.text}


@dataclass(frozen=True)
class Verdict:
    award_code: str
    award_name: str
    regime: str | None
    subject_kind: SubjectKind
    year: int
    on: date
    eligible: bool
    reasons: list[Reason] = field(hash=False)
    preference: list[str] = field(hash=False)

    @property
    def failed(self) -> list[Reason]:
        return [r for r in self.reasons if not r.ok and not r.info]

    def as_dict(self) -> dict[str, Any]:
        return {
            "award": self.award_code,
            "award_name": self.award_name,
            "regime": self.regime,
            "subject_kind": self.subject_kind.value,
            "year": self.year,
            "date": self.on.isoformat(),
            "eligible": self.eligible,
            "reasons": [r.as_dict() for r in self.reasons],
            "preference": list(self.preference),
        }


# --- evaluation context ------------------------------------------------------------------------


class _Ctx:
    __slots__ = ("catalogue", "cutoff", "cutoff_day", "depth", "facts", "on", "rows", "year")

    def __init__(self, facts: SubjectFacts, on: date, catalogue: Catalogue) -> None:
        self.facts = facts
        self.on = on
        self.catalogue = catalogue
        self.year = facts.year
        self.depth = 0
        self.rows: dict[str, AwardDef | None] = {}
        # Principle 4: achievements count from the end of a discipline decided by `on`.
        self.cutoff = 0
        self.cutoff_day: date | None = None
        for period in facts.disciplines:
            if period.start > on:
                continue
            end = period.end if period.end is not None else on
            if end.year > self.cutoff or (end.year == self.cutoff and period.end is None):
                self.cutoff, self.cutoff_day = end.year, period.end

    def row(self, code: str) -> AwardDef | None:
        """The row of `code` in force on the decision date (None when there is none)."""
        if code not in self.rows:
            try:
                self.rows[code] = self.catalogue.award(code, self.on)
            except CatalogueError:
                self.rows[code] = None
        return self.rows[code]

    def title(self, code: str) -> str:
        row = self.row(code)
        if row is None:
            rows = self.catalogue.award_rows(code) if code in self.catalogue.codes() else ()
            return words.title(rows[-1]) if rows else code
        return words.title(row)


# --- conditions --------------------------------------------------------------------------------


class Condition(ABC):
    """One part of a standard."""

    @abstractmethod
    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        """The reasons, ok or not, this condition gives for the subject."""

    @abstractmethod
    def describe(self, ctx: _Ctx) -> str:
        """What it asks for, as a lower-case phrase («đạt “Lao động tiên tiến” năm 2024»)."""


def _holds(reasons: list[Reason]) -> bool:
    return all(r.ok for r in reasons if not r.info)


@dataclass(frozen=True)
class Rating(Condition):
    """The task-completion rating of the evaluation year is in `accepted`."""

    accepted: frozenset[TaskRating]
    required: str  # N_ phrase: «hoàn thành tốt nhiệm vụ trở lên»

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        rating = ctx.facts.ratings.get(ctx.year)
        if rating is None:
            return [Reason("rating", False, _(
                "No task-completion rating is recorded for {year}").format(year=ctx.year))]
        if rating in self.accepted:
            return [Reason("rating", True, _("{year}: {rating}").format(
                year=ctx.year, rating=_(words.RATINGS[rating])))]
        return [Reason("rating", False, _("{year}: {rating}; {required} is needed").format(
            year=ctx.year, rating=_(words.RATINGS[rating]), required=_(self.required)))]

    def describe(self, ctx: _Ctx) -> str:
        return _("{required} in {year}").format(required=_(self.required), year=ctx.year)


@dataclass(frozen=True)
class NotDisciplinedInYear(Condition):
    """No discipline ran during the evaluation year."""

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        found = [p for p in ctx.facts.disciplines if p.touches_year(ctx.year)]
        if not found:
            return [Reason("discipline_year", True,
                           _("Not disciplined in {year}").format(year=ctx.year))]
        return [Reason("discipline_year", False, _("Disciplined in {year}: {discipline}").format(
            year=ctx.year, discipline=p.describe())) for p in found]

    def describe(self, ctx: _Ctx) -> str:
        return _("not disciplined in {year}").format(year=ctx.year)


class _YearTest(ABC):
    """What one year of a chain must show."""

    @abstractmethod
    def check(self, ctx: _Ctx, year: int) -> tuple[bool, str, list[Reason]]:
        """(met, why not as a lower-case phrase, extra reasons to show)."""

    @abstractmethod
    def achieved(self, ctx: _Ctx) -> str:
        """«đạt “Chiến sĩ thi đua cơ sở”», «hoàn thành xuất sắc nhiệm vụ»."""


@dataclass(frozen=True)
class TitleYear(_YearTest):
    """The subject holds title `code` for the year (recorded, or its standard met this year)."""

    code: str

    def check(self, ctx: _Ctx, year: int) -> tuple[bool, str, list[Reason]]:
        accepted = IMPLIED.get(self.code, frozenset()) | {self.code}
        if ctx.facts.merit_by_year.get(year, frozenset()) & accepted:
            return True, "", []
        title = ctx.title(self.code)
        if year == ctx.year:
            met, _inner = _meets_standard(ctx, self.code)
            if met:
                return True, "", [Reason("title_pending", True, _(
                    "Meets the standard of {award} for {year} (not decided yet)").format(
                        award=title, year=year), info=True)]
        other = ctx.facts.other_by_year.get(year, {})
        for code in sorted(accepted):
            if code in other:
                return False, _(
                    "{award} of that year was a {kind} award, which does not count for merit "
                    "awards").format(award=ctx.title(code),
                                     kind=_(words.AWARD_KINDS[other[code].value])), []
        return False, _("has not reached {award}").format(award=title), []

    def achieved(self, ctx: _Ctx) -> str:
        return _("reached {award}").format(award=ctx.title(self.code))


@dataclass(frozen=True)
class RatingYear(_YearTest):
    accepted: frozenset[TaskRating]
    required: str  # N_ phrase

    def check(self, ctx: _Ctx, year: int) -> tuple[bool, str, list[Reason]]:
        rating = ctx.facts.ratings.get(year)
        if rating in self.accepted:
            return True, "", []
        if rating is None:
            return False, _("no task-completion rating recorded"), []
        return False, _("only {rating}; {required} is needed").format(
            rating=_(words.RATINGS[rating]), required=_(self.required)), []

    def achieved(self, ctx: _Ctx) -> str:
        return _(self.required)


@dataclass(frozen=True)
class EitherYear(_YearTest):
    tests: tuple[_YearTest, ...]

    def check(self, ctx: _Ctx, year: int) -> tuple[bool, str, list[Reason]]:
        whys: list[str] = []
        extra: list[Reason] = []
        for test in self.tests:
            met, why, more = test.check(ctx, year)
            if met:
                return True, "", more
            whys.append(why)
            extra.extend(more)
        return False, "; ".join(whys), extra

    def achieved(self, ctx: _Ctx) -> str:
        return _("{a} or {b}").format(
            a=", ".join(t.achieved(ctx) for t in self.tests[:-1]),
            b=self.tests[-1].achieved(ctx))


def _cut_off(ctx: _Ctx, year: int) -> str | None:
    """Why `year` cannot count because of a discipline (principle 4), or None."""
    if year > ctx.cutoff:
        return None
    if ctx.cutoff_day is None:
        return _("achievements during a discipline with no end date recorded do not count")
    return _("achievements before the end of the discipline ({end}) do not count").format(
        end=words.day(ctx.cutoff_day))


@dataclass(frozen=True)
class Consecutive(Condition):
    """`count` consecutive years ending in the evaluation year, each passing `test`."""

    test: _YearTest
    count: int

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        first = ctx.year - self.count + 1
        gaps: list[Reason] = []
        extra: list[Reason] = []
        for year in range(first, ctx.year + 1):
            cut = _cut_off(ctx, year)
            if cut is not None:
                gaps.append(Reason("chain_gap", False,
                                   _("Missing {year}: {why}").format(year=year, why=cut)))
                continue
            met, why, more = self.test.check(ctx, year)
            extra.extend(more)
            if not met:
                gaps.append(Reason("chain_gap", False,
                                   _("Missing {year}: {why}").format(year=year, why=why)))
        if gaps:
            return gaps + extra
        return [Reason("chain", True, _("{count} consecutive years ({years}): {what}").format(
            count=f"{self.count:02d}", years=words.years(first, ctx.year),
            what=self.test.achieved(ctx))), *extra]

    def describe(self, ctx: _Ctx) -> str:
        return _("{what} for {count} consecutive years ({years})").format(
            what=self.test.achieved(ctx), count=f"{self.count:02d}",
            years=words.years(ctx.year - self.count + 1, ctx.year))


@dataclass(frozen=True)
class ConsecutiveTimes(Condition):
    """`count` awards of `code` in a row, the last in the evaluation year.

    Two awards are "in a row" when the later one follows within `within` years and `link` holds
    in every year between them: a «Chiến sĩ thi đua cấp tỉnh» every three years with
    «Chiến sĩ thi đua cơ sở» each year between, or in consecutive years.
    """

    code: str
    count: int
    link: _YearTest
    within: int

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        title = TitleYear(self.code)
        met, why, extra = title.check(ctx, ctx.year)
        if not met:
            return [Reason("chain_gap", False,
                           _("Missing {year}: {why}").format(year=ctx.year, why=why)), *extra]
        held = [ctx.year]
        reasons: list[Reason] = list(extra)
        accepted = IMPLIED.get(self.code, frozenset()) | {self.code}
        while len(held) < self.count:
            later = held[-1]
            first = later - self.within
            earlier = None
            for year in range(later - 1, first - 1, -1):
                if _cut_off(ctx, year) is None and (
                        ctx.facts.merit_by_year.get(year, frozenset()) & accepted):
                    earlier = year
                    break
            if earlier is None:
                reasons.insert(0, Reason("chain_gap", False, _(
                    "No earlier {award} in {years} to make {count} times in a row").format(
                        award=ctx.title(self.code), years=words.years(first, later - 1),
                        count=f"{self.count:02d}")))
                return reasons
            for year in range(earlier + 1, later):
                ok, why, more = self.link.check(ctx, year)
                cut = _cut_off(ctx, year)
                if cut is not None or not ok:
                    reasons.insert(0, Reason("chain_gap", False, _(
                        "Missing {year}: {why}, so the times are not consecutive").format(
                            year=year, why=cut or why)))
                    return reasons + more
            held.append(earlier)
        return [Reason("chain", True, _("Reached {award} {count} times in a row ({years})").format(
            award=ctx.title(self.code), count=f"{self.count:02d}",
            years=", ".join(str(y) for y in reversed(held)))), *reasons]

    def describe(self, ctx: _Ctx) -> str:
        return _("reach {award} {count} times in a row, the last in {year}").format(
            award=ctx.title(self.code), count=f"{self.count:02d}", year=ctx.year)


@dataclass(frozen=True)
class Initiatives(Condition):
    """At least `count` sáng kiến/đề tài recognised at `scope` or wider within `window` years."""

    scope: Scope
    count: int = 1
    window: int = 1

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        first = ctx.year - self.window + 1
        rank = _SCOPE_RANK[self.scope]
        found = [
            i for i in ctx.facts.initiatives
            if first <= i.year <= ctx.year and _SCOPE_RANK[i.scope] >= rank
            and _cut_off(ctx, i.year) is None
        ]
        scope = _(words.SCOPES[self.scope])
        when = words.period(first, ctx.year)
        if len(found) >= self.count:
            if self.count == 1:
                best = max(found, key=lambda i: (_SCOPE_RANK[i.scope], i.year))
                return [Reason("initiative", True, _(
                    "Initiative or research recognised at {scope} level in {year}").format(
                        scope=_(words.SCOPES[best.scope]), year=best.year))]
            return [Reason("initiative", True, _(
                "{n} initiatives or research projects recognised at {scope} level or wider "
                "{period}").format(n=len(found), scope=scope, period=when))]
        if not found:
            return [Reason("initiative", False, _(
                "No initiative or research recognised at {scope} level or wider {period}").format(
                    scope=scope, period=when))]
        return [Reason("initiative", False, _(
            "Only {n} of the {count} initiatives or research projects needed are recognised at "
            "{scope} level or wider {period}").format(
                n=len(found), count=self.count, scope=scope, period=when))]

    def describe(self, ctx: _Ctx) -> str:
        return _("{count} initiative(s) or research recognised at {scope} level or wider "
                 "{period}").format(count=f"{self.count:02d}", scope=_(words.SCOPES[self.scope]),
                                    period=words.period(ctx.year - self.window + 1, ctx.year))


@dataclass(frozen=True)
class Holds(Condition):
    """The subject holds title `code` in the evaluation year (decided, or meets its standard)."""

    code: str

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        title = ctx.title(self.code)
        accepted = IMPLIED.get(self.code, frozenset()) | {self.code}
        if ctx.facts.merit_by_year.get(ctx.year, frozenset()) & accepted:
            return [Reason("title", True, _("Reached {award} in {year}").format(
                award=title, year=ctx.year))]
        met, inner = _meets_standard(ctx, self.code)
        if met:
            return [Reason("title", True, _(
                "Meets the standard of {award} for {year} (not decided yet)").format(
                    award=title, year=ctx.year)), *[r for r in inner if not r.info]]
        other = ctx.facts.other_by_year.get(ctx.year, {})
        note = []
        for code in sorted(accepted & set(other)):
            note.append(Reason("title_not_counted", False, _(
                "{award} of {year} was a {kind} award, which does not count for merit awards")
                .format(award=ctx.title(code), year=ctx.year,
                        kind=_(words.AWARD_KINDS[other[code].value])), info=True))
        return [Reason("title", False, _("Has not reached {award} in {year}").format(
            award=title, year=ctx.year)), *note, *[r for r in inner if not r.ok and not r.info]]

    def describe(self, ctx: _Ctx) -> str:
        return _("reach {award} in {year}").format(award=ctx.title(self.code), year=ctx.year)


@dataclass(frozen=True)
class MemberShare(Condition):
    """A share of the members reached «Lao động tiên tiến» (at least, or more than, `share`)."""

    share: Fraction
    strict: bool = False  # ND 91/2017: «trên 50%»

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        members = ctx.facts.members
        award = ctx.title("LDTT")
        if members is None or members.ldtt is None:
            return [_members_missing(ctx, _("members who reached {award}").format(award=award))]
        n, total = members.ldtt, members.total
        got = Fraction(n, total)
        ok = got > self.share if self.strict else got >= self.share
        rule = (_("more than {share}") if self.strict else _("at least {share}")).format(
            share=words.share(self.share))
        pct = words.percent(n, total, below=self.share)
        if ok:
            return [Reason("members_ldtt", True, _(
                "{n}/{total} members ({percent}) reached {award}, {rule}").format(
                    n=n, total=total, percent=pct, award=award, rule=rule))]
        return [Reason("members_ldtt", False, _(
            "Only {n}/{total} members ({percent}) reached {award}; {rule} is needed").format(
                n=n, total=total, percent=pct, award=award, rule=rule))]

    def describe(self, ctx: _Ctx) -> str:
        rule = (_("more than {share}") if self.strict else _("at least {share}")).format(
            share=words.share(self.share))
        return _("{rule} of the members reach {award}").format(
            rule=rule, award=ctx.title("LDTT"))


def _members_missing(ctx: _Ctx, what: str) -> Reason:
    return Reason("members_missing", False, _(
        "The members' figures for {year} are not recorded: {what}").format(
            year=ctx.year, what=what))


@dataclass(frozen=True)
class AllMembersCompleted(Condition):
    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        members = ctx.facts.members
        if members is None or members.completed is None:
            return [_members_missing(ctx, _("members who completed their tasks"))]
        if members.completed >= members.total:
            return [Reason("members_completed", True, _(
                "All {total} members completed their tasks").format(total=members.total))]
        return [Reason("members_completed", False, _(
            "Only {n}/{total} members completed their tasks; all of them must").format(
                n=members.completed, total=members.total))]

    def describe(self, ctx: _Ctx) -> str:
        return _("all members complete their tasks")


@dataclass(frozen=True)
class MembersWithTitle(Condition):
    """At least `count` members reached «Chiến sĩ thi đua cơ sở»."""

    count: int = 1

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        members = ctx.facts.members
        award = ctx.title("CSTDCS")
        if members is None or members.cstdcs is None:
            return [_members_missing(ctx, _("members who reached {award}").format(award=award))]
        if members.cstdcs >= self.count:
            return [Reason("members_cstdcs", True, _("{n} member(s) reached {award}").format(
                n=members.cstdcs, award=award))]
        return [Reason("members_cstdcs", False, _(
            "Only {n} member(s) reached {award}; at least {count} needed").format(
                n=members.cstdcs, award=award, count=self.count))]

    def describe(self, ctx: _Ctx) -> str:
        return _("at least {count} member(s) reach {award}").format(
            count=self.count, award=ctx.title("CSTDCS"))


@dataclass(frozen=True)
class NoMemberDisciplined(Condition):
    """Nobody in the collective was disciplined at cảnh cáo or above."""

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        members = ctx.facts.members
        if members is None or members.disciplined_warning is None:
            return [_members_missing(ctx, _("whether a member was disciplined at warning level "
                                             "or above"))]
        if not members.disciplined_warning:
            return [Reason("members_discipline", True,
                           _("No member disciplined at warning level or above"))]
        return [Reason("members_discipline", False,
                       _("A member was disciplined at warning level or above"))]

    def describe(self, ctx: _Ctx) -> str:
        return _("no member disciplined at warning level or above")


@dataclass(frozen=True)
class LeadsBloc(Condition):
    """The collective leads its cụm/khối thi đua for the year."""

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        bloc = ctx.facts.bloc
        if bloc is None:
            return [Reason("bloc_rank", False, _(
                "No ranking in the emulation bloc is recorded for {year}").format(
                    year=ctx.year))]
        if bloc.rank == 1:
            return [Reason("bloc_rank", True, _(
                "Leads its emulation bloc in {year} (rank 1 of {size})").format(
                    year=ctx.year, size=bloc.size))]
        return [Reason("bloc_rank", False, _(
            "Ranked {rank} of {size} in its emulation bloc in {year}; only the leader "
            "qualifies").format(rank=bloc.rank, size=bloc.size, year=ctx.year))]

    def describe(self, ctx: _Ctx) -> str:
        return _("lead the emulation bloc in {year}").format(year=ctx.year)


@dataclass(frozen=True)
class Judgement(Condition):
    """What only the officer can judge; an informational reason."""

    what: str  # N_ phrase

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        return [Reason("judgement", True, _("For the officer to judge: {what}").format(
            what=_(self.what)), info=True)]

    def describe(self, ctx: _Ctx) -> str:
        return _(self.what)


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        return [r for part in self.parts for r in part.evaluate(ctx)]

    def describe(self, ctx: _Ctx) -> str:
        phrases = [p.describe(ctx) for p in self.parts]
        return _("{a} and {b}").format(a=", ".join(phrases[:-1]), b=phrases[-1])


@dataclass(frozen=True)
class AnyOf(Condition):
    """One of the alternatives suffices; the first that holds is shown."""

    options: tuple[Condition, ...]

    def evaluate(self, ctx: _Ctx) -> list[Reason]:
        failed: list[Reason] = []
        for option in self.options:
            reasons = option.evaluate(ctx)
            if _holds(reasons):
                return reasons
            failed.extend(r for r in reasons if not r.ok)
        alternatives = "; ".join(
            f"({i}) {option.describe(ctx)}" for i, option in enumerate(self.options, start=1))
        return [Reason("one_of", False, _("None of these is met: {alternatives}").format(
            alternatives=alternatives)), *failed]

    def describe(self, ctx: _Ctx) -> str:
        return _("{a} or {b}").format(
            a=", ".join(o.describe(ctx) for o in self.options[:-1]),
            b=self.options[-1].describe(ctx))


# --- the standards -----------------------------------------------------------------------------

Conditions = tuple[Condition, ...]


@dataclass(frozen=True)
class Standard:
    """The conditions of one award code per subject kind, with per-regime variants."""

    subjects: Mapping[SubjectKind, Conditions]
    regimes: Mapping[str, Mapping[SubjectKind, Conditions]] = field(default_factory=dict)

    def conditions(self, regime: str, subject: SubjectKind) -> Conditions | None:
        variant = self.regimes.get(regime, {})
        if subject in variant:
            return variant[subject]
        return self.subjects.get(subject)


_I, _C, _H = SubjectKind.CA_NHAN, SubjectKind.TAP_THE, SubjectKind.HO_GIA_DINH
_HTT_UP = N_("completed their tasks well or better")
_HTXS = N_("completed their tasks excellently")
_GOOD_SPIRIT = N_("self-reliance, solidarity, mutual help and an active part in emulation "
                  "movements")
_MOVEMENT = N_("emulation movement that is regular, practical and effective; internal solidarity")

_LDTT = (Rating(HTT_UP, _HTT_UP), NotDisciplinedInYear(), Judgement(_GOOD_SPIRIT))
_CSTDCS = (Holds("LDTT"), AnyOf((Rating(HTXS, _HTXS), Initiatives(Scope.CO_SO))))
_CSTDCS_91 = (
    Holds("LDTT"), Initiatives(Scope.CO_SO),
    Judgement(N_("under Decree 91/2017 no more than 15 per cent "
                 "of those reaching “Lao động tiên tiến”")),
)
_TTLDTT = (Rating(HTT_UP, _HTT_UP), MemberShare(Fraction(7, 10)), NoMemberDisciplined(),
           Judgement(_MOVEMENT))
_TTLDTT_91 = (Rating(HTT_UP, _HTT_UP), MemberShare(Fraction(1, 2), strict=True),
              NoMemberDisciplined(), Judgement(_MOVEMENT))
_BY_HIGHER_LEVEL = Judgement(N_("the standard of this award, assessed by the level that decides "
                                "it"))

STANDARDS: dict[str, Standard] = {
    "LDTT": Standard({_I: _LDTT}),
    "CSTDCS": Standard({_I: _CSTDCS}, regimes={"nd91_2017": {_I: _CSTDCS_91}}),
    "CSTD_TINH": Standard({_I: (
        Consecutive(TitleYear("CSTDCS"), 3),
        Initiatives(Scope.TINH, window=3),
        Judgement(N_("outstanding among those with three consecutive “Chiến sĩ thi đua cơ sở”")),
    )}),
    "CSTD_TQ": Standard({_I: (
        ConsecutiveTimes("CSTD_TINH", 2, link=TitleYear("CSTDCS"), within=3),
        Initiatives(Scope.TOAN_QUOC, window=6),
        Judgement(N_("most outstanding among those with two consecutive provincial emulation "
                     "fighter titles")),
    )}),
    "TTLDTT": Standard({_C: _TTLDTT}, regimes={"nd91_2017": {_C: _TTLDTT_91}}),
    "TTLDXS": Standard({_C: (
        Rating(HTXS, _HTXS),
        AllMembersCompleted(),
        MemberShare(Fraction(7, 10)),
        MembersWithTitle(1),
        Judgement(_MOVEMENT),
    )}),
    "CO_TINH": Standard({_C: (
        LeadsBloc(),
        Holds("TTLDXS"),
        Judgement(N_("exceeded the year's emulation targets and tasks; outstanding in the "
                     "province; thrift, anti-waste and anti-corruption work")),
    )}),
    "CO_CP": Standard({_C: (
        Holds("CO_TINH"),
        Judgement(N_("most outstanding among the holders of a provincial emulation flag")),
    )}),
    "XA_TIEU_BIEU": Standard({_C: (
        Judgement(N_("the Government's framework and the province's standards for exemplary "
                     "communes")),
    )}),
    "THON_VH": Standard({_C: (
        Judgement(N_("the Government's framework and the province's standards for cultured "
                     "villages and residential groups")),
    )}),
    "GD_VH": Standard({_H: (
        Judgement(N_("the Government's framework and the province's standards for cultured "
                     "families")),
    )}),
    "GIAY_KHEN": Standard({
        _I: (Rating(HTT_UP, _HTT_UP), NotDisciplinedInYear(), Judgement(N_(
            "an achievement recognised in an emulation movement, or several or one-off "
            "achievements in their field"))),
        _C: (Rating(HTT_UP, _HTT_UP), NotDisciplinedInYear(), Judgement(N_(
            "an achievement recognised in an emulation movement, or one-off achievements; "
            "internal solidarity"))),
        _H: (Judgement(N_("contributions of work, land or property, or an achievement recognised "
                          "in an emulation movement")),),
    }),
    "BK_TINH": Standard({
        _I: (
            AnyOf((
                Consecutive(TitleYear("CSTDCS"), 2),
                AllOf((Consecutive(RatingYear(HTXS, _HTXS), 2),
                       Initiatives(Scope.CO_SO, count=2, window=2))),
            )),
            Judgement(N_("exemplary observance of the law")),
        ),
        _C: (
            Consecutive(EitherYear((RatingYear(HTXS, _HTXS), TitleYear("TTLDXS"))), 2),
            Judgement(N_("grassroots democracy, thrift, anti-waste and anti-corruption work")),
        ),
        _H: (Judgement(N_("exemplary, with many contributions of work, land or property to the "
                          "locality")),),
    }),
    "BK_TTG": Standard({_I: (_BY_HIGHER_LEVEL,), _C: (_BY_HIGHER_LEVEL,),
                        _H: (_BY_HIGHER_LEVEL,)}),
    "HC_LD_3": Standard({_I: (_BY_HIGHER_LEVEL,), _C: (_BY_HIGHER_LEVEL,)}),
    "HC_LD_2": Standard({_I: (_BY_HIGHER_LEVEL,), _C: (_BY_HIGHER_LEVEL,)}),
    "HC_LD_1": Standard({_I: (_BY_HIGHER_LEVEL,), _C: (_BY_HIGHER_LEVEL,)}),
}

# Chuyên đề and đột xuất: the achievement itself is the standard, and the officer judges it.
_THEMATIC = {
    "chuyen_de": Judgement(N_("an outstanding achievement in the thematic emulation movement, "
                              "against the targets registered for it")),
    "dot_xuat": Judgement(N_("a one-off achievement, exemplary and clearly proven")),
}


def _conditions(code: str, row: AwardDef, subject: SubjectKind, kind: AwardKind
                ) -> Conditions | None:
    if kind is not AwardKind.THUONG_XUYEN:
        judged: Conditions = (_THEMATIC[kind.value],)
        if subject is SubjectKind.HO_GIA_DINH:
            return judged
        return (NotDisciplinedInYear(), *judged)
    standard = STANDARDS.get(code)
    return None if standard is None else standard.conditions(row.regime, subject)


def _meets_standard(ctx: _Ctx, code: str) -> tuple[bool, list[Reason]]:
    """Whether the subject meets the standard of `code` for the evaluation year."""
    row = ctx.row(code)
    if row is None or ctx.depth >= _MAX_DEPTH or ctx.facts.kind.value not in row.subject_kinds:
        return False, []
    conditions = _conditions(code, row, ctx.facts.kind, AwardKind.THUONG_XUYEN)
    if conditions is None:
        return False, []
    ctx.depth += 1
    try:
        reasons = [r for c in conditions for r in c.evaluate(ctx)]
    finally:
        ctx.depth -= 1
    return _holds(reasons), reasons


# --- the entry point ---------------------------------------------------------------------------


def require_code(catalogue: Catalogue, code: str) -> None:
    """Raise a Vietnamese UserError when `code` is in no row of the catalogue."""
    if code not in catalogue.codes():
        raise UserError(_("There is no award with the code “{code}” in the catalogue.").format(
            code=code))


def _not_in_force(catalogue: Catalogue, code: str, on: date) -> Reason:
    rows = catalogue.award_rows(code)
    name = words.title(rows[-1])
    if on < rows[0].effective_from:
        hint = _("it applies only from {start}").format(start=words.day(rows[0].effective_from))
    elif rows[-1].effective_to is not None and on > rows[-1].effective_to:
        hint = _("it no longer applies after {end}").format(end=words.day(rows[-1].effective_to))
    else:
        hint = _("it was discontinued at that time")
    return Reason("in_force", False, _("{award} does not apply on {date}: {hint}").format(
        award=name, date=words.day(on), hint=hint))


def check(
    award_code: str,
    facts: SubjectFacts,
    on: date,
    catalogue: Catalogue,
    *,
    kind: AwardKind | str = AwardKind.THUONG_XUYEN,
) -> Verdict:
    """Whether `facts` meets `award_code` for a decision dated `on`, with every reason.

    `kind` is the loại hình of the proposal: thường xuyên (công trạng, the default), chuyên đề
    or đột xuất. Unknown codes raise `UserError`; a code not in force on `on` is not eligible.
    """
    require_code(catalogue, award_code)
    award_kind = AwardKind(kind)
    if on.year < facts.year:
        raise UserError(_("The decision date {date} is before the year evaluated ({year}).")
                        .format(date=words.day(on), year=facts.year))
    ctx = _Ctx(facts, on, catalogue)
    row = ctx.row(award_code)
    if row is None:
        latest = catalogue.award_rows(award_code)[-1]
        return Verdict(award_code, latest.name, None, facts.kind, facts.year, on, False,
                       [_not_in_force(catalogue, award_code, on)], [])
    title = words.title(row)
    reasons: list[Reason] = []
    if facts.kind.value not in row.subject_kinds:
        reasons.append(Reason("subject_kind", False, _(
            "{award} is not awarded to {subject}").format(
                award=title, subject=_(words.SUBJECTS[facts.kind]))))
    if award_kind.value not in row.kinds:
        reasons.append(Reason("award_kind", False, _("{award} is not used for {kind}").format(
            award=title, kind=_(words.AWARD_KINDS[award_kind.value]))))
    if row.proposal_only:
        reasons.append(Reason("proposal_only", True, _(
            "Proposal only: the local level prepares the dossier and proposes it; a higher level "
            "decides"), info=True))
    if facts.pending_review:
        reasons.append(Reason("pending_review", False, _(
            "A discipline, investigation, inspection or complaint is pending: no award or "
            "proposal until it is settled")))
    for period in facts.disciplines:
        if period.in_force(on):
            if period.end is None:
                text = _("Under discipline: {level} (from {start}, no end date recorded)").format(
                    level=period.level.label, start=words.day(period.start))
            else:
                text = _("Under discipline: {level} (until {end})").format(
                    level=period.level.label, end=words.day(period.end))
            reasons.append(Reason("discipline", False, text))
    if not any(r.code in ("subject_kind", "award_kind") for r in reasons):
        conditions = _conditions(award_code, row, facts.kind, award_kind)
        if conditions is None:
            reasons.append(Reason("no_rules", True, _(
                "No automatic rules for {award}: check its standard by hand").format(
                    award=title), info=True))
        else:
            for condition in conditions:
                reasons.extend(condition.evaluate(ctx))
    unique: list[Reason] = []
    seen: set[tuple[str, str]] = set()
    for reason in reasons:
        if (reason.code, reason.text) not in seen:
            seen.add((reason.code, reason.text))
            unique.append(reason)
    return Verdict(award_code, row.name, row.regime, facts.kind, facts.year, on,
                   _holds(unique), unique, _preference(facts))


def _preference(facts: SubjectFacts) -> list[str]:
    """ND 152/2025 Điều 4 khoản 6: among equals, prefer women and collectives ≥70% women."""
    if facts.kind is SubjectKind.CA_NHAN and facts.sex is Gender.NU:
        return [_("Preference: a woman")]
    members = facts.members
    if (facts.kind is SubjectKind.TAP_THE and members is not None and members.women is not None
            and Fraction(members.women, members.total) >= WOMEN_SHARE):
        return [_("Preference: a collective with at least 70% women")]
    return []

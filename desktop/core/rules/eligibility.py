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

Conditions return `Finding`s whose sentences are worded only when read: `check` words them all
into `Reason`s, `screen` only asks whether they hold (findings.py).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cache, partial
from typing import Any

from desktop.core.catalogue import AwardDef, Catalogue, CatalogueError
from desktop.core.rules import words
from desktop.core.rules.facts import AwardKind, DisciplineLevel, SubjectFacts
from desktop.core.rules.findings import Finding, Text, joined, phrase
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
    "screen",
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


def _row_on(catalogue: Catalogue, code: str, on: date, rows: dict[str, AwardDef | None]
            ) -> AwardDef | None:
    """The row of `code` in force on `on`, remembered in `rows` (None when there is none)."""
    if code not in rows:
        try:
            rows[code] = catalogue.award(code, on)
        except CatalogueError:
            rows[code] = None
    return rows[code]


class _Ctx:
    __slots__ = ("catalogue", "cutoff", "cutoff_day", "depth", "facts", "merit", "on", "other",
                 "rows", "year")

    def __init__(self, facts: SubjectFacts, on: date, catalogue: Catalogue,
                 rows: dict[str, AwardDef | None] | None = None) -> None:
        self.facts = facts
        self.on = on
        self.catalogue = catalogue
        self.year = facts.year
        self.merit = facts.merit_by_year
        self.other = facts.other_by_year
        self.depth = 0
        # The rows in force on `on`, by code: shared by every subject screened on that date.
        self.rows: dict[str, AwardDef | None] = {} if rows is None else rows
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
        return _row_on(self.catalogue, code, self.on, self.rows)

    def title(self, code: str) -> str:
        row = self.row(code)
        if row is None:
            rows = self.catalogue.award_rows(code) if code in self.catalogue.codes() else ()
            return words.title(rows[-1]) if rows else code
        return words.title(row)

    def titled(self, code: str) -> Callable[[], str]:
        """The title of `code`, looked up when a text is read."""
        return partial(self.title, code)


# --- conditions --------------------------------------------------------------------------------

_NONE: frozenset[str] = frozenset()
_NO_OTHER: dict[str, AwardKind] = {}
_MISSING = N_("Missing {year}: {why}")
_MEETS = N_("Meets the standard of {award} for {year} (not decided yet)")


@cache
def _accepted(code: str) -> frozenset[str]:
    """`code` and the higher titles of the same year that include it."""
    return IMPLIED.get(code, _NONE) | {code}


class Condition(ABC):
    """One part of a standard."""

    @abstractmethod
    def evaluate(self, ctx: _Ctx) -> Iterable[Finding]:
        """The findings, ok or not, this condition gives for the subject.

        A generator may stop being read at the first finding that does not hold (`screen`).
        """

    @abstractmethod
    def describe(self, ctx: _Ctx) -> str:
        """What it asks for, as a lower-case phrase («đạt “Lao động tiên tiến” năm 2024»)."""


def _holds(findings: list[Finding]) -> bool:
    return all(f.ok or f.info for f in findings)


@dataclass(frozen=True)
class Rating(Condition):
    """The task-completion rating of the evaluation year is in `accepted`."""

    accepted: frozenset[TaskRating]
    required: str  # N_ phrase: «hoàn thành tốt nhiệm vụ trở lên»

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        rating = ctx.facts.ratings.get(ctx.year)
        if rating is None:
            return [Finding("rating", False, Text(N_(
                "No task-completion rating is recorded for {year}"), {"year": ctx.year}))]
        if rating in self.accepted:
            return [Finding("rating", True, Text(N_("{year}: {rating}"), {
                "year": ctx.year, "rating": phrase(words.RATINGS[rating])}))]
        return [Finding("rating", False, Text(N_("{year}: {rating}; {required} is needed"), {
            "year": ctx.year, "rating": phrase(words.RATINGS[rating]),
            "required": phrase(self.required)}))]

    def describe(self, ctx: _Ctx) -> str:
        return _("{required} in {year}").format(required=_(self.required), year=ctx.year)


@dataclass(frozen=True)
class NotDisciplinedInYear(Condition):
    """No discipline ran during the evaluation year."""

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        found = [p for p in ctx.facts.disciplines if p.touches_year(ctx.year)]
        if not found:
            return [Finding("discipline_year", True,
                            Text(N_("Not disciplined in {year}"), {"year": ctx.year}))]
        return [Finding("discipline_year", False, Text(N_(
            "Disciplined in {year}: {discipline}"), {"year": ctx.year, "discipline": p.describe}))
            for p in found]

    def describe(self, ctx: _Ctx) -> str:
        return _("not disciplined in {year}").format(year=ctx.year)


# What one year of a chain shows: met, why not (a lower-case phrase), findings to add.
YearFound = tuple[bool, Callable[[], str] | None, list[Finding]]


class _YearTest(ABC):
    """What one year of a chain must show."""

    @abstractmethod
    def check(self, ctx: _Ctx, year: int) -> YearFound:
        """(met, why not, extra findings to show)."""

    @abstractmethod
    def achieved(self, ctx: _Ctx) -> str:
        """«đạt “Chiến sĩ thi đua cơ sở”», «hoàn thành xuất sắc nhiệm vụ»."""


@dataclass(frozen=True)
class TitleYear(_YearTest):
    """The subject holds title `code` for the year (recorded, or its standard met this year)."""

    code: str

    def check(self, ctx: _Ctx, year: int) -> YearFound:
        accepted = _accepted(self.code)
        if ctx.merit.get(year, _NONE) & accepted:
            return True, None, []
        if year == ctx.year and _meets(ctx, self.code):
            return True, None, [Finding("title_pending", True, Text(_MEETS, {
                "award": ctx.titled(self.code), "year": year}), info=True)]
        other = ctx.other.get(year, _NO_OTHER)
        for code in sorted(accepted) if other else ():
            if code in other:
                return False, Text(N_(
                    "{award} of that year was a {kind} award, which does not count for merit "
                    "awards"), {"award": ctx.titled(code),
                                "kind": phrase(words.AWARD_KINDS[other[code].value])}), []
        return False, Text(N_("has not reached {award}"), {"award": ctx.titled(self.code)}), []

    def achieved(self, ctx: _Ctx) -> str:
        return _("reached {award}").format(award=ctx.title(self.code))


@dataclass(frozen=True)
class RatingYear(_YearTest):
    accepted: frozenset[TaskRating]
    required: str  # N_ phrase

    def check(self, ctx: _Ctx, year: int) -> YearFound:
        rating = ctx.facts.ratings.get(year)
        if rating in self.accepted:
            return True, None, []
        if rating is None:
            return False, Text(N_("no task-completion rating recorded")), []
        return False, Text(N_("only {rating}; {required} is needed"), {
            "rating": phrase(words.RATINGS[rating]), "required": phrase(self.required)}), []

    def achieved(self, ctx: _Ctx) -> str:
        return _(self.required)


@dataclass(frozen=True)
class EitherYear(_YearTest):
    tests: tuple[_YearTest, ...]

    def check(self, ctx: _Ctx, year: int) -> YearFound:
        whys: list[Callable[[], str]] = []
        extra: list[Finding] = []
        for test in self.tests:
            met, why, more = test.check(ctx, year)
            if met:
                return True, None, more
            assert why is not None
            whys.append(why)
            extra.extend(more)
        return False, joined("; ", whys), extra

    def achieved(self, ctx: _Ctx) -> str:
        return _("{a} or {b}").format(
            a=", ".join(t.achieved(ctx) for t in self.tests[:-1]),
            b=self.tests[-1].achieved(ctx))


def _cut_off(ctx: _Ctx, year: int) -> Text | None:
    """Why `year` cannot count because of a discipline (principle 4), or None."""
    if year > ctx.cutoff:
        return None
    if ctx.cutoff_day is None:
        return Text(N_("achievements during a discipline with no end date recorded do not count"))
    return Text(N_("achievements before the end of the discipline ({end}) do not count"),
                {"end": partial(words.day, ctx.cutoff_day)})


@dataclass(frozen=True)
class Consecutive(Condition):
    """`count` consecutive years ending in the evaluation year, each passing `test`."""

    test: _YearTest
    count: int

    def evaluate(self, ctx: _Ctx) -> Iterator[Finding]:
        first = ctx.year - self.count + 1
        gaps = 0
        extra: list[Finding] = []
        for year in range(first, ctx.year + 1):
            cut = _cut_off(ctx, year)
            if cut is not None:
                gaps += 1
                yield Finding("chain_gap", False, Text(_MISSING, {"year": year, "why": cut}))
                continue
            met, why, more = self.test.check(ctx, year)
            extra.extend(more)
            if not met:
                gaps += 1
                yield Finding("chain_gap", False, Text(_MISSING, {"year": year, "why": why}))
        if not gaps:
            yield Finding("chain", True, Text(N_("{count} consecutive years ({years}): {what}"), {
                "count": f"{self.count:02d}", "years": words.years(first, ctx.year),
                "what": partial(self.test.achieved, ctx)}))
        yield from extra

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

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        met, why, extra = TitleYear(self.code).check(ctx, ctx.year)
        if not met:
            return [Finding("chain_gap", False, Text(_MISSING, {"year": ctx.year, "why": why})),
                    *extra]
        held = [ctx.year]
        findings: list[Finding] = list(extra)
        accepted = _accepted(self.code)
        while len(held) < self.count:
            later = held[-1]
            first = later - self.within
            earlier = None
            for year in range(later - 1, first - 1, -1):
                if year > ctx.cutoff and ctx.merit.get(year, _NONE) & accepted:
                    earlier = year
                    break
            if earlier is None:
                findings.insert(0, Finding("chain_gap", False, Text(N_(
                    "No earlier {award} in {years} to make {count} times in a row"), {
                        "award": ctx.titled(self.code), "years": words.years(first, later - 1),
                        "count": f"{self.count:02d}"})))
                return findings
            for year in range(earlier + 1, later):
                ok, why, more = self.link.check(ctx, year)
                cut = _cut_off(ctx, year)
                if cut is not None or not ok:
                    findings.insert(0, Finding("chain_gap", False, Text(N_(
                        "Missing {year}: {why}, so the times are not consecutive"), {
                            "year": year, "why": cut or why})))
                    return findings + more
            held.append(earlier)
        return [Finding("chain", True, Text(N_(
            "Reached {award} {count} times in a row ({years})"), {
                "award": ctx.titled(self.code), "count": f"{self.count:02d}",
                "years": ", ".join(str(y) for y in reversed(held))})), *findings]

    def describe(self, ctx: _Ctx) -> str:
        return _("reach {award} {count} times in a row, the last in {year}").format(
            award=ctx.title(self.code), count=f"{self.count:02d}", year=ctx.year)


@dataclass(frozen=True)
class Initiatives(Condition):
    """At least `count` sáng kiến/đề tài recognised at `scope` or wider within `window` years."""

    scope: Scope
    count: int = 1
    window: int = 1

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        first = ctx.year - self.window + 1
        rank = _SCOPE_RANK[self.scope]
        counted = max(first, ctx.cutoff + 1)  # principle 4
        found = [
            i for i in ctx.facts.initiatives
            if counted <= i.year <= ctx.year and _SCOPE_RANK[i.scope] >= rank
        ]
        scope = phrase(words.SCOPES[self.scope])
        when = partial(words.period, first, ctx.year)
        if len(found) >= self.count:
            if self.count == 1:
                best = max(found, key=lambda i: (_SCOPE_RANK[i.scope], i.year))
                return [Finding("initiative", True, Text(N_(
                    "Initiative or research recognised at {scope} level in {year}"), {
                        "scope": phrase(words.SCOPES[best.scope]), "year": best.year}))]
            return [Finding("initiative", True, Text(N_(
                "{n} initiatives or research projects recognised at {scope} level or wider "
                "{period}"), {"n": len(found), "scope": scope, "period": when}))]
        if not found:
            return [Finding("initiative", False, Text(N_(
                "No initiative or research recognised at {scope} level or wider {period}"), {
                    "scope": scope, "period": when}))]
        return [Finding("initiative", False, Text(N_(
            "Only {n} of the {count} initiatives or research projects needed are recognised at "
            "{scope} level or wider {period}"), {
                "n": len(found), "count": self.count, "scope": scope, "period": when}))]

    def describe(self, ctx: _Ctx) -> str:
        return _("{count} initiative(s) or research recognised at {scope} level or wider "
                 "{period}").format(count=f"{self.count:02d}", scope=_(words.SCOPES[self.scope]),
                                    period=words.period(ctx.year - self.window + 1, ctx.year))


@dataclass(frozen=True)
class Holds(Condition):
    """The subject holds title `code` in the evaluation year (decided, or meets its standard)."""

    code: str

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        title = ctx.titled(self.code)
        accepted = _accepted(self.code)
        if ctx.merit.get(ctx.year, _NONE) & accepted:
            return [Finding("title", True, Text(N_("Reached {award} in {year}"), {
                "award": title, "year": ctx.year}))]
        met, inner = _meets_standard(ctx, self.code)
        if met:
            return [Finding("title", True, Text(_MEETS, {"award": title, "year": ctx.year})),
                    *[f for f in inner if not f.info]]
        other = ctx.other.get(ctx.year, {})
        note = [Finding("title_not_counted", False, Text(N_(
            "{award} of {year} was a {kind} award, which does not count for merit awards"), {
                "award": ctx.titled(code), "year": ctx.year,
                "kind": phrase(words.AWARD_KINDS[other[code].value])}), info=True)
            for code in sorted(accepted & set(other))]
        return [Finding("title", False, Text(N_("Has not reached {award} in {year}"), {
            "award": title, "year": ctx.year})),
            *note, *[f for f in inner if not f.ok and not f.info]]

    def describe(self, ctx: _Ctx) -> str:
        return _("reach {award} in {year}").format(award=ctx.title(self.code), year=ctx.year)


@cache
def _share_rule(share: Fraction, strict: bool) -> Text:
    return Text(N_("more than {share}") if strict else N_("at least {share}"),
                {"share": partial(words.share, share)})


@dataclass(frozen=True)
class MemberShare(Condition):
    """A share of the members reached «Lao động tiên tiến» (at least, or more than, `share`)."""

    share: Fraction
    strict: bool = False  # ND 91/2017: «trên 50%»

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        members = ctx.facts.members
        award = ctx.titled("LDTT")
        if members is None or members.ldtt is None:
            return [_members_missing(ctx, Text(N_("members who reached {award}"),
                                               {"award": award}))]
        n, total = members.ldtt, members.total
        # n/total against the share, in whole numbers; a collective of no one has no share.
        got, needed = n * self.share.denominator, self.share.numerator * total
        ok = total > 0 and (got > needed if self.strict else got >= needed)
        parts = {"n": n, "total": total, "award": award,
                 "percent": partial(words.percent, n, total, self.share),
                 "rule": _share_rule(self.share, self.strict)}
        if ok:
            return [Finding("members_ldtt", True, Text(N_(
                "{n}/{total} members ({percent}) reached {award}, {rule}"), parts))]
        return [Finding("members_ldtt", False, Text(N_(
            "Only {n}/{total} members ({percent}) reached {award}; {rule} is needed"), parts))]

    def describe(self, ctx: _Ctx) -> str:
        return _("{rule} of the members reach {award}").format(
            rule=_share_rule(self.share, self.strict)(), award=ctx.title("LDTT"))


def _members_missing(ctx: _Ctx, what: Text) -> Finding:
    return Finding("members_missing", False, Text(N_(
        "The members' figures for {year} are not recorded: {what}"), {
            "year": ctx.year, "what": what}))


@dataclass(frozen=True)
class AllMembersCompleted(Condition):
    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        members = ctx.facts.members
        if members is None or members.completed is None:
            return [_members_missing(ctx, Text(N_("members who completed their tasks")))]
        if members.completed >= members.total:
            return [Finding("members_completed", True, Text(N_(
                "All {total} members completed their tasks"), {"total": members.total}))]
        return [Finding("members_completed", False, Text(N_(
            "Only {n}/{total} members completed their tasks; all of them must"), {
                "n": members.completed, "total": members.total}))]

    def describe(self, ctx: _Ctx) -> str:
        return _("all members complete their tasks")


@dataclass(frozen=True)
class MembersWithTitle(Condition):
    """At least `count` members reached «Chiến sĩ thi đua cơ sở»."""

    count: int = 1

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        members = ctx.facts.members
        award = ctx.titled("CSTDCS")
        if members is None or members.cstdcs is None:
            return [_members_missing(ctx, Text(N_("members who reached {award}"),
                                               {"award": award}))]
        if members.cstdcs >= self.count:
            return [Finding("members_cstdcs", True, Text(N_("{n} member(s) reached {award}"), {
                "n": members.cstdcs, "award": award}))]
        return [Finding("members_cstdcs", False, Text(N_(
            "Only {n} member(s) reached {award}; at least {count} needed"), {
                "n": members.cstdcs, "award": award, "count": self.count}))]

    def describe(self, ctx: _Ctx) -> str:
        return _("at least {count} member(s) reach {award}").format(
            count=self.count, award=ctx.title("CSTDCS"))


@dataclass(frozen=True)
class NoMemberDisciplined(Condition):
    """Nobody in the collective was disciplined at cảnh cáo or above."""

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        members = ctx.facts.members
        if members is None or members.disciplined_warning is None:
            return [_members_missing(ctx, Text(N_(
                "whether a member was disciplined at warning level or above")))]
        if not members.disciplined_warning:
            return [Finding("members_discipline", True,
                            Text(N_("No member disciplined at warning level or above")))]
        return [Finding("members_discipline", False,
                        Text(N_("A member was disciplined at warning level or above")))]

    def describe(self, ctx: _Ctx) -> str:
        return _("no member disciplined at warning level or above")


@dataclass(frozen=True)
class LeadsBloc(Condition):
    """The collective leads its cụm/khối thi đua for the year."""

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        bloc = ctx.facts.bloc
        if bloc is None:
            return [Finding("bloc_rank", False, Text(N_(
                "No ranking in the emulation bloc is recorded for {year}"), {"year": ctx.year}))]
        if bloc.rank == 1:
            return [Finding("bloc_rank", True, Text(N_(
                "Leads its emulation bloc in {year} (rank 1 of {size})"), {
                    "year": ctx.year, "size": bloc.size}))]
        return [Finding("bloc_rank", False, Text(N_(
            "Ranked {rank} of {size} in its emulation bloc in {year}; only the leader "
            "qualifies"), {"rank": bloc.rank, "size": bloc.size, "year": ctx.year}))]

    def describe(self, ctx: _Ctx) -> str:
        return _("lead the emulation bloc in {year}").format(year=ctx.year)


@dataclass(frozen=True)
class Judgement(Condition):
    """What only the officer can judge; an informational finding."""

    what: str  # N_ phrase

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        return [_judged(self.what)]

    def describe(self, ctx: _Ctx) -> str:
        return _(self.what)


@cache
def _judged(what: str) -> Finding:
    return Finding("judgement", True, Text(N_("For the officer to judge: {what}"), {
        "what": phrase(what)}), info=True)


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]

    def evaluate(self, ctx: _Ctx) -> Iterator[Finding]:
        for part in self.parts:
            yield from part.evaluate(ctx)

    def describe(self, ctx: _Ctx) -> str:
        phrases = [p.describe(ctx) for p in self.parts]
        return _("{a} and {b}").format(a=", ".join(phrases[:-1]), b=phrases[-1])


@dataclass(frozen=True)
class AnyOf(Condition):
    """One of the alternatives suffices; the first that holds is shown."""

    options: tuple[Condition, ...]

    def evaluate(self, ctx: _Ctx) -> list[Finding]:
        failed: list[Finding] = []
        for option in self.options:
            findings = list(option.evaluate(ctx))
            if _holds(findings):
                return findings
            failed.extend(f for f in findings if not f.ok)
        return [Finding("one_of", False, Text(N_("None of these is met: {alternatives}"), {
            "alternatives": partial(self._alternatives, ctx)})), *failed]

    def _alternatives(self, ctx: _Ctx) -> str:
        return "; ".join(
            f"({i}) {option.describe(ctx)}" for i, option in enumerate(self.options, start=1))

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


@cache
def _conditions(code: str, regime: str, subject: SubjectKind, kind: AwardKind
                ) -> Conditions | None:
    if kind is not AwardKind.THUONG_XUYEN:
        judged: Conditions = (_THEMATIC[kind.value],)
        if subject is SubjectKind.HO_GIA_DINH:
            return judged
        return (NotDisciplinedInYear(), *judged)
    standard = STANDARDS.get(code)
    return None if standard is None else standard.conditions(regime, subject)


def _standard(ctx: _Ctx, code: str) -> Conditions | None:
    """The conditions of `code` for the subject, None when there is no standard to meet."""
    row = ctx.row(code)
    if row is None or ctx.depth >= _MAX_DEPTH or ctx.facts.kind not in row.subject_kinds:
        return None
    return _conditions(code, row.regime, ctx.facts.kind, AwardKind.THUONG_XUYEN)


def _meets_standard(ctx: _Ctx, code: str) -> tuple[bool, list[Finding]]:
    """Whether the subject meets the standard of `code` for the evaluation year, and why."""
    conditions = _standard(ctx, code)
    if conditions is None:
        return False, []
    ctx.depth += 1
    try:
        findings = [f for c in conditions for f in c.evaluate(ctx)]
    finally:
        ctx.depth -= 1
    return _holds(findings), findings


def _meets(ctx: _Ctx, code: str) -> bool:
    """`_meets_standard(ctx, code)[0]`, reading no further than the first condition missed."""
    conditions = _standard(ctx, code)
    if conditions is None:
        return False
    ctx.depth += 1
    try:
        return all(f.ok or f.info for c in conditions for f in c.evaluate(ctx))
    finally:
        ctx.depth -= 1


# --- the entry points --------------------------------------------------------------------------


def require_code(catalogue: Catalogue, code: str) -> None:
    """Raise a Vietnamese UserError when `code` is in no row of the catalogue."""
    if code not in catalogue.codes():
        raise UserError(_("There is no award with the code “{code}” in the catalogue.").format(
            code=code))


def _require_year(facts: SubjectFacts, on: date) -> None:
    if on.year < facts.year:
        raise UserError(_("The decision date {date} is before the year evaluated ({year}).")
                        .format(date=words.day(on), year=facts.year))


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


def _label(level: DisciplineLevel) -> str:
    return level.label


def _findings(ctx: _Ctx, code: str, row: AwardDef, award_kind: AwardKind) -> Iterator[Finding]:
    """Every finding for the award in force `row`, in the order they are shown."""
    facts = ctx.facts
    title = partial(words.title, row)
    applies = True
    if facts.kind not in row.subject_kinds:
        applies = False
        yield Finding("subject_kind", False, Text(N_("{award} is not awarded to {subject}"), {
            "award": title, "subject": phrase(words.SUBJECTS[facts.kind])}))
    if award_kind not in row.kinds:
        applies = False
        yield Finding("award_kind", False, Text(N_("{award} is not used for {kind}"), {
            "award": title, "kind": phrase(words.AWARD_KINDS[award_kind.value])}))
    if row.proposal_only:
        yield Finding("proposal_only", True, Text(N_(
            "Proposal only: the local level prepares the dossier and proposes it; a higher level "
            "decides")), info=True)
    if facts.pending_review:
        yield Finding("pending_review", False, Text(N_(
            "A discipline, investigation, inspection or complaint is pending: no award or "
            "proposal until it is settled")))
    for period in facts.disciplines:
        if period.in_force(ctx.on):
            if period.end is None:
                text = Text(N_("Under discipline: {level} (from {start}, no end date recorded)"), {
                    "level": partial(_label, period.level),
                    "start": partial(words.day, period.start)})
            else:
                text = Text(N_("Under discipline: {level} (until {end})"), {
                    "level": partial(_label, period.level), "end": partial(words.day, period.end)})
            yield Finding("discipline", False, text)
    if not applies:
        return
    conditions = _conditions(code, row.regime, facts.kind, award_kind)
    if conditions is None:
        yield Finding("no_rules", True, Text(N_(
            "No automatic rules for {award}: check its standard by hand"), {"award": title}),
            info=True)
        return
    for condition in conditions:
        yield from condition.evaluate(ctx)


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
    _require_year(facts, on)
    ctx = _Ctx(facts, on, catalogue)
    row = ctx.row(award_code)
    if row is None:
        latest = catalogue.award_rows(award_code)[-1]
        return Verdict(award_code, latest.name, None, facts.kind, facts.year, on, False,
                       [_not_in_force(catalogue, award_code, on)], [])
    unique: list[Reason] = []
    seen: set[tuple[str, str]] = set()
    for finding in _findings(ctx, award_code, row, award_kind):
        reason = Reason(finding.code, finding.ok, finding.text(), finding.info)
        if (reason.code, reason.text) not in seen:
            seen.add((reason.code, reason.text))
            unique.append(reason)
    return Verdict(award_code, row.name, row.regime, facts.kind, facts.year, on,
                   all(r.ok or r.info for r in unique), unique, _preference(facts))


def screen(
    award_code: str,
    subjects: Iterable[SubjectFacts],
    on: date,
    catalogue: Catalogue,
    *,
    kind: AwardKind | str = AwardKind.THUONG_XUYEN,
) -> Iterator[bool]:
    """`check(award_code, facts, on, catalogue, kind=kind).eligible` for each subject, in order.

    For lists of thousands: no reason is worded, a subject's conditions stop at the first that
    fails, and the catalogue rows are looked up once. Call `check` for the reasons of those shown.
    Raises the same `UserError`s as `check` (the code at once, a subject's year when reached).
    """
    require_code(catalogue, award_code)
    award_kind = AwardKind(kind)
    rows: dict[str, AwardDef | None] = {}
    row = _row_on(catalogue, award_code, on, rows)
    return _screened(award_code, row, award_kind, subjects, on, catalogue, rows)


def _screened(award_code: str, row: AwardDef | None, award_kind: AwardKind,
              subjects: Iterable[SubjectFacts], on: date, catalogue: Catalogue,
              rows: dict[str, AwardDef | None]) -> Iterator[bool]:
    for facts in subjects:
        _require_year(facts, on)
        if row is None:
            yield False
            continue
        ctx = _Ctx(facts, on, catalogue, rows)
        yield all(f.ok or f.info for f in _findings(ctx, award_code, row, award_kind))


def _preference(facts: SubjectFacts) -> list[str]:
    """ND 152/2025 Điều 4 khoản 6: among equals, prefer women and collectives ≥70% women."""
    if facts.kind is SubjectKind.CA_NHAN and facts.sex is Gender.NU:
        return [_("Preference: a woman")]
    members = facts.members
    if (facts.kind is SubjectKind.TAP_THE and members is not None and members.women is not None
            and members.total > 0 and Fraction(members.women, members.total) >= WOMEN_SHARE):
        return [_("Preference: a collective with at least 70% women")]
    return []

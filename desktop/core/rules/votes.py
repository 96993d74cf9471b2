"""Council votes (Hội đồng Thi đua - Khen thưởng): quorum, thresholds on the whole membership.

ND 98/2023 Điều 30 khoản 7 (DOMAIN.md §3.3): where the catalogue gives a `council_threshold`
(80% for «Chiến sĩ thi đua cơ sở» and the Cờ thi đua, 90% for CSTĐ tỉnh and above) the yes votes
are counted against the TOTAL number of council members, absentees voting in writing. Other awards
pass with a simple majority (more than half) of the votes cast. An office may set its own
thresholds (`overrides`) and quorum. Exact fractions throughout: 8 of 10 is 80% and passes at 80%.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from desktop.core.catalogue import Catalogue, CatalogueError
from desktop.core.rules import words
from desktop.core.rules.eligibility import require_code
from desktop.errors import UserError
from desktop.i18n import _

__all__ = ["DEFAULT_QUORUM", "VoteResult", "vote"]

DEFAULT_QUORUM = Fraction(2, 3)


@dataclass(frozen=True)
class VoteResult:
    award_code: str
    award_name: str
    passed: bool
    yes: int
    members_total: int
    present: int | None
    written: int
    threshold: Fraction | None  # of the whole membership; None = majority of the votes cast
    quorum: Fraction
    quorum_ok: bool | None  # None: attendance not given, so not checked
    votes_cast: int
    explanation: str

    @property
    def share(self) -> Fraction:
        """Yes votes over the base the rule uses (the membership, or the votes cast)."""
        base = self.members_total if self.threshold is not None else self.votes_cast
        return Fraction(self.yes, base) if base else Fraction(0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "award": self.award_code,
            "passed": self.passed,
            "yes": self.yes,
            "members": self.members_total,
            "present": self.present,
            "written": self.written,
            "votes_cast": self.votes_cast,
            "threshold": None if self.threshold is None else str(_decimal(self.threshold)),
            "basis": "total_members" if self.threshold is not None else "majority_of_votes_cast",
            "quorum": str(_decimal(self.quorum)),
            "quorum_ok": self.quorum_ok,
            "explanation": self.explanation,
        }


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).normalize()


def _fraction(value: Decimal | Fraction | float | str, what: str) -> Fraction:
    try:
        frac = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    except (ValueError, TypeError, ZeroDivisionError):
        frac = Fraction(-1)
    if not 0 < frac <= 1:
        raise UserError(_("The {what} “{value}” must be a fraction above 0 and at most 1, for "
                          "example 0.8.").format(what=what, value=value))
    return frac


def vote(
    award_code: str,
    on: date,
    catalogue: Catalogue,
    *,
    members_total: int,
    yes: int,
    present: int | None = None,
    written: int = 0,
    overrides: Mapping[str, Decimal | Fraction | str] | None = None,
    quorum: Decimal | Fraction | str = DEFAULT_QUORUM,
) -> VoteResult:
    """Whether `yes` approvals pass the council for `award_code` on `on`, and why.

    `present` members attended and `written` absentees sent a written opinion; without
    `present` the quorum is not checked and every member is taken to have voted.
    """
    require_code(catalogue, award_code)
    for name, value in (("members", members_total), ("yes", yes), ("written", written)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UserError(_("The number “{name}” must be a whole number, 0 or more.").format(
                name=name))
    if members_total < 1:
        raise UserError(_("A council has at least one member."))
    if present is not None and (isinstance(present, bool) or not isinstance(present, int)
                                or present < 0):
        raise UserError(_("The number “{name}” must be a whole number, 0 or more.").format(
            name="present"))
    try:
        row = catalogue.award(award_code, on)
    except CatalogueError:
        raise UserError(_("{award} does not apply on {date}.").format(
            award=words.title(catalogue.award_rows(award_code)[-1]), date=words.day(on))) from None

    took_part = (present + written) if present is not None else members_total
    if present is not None and took_part > members_total or written > members_total:
        raise UserError(_("{n} members were present or voted in writing, more than the {total} "
                          "members of the council.").format(n=took_part, total=members_total))
    if yes > took_part:
        raise UserError(_("{yes} approvals were counted but only {n} members voted.").format(
            yes=yes, n=took_part))

    need = _fraction(quorum, _("quorum"))
    raw = (overrides or {}).get(award_code, row.council_threshold)
    threshold = None if raw is None else _fraction(raw, _("threshold"))

    quorum_ok = None if present is None else took_part >= need * members_total
    lines: list[str] = []
    if quorum_ok is False:
        passed = False
        lines.append(_("Not passed: only {n}/{total} members were present or voted in writing, "
                       "below the quorum of {quorum} of the members").format(
                           n=took_part, total=members_total, quorum=words.share(need)))
    elif threshold is not None:
        passed = yes >= threshold * members_total
        text = (_("Passed: {yes}/{total} members approved ({percent}), threshold {threshold} of "
                  "all members") if passed else
                _("Not passed: {yes}/{total} members approved ({percent}), threshold {threshold} "
                  "of all members"))
        lines.append(text.format(yes=yes, total=members_total,
                                 percent=words.percent(yes, members_total, below=threshold),
                                 threshold=words.share(threshold)))
    else:
        passed = 2 * yes > took_part
        text = (_("Passed: {yes}/{n} votes cast approved ({percent}), more than half") if passed
                else _("Not passed: {yes}/{n} votes cast approved ({percent}); more than half "
                       "is needed"))
        lines.append(text.format(yes=yes, n=took_part,
                                 percent=words.percent(yes, took_part, below=Fraction(1, 2))))
    if written:
        lines.append(_("{n} absent member(s) voted in writing").format(n=written))
    return VoteResult(
        award_code=award_code,
        award_name=row.name,
        passed=passed,
        yes=yes,
        members_total=members_total,
        present=present,
        written=written,
        threshold=threshold,
        quorum=need,
        quorum_ok=quorum_ok,
        votes_cast=took_part,
        explanation="; ".join(lines),
    )

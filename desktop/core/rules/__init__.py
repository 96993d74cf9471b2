"""The award rules engine: eligibility with reasons, council votes, money. No Qt, no database.

The service layer reads a subject's facts from the database into `SubjectFacts` and asks:

- `check(code, facts, on, catalogue)` → `Verdict`: eligible or not, each `Reason` in Vietnamese,
  and the tie preference (women, collectives with ≥70% women);
- `screen(code, facts_iterable, on, catalogue)` → the same eligibility for each subject, without
  wording reasons (for lists of thousands);
- `vote(code, on, catalogue, members_total=…, yes=…)` → `VoteResult` against the whole council;
- `price(code, subject_kind, on, catalogue, base_salaries)` → `Price`, and `total(prices)`.

The law is the catalogue row in force on the decision date `on` (desktop.core.catalogue);
award codes, reason codes and the facts JSON schema are documented in docs/rules.md.
"""

from __future__ import annotations

from desktop.core.rules.eligibility import (
    STANDARDS,
    Reason,
    Verdict,
    check,
    require_code,
    screen,
)
from desktop.core.rules.facts import (
    AwardEntry,
    AwardKind,
    BlocRanking,
    DisciplineLevel,
    DisciplinePeriod,
    InitiativeEntry,
    MemberSummary,
    SubjectFacts,
    facts_from_json,
    parse_day,
)
from desktop.core.rules.pricing import BaseSalaryRow, Price, price, total
from desktop.core.rules.votes import VoteResult, vote

__all__ = [
    "STANDARDS",
    "AwardEntry",
    "AwardKind",
    "BaseSalaryRow",
    "BlocRanking",
    "DisciplineLevel",
    "DisciplinePeriod",
    "InitiativeEntry",
    "MemberSummary",
    "Price",
    "Reason",
    "SubjectFacts",
    "Verdict",
    "VoteResult",
    "check",
    "facts_from_json",
    "parse_day",
    "price",
    "require_code",
    "screen",
    "total",
    "vote",
]

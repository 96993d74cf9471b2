"""Award money: coefficient × base salary in force on the decision date, rounded up.

ND 152/2025 Điều 49 (as ND 98/2023): the base is the mức lương cơ sở in force when the award
decision is signed; the result is rounded up to the ten-thousand đồng («làm tròn số lên hàng chục
nghìn đồng»). Coefficients come from the catalogue row in force on that date, per subject kind
(and per office level where the decree distinguishes it); a household is the individual amount ×
the row's household multiplier. Decimal arithmetic only; amounts are whole đồng.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.core.catalogue import BaseSalaryDef, Catalogue, CatalogueError
from desktop.core.rules import words
from desktop.core.rules.eligibility import require_code
from desktop.core.rules.facts import subject_kind as parse_subject_kind
from desktop.core.text import format_money, format_number
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.kinds import SubjectKind

__all__ = ["BaseSalaryRow", "Price", "base_salary_on", "price", "short_source", "total"]

_CITATION = re.compile(
    r"^((?:Nghị định|Nghị quyết|Thông tư|Quyết định|Luật)(?: số)? \S*?\d+/\d{4}/[\w\-]+)")


@dataclass(frozen=True, slots=True)
class BaseSalaryRow:
    """One mức lương cơ sở: in force from `effective_from` until the next row."""

    effective_from: date
    amount: int
    legal_source: str
    reported: bool = False  # seen only in secondary sources: the officer should check it


BaseSalaryInput = BaseSalaryRow | BaseSalaryDef | tuple[Any, ...]


def short_source(text: str) -> str:
    """«Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ…» → «Nghị định số 73/2024/NĐ-CP»."""
    m = _CITATION.match(text.strip())
    return m.group(1) if m else text.strip()


def _as_row(item: BaseSalaryInput) -> BaseSalaryRow:
    if isinstance(item, BaseSalaryRow):
        return item
    if isinstance(item, BaseSalaryDef):
        return BaseSalaryRow(item.effective_from, item.amount, item.legal_source, item.reported)
    if isinstance(item, tuple) and len(item) in (3, 4):
        start, amount, source = item[0], item[1], item[2]
        reported = bool(item[3]) if len(item) == 4 else False
        if isinstance(start, date) and isinstance(amount, int) and amount > 0:
            return BaseSalaryRow(start, amount, str(source), reported)
    raise UserError(_("A base salary row must give its start date, a whole amount in đồng and its "
                      "legal source."))


def base_salary_on(rows: Iterable[BaseSalaryInput], on: date) -> BaseSalaryRow:
    """The row in force on `on`: the latest whose start is not after it."""
    found: BaseSalaryRow | None = None
    for item in rows:
        row = _as_row(item)
        if row.effective_from > on:
            continue
        if found is None or row.effective_from > found.effective_from:
            found = row
    if found is None:
        raise UserError(
            _("No base salary is recorded for {d:%d/%m/%Y}; add it in the settings.").format(d=on))
    return found


@dataclass(frozen=True)
class Price:
    """The cash reward of one award to one subject, and everything needed to say how."""

    award_code: str
    award_name: str
    subject_kind: SubjectKind
    on: date
    regime: str
    regime_name: str
    legal_source: str
    cash: bool  # False: the decree gives no cash for this award and subject (amount 0)
    coefficient: Decimal
    individual_coefficient: Decimal | None  # for a household: the individual's coefficient
    household_multiplier: Decimal | None  # for a household: the multiplier applied
    base_salary: int
    base_salary_from: date
    base_salary_source: str
    base_salary_reported: bool
    exact: Decimal  # coefficient × base salary, before rounding
    amount: int  # whole đồng, rounded up to `step`
    step: int
    level: str | None = None

    def describe(self) -> str:
        """«0,3 × 2.340.000 đồng (Nghị định số 73/2024/NĐ-CP) = 702.000 đồng, làm tròn lên
        710.000 đồng»."""
        if not self.cash:
            return _("{award} carries no cash reward for {subject} under {regime}").format(
                award=self.award_name, subject=_(words.SUBJECTS[self.subject_kind]),
                regime=self.regime_name)
        coefficient = format_number(self.coefficient)
        if (self.household_multiplier is not None and self.individual_coefficient is not None
                and self.household_multiplier != 1):
            coefficient = _("{coefficient} (= {individual} × {multiplier} for a household)").format(
                coefficient=coefficient, individual=format_number(self.individual_coefficient),
                multiplier=format_number(self.household_multiplier))
        source = short_source(self.base_salary_source)
        if self.base_salary_reported:
            source = _("{source}, reported by secondary sources: check the original").format(
                source=source)
        exact = (format_money(self.exact) if self.exact == self.exact.to_integral_value()
                 else f"{format_number(self.exact)} đồng")
        if self.amount == self.exact:
            return _("{coefficient} × {base} ({source}) = {exact}").format(
                coefficient=coefficient, base=format_money(self.base_salary), source=source,
                exact=exact)
        return _("{coefficient} × {base} ({source}) = {exact}, rounded up to {amount}").format(
            coefficient=coefficient, base=format_money(self.base_salary), source=source,
            exact=exact, amount=format_money(self.amount))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready; Decimals as strings so that no digit is lost."""
        return {
            "award": self.award_code,
            "award_name": self.award_name,
            "subject_kind": self.subject_kind.value,
            "date": self.on.isoformat(),
            "amount": self.amount,
            "coefficient": str(self.coefficient),
            "base_salary": self.base_salary,
            "base_salary_from": self.base_salary_from.isoformat(),
            "base_salary_source": self.base_salary_source,
            "base_salary_reported": self.base_salary_reported,
            "exact": str(self.exact),
            "step": self.step,
            "regime": self.regime,
            "legal_source": self.legal_source,
            "cash": self.cash,
            "household_multiplier": (None if self.household_multiplier is None
                                     else str(self.household_multiplier)),
            "level": self.level,
            "description": self.describe(),
        }


def price(
    award_code: str,
    subject_kind: SubjectKind | str,
    on: date,
    catalogue: Catalogue,
    base_salaries: Sequence[BaseSalaryInput] | None = None,
    *,
    level: str | None = None,
    step: int | None = None,
) -> Price:
    """The reward of `award_code` for a `subject_kind` in a decision signed on `on`.

    `base_salaries` are the (effective_from, amount, legal_source, reported) rows the program
    keeps (the user may add a newly decreed one); None uses the catalogue's. `level` ("xa",
    "huyen", "tinh") is the level of the deciding office where the decree pays differently;
    `step` is the rounding (default: up to the ten-thousand đồng, desktop.core.money).
    """
    # desktop.core.money owns the rounding; it is imported here because it also reads the
    # database, and the engine should load no SQLAlchemy until money is asked for.
    from desktop.core.money import DEFAULT_STEP, round_up

    step = DEFAULT_STEP if step is None else step
    require_code(catalogue, award_code)
    kind = subject_kind if isinstance(subject_kind, SubjectKind) else parse_subject_kind(
        subject_kind)
    if kind is None:
        raise UserError(_("“{value}” is not a subject kind; use individual, collective or "
                          "household.").format(value=subject_kind))
    if isinstance(step, bool) or not isinstance(step, int) or step < 1:
        raise UserError(_("The rounding step must be a whole number of đồng, at least 1."))
    try:
        row = catalogue.award(award_code, on)
    except CatalogueError:
        raise UserError(_("{award} does not apply on {date}.").format(
            award=words.title(catalogue.award_rows(award_code)[-1]), date=words.day(on))) from None
    if kind.value not in row.subject_kinds:
        raise UserError(_("{award} is not awarded to {subject}.").format(
            award=words.title(row), subject=_(words.SUBJECTS[kind])))
    base = base_salary_on(catalogue.base_salaries if base_salaries is None else base_salaries, on)

    coefficient = row.coefficient(kind.value, level)
    individual = multiplier = None
    if kind is SubjectKind.HO_GIA_DINH and row.household_multiplier is not None:
        individual = row.coefficient(SubjectKind.CA_NHAN.value, level)
        multiplier = row.household_multiplier
        if coefficient is None and individual is not None:
            coefficient = individual * multiplier
    cash = coefficient is not None
    coefficient = coefficient if coefficient is not None else Decimal(0)
    exact = coefficient * base.amount
    return Price(
        award_code=award_code,
        award_name=row.name,
        subject_kind=kind,
        on=on,
        regime=row.regime,
        regime_name=catalogue.regime(row.regime).name,
        legal_source=row.legal_source,
        cash=cash,
        coefficient=coefficient,
        individual_coefficient=individual,
        household_multiplier=multiplier,
        base_salary=base.amount,
        base_salary_from=base.effective_from,
        base_salary_source=base.legal_source,
        base_salary_reported=base.reported,
        exact=exact,
        amount=round_up(exact, step) if cash else 0,
        step=step,
        level=level,
    )


def total(prices: Iterable[Price]) -> int:
    """The whole decision's money, in đồng."""
    return sum(p.amount for p in prices)

"""Award money: coefficient × base salary in force on the decision date, rounded up."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import BaseSalary

DEFAULT_STEP = 10_000  # «làm tròn số lên hàng chục nghìn đồng»


def round_up(amount: Decimal, step: int = DEFAULT_STEP) -> int:
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units * step)


def amount_for(coefficient: Decimal, base: int, step: int = DEFAULT_STEP) -> int:
    return round_up(coefficient * base, step)


def base_salary_on(session: Session, on: date) -> BaseSalary:
    row = session.scalars(
        select(BaseSalary)
        .where(BaseSalary.effective_from <= on)
        .order_by(BaseSalary.effective_from.desc())
    ).first()
    if row is None:
        raise UserError(
            _("No base salary is recorded for {d:%d/%m/%Y}; add it in the settings.").format(d=on)
        )
    return row

"""Award money: coefficient × base salary in force on the decision date, rounded up."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

DEFAULT_STEP = 10_000  # «làm tròn số lên hàng chục nghìn đồng»


def round_up(amount: Decimal, step: int = DEFAULT_STEP) -> int:
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units * step)

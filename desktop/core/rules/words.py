"""Words the rules print: labels of the vocabularies, titles, dates, percentages.

Labels are marked with `N_` and translated when shown, so a language chosen at start-up applies.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from desktop.core.catalogue import AwardDef
from desktop.core.text import format_number
from desktop.i18n import N_, _
from desktop.store.kinds import Scope, SubjectKind, TaskRating

RATINGS = {
    TaskRating.HTXS: N_("completed their tasks excellently"),
    TaskRating.HTT: N_("completed their tasks well"),
    TaskRating.HT: N_("completed their tasks"),
    TaskRating.KHT: N_("did not complete their tasks"),
}
SCOPES = {
    Scope.CO_SO: N_("grassroots"),
    Scope.TINH: N_("provincial"),
    Scope.TOAN_QUOC: N_("national"),
}
# Lower-case, for running text («không xét tặng cho hộ gia đình»).
SUBJECTS = {
    SubjectKind.CA_NHAN: N_("an individual"),
    SubjectKind.TAP_THE: N_("a collective"),
    SubjectKind.HO_GIA_DINH: N_("a household"),
}
AWARD_KINDS = {
    "thuong_xuyen": N_("regular (merit)"),
    "chuyen_de": N_("thematic"),
    "dot_xuat": N_("one-off"),
}
CATEGORIES = {
    "danh_hieu": N_("emulation title"),
    "hinh_thuc": N_("form of commendation"),
}


def title(row: AwardDef) -> str:
    """The award's name as running text writes it: in quotes when the law quotes it."""
    return f"“{row.name}”" if row.quoted else row.name


def day(d: date) -> str:
    """«01/3/2025»: the short date of running text (month padded only for 01 and 02)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


def years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def period(first: int, last: int) -> str:
    """«năm 2024» or «trong các năm 2022–2024»."""
    if first == last:
        return _("in {year}").format(year=first)
    return _("in the years {first}–{last}").format(first=first, last=last)


def share(value: Fraction | Decimal) -> str:
    """A fraction as officers say it: «80%», «2/3», «66,67%»."""
    frac = Fraction(value)
    if frac.denominator in (3, 6, 7, 9) and frac < 1:
        return f"{frac.numerator}/{frac.denominator}"
    pct = Decimal(frac.numerator * 100) / Decimal(frac.denominator)
    return f"{format_number(pct.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}%"


def percent(num: int, den: int, below: Fraction | None = None) -> str:
    """«80,0%» with one decimal, rounded half up; never rounded up onto `below` when under it.

    8/9 shows «88,9%». With a threshold of 90%, 8999/10000 shows «89,9%», not «90,0%».
    """
    if den == 0:
        return "—"
    exact = Decimal(num * 100) / Decimal(den)
    shown = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if below is not None and Fraction(num, den) < below <= Fraction(shown) / 100:
        shown = exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return f"{format_number(shown, 1)}%"

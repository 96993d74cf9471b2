"""Money (DOMAIN.md §2.5): every coefficient on both sides of every base-salary and regime change,
rounding up to the step, households, the describing sentence, malformed catalogue files."""

from __future__ import annotations

import dataclasses
import functools
import re
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.catalogue import Catalogue, CatalogueError, load_catalogue, load_catalogue_text
from desktop.core.rules import BaseSalaryRow, price, total
from desktop.core.rules.pricing import short_source
from desktop.errors import UserError
from desktop.paths import resource
from desktop.store.kinds import SubjectKind

P, C, H = SubjectKind.CA_NHAN, SubjectKind.TAP_THE, SubjectKind.HO_GIA_DINH


@functools.cache
def _catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def cat() -> Catalogue:
    return _catalogue()


def ceil_to(amount: Decimal, step: int = 10_000) -> int:
    """Test-only arithmetic: round up to a multiple of `step`."""
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING) * step)


# --- the table: DOMAIN.md §2.5 and the catalogue, written out by hand ------------------------

_COMMON = {
    ("LDTT", P): "0.3", ("CSTDCS", P): "1.0", ("CSTD_TINH", P): "3.0", ("CSTD_TQ", P): "4.5",
    ("TTLDTT", C): "0.8", ("TTLDXS", C): "1.5", ("CO_TINH", C): "8.0", ("CO_CP", C): "12.0",
    ("THON_VH", C): "1.5",
    ("GIAY_KHEN", P): "0.3", ("GIAY_KHEN", C): "0.6",
    ("HC_LD_3", P): "4.5", ("HC_LD_3", C): "9.0", ("HC_LD_2", P): "7.5", ("HC_LD_2", C): "15.0",
    ("HC_LD_1", P): "9.0", ("HC_LD_1", C): "18.0",
    ("BK_TTG", P): "3.5", ("BK_TTG", C): "7.0",
}
COEFFICIENTS: dict[str, dict[tuple[str, SubjectKind], str]] = {
    "nd91_2017": {**_COMMON, ("GIAY_KHEN", H): "0.3",
                  ("BK_TINH", P): "1.0", ("BK_TINH", C): "2.0", ("BK_TINH", H): "1.0",
                  ("BK_TTG", H): "3.5"},
    "nd98_2023": {**_COMMON, ("XA_TIEU_BIEU", C): "2.0", ("GIAY_KHEN", H): "0.3",
                  ("BK_TINH", P): "1.0", ("BK_TINH", C): "2.0", ("BK_TINH", H): "1.0",
                  ("BK_TTG", H): "3.5"},
    "nd152_2025": {**_COMMON, ("XA_TIEU_BIEU", C): "2.0", ("GIAY_KHEN", H): "0.45",
                   ("BK_TINH", P): "1.5", ("BK_TINH", C): "3.0", ("BK_TINH", H): "2.25",
                   ("BK_TTG", H): "5.25"},
}
# (decision date, base salary in force, its decree, regime in force)
BOUNDARIES = [
    (date(2023, 6, 30), 1_490_000, "38/2019", "nd91_2017"),
    (date(2023, 7, 1), 1_800_000, "24/2023", "nd91_2017"),
    (date(2023, 12, 31), 1_800_000, "24/2023", "nd91_2017"),
    (date(2024, 1, 1), 1_800_000, "24/2023", "nd98_2023"),
    (date(2024, 6, 30), 1_800_000, "24/2023", "nd98_2023"),
    (date(2024, 7, 1), 2_340_000, "73/2024", "nd98_2023"),
    (date(2025, 6, 30), 2_340_000, "73/2024", "nd98_2023"),
    (date(2025, 7, 1), 2_340_000, "73/2024", "nd152_2025"),
    (date(2026, 6, 30), 2_340_000, "73/2024", "nd152_2025"),
    (date(2026, 7, 1), 2_530_000, "161/2026", "nd152_2025"),
]


def test_every_coefficient_at_every_boundary(cat: Catalogue) -> None:
    wrong = []
    for day, base, decree, regime in BOUNDARIES:
        wrong.extend(_check_boundary(cat, day, base, decree, regime))
    assert wrong == []


def _check_boundary(cat: Catalogue, day: date, base: int, decree: str, regime: str
                    ) -> list[object]:
    wrong: list[object] = []
    for (code, subject), text in COEFFICIENTS[regime].items():
        coefficient = Decimal(text)
        p = price(code, subject, day, cat)
        got = (p.regime, p.coefficient, p.base_salary, p.exact, p.amount,
               p.base_salary_reported, decree in p.base_salary_source)
        expected = (regime, coefficient, base, coefficient * base, ceil_to(coefficient * base),
                    base == 2_530_000, True)
        if got != expected:
            wrong.append((day, code, subject.value, got, expected))
    return wrong


def test_the_table_covers_the_whole_catalogue(cat: Catalogue) -> None:
    for regime, table in COEFFICIENTS.items():
        in_catalogue = {
            (row.code, SubjectKind(kind))
            for row in cat.awards if row.regime == regime for kind in row.coefficients
        }
        assert in_catalogue == set(table), regime


# DOMAIN.md §2.5, the printed amounts (rounded) at 2.340.000 and at 2.530.000.
DOMAIN_AMOUNTS = [
    ("CSTD_TQ", P, 10_530_000, 11_390_000),
    ("CSTD_TINH", P, 7_020_000, 7_590_000),
    ("CSTDCS", P, 2_340_000, 2_530_000),
    ("LDTT", P, 710_000, 760_000),
    ("TTLDXS", C, 3_510_000, 3_800_000),
    ("TTLDTT", C, 1_880_000, 2_030_000),
    ("XA_TIEU_BIEU", C, 4_680_000, 5_060_000),
    ("THON_VH", C, 3_510_000, 3_800_000),
    ("CO_CP", C, 28_080_000, 30_360_000),
    ("CO_TINH", C, 18_720_000, 20_240_000),
    ("BK_TTG", P, 8_190_000, 8_860_000),
    ("BK_TTG", C, 16_380_000, 17_710_000),
    ("BK_TINH", P, 3_510_000, 3_800_000),
    ("BK_TINH", C, 7_020_000, 7_590_000),
    ("GIAY_KHEN", P, 710_000, 760_000),
    ("GIAY_KHEN", C, 1_410_000, 1_520_000),
]


def test_domain_amounts(cat: Catalogue) -> None:
    for code, subject, at_2340, at_2530 in DOMAIN_AMOUNTS:
        assert price(code, subject, date(2025, 7, 1), cat).amount == at_2340, code
        assert price(code, subject, date(2026, 7, 1), cat).amount == at_2530, code


def test_bk_tinh_individual_rose_on_1_july_2025(cat: Catalogue) -> None:
    before = price("BK_TINH", "individual", date(2025, 6, 30), cat)
    after = price("BK_TINH", "individual", date(2025, 7, 1), cat)
    assert (before.coefficient, before.amount) == (Decimal("1.0"), 2_340_000)
    assert (after.coefficient, after.amount) == (Decimal("1.5"), 3_510_000)
    assert before.regime == "nd98_2023" and after.regime == "nd152_2025"


# --- rounding and the sentence ---------------------------------------------------------------


def test_describe_the_worked_example(cat: Catalogue) -> None:
    p = price("LDTT", P, date(2025, 1, 15), cat)
    assert p.amount == 710_000 and p.exact == Decimal("702000.0")
    assert p.describe() == ("0,3 × 2.340.000 đồng (Nghị định số 73/2024/NĐ-CP) = 702.000 đồng, "
                            "làm tròn lên 710.000 đồng")
    exact = price("LDTT", P, date(2024, 6, 30), cat)
    assert exact.describe() == "0,3 × 1.800.000 đồng (Nghị định số 24/2023/NĐ-CP) = 540.000 đồng"


def test_describe_reported_base_and_household(cat: Catalogue) -> None:
    reported = price("CSTDCS", P, date(2026, 7, 1), cat)
    assert "Nghị định số 161/2026/NĐ-CP, mới thấy qua nguồn thứ cấp" in reported.describe()
    household = price("BK_TINH", "household", date(2025, 7, 1), cat)
    assert household.amount == 5_270_000
    assert household.household_multiplier == Decimal("1.5")
    assert household.describe().startswith(
        "2,25 (= 1,5 × 1,5 đối với hộ gia đình) × 2.340.000 đồng")


def test_rounding_step_is_configurable(cat: Catalogue) -> None:
    for step, amount in [(10_000, 710_000), (1_000, 702_000), (1, 702_000), (50_000, 750_000),
                         (100_000, 800_000)]:
        assert price("LDTT", P, date(2025, 1, 15), cat, step=step).amount == amount, step


def test_bad_step(cat: Catalogue) -> None:
    for step in (0, -10_000):
        with pytest.raises(UserError, match="làm tròn"):
            price("LDTT", P, date(2025, 1, 15), cat, step=step)


def test_household_multiplier_applied_when_the_row_has_no_household_coefficient(
        cat: Catalogue) -> None:
    row = cat.award("BK_TINH", date(2025, 7, 1))
    bare = dataclasses.replace(row, coefficients={k: v for k, v in row.coefficients.items()
                                                  if k != "ho_gia_dinh"})
    small = Catalogue(regimes=cat.regimes, base_salaries=cat.base_salaries, awards=(bare,),
                      dossier_components=cat.dossier_components, office_levels=cat.office_levels)
    p = price("BK_TINH", H, date(2025, 7, 1), small)
    assert p.coefficient == Decimal("2.25") and p.amount == 5_270_000


def test_level_coefficient(cat: Catalogue) -> None:
    commune = price("GIAY_KHEN", P, date(2023, 7, 1), cat, level="xa")
    assert commune.coefficient == Decimal("0.15")
    assert commune.amount == 270_000  # 0,15 × 1.800.000 = 270.000
    assert price("GIAY_KHEN", P, date(2023, 6, 30), cat, level="xa").amount == 230_000  # 223.500
    assert price("GIAY_KHEN", P, date(2025, 7, 1), cat, level="xa").amount == 710_000


def test_no_cash_award(cat: Catalogue) -> None:
    p = price("GD_VH", H, date(2025, 7, 1), cat)
    assert not p.cash and p.amount == 0
    assert p.describe() == ("Gia đình văn hóa không có tiền thưởng cho hộ gia đình theo "
                            "Nghị định số 152/2025/NĐ-CP")


def test_total(cat: Catalogue) -> None:
    day = date(2025, 7, 1)
    prices = [price("LDTT", P, day, cat) for _ in range(3)] + [price("TTLDTT", C, day, cat),
                                                               price("GD_VH", H, day, cat)]
    assert total(prices) == 3 * 710_000 + 1_880_000
    assert total([]) == 0


# --- base salaries supplied by the program ---------------------------------------------------


def test_base_salaries_from_the_caller(cat: Catalogue) -> None:
    rows = [(date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP ngày 30/6/2024", False),
            BaseSalaryRow(date(2027, 1, 1), 3_000_000, "Nghị định số 999/2026/NĐ-CP", True)]
    new = price("LDTT", P, date(2027, 1, 1), cat, rows)
    assert (new.base_salary, new.amount, new.base_salary_from) == (
        3_000_000, 900_000, date(2027, 1, 1))
    assert new.base_salary_reported and "999/2026" in new.describe()
    old = price("LDTT", P, date(2026, 12, 31), cat, rows)
    assert old.base_salary == 2_340_000
    # the catalogue's own rows are accepted as they are
    assert price("LDTT", P, date(2025, 1, 1), cat, list(cat.base_salaries)).amount == 710_000
    with pytest.raises(UserError) as caught:
        price("LDTT", P, date(2024, 6, 30), cat, rows)
    assert "30/06/2024" in str(caught.value)
    with pytest.raises(UserError, match="mức lương cơ sở"):
        price("LDTT", P, date(2025, 1, 1), cat, [("2024-07-01", 2_340_000, "x")])


# --- refusals --------------------------------------------------------------------------------


def test_refusals_are_vietnamese_sentences(cat: Catalogue) -> None:
    cases = [
        (("XYZ", P, date(2025, 1, 1)), "Danh mục không có danh hiệu, hình thức khen thưởng nào "
                                       "mã “XYZ”."),
        (("LDTT", H, date(2025, 1, 1)), "“Lao động tiên tiến” không xét tặng cho hộ gia đình."),
        (("XA_TIEU_BIEU", C, date(2023, 12, 31)),
         "Xã, phường, đặc khu tiêu biểu không áp dụng vào ngày 31/12/2023."),
        (("LDTT", "robot", date(2025, 1, 1)), "“robot” không phải là loại đối tượng"),
        (("LDTT", P, date(2016, 1, 1)), "không áp dụng vào ngày 01/01/2016"),
    ]
    for args, expected in cases:
        with pytest.raises(UserError) as caught:
            price(*args, cat)  # type: ignore[arg-type]
        assert expected in str(caught.value)


def test_short_source() -> None:
    assert short_source("Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ …") == (
        "Nghị định số 73/2024/NĐ-CP")
    assert short_source("Thông tư 01/2024/TT-BNV hướng dẫn") == "Thông tư 01/2024/TT-BNV"
    assert short_source("Quyết định của tỉnh") == "Quyết định của tỉnh"


# --- properties ------------------------------------------------------------------------------

PRICED = sorted({(row.code, kind, row.effective_from) for row in _catalogue().awards
                 for kind in row.coefficients})


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PRICED),
    st.integers(min_value=0, max_value=3000),
    st.integers(min_value=1, max_value=50_000_000),
    st.sampled_from([1, 1_000, 10_000, 50_000, 100_000]),
)
def test_amount_is_a_multiple_of_the_step_and_just_above_the_product(
    case: tuple[str, str, date], days: int, base: int, step: int,
) -> None:
    code, kind, start = case
    cat = _catalogue()
    day = start + timedelta(days=days)
    row = cat.award_rows(code)[-1]
    for candidate in cat.award_rows(code):
        if candidate.covers(day):
            row = candidate
    if not row.covers(day) or kind not in row.coefficients:
        return
    p = price(code, kind, day, cat, [(date(2000, 1, 1), base, "Nghị định giả định", False)],
              step=step)
    exact = row.coefficients[kind] * base
    assert p.exact == exact
    assert p.amount % step == 0
    assert exact <= p.amount < exact + step


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2017, 10, 1), max_value=date(2030, 12, 31)))
def test_shipped_base_salaries_any_day(day: date) -> None:
    p = price("CSTDCS", P, day, _catalogue())
    assert p.amount % 10_000 == 0 and p.amount >= p.exact
    assert p.base_salary_from <= day


# --- malformed catalogue files name the file and the line ------------------------------------


def _shipped_texts() -> dict[str, str]:
    folder = resource("catalogue")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))}


def _header_line(text: str, marker: str, section: str) -> int:
    """The line (1-based) of the [[section]] header above the first line containing `marker`."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    return next(i for i in range(at, -1, -1) if lines[i].strip() == f"[[{section}]]") + 1


def test_bad_coefficient_names_file_and_line() -> None:
    texts = _shipped_texts()
    good = 'coefficients = { ca_nhan = "1.5", tap_the = "3.0", ho_gia_dinh = "2.25" }'
    assert good in texts["awards.toml"]
    texts["awards.toml"] = texts["awards.toml"].replace(
        good, 'coefficients = { ca_nhan = "1,5x", tap_the = "3.0", ho_gia_dinh = "2.25" }')
    line = _header_line(texts["awards.toml"], "1,5x", "award")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(texts)
    message = str(caught.value)
    assert message.startswith(f"Tệp awards.toml, dòng {line}, mục BK_TINH (nd152_2025): ")
    assert "coefficients.ca_nhan" in message and "\n" not in message


def test_bad_base_salary_names_file_and_line() -> None:
    texts = _shipped_texts()
    texts["base_salary.toml"] = texts["base_salary.toml"].replace("amount = 2340000",
                                                                  "amount = -2340000")
    line = _header_line(texts["base_salary.toml"], "-2340000", "base_salary")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(texts)
    assert str(caught.value).startswith(f"Tệp base_salary.toml, dòng {line}, mục mức lương cơ sở")


def test_overlapping_rows_name_file_and_line() -> None:
    texts = _shipped_texts()
    text = texts["awards.toml"]
    start = text.index('code = "LDTT"\nregime = "nd152_2025"')
    texts["awards.toml"] = text[:start] + text[start:].replace(
        "effective_from = 2025-07-01", "effective_from = 2025-06-01", 1)
    line = _header_line(texts["awards.toml"], "effective_from = 2025-06-01", "award")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(texts)
    assert re.match(rf"Tệp awards\.toml, dòng {line}, mục LDTT \(nd152_2025\)", str(caught.value))


def test_toml_syntax_error_names_the_line() -> None:
    texts = _shipped_texts()
    texts["regimes.toml"] += "\n[[regime]]\ncode = \n"
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(texts)
    n = texts["regimes.toml"].count("\n")
    assert "regimes.toml" in str(caught.value) and f"dòng {n}" in str(caught.value)

"""The award catalogue: the shipped data (DOMAIN.md §1–§3) and every way the checker refuses it."""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.catalogue import (
    Catalogue,
    CatalogueError,
    load_catalogue,
    load_catalogue_text,
)
from desktop.paths import resource

# --- helpers -------------------------------------------------------------------------------------

_VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE
)


def assert_one_vietnamese_sentence(message: str) -> None:
    assert "\n" not in message
    assert message.endswith("."), message
    assert message[0].isupper(), message
    assert _VIETNAMESE_LETTERS.search(message), message
    for english in (" the ", " must ", "invalid", "expected", "error"):
        assert english not in message.lower(), message


def expect_error(texts: dict[str, str], *fragments: str) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(texts)
    message = str(caught.value)
    assert_one_vietnamese_sentence(message)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def ceil_10k(amount: Decimal) -> int:
    """Round up to the ten-thousand đồng, as DOMAIN.md §2.5 says (test-only arithmetic)."""
    return int((amount / 10000).to_integral_value(rounding=ROUND_CEILING) * 10000)


@functools.cache
def shipped_catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def shipped() -> Catalogue:
    return shipped_catalogue()


def shipped_texts() -> dict[str, str]:
    folder = resource("catalogue")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))}


# --- a small catalogue for the negative cases ---------------------------------------------------

REGIMES = """
[[regime]]
code = "nd98_2023"
name = "Nghị định số 98/2023/NĐ-CP"
legal_basis = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
law = "Luật Thi đua, khen thưởng số 06/2022/QH15"
effective_from = 2024-01-01
effective_to = 2025-06-30
evidence = "V"

[[regime]]
code = "nd152_2025"
name = "Nghị định số 152/2025/NĐ-CP"
legal_basis = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
law = "Luật Thi đua, khen thưởng số 06/2022/QH15"
effective_from = 2025-07-01
evidence = "V"

[[office_level]]
code = "tinh"
name = "Cấp tỉnh"

[[office_level]]
code = "huyen"
name = "Cấp huyện"
effective_to = 2025-06-30

[[office_level]]
code = "xa"
name = "Cấp xã"
"""

SALARIES = """
[[base_salary]]
amount = 1800000
effective_from = 2023-07-01
legal_source = "Nghị định số 24/2023/NĐ-CP"

[[base_salary]]
amount = 2340000
effective_from = 2024-07-01
legal_source = "Nghị định số 73/2024/NĐ-CP"
"""

DOSSIER = """
[[dossier_component]]
code = "to_trinh"
name = "Tờ trình đề nghị khen thưởng"
forms = [{ regime = "nd152_2025", form = "Mẫu số 01", evidence = "V" }]

[[dossier_component]]
code = "bien_ban_binh_xet"
name = "Biên bản bình xét thi đua"
"""

LDTT_98 = """
[[award]]
code = "LDTT"
regime = "nd98_2023"
name = "Lao động tiên tiến"
category = "danh_hieu"
kinds = ["thuong_xuyen"]
subject_kinds = ["ca_nhan"]
authority = { huyen = "award", xa = "award" }
coefficients = { ca_nhan = "0.3" }
secret_ballot = false
dossier = ["to_trinh", "bien_ban_binh_xet"]
legal_source = "Luật Thi đua, khen thưởng 2022 Điều 24; NĐ 98/2023 Điều 54"
effective_from = 2024-01-01
effective_to = 2025-06-30
proposal_only = false
certificate = "tien"
prerequisites_note = "Cá nhân hoàn thành tốt nhiệm vụ trở lên."
evidence = "V"
"""

LDTT_152 = """
[[award]]
code = "LDTT"
regime = "nd152_2025"
name = "Lao động tiên tiến"
category = "danh_hieu"
kinds = ["thuong_xuyen"]
subject_kinds = ["ca_nhan"]
authority = { xa = "award" }
coefficients = { ca_nhan = "0.3" }
secret_ballot = false
dossier = ["to_trinh", "bien_ban_binh_xet"]
legal_source = "NĐ 129/2025 Điều 59; NĐ 152/2025 Điều 50"
effective_from = 2025-07-01
proposal_only = false
certificate = "tien"
prerequisites_note = "Cá nhân hoàn thành tốt nhiệm vụ trở lên."
evidence = "V"
"""

BK_152 = """
[[award]]
code = "BK_TINH"
regime = "nd152_2025"
name = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
category = "hinh_thuc"
kinds = ["thuong_xuyen", "dot_xuat"]
subject_kinds = ["ca_nhan", "tap_the", "ho_gia_dinh"]
authority = { tinh = "award", xa = "propose" }
coefficients = { ca_nhan = "1.5", tap_the = "3.0", ho_gia_dinh = "2.25" }
household_multiplier = "1.5"
council_threshold = "0.8"
secret_ballot = false
dossier = ["to_trinh"]
legal_source = "NĐ 152/2025 Điều 54"
effective_from = 2025-07-01
proposal_only = false
certificate = "bang_khen"
prerequisites_note = "Có thành tích xuất sắc trong phong trào thi đua của tỉnh."
evidence = "V"
"""


def small(**files: str) -> dict[str, str]:
    texts = {
        "regimes.toml": REGIMES,
        "base_salary.toml": SALARIES,
        "dossier.toml": DOSSIER,
        "awards.toml": LDTT_98 + LDTT_152 + BK_152,
    }
    texts.update({name.replace("_toml", ".toml"): text for name, text in files.items()})
    return texts


def awards_with(old: str, new: str, *, in_text: str = LDTT_98) -> dict[str, str]:
    assert old in in_text, old
    changed = in_text.replace(old, new, 1)
    blocks = {LDTT_98: LDTT_98, LDTT_152: LDTT_152, BK_152: BK_152}
    blocks[in_text] = changed
    return small(awards_toml="".join(blocks.values()))


def test_small_catalogue_loads() -> None:
    catalogue = load_catalogue_text(small())
    assert catalogue.codes() == {"LDTT", "BK_TINH"}
    row = catalogue.award("BK_TINH", date(2025, 7, 1))
    assert row.coefficients == {
        "ca_nhan": Decimal("1.5"),
        "tap_the": Decimal("3.0"),
        "ho_gia_dinh": Decimal("2.25"),
    }
    assert row.council_threshold == Decimal("0.8")
    assert row.legal_name == row.name
    assert row.source == "awards.toml"


# --- the shipped catalogue -----------------------------------------------------------------------

REQUIRED_CODES = {
    "LDTT",
    "CSTDCS",
    "CSTD_TINH",
    "CSTD_TQ",
    "TTLDTT",
    "TTLDXS",
    "CO_TINH",
    "CO_CP",
    "GIAY_KHEN",
    "BK_TINH",
    "BK_TTG",
    "XA_TIEU_BIEU",
    "THON_VH",
    "GD_VH",
    "HC_LD_3",
    "HC_LD_2",
    "HC_LD_1",
}


def test_shipped_catalogue_loads(shipped: Catalogue) -> None:
    assert shipped.codes() >= REQUIRED_CODES
    assert [r.code for r in shipped.regimes] == ["nd91_2017", "nd98_2023", "nd152_2025"]
    assert {level.code for level in shipped.office_levels} == {"tinh", "huyen", "xa"}
    # every current title and form exists under both the 2024 decree and the 2025 one
    for code in REQUIRED_CODES:
        assert shipped.award(code, date(2024, 1, 1)).regime == "nd98_2023"
        assert shipped.award(code, date(2025, 7, 1)).regime == "nd152_2025"


def test_load_from_a_folder(tmp_path: Path) -> None:
    for name, text in small().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert load_catalogue(tmp_path).codes() == {"LDTT", "BK_TINH"}


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (date(2023, 12, 31), "nd91_2017"),
        (date(2024, 1, 1), "nd98_2023"),
        (date(2025, 6, 30), "nd98_2023"),
        (date(2025, 7, 1), "nd152_2025"),
        (date(2030, 1, 1), "nd152_2025"),
    ],
)
def test_regime_on(shipped: Catalogue, day: date, regime: str) -> None:
    assert shipped.regime_on(day).code == regime


def test_regime_before_the_first_one_is_refused(shipped: Catalogue) -> None:
    with pytest.raises(CatalogueError) as caught:
        shipped.regime_on(date(2010, 5, 1))
    assert "01/05/2010" in str(caught.value)
    assert_one_vietnamese_sentence(str(caught.value))


def test_regime_texts(shipped: Catalogue) -> None:
    nd98 = shipped.regime("nd98_2023")
    assert nd98.legal_basis == (
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng"
    )
    assert "06/2022/QH15" in nd98.law
    assert "06/2022/QH15" in shipped.regime("nd152_2025").law
    assert "2013" in shipped.regime("nd91_2017").law
    assert shipped.regime("nd152_2025").effective_to is None


@pytest.mark.parametrize(
    ("day", "amount", "reported"),
    [
        (date(2019, 7, 1), 1_490_000, False),
        (date(2023, 6, 30), 1_490_000, False),
        (date(2023, 7, 1), 1_800_000, False),
        (date(2024, 6, 30), 1_800_000, False),
        (date(2024, 7, 1), 2_340_000, False),
        (date(2026, 6, 30), 2_340_000, False),
        (date(2026, 7, 1), 2_530_000, True),
    ],
)
def test_base_salary_on(shipped: Catalogue, day: date, amount: int, reported: bool) -> None:
    row = shipped.base_salary_on(day)
    assert row.amount == amount
    assert row.reported is reported


def test_reported_base_salary_says_where_to_check(shipped: Catalogue) -> None:
    row = shipped.base_salary_on(date(2026, 7, 1))
    assert "161/2026/NĐ-CP" in row.legal_source
    assert "diepxuan" in row.note and "vanban.chinhphu.vn" in row.note


def test_base_salary_before_any_row_is_refused(shipped: Catalogue) -> None:
    with pytest.raises(CatalogueError) as caught:
        shipped.base_salary_on(date(2000, 1, 1))
    assert "01/01/2000" in str(caught.value)


def test_bk_tinh_individual_coefficient_rose_on_1_july_2025(shipped: Catalogue) -> None:
    before = shipped.award("BK_TINH", date(2025, 6, 30))
    after = shipped.award("BK_TINH", date(2025, 7, 1))
    assert before.regime == "nd98_2023"
    assert before.coefficient("ca_nhan") == Decimal("1.0")
    assert before.coefficient("tap_the") == Decimal("2.0")
    assert after.coefficient("ca_nhan") == Decimal("1.5")
    assert after.coefficient("tap_the") == Decimal("3.0")
    assert after.name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    # ND 98's 1,0 is marked [M] in DOMAIN.md; ND 152's 1,5 is verified
    assert before.coefficient_evidence("ca_nhan") == "M"
    assert after.coefficient_evidence("ca_nhan") == "V"


@pytest.mark.parametrize("day", [date(2024, 6, 1), date(2025, 7, 1)])
def test_council_thresholds(shipped: Catalogue, day: date) -> None:
    assert shipped.award("CSTDCS", day).council_threshold == Decimal("0.8")
    assert shipped.award("CSTD_TINH", day).council_threshold == Decimal("0.9")
    assert shipped.award("CSTD_TQ", day).council_threshold == Decimal("0.9")
    assert shipped.award("CO_TINH", day).council_threshold == Decimal("0.8")
    assert shipped.award("CO_CP", day).council_threshold == Decimal("0.8")
    for code in ("CSTDCS", "CSTD_TINH", "CSTD_TQ", "CO_TINH", "CO_CP"):
        assert shipped.award(code, day).secret_ballot
        assert "ket_qua_bo_phieu" in shipped.award(code, day).dossier
    assert shipped.award("LDTT", day).council_threshold is None  # simple majority


def test_commune_gains_district_powers_on_1_july_2025(shipped: Catalogue) -> None:
    old = shipped.award("TTLDTT", date(2025, 6, 30))
    new = shipped.award("TTLDTT", date(2025, 7, 1))
    assert not old.can_award("xa") and old.can_award("huyen")
    assert new.can_award("xa") and not new.can_award("huyen")
    for code in ("CSTDCS", "THON_VH", "LDTT", "GIAY_KHEN", "GD_VH"):
        assert shipped.award(code, date(2025, 7, 1)).can_award("xa"), code
    assert not shipped.award("CSTDCS", date(2025, 6, 30)).can_award("xa")


def test_no_district_after_30_june_2025(shipped: Catalogue) -> None:
    assert {lv.code for lv in shipped.office_levels_on(date(2025, 6, 30))} == {
        "tinh",
        "huyen",
        "xa",
    }
    assert {lv.code for lv in shipped.office_levels_on(date(2025, 7, 1))} == {"tinh", "xa"}
    for row in shipped.awards_on(date(2025, 7, 1)):
        assert "huyen" not in row.authority, row.label


def test_commune_title_renamed(shipped: Catalogue) -> None:
    assert shipped.award("XA_TIEU_BIEU", date(2025, 6, 30)).name == (
        "Xã, phường, thị trấn tiêu biểu"
    )
    assert shipped.award("XA_TIEU_BIEU", date(2025, 7, 1)).name == "Xã, phường, đặc khu tiêu biểu"


def test_lookup_outside_every_row(shipped: Catalogue) -> None:
    with pytest.raises(CatalogueError) as caught:
        shipped.award("XA_TIEU_BIEU", date(2020, 1, 1))
    message = str(caught.value)
    assert message.startswith(
        "Không có danh hiệu/hình thức “XA_TIEU_BIEU” áp dụng vào ngày 01/01/2020"
    )
    assert "01/01/2024" in message
    assert_one_vietnamese_sentence(message)
    with pytest.raises(CatalogueError, match="“KHONG_CO”"):
        shipped.award("KHONG_CO", date(2025, 7, 1))


def test_orders_and_central_awards_are_proposal_only(shipped: Catalogue) -> None:
    for code in ("HC_LD_3", "HC_LD_2", "HC_LD_1", "BK_TTG", "CO_CP", "CSTD_TQ"):
        for row in shipped.award_rows(code):
            assert row.proposal_only, row.label
            assert not any(row.can_award(level) for level in ("tinh", "huyen", "xa"))
    assert shipped.award("HC_LD_3", date(2025, 7, 1)).name == "Huân chương Lao động hạng Ba"


def test_household_is_one_and_a_half_individual_under_nd152(shipped: Catalogue) -> None:
    rows = [r for r in shipped.awards_on(date(2025, 7, 1)) if r.household_multiplier is not None]
    assert {r.code for r in rows} >= {"GIAY_KHEN", "BK_TINH", "BK_TTG"}
    for row in rows:
        assert row.household_multiplier == Decimal("1.5")
        individual = row.coefficient("ca_nhan")
        assert individual is not None
        assert row.coefficient("ho_gia_dinh") == individual * Decimal("1.5")
    # before 7/2025 the household rate is an assumption and says so
    old = shipped.award("BK_TINH", date(2025, 6, 30))
    assert old.coefficient_evidence("ho_gia_dinh") == "M"


def test_giay_khen_commune_rate(shipped: Catalogue) -> None:
    nd91 = shipped.award("GIAY_KHEN", date(2020, 1, 1))
    assert nd91.coefficient("ca_nhan") == Decimal("0.3")
    assert nd91.coefficient("ca_nhan", level="xa") == Decimal("0.15")
    nd152 = shipped.award("GIAY_KHEN", date(2025, 7, 1))
    assert nd152.coefficient("ca_nhan", level="xa") == Decimal("0.3")
    assert nd152.coefficient_evidence("ca_nhan", level="xa") == "I"  # DOMAIN.md §9 item 6
    assert nd152.coefficient_evidence("ca_nhan", level="tinh") == "V"


def test_dossier_forms(shipped: Catalogue) -> None:
    to_trinh = shipped.dossier_component("to_trinh")
    form = to_trinh.form_for("nd152_2025")
    assert form is not None and form.form == "Mẫu số 01"
    report = shipped.dossier_component("bao_cao_thanh_tich")
    individual = report.form_for("nd152_2025", "ca_nhan")
    assert individual is not None and individual.form == "Mẫu số 05"
    collective_98 = report.form_for("nd98_2023", "tap_the")
    assert collective_98 is not None and collective_98.form == "Mẫu số 02"
    for row in shipped.awards:
        for code in row.dossier + row.dossier_optional:
            assert code in shipped.dossier_components, (row.label, code)


def test_every_row_is_complete(shipped: Catalogue) -> None:
    for row in shipped.awards:
        assert row.prerequisites_note.endswith("."), row.label
        assert row.legal_source and row.name and row.certificate, row.label
        assert set(row.coefficients) <= set(row.subject_kinds), row.label
        assert shipped.regime(row.regime).covers(row.effective_from), row.label


def test_shipped_files_refuse_a_hole(shipped: Catalogue) -> None:
    """Removing the ND 98 row of LDTT leaves 2024 – 06/2025 uncovered."""
    texts = shipped_texts()
    blocks = texts["awards.toml"].split("[[award]]")
    kept = [b for b in blocks if not ('code = "LDTT"' in b and 'regime = "nd98_2023"' in b)]
    assert len(kept) == len(blocks) - 1
    texts["awards.toml"] = "[[award]]".join(kept)
    expect_error(texts, "awards.toml", "LDTT (nd152_2025)", "effective_from", "01/01/2024")


# --- the money column of DOMAIN.md §2.5 ---------------------------------------------------------
# Transcribed from DOMAIN.md §2.5: (code, subject, amount at 2.340.000, amount at 2.530.000).
# Amount = coefficient × base salary rounded up to 10.000 đ. The product has no money function
# here on purpose: the rules engine owns amounts; this only checks the coefficients.

TITLE_TABLE = [
    ("CSTD_TQ", "ca_nhan", 10_530_000, 11_390_000),
    ("CSTD_TINH", "ca_nhan", 7_020_000, 7_590_000),
    ("CSTDCS", "ca_nhan", 2_340_000, 2_530_000),
    ("LDTT", "ca_nhan", 710_000, 760_000),
    ("TTLDXS", "tap_the", 3_510_000, 3_800_000),
    ("TTLDTT", "tap_the", 1_880_000, 2_030_000),
    ("XA_TIEU_BIEU", "tap_the", 4_680_000, 5_060_000),
    ("THON_VH", "tap_the", 3_510_000, 3_800_000),
    ("CO_CP", "tap_the", 28_080_000, 30_360_000),
    ("CO_TINH", "tap_the", 18_720_000, 20_240_000),
]
AWARD_TABLE_ND152 = [
    ("BK_TTG", "ca_nhan", 8_190_000),
    ("BK_TTG", "tap_the", 16_380_000),
    ("BK_TINH", "ca_nhan", 3_510_000),
    ("BK_TINH", "tap_the", 7_020_000),
    ("GIAY_KHEN", "ca_nhan", 710_000),
    ("GIAY_KHEN", "tap_the", 1_410_000),
]


def _amount(catalogue: Catalogue, code: str, subject: str, day: date) -> int:
    coefficient = catalogue.award(code, day).coefficient(subject)
    assert coefficient is not None, (code, subject)
    return ceil_10k(coefficient * catalogue.base_salary_on(day).amount)


@pytest.mark.parametrize(("code", "subject", "at_2340", "at_2530"), TITLE_TABLE)
def test_domain_title_table(
    shipped: Catalogue, code: str, subject: str, at_2340: int, at_2530: int
) -> None:
    # ND 98 Điều 54 = ND 152 Điều 50: same coefficients under both decrees
    assert shipped.base_salary_on(date(2024, 7, 1)).amount == 2_340_000
    assert _amount(shipped, code, subject, date(2024, 7, 1)) == at_2340
    assert _amount(shipped, code, subject, date(2025, 7, 1)) == at_2340
    assert _amount(shipped, code, subject, date(2026, 7, 1)) == at_2530


@pytest.mark.parametrize(("code", "subject", "at_2340"), AWARD_TABLE_ND152)
def test_domain_award_table_nd152(
    shipped: Catalogue, code: str, subject: str, at_2340: int
) -> None:
    assert _amount(shipped, code, subject, date(2025, 7, 1)) == at_2340


# --- properties over time ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2017, 10, 1), max_value=date(2035, 12, 31)))
def test_one_row_per_code_on_any_day(day: date) -> None:
    catalogue = shipped_catalogue()
    rows = catalogue.awards_on(day)
    codes = [row.code for row in rows]
    assert len(codes) == len(set(codes))
    regime = catalogue.regime_on(day).code
    assert all(row.regime == regime for row in rows)
    levels = {lv.code for lv in catalogue.office_levels_on(day)}
    assert all(set(row.authority) <= levels for row in rows)
    base = catalogue.base_salary_on(day)
    assert base.effective_from <= day
    later = catalogue.base_salary_on(day + timedelta(days=400))
    assert later.amount >= base.amount


# --- the checker: every file problem is one Vietnamese sentence naming file, entry, field --------


def test_malformed_toml() -> None:
    message = expect_error(small(awards_toml="[[award]]\ncode = \n"), "awards.toml", "TOML")
    assert "dòng 2" in message


def test_not_utf8(tmp_path: Path) -> None:
    for name, text in small().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "awards.toml").write_bytes(b'name = "L\xe0o \xff"\n')
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    assert "awards.toml" in str(caught.value) and "UTF-8" in str(caught.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "khong_co")
    assert_one_vietnamese_sentence(str(caught.value))


def test_bad_decimal_message_is_exact() -> None:
    texts = awards_with('coefficients = { ca_nhan = "0.3" }', 'coefficients = { ca_nhan = "abc" }')
    message = expect_error(texts)
    assert message == (
        "Tệp awards.toml, dòng 2, mục LDTT (nd98_2023): hệ số “abc” "
        "(trường “coefficients.ca_nhan”) không phải là số."
    )


NEGATIVE_CASES = [
    pytest.param(
        'name = "Lao động tiên tiến"\n',
        "",
        ("LDTT (nd98_2023)", "thiếu trường “name”"),
        id="missing-field",
    ),
    pytest.param(
        'coefficients = { ca_nhan = "0.3" }',
        "coefficients = { ca_nhan = 0.3 }",
        ("LDTT (nd98_2023)", "coefficients.ca_nhan", "dấu nháy"),
        id="float-coefficient",
    ),
    pytest.param(
        'coefficients = { ca_nhan = "0.3" }',
        'coefficients = { ca_nhan = "-0.3" }',
        ("LDTT (nd98_2023)", "coefficients.ca_nhan", "âm"),
        id="negative-coefficient",
    ),
    pytest.param(
        'coefficients = { ca_nhan = "0.3" }',
        'coefficients = { ca_nhan = "NaN" }',
        ("LDTT (nd98_2023)", "không phải là số"),
        id="nan-coefficient",
    ),
    pytest.param(
        'coefficients = { ca_nhan = "0.3" }',
        'coefficients = { tap_the = "0.3" }',
        ("LDTT (nd98_2023)", "“tap_the”", "coefficients"),
        id="coefficient-for-other-subject",
    ),
    pytest.param(
        "secret_ballot = false",
        'secret_ballot = false\ncouncil_threshold = "1.5"',
        ("LDTT (nd98_2023)", "council_threshold", "không quá 1"),
        id="threshold-above-one",
    ),
    pytest.param(
        "secret_ballot = false",
        'secret_ballot = false\ncouncil_threshold = "0"',
        ("LDTT (nd98_2023)", "council_threshold"),
        id="threshold-zero",
    ),
    pytest.param(
        'category = "danh_hieu"',
        'category = "khac"',
        ("LDTT (nd98_2023)", "“category”", "“danh_hieu”"),
        id="unknown-category",
    ),
    pytest.param(
        'kinds = ["thuong_xuyen"]',
        'kinds = ["hang_thang"]',
        ("LDTT (nd98_2023)", "“kinds”", "“hang_thang”"),
        id="unknown-kind",
    ),
    pytest.param(
        'certificate = "tien"',
        'certificate = "ky_niem_chuong"',
        ("LDTT (nd98_2023)", "“certificate”"),
        id="unknown-certificate",
    ),
    pytest.param(
        'evidence = "V"',
        'evidence = "X"',
        ("LDTT (nd98_2023)", "“evidence”"),
        id="unknown-evidence-tag",
    ),
    pytest.param(
        'authority = { huyen = "award", xa = "award" }',
        'authority = { huyen = "award", xa = "quyet_dinh" }',
        ("LDTT (nd98_2023)", "authority.xa"),
        id="unknown-authority-role",
    ),
    pytest.param(
        'authority = { huyen = "award", xa = "award" }',
        'authority = { thon = "award" }',
        ("LDTT (nd98_2023)", "“thon”", "authority"),
        id="unknown-level",
    ),
    pytest.param(
        "proposal_only = false",
        "proposal_only = true",
        ("LDTT (nd98_2023)", "proposal_only", "authority"),
        id="proposal-only-but-awards",
    ),
    pytest.param(
        'dossier = ["to_trinh", "bien_ban_binh_xet"]',
        'dossier = ["to_trinh", "giay_gioi_thieu"]',
        ("LDTT (nd98_2023)", "“giay_gioi_thieu”", "“dossier”", "dossier_component"),
        id="unknown-dossier-code",
    ),
    pytest.param(
        'regime = "nd98_2023"',
        'regime = "nd99_2030"',
        ("LDTT (nd99_2030)", "“nd99_2030”", "“regime”"),
        id="unknown-regime",
    ),
    pytest.param(
        "effective_to = 2025-06-30",
        "effective_to = 2025-12-31",
        ("LDTT (nd98_2023)", "nd98_2023", "01/01/2024–31/12/2025"),
        id="row-outside-its-regime",
    ),
    pytest.param(
        "effective_to = 2025-06-30",
        "effective_to = 2023-06-30",
        ("LDTT (nd98_2023)", "effective_to", "30/06/2023"),
        id="end-before-start",
    ),
    pytest.param(
        "effective_from = 2024-01-01",
        'effective_from = "mùng 1 tết"',
        ("LDTT (nd98_2023)", "effective_from", "mùng 1 tết"),
        id="bad-date",
    ),
    pytest.param(
        "effective_from = 2024-01-01",
        "effective_from = 2024-01-01T08:00:00",
        ("LDTT (nd98_2023)", "effective_from", "không kèm giờ"),
        id="datetime-not-date",
    ),
    pytest.param(
        'coefficients = { ca_nhan = "0.3" }',
        'coeficients = { ca_nhan = "0.3" }',
        ("LDTT (nd98_2023)", "“coeficients”"),
        id="misspelt-field",
    ),
    pytest.param(
        'subject_kinds = ["ca_nhan"]',
        'subject_kinds = ["ca_nhan", "ca_nhan"]',
        ("LDTT (nd98_2023)", "lặp lại", "subject_kinds"),
        id="repeated-word",
    ),
    pytest.param(
        'name = "Lao động tiên tiến"',
        "name = 5",
        ("LDTT (nd98_2023)", "“name”"),
        id="name-not-text",
    ),
]


@pytest.mark.parametrize(("old", "new", "fragments"), NEGATIVE_CASES)
def test_award_row_errors(old: str, new: str, fragments: tuple[str, ...]) -> None:
    expect_error(awards_with(old, new), "Tệp awards.toml", *fragments)


def test_missing_code_names_the_position() -> None:
    texts = awards_with('code = "LDTT"\n', "")
    expect_error(texts, "awards.toml", "mục thứ 1 trong [[award]]", "“code”")


def test_missing_regime() -> None:
    texts = awards_with('regime = "nd98_2023"\n', "")
    expect_error(texts, "awards.toml", "LDTT (chưa ghi chế độ)", "“regime”")


def test_overlapping_rows() -> None:
    second = LDTT_98.replace("effective_from = 2024-01-01", "effective_from = 2025-01-01")
    texts = small(awards_toml=LDTT_98 + second + LDTT_152 + BK_152)
    expect_error(texts, "awards.toml", "LDTT (nd98_2023)", "chồng lên", "01/01/2025")


def test_gap_between_rows() -> None:
    late = LDTT_152.replace("effective_from = 2025-07-01", "effective_from = 2025-08-01")
    texts = small(awards_toml=LDTT_98 + late + BK_152)
    expect_error(
        texts, "awards.toml", "LDTT (nd152_2025)", "effective_from", "01/07/2025", "discontinued"
    )


def test_gap_allowed_after_discontinued_row() -> None:
    stopped = LDTT_98.replace("proposal_only = false", "proposal_only = false\ndiscontinued = true")
    late = LDTT_152.replace("effective_from = 2025-07-01", "effective_from = 2025-08-01")
    catalogue = load_catalogue_text(small(awards_toml=stopped + late + BK_152))
    with pytest.raises(CatalogueError, match="15/07/2025"):
        catalogue.award("LDTT", date(2025, 7, 15))
    assert catalogue.award("LDTT", date(2025, 8, 1)).regime == "nd152_2025"


def test_district_cannot_appear_after_june_2025() -> None:
    texts = awards_with(
        'authority = { xa = "award" }', 'authority = { huyen = "award" }', in_text=LDTT_152
    )
    expect_error(texts, "awards.toml", "LDTT (nd152_2025)", "“huyen”", "30/06/2025")


def test_household_coefficient_must_match_multiplier() -> None:
    texts = awards_with('ho_gia_dinh = "2.25"', 'ho_gia_dinh = "2.0"', in_text=BK_152)
    expect_error(texts, "awards.toml", "BK_TINH (nd152_2025)", "coefficients.ho_gia_dinh", "2.25")


def test_category_must_not_change_between_rows() -> None:
    texts = awards_with('category = "danh_hieu"', 'category = "hinh_thuc"', in_text=LDTT_152)
    expect_error(texts, "awards.toml", "LDTT (nd152_2025)", "category")


def test_unknown_section() -> None:
    expect_error(small(extra_toml='[[mau_in]]\ncode = "x"\n'), "extra.toml", "“mau_in”")


def test_unknown_regime_in_dossier_form() -> None:
    dossier = DOSSIER.replace('regime = "nd152_2025"', 'regime = "nd1_2000"')
    expect_error(small(dossier_toml=dossier), "dossier.toml", "to_trinh", "“nd1_2000”")


def test_regimes_must_not_leave_a_hole() -> None:
    regimes = REGIMES.replace("effective_from = 2025-07-01", "effective_from = 2025-09-01")
    texts = small(regimes_toml=regimes, awards_toml=LDTT_98)
    expect_error(texts, "regimes.toml", "nd152_2025", "effective_from", "30/06/2025")


def test_regimes_must_not_overlap() -> None:
    regimes = REGIMES.replace("effective_from = 2025-07-01", "effective_from = 2025-06-01")
    expect_error(small(regimes_toml=regimes), "regimes.toml", "nd152_2025", "chồng lên")


def test_base_salary_dates_must_increase() -> None:
    swapped = SALARIES.replace("2023-07-01", "2099-01-01")
    expect_error(
        small(base_salary_toml=swapped), "base_salary.toml", "mức lương cơ sở từ 01/07/2024"
    )


def test_base_salary_amount_must_be_whole_dong() -> None:
    bad = SALARIES.replace("amount = 2340000", 'amount = "2.340.000"')
    expect_error(small(base_salary_toml=bad), "base_salary.toml", "“amount”")


def test_reported_base_salary_needs_a_note() -> None:
    bad = SALARIES + (
        "\n[[base_salary]]\namount = 2530000\neffective_from = 2026-07-01\n"
        'legal_source = "Nghị định số 161/2026/NĐ-CP"\nreported = true\n'
    )
    expect_error(small(base_salary_toml=bad), "base_salary.toml", "01/07/2026", "“note”")

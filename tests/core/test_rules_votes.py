"""Council votes (DOMAIN.md §3.3): thresholds on the whole membership, exact boundaries, quorum."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.rules import vote
from desktop.errors import UserError

ON = date(2025, 1, 15)


@functools.cache
def _catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def cat() -> Catalogue:
    return _catalogue()


# (award, members, yes, passes): 80% for CSTĐCS and the Cờ, 90% for CSTĐ tỉnh and above,
# always of the whole council.
THRESHOLD_TABLE = [
    ("CSTDCS", 10, 8, True), ("CSTDCS", 10, 7, False), ("CSTDCS", 5, 4, True),
    ("CSTDCS", 5, 3, False), ("CSTDCS", 9, 8, True), ("CSTDCS", 9, 7, False),
    ("CSTDCS", 15, 12, True), ("CSTDCS", 15, 11, False), ("CSTDCS", 1, 1, True),
    ("CO_TINH", 10, 8, True), ("CO_TINH", 10, 7, False), ("CO_TINH", 20, 16, True),
    ("CO_CP", 25, 20, True), ("CO_CP", 25, 19, False),
    ("CSTD_TINH", 10, 9, True), ("CSTD_TINH", 10, 8, False), ("CSTD_TINH", 9, 8, False),
    ("CSTD_TINH", 9, 9, True), ("CSTD_TINH", 20, 18, True), ("CSTD_TINH", 20, 17, False),
    ("CSTD_TINH", 11, 10, True), ("CSTD_TINH", 11, 9, False),
    ("CSTD_TQ", 10, 9, True), ("CSTD_TQ", 30, 27, True), ("CSTD_TQ", 30, 26, False),
]


def test_thresholds_of_the_whole_council(cat: Catalogue) -> None:
    wrong = []
    for on in (date(2023, 12, 31), date(2024, 1, 1), date(2025, 6, 30), date(2025, 7, 1),
               date(2026, 7, 1)):
        for code, members, yes, passes in THRESHOLD_TABLE:
            result = vote(code, on, cat, members_total=members, yes=yes)
            if result.passed is not passes:
                wrong.append((on, code, members, yes, result.explanation))
    assert wrong == []


def test_explanations(cat: Catalogue) -> None:
    assert vote("CSTDCS", ON, cat, members_total=10, yes=8).explanation == (
        "Đạt: 8/10 thành viên đồng ý (80,0%), ngưỡng 80% tổng số thành viên")
    assert vote("CSTD_TINH", ON, cat, members_total=9, yes=8).explanation == (
        "Không đạt: 8/9 thành viên đồng ý (88,9%), ngưỡng 90% tổng số thành viên")
    assert vote("CSTD_TINH", ON, cat, members_total=10, yes=9).explanation == (
        "Đạt: 9/10 thành viên đồng ý (90,0%), ngưỡng 90% tổng số thành viên")


def test_absentees_do_not_lower_the_bar(cat: Catalogue) -> None:
    # 8 of 8 present approve, but the council has 10 members and the 2 absentees sent nothing
    result = vote("CSTD_TINH", ON, cat, members_total=10, yes=8, present=8)
    assert not result.passed and result.quorum_ok is True
    # their written votes count
    result = vote("CSTD_TINH", ON, cat, members_total=10, yes=9, present=8, written=2)
    assert result.passed
    assert result.explanation.endswith("; 2 thành viên vắng mặt gửi ý kiến bằng văn bản")


def test_percent_is_never_rounded_onto_the_threshold(cat: Catalogue) -> None:
    result = vote("CSTD_TINH", ON, cat, members_total=10_000, yes=8_999)
    assert not result.passed
    assert "(89,9%)" in result.explanation and "90,0%" not in result.explanation
    assert vote("CSTD_TINH", ON, cat, members_total=10_000, yes=9_000).passed


QUORUM_TABLE: list[tuple[int, int, int, Decimal | str | None, bool]] = [
    (9, 6, 0, None, True), (9, 5, 0, None, False), (9, 4, 2, None, True),
    (30, 20, 0, None, True), (30, 19, 0, None, False), (3, 2, 0, None, True),
    (10, 8, 0, Decimal("0.8"), True), (10, 7, 0, Decimal("0.8"), False),
    (10, 7, 1, "0.8", True),
]


def test_quorum(cat: Catalogue) -> None:
    for members, present, written, quorum, ok in QUORUM_TABLE:
        kwargs = {} if quorum is None else {"quorum": quorum}
        result = vote("CSTDCS", ON, cat, members_total=members, yes=0, present=present,
                      written=written, **kwargs)  # type: ignore[arg-type]
        assert result.quorum_ok is ok, (members, present, written, quorum)
        if not ok:
            assert not result.passed
            assert result.explanation.startswith("Không đạt: chỉ có ")
            assert "dưới mức tối thiểu" in result.explanation


def test_full_attendance_passes_quorum(cat: Catalogue) -> None:
    result = vote("CSTDCS", ON, cat, members_total=9, yes=8, present=9)
    assert result.passed and result.quorum_ok
    assert vote("CSTDCS", ON, cat, members_total=9, yes=8).quorum_ok is None


def test_majority_of_the_votes_cast_without_a_threshold(cat: Catalogue) -> None:
    for code in ("LDTT", "TTLDTT", "GIAY_KHEN", "BK_TINH"):
        assert vote(code, ON, cat, members_total=10, yes=6).passed
        assert not vote(code, ON, cat, members_total=10, yes=5).passed
    # with attendance, the base is the votes cast
    result = vote("LDTT", ON, cat, members_total=15, yes=6, present=10)
    assert result.passed and result.votes_cast == 10
    assert result.explanation == "Đạt: 6/10 phiếu đồng ý (60,0%), quá bán số phiếu"
    result = vote("LDTT", ON, cat, members_total=15, yes=5, present=10)
    assert not result.passed
    assert result.explanation == ("Không đạt: 5/10 phiếu đồng ý (50,0%); cần quá bán số phiếu")
    assert result.threshold is None


def test_office_overrides(cat: Catalogue) -> None:
    overrides = {"CSTDCS": Decimal("0.75")}
    assert vote("CSTDCS", ON, cat, members_total=10, yes=8, overrides=overrides).passed
    result = vote("CSTDCS", ON, cat, members_total=10, yes=7, overrides=overrides)
    assert not result.passed and result.threshold == Fraction(3, 4)
    assert "ngưỡng 75% tổng số thành viên" in result.explanation
    # an override for another code changes nothing here
    assert not vote("CSTDCS", ON, cat, members_total=10, yes=7,
                    overrides={"CO_TINH": Decimal("0.5")}).passed
    # an office may also put a threshold on an award that has none
    assert not vote("LDTT", ON, cat, members_total=10, yes=6,
                    overrides={"LDTT": Decimal("0.7")}).passed
    unanimous = vote("CSTD_TINH", ON, cat, members_total=7, yes=6, overrides={"CSTD_TINH": "1"})
    assert not unanimous.passed


BAD_NUMBERS: list[tuple[dict[str, object], str]] = [
    ({"members_total": 0, "yes": 0}, "ít nhất một thành viên"),
    ({"members_total": 10, "yes": 11}, "11 phiếu đồng ý"),
    ({"members_total": 10, "yes": -1}, "“yes”"),
    ({"members_total": 10, "yes": 5, "present": 9, "written": 2}, "nhiều hơn tổng số 10"),
    ({"members_total": 10, "yes": 8, "present": 6}, "8 phiếu đồng ý nhưng chỉ có 6"),
    ({"members_total": 10, "yes": 8, "overrides": {"CSTDCS": Decimal("1.5")}}, "“1.5”"),
    ({"members_total": 10, "yes": 8, "quorum": "0"}, "không quá 1"),
]


def test_bad_numbers(cat: Catalogue) -> None:
    for kwargs, fragment in BAD_NUMBERS:
        with pytest.raises(UserError) as caught:
            vote("CSTDCS", ON, cat, **kwargs)  # type: ignore[arg-type]
        message = str(caught.value)
        assert fragment in message and message.endswith(".") and "\n" not in message


def test_unknown_or_absent_award(cat: Catalogue) -> None:
    with pytest.raises(UserError, match="mã “CSTD”"):
        vote("CSTD", ON, cat, members_total=10, yes=8)
    with pytest.raises(UserError, match="không áp dụng vào ngày 31/12/2023"):
        vote("XA_TIEU_BIEU", date(2023, 12, 31), cat, members_total=10, yes=8)


def test_as_dict(cat: Catalogue) -> None:
    data = vote("CSTDCS", ON, cat, members_total=10, yes=8, present=9, written=1).as_dict()
    assert data["passed"] is True and data["threshold"] == "0.8"
    assert data["basis"] == "total_members" and data["quorum_ok"] is True


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=200), st.data())
def test_threshold_matches_exact_arithmetic(members: int, data: st.DataObject) -> None:
    yes = data.draw(st.integers(min_value=0, max_value=members))
    code = data.draw(st.sampled_from(["CSTDCS", "CSTD_TINH", "CO_TINH"]))
    result = vote(code, ON, _catalogue(), members_total=members, yes=yes)
    need = Fraction(9, 10) if code == "CSTD_TINH" else Fraction(4, 5)
    assert result.passed is (Fraction(yes, members) >= need)
    assert result.passed is (100 * yes >= int(need * 100) * members)

"""Eligibility rules (DOMAIN.md §2): standards per award, chains, discipline, regimes, reasons."""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.rules import (
    AwardEntry,
    AwardKind,
    BlocRanking,
    DisciplineLevel,
    DisciplinePeriod,
    InitiativeEntry,
    MemberSummary,
    SubjectFacts,
    Verdict,
    check,
    facts_from_json,
)
from desktop.core.rules.eligibility import REASON_CODES, STANDARDS
from desktop.core.rules.facts import parse_discipline_level
from desktop.errors import UserError
from desktop.store.kinds import Gender, Scope, SubjectKind, TaskRating

ROOT = Path(__file__).resolve().parents[2]
HTXS, HTT, HT, KHT = TaskRating.HTXS, TaskRating.HTT, TaskRating.HT, TaskRating.KHT
ON = date(2025, 1, 15)  # a decision for the year 2024, under ND 98/2023


@functools.cache
def _catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def cat() -> Catalogue:
    return _catalogue()


def person(year: int = 2024, *, ratings: dict[int, TaskRating] | None = None,
           awards: tuple[tuple[int, str] | tuple[int, str, AwardKind], ...] = (),
           initiatives: tuple[tuple[int, Scope], ...] = (),
           disciplines: tuple[DisciplinePeriod, ...] = (), **kw: Any) -> SubjectFacts:
    return SubjectFacts(
        kind=SubjectKind.CA_NHAN, year=year,
        ratings=ratings if ratings is not None else {year: HTT},
        awards=tuple(AwardEntry(*a) for a in awards),
        initiatives=tuple(InitiativeEntry(y, s) for y, s in initiatives),
        disciplines=disciplines, **kw)


def collective(year: int = 2024, *, rating: TaskRating | None = HTT,
               ratings: dict[int, TaskRating] | None = None,
               members: MemberSummary | None = None, **kw: Any) -> SubjectFacts:
    if ratings is None:
        ratings = {year: rating} if rating is not None else {}
    return SubjectFacts(kind=SubjectKind.TAP_THE, year=year, ratings=ratings,
                        members=members, **kw)


def texts(verdict: Verdict) -> list[str]:
    return [r.text for r in verdict.reasons]


def failed_codes(verdict: Verdict) -> list[str]:
    return [r.code for r in verdict.failed]


def has(verdict: Verdict, fragment: str) -> bool:
    return any(fragment in t for t in texts(verdict))


# --- Lao động tiên tiến --------------------------------------------------------------------------


def test_ldtt_needs_good_task_completion(cat: Catalogue) -> None:
    for rating, eligible in [(HTXS, True), (HTT, True), (HT, False), (KHT, False), (None, False)]:
        facts = person(ratings={} if rating is None else {2024: rating})
        verdict = check("LDTT", facts, ON, cat)
        assert verdict.eligible is eligible, (rating, texts(verdict))
        assert verdict.regime == "nd98_2023"
        if rating is HT:
            assert "Năm 2024: hoàn thành nhiệm vụ; cần hoàn thành tốt nhiệm vụ trở lên" in texts(
                verdict)
        if rating is None:
            assert has(verdict, "Chưa có kết quả đánh giá mức độ hoàn thành nhiệm vụ năm 2024")
        # the officer's part is said, and does not decide
        judgement = [r for r in verdict.reasons if r.code == "judgement"]
        assert judgement and judgement[0].info and judgement[0].text.startswith("Cán bộ xem xét:")


def test_ldtt_refused_when_disciplined_during_the_year(cat: Catalogue) -> None:
    period = DisciplinePeriod(DisciplineLevel.KHIEN_TRACH, date(2024, 3, 1), date(2024, 8, 31))
    verdict = check("LDTT", person(disciplines=(period,)), ON, cat)
    assert not verdict.eligible
    assert "Bị kỷ luật trong năm 2024: khiển trách (01/3/2024 – 31/8/2024)" in texts(verdict)
    # an old discipline, over before the year, does not matter
    old = DisciplinePeriod(DisciplineLevel.CANH_CAO, date(2021, 3, 1), date(2022, 2, 28))
    assert check("LDTT", person(disciplines=(old,)), ON, cat).eligible


def test_discipline_in_force_blocks_everything(cat: Catalogue) -> None:
    period = DisciplinePeriod(DisciplineLevel.KHIEN_TRACH, date(2024, 9, 1), date(2025, 3, 1))
    facts = person(ratings={2024: HTXS}, awards=((2023, "CSTDCS"),), disciplines=(period,))
    for code in ("LDTT", "CSTDCS", "GIAY_KHEN", "BK_TINH", "HC_LD_3", "BK_TTG"):
        verdict = check(code, facts, ON, cat)
        assert not verdict.eligible, code
        assert "Đang trong thời gian bị kỷ luật khiển trách (đến 01/3/2025)" in texts(verdict)
    # once it has ended it no longer blocks as such, but the year it touched still fails
    later = person(year=2025, ratings={2025: HTT}, disciplines=(period,))
    assert failed_codes(check("GIAY_KHEN", later, date(2026, 1, 10), cat)) == ["discipline_year"]
    open_ended = DisciplinePeriod(DisciplineLevel.CANH_CAO, date(2024, 10, 1))
    verdict = check("GIAY_KHEN", person(disciplines=(open_ended,)), ON, cat)
    assert not verdict.eligible
    assert has(verdict, "Đang trong thời gian bị kỷ luật cảnh cáo (từ 01/10/2024, chưa ghi ngày")


def test_pending_review_blocks(cat: Catalogue) -> None:
    verdict = check("LDTT", person(pending_review=True), ON, cat)
    assert not verdict.eligible
    assert failed_codes(verdict) == ["pending_review"]
    assert has(verdict, "Đang bị xem xét kỷ luật")


# --- Chiến sĩ thi đua cơ sở ----------------------------------------------------------------------


def test_cstdcs_with_excellent_rating(cat: Catalogue) -> None:
    verdict = check("CSTDCS", person(ratings={2024: HTXS}), ON, cat)
    assert verdict.eligible, texts(verdict)
    assert "Đủ tiêu chuẩn “Lao động tiên tiến” năm 2024 (chưa có quyết định)" in texts(verdict)
    assert "Năm 2024: hoàn thành xuất sắc nhiệm vụ" in texts(verdict)


def test_cstdcs_with_recorded_ldtt_says_so(cat: Catalogue) -> None:
    verdict = check("CSTDCS", person(ratings={2024: HTXS}, awards=((2024, "LDTT"),)), ON, cat)
    assert verdict.eligible
    assert texts(verdict)[0] == "Đạt “Lao động tiên tiến” năm 2024"


def test_cstdcs_with_an_initiative_of_any_scope(cat: Catalogue) -> None:
    for scope in Scope:
        verdict = check("CSTDCS", person(initiatives=((2024, scope),)), ON, cat)
        assert verdict.eligible, texts(verdict)
        assert any(r.code == "initiative" and r.ok for r in verdict.reasons)


def test_cstdcs_without_either_alternative(cat: Catalogue) -> None:
    verdict = check("CSTDCS", person(initiatives=((2023, Scope.TINH),)), ON, cat)
    assert not verdict.eligible
    assert failed_codes(verdict)[0] == "one_of"
    one_of = verdict.failed[0].text
    assert one_of.startswith("Chưa đạt trường hợp nào trong các trường hợp: (1) hoàn thành xuất "
                             "sắc nhiệm vụ năm 2024; (2) có 01 sáng kiến")


def test_cstdcs_under_nd91_needs_an_initiative(cat: Catalogue) -> None:
    on = date(2023, 12, 20)
    excellent = person(year=2023, ratings={2023: HTXS})
    verdict = check("CSTDCS", excellent, on, cat)
    assert verdict.regime == "nd91_2017"
    assert not verdict.eligible
    assert failed_codes(verdict) == ["initiative"]
    with_initiative = person(year=2023, ratings={2023: HTT}, initiatives=((2023, Scope.CO_SO),))
    verdict = check("CSTDCS", with_initiative, on, cat)
    assert verdict.eligible
    assert has(verdict, "không quá 15%")
    # the same facts a day after ND 98/2023 came into force: HTXS alone is enough
    assert check("CSTDCS", excellent, date(2024, 1, 1), cat).eligible


# --- chains: Chiến sĩ thi đua cấp tỉnh, Bằng khen -----------------------------------------------


def _cstd_tinh_facts(*awards: tuple[int, str] | tuple[int, str, AwardKind],
                     initiative: tuple[int, Scope] = (2023, Scope.TINH),
                     rating_2024: TaskRating = HTXS, **kw: Any) -> SubjectFacts:
    return person(ratings={2022: HTXS, 2023: HTXS, 2024: rating_2024}, awards=awards,
                  initiatives=(initiative,), **kw)


def test_cstd_tinh_three_consecutive(cat: Catalogue) -> None:
    facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS"), (2024, "CSTDCS"))
    verdict = check("CSTD_TINH", facts, ON, cat)
    assert verdict.eligible, texts(verdict)
    assert ("03 năm liên tục (2022–2024): đạt “Chiến sĩ thi đua cơ sở”" in texts(verdict))
    assert "Có sáng kiến, đề tài được công nhận phạm vi cấp tỉnh năm 2023" in texts(verdict)


def test_cstd_tinh_last_year_may_be_met_in_the_same_round(cat: Catalogue) -> None:
    facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS"))
    verdict = check("CSTD_TINH", facts, ON, cat)
    assert verdict.eligible
    pending = [r for r in verdict.reasons if r.code == "title_pending"]
    assert pending and pending[0].info
    assert pending[0].text == "Đủ tiêu chuẩn “Chiến sĩ thi đua cơ sở” năm 2024 (chưa có quyết định)"
    # …but not when 2024 itself falls short
    short = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS"), rating_2024=HT)
    verdict = check("CSTD_TINH", short, ON, cat)
    assert not verdict.eligible
    assert "Thiếu năm 2024: chưa đạt “Chiến sĩ thi đua cơ sở”" in texts(verdict)


def test_cstd_tinh_gaps_name_the_missing_years(cat: Catalogue) -> None:
    table: list[tuple[tuple[tuple[int, str], ...], list[int]]] = [
        (((2022, "CSTDCS"), (2024, "CSTDCS")), [2023]),
        (((2023, "CSTDCS"), (2024, "CSTDCS")), [2022]),
        (((2024, "CSTDCS"),), [2022, 2023]),
        (((2021, "CSTDCS"), (2022, "CSTDCS"), (2024, "CSTDCS")), [2023]),
    ]
    for awards, missing in table:
        verdict = check("CSTD_TINH", _cstd_tinh_facts(*awards), ON, cat)
        assert not verdict.eligible
        gaps = [r.text for r in verdict.reasons if r.code == "chain_gap"]
        assert gaps == [f"Thiếu năm {y}: chưa đạt “Chiến sĩ thi đua cơ sở”" for y in missing]


def test_thematic_and_one_off_awards_do_not_count(cat: Catalogue) -> None:
    for kind, word in [(AwardKind.CHUYEN_DE, "theo chuyên đề"), (AwardKind.DOT_XUAT, "đột xuất")]:
        _not_counted(cat, kind, word)


def _not_counted(cat: Catalogue, kind: AwardKind, word: str) -> None:
    facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS", kind), (2024, "CSTDCS"))
    verdict = check("CSTD_TINH", facts, ON, cat)
    assert not verdict.eligible
    assert (f"Thiếu năm 2023: “Chiến sĩ thi đua cơ sở” năm đó là khen thưởng {word}, không được "
            "tính để xét khen thưởng công trạng") in texts(verdict)
    # and a thematic LĐTT does not make the year's title either
    ldtt = person(ratings={2024: HT}, awards=((2024, "LDTT", kind),))
    verdict = check("CSTDCS", ldtt, ON, cat)
    assert not verdict.eligible
    assert any(r.code == "title_not_counted" and word in r.text for r in verdict.reasons)


def test_a_higher_title_counts_for_the_lower_one(cat: Catalogue) -> None:
    facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTD_TINH"), (2024, "CSTDCS"))
    assert check("CSTD_TINH", facts, ON, cat).eligible


def test_cstd_tinh_initiative_scope_and_window(cat: Catalogue) -> None:
    for initiative, ok in [((2024, Scope.TINH), True), ((2022, Scope.TOAN_QUOC), True),
                           ((2023, Scope.CO_SO), False), ((2021, Scope.TINH), False)]:
        facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS"), (2024, "CSTDCS"),
                                 initiative=initiative)
        verdict = check("CSTD_TINH", facts, ON, cat)
        assert verdict.eligible is ok, initiative
        if not ok:
            assert ("Chưa có sáng kiến, đề tài được công nhận từ phạm vi cấp tỉnh trở lên trong "
                    "các năm 2022–2024") in texts(verdict)


def test_discipline_resets_the_chain(cat: Catalogue) -> None:
    old = DisciplinePeriod(DisciplineLevel.KHIEN_TRACH, date(2022, 2, 1), date(2022, 7, 31))
    facts = _cstd_tinh_facts((2022, "CSTDCS"), (2023, "CSTDCS"), (2024, "CSTDCS"),
                             disciplines=(old,))
    verdict = check("CSTD_TINH", facts, ON, cat)
    assert not verdict.eligible
    assert ("Thiếu năm 2022: thành tích trước khi hết thời hạn kỷ luật (31/7/2022) không được tính"
            in texts(verdict))
    assert not has(verdict, "Thiếu năm 2023")


def test_cstd_tq_two_consecutive_provincial_titles(cat: Catalogue) -> None:
    ratings = dict.fromkeys(range(2019, 2025), HTXS)
    awards = [(y, "CSTDCS") for y in range(2019, 2025)] + [(2021, "CSTD_TINH"), (2024, "CSTD_TINH")]
    facts = person(ratings=ratings, awards=tuple(awards),
                   initiatives=((2023, Scope.TOAN_QUOC), (2021, Scope.TINH)))
    verdict = check("CSTD_TQ", facts, ON, cat)
    assert verdict.eligible, texts(verdict)
    assert "Đạt Chiến sĩ thi đua cấp tỉnh 02 lần liên tục (2021, 2024)" in texts(verdict)
    assert any(r.code == "proposal_only" and r.info for r in verdict.reasons)
    # a year without CSTĐCS between the two breaks the run
    broken = person(ratings=ratings, awards=tuple(a for a in awards if a != (2022, "CSTDCS")),
                    initiatives=((2023, Scope.TOAN_QUOC),))
    verdict = check("CSTD_TQ", broken, ON, cat)
    assert not verdict.eligible
    assert ("Thiếu năm 2022: chưa đạt “Chiến sĩ thi đua cơ sở”, nên các lần đạt không liên tục"
            in texts(verdict))
    # one provincial title only
    single = person(ratings=ratings, awards=((2024, "CSTD_TINH"),),
                    initiatives=((2023, Scope.TOAN_QUOC),))
    verdict = check("CSTD_TQ", single, ON, cat)
    assert not verdict.eligible
    assert has(verdict, "Không có lần đạt Chiến sĩ thi đua cấp tỉnh liền trước trong các năm "
                        "2021–2023 để đủ 02 lần liên tục")


def test_bk_tinh_individual_routes(cat: Catalogue) -> None:
    two_cstdcs = person(ratings={2023: HTXS, 2024: HTXS}, awards=((2023, "CSTDCS"),))
    verdict = check("BK_TINH", two_cstdcs, ON, cat)
    assert verdict.eligible, texts(verdict)
    assert "02 năm liên tục (2023–2024): đạt “Chiến sĩ thi đua cơ sở”" in texts(verdict)

    htxs_and_initiatives = person(ratings={2023: HTXS, 2024: HTXS}, awards=((2024, "LDTT"),),
                                  initiatives=((2023, Scope.CO_SO), (2024, Scope.CO_SO)))
    # CSTĐCS 2023 is missing, the HTXS + two initiatives route carries it
    verdict = check("BK_TINH", htxs_and_initiatives, ON, cat)
    assert verdict.eligible, texts(verdict)
    assert has(verdict, "02 năm liên tục (2023–2024): hoàn thành xuất sắc nhiệm vụ")
    assert has(verdict, "Có 2 sáng kiến, đề tài được công nhận từ phạm vi cơ sở trở lên")

    one_initiative = person(ratings={2023: HTXS, 2024: HTT}, initiatives=((2024, Scope.CO_SO),))
    verdict = check("BK_TINH", one_initiative, ON, cat)
    assert not verdict.eligible
    assert failed_codes(verdict)[0] == "one_of"


def test_bk_tinh_collective_and_household(cat: Catalogue) -> None:
    facts = collective(ratings={2023: HTXS, 2024: HTT}, awards=(AwardEntry(2024, "TTLDXS"),))
    assert check("BK_TINH", facts, ON, cat).eligible
    gap = collective(ratings={2023: HTT, 2024: HTXS})
    verdict = check("BK_TINH", gap, ON, cat)
    assert not verdict.eligible
    assert has(verdict, "Thiếu năm 2023: chỉ hoàn thành tốt nhiệm vụ, cần hoàn thành xuất sắc "
                        "nhiệm vụ; chưa đạt “Tập thể lao động xuất sắc”")
    household = SubjectFacts(kind=SubjectKind.HO_GIA_DINH, year=2024)
    verdict = check("BK_TINH", household, ON, cat)
    assert verdict.eligible and all(r.info for r in verdict.reasons)


# --- collectives ---------------------------------------------------------------------------------


def _members(total: int = 10, ldtt: int | None = 7, **kw: Any) -> MemberSummary:
    base: dict[str, Any] = {"women": 3, "completed": total, "cstdcs": 1,
                            "disciplined_warning": False}
    base.update(kw)
    return MemberSummary(total=total, ldtt=ldtt, **base)


def test_ttldtt_seventy_percent_of_members(cat: Catalogue) -> None:
    table = [(10, 7, True), (10, 6, False), (100, 70, True), (100, 69, False), (3, 2, False),
             (3, 3, True), (20, 14, True), (20, 13, False), (1000, 699, False), (1000, 700, True)]
    for total, ldtt, eligible in table:
        verdict = check("TTLDTT", collective(members=_members(total, ldtt)), ON, cat)
        assert verdict.eligible is eligible, (total, ldtt, texts(verdict))
        share = [r for r in verdict.reasons if r.code == "members_ldtt"][0]
        assert share.ok is eligible
        if (total, ldtt) == (10, 7):
            assert share.text == "7/10 thành viên (70,0%) đạt “Lao động tiên tiến”, từ 70% trở lên"
        if (total, ldtt) == (3, 2):
            assert share.text == ("Chỉ 2/3 thành viên (66,7%) đạt “Lao động tiên tiến”; cần từ 70% "
                                  "trở lên")
        if (total, ldtt) == (1000, 699):
            assert "(69,9%)" in share.text


def test_ttldtt_other_conditions(cat: Catalogue) -> None:
    warned = collective(members=_members(disciplined_warning=True))
    verdict = check("TTLDTT", warned, ON, cat)
    assert failed_codes(verdict) == ["members_discipline"]
    assert "Có thành viên bị kỷ luật từ cảnh cáo trở lên" in texts(verdict)
    assert failed_codes(check("TTLDTT", collective(rating=HT, members=_members()), ON, cat)) == [
        "rating"]
    no_members = check("TTLDTT", collective(), ON, cat)
    assert not no_members.eligible
    assert set(failed_codes(no_members)) == {"members_missing"}
    assert has(no_members, "Chưa có số liệu thành viên năm 2024")


def test_ttldtt_under_nd91_more_than_half(cat: Catalogue) -> None:
    on = date(2023, 12, 20)
    assert check("TTLDTT", collective(2023, members=_members(10, 6)), on, cat).eligible
    verdict = check("TTLDTT", collective(2023, members=_members(10, 5)), on, cat)
    assert not verdict.eligible
    assert has(verdict, "cần trên 50%")


def test_ttldxs(cat: Catalogue) -> None:
    good = collective(rating=HTXS, members=_members(10, 7, cstdcs=1))
    assert check("TTLDXS", good, ON, cat).eligible
    cases = {
        "members_completed": collective(rating=HTXS, members=_members(completed=9)),
        "members_cstdcs": collective(rating=HTXS, members=_members(cstdcs=0)),
        "members_ldtt": collective(rating=HTXS, members=_members(ldtt=6)),
        "rating": collective(rating=HTT, members=_members()),
    }
    for code, facts in cases.items():
        verdict = check("TTLDXS", facts, ON, cat)
        assert failed_codes(verdict) == [code], (code, texts(verdict))
    verdict = check("TTLDXS", cases["members_completed"], ON, cat)
    assert ("Chỉ 9/10 thành viên hoàn thành nhiệm vụ; cần 100% thành viên hoàn thành nhiệm vụ"
            in texts(verdict))


def test_co_tinh_leads_the_bloc(cat: Catalogue) -> None:
    leader = collective(rating=HTXS, members=_members(), bloc=BlocRanking(1, 8))
    verdict = check("CO_TINH", leader, ON, cat)
    assert verdict.eligible, texts(verdict)
    assert "Dẫn đầu cụm, khối thi đua năm 2024 (xếp thứ 1/8)" in texts(verdict)
    second = collective(rating=HTXS, members=_members(), bloc=BlocRanking(2, 8))
    assert failed_codes(check("CO_TINH", second, ON, cat)) == ["bloc_rank"]
    unranked = check("CO_TINH", collective(rating=HTXS, members=_members()), ON, cat)
    assert failed_codes(unranked) == ["bloc_rank"]
    # a recorded TTLĐXS is enough even without the member figures
    recorded = collective(bloc=BlocRanking(1, 5), awards=(AwardEntry(2024, "TTLDXS"),))
    assert check("CO_TINH", recorded, ON, cat).eligible
    # without it, the reasons say why TTLĐXS is not met
    verdict = check("CO_TINH", collective(bloc=BlocRanking(1, 5), members=_members()), ON, cat)
    assert not verdict.eligible
    assert "Chưa đạt “Tập thể lao động xuất sắc” năm 2024" in texts(verdict)
    assert "rating" in failed_codes(verdict)


# --- other awards, kinds, regimes ---------------------------------------------------------------


def test_giay_khen_for_each_subject(cat: Catalogue) -> None:
    verdict = check("GIAY_KHEN", person(), ON, cat)
    assert verdict.eligible
    assert any(r.code == "judgement" and "phong trào thi đua" in r.text for r in verdict.reasons)
    assert not check("GIAY_KHEN", person(ratings={2024: HT}), ON, cat).eligible
    assert check("GIAY_KHEN", collective(), ON, cat).eligible
    household = SubjectFacts(kind=SubjectKind.HO_GIA_DINH, year=2024)
    assert check("GIAY_KHEN", household, ON, cat).eligible


def test_household_titles(cat: Catalogue) -> None:
    household = SubjectFacts(kind=SubjectKind.HO_GIA_DINH, year=2024)
    verdict = check("GD_VH", household, ON, cat)
    assert verdict.eligible and has(verdict, "Gia đình văn hóa")
    verdict = check("GD_VH", person(), ON, cat)
    assert failed_codes(verdict) == ["subject_kind"]
    assert texts(verdict) == ["“Gia đình văn hóa” không xét tặng cho cá nhân"]
    assert failed_codes(check("LDTT", household, ON, cat)) == ["subject_kind"]


def test_proposal_only_orders(cat: Catalogue) -> None:
    verdict = check("HC_LD_3", person(), ON, cat)
    assert verdict.eligible
    assert [r.code for r in verdict.reasons] == ["proposal_only", "judgement"]
    assert verdict.reasons[0].text.startswith("Chỉ đề nghị cấp trên")


def test_award_not_in_force_on_the_date(cat: Catalogue) -> None:
    facts = collective(2023, members=_members())
    verdict = check("XA_TIEU_BIEU", facts, date(2023, 12, 31), cat)
    assert not verdict.eligible and verdict.regime is None
    assert failed_codes(verdict) == ["in_force"]
    assert texts(verdict) == ["Xã, phường, đặc khu tiêu biểu không áp dụng vào ngày 31/12/2023: "
                              "chỉ áp dụng từ ngày 01/01/2024"]
    assert check("XA_TIEU_BIEU", facts, date(2024, 1, 1), cat).eligible


def test_regime_boundary_of_1_july_2025(cat: Catalogue) -> None:
    facts = person(ratings={2024: HTXS})
    assert check("LDTT", facts, date(2025, 6, 30), cat).regime == "nd98_2023"
    assert check("LDTT", facts, date(2025, 7, 1), cat).regime == "nd152_2025"


def test_kind_of_commendation(cat: Catalogue) -> None:
    thematic = check("GIAY_KHEN", person(ratings={}), ON, cat, kind="chuyen_de")
    assert thematic.eligible
    assert has(thematic, "phong trào thi đua theo chuyên đề")
    verdict = check("CSTDCS", person(ratings={2024: HTXS}), ON, cat, kind=AwardKind.DOT_XUAT)
    assert failed_codes(verdict) == ["award_kind"]
    assert texts(verdict) == ["“Chiến sĩ thi đua cơ sở” không dùng cho khen thưởng đột xuất"]


def test_unknown_code_and_bad_dates(cat: Catalogue) -> None:
    with pytest.raises(UserError) as caught:
        check("ABC", person(), ON, cat)
    assert str(caught.value) == "Danh mục không có danh hiệu, hình thức khen thưởng nào mã “ABC”."
    with pytest.raises(UserError, match="trước năm được xét"):
        check("LDTT", person(), date(2023, 12, 31), cat)


def test_women_preference(cat: Catalogue) -> None:
    assert check("LDTT", person(sex=Gender.NU), ON, cat).preference == ["Ưu tiên: nữ"]
    assert check("LDTT", person(sex=Gender.NAM), ON, cat).preference == []
    assert check("LDTT", person(), ON, cat).preference == []
    women = collective(members=_members(women=7))
    assert check("TTLDTT", women, ON, cat).preference == [
        "Ưu tiên: tập thể có từ 70% nữ trở lên"]
    assert check("TTLDTT", collective(members=_members(women=6)), ON, cat).preference == []


def test_every_catalogue_code_has_a_standard(cat: Catalogue) -> None:
    assert cat.codes() == set(STANDARDS)


def test_reason_codes_are_documented(cat: Catalogue) -> None:
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", doc, re.MULTILINE))
    assert documented >= REASON_CODES, REASON_CODES - documented
    for code in cat.codes():
        assert f"`{code}`" in doc, code


def test_verdict_as_json(cat: Catalogue) -> None:
    verdict = check("CSTDCS", person(ratings={2024: HTXS}), ON, cat)
    data = json.loads(json.dumps(verdict.as_dict(), ensure_ascii=False))
    assert data["eligible"] is True and data["regime"] == "nd98_2023"
    assert {"code", "ok", "info", "text"} <= set(data["reasons"][0])


# --- facts from JSON ----------------------------------------------------------------------------


def _example() -> dict[str, Any]:
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    block = doc.split("<!-- facts-example -->", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    return json.loads(block)


def test_documented_example_parses_and_checks(cat: Catalogue) -> None:
    facts = facts_from_json(_example())
    assert facts.kind is SubjectKind.CA_NHAN and facts.sex is Gender.NU
    assert facts.disciplines[0].level is DisciplineLevel.KHIEN_TRACH
    verdict = check("CSTD_TINH", facts, ON, cat)
    assert verdict.eligible, texts(verdict)


BAD_FACTS: list[tuple[dict[str, Any], tuple[str, ...]]] = [
    ({"subject_kind": "nguoi"}, ("“subject_kind”",)),
    ({"year": "hai nghìn"}, ("“year”", "1945")),
    ({"ratings": {"2024": "tot"}}, ("“ratings.2024”", "“htxs”")),
    ({"awards": [{"year": 2023}]}, ("“awards[0].code”", "thiếu")),
    ({"awards": [{"year": 2023, "code": "LDTT", "kind": "le"}]}, ("“awards[0].kind”",)),
    ({"initiatives": [{"year": 2023, "scope": "huyen"}]}, ("“initiatives[0].scope”",)),
    ({"disciplines": [{"level": "phê bình", "start": "2024-01-01"}]},
     ("“disciplines[0].level”", "“khien_trach”")),
    ({"disciplines": [{"level": "khiển trách", "start": "31/02/2024"}]},
     ("“disciplines[0].start”", "ngày có thật")),
    ({"disciplines": [{"level": "canh_cao", "start": "2024-05-01", "end": "2024-04-01"}]},
     ("“disciplines[0].end”",)),
    ({"members": {"total": 10, "ldtt": 11}}, ("“members.ldtt”", "(10)")),
    ({"members": {"ldtt": 1}}, ("“members.total”",)),
    ({"bloc": {"rank": 9, "size": 8}}, ("“bloc.rank”",)),
    ({"pending_review": "có"}, ("“pending_review”", "true")),
    ({"ratngs": {}}, ("“ratngs”", "viết sai")),
    ({"awards": {"year": 2023}}, ("“awards”", "danh sách")),
]
def test_bad_facts_name_the_field() -> None:
    for patch, fragments in BAD_FACTS:
        data = {"subject_kind": "ca_nhan", "year": 2024, **patch}
        with pytest.raises(UserError) as caught:
            facts_from_json(data)
        message = str(caught.value)
        assert message.startswith("Tệp dữ kiện, trường ") and message.endswith(".")
        assert "\n" not in message
        for fragment in fragments:
            assert fragment in message, message


def test_facts_json_accepts_english_words_and_vietnamese_levels() -> None:
    facts = facts_from_json({"subject_kind": "collective", "year": "2024",
                             "disciplines": [{"level": "Cảnh cáo", "start": "01/3/2024"}]})
    assert facts.kind is SubjectKind.TAP_THE
    assert facts.disciplines[0].level is DisciplineLevel.CANH_CAO
    assert facts.disciplines[0].start == date(2024, 3, 1)
    assert parse_discipline_level("KHIỂN TRÁCH") is DisciplineLevel.KHIEN_TRACH
    assert parse_discipline_level("phê bình") is None
    assert DisciplineLevel.CANH_CAO.warning_or_above
    assert not DisciplineLevel.KHIEN_TRACH.warning_or_above
    with pytest.raises(UserError, match="toàn tệp"):
        facts_from_json([1, 2])

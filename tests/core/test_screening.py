"""The rules engine wired into the store: nominations carry their verdict and their price."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.facts import AwardInput, RatingInput
from desktop.core.office import SignerInput
from desktop.core.people import HouseholdInput, PersonInput
from desktop.core.screening import read_facts
from desktop.core.service import Services, Subject
from desktop.errors import UserError
from desktop.store.models import AuditEntry, Nomination

NAMES = {"LDTT": "Lao động tiên tiến", "CSTDCS": "Chiến sĩ thi đua cơ sở"}


@pytest.fixture
def office(services: Services) -> Services:
    services.office.set_up(
        name="Phòng Nội vụ huyện Đắk R'Lấp", level="huyen", province="Đắk Nông",
        parent_name="UBND TỈNH ĐẮK NÔNG", issuer_name="ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP",
        issuer_abbr="UBND", place="Đắk R'Lấp",
        signers=[SignerInput("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hòa")])
    return services


def _person(svc: Services, name: str = "Trần Thị Hương", gender: str = "nu"):  # type: ignore[no-untyped-def]
    unit = svc.units.create(name="Ủy ban nhân dân xã Nhân Cơ", kind="ubnd_cap_xa")
    return svc.people.create(PersonInput(name, gender, unit_id=unit.id)), unit


def _history(svc: Services, subject: Subject, titles: dict[int, str],
             thematic: frozenset[int] = frozenset(), rating: str = "htxs") -> None:
    svc.facts.record_awards(
        AwardInput(subject, code, NAMES[code], year, thematic=year in thematic)
        for year, code in titles.items())
    svc.facts.set_ratings(RatingInput(subject, year, rating) for year in range(2019, 2026))


def _nominate(svc: Services, subject: Subject, code: str, year: int, on: date) -> Nomination:
    rnd = svc.rounds.create_round(name=f"Khen thưởng năm {year}", kind="hang_nam", year=year)
    return svc.rounds.nominate(rnd.id, subject, code, on=on)


def _texts(nomination: Nomination) -> str:
    assert nomination.verdict is not None
    return " | ".join(r["text"] for r in nomination.verdict["reasons"])


def test_nomination_stores_verdict_and_the_price_of_its_date(office: Services) -> None:
    person, _unit = _person(office)
    subject = Subject.person(person.id)
    _history(office, subject, {2024: "LDTT"})
    nom = _nominate(office, subject, "CSTDCS", 2024, date(2025, 3, 1))
    assert nom.verdict is not None and nom.verdict["eligible"] is True
    assert (nom.regime, nom.priced_on) == ("nd98_2023", date(2025, 3, 1))
    assert (nom.coefficient, nom.base_salary, nom.amount) == (Decimal("1.0"), 2_340_000,
                                                              2_340_000)


def test_a_gap_in_the_chain_is_named_with_its_year(office: Services) -> None:
    person, _unit = _person(office)
    subject = Subject.person(person.id)
    _history(office, subject, {2022: "CSTDCS", 2024: "CSTDCS"})
    nom = _nominate(office, subject, "CSTD_TINH", 2024, date(2025, 3, 1))
    assert nom.verdict is not None and nom.verdict["eligible"] is False
    assert "2023" in _texts(nom)


def test_a_thematic_title_does_not_count_for_merit(office: Services) -> None:
    person, _unit = _person(office)
    subject = Subject.person(person.id)
    _history(office, subject, {2022: "CSTDCS", 2023: "CSTDCS", 2024: "CSTDCS"},
             thematic=frozenset({2023}))
    nom = _nominate(office, subject, "CSTD_TINH", 2024, date(2025, 3, 1))
    assert nom.verdict is not None and nom.verdict["eligible"] is False
    assert "chuyên đề" in _texts(nom)


def test_the_decision_prices_again_on_its_own_date(office: Services) -> None:
    person, _unit = _person(office)
    subject = Subject.person(person.id)
    nom = _nominate(office, subject, "GIAY_KHEN", 2026, date(2026, 6, 30))
    assert (nom.base_salary, nom.amount) == (2_340_000, 710_000)  # 0,3 × 2.340.000 → 710.000
    office.rounds.change_status(nom.id, "da_nop")
    office.rounds.change_status(nom.id, "dang_xet")
    decision = office.decisions.issue(nom.round_id, [nom.id], signed_on=date(2026, 7, 1),
                                      title="Về việc tặng Giấy khen")
    assert decision.base_salary == 2_530_000
    assert decision.total_amount == 760_000  # 0,3 × 2.530.000 = 759.000 → 760.000
    decided = office.rounds.nominations(nom.round_id)[0]
    assert (decided.priced_on, decided.base_salary, decided.amount) == (
        date(2026, 7, 1), 2_530_000, 760_000)


def test_an_added_base_salary_is_used_from_its_date(office: Services) -> None:
    office.screening.add_base_salary(date(2027, 7, 1), 3_000_000,
                                     "Nghị định số 1/2027/NĐ-CP")
    before = office.screening.price("GIAY_KHEN", "ca_nhan", date(2027, 6, 30))
    after = office.screening.price("GIAY_KHEN", "ca_nhan", date(2027, 7, 1))
    assert (before.base_salary, after.base_salary, after.amount) == (2_530_000, 3_000_000,
                                                                     900_000)
    assert "1/2027/NĐ-CP" in after.describe()
    shipped = office.screening.price("GIAY_KHEN", "ca_nhan", date(2026, 7, 1))
    assert shipped.base_salary_reported  # 2.530.000 is shipped as reported: check the source
    with office.reading() as s:
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "base_salary.create"))
    assert audited == 1


@pytest.mark.parametrize(("on", "amount", "message"), [
    (date(2027, 7, 1), 2_000_000, "đã có"),
    (date(2028, 1, 1), 0, "lớn hơn 0"),
])
def test_a_wrong_base_salary_is_refused(office: Services, on: date, amount: int,
                                        message: str) -> None:
    office.screening.add_base_salary(date(2027, 7, 1), 3_000_000, "Nghị định số 1/2027/NĐ-CP")
    rows = office.screening.base_salaries()
    with pytest.raises(UserError, match=message):
        office.screening.add_base_salary(on, amount, "Nghị định số 2/2027/NĐ-CP")
    assert office.screening.base_salaries() == rows


def test_an_award_not_given_to_the_subject_is_refused_and_nothing_is_written(
        office: Services) -> None:
    unit = office.units.create(name="Thôn 3, xã Nhân Cơ", kind="thon_to_dan_pho")
    household = office.people.create_household(HouseholdInput("Điểu Thị Lan", unit_id=unit.id))
    rnd = office.rounds.create_round(name="Khen thưởng năm 2025", kind="hang_nam", year=2025)
    with pytest.raises(UserError, match="hộ gia đình"):
        office.rounds.nominate(rnd.id, Subject.household(household.id), "CSTDCS",
                               on=date(2025, 12, 1))
    assert office.rounds.nominations(rnd.id) == []


def test_a_collective_s_members_are_counted_for_its_titles(office: Services) -> None:
    unit = office.units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon")
    people = [office.people.create(PersonInput(f"Người {i}", "nu" if i < 7 else "nam",
                                               unit_id=unit.id)) for i in range(10)]
    office.facts.record_awards(AwardInput(Subject.person(p.id), "LDTT", NAMES["LDTT"], 2024)
                               for p in people[:8])
    office.facts.set_ratings(RatingInput(Subject.person(p.id), 2024, "htt") for p in people)
    with office.reading() as session:
        members = read_facts(session, Subject.unit(unit.id), 2024).members
    assert members is not None
    assert (members.total, members.women, members.ldtt, members.completed) == (10, 7, 8, 10)
    assert members.disciplined_warning is False

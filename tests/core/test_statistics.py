"""Statistics of the award history, on a small hand-made office and on the demo database."""

from __future__ import annotations

from sqlalchemy import select

from desktop.core.facts import AwardInput
from desktop.core.people import HouseholdInput, PersonInput
from desktop.core.service import Services, Subject
from desktop.core.statistics import Filter, StatisticsService
from desktop.store.database import Database
from desktop.store.kinds import SubjectKind
from desktop.store.models import Decision


def _office(services: Services) -> dict[str, object]:
    xa = services.units.create(name="UBND xã Nghĩa Thắng", kind="ubnd_cap_xa")
    phong = services.units.create(name="Phòng Tài chính - Kế hoạch", kind="co_quan_chuyen_mon")
    an = services.people.create(PersonInput("Nguyễn Văn An", "nam", unit_id=xa.id))
    binh = services.people.create(PersonInput("Trần Thị Bình", "nu", unit_id=phong.id))
    cuong = services.people.create(PersonInput("Lê Văn Cường", "nam", unit_id=phong.id))
    hộ = services.people.create_household(HouseholdInput("Hộ ông Điểu Lâm", unit_id=xa.id))
    gk, cstd = ("giay_khen", "Giấy khen"), ("cstd_co_so", "Chiến sĩ thi đua cơ sở")
    awards = [
        (Subject.person(an.id), gk, 2022), (Subject.person(an.id), cstd, 2023),
        (Subject.person(binh.id), gk, 2023), (Subject.person(cuong.id), gk, 2023),
        (Subject.unit(phong.id), gk, 2022), (Subject.household(hộ.id), gk, 2023),
    ]
    services.facts.record_awards(AwardInput(s, code, name, year) for s, (code, name), year
                                 in awards)
    return {"xa": xa, "phong": phong}


def test_counts_by_award_unit_year_and_sex(services: Services) -> None:
    made = _office(services)
    stats = StatisticsService(services)
    by_award = {r.label: r.count for r in stats.table("award")}
    assert by_award == {"Giấy khen": 5, "Chiến sĩ thi đua cơ sở": 1}
    assert [r.label for r in stats.table("award")][0] == "Giấy khen"  # most given first
    by_unit = {r.label: r.count for r in stats.table("unit")}
    # the household counts for its commune, the collective for itself, people for their unit
    assert by_unit == {"UBND xã Nghĩa Thắng": 3, "Phòng Tài chính - Kế hoạch": 3}
    assert {r.key for r in stats.table("unit")} == {str(made["xa"].id),  # type: ignore[attr-defined]
                                                    str(made["phong"].id)}  # type: ignore[attr-defined]
    assert [(r.label, r.count) for r in stats.table("year")] == [("2022", 2), ("2023", 4)]
    assert {r.label: r.count for r in stats.table("sex")} == {"Nam": 3, "Nữ": 1}
    assert [(r.label, r.count) for r in stats.table("subject_kind")] == [
        ("Cá nhân", 4), ("Tập thể", 1), ("Hộ gia đình", 1)]
    assert stats.years() == [2022, 2023]


def test_filters_by_year_and_subject_kind(services: Services) -> None:
    _office(services)
    stats = StatisticsService(services)
    only_2023 = Filter(year_from=2023, year_to=2023)
    assert {r.label: r.count for r in stats.table("award", only_2023)} == {
        "Giấy khen": 3, "Chiến sĩ thi đua cơ sở": 1}
    people = Filter(subject_kind=SubjectKind.CA_NHAN.value)
    assert sum(r.count for r in stats.table("unit", people)) == 4
    assert stats.table("year", Filter(year_from=2030)) == []
    assert [(r.label, r.count) for r in stats.table("year", Filter(subject_kind="tap_the"))] \
        == [("2022", 1)]
    unit = services.units.create(name="Hội Nông dân xã", kind="to_chuc_ct_xh")
    services.facts.record_awards([AwardInput(Subject.unit(unit.id), "giay_khen", "Giấy khen",
                                             2020)])
    # a year without awards is shown, as zero, between the first and the last
    assert [(r.label, r.count) for r in stats.table("year")] == [
        ("2020", 1), ("2021", 0), ("2022", 2), ("2023", 4)]


def test_amounts_add_up_to_the_decisions(demo_db: Database) -> None:
    services = Services(demo_db)
    stats = StatisticsService(services)
    with services.reading() as session:
        decided = sum(d.total_amount for d in session.scalars(select(Decision)))
    assert decided > 0
    for grouping in ("award", "unit", "year", "subject_kind"):
        rows = stats.table(grouping)
        assert sum(r.amount for r in rows) == decided, grouping
        assert sum(r.count for r in rows) == sum(r.count for r in stats.table("year"))
    assert sum(r.count for r in stats.table("sex")) == sum(
        r.count for r in stats.table("subject_kind") if r.key == "ca_nhan")

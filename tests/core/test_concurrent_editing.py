"""Two officers on one database (two connections, as two PCs would have): the second change of
the same record is refused with both versions, and nothing of either is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop.core.conflicts import EditConflictError
from desktop.core.movements import CriterionInput
from desktop.core.office import SignerInput
from desktop.core.people import PersonInput
from desktop.core.service import Services, Subject
from desktop.store.database import Database, open_database
from desktop.store.models import AuditEntry, Criterion, Nomination, Person, Unit


@pytest.fixture
def other(db: Database) -> Iterator[Services]:
    """A second officer, on a connection of their own to the same database."""
    second = open_database(db.url)
    yield Services(second, actor="Trần Thị Bình")
    second.close()


def _nomination(svc: Services) -> Nomination:
    svc.office.set_up(name="Phòng Nội vụ huyện Đắk R'Lấp", level="huyen", province="Đắk Nông",
                      signers=[SignerInput("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hòa")])
    unit = svc.units.create(name="Ủy ban nhân dân xã Nhân Cơ", kind="ubnd_cap_xa")
    person = svc.people.create(PersonInput("Hoàng Văn Minh", "nam", unit_id=unit.id))
    rnd = svc.rounds.create_round(name="Sơ kết 2023 - 2025", kind="so_ket", year=2025)
    nom = svc.rounds.nominate(rnd.id, Subject.person(person.id), "GIAY_KHEN")
    return svc.rounds.change_status(nom.id, "da_nop")


def _audits(svc: Services) -> int:
    with svc.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_the_second_status_change_of_a_nomination_shows_both_versions(
        services: Services, other: Services) -> None:
    nom = _nomination(services)
    seen = services.rounds.rows(nom.round_id)[0]  # both officers look at the same list
    assert other.rounds.rows(nom.round_id)[0].version == seen.version
    other.rounds.change_status(nom.id, "dang_xet", seen_version=seen.version)
    audits = _audits(services)

    with pytest.raises(EditConflictError) as caught:
        services.rounds.change_status(nom.id, "tra_lai", "Thiếu biên bản họp",
                                      seen_version=seen.version)
    err = caught.value
    assert "Hoàng Văn Minh" in str(err) and "Trần Thị Bình" in str(err)
    assert "phiên bản" in str(err)
    assert err.theirs.version == seen.version + 1 and err.mine.version == seen.version
    assert err.theirs.saved_by == "Trần Thị Bình"
    diffs = {d.field: (d.theirs, d.mine) for d in err.differences}
    assert diffs["Trạng thái"] == ("Đang xét", "Trả lại")
    assert diffs["Ý kiến"] == ("", "Thiếu biên bản họp")
    # Nothing of the refused change was written; the other officer's change is kept.
    assert _audits(services) == audits
    row = services.rounds.rows(nom.round_id)[0]
    assert (row.status, row.status_note, row.version) == ("dang_xet", "", seen.version + 1)
    # Reloaded, the officer applies the change again on top of the saved version.
    services.rounds.change_status(nom.id, "tra_lai", "Thiếu biên bản họp",
                                  seen_version=err.theirs.version)
    assert services.rounds.rows(nom.round_id)[0].status == "tra_lai"


def test_a_change_saved_between_reading_and_writing_is_caught_by_the_versioned_update(
        services: Services, other: Services) -> None:
    """Inside one transaction: read, the other officer commits, then the write is refused."""
    nom = _nomination(services)
    with pytest.raises(EditConflictError) as caught, services.transaction() as session:
        mine = session.get(Nomination, nom.id)
        assert mine is not None
        other.rounds.change_status(nom.id, "dang_xet")
        services.rounds.change_status(nom.id, "tra_lai", "Sai đối tượng")
    assert caught.value.theirs.values["Trạng thái"] == "Đang xét"
    assert other.rounds.rows(nom.round_id)[0].status == "dang_xet"


def test_units_people_and_criteria_refuse_an_outdated_edit(
        services: Services, other: Services) -> None:
    unit = services.units.create(name="Phòng Tài chính - Kế hoạch", kind="co_quan_chuyen_mon")
    other.units.update(unit.id, note="Đổi trụ sở", seen_version=unit.version)
    with pytest.raises(EditConflictError, match="Phòng Tài chính - Kế hoạch") as caught:
        services.units.update(unit.id, code="TCKH", seen_version=unit.version)
    assert [(d.field, d.theirs, d.mine) for d in caught.value.differences] == [("Mã", "", "TCKH")]
    assert caught.value.theirs.values["Ghi chú"] == "Đổi trụ sở"

    person = services.people.create(PersonInput("Lê Thị Cúc", "nu", unit_id=unit.id))
    other.people.update(person.id, PersonInput("Lê Thị Cúc", "nu", unit_id=unit.id,
                                               position="Trưởng phòng"),
                        seen_version=person.version)
    with pytest.raises(EditConflictError) as caught:
        services.people.update(person.id, PersonInput("Lê Thị Cúc", "nu", unit_id=unit.id,
                                                      position="Phó Trưởng phòng"),
                               seen_version=person.version)
    assert [(d.field, d.theirs, d.mine) for d in caught.value.differences] == [
        ("Chức vụ", "Trưởng phòng", "Phó Trưởng phòng")]


def test_an_edit_without_a_version_still_works_and_counts_up(services: Services) -> None:
    unit = services.units.create(name="Văn phòng HĐND và UBND", kind="co_quan_chuyen_mon")
    assert unit.version == 1
    services.units.update(unit.id, note="Một")
    services.units.update(unit.id, note="Hai")
    with services.reading() as s:
        saved = s.get(Unit, unit.id)
        assert saved is not None and saved.version == 3
        assert s.scalar(select(func.max(Person.version))) is None


def test_criteria_edits_are_guarded_too(demo_db: Database) -> None:
    one, two = Services(demo_db, actor="Nguyễn Văn An"), None
    second = open_database(demo_db.url)
    try:
        two = Services(second, actor="Trần Thị Bình")
        with one.reading() as s:
            crit = s.scalars(select(Criterion).where(Criterion.max_points > 0)).first()
            assert crit is not None
        two.movements.update_criterion(crit.id, CriterionInput(
            crit.code, crit.name, max_points=crit.max_points, evidence="Báo cáo năm"),
            seen_version=crit.version)
        with pytest.raises(EditConflictError, match=crit.code):
            one.movements.update_criterion(crit.id, CriterionInput(
                crit.code, "Tên mới", max_points=crit.max_points), seen_version=crit.version)
    finally:
        second.close()

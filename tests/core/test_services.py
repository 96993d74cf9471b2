"""The service layer on real SQLite files: validation, workflow, money, audit."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.council import MemberInput
from desktop.core.office import SignerInput
from desktop.core.people import PersonInput
from desktop.core.service import Services, Subject
from desktop.errors import UserError
from desktop.store.models import AuditEntry, AwardRecord, Person, PersonPosition, Unit


def _office(svc: Services) -> None:
    svc.office.set_up(
        name="Phòng Nội vụ huyện Đắk R'Lấp", level="huyen", province="Đắk Nông",
        parent_name="UBND TỈNH ĐẮK NÔNG", issuer_name="ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP",
        issuer_abbr="UBND", place="Đắk R'Lấp",
        signers=[SignerInput("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hòa")],
    )


def _audit_count(svc: Services) -> int:
    with svc.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_input_is_normalised_to_nfc_and_searchable(services: Services) -> None:
    nfd = "Ủy ban nhân dân xã Nhân Cơ".encode().decode()
    import unicodedata

    unit = services.units.create(name=unicodedata.normalize("NFD", "  " + nfd + "  "),
                                 kind="ubnd_cap_xa")
    assert unit.name == "Ủy ban nhân dân xã Nhân Cơ"
    assert unit.search_key == "uy ban nhan dan xa nhan co"


def test_unit_cannot_be_moved_under_its_own_child(services: Services) -> None:
    parent = services.units.create(name="UBND huyện", kind="co_quan_hanh_chinh")
    child = services.units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon",
                                  parent_id=parent.id)
    with pytest.raises(UserError, match="chính nó"):
        services.units.move(parent.id, child.id)


def test_merge_closes_old_units_and_moves_people(services: Services) -> None:
    a = services.units.create(name="Thị trấn Kiến Đức", kind="ubnd_cap_xa")
    b = services.units.create(name="Xã Kiến Thành", kind="ubnd_cap_xa")
    p = services.people.create(PersonInput("Nguyễn Thị Lan", "nu", unit_id=b.id))
    new = services.units.merge([a.id, b.id], into_name="Xã Kiến Đức", kind="ubnd_cap_xa",
                               effective=date(2025, 7, 1))
    with services.reading() as s:
        assert s.get(Unit, a.id).valid_to == date(2025, 6, 30)
        assert s.get(Person, p.id).unit_id == new.id
    assert {lin.from_unit_id for lin in services.units.lineage_of(new.id)} == {a.id, b.id}


def test_cccd_must_be_12_digits_and_unique(services: Services) -> None:
    services.people.create(PersonInput("Trần Văn An", "nam", cccd="067090001234"))
    with pytest.raises(UserError, match="12 chữ số"):
        services.people.create(PersonInput("Lê Thị Bình", "nu", cccd="12345"))
    with pytest.raises(UserError, match="Trần Văn An"):
        services.people.create(PersonInput("Lê Thị Bình", "nu", cccd="067090001234"))


def test_import_is_all_or_nothing(services: Services) -> None:
    rows = [PersonInput(f"Nguyễn Văn {c}", "nam") for c in "ABCD"]
    rows.append(PersonInput("", "nam"))
    before = _audit_count(services)
    with pytest.raises(UserError, match="Dòng 5"):
        services.people.import_many(rows)
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
    assert _audit_count(services) == before


def test_import_records_positions_and_one_audit_row(services: Services) -> None:
    unit = services.units.create(name="Phòng Tài chính - Kế hoạch", kind="co_quan_chuyen_mon")
    before = _audit_count(services)
    n = services.people.import_many(
        [PersonInput(f"Phạm Thị Hoa {i}", "nu", unit_id=unit.id, position="Chuyên viên")
         for i in range(50)])
    assert n == 50
    assert _audit_count(services) == before + 1
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(PersonPosition)) == 50


def test_every_write_leaves_an_audit_row_with_actor(services: Services) -> None:
    before = _audit_count(services)
    unit = services.units.create(name="Hội Nông dân huyện", kind="to_chuc_ct_xh")
    services.units.update(unit.id, name="Hội Nông dân huyện Đắk R'Lấp")
    with services.reading() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()
    assert _audit_count(services) == before + 2
    update, create = rows
    assert update.action == "unit.update" and update.actor == "kiểm thử"
    assert update.before["name"] == "Hội Nông dân huyện"
    assert update.after["name"] == "Hội Nông dân huyện Đắk R'Lấp"
    assert create.action == "unit.create"


def test_transaction_groups_changes(services: Services) -> None:
    with pytest.raises(UserError), services.transaction():
        services.units.create(name="Xã Đắk Sin", kind="ubnd_cap_xa")
        services.units.create(name="", kind="ubnd_cap_xa")
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 0


def _round_with_nominees(svc: Services) -> tuple:  # type: ignore[type-arg]
    _office(svc)
    unit = svc.units.create(name="Ủy ban nhân dân xã Nhân Cơ", kind="ubnd_cap_xa")
    person = svc.people.create(PersonInput("Hoàng Văn Minh", "nam", unit_id=unit.id))
    rnd = svc.rounds.create_round(name="Sơ kết 2023 - 2025", kind="so_ket", year=2025)
    n1 = svc.rounds.nominate(rnd.id, Subject.person(person.id), "GIAY_KHEN",
                             achievements="Vận động Nhân dân hiến đất làm đường")
    n2 = svc.rounds.nominate(rnd.id, Subject.unit(unit.id), "GIAY_KHEN")
    return rnd, n1, n2, person, unit


def test_status_workflow_rejects_skips_and_needs_a_comment_to_return(services: Services) -> None:
    rnd, n1, _n2, _p, _u = _round_with_nominees(services)
    with pytest.raises(UserError, match="Đã quyết định"):
        services.rounds.change_status(n1.id, "da_quyet_dinh")
    services.rounds.change_status(n1.id, "da_nop")
    with pytest.raises(UserError):
        services.rounds.change_status(n1.id, "tra_lai")  # no comment
    services.rounds.change_status(n1.id, "tra_lai", "Thiếu biên bản")
    assert services.rounds.nominations(rnd.id)[0].status_note == "Thiếu biên bản"


def test_ballots_cannot_exceed_voters(services: Services) -> None:
    rnd, n1, _n2, _p, _u = _round_with_nominees(services)
    members = [MemberInput(f"Thành viên {i}", present=i < 6, written_opinion=i == 6)
               for i in range(8)]
    meeting = services.council.open_meeting(rnd.id, held_at=datetime(2025, 5, 12, 8),
                                            place="Hội trường", chair="Thành viên 0",
                                            secretary="Thành viên 7", members=members)
    services.council.recuse(meeting.members[1].id, n1.id, "Người thân")
    assert services.council.voters(meeting.id, n1.id) == 6  # 6 present + 1 written − 1 recused
    with pytest.raises(UserError, match="6"):
        services.council.record_ballot(meeting.id, n1.id, yes=6, no=1)
    ballot = services.council.record_ballot(meeting.id, n1.id, yes=5, no=1)
    assert (ballot.yes, ballot.no) == (5, 1)


def test_decision_prices_with_base_salary_of_its_date(services: Services) -> None:
    rnd, n1, n2, person, unit = _round_with_nominees(services)
    for n in (n1, n2):
        services.rounds.change_status(n.id, "da_nop")
        services.rounds.change_status(n.id, "dang_xet")
    decision = services.decisions.issue(rnd.id, [n1.id, n2.id], signed_on=date(2025, 5, 20),
                                        title="Về việc tặng Giấy khen")
    assert decision.symbol == "01/QĐ-UBND"
    assert decision.base_salary == 2_340_000
    amounts = {line.subject_kind: (line.coefficient, line.amount) for line in decision.lines}
    # 0,3 × 2.340.000 = 702.000, rounded up to the ten-thousand: 710.000
    assert amounts["ca_nhan"] == (Decimal("0.30"), 710_000)
    assert decision.total_amount == sum(a for _c, a in amounts.values())
    with services.reading() as s:
        record = s.scalars(select(AwardRecord).where(AwardRecord.person_id == person.id)).one()
    assert record.decision_symbol == "01/QĐ-UBND" and record.source == "decision"
    assert {n.status for n in services.rounds.nominations(rnd.id)} == {"da_quyet_dinh"}


def test_document_numbers_have_no_gaps(services: Services) -> None:
    _office(services)
    symbols = [services.office.reserve_number("TTr", date(2025, 3, d)).symbol for d in (1, 2, 3)]
    assert symbols == ["01/TTr-UBND", "02/TTr-UBND", "03/TTr-UBND"]
    assert services.office.reserve_number("TTr", date(2026, 1, 5)).symbol == "01/TTr-UBND"

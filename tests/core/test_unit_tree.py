"""The unit tree as the Đơn vị screen reads it: lineage, head counts, deletion, bloc members."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.core.people import HouseholdInput, PersonInput
from desktop.core.service import Services
from desktop.core.units import BlocMemberInput
from desktop.errors import UserError
from desktop.store.models import AuditEntry, Unit


def _last_audit(svc: Services) -> AuditEntry:
    with svc.reading() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        return entry


def test_tree_shows_lineage_both_ways_and_head_counts(services: Services) -> None:
    district = services.units.create(name="Ủy ban nhân dân huyện Đắk R'Lấp",
                                     kind="co_quan_hanh_chinh")
    a = services.units.create(name="Thị trấn Kiến Đức", kind="ubnd_cap_xa", parent_id=district.id)
    b = services.units.create(name="Xã Kiến Thành", kind="ubnd_cap_xa", parent_id=district.id)
    services.people.create(PersonInput("Nguyễn Thị Lan", "nu", unit_id=b.id))
    services.people.create_household(HouseholdInput("Y Bhiăr", unit_id=a.id))
    new = services.units.merge([a.id, b.id], into_name="Xã Kiến Đức", kind="ubnd_cap_xa",
                               effective=date(2025, 7, 1), parent_id=district.id,
                               legal_basis="Nghị quyết 1660/NQ-UBTVQH15")
    nodes = {n.id: n for n in services.units.tree()}
    merged = nodes[new.id]
    assert merged.parent_id == district.id and merged.valid_from == date(2025, 7, 1)
    assert merged.people == 1 and merged.households == 1
    assert {(n.other_name, n.incoming) for n in merged.lineage} == {
        ("Thị trấn Kiến Đức", True), ("Xã Kiến Thành", True)}
    old = nodes[a.id]
    assert old.valid_to == date(2025, 6, 30) and not old.active_on(date(2025, 7, 1))
    assert [(n.other_name, n.incoming, n.legal_basis) for n in old.lineage] == [
        ("Xã Kiến Đức", False, "Nghị quyết 1660/NQ-UBTVQH15")]
    names = [n.name for n in services.units.tree()]
    assert names.index("Thị trấn Kiến Đức") < names.index("Ủy ban nhân dân huyện Đắk R'Lấp")


def test_delete_is_refused_while_anything_refers_to_the_unit(services: Services) -> None:
    parent = services.units.create(name="Xã Nhân Cơ", kind="ubnd_cap_xa")
    child = services.units.create(name="Thôn 1", kind="thon_to_dan_pho", parent_id=parent.id)
    services.people.create(PersonInput("Trần Văn Bình", "nam", unit_id=child.id))
    assert services.units.dependents(parent.id) == {"unit": 1}
    with pytest.raises(UserError, match="1 đơn vị trực thuộc"):
        services.units.delete(parent.id)
    with pytest.raises(UserError, match="1 cá nhân"):
        services.units.delete(child.id)
    spare = services.units.create(name="Thôn nhập nhầm", kind="thon_to_dan_pho",
                                  parent_id=parent.id)
    services.units.delete(spare.id)
    with services.reading() as s:
        assert s.get(Unit, spare.id) is None
    entry = _last_audit(services)
    assert entry.action == "unit.delete" and entry.before["name"] == "Thôn nhập nhầm"


def test_reopening_a_closed_unit(services: Services) -> None:
    unit = services.units.create(name="Xã Đắk Ru", kind="ubnd_cap_xa", valid_to=date(2025, 6, 30))
    services.units.update(unit.id, name="Xã Đắk Ru")
    assert services.units.tree()[0].valid_to == date(2025, 6, 30)
    services.units.update(unit.id, clear_valid_to=True)
    assert services.units.tree()[0].valid_to is None


def test_bloc_members_by_year_and_role(services: Services) -> None:
    a = services.units.create(name="Xã Nghĩa Thắng", kind="ubnd_cap_xa")
    b = services.units.create(name="Xã Đạo Nghĩa", kind="ubnd_cap_xa")
    bloc = services.units.create_bloc(name="Cụm thi đua các xã phía Bắc", kind="cum", year=2024,
                                      members=[BlocMemberInput(b.id, "truong")])
    services.units.add_bloc_member(bloc.id, a.id, year=2024)
    with pytest.raises(UserError, match="đã có trong"):
        services.units.add_bloc_member(bloc.id, a.id, year=2024)
    [row] = services.units.blocs()
    assert [(m.unit_name, m.role) for m in row.members] == [
        ("Xã Đạo Nghĩa", "truong"), ("Xã Nghĩa Thắng", "thanh_vien")]
    services.units.remove_bloc_member(row.members[1].id)
    assert [m.unit_name for m in services.units.blocs()[0].members] == ["Xã Đạo Nghĩa"]
    assert _last_audit(services).action == "bloc.remove_member"


def test_official_rename_keeps_the_old_name_in_history(services: Services) -> None:
    district = services.units.create(name="UBND huyện Đắk R'Lấp", kind="co_quan_hanh_chinh")
    town = services.units.create(name="Thị trấn Kiến Đức", kind="ubnd_cap_xa",
                                 parent_id=district.id, code="TT-KD")
    person = services.people.create(PersonInput("Lê Thị Hoa", "nu", unit_id=town.id))
    ward = services.units.rename(town.id, new_name="Phường Kiến Đức",
                                 effective=date(2025, 7, 1), legal_basis="NQ 1660/NQ-UBTVQH15")
    nodes = {n.id: n for n in services.units.tree()}
    assert (nodes[ward.id].parent_id, nodes[ward.id].kind, nodes[ward.id].code) == (
        district.id, "ubnd_cap_xa", "TT-KD")
    assert nodes[town.id].valid_to == date(2025, 6, 30) and nodes[ward.id].people == 1
    assert [(n.kind, n.incoming, n.other_name) for n in nodes[ward.id].lineage] == [
        ("renamed", True, "Thị trấn Kiến Đức")]
    assert [(n.kind, n.incoming) for n in nodes[town.id].lineage] == [("renamed", False)]
    assert _last_audit(services).action == "unit.rename"
    with pytest.raises(UserError):
        services.units.rename(person.id, new_name="Không có", effective=date(2025, 7, 1))

"""Undo of the last change of this session, from the audit log, only where it is safe."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.core.lists import PeopleQuery
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.core.undo import UndoService
from desktop.errors import UserError
from desktop.store.database import Database
from desktop.store.models import AuditEntry, Person, PersonPosition


def _count(services: Services, model: type) -> int:
    with services.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_nothing_to_undo_at_the_start_of_a_session(demo_db: Database) -> None:
    services = Services(demo_db, actor="kiểm thử")
    undo = UndoService(services)
    assert undo.next_step() is None  # the demo's own writes belong to an earlier session
    with pytest.raises(UserError, match="Không có thao tác nào"):
        undo.undo()


def test_undo_adding_a_person_removes_them_and_their_position(services: Services) -> None:
    unit = services.units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon")
    undo = UndoService(services)
    services.people.create(PersonInput(full_name="Nguyễn Văn An", gender="nam",
                                       unit_id=unit.id, position="Chuyên viên"))
    step = undo.next_step()
    assert step is not None and step.label == "thêm “Nguyễn Văn An”"
    assert _count(services, PersonPosition) == 1
    done = undo.undo()
    assert done == step
    assert _count(services, Person) == 0 and _count(services, PersonPosition) == 0
    assert undo.next_step() is None  # the unit was made before this session's undo began
    with services.reading() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.action == "undo" and last.after == {"undone": step.entry_id}
    assert last.summary == "Hoàn tác thêm “Nguyễn Văn An”"


def test_undo_an_edit_restores_the_name_and_its_search_key(services: Services) -> None:
    person = services.people.create(PersonInput(full_name="Trần Thị Bích", gender="nu"))
    undo = UndoService(services)
    services.people.update(person.id, PersonInput(full_name="Trần Thị Bình", gender="nu",
                                                  birth_date=None))
    query = PeopleQuery(services.db)
    assert query.ids("tran thi bich") == []
    step = undo.undo()
    assert step.label == "các thay đổi của “Trần Thị Bình”"
    with services.reading() as session:
        assert session.get(Person, person.id).full_name == "Trần Thị Bích"  # type: ignore[union-attr]
    assert len(query.ids("tran thi bich")) == 1 and query.ids("binh") == []


def test_undo_steps_back_one_change_at_a_time(services: Services) -> None:
    undo = UndoService(services)
    first = services.people.create(PersonInput(full_name="Lê Văn Một", gender="nam"))
    services.people.create(PersonInput(full_name="Lê Văn Hai", gender="nam"))
    assert undo.undo().label == "thêm “Lê Văn Hai”"
    assert undo.undo().label == "thêm “Lê Văn Một”"
    assert undo.next_step() is None
    assert _count(services, Person) == 0
    with services.reading() as session:
        assert session.get(Person, first.id) is None


def test_a_record_others_refer_to_is_not_removed(services: Services) -> None:
    undo = UndoService(services)
    unit = services.units.create(name="Xã Nhân Cơ", kind="ubnd_cap_xa")
    colleague = Services(services.db, actor="đồng nghiệp")
    colleague.people.create(PersonInput(full_name="Phạm Văn Cơ", gender="nam", unit_id=unit.id))
    assert undo.next_step() is None  # the menu offers nothing
    with pytest.raises(UserError, match="Đã có dữ liệu khác liên quan đến “Xã Nhân Cơ”"):
        undo.undo()
    assert _count(services, Person) == 1


def test_a_record_changed_again_since_is_left_alone(services: Services) -> None:
    person = services.people.create(PersonInput(full_name="Đỗ Thị Hoa", gender="nu"))
    undo = UndoService(services)
    services.people.update(person.id, PersonInput(full_name="Đỗ Thị Hoà", gender="nu"))
    Services(services.db, actor="đồng nghiệp").people.update(
        person.id, PersonInput(full_name="Đỗ Thị Hòa", gender="nu"))
    with pytest.raises(UserError, match="đã bị sửa"):
        undo.undo()
    with services.reading() as session:
        assert session.get(Person, person.id).full_name == "Đỗ Thị Hòa"  # type: ignore[union-attr]


def test_imports_and_moves_are_not_undoable(services: Services) -> None:
    unit = services.units.create(name="Phòng Tư pháp", kind="co_quan_chuyen_mon")
    person = services.people.create(PersonInput(full_name="Vũ Văn Tư", gender="nam"))
    undo = UndoService(services)
    services.people.update(person.id, PersonInput(full_name="Vũ Văn Tư", gender="nam",
                                                  unit_id=unit.id))
    assert undo.next_step() is None
    with pytest.raises(UserError, match="chuyển đơn vị"):
        undo.undo()
    services.people.import_many([PersonInput(full_name="Hà Thị Năm", gender="nu")])
    assert undo.next_step() is None
    with pytest.raises(UserError, match="không thể hoàn tác"):
        undo.undo()
    assert _count(services, Person) == 2

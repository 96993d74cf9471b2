"""Editing what could only be added: blocs, movement phases and target groups."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.core.movements import CriterionInput
from desktop.core.service import Services
from desktop.core.undo import UndoService
from desktop.errors import UserError
from desktop.store.models import AuditEntry, Bloc, Phase, TargetGroup


def _movement(services: Services):  # type: ignore[no-untyped-def]
    return services.movements.import_plan({
        "code": "KH-01", "name": "Phong trào thi đua “Xây dựng nông thôn mới”",
        "kind": "chuyen_de", "doc_date": date(2023, 2, 15),
        "phases": [{"name": "Giai đoạn 1", "start_year": 2023, "end_year": 2025,
                    "milestone": "so_ket"}],
        "target_groups": [{"code": "a", "name": "Tập thể", "subject_kind": "tap_the"}]})


def _last_action(services: Services) -> str:
    with services.reading() as session:
        return session.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc())).first()


def test_a_bloc_is_renamed_undone_and_deleted_only_when_empty(services: Services) -> None:
    unit = services.units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon")
    bloc = services.units.create_bloc(name="Cụm thi đua số 1", kind="cum", year=2025)
    undo = UndoService(services)
    services.units.update_bloc(bloc.id, name="Khối các cơ quan", kind="khoi", code="K1")
    assert [(b.name, b.kind, b.code) for b in services.units.blocs()] == [
        ("Khối các cơ quan", "khoi", "K1")]
    assert undo.undo().label == "các thay đổi của “Khối các cơ quan”"
    assert [(b.name, b.kind) for b in services.units.blocs()] == [("Cụm thi đua số 1", "cum")]
    member = services.units.add_bloc_member(bloc.id, unit.id, year=2025)
    with pytest.raises(UserError, match="vẫn còn 1 thành viên"):
        services.units.delete_bloc(bloc.id)
    services.units.remove_bloc_member(member.id)
    services.units.delete_bloc(bloc.id)
    assert services.units.blocs() == [] and _last_action(services) == "bloc.delete"


@pytest.mark.parametrize(("start", "end", "problem"), [
    (2022, 2025, "trước năm 2023"),
    (2026, 2025, "không được trước năm bắt đầu"),
    (2026, 2200, "không hợp lệ"),
])
def test_a_phase_outside_its_movement_changes_nothing(services: Services, start: int, end: int,
                                                      problem: str) -> None:
    movement = _movement(services)
    phase = movement.phases[0]
    with pytest.raises(UserError, match=problem):
        services.movements.update_phase(phase.id, name="Giai đoạn sửa", start_year=start,
                                        end_year=end, milestone="so_ket")
    with services.reading() as session:
        kept = session.get(Phase, phase.id)
        assert kept is not None and (kept.name, kept.start_year, kept.end_year) == (
            "Giai đoạn 1", 2023, 2025)


def test_a_phase_is_edited_and_the_edit_undone(services: Services) -> None:
    movement = _movement(services)
    phase = movement.phases[0]
    undo = UndoService(services)
    services.movements.update_phase(phase.id, name="Giai đoạn 2023 – 2030", start_year=2023,
                                    end_year=2030, milestone="tong_ket")
    with services.reading() as session:
        edited = session.get(Phase, phase.id)
        assert edited is not None and (edited.end_year, edited.milestone,
                                       edited.milestone_year) == (2030, "tong_ket", 2030)
    undo.undo()
    with services.reading() as session:
        back = session.get(Phase, phase.id)
        assert back is not None and (back.name, back.end_year, back.milestone) == (
            "Giai đoạn 1", 2025, "so_ket")


def test_a_target_group_is_renamed_and_deleted_only_without_criteria(
        services: Services) -> None:
    movement = _movement(services)
    group = movement.target_groups[0]
    other = services.movements.add_target_group(movement.id, code="b", name="Cá nhân",
                                                subject_kind="ca_nhan")
    with pytest.raises(UserError, match="đã có nhóm đối tượng a"):
        services.movements.update_target_group(other.id, code="a", name="Cá nhân")
    services.movements.update_target_group(other.id, code="c", name="Cá nhân tiêu biểu")
    services.movements.add_criterion(group.id, CriterionInput("a.1", "Hoàn thành nhiệm vụ", 10))
    with pytest.raises(UserError) as caught:
        services.movements.delete_target_group(group.id)
    assert str(caught.value) == ("Không thể xóa nhóm đối tượng “a) Tập thể” vì còn 1 tiêu chí "
                                 "thuộc nhóm này; hãy xóa các tiêu chí đó trước.")
    services.movements.delete_target_group(other.id)
    with services.reading() as session:
        left = session.scalars(select(TargetGroup.code).where(
            TargetGroup.movement_id == movement.id)).all()
        assert left == ["a"] and session.scalars(select(Bloc)).all() == []
    assert _last_action(services) == "movement.delete_target_group"

"""Editing a movement: legal basis, phases, target groups and the criteria tree; plan files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.movements import CriterionInput
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.models import AuditEntry, Criterion, Movement

PLANS = Path(__file__).resolve().parents[2] / "resources" / "demo" / "movements"


def _group(services: Services):  # type: ignore[no-untyped-def]
    movement = services.movements.import_plan(
        {"code": "PT-TEST", "name": "Thi đua xây dựng nông thôn mới", "kind": "thuong_xuyen"})
    return movement, services.movements.add_target_group(
        movement.id, code="a", name="Ủy ban nhân dân các xã", subject_kind="tap_the")


def _tree(services: Services, movement_id) -> list[tuple[str, str, Decimal]]:  # type: ignore[no-untyped-def]
    """Depth first, siblings by position: (code, parent's code, points)."""
    _m, criteria = services.movements.outline(movement_id)
    rows = [c for group in criteria.values() for c in group]
    by_id = {c.id: c for c in rows}
    out: list[tuple[str, str, Decimal]] = []

    def walk(parent):  # type: ignore[no-untyped-def]
        for c in rows:
            if c.parent_id == parent:
                out.append((c.code, by_id[parent].code if parent else "", c.max_points))
                walk(c.id)
    walk(None)
    return out


def test_criteria_tree_add_edit_move_delete(services: Services) -> None:
    movement, group = _group(services)
    one = services.movements.add_criterion(group.id, CriterionInput("1", "Phát triển kinh tế", 40))
    two = services.movements.add_criterion(group.id, CriterionInput("2", "Văn hóa - xã hội", "30"))
    leaf = services.movements.add_criterion(
        group.id, CriterionInput("1.1", "Giải ngân vốn đầu tư công", "20.5",
                                 target_value="100", target_unit="%",
                                 evidence="Báo cáo giải ngân của Kho bạc"), parent_id=one.id)
    assert leaf.target_direction == ">=" and leaf.max_points == Decimal("20.5")
    assert _tree(services, movement.id) == [
        ("1", "", 40), ("1.1", "1", Decimal("20.5")), ("2", "", 30)]
    services.movements.update_criterion(leaf.id, CriterionInput("1.1", "Giải ngân 100% vốn", 25))
    services.movements.move_criterion(leaf.id, parent_id=two.id)
    services.movements.shift_criterion(two.id, -1)
    assert _tree(services, movement.id) == [("2", "", 30), ("1.1", "2", 25), ("1", "", 40)]
    with pytest.raises(UserError, match="chính nó"):
        services.movements.move_criterion(two.id, parent_id=leaf.id)
    services.movements.delete_criterion(two.id)
    assert _tree(services, movement.id) == [("1", "", 40)]
    with services.reading() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("criterion.%")).order_by(AuditEntry.id)))
    assert actions == ["criterion.create"] * 3 + ["criterion.update"] + ["criterion.move"] * 2 \
        + ["criterion.delete"]


@pytest.mark.parametrize(("item", "message"), [
    (CriterionInput("", "Tên"), "Mã"),
    (CriterionInput("1", "Tên", "mười"), "không phải là số"),
    (CriterionInput("1", "Tên", -5), "từ 0 đến"),
    (CriterionInput("1", "Tên", 5, target_value=10, target_direction="=="), "≥ hoặc ≤"),
])
def test_bad_criterion_changes_nothing(services: Services, item: CriterionInput,
                                       message: str) -> None:
    _m, group = _group(services)
    with pytest.raises(UserError, match=message):
        services.movements.add_criterion(group.id, item)
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(Criterion)) == 0


def test_legal_basis_phase_and_group_are_added_in_order(services: Services) -> None:
    movement, _g = _group(services)
    services.movements.add_legal_basis(movement.id, doc_type="Luật", number="06/2022/QH15",
                                       issued_on=date(2022, 6, 15),
                                       title="Luật Thi đua, khen thưởng")
    services.movements.add_phase(movement.id, name="Giai đoạn 2026 - 2030", start_year=2026,
                                 end_year=2030, milestone="tong_ket")
    with pytest.raises(UserError):
        services.movements.add_phase(movement.id, name="Sai", start_year=2030, end_year=2026,
                                     milestone="so_ket")
    with pytest.raises(UserError, match="đã có nhóm đối tượng a"):
        services.movements.add_target_group(movement.id, code="a", name="Trùng",
                                            subject_kind="tap_the")
    m, _c = services.movements.outline(movement.id)
    assert [lb.number for lb in m.legal_bases] == ["06/2022/QH15"]
    assert [(p.name, p.milestone) for p in m.phases] == [("Giai đoạn 2026 - 2030", "tong_ket")]


def test_malformed_plan_file_is_refused_and_writes_nothing(services: Services,
                                                           tmp_path: Path) -> None:
    broken = tmp_path / "ke_hoach.toml"
    broken.write_text('code = "X"\nname = "Thi đua"\nkind = \n', encoding="utf-8")
    with pytest.raises(UserError, match="ke_hoach.toml"):
        services.movements.import_plan_file(broken)
    wrong_shape = tmp_path / "sai_cau_truc.toml"
    wrong_shape.write_text('code = "X"\nname = "Thi đua"\nkind = "thuong_xuyen"\n'
                           '[[phases]]\nname = "Giai đoạn 1"\n', encoding="utf-8")
    with pytest.raises(UserError, match="sai_cau_truc.toml"):
        services.movements.import_plan_file(wrong_shape)
    with services.reading() as s:
        assert s.scalar(select(func.count()).select_from(Movement)) == 0
    movement = services.movements.import_plan_file(PLANS / "lai_chau.toml")
    assert services.movements.outline(movement.id)[0].target_groups

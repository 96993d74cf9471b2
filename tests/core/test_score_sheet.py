"""The scoring sheet: units × leaf criteria, all-or-nothing saves, undo of the last save."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.score_sheet import (
    SELF,
    VERIFIED,
    CellChange,
    parse_points,
    rank_in_blocs,
)
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import Database
from desktop.store.models import AuditEntry, Movement, Score


def _sheet_of_group_a(services: Services):  # type: ignore[no-untyped-def]
    with services.reading() as session:
        movement = session.scalars(select(Movement).where(Movement.name.contains("R'Lấp"))).one()
    group = services.score_sheets.groups(movement.id)[0]
    return group, services.score_sheets.sheet(group.id, 2024)


def test_the_demo_sheet_has_every_unit_of_the_group_with_its_bloc(demo_db: Database) -> None:
    services = Services(demo_db)
    group, sheet = _sheet_of_group_a(services)
    assert services.score_sheets.latest_year(group.id) == 2024
    assert len(sheet.units) == 41 and len(sheet.criteria) == 20
    codes = [c.code for c in sheet.criteria]
    assert codes[:3] == ["a.1.1", "a.1.2.1", "a.1.2.2"]  # in the order of the plan's tree
    nhan_co = next(u for u in sheet.units if u.name == "Ủy ban nhân dân xã Nhân Cơ")
    assert nhan_co.bloc_name == "Cụm thi đua các xã, thị trấn"
    assert len(sheet.points[SELF]) == len(sheet.points[VERIFIED]) == 41 * 20


def test_save_is_all_or_nothing_and_undo_puts_everything_back(demo_db: Database) -> None:
    services = Services(demo_db, actor="thẩm định viên")
    group, sheet = _sheet_of_group_a(services)
    unit, crit = sheet.units[0], sheet.criteria[0]
    before = sheet.points[VERIFIED][(unit.id, crit.id)]
    too_much = CellChange(unit.id, sheet.criteria[1].id, VERIFIED, crit.max_points + 50)
    with pytest.raises(UserError, match="a.1.2.1"):
        services.score_sheets.save(group.id, 2024, [
            CellChange(unit.id, crit.id, VERIFIED, Decimal("1.5")), too_much])
    assert services.score_sheets.sheet(group.id, 2024).points[VERIFIED][(unit.id, crit.id)] \
        == before
    assert not services.score_sheets.can_undo()

    assert services.score_sheets.save(group.id, 2024, [
        CellChange(unit.id, crit.id, VERIFIED, Decimal("1.5")),
        CellChange(unit.id, crit.id, SELF, None)]) == 2
    after = services.score_sheets.sheet(group.id, 2024)
    assert after.points[VERIFIED][(unit.id, crit.id)] == Decimal("1.5")
    assert (unit.id, crit.id) not in after.points[SELF]
    with services.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "score.sheet"
        assert entry.actor == "thẩm định viên" and entry.summary == "Đã lưu 2 điểm"

    assert services.score_sheets.undo_last_save() == 2
    again = services.score_sheets.sheet(group.id, 2024)
    assert again.points[VERIFIED][(unit.id, crit.id)] == before
    assert again.points[SELF][(unit.id, crit.id)] == sheet.points[SELF][(unit.id, crit.id)]
    with pytest.raises(UserError, match="hoàn tác"):
        services.score_sheets.undo_last_save()


def test_a_new_year_creates_rows_and_undo_removes_them(demo_db: Database) -> None:
    services = Services(demo_db)
    group, _sheet = _sheet_of_group_a(services)
    empty = services.score_sheets.sheet(group.id, 2025)
    assert empty.points[SELF] == {} and len(empty.units) > 41  # and the merged communes
    unit, crit = empty.units[0], empty.criteria[0]
    services.score_sheets.save(group.id, 2025, [CellChange(unit.id, crit.id, SELF, Decimal(4))])
    assert services.score_sheets.sheet(group.id, 2025).points[SELF] == {
        (unit.id, crit.id): Decimal(4)}
    services.score_sheets.undo_last_save()
    with services.reading() as session:
        assert session.scalar(select(func.count()).select_from(Score)
                              .where(Score.year == 2025)) == 0


def test_points_are_read_as_officers_type_them() -> None:
    assert parse_points(" 7,5 ") == Decimal("7.5")
    assert parse_points("7.25") == Decimal("7.25")
    assert parse_points("") is None
    with pytest.raises(UserError, match="không phải là số điểm"):
        parse_points("bảy")
    with pytest.raises(UserError, match="hai chữ số"):
        parse_points("1,234")


def test_ranking_inside_each_bloc_shares_ranks_on_ties() -> None:
    a, b, c, d, e = (uuid.uuid4() for _ in range(5))
    khoi, cum = uuid.uuid4(), uuid.uuid4()
    totals = {a: Decimal(90), b: Decimal(95), c: Decimal(90), d: Decimal(80), e: Decimal(10)}
    ranks = rank_in_blocs(totals, {a: khoi, b: khoi, c: khoi, d: khoi, e: cum})
    assert ranks == {b: 1, a: 2, c: 2, d: 4, e: 1}

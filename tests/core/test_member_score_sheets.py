"""Score sheets of households and individuals: one unit's at a time, ranked in the whole group."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.score_sheet import SELF, VERIFIED, CellChange
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import Database
from desktop.store.models import Household, Movement, Score, TargetGroup


def _group(services: Services, code: str) -> TargetGroup:
    with services.reading() as session:
        movement = session.scalars(select(Movement).where(Movement.name.contains("R'Lấp"))).one()
    return next(g for g in services.score_sheets.groups(movement.id) if g.code == code)


def test_every_group_of_the_plan_is_offered_in_order(demo_db: Database) -> None:
    services = Services(demo_db)
    with services.reading() as session:
        movement = session.scalars(select(Movement).where(Movement.name.contains("R'Lấp"))).one()
    groups = services.score_sheets.groups(movement.id)
    assert [(g.code, g.subject_kind) for g in groups] == [
        ("a", "tap_the"), ("b", "tap_the"), ("c1", "tap_the"), ("c2", "ho_gia_dinh"),
        ("d1", "ca_nhan"), ("d2", "ca_nhan")]
    assert services.score_sheets.subject_units(groups[0].id) == []


def test_a_household_sheet_holds_one_units_households_and_ranks_in_the_group(
        demo_db: Database) -> None:
    services = Services(demo_db)
    group = _group(services, "c2")
    assert services.score_sheets.latest_year(group.id) == 2024
    scored = services.score_sheets.sheet(group.id, 2024)
    assert scored.subject_kind == "ho_gia_dinh" and not scored.ranked_in_blocs
    assert len(scored.units) == 20 and scored.others == {}
    assert len(scored.points[SELF]) == 20 * len(scored.criteria)
    units = services.score_sheets.subject_units(group.id)
    village = max(units, key=lambda u: u.count)
    sheet = services.score_sheets.sheet(group.id, 2024, village.id)
    with services.reading() as session:
        heads = sorted(session.scalars(select(Household.head_name).where(
            Household.unit_id == village.id)))
    assert sorted(r.name for r in sheet.units) == heads and len(heads) == village.count
    assert {r.bloc_name for r in sheet.units} == {village.name}
    on_sheet = {r.id for r in sheet.units}
    assert set(sheet.others) == {r.id for r in scored.units} - on_sheet  # the rest of the group

    newcomer = next(r.id for r in sheet.units
                    if not any(k[0] == r.id for k in sheet.points[SELF]))
    crit = sheet.criteria[0]
    services.score_sheets.save(group.id, 2024, [
        CellChange(newcomer, crit.id, SELF, crit.max_points),
        CellChange(newcomer, crit.id, VERIFIED, Decimal(1))])
    with services.reading() as session:
        row = session.scalars(select(Score).where(Score.household_id == newcomer)).one()
    assert (row.subject_kind, row.unit_id, row.self_points, row.verified_points) == (
        "ho_gia_dinh", None, crit.max_points, Decimal(1))
    again = services.score_sheets.sheet(group.id, 2024, village.id)
    assert again.points[VERIFIED][(newcomer, crit.id)] == Decimal(1)
    assert services.score_sheets.undo_last_save() == 2
    with services.reading() as session:
        assert session.scalars(select(Score).where(Score.household_id == newcomer)).all() == []


def test_points_above_the_maximum_for_a_person_change_nothing(demo_db: Database) -> None:
    services = Services(demo_db)
    group = _group(services, "d1")
    sheet = services.score_sheets.sheet(group.id, 2024)
    person, crit = sheet.units[0], sheet.criteria[0]
    assert sheet.subject_kind == "ca_nhan" and len(sheet.units) == 20
    before = sheet.points[SELF][(person.id, crit.id)]
    with pytest.raises(UserError, match="chỉ cho từ 0 đến"):
        services.score_sheets.save(group.id, 2024, [
            CellChange(person.id, crit.id, SELF, Decimal(0)),
            CellChange(person.id, crit.id, VERIFIED, crit.max_points + 1)])
    assert services.score_sheets.sheet(group.id, 2024).points[SELF][(person.id, crit.id)] \
        == before

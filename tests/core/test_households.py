"""Households of a unit: corrected, undone, and removed only while nothing refers to them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.facts import AwardInput
from desktop.core.household_list import HouseholdsQuery
from desktop.core.people import HouseholdInput
from desktop.core.service import Services, Subject
from desktop.core.undo import UndoService
from desktop.errors import UserError
from desktop.store.models import AuditEntry, Household


def _household(services: Services) -> tuple[Household, HouseholdsQuery]:
    village = services.units.create(name="Thôn 3", kind="thon_to_dan_pho")
    household = services.people.create_household(HouseholdInput(
        "Lê Văn Tám", address="Thôn 3, xã Nhân Cơ", unit_id=village.id, members=4))
    return household, HouseholdsQuery(services.db, village.id)


def test_an_edit_changes_the_row_and_its_search_key_and_can_be_undone(
        services: Services) -> None:
    household, query = _household(services)
    undo = UndoService(services)
    services.people.update_household(household.id, HouseholdInput(
        "Lê Văn Tấm", address="Thôn 3A, xã Nhân Cơ", members=5))
    rows = list(query.rows(query.ids("le van tam")).values())
    assert [(r.head_name, r.address, r.members) for r in rows] == [
        ("Lê Văn Tấm", "Thôn 3A, xã Nhân Cơ", 5)]
    step = undo.undo()
    assert step.label == "các thay đổi của “Lê Văn Tấm”"
    rows = list(query.rows(query.ids("")).values())
    assert [(r.head_name, r.address, r.members) for r in rows] == [
        ("Lê Văn Tám", "Thôn 3, xã Nhân Cơ", 4)]


@pytest.mark.parametrize("members", [0, 100])
def test_an_impossible_member_count_changes_nothing(services: Services, members: int) -> None:
    household, _query = _household(services)
    with pytest.raises(UserError, match="từ 1 đến 99"):
        services.people.update_household(household.id, HouseholdInput("Lê Văn Tám",
                                                                       members=members))
    with services.reading() as session:
        assert session.get(Household, household.id).members == 4  # type: ignore[union-attr]


def test_a_household_with_an_award_is_kept_and_the_reason_given(services: Services) -> None:
    household, query = _household(services)
    services.facts.record_awards([AwardInput(Subject.household(household.id), "GD_VH",
                                             "Gia đình văn hóa", 2024)])
    with pytest.raises(UserError) as caught:
        services.people.delete_household(household.id)
    assert str(caught.value) == ("Không thể xóa hộ gia đình của “Lê Văn Tám” vì còn "
                                 "1 lượt khen thưởng liên quan đến hộ này.")
    assert len(query.ids("")) == 1


def test_a_household_entered_by_mistake_is_removed_and_audited(services: Services) -> None:
    household, query = _household(services)
    services.people.delete_household(household.id)
    assert query.ids("") == []
    with services.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.action == "household.delete"
    assert entry.before is not None and entry.before["head_name"] == "Lê Văn Tám"


def test_adding_a_household_is_undone_like_adding_a_person(services: Services) -> None:
    village = services.units.create(name="Thôn 5", kind="thon_to_dan_pho")
    undo = UndoService(services)
    services.people.create_household(HouseholdInput("Y Bih Niê", unit_id=village.id))
    step = undo.next_step()
    assert step is not None and step.label == "thêm “Y Bih Niê”"
    undo.undo()
    assert HouseholdsQuery(services.db, village.id).ids("") == []

"""The households of a unit as a lazy list (ids sorted in SQL, rows fetched page by page)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.core.lists import AnySelect, ListQuery, _like
from desktop.store.database import Database
from desktop.store.models import Household


@dataclass(frozen=True)
class HouseholdRow:
    id: uuid.UUID
    head_name: str
    address: str
    members: int


class HouseholdsQuery(ListQuery):
    model = Household
    sort_columns = (Household.sort_key, Household.address, Household.members)

    def __init__(self, db: Database, unit_id: uuid.UUID | None = None) -> None:
        super().__init__(db)
        self.unit_id = unit_id

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key)
        cond = _like(Household.search_key, text)
        if cond is not None:
            query = query.where(cond)
        if self.unit_id is not None:
            query = query.where(Household.unit_id == self.unit_id)
        return query

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        return select(self.key, Household.id, Household.head_name, Household.address,
                      Household.members).where(self.key.in_(keys))

    def _row(self, r: Any) -> HouseholdRow:
        return HouseholdRow(r[1], r[2], r[3], r[4])

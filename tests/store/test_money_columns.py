"""Money columns hold more than 2,147,483,647 đồng on both backends (a province's decision)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.store.database import Database
from desktop.store.models import BaseSalary

BILLIONS = 2_500_000_000


@pytest.mark.both_backends
def test_an_amount_over_two_billion_is_kept(db: Database) -> None:
    with db.session() as session:
        session.add(BaseSalary(amount=BILLIONS, effective_from=date(2040, 1, 1),
                               legal_source="Nghị định thử"))
    with db.session() as session:
        stored = session.scalars(select(BaseSalary.amount)
                                 .where(BaseSalary.effective_from == date(2040, 1, 1))).one()
    assert stored == BILLIONS

"""A value PostgreSQL refuses (too long for its column) is one sentence; nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.errors import UserError
from desktop.store.database import open_database
from desktop.store.models import BaseSalary


def test_a_too_long_value_is_one_sentence_and_saves_nothing(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        with pytest.raises(UserError, match="quá dài") as err, db.session() as session:
            session.add(BaseSalary(amount=2_340_000, effective_from=date(2041, 1, 1),
                                   legal_source="Nghị định " * 40))
        assert "Traceback" not in str(err.value) and str(err.value).count(". ") == 0
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(BaseSalary)
                                  .where(BaseSalary.effective_from == date(2041, 1, 1))) == 0
    finally:
        db.close()

"""The decisions list, a decision's lines, and the award-history search, on the demo database."""

from __future__ import annotations

from sqlalchemy import select

from desktop.core.award_history import AwardHistoryService
from desktop.core.service import Services
from desktop.core.text import search_key
from desktop.store.database import Database
from desktop.store.models import AwardRecord, Decision, Household, Person, Unit


def test_decision_and_its_lines_add_up(demo_db: Database) -> None:
    history = AwardHistoryService(Services(demo_db))
    decisions = history.decisions()
    ids = decisions.ids()
    assert len(ids) == 1
    row = decisions.rows(ids)[ids[0]]
    assert row.symbol.endswith("/QĐ-UBND") and row.signer.startswith("CHỦ TỊCH")
    lines = history.lines(row.id)
    line_rows = lines.rows(lines.ids())
    assert len(line_rows) == row.lines == 16
    assert sum(r.amount for r in line_rows.values()) == row.total_amount > 0
    assert {r.subject_kind for r in line_rows.values()} == {"ca_nhan", "tap_the", "ho_gia_dinh"}
    assert all(r.subject_name and r.award_name for r in line_rows.values())
    totals = history.totals()
    assert (totals.decisions, totals.lines, totals.amount) == (1, 16, row.total_amount)
    # search by number or subject line, accents and case ignored
    assert decisions.ids("giay khen") == ids and decisions.ids("01/qđ") == ids
    assert decisions.ids("bằng khen thủ tướng") == []


def test_history_search_ignores_diacritics_and_case(demo_db: Database) -> None:
    history = AwardHistoryService(Services(demo_db)).history()
    with demo_db.sessions() as s:
        person = s.scalars(select(Person).where(Person.id.in_(
            select(AwardRecord.person_id)))).first()
        assert person is not None
        expected = s.scalars(select(AwardRecord).join(Person, Person.id == AwardRecord.person_id)
                             .where(Person.search_key.like(f"%{person.search_key}%"))).all()
        total = s.query(AwardRecord).count()
    typed = search_key(person.full_name).upper()  # «LE LAN HANG» for «Lê Lan Hằng»
    ids = history.ids(typed)
    rows = history.rows(ids)
    assert len(ids) == len(expected) >= 1
    assert all(person.full_name in r.subject_name for r in rows.values())
    assert len(history.ids("")) == total
    # households and collectives are found by their names too
    with demo_db.sessions() as s:
        for model, column, kind in ((Household, Household.head_name, "ho_gia_dinh"),
                                    (Unit, Unit.name, "tap_the")):
            name = s.scalar(select(column).join(AwardRecord, getattr(
                AwardRecord, f"{model.__tablename__}_id") == model.id).limit(1))
            found = history.rows(history.ids(search_key(name)))
            assert any(r.subject_kind == kind and r.subject_name == name
                       for r in found.values()), name

def test_history_sorts_by_year(demo_db: Database) -> None:
    history = AwardHistoryService(Services(demo_db)).history()
    ids = history.ids("", 2)
    rows = history.rows(ids)
    years = [rows[k].year for k in ids]
    assert years == sorted(years)
    with demo_db.sessions() as s:
        assert s.scalar(select(Decision.symbol)) in {r.decision_symbol for r in rows.values()}

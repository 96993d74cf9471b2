"""The office's decisions with their lines, and the award history of every subject.

The award history can hold hundreds of thousands of rows, so it is a `ListQuery` (ids filtered in
SQL by the subject's diacritic-free search key, rows fetched by page), like the people list.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from desktop.core.lists import AnySelect, ListQuery, _like
from desktop.core.rounds import award_names
from desktop.core.service import Part
from desktop.core.text import search_key
from desktop.store.database import Database
from desktop.store.models import (
    AwardRecord,
    Decision,
    DecisionLine,
    Household,
    NominationRound,
    Person,
    Unit,
)

_SUBJECT_NAME = func.coalesce(Person.full_name, Unit.name, Household.head_name)
_SUBJECT_SEARCH = func.coalesce(Person.search_key, Unit.search_key, Household.search_key)
_SUBJECT_SORT = func.coalesce(Person.sort_key, Unit.sort_key, Household.sort_key)


def _with_subject(query: AnySelect, model: Any) -> AnySelect:
    return (query.outerjoin(Person, Person.id == model.person_id)
            .outerjoin(Unit, Unit.id == model.unit_id)
            .outerjoin(Household, Household.id == model.household_id))


@dataclass(frozen=True)
class DecisionRow:
    id: uuid.UUID
    symbol: str
    signed_on: date
    title: str
    signer: str  # «CHỦ TỊCH Nguyễn Quang Tú»
    round_name: str
    lines: int
    total_amount: int
    base_salary: int


@dataclass(frozen=True)
class DecisionLineRow:
    id: uuid.UUID
    position: int
    subject_kind: str
    subject_name: str
    award_name: str
    coefficient: Any  # Decimal
    amount: int


@dataclass(frozen=True)
class AwardRow:
    id: uuid.UUID
    subject_kind: str
    subject_name: str
    year: int
    award_name: str
    decision_symbol: str
    decision_date: date | None
    issuer: str
    source: str
    thematic: bool


class DecisionsQuery(ListQuery):
    """Every decision of the office, newest first by default; search by number or subject line."""

    model = Decision
    sort_columns = (Decision.signed_on, Decision.symbol, Decision.title)

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key)
        needle = search_key(text)
        if needle:  # an office issues a few hundred decisions a year: match them in Python
            with self.db.engine.connect() as conn:
                found = [k for k, symbol, title in conn.execute(
                    select(self.key, Decision.symbol, Decision.title))
                    if needle in search_key(f"{symbol} {title}")]
            query = query.where(self.key.in_(found))
        return query

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        n_lines = (select(func.count(DecisionLine.id))
                   .where(DecisionLine.decision_id == Decision.id).scalar_subquery())
        return (
            select(self.key, Decision.id, Decision.symbol, Decision.signed_on, Decision.title,
                   Decision.signer_title, Decision.signer_name, NominationRound.name, n_lines,
                   Decision.total_amount, Decision.base_salary)
            .outerjoin(NominationRound, NominationRound.id == Decision.round_id)
            .where(self.key.in_(keys))
        )

    def _row(self, r: Any) -> DecisionRow:
        return DecisionRow(r[1], r[2], r[3], r[4], f"{r[5]} {r[6]}".strip(), r[7] or "", r[8],
                           r[9], r[10])


class DecisionLinesQuery(ListQuery):
    """The attached list of one decision, in its printed order."""

    model = DecisionLine
    sort_columns = (DecisionLine.position, _SUBJECT_SORT, DecisionLine.award_code,
                    DecisionLine.coefficient, DecisionLine.amount)

    def __init__(self, db: Database, decision_id: uuid.UUID | None = None) -> None:
        super().__init__(db)
        self.decision_id = decision_id
        self._names: dict[str, str] | None = None

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key).where(DecisionLine.decision_id == self.decision_id)
        if sort_column is _SUBJECT_SORT or text:
            query = _with_subject(query, DecisionLine)
        cond = _like(_SUBJECT_SEARCH, text)
        return query if cond is None else query.where(cond)

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        query = select(self.key, DecisionLine.id, DecisionLine.position,
                       DecisionLine.subject_kind, _SUBJECT_NAME, DecisionLine.award_code,
                       DecisionLine.coefficient, DecisionLine.amount)
        return _with_subject(query, DecisionLine).where(self.key.in_(keys))

    def _row(self, r: Any) -> DecisionLineRow:
        if self._names is None:
            with self.db.sessions() as session:
                self._names = award_names(session)
        return DecisionLineRow(r[1], r[2], r[3], r[4] or "", self._names.get(r[5], r[5]), r[6],
                               r[7])


class AwardHistoryQuery(ListQuery):
    """Every award every subject received; the search box matches the subject's name."""

    model = AwardRecord
    sort_columns = (_SUBJECT_SORT, AwardRecord.subject_kind, AwardRecord.year,
                    AwardRecord.award_name, AwardRecord.decision_symbol,
                    AwardRecord.decision_date, AwardRecord.issuer)
    # by year, the order of the index ix_award_record_list: a page is an index range
    paged_sorts = {2: (AwardRecord.year, AwardRecord.id)}

    def pageable(self, sort: int, text: str = "") -> bool:
        # a search by name reads the subjects' tables too, which no index of the awards orders
        return not search_key(text) and super().pageable(sort, text)

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key)
        cond = _like(_SUBJECT_SEARCH, text)
        if cond is not None or sort_column is _SUBJECT_SORT:
            query = _with_subject(query, AwardRecord)
        return query if cond is None else query.where(cond)

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        query = select(self.key, AwardRecord.id, AwardRecord.subject_kind, _SUBJECT_NAME,
                       AwardRecord.year, AwardRecord.award_name, AwardRecord.decision_symbol,
                       AwardRecord.decision_date, AwardRecord.issuer, AwardRecord.source,
                       AwardRecord.thematic)
        return _with_subject(query, AwardRecord).where(self.key.in_(keys))

    def _row(self, r: Any) -> AwardRow:
        return AwardRow(r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]))


@dataclass(frozen=True)
class Totals:
    decisions: int
    lines: int
    amount: int


class AwardHistoryService(Part):
    """Read-only queries behind the decisions view."""

    def decisions(self) -> DecisionsQuery:
        return DecisionsQuery(self.services.db)

    def lines(self, decision_id: uuid.UUID | None) -> DecisionLinesQuery:
        return DecisionLinesQuery(self.services.db, decision_id)

    def history(self) -> AwardHistoryQuery:
        return AwardHistoryQuery(self.services.db)

    def totals(self) -> Totals:
        with self.services.reading() as session:
            decisions, amount = session.execute(
                select(func.count(Decision.id), func.coalesce(func.sum(Decision.total_amount), 0))
            ).one()
            lines = session.scalar(select(func.count(DecisionLine.id))) or 0
        return Totals(int(decisions), int(lines), int(amount))

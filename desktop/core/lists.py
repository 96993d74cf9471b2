"""Queries behind the big lists: filtered and sorted in SQL, rows fetched page by page.

The GUI's table models hold only ids; they ask for the rows they are about to paint. A query
whose sort order is backed by an index (`paged_sorts`) is read page by page with
`first_page()` and `page()`, so the 100,000-person list opens without loading every id; other
orders load the sorted ids once with `ids()`, then rows with `rows()`.
Filtering ignores diacritics and case through the indexed `search_key` columns; sorting by name
uses the `sort_key` columns, whose binary order is Vietnamese collation.

A search for part of a name («van a») has to look at every key, so a keystroke reads the first
page and the count on one connection (a new one per query would start with an empty page cache),
and stops counting at `COUNT_CAP` matches: «more than 10,000» is all the officer needs until the
end of the list is scrolled to.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased

from desktop.core.text import search_key
from desktop.store.database import Database
from desktop.store.models import Person, Unit

CHUNK = 900  # below SQLite's bound-parameter limit
COUNT_CAP = 10_000
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class PersonRow:
    id: uuid.UUID
    full_name: str
    gender: str
    birth_date: date | None
    cccd: str | None
    position: str
    unit_name: str


@dataclass(frozen=True)
class UnitRow:
    id: uuid.UUID
    name: str
    kind: str
    parent_name: str
    valid_from: date | None
    valid_to: date | None


def _like(column: Any, text: str) -> ColumnElement[bool] | None:
    key = search_key(text)
    if not key:
        return None
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    result: ColumnElement[bool] = column.like(f"%{escaped}%", escape="\\")
    return result


class ListQuery:
    """Base: `ids()` for the whole filtered, sorted list; `rows()` for a page of it.

    Ids travel as the stored key text, not as UUID objects: converting 100,000 of them would
    cost more than the query. Rows carry the real UUID.
    """

    model: Any = None
    sort_columns: Sequence[Any] = ()
    # sort index -> the full ORDER BY (ties broken by unique columns) an index walks in order
    paged_sorts: dict[int, Sequence[Any]] = {}

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def key(self) -> Any:
        return type_coerce(self.model.id, String)

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        raise NotImplementedError

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        """The rows whose key is in `keys`, a list or a query of keys."""
        raise NotImplementedError

    def _row(self, r: Any) -> Any:
        raise NotImplementedError

    def ids(self, text: str = "", sort: int = 0, descending: bool = False) -> list[str]:
        column = self.sort_columns[sort] if 0 <= sort < len(self.sort_columns) else None
        query = self._ids_query(text, column)
        if column is not None:
            query = query.order_by(column.desc() if descending else column.asc())
        with self.db.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def rows(self, keys: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        with self.db.engine.connect() as conn:
            for start in range(0, len(keys), CHUNK):
                for r in conn.execute(self._rows_query(keys[start:start + CHUNK])):
                    out[r[0]] = self._row(r)
        return out

    def count(self, text: str = "", cap: int | None = None) -> int:
        """How many rows match; with a `cap`, at most `cap` + 1 (more than `cap`)."""
        with self.db.engine.connect() as conn:
            return self._count(conn, text, cap)

    def pageable(self, sort: int, text: str = "") -> bool:
        """Whether the list sorted by `sort` and filtered by `text` is read page by page."""
        return sort in self.paged_sorts

    def page(self, text: str, sort: int, descending: bool, offset: int,
             limit: int) -> list[tuple[str, Any]]:
        """Rows `offset`… of the filtered list in a `paged_sorts` order, with their keys."""
        with self.db.engine.connect() as conn:
            return self._page(conn, text, sort, descending, offset, limit)

    def first_page(self, text: str, sort: int, descending: bool, size: int,
                   cap: int = COUNT_CAP) -> tuple[list[tuple[str, Any]], int]:
        """The first `size` rows and how many match (see `count`); an unfiltered list is counted
        to the end, which an index does at once."""
        with self.db.engine.connect() as conn:
            rows = self._page(conn, text, sort, descending, 0, size)
            if len(rows) < size:  # a short first page is the whole list
                return rows, len(rows)
            return rows, self._count(conn, text, cap if search_key(text) else None)

    def _count(self, conn: Connection, text: str, cap: int | None) -> int:
        # a constant, not the key: SQLite then reads the narrowest index holding the search key
        query: AnySelect = self._ids_query(text, None).with_only_columns(
            literal_column("1"), maintain_column_froms=True)
        if cap is not None:
            query = query.limit(cap + 1)
        return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())

    def _page(self, conn: Connection, text: str, sort: int, descending: bool, offset: int,
              limit: int) -> list[tuple[str, Any]]:
        order = [c.desc() if descending else c.asc() for c in self.paged_sorts[sort]]
        # the keys of the page from the index alone, then the rows of just those keys
        keys = self._ids_query(text, None).order_by(*order).offset(offset).limit(limit)
        return [(r[0], self._row(r)) for r in conn.execute(
            self._rows_query(keys).order_by(*order))]


class PeopleQuery(ListQuery):
    model = Person
    sort_columns = (Person.sort_key, Person.gender, Person.birth_date, Person.cccd,
                    Person.position, Unit.sort_key)

    # the order of the covering index ix_person_list, so a page is an index range
    paged_sorts = {0: (Person.sort_key, Person.search_key, Person.id)}

    def __init__(self, db: Database, unit_id: uuid.UUID | None = None) -> None:
        super().__init__(db)
        self.unit_id = unit_id

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key)
        if sort_column is Unit.sort_key:
            query = query.outerjoin(Unit, Unit.id == Person.unit_id)
        cond = _like(Person.search_key, text)
        if cond is not None:
            query = query.where(cond)
        if self.unit_id is not None:
            query = query.where(Person.unit_id == self.unit_id)
        return query

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        return (
            select(self.key, Person.id, Person.full_name, Person.gender, Person.birth_date,
                   Person.cccd, Person.position, Unit.name)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(self.key.in_(keys))
        )

    def _row(self, r: Any) -> PersonRow:
        return PersonRow(r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "")


_Parent = aliased(Unit)


class UnitsQuery(ListQuery):
    model = Unit
    sort_columns = (Unit.sort_key, Unit.kind, _Parent.sort_key, Unit.valid_from, Unit.valid_to)

    def _ids_query(self, text: str, sort_column: Any) -> AnySelect:
        query = select(self.key).outerjoin(_Parent, _Parent.id == Unit.parent_id)
        cond = _like(Unit.search_key, text)
        if cond is not None:
            query = query.where(cond)
        return query

    def _rows_query(self, keys: Sequence[str] | AnySelect) -> AnySelect:
        return (
            select(self.key, Unit.id, Unit.name, Unit.kind, _Parent.name, Unit.valid_from,
                   Unit.valid_to)
            .outerjoin(_Parent, _Parent.id == Unit.parent_id)
            .where(self.key.in_(keys))
        )

    def _row(self, r: Any) -> UnitRow:
        return UnitRow(r[1], r[2], r[3], r[4] or "", r[5], r[6])

"""Units (collectives) and blocs: the tree, validity dates, merges and renames."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from desktop.core import validate
from desktop.core.references import describe, references
from desktop.core.service import Part
from desktop.core.text import search_key, sort_key_str
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import BlocKind, BlocRole, LineageKind, UnitKind
from desktop.store.models import (
    Bloc,
    BlocMember,
    Household,
    Person,
    Unit,
    UnitLineage,
)


@dataclass(frozen=True)
class BlocMemberInput:
    unit_id: uuid.UUID
    role: str = BlocRole.THANH_VIEN.value


# --- the tree, deletion and blocs, as the Đơn vị view needs them ---------------------------------


@dataclass(frozen=True)
class LineageNote:
    """One merge, split or rename seen from a unit: `incoming` when the other unit came into it."""

    kind: str
    incoming: bool
    other_id: uuid.UUID
    other_name: str
    effective: date
    legal_basis: str


@dataclass(frozen=True)
class UnitNode:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    name: str
    short_name: str
    code: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    note: str
    people: int
    households: int
    lineage: tuple[LineageNote, ...]
    version: int = 0  # what the officer edits, handed back with the change

    def active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class BlocMemberRow:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    role: str
    year: int


@dataclass(frozen=True)
class BlocRow:
    id: uuid.UUID
    name: str
    kind: str
    code: str
    members: tuple[BlocMemberRow, ...]


def _counts(session: Session, column: Any) -> dict[uuid.UUID, int]:
    query = select(column, func.count()).where(column.is_not(None)).group_by(column)
    return {r[0]: r[1] for r in session.execute(query)}


ROLE_ORDER = [r.value for r in (BlocRole.TRUONG, BlocRole.PHO, BlocRole.THANH_VIEN)]


class UnitService(Part):
    def _set_name(self, unit: Unit, name: str) -> None:
        unit.name = validate.text(name, N_("Unit name"))
        unit.search_key = search_key(unit.name)
        unit.sort_key = sort_key_str(unit.name)

    def create(
        self,
        *,
        name: str,
        kind: str,
        parent_id: uuid.UUID | None = None,
        code: str = "",
        short_name: str = "",
        valid_from: date | None = None,
        valid_to: date | None = None,
        note: str = "",
    ) -> Unit:
        validate.date_range(valid_from, valid_to)
        with self._tx() as session:
            if parent_id is not None:
                self._get(session, Unit, parent_id, _("parent unit"))
            unit = Unit(
                kind=validate.choice(kind, UnitKind, N_("Kind of unit")).value,
                parent_id=parent_id,
                code=validate.text(code, N_("Code"), required=False, max_len=40),
                short_name=validate.text(short_name, N_("Short name"), required=False),
                valid_from=valid_from,
                valid_to=valid_to,
                note=validate.text(note, N_("Note"), required=False, max_len=4000),
            )
            self._set_name(unit, name)
            session.add(unit)
            self._audit(session, "unit.create", unit, summary=unit.name)
            return unit

    def update(
        self,
        unit_id: uuid.UUID,
        *,
        name: str | None = None,
        short_name: str | None = None,
        kind: str | None = None,
        code: str | None = None,
        valid_from: date | None = None,
        valid_to: date | None = None,
        note: str | None = None,
        clear_valid_to: bool = False,
        seen_version: int | None = None,
    ) -> Unit:
        """Change the given fields; `clear_valid_to` reopens a unit that was closed.

        `seen_version` is the version the officer edited (`EditConflictError` if it is outdated)."""
        with self._tx() as session:
            unit = self._get(session, Unit, unit_id, _("unit"))
            before = audit.snapshot(unit)
            given: dict[str, Any] = {"name": name, "short_name": short_name, "kind": kind,
                                     "code": code, "valid_from": valid_from, "note": note}
            mine = {k: v for k, v in given.items() if v is not None}
            if valid_to is not None or clear_valid_to:
                mine["valid_to"] = valid_to
            with self._editing(session, unit, unit.name, seen_version, mine):
                if name is not None:
                    self._set_name(unit, name)
                if short_name is not None:
                    unit.short_name = validate.text(short_name, N_("Short name"),
                                                    required=False)
                if kind is not None:
                    unit.kind = validate.choice(kind, UnitKind, N_("Kind of unit")).value
                if code is not None:
                    unit.code = validate.text(code, N_("Code"), required=False, max_len=40)
                if valid_from is not None:
                    unit.valid_from = valid_from
                if valid_to is not None or clear_valid_to:
                    unit.valid_to = valid_to
                if note is not None:
                    unit.note = validate.text(note, N_("Note"), required=False, max_len=4000)
                validate.date_range(unit.valid_from, unit.valid_to)
            self._audit(session, "unit.update", unit, before=before, summary=unit.name)
            return unit

    def move(self, unit_id: uuid.UUID, new_parent_id: uuid.UUID | None) -> Unit:
        with self._tx() as session:
            unit = self._get(session, Unit, unit_id, _("unit"))
            ancestor = new_parent_id
            while ancestor is not None:
                if ancestor == unit_id:
                    raise UserError(_("A unit cannot be placed under itself or its own sub-unit."))
                ancestor = self._get(session, Unit, ancestor, _("parent unit")).parent_id
            before = audit.snapshot(unit)
            unit.parent_id = new_parent_id
            self._audit(session, "unit.move", unit, before=before, summary=unit.name)
            return unit

    def merge(
        self,
        from_ids: Iterable[uuid.UUID],
        *,
        into_name: str,
        kind: str,
        effective: date,
        parent_id: uuid.UUID | None = None,
        code: str = "",
        legal_basis: str = "",
        lineage_kind: LineageKind = LineageKind.MERGED_INTO,
    ) -> Unit:
        """Close the old units the day before `effective`, open the new one, keep the lineage.

        Sub-units, people and households move to the new unit; history stays on the old ones.
        """
        sources = list(dict.fromkeys(from_ids))
        if not sources:
            raise UserError(_("Choose at least one unit to merge."))
        with self._tx() as session:
            new = self.create(
                name=into_name, kind=kind, parent_id=parent_id, code=code, valid_from=effective
            )
            for old_id in sources:
                old = self._get(session, Unit, old_id, _("unit"))
                if old.valid_to is not None and old.valid_to < effective:
                    raise UserError(
                        _("“{name}” had already ended before the merge date.").format(
                            name=old.name
                        )
                    )
                before = audit.snapshot(old)
                old.valid_to = effective - timedelta(days=1)
                session.execute(update(Unit).where(Unit.parent_id == old_id).values(
                    parent_id=new.id, version=Unit.version + 1))
                session.execute(update(Person).where(Person.unit_id == old_id).values(
                    unit_id=new.id, version=Person.version + 1))
                session.execute(update(Household).where(Household.unit_id == old_id).values(
                    unit_id=new.id, version=Household.version + 1))
                lineage = UnitLineage(
                    from_unit_id=old_id,
                    to_unit_id=new.id,
                    kind=lineage_kind.value,
                    effective=effective,
                    legal_basis=validate.text(legal_basis, N_("Legal basis"), required=False),
                )
                session.add(lineage)
                action = "unit.rename" if lineage_kind is LineageKind.RENAMED else "unit.merge"
                self._audit(session, action, old, before=before,
                            summary=f"{old.name} → {new.name}")
            return new

    def rename(self, unit_id: uuid.UUID, *, new_name: str, effective: date,
               legal_basis: str = "") -> Unit:
        """An official change of name from a date: the old name keeps the history before it.

        (To correct a typing mistake, `update` the name instead.)
        """
        with self.services.reading() as session:
            old = self._get(session, Unit, unit_id, _("unit"))
            kind, parent_id, code = old.kind, old.parent_id, old.code
        return self.merge([unit_id], into_name=new_name, kind=kind, effective=effective,
                          parent_id=parent_id, code=code, legal_basis=legal_basis,
                          lineage_kind=LineageKind.RENAMED)

    def lineage_of(self, unit_id: uuid.UUID) -> list[UnitLineage]:
        with self.services.reading() as session:
            return list(
                session.scalars(
                    select(UnitLineage).where(
                        (UnitLineage.from_unit_id == unit_id) | (UnitLineage.to_unit_id == unit_id)
                    )
                )
            )

    def create_bloc(
        self,
        *,
        name: str,
        kind: str,
        year: int,
        members: Iterable[BlocMemberInput] = (),
        code: str = "",
    ) -> Bloc:
        validate.year(year)
        with self._tx() as session:
            bloc = Bloc(
                name=validate.text(name, N_("Bloc name")),
                kind=validate.choice(kind, BlocKind, N_("Kind of bloc")).value,
                code=validate.text(code, N_("Code"), required=False, max_len=40),
            )
            session.add(bloc)
            for m in members:
                self._get(session, Unit, m.unit_id, _("unit"))
                bloc.members.append(
                    BlocMember(
                        unit_id=m.unit_id,
                        role=validate.choice(m.role, BlocRole, N_("Role")).value,
                        year=year,
                    )
                )
            self._audit(session, "bloc.create", bloc, summary=bloc.name)
            return bloc

    # --- the tree, deletion and blocs ---

    def tree(self) -> list[UnitNode]:
        """Every unit, in Vietnamese name order, with its head counts and lineage."""
        with self.services.reading() as session:
            people = _counts(session, Person.unit_id)
            households = _counts(session, Household.unit_id)
            names = {r[0]: r[1] for r in session.execute(select(Unit.id, Unit.name))}
            notes: dict[uuid.UUID, list[LineageNote]] = {}
            for lin in session.scalars(select(UnitLineage).order_by(UnitLineage.effective)):
                for here, there, incoming in ((lin.to_unit_id, lin.from_unit_id, True),
                                              (lin.from_unit_id, lin.to_unit_id, False)):
                    notes.setdefault(here, []).append(LineageNote(
                        lin.kind, incoming, there, names.get(there, ""), lin.effective,
                        lin.legal_basis))
            return [
                UnitNode(u.id, u.parent_id, u.name, u.short_name, u.code, u.kind, u.valid_from,
                         u.valid_to, u.note, people.get(u.id, 0), households.get(u.id, 0),
                         tuple(notes.get(u.id, ())), u.version)
                for u in session.scalars(select(Unit).order_by(Unit.sort_key))
            ]

    def dependents(self, unit_id: uuid.UUID) -> dict[str, int]:
        """How many records of each table still point at the unit (empty: it may be deleted)."""
        with self.services.reading() as session:
            return references(session, "unit", unit_id)

    def delete(self, unit_id: uuid.UUID) -> None:
        """Delete a unit entered by mistake; refused while anything refers to it."""
        depending = self.dependents(unit_id)
        with self._tx() as session:
            unit = self._get(session, Unit, unit_id, _("unit"))
            if depending:
                raise UserError(
                    _("“{name}” cannot be deleted because {what} still refer to it; "
                      "set an end date instead.").format(name=unit.name,
                                                         what=describe(depending)))
            before = audit.snapshot(unit)
            session.delete(unit)
            self._audit(session, "unit.delete", entity="unit", entity_id=unit_id,
                        before=before, summary=unit.name)

    def blocs(self) -> list[BlocRow]:
        with self.services.reading() as session:
            names = {r[0]: r[1] for r in session.execute(select(Unit.id, Unit.name))}
            rows = []
            for bloc in session.scalars(select(Bloc).options(selectinload(Bloc.members))):
                members = sorted(
                    (BlocMemberRow(m.id, m.unit_id, names.get(m.unit_id, ""), m.role, m.year)
                     for m in bloc.members),
                    key=lambda m: (-m.year, ROLE_ORDER.index(m.role), sort_key_str(m.unit_name)))
                rows.append(BlocRow(bloc.id, bloc.name, bloc.kind, bloc.code, tuple(members)))
            return sorted(rows, key=lambda b: sort_key_str(b.name))

    def add_bloc_member(self, bloc_id: uuid.UUID, unit_id: uuid.UUID, *, year: int,
                        role: str = BlocRole.THANH_VIEN.value) -> BlocMember:
        validate.year(year)
        with self._tx() as session:
            bloc = self._get(session, Bloc, bloc_id, _("bloc"))
            unit = self._get(session, Unit, unit_id, _("unit"))
            if session.scalar(select(BlocMember.id).where(
                    BlocMember.bloc_id == bloc_id, BlocMember.unit_id == unit_id,
                    BlocMember.year == year)):
                raise UserError(_("“{unit}” is already in “{bloc}” for {year}.").format(
                    unit=unit.name, bloc=bloc.name, year=year))
            member = BlocMember(bloc_id=bloc_id, unit_id=unit_id, year=year,
                                role=validate.choice(role, BlocRole, N_("Role")).value)
            session.add(member)
            self._audit(session, "bloc.add_member", member,
                        summary=f"{bloc.name}: {unit.name} ({year})")
            return member

    def remove_bloc_member(self, member_id: uuid.UUID) -> None:
        with self._tx() as session:
            member = self._get(session, BlocMember, member_id, _("bloc member"))
            before = audit.snapshot(member)
            session.delete(member)
            self._audit(session, "bloc.remove_member", entity="bloc_member",
                        entity_id=member_id, before=before)

    def update_bloc(self, bloc_id: uuid.UUID, *, name: str, kind: str, code: str = "") -> Bloc:
        """Rename a bloc or cluster, or change its kind or code (its members stay)."""
        with self._tx() as session:
            bloc = self._get(session, Bloc, bloc_id, _("bloc"))
            before = audit.snapshot(bloc)
            bloc.name = validate.text(name, N_("Bloc name"))
            bloc.kind = validate.choice(kind, BlocKind, N_("Kind of bloc")).value
            bloc.code = validate.text(code, N_("Code"), required=False, max_len=40)
            self._audit(session, "bloc.update", bloc, before=before, summary=bloc.name)
            return bloc

    def delete_bloc(self, bloc_id: uuid.UUID) -> None:
        """Delete a bloc or cluster that has no members left (in any year)."""
        with self._tx() as session:
            bloc = self._get(session, Bloc, bloc_id, _("bloc"))
            members = session.scalar(select(func.count()).select_from(BlocMember)
                                     .where(BlocMember.bloc_id == bloc_id)) or 0
            if members:
                raise UserError(_("“{name}” still has {n} member(s) over the years; remove them "
                                  "first, then delete the bloc.").format(name=bloc.name,
                                                                         n=members))
            before = audit.snapshot(bloc)
            session.delete(bloc)
            self._audit(session, "bloc.delete", entity="bloc", entity_id=bloc_id,
                        before=before, summary=bloc.name)

"""Units (collectives) and blocs: the tree, validity dates, merges and renames."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update

from desktop.core import validate
from desktop.core.service import Part
from desktop.core.text import search_key, sort_key_str
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import BlocKind, BlocRole, LineageKind, UnitKind
from desktop.store.models import Bloc, BlocMember, Household, Person, Unit, UnitLineage


@dataclass(frozen=True)
class BlocMemberInput:
    unit_id: uuid.UUID
    role: str = BlocRole.THANH_VIEN.value


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
    ) -> Unit:
        with self._tx() as session:
            unit = self._get(session, Unit, unit_id, _("unit"))
            before = audit.snapshot(unit)
            if name is not None:
                self._set_name(unit, name)
            if short_name is not None:
                unit.short_name = validate.text(short_name, N_("Short name"), required=False)
            if kind is not None:
                unit.kind = validate.choice(kind, UnitKind, N_("Kind of unit")).value
            if code is not None:
                unit.code = validate.text(code, N_("Code"), required=False, max_len=40)
            if valid_from is not None:
                unit.valid_from = valid_from
            if valid_to is not None:
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
                    parent_id=new.id))
                session.execute(update(Person).where(Person.unit_id == old_id).values(
                    unit_id=new.id))
                session.execute(update(Household).where(Household.unit_id == old_id).values(
                    unit_id=new.id))
                lineage = UnitLineage(
                    from_unit_id=old_id,
                    to_unit_id=new.id,
                    kind=LineageKind.MERGED_INTO.value,
                    effective=effective,
                    legal_basis=validate.text(legal_basis, N_("Legal basis"), required=False),
                )
                session.add(lineage)
                self._audit(session, "unit.merge", old, before=before,
                            summary=f"{old.name} → {new.name}")
            return new

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

"""People and households: one at a time, or imported by the thousand."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from desktop.core import validate
from desktop.core.references import describe, references
from desktop.core.service import Part
from desktop.core.text import person_sort_key_str, search_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.bulk import bulk_insert
from desktop.store.kinds import Gender
from desktop.store.models import Household, Person, PersonPosition, Unit

CCCD = re.compile(r"\d{12}")
MAX_MEMBERS = 99


@dataclass
class PersonInput:
    full_name: str
    gender: str
    birth_date: date | None = None
    cccd: str | None = None
    unit_id: uuid.UUID | None = None
    position: str = ""
    ethnicity: str = ""
    hometown: str = ""
    residence: str = ""
    qualification: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class HouseholdInput:
    head_name: str
    address: str = ""
    unit_id: uuid.UUID | None = None
    members: int = 1
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def _check_cccd(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if not CCCD.fullmatch(cleaned):
        raise UserError(
            _("The citizen ID “{cccd}” must have exactly 12 digits.").format(cccd=cleaned)
        )
    return cleaned


def _check_birth(value: date | None) -> date | None:
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise UserError(_("The date of birth {d:%d/%m/%Y} is not possible.").format(d=value))
    return value


def _person_row(p: PersonInput) -> dict[str, Any]:
    name = validate.text(p.full_name, N_("Full name"), max_len=120)
    return {
        "id": p.id,
        "full_name": name,
        "gender": validate.choice(p.gender, Gender, N_("Sex")).value,
        "birth_date": _check_birth(p.birth_date),
        "cccd": _check_cccd(p.cccd),
        "unit_id": p.unit_id,
        "position": validate.text(p.position, N_("Position"), required=False, max_len=150),
        "ethnicity": validate.text(p.ethnicity, N_("Ethnicity"), required=False, max_len=40),
        "hometown": validate.text(p.hometown, N_("Home town"), required=False, max_len=200),
        "residence": validate.text(p.residence, N_("Residence"), required=False, max_len=200),
        "qualification": validate.text(
            p.qualification, N_("Qualification"), required=False, max_len=150
        ),
        "search_key": search_key(name),
        "sort_key": person_sort_key_str(name),
    }


class PeopleService(Part):
    def _cccd_taken(self, session: Any, cccds: list[str], exclude: uuid.UUID | None = None) -> None:
        for start in range(0, len(cccds), 900):  # SQLite's bound-parameter limit
            chunk = cccds[start:start + 900]
            query = select(Person.cccd, Person.full_name).where(Person.cccd.in_(chunk))
            if exclude is not None:
                query = query.where(Person.id != exclude)
            hit = session.execute(query).first()
            if hit:
                raise UserError(
                    _("The citizen ID {cccd} already belongs to {name}.").format(
                        cccd=hit[0], name=hit[1]
                    )
                )

    def create(self, person: PersonInput) -> Person:
        row = _person_row(person)
        with self._tx() as session:
            if row["cccd"]:
                self._cccd_taken(session, [row["cccd"]])
            if row["unit_id"] is not None:
                self._get(session, Unit, row["unit_id"], _("unit"))
            obj = Person(**row)
            session.add(obj)
            if obj.unit_id is not None:
                session.add(PersonPosition(person_id=obj.id, unit_id=obj.unit_id,
                                           position=obj.position))
            self._audit(session, "person.create", obj, summary=obj.full_name)
            return obj

    def update(self, person_id: uuid.UUID, person: PersonInput, *,
               seen_version: int | None = None) -> Person:
        row = _person_row(person)
        row.pop("id")
        with self._tx() as session:
            obj = self._get(session, Person, person_id, _("person"))
            before = audit.snapshot(obj)
            if row["cccd"]:
                self._cccd_taken(session, [row["cccd"]], exclude=person_id)
            moved = row["unit_id"] != obj.unit_id or row["position"] != obj.position
            with self._editing(session, obj, obj.full_name, seen_version, row):
                for key, value in row.items():
                    setattr(obj, key, value)
            if moved and obj.unit_id is not None:
                session.add(PersonPosition(person_id=obj.id, unit_id=obj.unit_id,
                                           position=obj.position, valid_from=date.today()))
            self._audit(session, "person.update", obj, before=before, summary=obj.full_name)
            return obj

    def import_many(
        self,
        people: Iterable[PersonInput],
        *,
        source: str = "",
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Validate every row, then insert all in one transaction; any bad row changes nothing."""
        rows: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for line, person in enumerate(people, start=1):
            try:
                row = _person_row(person)
            except UserError as exc:
                raise UserError(_("Row {line}: {problem}").format(line=line, problem=exc)) from None
            cccd = row["cccd"]
            if cccd:
                if cccd in seen:
                    raise UserError(
                        _("Rows {a} and {b} have the same citizen ID {cccd}.").format(
                            a=seen[cccd], b=line, cccd=cccd
                        )
                    )
                seen[cccd] = line
            rows.append(row)
        with self._tx() as session:
            self._cccd_taken(session, list(seen))
            positions = [
                {"id": uuid.uuid4(), "person_id": r["id"], "unit_id": r["unit_id"],
                 "position": r["position"]}
                for r in rows if r["unit_id"] is not None
            ]
            bulk_insert(session, Person, rows, progress)
            bulk_insert(session, PersonPosition, positions)
            self._audit(session, "person.import", entity="person",
                        after={"count": len(rows), "source": source},
                        summary=_("{n} people imported").format(n=len(rows)))
        return len(rows)

    def create_household(self, household: HouseholdInput) -> Household:
        with self._tx() as session:
            obj = Household(**self._household_row(household))
            session.add(obj)
            self._audit(session, "household.create", obj, summary=obj.head_name)
            return obj

    def update_household(self, household_id: uuid.UUID, household: HouseholdInput) -> Household:
        """Correct a household's head, address or member count (it stays in its unit)."""
        row = self._household_row(household)
        with self._tx() as session:
            obj = self._get(session, Household, household_id, _("household"))
            before = audit.snapshot(obj)
            for key in ("head_name", "address", "members", "search_key", "sort_key"):
                setattr(obj, key, row[key])
            self._audit(session, "household.update", obj, before=before, summary=obj.head_name)
            return obj

    def delete_household(self, household_id: uuid.UUID) -> None:
        """Remove a household entered by mistake; refused while anything refers to it."""
        with self._tx() as session:
            obj = self._get(session, Household, household_id, _("household"))
            found = references(session, "household", household_id)
            if found:
                raise UserError(_("The household of “{name}” cannot be removed because {what} "
                                  "still refer to it.").format(name=obj.head_name,
                                                               what=describe(found)))
            before = audit.snapshot(obj)
            session.delete(obj)
            self._audit(session, "household.delete", entity="household",
                        entity_id=household_id, before=before, summary=obj.head_name)

    def import_households(self, households: Iterable[HouseholdInput], *, source: str = "") -> int:
        rows = [self._household_row(h) for h in households]
        with self._tx() as session:
            bulk_insert(session, Household, rows)
            self._audit(session, "household.import", entity="household",
                        after={"count": len(rows), "source": source},
                        summary=_("{n} households imported").format(n=len(rows)))
        return len(rows)

    @staticmethod
    def _household_row(h: HouseholdInput) -> dict[str, Any]:
        head = validate.text(h.head_name, N_("Head of household"), max_len=120)
        if not 1 <= h.members <= MAX_MEMBERS:
            raise UserError(_("A household has between 1 and {n} members; check the number.")
                            .format(n=MAX_MEMBERS))
        return {
            "id": h.id,
            "head_name": head,
            "address": validate.text(h.address, N_("Address"), required=False),
            "unit_id": h.unit_id,
            "members": h.members,
            "search_key": search_key(head),
            "sort_key": person_sort_key_str(head),
        }

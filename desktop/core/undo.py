"""Undo of the last change made in this session, from the audit log's values before and after.

Only changes that can be taken back without touching anything else are undoable: the creation
of a record nothing refers to yet, and the edit of a record nobody changed again since. Every
other change (imports, deletions, merges, status steps, decisions…) stays, and the officer
corrects it with another change. An undo is itself a change: audited as "undo", with the id of
the entry it took back, so the next undo goes one step further back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, Numeric, Uuid, func, select
from sqlalchemy.orm import Session

from desktop.core.service import Part, Services
from desktop.core.text import person_sort_key_str, search_key, sort_key_str
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store import audit
from desktop.store.models import AuditEntry, Base, PersonPosition

# action -> what kind of step it is; nothing outside this table is undoable.
CREATIONS = {
    "person.create", "unit.create", "household.create", "bloc.create", "criterion.create",
    "movement.add_legal_basis", "movement.add_phase", "movement.add_target_group",
}
EDITS = {"person.update", "unit.update", "unit.move", "criterion.update", "household.update",
         "bloc.update", "movement.update_phase", "movement.update_target_group"}
# Fields whose change did more than set a value (a person's move starts a new position record).
NOT_RESTORABLE = {"person": {"unit_id", "position"}}
# Rows created together with their parent and owned by it, taken back with it.
OWNED = {"person": (PersonPosition, PersonPosition.person_id)}
# The name a record's search and sort keys are computed from.
KEYED = {
    "person": ("full_name", person_sort_key_str),
    "household": ("head_name", person_sort_key_str),
    "unit": ("name", sort_key_str),
}

UNDO_ACTION = "undo"


@dataclass(frozen=True)
class UndoStep:
    entry_id: int
    action: str
    label: str  # "adding “Nguyễn Văn A”", for "Undo adding “Nguyễn Văn A”"


def _table(entity: str) -> Any:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == entity:
            return mapper.class_
    return None


def _value(column: Any, plain: Any) -> Any:
    """Turn a JSON-safe snapshot value back into what the column holds."""
    if plain is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(plain)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(plain)
    if isinstance(kind, Date):
        return date.fromisoformat(plain)
    if isinstance(kind, Numeric):
        return Decimal(plain)
    return plain


def _unchanged_since(obj: Base, after: dict[str, Any]) -> bool:
    columns = obj.__table__.columns
    current = audit.snapshot(obj)
    return all(_value(columns[k], current.get(k)) == _value(columns[k], v)
               for k, v in after.items() if k in columns)


def _label(entry: AuditEntry) -> str:
    name = entry.summary or entry.entity
    if entry.action in CREATIONS:
        return _("adding “{name}”").format(name=name)
    return _("changes to “{name}”").format(name=name)


class UndoService(Part):
    """Undo for one session: only changes made by this officer since the service was made."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        with services.reading() as session:
            self.since = int(session.scalar(select(func.max(AuditEntry.id))) or 0)

    def next_step(self) -> UndoStep | None:
        """What Ctrl+Z would take back now, or None."""
        with self.services.reading() as session:
            try:
                entry, _obj = self._checked(session)
            except UserError:
                return None
            return UndoStep(entry.id, entry.action, _label(entry))

    def undo(self) -> UndoStep:
        """Take back the last change of this session, or say in one sentence why not."""
        with self._tx() as session:
            entry, obj = self._checked(session)
            step = UndoStep(entry.id, entry.action, _label(entry))
            before = audit.snapshot(obj)
            after: dict[str, Any] = {}
            if entry.action in CREATIONS:
                owned = OWNED.get(entry.entity)
                if owned is not None:
                    for row in session.scalars(select(owned[0]).where(owned[1] == obj.id)):
                        session.delete(row)
                    session.flush()
                session.delete(obj)
            else:
                self._restore(obj, entry)
                session.flush()
                after = audit.snapshot(obj)
            self._audit(session, UNDO_ACTION, entity=entry.entity, entity_id=entry.entity_id,
                        before=before, after={**after, "undone": entry.id},
                        summary=_("Undo {what}").format(what=step.label))
            return step

    def _candidate(self, session: Session) -> AuditEntry | None:
        mine = select(AuditEntry).where(AuditEntry.id > self.since,
                                        AuditEntry.actor == self.services.actor)
        undone = {int((e.after or {}).get("undone", 0)) for e in session.scalars(
            mine.where(AuditEntry.action == UNDO_ACTION))}
        for entry in session.scalars(mine.where(AuditEntry.action != UNDO_ACTION)
                                     .order_by(AuditEntry.id.desc())):
            if entry.id not in undone:
                return entry
        return None

    def _checked(self, session: Session) -> tuple[AuditEntry, Any]:
        """The entry to take back and its record, if that is safe; else a UserError."""
        entry = self._candidate(session)
        if entry is None:
            raise UserError(_("There is nothing to undo in this session."))
        name = entry.summary or entry.action
        if entry.action not in CREATIONS | EDITS:
            raise UserError(_("The last change ({what}) cannot be undone; correct it with "
                              "another change.").format(what=name))
        model = _table(entry.entity)
        obj = session.get(model, uuid.UUID(entry.entity_id)) if model is not None else None
        if obj is None:
            raise UserError(_("“{name}” no longer exists, so the change cannot be undone.")
                            .format(name=name))
        if not _unchanged_since(obj, entry.after or {}):
            raise UserError(_("“{name}” was changed again since, so the change cannot be "
                              "undone; edit it instead.").format(name=name))
        if entry.action in CREATIONS and _in_use(session, entry.entity, obj.id):
            raise UserError(_("Other records already refer to “{name}”, so adding it cannot "
                              "be undone.").format(name=name))
        if _changed(entry) & NOT_RESTORABLE.get(entry.entity, set()):
            raise UserError(_("A move to another unit or position cannot be undone; edit "
                              "“{name}” again instead.").format(name=name))
        return entry, obj

    def _restore(self, obj: Any, entry: AuditEntry) -> None:
        before = entry.before or {}
        changed = _changed(entry)
        columns = obj.__table__.columns
        for key in changed:
            setattr(obj, key, _value(columns[key], before.get(key)))
        keyed = KEYED.get(entry.entity)
        if keyed is not None and keyed[0] in changed:
            name = getattr(obj, keyed[0])
            obj.search_key = search_key(name)
            obj.sort_key = keyed[1](name)


def _changed(entry: AuditEntry) -> set[str]:
    before, after = entry.before or {}, entry.after or {}
    return {k for k in after if k in before and before[k] != after[k]}


def _in_use(session: Session, entity: str, ident: uuid.UUID) -> bool:
    owned = OWNED.get(entity)
    if owned is not None and _count(session, owned[1], ident) > 1:
        return True
    return any(_count(session, column, ident) for column in _references(entity)
               if owned is None or column.table is not owned[0].__table__)


def _count(session: Session, column: Any, ident: Any) -> int:
    query = select(func.count()).select_from(column.table).where(column == ident)
    return int(session.execute(query).scalar_one())


def _references(entity: str) -> list[Any]:
    """Every column, in any table, that is a foreign key to `entity`."""
    return [fk.parent for table in Base.metadata.tables.values()
            for fk in table.foreign_keys if fk.column.table.name == entity]


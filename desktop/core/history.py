"""The history of one record, read from the audit log: who changed what, when, from what to what."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from desktop.core.service import Part
from desktop.i18n import N_, _
from desktop.store.models import AuditEntry, Person, Unit

VERBS = {
    "create": N_("Created"), "update": N_("Edited"), "delete": N_("Deleted"),
    "move": N_("Moved"), "merge": N_("Merged"), "status": N_("Status changed"),
    "import": N_("Imported"), "undo": N_("Undone"),
}
FIELDS = {
    "full_name": N_("Full name"), "gender": N_("Sex"), "birth_date": N_("Date of birth"),
    "cccd": N_("Citizen ID"), "position": N_("Position"), "unit_id": N_("Unit"),
    "ethnicity": N_("Ethnicity"), "hometown": N_("Home town"), "residence": N_("Residence"),
    "qualification": N_("Qualification"), "name": N_("Name"), "short_name": N_("Short name"),
    "kind": N_("Kind"), "code": N_("Code"), "parent_id": N_("Parent unit"),
    "valid_from": N_("Valid from"), "valid_to": N_("Valid to"), "note": N_("Note"),
    "status": N_("Status"), "head_name": N_("Head of household"), "address": N_("Address"),
    "members": N_("Members"), "max_points": N_("Max. points"), "evidence": N_("Evidence"),
}
HIDDEN = {"id", "undone"}


@dataclass(frozen=True)
class Change:
    field: str  # translated label
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    what: str  # translated verb
    summary: str
    changes: tuple[Change, ...]


def verb(action: str) -> str:
    word = action.rsplit(".", 1)[-1]
    if word.startswith("add_"):
        word = "create"
    return _(VERBS[word]) if word in VERBS else action


class HistoryService(Part):
    def last_change(self) -> int:
        """A number that grows with every audited change: a view compares it to see it is stale."""
        with self.services.reading() as session:
            return session.scalar(select(func.max(AuditEntry.id))) or 0

    def of(self, entity: str, entity_id: uuid.UUID | str) -> list[HistoryEntry]:
        """Every audited change of the record (and the entries that name it), newest first."""
        ident = str(entity_id)
        keys = {ident, ident.replace("-", "")}
        with self.services.reading() as session:
            entries = list(session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == entity,
                       or_(*(AuditEntry.entity_id == k for k in keys)))
                .order_by(AuditEntry.id.desc())))
            names = self._names(session, entries)
            return [HistoryEntry(e.at, e.actor, verb(e.action), e.summary,
                                 _changes(e.before, e.after, names)) for e in entries]

    @staticmethod
    def _names(session: Any, entries: list[AuditEntry]) -> dict[str, str]:
        """Names for the ids the entries mention, so a change shows «Xã Nhân Cơ», not a UUID."""
        ids: set[uuid.UUID] = set()
        for e in entries:
            for values in (e.before or {}, e.after or {}):
                for key, value in values.items():
                    if key.endswith("_id") and isinstance(value, str):
                        try:
                            ids.add(uuid.UUID(value))
                        except ValueError:
                            continue
        if not ids:
            return {}
        found = dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())
        found.update(session.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(ids))).all())
        out: dict[str, str] = {}
        for k, v in found.items():
            out[str(k)] = v
            out[k.hex] = v
        return out


def _text(value: Any, names: dict[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return names.get(text, text)


def _changes(before: dict[str, Any] | None, after: dict[str, Any] | None,
             names: dict[str, str]) -> tuple[Change, ...]:
    before, after = before or {}, after or {}
    out = []
    for key in sorted(set(before) | set(after), key=lambda k: (k not in FIELDS, k)):
        if key in HIDDEN or before.get(key) == after.get(key):
            continue
        if before and after and (key not in before or key not in after):
            continue
        label = _(FIELDS[key]) if key in FIELDS else key
        out.append(Change(label, _text(before.get(key), names), _text(after.get(key), names)))
    return tuple(out)

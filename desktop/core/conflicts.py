"""Two officers editing the same record: the second save is refused, with both versions.

Every record has a `version` that goes up at each change. A form remembers the version it showed;
the service compares it with the saved one before changing anything (the officer may have had
the form open for minutes), and the ORM's versioned UPDATE catches the last-moment race inside
the transaction. Either way nothing is written and `EditConflictError` carries what the other
officer saved (theirs) and what this officer tried to save (mine), so the form can show both and
apply mine again on top of theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.core.text import format_date_short, format_number
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.models import AuditEntry, Entity

# The fields an officer edits, per table, in the words of the forms.
FIELDS: dict[str, dict[str, str]] = {
    "nomination": {"status": N_("Status"), "status_note": N_("Comment"),
                   "award_code": N_("Award"), "achievements": N_("Achievements")},
    "person": {"full_name": N_("Full name"), "gender": N_("Sex"),
               "birth_date": N_("Date of birth"), "cccd": N_("Citizen ID"),
               "position": N_("Position"), "unit_id": N_("Unit")},
    "unit": {"name": N_("Name"), "short_name": N_("Short name"), "code": N_("Code"),
             "kind": N_("Kind"), "valid_from": N_("Valid from"), "valid_to": N_("Valid to"),
             "note": N_("Note")},
    "criterion": {"code": N_("Code"), "name": N_("Name"), "max_points": N_("Maximum points"),
                  "target_text": N_("Target"), "evidence": N_("Evidence")},
}


@dataclass(frozen=True)
class RecordState:
    """One version of a record: its number and the edited fields as the officer reads them."""

    version: int
    values: dict[str, str]  # field label (translated) → value as shown
    saved_by: str = ""
    saved_at: datetime | None = None


@dataclass(frozen=True)
class Difference:
    field: str
    theirs: str
    mine: str


class EditConflictError(UserError):
    """Another officer saved the record after this one opened it; nothing was written."""

    def __init__(self, record: str, theirs: RecordState, mine: RecordState) -> None:
        self.record, self.theirs, self.mine = record, theirs, mine
        changes = "; ".join(
            _("{field}: “{theirs}” saved, “{mine}” yours").format(
                field=d.field, theirs=d.theirs or "—", mine=d.mine or "—")
            for d in self.differences) or _("the same values")
        super().__init__(_(
            "“{record}” was saved by {who} as version {theirs} while you were editing version "
            "{mine}, so your changes were not saved ({changes}); reload it and apply your "
            "changes again.").format(record=record, who=theirs.saved_by or _("another officer"),
                                     theirs=theirs.version, mine=mine.version,
                                     changes=changes))

    @property
    def differences(self) -> list[Difference]:
        return [Difference(label, value, self.mine.values.get(label, ""))
                for label, value in self.theirs.values.items()
                if value != self.mine.values.get(label, "")]


Shown = Callable[[str, Any], str]


def shown(_field: str, value: Any) -> str:
    """A value as a form shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date_short(value)
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@dataclass
class Edit:
    """An edit in progress: the record, the version the officer saw and the values asked for."""

    session: Session
    obj: Entity
    record: str
    seen_version: int | None
    mine: dict[str, Any] = field(default_factory=dict)
    show: Shown = shown

    def __post_init__(self) -> None:  # read now: a failed flush expires the object
        self.ident = self.obj.id
        self.table = self.obj.__tablename__

    @property
    def fields(self) -> dict[str, str]:
        return FIELDS[self.table]

    def state(self, values: dict[str, Any], version: int, saved_by: str = "",
              saved_at: datetime | None = None) -> RecordState:
        return RecordState(version, {_(label): self.show(key, values[key])
                                     for key, label in self.fields.items() if key in values},
                           saved_by, saved_at)

    def conflict(self, session: Session, loaded: int) -> UserError:
        """The error, from the record as saved now, read in `session` (not the failed one)."""
        saved = session.get(type(self.obj), self.ident)
        if saved is None:
            return UserError(_("“{record}” was removed by another officer; refresh the list.")
                             .format(record=self.record))
        last = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == self.table, AuditEntry.entity_id == str(self.ident))
            .order_by(AuditEntry.id.desc()).limit(1)).first()
        theirs = {key: getattr(saved, key) for key in self.fields}
        return EditConflictError(
            self.record,
            self.state(theirs, saved.version, last.actor if last else "",
                       last.at if last else None),
            self.state({**theirs, **self.mine}, self.seen_version or loaded))


class _OutdatedError(Exception):
    pass


@contextmanager
def editing(edit: Edit, fresh_session: Callable[[], Any]) -> Iterator[Edit]:
    """Refuse an edit of a version other than the one the officer saw, and a change saved by
    someone else between this transaction's read and its write; nothing is written then.

    `fresh_session` opens a session outside this transaction, to read what was saved.
    """
    loaded = edit.obj.version
    try:
        if edit.seen_version is not None and loaded != edit.seen_version:
            raise _OutdatedError
        yield edit
        edit.session.flush()
    except (StaleDataError, _OutdatedError):
        if not edit.mine:
            edit.mine = {key: edit.obj.__dict__.get(key) for key in edit.fields}
        with fresh_session() as session:
            raise edit.conflict(session, loaded) from None

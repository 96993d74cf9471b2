"""The service layer's frame: one `Services` object per open database and officer.

Every change to the data goes through a service method (CLI, GUI and tests alike). A method runs
in its own transaction, or joins the caller's `with services.transaction():` block so several
steps land together or not at all. Each change writes an audit row.
"""

from __future__ import annotations

import getpass
import threading
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from desktop.core.conflicts import Edit, Shown, editing, shown
from desktop.core.roles import Account, Permission
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store import audit
from desktop.store.database import Database
from desktop.store.kinds import SubjectKind
from desktop.store.models import Base, Entity

T = TypeVar("T", bound=Base)


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment (services, some Windows set-ups)
        return "tdkt"


@dataclass(frozen=True)
class Subject:
    """Who an award, score or fact is about: a person, a collective (unit) or a household."""

    kind: SubjectKind
    id: uuid.UUID

    @classmethod
    def person(cls, id: uuid.UUID) -> Subject:
        return cls(SubjectKind.CA_NHAN, id)

    @classmethod
    def unit(cls, id: uuid.UUID) -> Subject:
        return cls(SubjectKind.TAP_THE, id)

    @classmethod
    def household(cls, id: uuid.UUID) -> Subject:
        return cls(SubjectKind.HO_GIA_DINH, id)

    def columns(self) -> dict[str, Any]:
        return {
            "subject_kind": self.kind.value,
            "person_id": self.id if self.kind is SubjectKind.CA_NHAN else None,
            "unit_id": self.id if self.kind is SubjectKind.TAP_THE else None,
            "household_id": self.id if self.kind is SubjectKind.HO_GIA_DINH else None,
        }

    @classmethod
    def of(cls, row: Any) -> Subject:
        kind = SubjectKind(row.subject_kind)
        ident = {
            SubjectKind.CA_NHAN: row.person_id,
            SubjectKind.TAP_THE: row.unit_id,
            SubjectKind.HO_GIA_DINH: row.household_id,
        }[kind]
        return cls(kind, ident)


class Part:
    """Base of the services of one area; shares the transaction of its `Services`."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @contextmanager
    def _tx(self, need: Permission | None = Permission.EDIT) -> Iterator[Session]:
        """The transaction of a change, refused unless the officer signed in may `need`."""
        if need is not None:
            self.services.require(need)
        with self.services.transaction() as session:
            yield session

    def _get(self, session: Session, model: type[T], ident: uuid.UUID, what: str) -> T:
        obj = session.get(model, ident)
        if obj is None:
            raise UserError(_("The {what} no longer exists; refresh the list.").format(what=what))
        return obj

    def _editing(self, session: Session, obj: Entity, record: str, seen_version: int | None,
                 mine: dict[str, Any], show: Shown = shown) -> AbstractContextManager[Edit]:
        """Guard an edit of `obj` against a change saved by someone else since `seen_version`.

        Raises `EditConflictError` (nothing written) when the record is no longer that version.
        """
        return editing(Edit(session, obj, record, seen_version, mine, show),
                       self.services.db.sessions)

    def _audit(
        self,
        session: Session,
        action: str,
        obj: Base | None = None,
        *,
        entity: str | None = None,
        entity_id: object = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        summary: str = "",
    ) -> None:
        if obj is not None:
            session.flush()
            entity = entity or obj.__tablename__
            entity_id = entity_id or getattr(obj, "id", "")
            after = after if after is not None else audit.snapshot(obj)
        audit.record(
            session,
            actor=self.services.actor,
            action=action,
            entity=entity or "",
            entity_id=entity_id,
            before=before,
            after=after,
            summary=summary,
        )


class Services:
    """All services of one open database, acting as one officer."""

    def __init__(self, db: Database, actor: str | None = None) -> None:
        from desktop.core import accounts
        from desktop.core.accounts import AccountService
        from desktop.core.backups import BackupService
        from desktop.core.catalogue_sync import CatalogueService
        from desktop.core.council import CouncilService
        from desktop.core.decisions import DecisionService
        from desktop.core.dossiers import DossierService
        from desktop.core.facts import FactService
        from desktop.core.movements import MovementService
        from desktop.core.office import OfficeService
        from desktop.core.people import PeopleService
        from desktop.core.rounds import RoundService
        from desktop.core.score_sheet import ScoreSheetService
        from desktop.core.scoring import ScoringService
        from desktop.core.screening import ScreeningService
        from desktop.core.units import UnitService

        self.db = db
        # The officer signed in (None: a database without accounts, used by its local officer).
        self.account: Account | None = accounts.current(db)
        self.actor = actor or (self.account.label if self.account else default_actor())
        self._local = threading.local()  # a worker thread's transaction is its own
        self.office = OfficeService(self)
        self.units = UnitService(self)
        self.people = PeopleService(self)
        self.movements = MovementService(self)
        self.catalogue = CatalogueService(self)
        self.screening = ScreeningService(self)
        self.facts = FactService(self)
        self.scoring = ScoringService(self)
        self.score_sheets = ScoreSheetService(self)
        self.rounds = RoundService(self)
        self.council = CouncilService(self)
        self.decisions = DecisionService(self)
        self.dossiers = DossierService(self)
        self.backups = BackupService(self)
        self.accounts = AccountService(self)

    def require(self, permission: Permission) -> None:
        """Refuse, in one sentence, what the signed-in officer's role does not allow."""
        if self.account is not None and not self.account.may(permission):
            raise UserError(self.account.refusal(permission))

    @property
    def _session(self) -> Session | None:
        return getattr(self._local, "session", None)

    @_session.setter
    def _session(self, session: Session | None) -> None:
        self._local.session = session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Group service calls into one transaction (joins an enclosing one)."""
        if self._session is not None:
            yield self._session
            return
        with self.db.session() as session:
            self._session = session
            try:
                yield session
            finally:
                self._session = None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only."""
        if self._session is not None:
            yield self._session
            return
        with self.db.sessions() as session:
            yield session

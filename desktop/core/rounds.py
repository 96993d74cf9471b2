"""Nomination rounds and nominations with their status workflow."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import validate
from desktop.core.conflicts import shown
from desktop.core.roles import Permission
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import NominationStatus as S
from desktop.store.kinds import RoundKind
from desktop.store.models import (
    AwardType,
    Household,
    Nomination,
    NominationEvent,
    NominationRound,
    Person,
    Unit,
)

if TYPE_CHECKING:
    from desktop.core.dossiers import Checklist

TRANSITIONS: dict[S, set[S]] = {
    S.NHAP: {S.DA_NOP},
    S.DA_NOP: {S.DANG_XET, S.TRA_LAI},
    S.DANG_XET: {S.TRA_LAI, S.DE_NGHI_LEN_TREN, S.DA_QUYET_DINH, S.KHONG_DAT},
    S.TRA_LAI: {S.DA_NOP},
    S.DE_NGHI_LEN_TREN: {S.TRA_LAI, S.DA_QUYET_DINH, S.KHONG_DAT},  # the upper level returns
    S.DA_QUYET_DINH: set(),
    S.KHONG_DAT: set(),
}

STATUS_LABELS = {
    S.NHAP: N_("Draft"),
    S.DA_NOP: N_("Submitted"),
    S.DANG_XET: N_("Under review"),
    S.TRA_LAI: N_("Returned"),
    S.DE_NGHI_LEN_TREN: N_("Proposed upward"),
    S.DA_QUYET_DINH: N_("Decided"),
    S.KHONG_DAT: N_("Not approved"),
}

SUBJECT_MODELS = {"ca_nhan": Person, "tap_the": Unit, "ho_gia_dinh": Household}
APPROVALS = {S.DE_NGHI_LEN_TREN, S.DA_QUYET_DINH, S.KHONG_DAT}


def _shown(field: str, value: Any) -> str:
    if field == "status" and value:
        return _(STATUS_LABELS[S(value)])
    return shown(field, value)


class RoundService(Part):
    def create_round(
        self, *, name: str, kind: str, year: int, movement_id: uuid.UUID | None = None,
        deadline: date | None = None,
    ) -> NominationRound:
        office = self.services.office.require_own()
        with self._tx() as session:
            obj = NominationRound(
                office_id=office.id,
                movement_id=movement_id,
                name=validate.text(name, N_("Round name")),
                kind=validate.choice(kind, RoundKind, N_("Kind of round")).value,
                year=validate.year(year),
                deadline=deadline,
            )
            session.add(obj)
            self._audit(session, "round.create", obj, summary=obj.name)
            return obj

    def nominate(
        self, round_id: uuid.UUID, subject: Subject, award_code: str, *,
        achievements: str = "", proposed_by_unit_id: uuid.UUID | None = None,
        on: date | None = None,
    ) -> Nomination:
        """Propose `subject` for `award_code`; the rules engine judges and prices it as if
        decided on `on` (default today), and the decision prices it again on its own date."""
        with self._tx() as session:
            rnd = self._get(session, NominationRound, round_id, _("round"))
            if rnd.status != "mo":
                raise UserError(_("This round is closed; open a new round to nominate."))
            self._get(session, SUBJECT_MODELS[subject.kind.value], subject.id, _("subject"))
            obj = Nomination(
                round_id=round_id,
                **subject.columns(),
                award_code=validate.text(award_code, N_("Award"), max_len=40),
                achievements=validate.text(achievements, N_("Achievements"), required=False,
                                           max_len=8000),
                proposed_by_unit_id=proposed_by_unit_id,
                status=S.NHAP.value,
            )
            session.add(obj)
            self.services.screening.screen(session, obj, max(on or date.today(),
                                                             date(rnd.year, 1, 1)))
            self._audit(session, "nomination.create", obj)
            return obj

    def change_status(self, nomination_id: uuid.UUID, to: str, comment: str = "", *,
                      seen_version: int | None = None, received: bool = False) -> Nomination:
        """Move a nomination one step; `seen_version` is the version the officer looked at
        (another officer's change saved since then refuses this one: `EditConflictError`).

        Approving, deciding or rejecting is a leader's; `received` marks a status brought by
        the package of another office (its decision, recorded here by whoever imports it)."""
        target = validate.choice(to, S, N_("Status"))
        need = Permission.EDIT if received or target not in APPROVALS else Permission.DECIDE
        with self._tx(need) as session:
            obj = self._get(session, Nomination, nomination_id, _("nomination"))
            note = validate.text(comment, N_("Comment"), required=target is S.TRA_LAI,
                                 max_len=4000)
            with self._editing(session, obj, self._record_name(session, obj), seen_version,
                               {"status": target.value, "status_note": note}, _shown):
                current = S(obj.status)
                if target not in TRANSITIONS[current]:
                    raise UserError(
                        _("A nomination that is “{a}” cannot become “{b}”.").format(
                            a=_(STATUS_LABELS[current]), b=_(STATUS_LABELS[target])
                        )
                    )
                before = audit.snapshot(obj)
                obj.status = target.value
                obj.status_note = note
            session.add(NominationEvent(nomination_id=obj.id, from_status=current.value,
                                        to_status=target.value, comment=note,
                                        actor=self.services.actor))
            self._audit(session, "nomination.status", obj, before=before,
                        summary=f"{current.value} → {target.value}")
            return obj

    @staticmethod
    def _record_name(session: Session, obj: Nomination) -> str:
        """«Đề nghị Giấy khen cho Nguyễn Văn An»: a nomination as an officer names it."""
        names = award_names(session)
        subject = session.get(SUBJECT_MODELS[obj.subject_kind], Subject.of(obj).id)
        who = getattr(subject, "full_name", None) or getattr(subject, "name", None) or getattr(
            subject, "head_name", "")
        return _("nomination of {who} for {award}").format(
            who=who, award=names.get(obj.award_code, obj.award_code))

    def rows(self, round_id: uuid.UUID) -> list[NominationRow]:
        with self.services.reading() as session:
            return nomination_rows(session, round_id)

    def all_rounds(self) -> list[NominationRound]:
        with self.services.reading() as session:
            return list(session.scalars(
                select(NominationRound).order_by(NominationRound.created_at)))

    def nominations(self, round_id: uuid.UUID) -> list[Nomination]:
        with self.services.reading() as session:
            return list(session.scalars(
                select(Nomination).where(Nomination.round_id == round_id)
                .order_by(Nomination.created_at)))


@dataclass(frozen=True)
class NominationRow:
    """One line of a round's nominee list, as the window and the documents show it."""

    id: uuid.UUID
    subject_kind: str
    subject_name: str
    detail: str  # chức vụ – đơn vị, or the address of a household
    award_code: str
    award_name: str
    status: str
    status_note: str
    achievements: str
    amount: int | None
    verdict: dict[str, Any] | None = None  # the rules engine's, as stored on the nomination
    priced_on: date | None = None
    base_salary: int | None = None
    coefficient: Decimal | None = None
    dossier: Checklist | None = None
    version: int = 0  # what the officer saw, handed back with a change (optimistic locking)

    @property
    def eligible(self) -> bool | None:
        return None if self.verdict is None else bool(self.verdict.get("eligible"))


def award_names(session: Session) -> dict[str, str]:
    """The current name of every award code (the newest catalogue row wins)."""
    names: dict[str, str] = {}
    for code, name in session.execute(
        select(AwardType.code, AwardType.name).order_by(AwardType.effective_from)
    ):
        names[code] = name
    return names


def nomination_rows(session: Session, round_id: uuid.UUID) -> list[NominationRow]:
    from desktop.core.dossiers import checklist_in, round_evidence

    names = award_names(session)
    evidence = round_evidence(session, round_id)
    rows: list[NominationRow] = []
    query = (
        select(Nomination)
        .where(Nomination.round_id == round_id)
        .options(selectinload(Nomination.person).selectinload(Person.unit),
                 selectinload(Nomination.unit), selectinload(Nomination.household))
        .order_by(Nomination.created_at)
    )
    for n in session.scalars(query):
        if n.person is not None:
            name = n.person.full_name
            detail = ", ".join(x for x in (n.person.position,
                                           n.person.unit.name if n.person.unit else "") if x)
        elif n.unit is not None:
            name, detail = n.unit.name, ""
        else:
            assert n.household is not None
            name, detail = n.household.head_name, n.household.address
        rows.append(NominationRow(
            id=n.id, subject_kind=n.subject_kind, subject_name=name, detail=detail,
            award_code=n.award_code, award_name=names.get(n.award_code, n.award_code),
            status=n.status, status_note=n.status_note, achievements=n.achievements,
            amount=n.amount, verdict=n.verdict, priced_on=n.priced_on,
            base_salary=n.base_salary, coefficient=n.coefficient,
            dossier=checklist_in(session, n, evidence), version=n.version,
        ))
    return rows

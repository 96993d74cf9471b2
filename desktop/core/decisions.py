"""Decisions: numbered, signed, with one money line per awardee, feeding award history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import money, validate
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import AwardSource, MovementKind, NominationStatus
from desktop.store.models import (
    AwardRecord,
    AwardType,
    Decision,
    DecisionLine,
    Movement,
    Nomination,
    NominationRound,
    Office,
)


@dataclass(frozen=True)
class Priced:
    award: AwardType
    coefficient: Decimal
    amount: int


def award_in_force(session: Session, code: str, on: date) -> AwardType:
    row = session.scalars(
        select(AwardType).where(
            AwardType.code == code,
            AwardType.effective_from <= on,
            (AwardType.effective_to.is_(None)) | (AwardType.effective_to >= on),
        )
    ).first()
    if row is None:
        raise UserError(
            _("No award “{code}” is in force on {d:%d/%m/%Y}; check the decision date.").format(
                code=code, d=on
            )
        )
    return row


def price(session: Session, code: str, subject_kind: str, on: date) -> Priced:
    award = award_in_force(session, code, on)
    coefficients = award.data.get("coefficients", {})
    if subject_kind not in coefficients:
        raise UserError(
            _("“{award}” cannot be given to this kind of subject.").format(award=award.name)
        )
    coefficient = Decimal(str(coefficients[subject_kind]))
    base = money.base_salary_on(session, on)
    return Priced(award, coefficient, money.amount_for(coefficient, base.amount))


class DecisionService(Part):
    def issue(
        self, round_id: uuid.UUID, nomination_ids: list[uuid.UUID], *, signed_on: date,
        title: str, signer_index: int = 0,
    ) -> Decision:
        if not nomination_ids:
            raise UserError(_("Choose at least one nomination for the decision."))
        with self._tx() as session:
            rnd = self._get(session, NominationRound, round_id, _("round"))
            office = self._get(session, Office, rnd.office_id, _("office"))
            if not office.signers:
                raise UserError(_("Add the office's signers first (menu Office & settings)."))
            signer = office.signers[min(signer_index, len(office.signers) - 1)]
            movement = session.get(Movement, rnd.movement_id) if rnd.movement_id else None
            thematic = movement is not None and movement.kind == MovementKind.CHUYEN_DE.value
            base = money.base_salary_on(session, signed_on)
            number = self.services.office.reserve_number("QĐ", signed_on, title)
            decision = Decision(
                office_id=office.id, round_id=round_id, symbol=number.symbol,
                signed_on=signed_on, title=validate.text(title, N_("Subject line"), max_len=2000),
                signer_authority=signer.authority, signer_title=signer.title,
                signer_name=signer.full_name, base_salary=base.amount,
                base_salary_source=base.legal_source,
            )
            session.add(decision)
            total = 0
            for i, nid in enumerate(nomination_ids):
                nom = self._get(session, Nomination, nid, _("nomination"))
                if nom.round_id != round_id:
                    raise UserError(_("A nomination of another round cannot be in this decision."))
                if nom.status not in (NominationStatus.DANG_XET.value,
                                      NominationStatus.DE_NGHI_LEN_TREN.value):
                    raise UserError(_("Only nominations under review can be decided."))
                priced = price(session, nom.award_code, nom.subject_kind, signed_on)
                subject = Subject.of(nom)
                line = DecisionLine(
                    id=uuid.uuid4(), **subject.columns(), nomination_id=nom.id,
                    award_code=nom.award_code, coefficient=priced.coefficient,
                    amount=priced.amount, position=i,
                )
                decision.lines.append(line)
                total += priced.amount
                session.flush()
                session.add(AwardRecord(
                    **subject.columns(), award_code=nom.award_code,
                    award_name=priced.award.name, year=rnd.year,
                    decision_symbol=decision.symbol, decision_date=signed_on,
                    issuer=office.issuer_name, thematic=thematic,
                    source=AwardSource.DECISION.value, decision_line_id=line.id,
                ))
                self.services.rounds.change_status(nom.id, NominationStatus.DA_QUYET_DINH.value)
            decision.total_amount = total
            self._audit(session, "decision.issue", decision, summary=decision.symbol)
            return decision

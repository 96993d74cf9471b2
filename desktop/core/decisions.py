"""Decisions: numbered, signed, with one money line per awardee, feeding award history."""

from __future__ import annotations

import uuid
from datetime import date

from desktop.core import validate
from desktop.core.roles import Permission
from desktop.core.rules.pricing import base_salary_on
from desktop.core.screening import base_salaries
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import AwardSource, MovementKind, NominationStatus
from desktop.store.models import (
    AwardRecord,
    Decision,
    DecisionLine,
    Movement,
    Nomination,
    NominationRound,
    Office,
)


class DecisionService(Part):
    def issue(
        self, round_id: uuid.UUID, nomination_ids: list[uuid.UUID], *, signed_on: date,
        title: str, signer_index: int = 0,
    ) -> Decision:
        if not nomination_ids:
            raise UserError(_("Choose at least one nomination for the decision."))
        with self._tx(Permission.DECIDE) as session:
            rnd = self._get(session, NominationRound, round_id, _("round"))
            # The deciding office is this one: a province decides on rounds received from others.
            own = self.services.office.require_own()
            office = self._get(session, Office, own.id, _("office"))
            if not office.signers:
                raise UserError(_("Add the office's signers first (menu Office & settings)."))
            signer = office.signers[min(signer_index, len(office.signers) - 1)]
            movement = session.get(Movement, rnd.movement_id) if rnd.movement_id else None
            thematic = movement is not None and movement.kind == MovementKind.CHUYEN_DE.value
            base = base_salary_on(base_salaries(session, self.services.screening.catalogue),
                                  signed_on)
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
                self.services.screening.screen(session, nom, signed_on)
                subject = Subject.of(nom)
                line = DecisionLine(
                    id=uuid.uuid4(), **subject.columns(), nomination_id=nom.id,
                    award_code=nom.award_code, coefficient=nom.coefficient,
                    amount=nom.amount, position=i,
                )
                decision.lines.append(line)
                total += nom.amount or 0
                session.flush()
                session.add(AwardRecord(
                    **subject.columns(), award_code=nom.award_code,
                    award_name=nom.verdict["award_name"] if nom.verdict else nom.award_code,
                    year=rnd.year,
                    decision_symbol=decision.symbol, decision_date=signed_on,
                    issuer=office.issuer_name, thematic=thematic,
                    source=AwardSource.DECISION.value, decision_line_id=line.id,
                ))
                self.services.rounds.change_status(nom.id, NominationStatus.DA_QUYET_DINH.value)
            decision.total_amount = total
            self._audit(session, "decision.issue", decision, summary=decision.symbol)
            return decision

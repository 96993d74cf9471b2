"""Movements: the plan, its legal basis, phases, target groups and criteria tree."""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import validate
from desktop.core.service import Part
from desktop.core.text import nfc, search_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import Milestone, MovementKind, ScoringRule, SubjectKind, UnitKind
from desktop.store.models import Criterion, LegalBasis, Movement, Phase, TargetGroup

PLAN_TEXT_KEYS = (
    "preamble", "purposes", "requirements", "content_sections", "solutions", "award_forms",
    "organisation", "recipients", "signer_authority", "signer_title", "signer_name",
    "doc_date_approximate",
)


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise UserError(
            _("“{value}” is not a number ({field}).").format(value=value, field=field)
        ) from None


def _clean(value: Any) -> Any:
    """NFC every string inside the plan's free-text sections."""
    if isinstance(value, str):
        return nfc(value) if "\n" not in value else "\n".join(nfc(x) for x in value.split("\n"))
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def read_plan_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fp:
            return tomllib.load(fp)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(
            _("Cannot read the plan file “{name}” ({reason}).").format(name=path.name, reason=exc)
        ) from exc


class MovementService(Part):
    def import_plan(self, plan: dict[str, Any]) -> Movement:
        """Create a movement with everything its plan describes, in one transaction."""
        with self._tx() as session:
            code = validate.text(plan.get("code"), N_("Movement code"), max_len=40)
            if session.scalar(select(Movement.id).where(Movement.code == code)):
                raise UserError(_("A movement with code {code} already exists.").format(code=code))
            name = validate.text(plan.get("name"), N_("Movement name"), max_len=2000)
            doc_date = plan.get("doc_date")
            if doc_date is not None and not isinstance(doc_date, date):
                raise UserError(_("The plan's date is not a valid date."))
            movement = Movement(
                code=code,
                name=name,
                kind=validate.choice(plan.get("kind", ""), MovementKind, N_("Kind")).value,
                issuer_parent=validate.text(plan.get("issuer_parent"), "", required=False),
                issuer=validate.text(plan.get("issuer"), N_("Issuer"), required=False),
                place=validate.text(plan.get("place"), N_("Place name"), required=False),
                doc_symbol=validate.text(plan.get("doc_symbol"), "", required=False, max_len=40),
                doc_number=validate.text(plan.get("doc_number"), "", required=False, max_len=20),
                doc_date=doc_date,
                title=validate.text(plan.get("title"), N_("Subject line"), required=False,
                                    max_len=4000),
                plan={k: _clean(plan[k]) for k in PLAN_TEXT_KEYS if k in plan},
                search_key=search_key(name)[:500],
            )
            session.add(movement)
            for i, lb in enumerate(plan.get("legal_basis", [])):
                movement.legal_bases.append(
                    LegalBasis(
                        doc_type=validate.text(lb.get("doc_type"), N_("Document type")),
                        number=validate.text(lb.get("number"), N_("Number"), required=False),
                        issued_on=lb.get("date"),
                        issuer=validate.text(lb.get("issuer"), N_("Issuer"), required=False),
                        title=validate.text(lb.get("title"), "", required=False, max_len=4000),
                        position=i,
                    )
                )
            for ph in plan.get("phases", []):
                start, end = int(ph["start_year"]), int(ph["end_year"])
                if end < start:
                    raise UserError(_("The end date must not be before the start date."))
                movement.phases.append(
                    Phase(
                        name=validate.text(ph.get("name"), N_("Phase")),
                        start_year=validate.year(start),
                        end_year=validate.year(end),
                        milestone=validate.choice(ph.get("milestone", ""), Milestone,
                                                  N_("Milestone")).value,
                        milestone_year=validate.year(int(ph.get("milestone_year", end))),
                        tasks=_clean(ph.get("tasks", [])),
                    )
                )
            for i, tg in enumerate(plan.get("target_groups", [])):
                group = TargetGroup(
                    code=validate.text(tg.get("code"), N_("Code"), max_len=10),
                    name=validate.text(tg.get("name"), N_("Target group"), max_len=2000),
                    subject_kind=validate.choice(tg.get("subject_kind", ""), SubjectKind,
                                                 N_("Subject kind")).value,
                    unit_kinds=[
                        k for k in tg.get("unit_kinds", [])
                        if k in {u.value for u in UnitKind} or k in {"ho_gia_dinh", "ca_nhan"}
                    ],
                    position=i,
                )
                movement.target_groups.append(group)
                session.flush()
                self._add_criteria(session, group.id, None, tg.get("criteria", []))
            self._audit(session, "movement.import_plan", movement, summary=movement.name)
            return movement

    def _add_criteria(
        self,
        session: Session,
        group_id: uuid.UUID,
        parent_id: uuid.UUID | None,
        items: list[dict[str, Any]],
    ) -> Decimal:
        total = Decimal(0)
        for i, item in enumerate(items):
            crit = Criterion(
                id=uuid.uuid4(),
                target_group_id=group_id,
                parent_id=parent_id,
                code=validate.text(item.get("code"), N_("Code"), max_len=20),
                name=validate.text(item.get("name"), N_("Criterion"), max_len=4000),
                max_points=_decimal(item.get("max_points", 0), _("Maximum points")) or Decimal(0),
                target_value=_decimal(item.get("target_value"), _("Target")),
                target_unit=validate.text(item.get("target_unit"), "", required=False, max_len=20),
                target_direction=item.get("target_direction", "") or "",
                target_text=validate.text(item.get("target_text"), "", required=False,
                                          max_len=4000),
                scoring_rule=validate.choice(item.get("scoring_rule", "manual"), ScoringRule,
                                             N_("Scoring rule")).value,
                evidence=validate.text(item.get("evidence"), "", required=False, max_len=4000),
                position=i,
            )
            if crit.target_direction not in ("", ">=", "<="):
                raise UserError(_("A target's direction must be ≥ or ≤."))
            session.add(crit)
            session.flush()
            children = item.get("children", [])
            if children:
                child_total = self._add_criteria(session, group_id, crit.id, children)
                if crit.max_points == 0:
                    crit.max_points = child_total
            total += crit.max_points
        return total

    def import_plan_file(self, path: Path) -> Movement:
        return self.import_plan(read_plan_file(path))

    def all(self) -> list[Movement]:
        with self.services.reading() as session:
            return list(session.scalars(select(Movement).order_by(Movement.doc_date.desc())))

    def outline(self, movement_id: uuid.UUID) -> tuple[Movement, dict[uuid.UUID, list[Criterion]]]:
        """The movement with its legal bases, phases and groups, and each group's criteria."""
        with self.services.reading() as session:
            movement = session.scalars(
                select(Movement).where(Movement.id == movement_id).options(
                    selectinload(Movement.legal_bases), selectinload(Movement.phases),
                    selectinload(Movement.target_groups))
            ).one()
            criteria: dict[uuid.UUID, list[Criterion]] = {g.id: [] for g in movement.target_groups}
            for crit in session.scalars(
                select(Criterion).where(Criterion.target_group_id.in_(list(criteria)))
                .order_by(Criterion.position)
            ):
                criteria[crit.target_group_id].append(crit)
            return movement, criteria

    def criteria_leaves(self, target_group_id: uuid.UUID) -> list[Criterion]:
        with self.services.reading() as session:
            rows = list(
                session.scalars(
                    select(Criterion)
                    .where(Criterion.target_group_id == target_group_id)
                    .order_by(Criterion.position)
                )
            )
        parents = {c.parent_id for c in rows}
        return [c for c in rows if c.id not in parents]

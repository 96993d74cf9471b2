"""Movements: the plan, its legal basis, phases, target groups and criteria tree."""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import validate
from desktop.core.references import describe, references
from desktop.core.service import Part
from desktop.core.text import nfc, search_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import Milestone, MovementKind, ScoringRule, SubjectKind, UnitKind
from desktop.store.models import Criterion, LegalBasis, Movement, Phase, Score, TargetGroup

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


@dataclass(frozen=True)
class CriterionInput:
    """What the officer types for one criterion; numbers arrive as text or numbers."""

    code: str
    name: str
    max_points: Any = 0
    target_value: Any = None
    target_unit: str = ""
    target_direction: str = ""  # "", ">=" or "<="
    target_text: str = ""
    evidence: str = ""
    scoring_rule: str = ScoringRule.MANUAL.value


def _criterion_fields(item: CriterionInput) -> dict[str, Any]:
    points = _decimal(item.max_points, _("Maximum points")) or Decimal(0)
    if not Decimal(0) <= points <= MAX_POINTS:
        raise UserError(_("Maximum points must be between 0 and {n}.").format(n=MAX_POINTS))
    target = _decimal(item.target_value, _("Target"))
    direction = (item.target_direction or "").strip()
    if direction not in ("", ">=", "<="):
        raise UserError(_("A target's direction must be ≥ or ≤."))
    if target is not None and not direction:
        direction = ">="
    return {
        "code": validate.text(item.code, N_("Code"), max_len=20),
        "name": validate.text(item.name, N_("Criterion"), max_len=4000),
        "max_points": points,
        "target_value": target,
        "target_unit": validate.text(item.target_unit, N_("Unit of measure"), required=False,
                                     max_len=20),
        "target_direction": direction if target is not None else "",
        "target_text": validate.text(item.target_text, N_("Target"), required=False,
                                     max_len=4000),
        "evidence": validate.text(item.evidence, N_("Evidence"), required=False, max_len=4000),
        "scoring_rule": validate.choice(item.scoring_rule or ScoringRule.MANUAL.value,
                                        ScoringRule, N_("Scoring rule")).value,
    }


def _check_phase_years(movement: Movement, start: int, end: int) -> None:
    """A phase lies inside its movement: from the year of its plan on, ending after it starts."""
    validate.year(start)
    validate.year(end)
    if end < start:
        raise UserError(_("The end year must not be before the start year."))
    issued = movement.doc_date
    if issued is not None and start < issued.year:
        raise UserError(_("The phase cannot start before {year}, the year the movement's plan "
                          "was issued; correct the start year.").format(year=issued.year))


MAX_POINTS = Decimal(10000)
MALFORMED_PLAN = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class MovementService(Part):
    def import_plan(self, plan: dict[str, Any]) -> Movement:
        """Create a movement with everything its plan describes, in one transaction."""
        with self._tx() as session:
            code = validate.text(plan.get("code"), N_("Movement code"), max_len=40)
            if session.scalar(select(Movement.id).where(Movement.code == code)):
                raise UserError(_("A movement with code {code} already exists.").format(code=code))
            name = validate.text(plan.get("name"), N_("Movement name"), max_len=2000)
            for section in plan.get("content_sections", []):
                # In TOML a key written after a [[content_sections]] table falls into it.
                stray = sorted(set(section) - {"heading", "items"})
                if stray:
                    raise UserError(_("A content section holds “{keys}”, which belong to the "
                                      "whole plan: move them above the first "
                                      "[[content_sections]].").format(keys=", ".join(stray)))
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
        plan = read_plan_file(path)
        try:
            return self.import_plan(plan)
        except UserError as exc:
            raise UserError(_("The plan file “{name}” cannot be loaded: {problem}").format(
                name=path.name, problem=exc)) from exc
        except MALFORMED_PLAN as exc:  # a hand-edited file: nothing was written (rolled back)
            raise UserError(
                _("The plan file “{name}” is not laid out as a plan ({reason}); compare it with "
                  "a sample plan and correct it.").format(name=path.name, reason=repr(exc))
            ) from exc

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

    # --- editing: legal basis, phases, target groups, criteria ---------------------------------

    def add_legal_basis(self, movement_id: uuid.UUID, *, doc_type: str, number: str = "",
                        issued_on: date | None = None, issuer: str = "",
                        title: str = "") -> LegalBasis:
        with self._tx() as session:
            movement = self._get(session, Movement, movement_id, _("movement"))
            basis = LegalBasis(
                movement_id=movement_id,
                doc_type=validate.text(doc_type, N_("Document type"), max_len=60),
                number=validate.text(number, N_("Number"), required=False, max_len=60),
                issued_on=issued_on,
                issuer=validate.text(issuer, N_("Issuer"), required=False, max_len=200),
                title=validate.text(title, N_("Subject line"), required=False, max_len=4000),
                position=len(movement.legal_bases),
            )
            session.add(basis)
            self._audit(session, "movement.add_legal_basis", basis,
                        summary=f"{basis.doc_type} {basis.number}".strip())
            return basis

    def add_phase(self, movement_id: uuid.UUID, *, name: str, start_year: int, end_year: int,
                  milestone: str) -> Phase:
        with self._tx() as session:
            movement = self._get(session, Movement, movement_id, _("movement"))
            _check_phase_years(movement, start_year, end_year)
            phase = Phase(
                movement_id=movement_id,
                name=validate.text(name, N_("Phase"), max_len=200),
                start_year=start_year,
                end_year=end_year,
                milestone=validate.choice(milestone, Milestone, N_("Milestone")).value,
                milestone_year=end_year,
                tasks=[],
            )
            session.add(phase)
            self._audit(session, "movement.add_phase", phase, summary=phase.name)
            return phase

    def update_phase(self, phase_id: uuid.UUID, *, name: str, start_year: int, end_year: int,
                     milestone: str) -> Phase:
        """Rename a phase or change its years (inside the movement) and its milestone."""
        with self._tx() as session:
            phase = self._get(session, Phase, phase_id, _("phase"))
            _check_phase_years(self._get(session, Movement, phase.movement_id, _("movement")),
                               start_year, end_year)
            before = audit.snapshot(phase)
            phase.name = validate.text(name, N_("Phase"), max_len=200)
            phase.start_year, phase.end_year = start_year, end_year
            phase.milestone = validate.choice(milestone, Milestone, N_("Milestone")).value
            phase.milestone_year = end_year
            self._audit(session, "movement.update_phase", phase, before=before,
                        summary=phase.name)
            return phase

    def add_target_group(self, movement_id: uuid.UUID, *, code: str, name: str,
                         subject_kind: str) -> TargetGroup:
        with self._tx() as session:
            movement = self._get(session, Movement, movement_id, _("movement"))
            code = validate.text(code, N_("Code"), max_len=10)
            if any(g.code == code for g in movement.target_groups):
                raise UserError(_("This movement already has a target group {code}.").format(
                    code=code))
            group = TargetGroup(
                movement_id=movement_id,
                code=code,
                name=validate.text(name, N_("Target group"), max_len=2000),
                subject_kind=validate.choice(subject_kind, SubjectKind, N_("Subject kind")).value,
                unit_kinds=[],
                position=len(movement.target_groups),
            )
            session.add(group)
            self._audit(session, "movement.add_target_group", group, summary=group.name)
            return group

    def update_target_group(self, group_id: uuid.UUID, *, code: str,
                            name: str) -> TargetGroup:
        """Rename a target group or change its code (its kind of subjects stays)."""
        with self._tx() as session:
            group = self._get(session, TargetGroup, group_id, _("target group"))
            code = validate.text(code, N_("Code"), max_len=10)
            if session.scalar(select(TargetGroup.id).where(
                    TargetGroup.movement_id == group.movement_id, TargetGroup.code == code,
                    TargetGroup.id != group_id)):
                raise UserError(_("This movement already has a target group {code}.").format(
                    code=code))
            before = audit.snapshot(group)
            group.code = code
            group.name = validate.text(name, N_("Target group"), max_len=2000)
            self._audit(session, "movement.update_target_group", group, before=before,
                        summary=group.name)
            return group

    def delete_target_group(self, group_id: uuid.UUID) -> None:
        """Delete a target group that no criterion uses."""
        with self._tx() as session:
            group = self._get(session, TargetGroup, group_id, _("target group"))
            found = references(session, "target_group", group_id)
            if found:
                raise UserError(_("The target group “{code}) {name}” cannot be deleted because "
                                  "{what} belong to it; delete them first.").format(
                    code=group.code, name=group.name[:80], what=describe(found)))
            before = audit.snapshot(group)
            session.delete(group)
            self._audit(session, "movement.delete_target_group", entity="target_group",
                        entity_id=group_id, before=before, summary=group.name)

    def _siblings(self, session: Session, group_id: uuid.UUID,
                  parent_id: uuid.UUID | None) -> list[Criterion]:
        return list(session.scalars(
            select(Criterion).where(Criterion.target_group_id == group_id,
                                    Criterion.parent_id.is_(parent_id) if parent_id is None
                                    else Criterion.parent_id == parent_id)
            .order_by(Criterion.position)))

    def _parent_in_group(self, session: Session, group_id: uuid.UUID,
                         parent_id: uuid.UUID | None) -> None:
        if parent_id is None:
            return
        parent = self._get(session, Criterion, parent_id, _("criterion"))
        if parent.target_group_id != group_id:
            raise UserError(_("A criterion can only be placed under a criterion of the same "
                              "target group."))

    def add_criterion(self, target_group_id: uuid.UUID, item: CriterionInput, *,
                      parent_id: uuid.UUID | None = None) -> Criterion:
        """Add a criterion as the last child of `parent_id` (or of the group itself)."""
        fields = _criterion_fields(item)
        with self._tx() as session:
            self._get(session, TargetGroup, target_group_id, _("target group"))
            self._parent_in_group(session, target_group_id, parent_id)
            crit = Criterion(target_group_id=target_group_id, parent_id=parent_id,
                             position=len(self._siblings(session, target_group_id, parent_id)),
                             **fields)
            session.add(crit)
            self._audit(session, "criterion.create", crit, summary=f"{crit.code}. {crit.name}")
            return crit

    def update_criterion(self, criterion_id: uuid.UUID, item: CriterionInput, *,
                         seen_version: int | None = None) -> Criterion:
        fields = _criterion_fields(item)
        with self._tx() as session:
            crit = self._get(session, Criterion, criterion_id, _("criterion"))
            before = audit.snapshot(crit)
            with self._editing(session, crit, f"{crit.code}. {crit.name}", seen_version, fields):
                for key, value in fields.items():
                    setattr(crit, key, value)
            self._audit(session, "criterion.update", crit, before=before,
                        summary=f"{crit.code}. {crit.name}")
            return crit

    def move_criterion(self, criterion_id: uuid.UUID, *, parent_id: uuid.UUID | None,
                       position: int | None = None) -> Criterion:
        """Place a criterion under another (or at the top) at `position` (default: last)."""
        with self._tx() as session:
            crit = self._get(session, Criterion, criterion_id, _("criterion"))
            self._parent_in_group(session, crit.target_group_id, parent_id)
            ancestor = parent_id
            while ancestor is not None:
                if ancestor == criterion_id:
                    raise UserError(_("A criterion cannot be placed under itself or its own "
                                      "sub-criterion."))
                ancestor = self._get(session, Criterion, ancestor, _("criterion")).parent_id
            before = audit.snapshot(crit)
            old = [c for c in self._siblings(session, crit.target_group_id, crit.parent_id)
                   if c.id != crit.id]
            for i, c in enumerate(old):
                c.position = i
            new = [c for c in self._siblings(session, crit.target_group_id, parent_id)
                   if c.id != crit.id]
            at = len(new) if position is None else max(0, min(position, len(new)))
            new.insert(at, crit)
            crit.parent_id = parent_id
            for i, c in enumerate(new):
                c.position = i
            self._audit(session, "criterion.move", crit, before=before,
                        summary=f"{crit.code}. {crit.name}")
            return crit

    def shift_criterion(self, criterion_id: uuid.UUID, step: int) -> Criterion:
        """Move a criterion up (-1) or down (+1) among its siblings."""
        with self._tx() as session:
            crit = self._get(session, Criterion, criterion_id, _("criterion"))
            return self.move_criterion(criterion_id, parent_id=crit.parent_id,
                                       position=max(0, crit.position + step))

    def delete_criterion(self, criterion_id: uuid.UUID) -> None:
        """Delete a criterion and its sub-criteria; refused once anything was scored on them."""
        with self._tx() as session:
            crit = self._get(session, Criterion, criterion_id, _("criterion"))
            ids, frontier = [crit.id], [crit.id]
            while frontier:
                frontier = list(session.scalars(
                    select(Criterion.id).where(Criterion.parent_id.in_(frontier))))
                ids += frontier
            if session.scalar(select(Score.id).where(Score.criterion_id.in_(ids)).limit(1)):
                raise UserError(_("“{name}” already has scores and cannot be deleted; change "
                                  "its name or points instead.").format(name=crit.name))
            before = audit.snapshot(crit)
            session.delete(crit)
            self._audit(session, "criterion.delete", entity="criterion", entity_id=criterion_id,
                        before=before, after={"removed": [str(i) for i in ids]},
                        summary=f"{crit.code}. {crit.name}")

"""The rules engine applied to the database: a subject's facts, a nomination's verdict and price.

The engine (desktop.core.rules) judges plain values; this part reads them from the store. Prices
use the shipped catalogue for coefficients and the database's base-salary table, to which the
officer can add a newly decreed row; a row shipped as «reported» keeps that warning.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core import validate
from desktop.core.catalogue import Catalogue, CatalogueError, load_catalogue
from desktop.core.roles import Permission
from desktop.core.rules import (
    AwardEntry,
    AwardKind,
    BaseSalaryRow,
    DisciplinePeriod,
    InitiativeEntry,
    MemberSummary,
    Price,
    SubjectFacts,
    Verdict,
    check,
    price,
)
from desktop.core.rules.facts import parse_discipline_level
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import Gender, MovementKind, RoundKind, Scope, SubjectKind, TaskRating
from desktop.store.models import (
    AwardRecord,
    BaseSalary,
    Discipline,
    Household,
    Initiative,
    Movement,
    Nomination,
    NominationRound,
    Office,
    Person,
    TaskRatingRecord,
)

_COMPLETED = {TaskRating.HTXS.value, TaskRating.HTT.value, TaskRating.HT.value}


@cache
def shipped_catalogue() -> Catalogue:
    try:
        return load_catalogue()
    except CatalogueError as exc:
        raise UserError(str(exc)) from exc


def award_kind(rnd: NominationRound, movement: Movement | None) -> AwardKind:
    """The loại hình of a round's proposals: đột xuất, chuyên đề or thường xuyên."""
    if rnd.kind == RoundKind.DOT_XUAT.value:
        return AwardKind.DOT_XUAT
    if movement is not None and movement.kind == MovementKind.CHUYEN_DE.value:
        return AwardKind.CHUYEN_DE
    return AwardKind.THUONG_XUYEN


def base_salaries(session: Session, catalogue: Catalogue) -> list[BaseSalaryRow]:
    """The shipped table, with the rows this database added or corrected taking precedence."""
    rows = {row.effective_from: BaseSalaryRow(row.effective_from, row.amount, row.legal_source,
                                              row.reported)
            for row in catalogue.base_salaries}
    for row in session.scalars(select(BaseSalary)):
        shipped = rows.get(row.effective_from)
        reported = shipped is not None and shipped.reported and shipped.amount == row.amount
        rows[row.effective_from] = BaseSalaryRow(row.effective_from, row.amount,
                                                 row.legal_source, reported)
    return sorted(rows.values(), key=lambda row: row.effective_from)


def _subject_filter(model: type, subject: Subject):  # type: ignore[no-untyped-def]
    column = {SubjectKind.CA_NHAN: "person_id", SubjectKind.TAP_THE: "unit_id",
              SubjectKind.HO_GIA_DINH: "household_id"}[subject.kind]
    return getattr(model, column) == subject.id


def _disciplines(rows: Sequence[Discipline]) -> tuple[DisciplinePeriod, ...]:
    out = []
    for row in rows:
        level = parse_discipline_level(row.level)
        if level is not None:
            out.append(DisciplinePeriod(level, row.start, row.end))
    return tuple(out)


def _members(session: Session, unit_id: uuid.UUID, year: int) -> MemberSummary:
    """The people of a collective now, with their titles, ratings and discipline in `year`."""
    people = list(session.execute(
        select(Person.id, Person.gender).where(Person.unit_id == unit_id)))
    ids = [pid for pid, _gender in people]
    if not ids:
        return MemberSummary(total=0, women=0, ldtt=0, completed=0, cstdcs=0,
                             disciplined_warning=False)
    titles = session.execute(select(AwardRecord.person_id, AwardRecord.award_code).where(
        AwardRecord.person_id.in_(ids), AwardRecord.year == year,
        AwardRecord.award_code.in_(("LDTT", "CSTDCS")), AwardRecord.thematic.is_(False)))
    holders: dict[str, set[uuid.UUID]] = {"LDTT": set(), "CSTDCS": set()}
    for pid, code in titles:
        if pid is not None:
            holders[code].add(pid)
    holders["LDTT"] |= holders["CSTDCS"]  # a Chiến sĩ thi đua cơ sở is first a Lao động tiên tiến
    completed = len(set(session.scalars(select(TaskRatingRecord.person_id).where(
        TaskRatingRecord.person_id.in_(ids), TaskRatingRecord.year == year,
        TaskRatingRecord.rating.in_(_COMPLETED)))))
    warned = any(
        period.level.warning_or_above and period.touches_year(year)
        for period in _disciplines(list(session.scalars(select(Discipline).where(
            Discipline.person_id.in_(ids))))))
    return MemberSummary(
        total=len(ids),
        women=sum(1 for _pid, gender in people if gender == Gender.NU.value),
        ldtt=len(holders["LDTT"]), completed=completed, cstdcs=len(holders["CSTDCS"]),
        disciplined_warning=warned)


def read_facts(session: Session, subject: Subject, year: int) -> SubjectFacts:
    """Everything the rules need about `subject` for the evaluation `year`, from the store."""
    awards = tuple(
        AwardEntry(row.year, row.award_code,
                   AwardKind.CHUYEN_DE if row.thematic else AwardKind.THUONG_XUYEN)
        for row in session.scalars(select(AwardRecord).where(
            _subject_filter(AwardRecord, subject), AwardRecord.year <= year)))
    ratings = {row.year: TaskRating(row.rating) for row in session.scalars(
        select(TaskRatingRecord).where(_subject_filter(TaskRatingRecord, subject),
                                       TaskRatingRecord.year <= year))}
    initiatives = tuple(
        InitiativeEntry(row.year, Scope(row.scope), row.kind, row.title)
        for row in session.scalars(select(Initiative).where(
            _subject_filter(Initiative, subject), Initiative.year <= year)))
    disciplines = _disciplines(list(session.scalars(select(Discipline).where(
        _subject_filter(Discipline, subject), or_(Discipline.end.is_(None),
                                                  Discipline.end >= date(year - 10, 1, 1))))))
    sex, name, members = None, "", None
    if subject.kind is SubjectKind.CA_NHAN:
        person = session.get(Person, subject.id)
        if person is not None:
            sex, name = Gender(person.gender), person.full_name
    elif subject.kind is SubjectKind.HO_GIA_DINH:
        household = session.get(Household, subject.id)
        name = household.head_name if household is not None else ""
    else:
        members = _members(session, subject.id, year)
    return SubjectFacts(kind=subject.kind, year=year, sex=sex, awards=awards, ratings=ratings,
                        initiatives=initiatives, disciplines=disciplines, members=members,
                        name=name)


def price_in_session(session: Session, award_code: str, subject_kind: SubjectKind | str,
                     on: date) -> Price:
    """The price of an award decided on `on` by this database's own office."""
    catalogue = shipped_catalogue()
    office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
    return price(award_code, subject_kind, on, catalogue, base_salaries(session, catalogue),
                 level=office.level if office is not None else None)


class ScreeningService(Part):
    @property
    def catalogue(self) -> Catalogue:
        return shipped_catalogue()

    def price(self, award_code: str, subject_kind: SubjectKind | str, on: date) -> Price:
        with self.services.reading() as session:
            return price_in_session(session, award_code, subject_kind, on)

    def check(self, subject: Subject, award_code: str, year: int, on: date,
              kind: AwardKind = AwardKind.THUONG_XUYEN) -> Verdict:
        with self.services.reading() as session:
            return check(award_code, read_facts(session, subject, year), on, self.catalogue,
                         kind=kind)

    def screen(self, session: Session, nomination: Nomination, on: date) -> None:
        """Judge and price `nomination` as if decided on `on`, and store both on it."""
        rnd = session.get(NominationRound, nomination.round_id)
        assert rnd is not None
        movement = session.get(Movement, rnd.movement_id) if rnd.movement_id else None
        subject = Subject.of(nomination)
        verdict = check(nomination.award_code, read_facts(session, subject, rnd.year), on,
                        self.catalogue, kind=award_kind(rnd, movement))
        priced = price_in_session(session, nomination.award_code, subject.kind, on)
        nomination.verdict = verdict.as_dict()
        nomination.regime = priced.regime
        nomination.priced_on = on
        nomination.coefficient = priced.coefficient
        nomination.base_salary = priced.base_salary
        nomination.amount = priced.amount

    def rescreen_round(self, round_id: uuid.UUID, on: date) -> int:
        """Judge and price again every open nomination of a round (after new facts came in)."""
        with self._tx() as session:
            rows = list(session.scalars(select(Nomination).where(
                Nomination.round_id == round_id,
                Nomination.status.not_in(("da_quyet_dinh", "khong_dat")))))
            for nomination in rows:
                self.screen(session, nomination, on)
            self._audit(session, "round.rescreen", entity="nomination_round",
                        entity_id=round_id, after={"nominations": len(rows),
                                                   "on": on.isoformat()})
            return len(rows)

    def add_base_salary(self, effective_from: date, amount: int, legal_source: str) -> BaseSalary:
        """Record a newly decreed mức lương cơ sở so that decisions from that day use it."""
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise UserError(_("The base salary must be a whole number of đồng above zero."))
        source = validate.text(legal_source, N_("Legal source"), max_len=250)
        with self._tx(Permission.ADMIN) as session:
            if any(row.effective_from == effective_from
                   for row in base_salaries(session, self.catalogue)):
                raise UserError(_("A base salary from {d:%d/%m/%Y} is already recorded.").format(
                    d=effective_from))
            row = BaseSalary(effective_from=effective_from, amount=amount, legal_source=source)
            session.add(row)
            self._audit(session, "base_salary.create", row, summary=source)
            return row

    def base_salaries(self) -> list[BaseSalaryRow]:
        with self.services.reading() as session:
            return base_salaries(session, self.catalogue)

"""Reading what the documents print: sessions, rounds, offices, subjects, award names, numbers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, selectinload

from desktop.core.catalogue import Regime
from desktop.core.service import Services
from desktop.core.text import person_sort_key, sort_key
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import (
    AwardType,
    CouncilMeeting,
    Decision,
    Household,
    Movement,
    Nomination,
    NominationRound,
    NumberRegister,
    Office,
    Person,
    Unit,
)

T = TypeVar("T")

Db = Services | Session

# Nominations that the office puts forward (not drafts, not returned, not rejected).
PROPOSED = ("da_nop", "dang_xet", "de_nghi_len_tren", "da_quyet_dinh")
KIND_ORDER = ("tap_the", "ca_nhan", "ho_gia_dinh")
KIND_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}


@contextmanager
def reading(db: Db) -> Iterator[Session]:
    """A session from Services (read-only) or the caller's own Session."""
    if isinstance(db, Session):
        yield db
    else:
        with db.reading() as session:
            yield session


def find_round(session: Session, ref: str | uuid.UUID) -> NominationRound:
    """A round by UUID, or by its 1-based position in creation order («1» = the oldest)."""
    text = str(ref).strip()
    rnd: NominationRound | None = None
    if text.isdigit() and len(text) < 9:
        rounds = list(session.scalars(
            select(NominationRound).order_by(NominationRound.created_at, NominationRound.id)))
        index = int(text)
        if 1 <= index <= len(rounds):
            rnd = rounds[index - 1]
    else:
        try:
            rnd = session.get(NominationRound, uuid.UUID(text))
        except ValueError:
            rnd = None
    if rnd is None:
        raise UserError(_("There is no nomination round “{ref}”; type “tdkt print --list” "
                          "or check the round’s number.").format(ref=text))
    return rnd


def office_of(session: Session, rnd: NominationRound) -> Office:
    office = session.get(Office, rnd.office_id)
    if office is None:
        raise UserError(_("Set up your office first (menu Office & settings)."))
    return office


def movement_of(session: Session, rnd: NominationRound) -> Movement | None:
    return session.get(Movement, rnd.movement_id) if rnd.movement_id else None


def meeting_of(session: Session, rnd: NominationRound) -> CouncilMeeting | None:
    return memo(session, ("meeting", rnd.id), lambda: session.scalars(
        select(CouncilMeeting).where(CouncilMeeting.round_id == rnd.id)
        .order_by(CouncilMeeting.held_at.desc())
        .options(selectinload(CouncilMeeting.members))
    ).first())


def proposed_counts(session: Session, rnd: NominationRound) -> dict[str, dict[str, int]]:
    """How many nominations the office puts forward, by award code and subject kind."""
    counts: dict[str, dict[str, int]] = {}
    for code, kind, n in session.execute(
            select(Nomination.award_code, Nomination.subject_kind, func.count())
            .where(Nomination.round_id == rnd.id, Nomination.status.in_(PROPOSED))
            .group_by(Nomination.award_code, Nomination.subject_kind)):
        counts.setdefault(code, {})[kind] = n
    return counts


def decision_of(session: Session, rnd: NominationRound) -> Decision:
    decision = session.scalars(
        select(Decision).where(Decision.round_id == rnd.id)
        .order_by(Decision.signed_on.desc(), Decision.symbol.desc())
    ).first()
    if decision is None:
        raise UserError(_("The round “{name}” has no decision yet; issue the decision "
                          "before printing it.").format(name=short(rnd.name)))
    return decision


def nominations(session: Session, rnd: NominationRound,
                statuses: tuple[str, ...] = PROPOSED) -> list[Nomination]:
    return list(session.scalars(
        select(Nomination).where(Nomination.round_id == rnd.id, Nomination.status.in_(statuses))
        .options(selectinload(Nomination.person).selectinload(Person.unit),
                 selectinload(Nomination.unit).selectinload(Unit.parent),
                 selectinload(Nomination.household))
        .order_by(Nomination.created_at, Nomination.id)
    ))


def load_subjects(session: Session, rows: Iterable[Any]) -> None:
    """Load the people (with units), units (with parents) and households of `rows` in three
    queries, so that :func:`subject_line` finds them in the session instead of one query each."""
    ids: dict[str, set[uuid.UUID]] = {"ca_nhan": set(), "tap_the": set(), "ho_gia_dinh": set()}
    for row in rows:
        ident = {"ca_nhan": row.person_id, "tap_the": row.unit_id,
                 "ho_gia_dinh": row.household_id}.get(row.subject_kind)
        if ident is not None:
            ids[row.subject_kind].add(ident)
    kept: list[Any] = session.info.setdefault("documents.loaded", [])  # the map holds weakly
    if ids["ca_nhan"]:
        kept += session.scalars(select(Person).where(Person.id.in_(ids["ca_nhan"]))
                                .options(selectinload(Person.unit)))
    if ids["tap_the"]:
        kept += session.scalars(select(Unit).where(Unit.id.in_(ids["tap_the"]))
                                .options(selectinload(Unit.parent)))
    if ids["ho_gia_dinh"]:
        kept += session.scalars(select(Household).where(Household.id.in_(ids["ho_gia_dinh"])))


def memo(session: Session, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()` once per reading session (award names, prices: the same for every line)."""
    cache: dict[tuple[Any, ...], Any] = session.info.setdefault("documents.memo", {})
    if key not in cache:
        cache[key] = compute()
    return cast(T, cache[key])


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_date(session: Session, rnd: NominationRound) -> date:
    """The date a round's papers carry by default: its council meeting, else its deadline."""
    meeting = meeting_of(session, rnd)
    if meeting is not None:
        return meeting.held_at.date()
    if rnd.deadline is not None:
        return rnd.deadline
    return date(rnd.year, 12, 31)


def regime_on(on: date) -> Regime:
    from desktop.core.screening import shipped_catalogue  # read once per process

    return shipped_catalogue().regime_on(on)




def award_row(session: Session, code: str, on: date) -> AwardType | None:
    return memo(session, ("award", code, on), lambda: session.scalars(select(AwardType).where(
        AwardType.code == code, AwardType.effective_from <= on,
        (AwardType.effective_to.is_(None)) | (AwardType.effective_to >= on))).first())


def award_name(session: Session, code: str, on: date) -> str:
    row = award_row(session, code, on)
    return row.name if row is not None else code


def unit_name(unit: Unit | None) -> str:
    return unit.name if unit is not None else ""


@dataclass(frozen=True)
class SubjectLine:
    """One nominee as the lists print it."""

    kind: str
    name: str
    where: str  # chức vụ, đơn vị (or address)
    sort: Any


def subject_lines(session: Session, model: Any, where: Any, *columns: Any, order: Any = None
                  ) -> list[tuple[SubjectLine, Any]]:
    """(subject line, row of `columns`) of every `model` row (Nomination, DecisionLine…)
    matching `where`, in one Core query: no ORM objects, stored sort keys (long lists)."""
    own, parent = aliased(Unit), aliased(Unit)
    query = (
        select(model.subject_kind, Person.full_name, Person.position, Person.sort_key,
               own.name, Unit.name, parent.name, Unit.sort_key, Household.head_name,
               Household.address, Household.sort_key, *columns)
        .select_from(model)
        .outerjoin(Person, Person.id == model.person_id)
        .outerjoin(own, own.id == Person.unit_id)
        .outerjoin(Unit, Unit.id == model.unit_id)
        .outerjoin(parent, parent.id == Unit.parent_id)
        .outerjoin(Household, Household.id == model.household_id)
        .where(where)
        .order_by(*(order if order is not None else (model.created_at, model.id)))
    )
    out = []
    for row in session.execute(query):
        kind = row[0]
        if kind == "ca_nhan":
            where_text = ", ".join(x for x in (row[2], row[4]) if x)
            line = SubjectLine(kind, row[1], where_text, row[3])
        elif kind == "tap_the":
            line = SubjectLine(kind, row[5], row[6] or "", row[7])
        else:
            line = SubjectLine(kind, f"Hộ ông (bà) {row[8]}", row[9], row[10])
        out.append((line, row[11:]))
    return out


def subject_line(session: Session, nom: Any) -> SubjectLine:
    """Name and «chức vụ, đơn vị» of a nomination or decision line (person/unit/household)."""
    kind = nom.subject_kind
    if kind == "ca_nhan":
        person = getattr(nom, "person", None) or session.get(Person, nom.person_id)
        assert person is not None
        unit = person.unit
        where = ", ".join(x for x in (person.position, unit_name(unit)) if x)
        return SubjectLine(kind, person.full_name, where, person_sort_key(person.full_name))
    if kind == "tap_the":
        u = getattr(nom, "unit", None) or session.get(Unit, nom.unit_id)
        assert u is not None
        return SubjectLine(kind, u.name, unit_name(u.parent), sort_key(u.name))
    household = getattr(nom, "household", None) or session.get(Household, nom.household_id)
    assert household is not None
    return SubjectLine(kind, f"Hộ ông (bà) {household.head_name}", household.address,
                       person_sort_key(household.head_name))


def count_words(counts: dict[str, int]) -> str:
    """«04 tập thể, 10 cá nhân và 02 hộ gia đình»."""
    parts = [f"{counts[k]:02d} {KIND_WORDS[k]}" for k in KIND_ORDER if counts.get(k)]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def org_sentence(upper_name: str, office: Office) -> str:
    """An organ name in running-text capitalisation («Ủy ban nhân dân huyện Đắk R'Lấp»)."""
    for name in (office.issuer_name, office.parent_name, office.name):
        if name and name.upper() == upper_name.upper():
            return name
    return upper_name


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def reserve(db: Db, doc_type: str, on: date, summary: str, draft: bool) -> str | None:
    """The office number for a final copy (no gaps, no duplicates); None for a draft."""
    if draft:
        return None
    if not isinstance(db, Services):
        raise UserError(_("A final copy takes a number from the register; print it through "
                          "the program, or print a draft."))
    return db.office.reserve_number(doc_type, on, summary).symbol


def registered(session: Session, doc_type: str, summary: str) -> NumberRegister | None:
    """The last number reserved for this document (to cite it from an annex)."""
    return session.scalars(
        select(NumberRegister).where(NumberRegister.doc_type == doc_type,
                                     NumberRegister.summary == summary)
        .order_by(NumberRegister.id.desc())).first()


def price_of(session: Session, nom: Nomination, on: date) -> int | None:
    """The amount of a nomination: priced by the rules engine, else the decision's price."""
    from desktop.core.screening import price_in_session

    if nom.amount is not None:
        return int(nom.amount)
    try:
        return price_in_session(session, nom.award_code, nom.subject_kind, on).amount
    except UserError:
        return None

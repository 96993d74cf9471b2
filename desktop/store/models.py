"""SQLAlchemy models of the whole domain.

Records travel between offices in hand-up packages, so every entity has a UUID key. Strings are
stored NFC (the service layer normalises them). `search_key` columns hold a diacritic- and
case-free form for SQL filtering; `sort_key` columns hold a string whose binary order is the
Vietnamese collation order.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Đồng, whole: past 2,147,483,647 on a province's decision. SQLite's INTEGER is already 64-bit.
MONEY = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def sort_key_type(length: int) -> String:
    """Sort keys compare code point by code point, as SQLite's BINARY does; on PostgreSQL that
    is the "C" collation, whatever the server's own (a Vietnamese one would reorder them)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Entity(Base):
    """A record with a travelling UUID, change timestamps and a local edit counter.

    `version` goes up by one at every change; an UPDATE that finds another number than the one
    it read changes nothing (optimistic locking, for officers editing one shared database).
    """

    __abstract__ = True

    id: Mapped[uuid.UUID] = _uuid_pk()
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


class SubjectMixin:
    """Exactly one of person, unit (collective) or household is the subject."""

    subject_kind: Mapped[str] = mapped_column(String(16))

    @declared_attr
    def person_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805
        return mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)

    @declared_attr
    def unit_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805
        return mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)

    @declared_attr
    def household_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805
        return mapped_column(ForeignKey("household.id", ondelete="RESTRICT"), index=True)

    @classmethod
    def subject_check(cls) -> CheckConstraint:
        return CheckConstraint(
            "(subject_kind = 'ca_nhan' AND person_id IS NOT NULL AND unit_id IS NULL"
            " AND household_id IS NULL)"
            " OR (subject_kind = 'tap_the' AND unit_id IS NOT NULL AND person_id IS NULL"
            " AND household_id IS NULL)"
            " OR (subject_kind = 'ho_gia_dinh' AND household_id IS NOT NULL"
            " AND person_id IS NULL AND unit_id IS NULL)",
            name="one_subject",
        )


# --- office ---------------------------------------------------------------------------------


class Office(Entity):
    """This installation's own office (and, on a province server, the offices it receives from)."""

    __tablename__ = "office"
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(8))
    province: Mapped[str] = mapped_column(String(100))
    parent_name: Mapped[str] = mapped_column(String(200), default="")  # cấp trên, header line 1
    issuer_name: Mapped[str] = mapped_column(String(200), default="")  # cơ quan ban hành
    issuer_abbr: Mapped[str] = mapped_column(String(20), default="")  # e.g. UBND, NV
    place: Mapped[str] = mapped_column(String(100), default="")  # địa danh of the date line
    code: Mapped[str] = mapped_column(String(20), default="")
    is_own: Mapped[bool] = mapped_column(default=False)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"))
    signers: Mapped[list[Signer]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="Signer.position"
    )


class Signer(Entity):
    __tablename__ = "signer"
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"))
    authority: Mapped[str] = mapped_column(String(60), default="")  # TM./KT./Q./TL. line
    title: Mapped[str] = mapped_column(String(100))  # CHỦ TỊCH, PHÓ CHỦ TỊCH…
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    office: Mapped[Office] = relationship(back_populates="signers")


class NumberRegister(Base):
    """Issued document numbers per office, type and year: no gaps, no duplicates."""

    __tablename__ = "number_register"
    __table_args__ = (UniqueConstraint("office_id", "doc_type", "year", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"))
    doc_type: Mapped[str] = mapped_column(String(10))  # TTr, QĐ, KH, BC, BB
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(40))  # «05/TTr-UBND»
    issued_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    reserved_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


# --- units, people, households -------------------------------------------------------------------


class Unit(Entity):
    """A collective: agency, commune, organisation, enterprise, village…"""

    __tablename__ = "unit"
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit.id", ondelete="RESTRICT"), index=True
    )
    code: Mapped[str] = mapped_column(String(40), default="", index=True)
    name: Mapped[str] = mapped_column(String(250))
    short_name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(250), index=True, default="")
    sort_key: Mapped[str] = mapped_column(sort_key_type(1200), index=True, default="")
    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")


class UnitLineage(Entity):
    """A merge, split or rename, so history follows a unit that changed."""

    __tablename__ = "unit_lineage"
    from_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), index=True)
    to_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    effective: Mapped[date] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(String(250), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Bloc(Entity):
    """A khối or cụm thi đua: units ranked together."""

    __tablename__ = "bloc"
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(250))
    kind: Mapped[str] = mapped_column(String(8))
    members: Mapped[list[BlocMember]] = relationship(
        back_populates="bloc", cascade="all, delete-orphan"
    )


class BlocMember(Entity):
    __tablename__ = "bloc_member"
    __table_args__ = (UniqueConstraint("bloc_id", "unit_id", "year"),)
    bloc_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bloc.id", ondelete="CASCADE"))
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="thanh_vien")
    year: Mapped[int] = mapped_column(Integer)  # leaders rotate yearly
    bloc: Mapped[Bloc] = relationship(back_populates="members")


class Person(Entity):
    __tablename__ = "person"
    # Covering index for the people list: filter on search_key, ordered by sort_key, no lookups.
    __table_args__ = (Index("ix_person_list", "sort_key", "search_key", "id"),)
    full_name: Mapped[str] = mapped_column(String(120))
    gender: Mapped[str] = mapped_column(String(4))
    birth_date: Mapped[date | None] = mapped_column(Date)
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True)
    ethnicity: Mapped[str] = mapped_column(String(40), default="")
    hometown: Mapped[str] = mapped_column(String(200), default="")
    residence: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(150), default="")  # current chức vụ
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"), index=True)
    qualification: Mapped[str] = mapped_column(String(150), default="")
    search_key: Mapped[str] = mapped_column(String(120), index=True, default="")
    sort_key: Mapped[str] = mapped_column(sort_key_type(600), index=True, default="")
    unit: Mapped[Unit | None] = relationship()


class PersonPosition(Entity):
    """Where a person worked, and as what, over time."""

    __tablename__ = "person_position"
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), index=True)
    position: Mapped[str] = mapped_column(String(150), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Household(Entity):
    __tablename__ = "household"
    head_name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(250), default="")
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"), index=True)
    members: Mapped[int] = mapped_column(Integer, default=1)
    search_key: Mapped[str] = mapped_column(String(120), index=True, default="")
    sort_key: Mapped[str] = mapped_column(sort_key_type(600), index=True, default="")
    unit: Mapped[Unit | None] = relationship()


# --- movements and criteria ------------------------------------------------------------------


class Movement(Entity):
    """A phong trào thi đua and the plan that launched it."""

    __tablename__ = "movement"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    issuer_parent: Mapped[str] = mapped_column(String(200), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    doc_symbol: Mapped[str] = mapped_column(String(40), default="")
    doc_number: Mapped[str] = mapped_column(String(20), default="")
    doc_date: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the plan's text sections
    search_key: Mapped[str] = mapped_column(String(500), index=True, default="")
    legal_bases: Mapped[list[LegalBasis]] = relationship(
        cascade="all, delete-orphan", order_by="LegalBasis.position"
    )
    phases: Mapped[list[Phase]] = relationship(
        cascade="all, delete-orphan", order_by="Phase.start_year"
    )
    target_groups: Mapped[list[TargetGroup]] = relationship(
        cascade="all, delete-orphan", order_by="TargetGroup.position"
    )


class LegalBasis(Entity):
    __tablename__ = "legal_basis"
    movement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("movement.id", ondelete="CASCADE"), index=True
    )
    doc_type: Mapped[str] = mapped_column(String(60))
    number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Phase(Entity):
    __tablename__ = "phase"
    movement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("movement.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    milestone: Mapped[str] = mapped_column(String(16))
    milestone_year: Mapped[int] = mapped_column(Integer)
    tasks: Mapped[list[Any]] = mapped_column(default=list)


class TargetGroup(Entity):
    __tablename__ = "target_group"
    movement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("movement.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(Text)
    subject_kind: Mapped[str] = mapped_column(String(16))
    unit_kinds: Mapped[list[Any]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Criterion(Entity):
    """A node of a target group's criteria tree; leaves carry points and targets."""

    __tablename__ = "criterion"
    target_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("target_group.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("criterion.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    max_points: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal(0))
    target_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    target_unit: Mapped[str] = mapped_column(String(20), default="")
    target_direction: Mapped[str] = mapped_column(String(2), default="")
    target_text: Mapped[str] = mapped_column(Text, default="")
    scoring_rule: Mapped[str] = mapped_column(String(16), default="manual")
    evidence: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Score(Entity, SubjectMixin):
    """Self-assessed and appraised points of one subject on one criterion for one year."""

    __tablename__ = "score"
    __table_args__ = (
        SubjectMixin.subject_check(),
        UniqueConstraint("criterion_id", "unit_id", "person_id", "household_id", "year"),
    )
    criterion_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("criterion.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    result_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    self_points: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    verified_points: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    verifier: Mapped[str] = mapped_column(String(120), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")


class ScoreAdjustment(Entity, SubjectMixin):
    """Bonus or penalty points (điểm cộng / điểm trừ) with the reason."""

    __tablename__ = "score_adjustment"
    __table_args__ = (SubjectMixin.subject_check(),)
    movement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("movement.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    points: Mapped[Decimal] = mapped_column(Numeric(8, 2))  # negative for a penalty
    reason: Mapped[str] = mapped_column(Text)


# --- catalogue -------------------------------------------------------------------------------


class AwardType(Entity):
    """One title or award form under one legal regime (loaded from resources/, effective-dated)."""

    __tablename__ = "award_type"
    __table_args__ = (UniqueConstraint("code", "effective_from"),)
    code: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(250))
    category: Mapped[str] = mapped_column(String(16))
    subject_kinds: Mapped[list[Any]] = mapped_column(default=list)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)  # authority, coefficients, dossier…
    legal_source: Mapped[str] = mapped_column(String(250), default="")
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)


class BaseSalary(Entity):
    """Mức lương cơ sở by effective date; every amount says which row it used."""

    __tablename__ = "base_salary"
    amount: Mapped[int] = mapped_column(MONEY)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    legal_source: Mapped[str] = mapped_column(String(250))
    note: Mapped[str] = mapped_column(Text, default="")


# --- facts the eligibility rules read ---------------------------------------------------------


class TaskRatingRecord(Entity, SubjectMixin):
    __tablename__ = "task_rating"
    __table_args__ = (
        SubjectMixin.subject_check(),
        UniqueConstraint("person_id", "unit_id", "household_id", "year"),
    )
    year: Mapped[int] = mapped_column(Integer)
    rating: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(250), default="")


class Initiative(Entity, SubjectMixin):
    """A recognised sáng kiến or đề tài, with its scope."""

    __tablename__ = "initiative"
    __table_args__ = (SubjectMixin.subject_check(),)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="sang_kien")  # or de_tai
    scope: Mapped[str] = mapped_column(String(16))
    recognised_by: Mapped[str] = mapped_column(String(250), default="")
    decision: Mapped[str] = mapped_column(String(120), default="")


class Discipline(Entity, SubjectMixin):
    __tablename__ = "discipline"
    __table_args__ = (SubjectMixin.subject_check(),)
    level: Mapped[str] = mapped_column(String(40))  # khiển trách, cảnh cáo…
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(String(120), default="")


# --- rounds, nominations, council, decisions -------------------------------------------------


class NominationRound(Entity):
    __tablename__ = "nomination_round"
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    movement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("movement.id"), index=True)
    name: Mapped[str] = mapped_column(String(250))
    kind: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="mo")  # mo | da_dong
    nominations: Mapped[list[Nomination]] = relationship(back_populates="round")


class Nomination(Entity, SubjectMixin):
    __tablename__ = "nomination"
    __table_args__ = (SubjectMixin.subject_check(),)
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("nomination_round.id", ondelete="CASCADE"), index=True
    )
    award_code: Mapped[str] = mapped_column(String(40), index=True)
    achievements: Mapped[str] = mapped_column(Text, default="")
    proposed_by_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"))
    status: Mapped[str] = mapped_column(String(20), default="nhap", index=True)
    status_note: Mapped[str] = mapped_column(Text, default="")
    # What the rules engine said, and the money it computed, under the rules of `priced_on`.
    regime: Mapped[str] = mapped_column(String(20), default="")
    priced_on: Mapped[date | None] = mapped_column(Date)
    coefficient: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    base_salary: Mapped[int | None] = mapped_column(MONEY)
    amount: Mapped[int | None] = mapped_column(MONEY)
    verdict: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    round: Mapped[NominationRound] = relationship(back_populates="nominations")
    person: Mapped[Person | None] = relationship(foreign_keys="Nomination.person_id")
    unit: Mapped[Unit | None] = relationship(foreign_keys="Nomination.unit_id")
    household: Mapped[Household | None] = relationship(foreign_keys="Nomination.household_id")


class NominationEvent(Entity):
    """One status transition of a nomination, with the officer's comment."""

    __tablename__ = "nomination_event"
    nomination_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(120), default="")


class Attachment(Entity):
    """Evidence or a document file kept inside the database (hashed, so packages can verify)."""

    __tablename__ = "attachment"
    nomination_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))  # minh chứng, báo cáo thành tích, quyết định…
    filename: Mapped[str] = mapped_column(String(250))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class CouncilMeeting(Entity):
    __tablename__ = "council_meeting"
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("nomination_round.id", ondelete="CASCADE"), index=True
    )
    held_at: Mapped[datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(250), default="")
    chair: Mapped[str] = mapped_column(String(120), default="")
    secretary: Mapped[str] = mapped_column(String(120), default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[list[CouncilMember]] = relationship(
        cascade="all, delete-orphan", order_by="CouncilMember.position"
    )
    ballots: Mapped[list[Ballot]] = relationship(cascade="all, delete-orphan")


class CouncilMember(Entity):
    """A member of the council for one meeting, with attendance."""

    __tablename__ = "council_member"
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("council_meeting.id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40), default="uy_vien")
    present: Mapped[bool] = mapped_column(default=True)
    written_opinion: Mapped[bool] = mapped_column(default=False)  # absent, voted in writing
    position: Mapped[int] = mapped_column(Integer, default=0)


class Recusal(Entity):
    __tablename__ = "recusal"
    __table_args__ = (UniqueConstraint("member_id", "nomination_id"),)
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("council_member.id", ondelete="CASCADE")
    )
    nomination_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")


class Ballot(Entity):
    """The secret-ballot count of one nominee at one meeting."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("meeting_id", "nomination_id"),)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("council_meeting.id", ondelete="CASCADE")
    )
    nomination_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    yes: Mapped[int] = mapped_column(Integer, default=0)
    no: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)


class Decision(Entity):
    __tablename__ = "decision"
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    round_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("nomination_round.id"))
    symbol: Mapped[str] = mapped_column(String(40))  # «15/QĐ-UBND»
    signed_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    signer_authority: Mapped[str] = mapped_column(String(60), default="")
    signer_title: Mapped[str] = mapped_column(String(100), default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    base_salary: Mapped[int] = mapped_column(MONEY)
    base_salary_source: Mapped[str] = mapped_column(String(250), default="")
    total_amount: Mapped[int] = mapped_column(MONEY, default=0)
    lines: Mapped[list[DecisionLine]] = relationship(
        cascade="all, delete-orphan", order_by="DecisionLine.position"
    )


class DecisionLine(Entity, SubjectMixin):
    __tablename__ = "decision_line"
    __table_args__ = (SubjectMixin.subject_check(),)
    decision_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("nomination.id"))
    award_code: Mapped[str] = mapped_column(String(40))
    coefficient: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    amount: Mapped[int] = mapped_column(MONEY)
    position: Mapped[int] = mapped_column(Integer, default=0)


class AwardRecord(Entity, SubjectMixin):
    """Award history: what a subject received, when, by which decision."""

    __tablename__ = "award_record"
    # the history list, newest first, is read page by page along this index
    __table_args__ = (SubjectMixin.subject_check(), Index("ix_award_record_list", "year", "id"))
    award_code: Mapped[str] = mapped_column(String(40), index=True)
    award_name: Mapped[str] = mapped_column(String(250))
    year: Mapped[int] = mapped_column(Integer, index=True)
    decision_symbol: Mapped[str] = mapped_column(String(60), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    thematic: Mapped[bool] = mapped_column(default=False)  # chuyên đề: not a basis for công trạng
    source: Mapped[str] = mapped_column(String(16), default="recorded")
    decision_line_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("decision_line.id"))


# --- accounts ------------------------------------------------------------------------------


class UserAccount(Entity):
    """An officer who signs in to a shared database; local only, never exported."""

    __tablename__ = "users"
    login: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))  # chuyen_vien | lanh_dao | quan_tri
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt$n$r$p$salt$hash
    active: Mapped[bool] = mapped_column(default=True)


# --- audit -----------------------------------------------------------------------------------


class AuditEntry(Base):
    """Who changed what, when, with the values before and after. Local only, never exported."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Meta(Base):
    """Facts about the database file itself (which program created it, for which office…)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

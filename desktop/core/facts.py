"""Facts the eligibility rules read: award history, task ratings, initiatives, discipline."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from desktop.core import validate
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.bulk import bulk_insert
from desktop.store.kinds import AwardSource, Scope, TaskRating
from desktop.store.models import AwardRecord, Discipline, Initiative, TaskRatingRecord


@dataclass
class AwardInput:
    subject: Subject
    award_code: str
    award_name: str
    year: int
    decision_symbol: str = ""
    decision_date: date | None = None
    issuer: str = ""
    thematic: bool = False
    source: str = AwardSource.RECORDED.value
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class RatingInput:
    subject: Subject
    year: int
    rating: str
    source: str = ""


def _award_row(a: AwardInput) -> dict[str, Any]:
    if a.decision_date is not None and a.decision_date.year < a.year:
        raise UserError(_("A decision cannot be dated before the year it rewards."))
    return {
        "id": a.id,
        **a.subject.columns(),
        "award_code": validate.text(a.award_code, N_("Award"), max_len=40),
        "award_name": validate.text(a.award_name, N_("Award")),
        "year": validate.year(a.year),
        "decision_symbol": validate.text(a.decision_symbol, N_("Decision"), required=False,
                                         max_len=60),
        "decision_date": a.decision_date,
        "issuer": validate.text(a.issuer, N_("Issuer"), required=False, max_len=200),
        "thematic": a.thematic,
        "source": validate.choice(a.source, AwardSource, N_("Source")).value,
    }


class FactService(Part):
    def record_awards(self, awards: Iterable[AwardInput]) -> int:
        rows = [_award_row(a) for a in awards]
        with self._tx() as session:
            bulk_insert(session, AwardRecord, rows)
            self._audit(session, "award_record.import", entity="award_record",
                        after={"count": len(rows)},
                        summary=_("{n} awards recorded").format(n=len(rows)))
        return len(rows)

    def set_ratings(self, ratings: Iterable[RatingInput]) -> int:
        rows = [
            {
                "id": uuid.uuid4(),
                **r.subject.columns(),
                "year": validate.year(r.year),
                "rating": validate.choice(r.rating, TaskRating, N_("Task rating")).value,
                "source": validate.text(r.source, "", required=False),
            }
            for r in ratings
        ]
        with self._tx() as session:
            bulk_insert(session, TaskRatingRecord, rows)
            self._audit(session, "task_rating.import", entity="task_rating",
                        after={"count": len(rows)})
        return len(rows)

    def add_initiative(
        self, subject: Subject, *, year: int, title: str, scope: str, kind: str = "sang_kien",
        recognised_by: str = "", decision: str = "",
    ) -> Initiative:
        with self._tx() as session:
            obj = Initiative(
                **subject.columns(),
                year=validate.year(year),
                title=validate.text(title, N_("Initiative title"), max_len=2000),
                kind=kind if kind in ("sang_kien", "de_tai") else "sang_kien",
                scope=validate.choice(scope, Scope, N_("Scope")).value,
                recognised_by=validate.text(recognised_by, "", required=False),
                decision=validate.text(decision, "", required=False, max_len=120),
            )
            session.add(obj)
            self._audit(session, "initiative.create", obj, summary=obj.title)
            return obj

    def add_discipline(
        self, subject: Subject, *, level: str, start: date, end: date | None = None,
        decision: str = "",
    ) -> Discipline:
        validate.date_range(start, end)
        with self._tx() as session:
            obj = Discipline(
                **subject.columns(),
                level=validate.text(level, N_("Discipline"), max_len=40),
                start=start,
                end=end,
                decision=validate.text(decision, "", required=False, max_len=120),
            )
            session.add(obj)
            self._audit(session, "discipline.create", obj, summary=obj.level)
            return obj

    def history(self, subject: Subject) -> list[AwardRecord]:
        col = {"ca_nhan": AwardRecord.person_id, "tap_the": AwardRecord.unit_id,
               "ho_gia_dinh": AwardRecord.household_id}[subject.kind.value]
        with self.services.reading() as session:
            return list(session.scalars(
                select(AwardRecord).where(col == subject.id).order_by(AwardRecord.year)))

"""The records of many report subjects are read in a few queries, whatever their number."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from desktop.core import achievements as a
from desktop.core.service import Subject
from desktop.store.database import Database
from desktop.store.models import (
    AwardRecord,
    Criterion,
    Household,
    Movement,
    Person,
    Score,
    TargetGroup,
    TaskRatingRecord,
    Unit,
)


def _subjects(s: Any) -> list[Subject]:
    people = [Subject.person(i) for i in s.scalars(select(Person.id))]
    units = [Subject.unit(i) for i in s.scalars(select(Unit.id))]
    households = [Subject.household(i) for i in s.scalars(select(Household.id))]
    return people + units + households


def _queries(db: Database, work: Any) -> int:
    seen: list[str] = []

    def count(*_args: object) -> None:
        seen.append("q")

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_a_few_queries_for_every_subject(demo_db: Database) -> None:
    with demo_db.sessions() as s:
        subjects = _subjects(s)
        movement = s.scalars(select(Movement.id).order_by(Movement.code)).first()
        assert movement is not None and len(subjects) > 100

        def read(chosen: list[Subject]) -> None:
            s.expunge_all()
            book = a.Book(s, chosen)
            for subject in chosen:
                book.profile(subject)
                book.history(subject, before_year=2025)
                book.ratings(subject, range(2021, 2025))
                book.initiatives(subject)
                book.criterion_results(movement, subject)

        one_of_each = [next(x for x in subjects if x.kind is k) for k in {x.kind for x in subjects}]
        few = _queries(demo_db, lambda: read(one_of_each))
        many = _queries(demo_db, lambda: read(subjects))
        assert many <= few + 3 and many <= 25  # not one per subject (hundreds here)


def test_what_the_book_reads_is_what_is_recorded(demo_db: Database) -> None:
    with demo_db.sessions() as s:
        subjects = _subjects(s)
        book = a.Book(s, subjects)
        awarded = s.scalars(select(AwardRecord).where(AwardRecord.person_id.is_not(None))
                            .order_by(AwardRecord.year, AwardRecord.id)).first()
        assert awarded is not None
        who = Subject.person(awarded.person_id)
        lines = book.history(who)
        names = [x.name for x in lines.titles + lines.forms]
        assert awarded.award_name in names
        assert awarded.award_name not in [
            x.name for x in [*book.history(who, before_year=awarded.year).titles,
                             *book.history(who, before_year=awarded.year).forms]
            if x.year == awarded.year]
        rated = s.scalars(select(TaskRatingRecord).order_by(TaskRatingRecord.id)).first()
        assert rated is not None
        rated_subject = Subject.of(rated)
        assert (rated.year, a.RATING_WORDS[rated.rating]) in book.ratings(
            rated_subject, range(rated.year, rated.year + 1))
        assert book.ratings(rated_subject, range(1900, 1901)) == []
        scored = s.scalars(select(Score).where(Score.self_points.is_not(None))
                           .order_by(Score.id)).first()
        assert scored is not None
        movement = s.scalar(select(TargetGroup.movement_id).join(
            Criterion, Criterion.target_group_id == TargetGroup.id).where(
            Criterion.id == scored.criterion_id))
        assert movement is not None
        results = book.criterion_results(movement, Subject.of(scored))
        assert results is not None and results.rows
        assert results.total <= results.maximum
        person = s.get(Person, who.id)
        assert person is not None and book.profile(who).name == person.full_name

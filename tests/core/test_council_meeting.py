"""Meeting mode of the council service: attendance, recusals, the agenda and its verdicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.council import council_vote
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import Database
from desktop.store.models import AuditEntry


def test_attendance_recusal_and_verdicts_of_the_demo_meeting(demo_db: Database) -> None:
    services = Services(demo_db, actor="thư ký")
    rnd = services.rounds.all_rounds()[0]
    meeting = services.council.meetings(rnd.id)[0]
    agenda = services.council.agenda(meeting.id)
    assert len(agenda) == 22 and all(item.ballot for item in agenda)
    catalogue = services.catalogue.load()
    first = agenda[0]
    assert len(first.recused) == 1
    verdict = council_vote(catalogue, meeting, first)
    assert verdict.passed and verdict.members_total == 11 and verdict.written == 1

    member = meeting.members[0]
    with pytest.raises(UserError, match="bỏ chọn ý kiến bằng văn bản"):
        services.council.set_attendance(member.id, present=True, written_opinion=True)
    services.council.set_attendance(member.id, present=False, written_opinion=False)
    assert services.council.voters(meeting.id, agenda[1].nomination.id) == 10

    recused = next(iter(first.recused))
    services.council.withdraw_recusal(recused, first.nomination.id)
    assert services.council.agenda(meeting.id)[0].recused == frozenset()
    with services.reading() as session:
        actions = [e.action for e in session.scalars(
            select(AuditEntry).where(AuditEntry.actor == "thư ký").order_by(AuditEntry.id))]
    assert actions == ["council.attendance", "council.recusal_withdrawn"]

    services.council.record_ballot(meeting.id, agenda[1].nomination.id, yes=2, no=8)
    item = services.council.agenda(meeting.id)[1]
    meeting = services.council.meetings(rnd.id)[0]
    assert not council_vote(catalogue, meeting, item).passed

"""An office may set a stricter approval threshold than the law's; the council result follows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.council import council_vote
from desktop.core.screening import shipped_catalogue
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import Database
from desktop.store.models import AuditEntry


def test_an_office_threshold_changes_the_result(demo_db: Database) -> None:
    svc = Services(demo_db)
    rnd = svc.rounds.all_rounds()[0]
    meeting = svc.council.meetings(rnd.id)[0]
    items = [i for i in svc.council.agenda(meeting.id)
             if i.ballot and i.nomination.award_code == "GIAY_KHEN"]
    passed = [i for i in items if council_vote(shipped_catalogue(), meeting, i).passed]
    assert passed
    svc.council.set_threshold("GIAY_KHEN", Decimal("1"))
    assert svc.council.thresholds() == {"GIAY_KHEN": "1"}
    stricter = [council_vote(shipped_catalogue(), meeting, i, svc.council.thresholds())
                for i in passed]
    unanimous = [i for i in passed if i.ballot and i.ballot[0] == len(meeting.members)]
    assert sum(r.passed for r in stricter) == len(unanimous) < len(passed)
    svc.council.set_threshold("GIAY_KHEN", None)
    assert svc.council.thresholds() == {}
    with svc.reading() as session:
        audited = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "council.threshold"))
    assert audited == 2


@pytest.mark.parametrize("share", [Decimal("0"), Decimal("1.2"), Decimal("-0.5")])
def test_a_threshold_outside_zero_to_one_is_refused(demo_db: Database, share: Decimal) -> None:
    svc = Services(demo_db)
    with pytest.raises(UserError, match="0,8|0.8"):
        svc.council.set_threshold("CSTDCS", share)
    assert svc.council.thresholds() == {}

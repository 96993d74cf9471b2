"""A province on PostgreSQL receives the dossiers of 50 commune offices into one database.

Small packages (two nominees each) keep it quick; tests/bench/bench_packages.py imports bigger
ones from more offices.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from desktop import paths
from desktop.core.service import Services
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService
from desktop.store import models as m
from desktop.store.database import open_database
from tests.exchange.conftest import set_up_province
from tests.exchange.offices import PASSPHRASE, send_from_offices

OFFICES, NOMINEES = 50, 2


def test_packages_from_50_offices_in_one_server_database(pg_url: str, tmp_path: Path) -> None:
    province_home = tmp_path / "tinh"
    sent = send_from_offices(tmp_path, province_home, OFFICES, NOMINEES)
    assert len({s.path for s in sent}) == OFFICES
    paths.set_home(province_home)
    with open_database(pg_url) as db:
        set_up_province(db)
        exchange = ExchangeService(Services(db, actor="Chuyên viên Sở"))
        own = keys.load_public().fingerprint
        for s in sent:
            summary = exchange.apply(package.read(s.path, lambda: ""), own_fingerprint=own)
            assert summary.total("new") > 0 and summary.total("conflicts") == 0
        again = exchange.apply(package.read(sent[7].path, lambda: ""), own_fingerprint=own)
        assert again.total("new") == 0  # a package received twice changes nothing
        with db.sessions() as s:
            offices = s.scalars(select(m.Office.name).where(m.Office.is_own.is_(False))).all()
            people = s.scalar(select(func.count()).select_from(m.Person))
            nominations = s.scalars(select(m.Nomination)).all()
            rounds = s.scalar(select(func.count()).select_from(m.NominationRound))
            received = s.scalar(select(func.count()).select_from(m.Meta).where(
                m.Meta.key.like("xpkg:%")))
    assert sorted(offices) == sorted(s.office for s in sent)
    assert people == len(nominations) == OFFICES * NOMINEES
    assert rounds == OFFICES and received == OFFICES
    assert {n.round_id for n in nominations}.__len__() == OFFICES
    assert all(n.award_code == "GIAY_KHEN" for n in nominations)
    assert PASSPHRASE  # the offices' keys were sealed with it

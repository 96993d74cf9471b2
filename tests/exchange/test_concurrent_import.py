"""Two officers importing the same package at the same moment, on two connections to one
database: it is applied once, and the other officer is told it was already received."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import paths
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService, ImportSummary
from desktop.store import models as m
from desktop.store.database import open_database
from tests.exchange.conftest import PASSPHRASE, set_up_province


@pytest.mark.both_backends
def test_the_same_package_imported_twice_at_once_is_applied_once(
        sent: Path, db: Any, homes: dict[str, Path]) -> None:
    set_up_province(db)
    paths.set_home(homes["province"])
    own = keys.load_public().fingerprint
    second = open_database(db.url)
    start = threading.Barrier(2)
    results: dict[str, ImportSummary | UserError] = {}

    def officer(database: Any, name: str) -> None:
        pkg = package.read(sent, lambda: keys.load_keys(PASSPHRASE, with_age=True).age_identity)
        service = ExchangeService(Services(database, actor=name))
        start.wait()
        try:
            results[name] = service.apply(pkg, own_fingerprint=own)
        except UserError as exc:
            results[name] = exc

    try:
        threads = [threading.Thread(target=officer, args=(d, n))
                   for d, n in ((db, "Nguyễn Văn An"), (second, "Trần Thị Bình"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        second.close()
    summaries = [r for r in results.values() if isinstance(r, ImportSummary)]
    assert len(summaries) == 2, results  # neither officer saw an error
    assert sorted(s.already for s in summaries) == [False, True]
    applied = next(s for s in summaries if not s.already)
    with db.sessions() as s:
        imports = s.scalars(select(m.AuditEntry.actor).where(
            m.AuditEntry.action == "exchange.import")).all()
        nominations = s.scalar(select(func.count()).select_from(m.Nomination))
    assert len(imports) == 1
    assert nominations == applied.nominations > 0
